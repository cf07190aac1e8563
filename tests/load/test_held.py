"""Excerpts held as columns (a JSON Lines load) against the same excerpts held as objects.

Generated casebooks (every claim kind, relations of every kind, relays, withdrawals, bounded and
imprecise times in Seoul and Los Angeles, quotes with escapes, Korean, emoji and spaces of every
kind) are written as JSON Lines and loaded: their excerpts are then held as columns, their quotes
left in the file. They must load equal to the same casebook written as TOML (objects, the oracle),
and resolve, explain, list findings and look up excerpts exactly as it does, and as the reference
resolver does.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
import tomllib
from pathlib import Path

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck._excerptcols import StoredExcerpts
from factcheck._integrity import integrity
from factcheck._quotefile import CasebookChangedError
from tests.reference.resolution import Resolver as ReferenceResolver
from tests.reference.test_differential import ZONES, _instants, _view, casebooks

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

#: Quotes as sources write them: quotation marks and backslashes (written with escapes), Korean,
#: accents, an emoji (a surrogate pair when escaped), tabs and unusual spaces, colons. Not a
#: quotation mark before a colon, spaced or not (nor a colon first, after the opening one): a
#: line holding one is read the precise way (tests/load/test_fastlines.py), and here every line
#: should be held as columns.
QUOTES = st.text(st.sampled_from(list('ab Z"\\:한국어é😀\t\u3000\u2028.,')), min_size=1,
                 max_size=40).filter(lambda q: q.strip() != "" and not re.search(r'" *:', f'"{q}'))


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def as_json_lines(casebook: factcheck.Casebook, root: Path, ascii_only: bool) -> tuple[Path, Path]:
    """``casebook`` saved as TOML under ``root/toml``, and the same records as JSON Lines under
    ``root/jsonl`` (one file of sources, one of claims): the two folders."""
    toml, jsonl = root / "toml", root / "jsonl"
    factcheck.save(casebook, toml)
    (jsonl / "sources").mkdir(parents=True)
    (jsonl / "claims").mkdir()
    if (toml / "casebook.toml").exists():
        (jsonl / "casebook.toml").write_bytes((toml / "casebook.toml").read_bytes())

    def line(record: dict[str, object]) -> str:
        return json.dumps(record, ensure_ascii=ascii_only, default=_plain) + "\n"

    sources = [tomllib.loads(p.read_text("utf-8")) for p in sorted((toml / "sources").glob("*"))]
    (jsonl / "sources" / "all.jsonl").write_text("".join(map(line, sources)), "utf-8")
    rows = []
    for path in sorted((toml / "claims").glob("*.toml")):
        doc = tomllib.loads(path.read_text("utf-8"))
        zone = doc.get("zone")
        for key, kind in (("stakeholders", "stakeholder"), ("properties", "property"),
                          ("claims", "claim"), ("relations", "relation")):
            for record in doc.get(key, []):
                rows.append(line({"type": kind, **({"zone": zone} if zone else {}), **record}))
    (jsonl / "claims" / "all.jsonl").write_text("".join(rows), "utf-8")
    return toml, jsonl


@st.composite
def quoted_casebooks(draw: st.DrawFn) -> factcheck.Casebook:
    """A generated casebook whose quotes are drawn from :data:`QUOTES`, valid as a whole."""
    casebook = draw(casebooks())
    sources = [attrs.evolve(s, excerpts=[attrs.evolve(e, quote=draw(QUOTES)) for e in s.excerpts])
               for s in casebook.sources]
    casebook = attrs.evolve(casebook, sources=sources)
    assume(not integrity(casebook))
    return casebook


def said(findings: list[factcheck.Finding]) -> list[tuple[object, ...]]:
    """What each finding says and at which key paths, in an order that does not depend on files:
    a TOML file per source, one JSON Lines file for all (findings sort by file, then key path)."""
    return sorted((f.severity.rank, f.code, f.message, sorted(p.path or "" for p in f.places))
                  for f in findings)


def _held(casebook: factcheck.Casebook) -> int:
    return sum(isinstance(s.excerpts, StoredExcerpts) for s in casebook.sources)


class TestHeldAsColumns:
    @SETTINGS
    @given(quoted_casebooks(), st.booleans(), st.data())
    def test_same_casebook_same_answers(self, tmp_path_factory, casebook, ascii_only, data):
        """Loaded from JSON Lines (columns) and from TOML (objects): equal casebooks, the same
        evidence columns, and the same answers, explanations, quotes and findings, which are also
        the reference resolver's."""
        root = tmp_path_factory.mktemp("held")
        toml_root, jsonl_root = as_json_lines(casebook, root, ascii_only)
        objects = factcheck.load(toml_root)
        held = factcheck.load(jsonl_root)
        assert _held(held) == len(held.sources) and not _held(objects)
        assert objects == held
        assert objects == factcheck.load(jsonl_root, hold_quotes=True)
        assert repr(objects.sources) == repr(held.sources)
        # The evidence columns, array by array.
        a, b = objects.resolver().columns, held.resolver().columns
        for name in ("claim", "known_us", "withdrawn_us", "revision", "withdrawn", "origin",
                     "stance", "first_party", "excerpt", "offsets"):
            assert np.array_equal(getattr(a, name), getattr(b, name)), name
        assert a.origins == b.origins
        # Every answer, with its evidence's quotes.
        reference = ReferenceResolver(held)
        for t in _instants(held, data):
            tz = data.draw(st.sampled_from([None, *ZONES]))
            for claim in held.claims:
                mine, theirs = held.resolver().at(claim.id, t, tz), objects.resolver().at(
                    claim.id, t, tz)
                assert _view(mine, tz) == _view(theirs, tz) == _view(
                    reference.at(claim.id, t, tz), tz)
                assert ([e.quote for e in mine.evidence] == [e.quote for e in theirs.evidence])
        for claim in held.claims:
            assert held.timeline(claim.id).steps == objects.timeline(claim.id).steps
        # The same findings (each file's own: a TOML file and a line of JSON Lines place them
        # differently, and findings are ordered by place too).
        assert said(held.findings()) == said(objects.findings())
        # Excerpts by id: the same, in the same order, found without a dict of them.
        assert list(held.excerpt_by_id) == list(objects.excerpt_by_id)
        assert len(held.excerpt_by_id) == len(objects.excerpt_by_id)
        for excerpt_id, excerpt in objects.excerpt_by_id.items():
            assert excerpt == held.excerpt_by_id[excerpt_id]
        assert "e-none" not in held.excerpt_by_id
        # Pickled (as a distributed run sends them), a held source is the tuple it equals.
        for source in held.sources:
            assert pickle.loads(pickle.dumps(source)) == source
            assert hash(source) == hash(objects.source_by_id[source.id])


def _bulk(tmp_path: Path, quote: str = "The board said so.") -> Path:
    root = tmp_path / "bulk"
    (root / "sources").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "claims" / "all.jsonl").write_text(
        '{"type":"stakeholder","id":"p","name":"P","kind":"person"}\n'
        '{"type":"claim","id":"c","kind":"event","text":"C.","subjects":["p"],"claimant":"p"}\n',
        "utf-8")
    (root / "sources" / "wire.jsonl").write_text(json.dumps({
        "id": "wire", "title": "Wire", "kind": "article", "publisher": "Wire",
        "language": "en", "zone": "UTC", "revisions": [{"id": "r0", "published": "2023-11-17"}],
        "excerpts": [{"id": "x", "revision": "r0", "quote": quote,
                      "stances": {"c": "asserts"}}]}, ensure_ascii=False) + "\n", "utf-8")
    return root


class TestQuotesInTheFile:
    def test_a_quote_is_read_from_the_file(self, tmp_path):
        root = _bulk(tmp_path, "이사회는 \"신뢰를\" 잃었다")
        casebook = factcheck.load(root)
        excerpts = casebook.sources[0].excerpts
        assert isinstance(excerpts, StoredExcerpts)
        assert '이사회는 "신뢰를" 잃었다' == excerpts[0].quote

    def test_a_byte_order_mark_moves_nothing(self, tmp_path):
        root = _bulk(tmp_path, "Plain words.")
        path = root / "sources" / "wire.jsonl"
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
        assert "Plain words." == factcheck.load(root).sources[0].excerpts[0].quote

    @pytest.mark.parametrize("change", ["edited", "replaced", "removed"])
    def test_a_changed_file_is_never_read(self, tmp_path, change):
        """A quote is never read from another version of its file: the error names the file and
        says what to do; a casebook holding its quotes is not affected."""
        root = _bulk(tmp_path, "Plain words.")
        casebook = factcheck.load(root)
        kept = factcheck.load(root, hold_quotes=True)
        path = root / "sources" / "wire.jsonl"
        text = path.read_text("utf-8").replace("Plain words.", "Other words!")
        if change == "edited":
            path.write_text(text, "utf-8")
        elif change == "replaced":
            (root / "new.jsonl").write_text(text, "utf-8")
            os.replace(root / "new.jsonl", path)
        else:
            path.unlink()
        with pytest.raises(CasebookChangedError, match=r"wire\.jsonl.*load the casebook again"):
            casebook.sources[0].excerpts[0].quote  # noqa: B018
        assert isinstance(CasebookChangedError("x"), factcheck.CasebookError)
        assert "Plain words." == kept.sources[0].excerpts[0].quote


class TestChangedAfterLoading:
    def test_revisions_reordered_or_dropped(self, tmp_path):
        """A held source whose revisions are changed after loading (``attrs.evolve``) resolves as
        the same source with its excerpts as a tuple: its excerpts name revisions by id."""
        root = _bulk(tmp_path)
        path = root / "sources" / "wire.jsonl"
        record = json.loads(path.read_text("utf-8"))
        record["revisions"].append({"id": "r1", "published": "2023-11-18"})
        record["excerpts"][0]["revision"] = "r1"
        path.write_text(json.dumps(record) + "\n", "utf-8")
        casebook = factcheck.load(root)
        wire = casebook.sources[0]
        assert isinstance(wire.excerpts, StoredExcerpts)
        changed = attrs.evolve(wire, revisions=tuple(reversed(wire.revisions)))
        held = attrs.evolve(casebook, sources=[changed])
        plain = attrs.evolve(casebook, sources=[attrs.evolve(changed,
                                                             excerpts=tuple(changed.excerpts))])
        for t in ("2023-11-17T12:00Z", "2023-11-18T12:00Z", "2023-11-19T12:00Z"):
            assert _view(held.status("c", t), None) == _view(plain.status("c", t), None)
        assert held.status("c", "2023-11-19T12:00Z").evidence[0].revision == "r1"
