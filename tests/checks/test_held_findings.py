"""Findings of excerpts held as columns (a JSON Lines load) against the same excerpts as objects.

``factcheck check`` reads held excerpts through their columns (``_heldchecks``): no excerpt is
made, no quote is read. Generated casebooks that give findings (anachronisms of events and states,
withdrawals before the excerpt counts, publications known only by a lower bound, claims without
excerpts) must give exactly the findings the same excerpts give held as objects: the same
casebook with each source's excerpts made into a tuple (same files, same lines), and the casebook
written as TOML (its own files: compared by severity, code, message and key paths).
"""

from __future__ import annotations

import json

import attrs
import numpy as np
import pendulum
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck import Claim, ClaimKind, Excerpt, Stance
from factcheck._bounds import parse_time
from factcheck._checks import (
    _anachronisms,
    _lower_bounds,
    _unsupported,
    _withdrawn_before_counted,
)
from factcheck._excerptcols import ExcerptColumns, StoredExcerpts
from factcheck._heldchecks import HeldRows, Instants
from factcheck._integrity import integrity
from factcheck._quotefile import FileTexts
from factcheck._when import Order, zone_of
from tests.load.test_held import QUOTES, as_json_lines, said
from tests.reference.test_differential import casebooks, times

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@st.composite
def finding_casebooks(draw: st.DrawFn) -> factcheck.Casebook:
    """A generated casebook (quotes as :data:`QUOTES`) whose checks find things: events and
    states valid at times near the revisions' (often after them: anachronisms), claims no excerpt
    names, withdrawals by revisions published no later than the excerpt's own, and revisions
    known only by a lower bound (the generator's ``>= …``)."""
    casebook = draw(casebooks())
    claims = []
    for claim in casebook.claims:
        if claim.kind is ClaimKind.EVENT and draw(st.booleans()):
            # A state, or an event never scheduled, valid in the week of the case.
            kind = draw(st.sampled_from([ClaimKind.STATE, ClaimKind.EVENT]))
            claim = attrs.evolve(claim, kind=kind, valid=draw(times(bounds=False)),
                                 scheduled=False)
        claims.append(claim)
    for n in range(draw(st.integers(0, 2))):  # named by no excerpt
        claims.append(Claim(f"alone{n}", ClaimKind.STATE, "alone", ("p0",), "p0",
                            valid=draw(times(bounds=False))))
    sources = []
    named = [c.id for c in claims if not c.id.startswith("alone")]
    for s, source in enumerate(casebook.sources):
        revisions = [r.id for r in source.revisions]
        excerpts = []
        for excerpt in source.excerpts:
            gone = draw(st.one_of(st.just(excerpt.withdrawn_in),
                                  _withdrawing(source, excerpt.revision)))
            excerpts.append(attrs.evolve(excerpt, quote=draw(QUOTES), withdrawn_in=gone))
        for k in range(draw(st.integers(0, 3))):  # reporting claims as having happened
            stances = {c: draw(st.sampled_from([Stance.ASSERTS, Stance.SUPPORTS]))
                       for c in draw(st.lists(st.sampled_from(named), min_size=1, max_size=2,
                                              unique=True))}
            revision = draw(st.sampled_from(revisions))
            excerpts.append(Excerpt(f"s{s}-more{k}", revision, draw(QUOTES), stances,
                                    withdrawn_in=draw(_withdrawing(source, revision)),
                                    source=source.id))
        sources.append(attrs.evolve(source, excerpts=excerpts))
    casebook = attrs.evolve(casebook, sources=sources, claims=claims)
    assume(not integrity(casebook))
    return casebook


def _withdrawing(source: factcheck.Source, revision: str) -> st.SearchStrategy[str | None]:
    """No revision, or one of the source's that may withdraw an excerpt of ``revision`` (not
    published before it: integrity), often one that counts no later than it does."""
    own = next(r.published for r in source.revisions if r.id == revision)
    return st.sampled_from([None, *(r.id for r in source.revisions if r.id != revision
                                    and r.published.compare(own) is not Order.BEFORE)])


def _objects(casebook: factcheck.Casebook) -> factcheck.Casebook:
    """The same casebook, from the same files, its excerpts held as objects."""
    return attrs.evolve(casebook, sources=[attrs.evolve(s, excerpts=tuple(s.excerpts))
                                           for s in casebook.sources])


def _no_excerpt_made(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object) -> None:
        raise AssertionError("an excerpt was made, or a quote read")

    monkeypatch.setattr(ExcerptColumns, "excerpt", refused)
    monkeypatch.setattr(FileTexts, "__getitem__", refused)


class TestHeldFindings:
    @SETTINGS
    @given(finding_casebooks(), st.booleans())
    def test_same_findings_as_objects(self, tmp_path_factory, casebook, ascii_only):
        """Held as columns, as a tuple of the same excerpts, and written as TOML: the same
        findings (the first two finding for finding, file, line and key path included)."""
        root = tmp_path_factory.mktemp("findings")
        toml_root, jsonl_root = as_json_lines(casebook, root, ascii_only)
        held = factcheck.load(jsonl_root)
        assert all(isinstance(s.excerpts, StoredExcerpts) for s in held.sources)
        found = held.findings()
        assert _objects(held).findings() == found
        assert said(factcheck.load(toml_root).findings()) == said(found)

    @SETTINGS
    @given(finding_casebooks(), st.data())
    def test_a_changed_source(self, tmp_path_factory, casebook, data):
        """A held source given other publication times (its revisions' ids kept), its revisions
        in another order, or fewer of them: each check of excerpts finds what it finds in the
        same source holding its excerpts as objects (the checks alone: the resolver, which
        ``findings`` also asks, reads held excerpts' revisions by place)."""
        root = tmp_path_factory.mktemp("changed")
        _, jsonl_root = as_json_lines(casebook, root, False)
        held = factcheck.load(jsonl_root)
        sources = []
        for source in held.sources:
            revisions = [attrs.evolve(r, published=data.draw(times())) if data.draw(st.booleans())
                         else r for r in data.draw(st.permutations(source.revisions))]
            if data.draw(st.booleans()):
                revisions = revisions[:-1]  # an excerpt may name it: read as objects
            sources.append(attrs.evolve(source, revisions=revisions))
        changed = attrs.evolve(held, sources=sources)
        objects = _objects(changed)
        for check in (_anachronisms, _unsupported, _withdrawn_before_counted, _lower_bounds):
            try:
                expected = check(objects, HeldRows(objects))
            except KeyError as exc:  # an excerpt of a revision the source no longer has
                with pytest.raises(KeyError, match=str(exc)):
                    check(changed, HeldRows(changed))
            else:
                assert set(expected) == set(check(changed, HeldRows(changed)))


def _bulk(tmp_path):
    """A JSON Lines casebook with one finding of each kind its excerpts give."""
    root = tmp_path / "bulk"
    (root / "sources").mkdir(parents=True)
    (root / "claims").mkdir()
    records = [
        {"type": "stakeholder", "id": "p", "name": "P", "kind": "person"},
        {"type": "claim", "id": "later", "kind": "state", "text": "L.", "subjects": ["p"],
         "claimant": "p", "valid": "2023-11-20 UTC"},
        {"type": "claim", "id": "alone", "kind": "event", "text": "A.", "subjects": ["p"],
         "claimant": "p"},
        {"type": "claim", "id": "c", "kind": "event", "text": "C.", "subjects": ["p"],
         "claimant": "p"},
    ]
    (root / "claims" / "all.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), "utf-8")
    source = {
        "id": "wire", "title": "Wire", "kind": "article", "publisher": "Wire", "language": "en",
        "zone": "UTC", "revisions": [{"id": "r0", "published": "2023-11-17"},
                                     {"id": "r1", "published": "2023-11-17T10:00"},
                                     {"id": "r2", "published": ">= 2023-11-18"}],
        "excerpts": [
            {"id": "x0", "revision": "r0", "quote": "Q0.", "stances": {"later": "supports"}},
            {"id": "x1", "revision": "r0", "quote": "Q1.", "stances": {"c": "asserts"},
             "withdrawn_in": "r1"},
            {"id": "x2", "revision": "r2", "quote": "Q2.", "stances": {"c": "mentions"}},
        ]}
    (root / "sources" / "wire.jsonl").write_text(json.dumps(source) + "\n", "utf-8")
    return root


class TestNothingMade:
    def test_findings_make_no_excerpt_and_read_no_quote(self, tmp_path, monkeypatch):
        """Every finding of held excerpts, found without making one or reading its quote."""
        casebook = factcheck.load(_bulk(tmp_path))
        expected = _objects(casebook).findings()
        _no_excerpt_made(monkeypatch)
        found = casebook.findings()
        assert expected == found
        assert [("anachronism", "excerpts[0].stances.later"),
                ("no-excerpt", "claims[1]"),
                ("publication-lower-bound", "revisions[2].published"),
                ("withdrawn-before-counted", "excerpts[1].withdrawn_in")] == sorted(
                    (f.code, f.path) for f in found)

    def test_a_wall_clock_comparison(self):
        """Two times of one zone compare by their wall clocks, as Python compares them, others
        by the instants they name: the rows chosen are those the objects' comparison chooses."""
        # 01:30 on the night clocks go back in Los Angeles: the first (PDT), then the second (PST),
        # an hour later but the same on the wall.
        los_angeles = zone_of("America/Los_Angeles")
        first = pendulum.datetime(2023, 11, 5, 8, 30, tz="UTC").in_timezone(los_angeles)
        second = pendulum.datetime(2023, 11, 5, 9, 30, tz="UTC").in_timezone(los_angeles)
        assert second.timestamp() > first.timestamp() and second <= first
        utc = parse_time("2023-11-05T09:00 UTC").start
        instants = Instants()
        a, b, c = instants.add(second), instants.add(first), instants.add(utc)
        got = instants.at_most(np.array([a, b, c, a, c]), np.array([b, a, a, c, b]))
        assert [second <= first, first <= second, utc <= second, second <= utc,
                utc <= first] == got.tolist()
