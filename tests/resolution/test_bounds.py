"""Bounded times end to end: a filing public by 06:44 ET, a fall after the New York close.

The case (``data/bounded``): Acme's 13D filing is known only as public by 06:44 ET on 14 April 2022
(``"<= 2022-04-14T06:44"``); a Seoul wire reported the stake at 19:30 KST (06:30 ET) and the
after-hours fall at 06:00 KST the next morning; an undated blog post can only be placed after
the close (``">= 2022-04-14T13:00"`` Pacific).
"""

from __future__ import annotations

import json
import shutil
import tomllib
from importlib import resources
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck
from factcheck import (
    Bounded,
    BoundSide,
    Casebook,
    Excerpt,
    Precision,
    Revision,
    Severity,
    Status,
    parse_time,
)
from factcheck._convert import converter

from .strategies import casebooks, instants

BOOK = Path(__file__).parent / "data" / "bounded"
NEW_YORK, SEOUL, LOS_ANGELES = "America/New_York", "Asia/Seoul", "America/Los_Angeles"


@pytest.fixture(scope="module")
def book() -> factcheck.Casebook:
    return factcheck.load(BOOK)


def _with_source(book: factcheck.Casebook, source: factcheck.Source) -> factcheck.Casebook:
    return attrs.evolve(book, sources=[*book.sources, source])


def _post(published: str, claim: str, stance: str = "asserts") -> factcheck.Source:
    """A Los Angeles post, published at ``published``, taking ``stance`` on ``claim``."""
    return factcheck.Source(
        "la-post", "A post", factcheck.SourceKind.SOCIAL_POST, "An LA trader", "en", LOS_ANGELES,
        [Revision("r1", parse_time(published, LOS_ANGELES))],
        [Excerpt("la-post-1", "r1", "Down after the bell.", {claim: stance}, source="la-post")])


class TestUpperBoundCounts:
    """A publication known only as public by a time counts from that bound."""

    def test_from_the_bound_in_every_zone(self, book):
        """Public by 06:44 ET: confirmed from 06:45 ET, which is 19:45 KST and 03:45 PDT."""
        for zone, before, after in ((NEW_YORK, "06:44:59", "06:45"), (SEOUL, "19:44:59", "19:45"),
                                    (LOS_ANGELES, "03:44:59", "03:45")):
            assert (Status.REPORTED, Status.CONFIRMED) == (
                book.status("acme-holds-stake", f"2022-04-14T{before}", tz=zone).status,
                book.status("acme-holds-stake", f"2022-04-14T{after}", tz=zone).status), zone

    def test_may_already_count_before_the_bound(self, book):
        """Before its bound the filing may already be public: the resolution says so."""
        res = book.status("acme-holds-stake", "2022-04-14T06:00", tz=NEW_YORK)
        assert (Status.UNREPORTED, True) == (res.status, res.may_have_changed)
        assert ["edgar-13d-stake"] == [e.excerpt for e in res.pending_publications]
        assert res.explain(LOS_ANGELES).endswith(
            "It may already have changed: edgar-13d filed (published no later than 2022-04-14 "
            "03:44 PDT, counted from 2022-04-14 03:45 PDT) may be public by then.")

    def test_explained_with_the_bound(self, book):
        """The explanation names the bound and when it counted from, in the reader's zone."""
        assert book.status("acme-holds-stake", "2022-04-15", tz=SEOUL).explain().startswith(
            "confirmed since 2022-04-14 19:45 KST: first-party: edgar-13d (Acme Holdings, no "
            "later than 2022-04-14 19:44 KST, counted from 2022-04-14 19:45 KST; excerpt "
            "edgar-13d-stake)")

    def test_timeline_steps_at_the_bound(self, book):
        """The timeline changes when the wire counts, then at the bound."""
        steps = book.timeline("acme-holds-stake", tz=NEW_YORK).steps
        assert [(None, Status.UNREPORTED), ("2022-04-14T06:31:00-04:00", Status.REPORTED),
                ("2022-04-14T06:45:00-04:00", Status.CONFIRMED)] == [
            (s.since.in_timezone(NEW_YORK).isoformat() if s.since else None, s.resolution.status)
            for s in steps]


class TestLowerBoundPublication:
    """A publication known only as no earlier than a time never counts, and check says so."""

    def test_never_evidence(self, book):
        """The undated blog's excerpt is in no resolution, however late the as-of."""
        res = book.status("shares-fall-after-close", "2030-01-01", tz=SEOUL)
        assert (Status.REPORTED, ("Seoul Wire",)) == (res.status, res.origins)
        assert "undated-blog-fall" not in [e.excerpt for e in res.evidence]
        assert not res.may_have_changed

    def test_warned(self, book):
        """``publication-lower-bound``: a warning at the revision's published time, with line."""
        found = [f for f in book.findings() if f.code == "publication-lower-bound"]
        assert [(Severity.WARNING, "sources/undated-blog.toml", "revisions[0].published", 11)] == [
            (f.severity, f.file, f.path, f.lineno) for f in found]
        assert "no earlier than 2022-04-14 13:00 PDT" in found[0].message

    def test_its_withdrawal_never_takes_effect(self, book):
        """An update known only as after a time withdraws nothing."""
        wire = book.source_by_id["seoul-wire"]
        late = Revision("late", parse_time(">= 2022-04-15T00:00", SEOUL))
        excerpts = [attrs.evolve(e, withdrawn_in="late") if e.id == "seoul-wire-stake" else e
                    for e in wire.excerpts]
        changed = attrs.evolve(book, sources=[
            attrs.evolve(wire, revisions=[*wire.revisions, late], excerpts=excerpts)
            if s.id == "seoul-wire" else s for s in book.sources])
        res = changed.status("acme-holds-stake", "2030-01-01", tz=SEOUL)
        assert (["Acme Holdings", "Seoul Wire"], None) == (
            sorted(res.origins), res.evidence[0].withdrawn_at)
        assert ["publication-lower-bound"] * 2 == sorted(
            f.code for f in changed.findings() if f.code == "publication-lower-bound"
            for _ in f.places)

    def test_latest_publication_ignores_it(self, book):
        """The default as-of of ``check`` is the last publication that ever counts."""
        from factcheck._checks import latest_publication

        assert parse_time("2022-04-15T06:00 Asia/Seoul").known_from == latest_publication(book)


class TestAnachronism:
    """A bounded valid time is an anachronism only where every moment it allows says so."""

    def test_reported_before_the_close(self, book):
        """At 12:30 PT (15:30 ET), a fall after the 16:00 ET close cannot have happened yet."""
        found = [f for f in _with_source(book, _post("2022-04-14T12:30", "shares-fall-after-close"))
                 .findings() if f.code == "anachronism"]
        assert [Severity.ERROR] == [f.severity for f in found]

    def test_reported_after_the_close(self, book):
        """At 13:30 PT (16:30 ET) it may have happened: no finding."""
        changed = _with_source(book, _post("2022-04-14T13:30", "shares-fall-after-close"))
        assert [] == [f for f in changed.findings() if f.code == "anachronism"]

    def test_upper_bound_is_never_too_late(self, book):
        """A stake held no later than 06:44 ET may have been held for years: reported at any
        time, even a day before, it is no anachronism."""
        changed = _with_source(book, _post("2022-04-13T09:00", "acme-holds-stake"))
        assert [] == [f for f in changed.findings() if f.code == "anachronism"]

    def test_the_shipped_case_is_clean_of_errors(self, book):
        """The case itself has one warning and no error."""
        assert [("publication-lower-bound", Severity.WARNING)] == [
            (f.code, f.severity) for f in book.findings()]


class TestScheduled:
    """A scheduled event reads as announced until the earliest moment its valid time allows."""

    @staticmethod
    def _scheduled(book, valid: str) -> factcheck.Casebook:
        claim = attrs.evolve(book.claim("shares-fall-after-close"), scheduled=True,
                             valid=parse_time(valid))
        return attrs.evolve(book, claims=[claim if c.id == claim.id else c for c in book.claims])

    def test_lower_bound_announced_until_it(self, book):
        """Announced for no earlier than 16:00 ET on the 15th: as announced until then (05:00 KST
        on the 16th), as done from then."""
        changed = self._scheduled(book, ">= 2022-04-15T16:00 America/New_York")
        before = changed.status("shares-fall-after-close", "2022-04-16T04:59", tz=SEOUL)
        after = changed.status("shares-fall-after-close", "2022-04-16T05:00", tz=SEOUL)
        assert before.explain(NEW_YORK).startswith(
            "reported as announced for no earlier than 2022-04-15 16:00 EDT since")
        assert None is after.announced_for

    def test_upper_bound_never_announced(self, book):
        """Scheduled for no later than a time, it may already have happened: never "announced"."""
        changed = self._scheduled(book, "<= 2022-04-20T16:00 America/New_York")
        res = changed.status("shares-fall-after-close", "2022-04-16", tz=SEOUL)
        assert (Status.REPORTED, None) == (res.status, res.announced_for)


class TestFacts:
    """Valid time bounded: the value certainly holds only after its bound."""

    def test_after_the_bound(self, book):
        """At 07:00 ET the stake certainly held."""
        answer = book.facts("acme", "stake", valid_at="2022-04-14T07:00 America/New_York",
                            as_of="2022-04-16 Asia/Seoul")
        assert ("known", ("5.3%",)) == (answer.verdict, answer.values)

    def test_before_the_bound(self, book):
        """The day before, it may or may not have held: indeterminate, never guessed."""
        answer = book.facts("acme", "stake", valid_at="2022-04-13 America/New_York",
                            as_of="2022-04-16 Asia/Seoul")
        assert "indeterminate" == answer.verdict
        assert "valid no later than 2022-04-14 03:44 PDT – on, possibly" in answer.explain(
            LOS_ANGELES)


class TestSavedAndLoaded:
    """Bounded times survive TOML and JSON Lines, both ways, exactly."""

    def test_toml_round_trip(self, book, tmp_path):
        """Saved and loaded again: an equal casebook, the bounds written as ``<=`` / ``>=``."""
        factcheck.save(book, tmp_path / "saved")
        again = factcheck.load(tmp_path / "saved")
        assert book.claims == again.claims and book.sources == again.sources
        saved = tomllib.loads((tmp_path / "saved" / "sources" / "edgar-13d.toml").read_text(
            "utf-8"))
        assert "<= 2022-04-14T06:44 America/New_York" == saved["revisions"][0]["published"]
        assert isinstance(again.claim("shares-fall-after-close").valid, Bounded)

    def test_saved_in_place_changes_no_byte(self, book, tmp_path):
        """Saving the case over its own folder, unchanged, leaves every file as it was."""
        root = tmp_path / "case"
        shutil.copytree(BOOK, root)
        before = {p: p.read_bytes() for p in sorted(root.rglob("*.toml"))}
        factcheck.save(factcheck.load(root), root)
        assert before == {p: p.read_bytes() for p in sorted(root.rglob("*.toml"))}

    def test_json_lines(self, book, tmp_path):
        """The same case written as JSON Lines loads equal to the TOML one."""
        root = tmp_path / "bulk"
        (root / "sources").mkdir(parents=True)
        (root / "claims").mkdir()
        shutil.copy(BOOK / "casebook.toml", root)
        (root / "sources" / "all.jsonl").write_text("".join(
            json.dumps(converter.unstructure(s)) + "\n" for s in book.sources), "utf-8")
        records = [{"type": "stakeholder", **converter.unstructure(s)} for s in book.stakeholders]
        records += [{"type": "property", **converter.unstructure(p)} for p in book.properties]
        records += [converter.unstructure(c) for c in book.claims]
        (root / "claims" / "all.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in records), "utf-8")
        assert '"valid": ">= 2022-04-14T16:00 America/New_York"' in (
            root / "claims" / "all.jsonl").read_text("utf-8")
        bulk = factcheck.load(root)
        assert (book.claims, book.sources) == (bulk.claims, bulk.sources)

    def test_bound_in_a_due_time_is_refused(self, tmp_path):
        """A due time is already a "by": a bound there is an error naming the key."""
        root = tmp_path / "case"
        shutil.copytree(BOOK, root)
        claims = root / "claims" / "takeover.toml"
        claims.write_text(claims.read_text("utf-8") + (
            '\n[[claims]]\nid = "deal-closes"\nkind = "prediction"\ntext = "It closes."\n'
            'subjects = ["acme"]\nclaimant = "acme"\ndue = "<= 2022-06-30"\n'), "utf-8")
        with pytest.raises(factcheck.LoadError) as caught:
            factcheck.load(root)
        assert "claims[2].due: '<= 2022-06-30': a due time takes no bound" in str(caught.value)


class TestSchemas:
    """The JSON Schemas editors use accept bounded times where the loader does."""

    @staticmethod
    def _schema(name: str) -> dict:
        return json.loads(resources.files("factcheck").joinpath(
            f"schemas/{name}.schema.json").read_text("utf-8"))

    def test_case_files_pass(self):
        """Every file of the case validates."""
        for path in sorted((BOOK / "sources").glob("*.toml")):
            jsonschema.validate(tomllib.loads(path.read_text("utf-8")), self._schema("source"))
        for path in sorted((BOOK / "claims").glob("*.toml")):
            jsonschema.validate(tomllib.loads(path.read_text("utf-8")), self._schema("claims"))

    @pytest.mark.parametrize("published", ["< 2022-04-14", "<=>= 2022-04-14", "by 2022-04-14"])
    def test_mistyped_bound_fails(self, published):
        """A mistyped bound is flagged in the editor, as the loader refuses it."""
        data = tomllib.loads((BOOK / "sources" / "edgar-13d.toml").read_text("utf-8"))
        data["revisions"][0]["published"] = published
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, self._schema("source"))


class TestReports:
    """Every report form shows the bound in words, and JSON keeps it as written."""

    @pytest.mark.parametrize("form", ["text", "markdown", "html"])
    def test_shown_in_words(self, book, form):
        """"no later than …" beside the filing, and its count."""
        shown = " ".join(factcheck.render_report(book, "2022-04-16", tz=SEOUL, fmt=form).split())
        assert "no later than 2022-04-14 19:44 KST, counted from 2022-04-14 19:45 KST" in shown
        assert "no earlier than 2022-04-15 05:00 KST" in shown

    def test_json(self, book):
        """The JSON report gives the published time as written, and when it counted."""
        data = json.loads(factcheck.render_report(book, "2022-04-16", tz=SEOUL, fmt="json"))
        jsonschema.validate(data, json.loads(resources.files("factcheck").joinpath(
            "schemas/report.schema.json").read_text("utf-8")))
        filing = next(e for c in data["claims"] for e in c["excerpts"]
                      if e["excerpt"] == "edgar-13d-stake")
        assert ("<= 2022-04-14T06:44 America/New_York", "2022-04-14T19:45:00+09:00") == (
            filing["published"], filing["counted_from"])


class TestClaimReview:
    """The ClaimReview export writes a bound as ISO 8601 can: an open interval, the bound's date."""

    def test_open_interval_and_bound(self, book):
        """An event after the close covers "16:00 ET/.."; the filing is dated by its bound."""
        from factcheck._claimreview import claimreviews

        settings = attrs.evolve(book.settings, reviewer="The Desk",
                                claim_url="https://desk.example/claims/")
        reviews = {r["url"].rsplit("/", 1)[-1]: r
                   for r in claimreviews(attrs.evolve(book, settings=settings), "2022-04-16")}
        fall = json.dumps(reviews["shares-fall-after-close"])
        stake = json.dumps(reviews["acme-holds-stake"])
        assert '"temporalCoverage": "2022-04-14T16:00-04:00/.."' in fall
        assert '"datePublished": "2022-04-14T06:44-04:00"' in stake
        assert "0001-" not in stake and "9999-" not in fall


def _bounded(casebook: Casebook, side: BoundSide) -> tuple[Casebook, set[tuple[str, str]]]:
    """Every plain, single-time revision of ``casebook`` bounded on ``side``; and which."""
    changed, sources = set(), []
    for source in casebook.sources:
        revisions = []
        for r in source.revisions:
            if not r.published.is_bound and r.published.precision is not Precision.INTERVAL:
                r = attrs.evolve(r, published=Bounded.of(side, r.published))
                changed.add((source.id, r.id))
            revisions.append(r)
        sources.append(attrs.evolve(source, revisions=revisions))
    return Casebook(casebook.settings, casebook.stakeholders, sources, casebook.claims,
                    casebook.relations), changed


def _statuses(casebook: Casebook, times: list) -> dict:
    resolver = casebook.resolver()
    return {(c.id, t.timestamp()): (r.status, r.since, r.support, r.refutation, r.origins)
            for t in times for c in casebook.claims for r in [resolver.at(c.id, t)]}


class TestProperties:
    """What a bound does to any casebook, whatever the order of its declarations."""

    @settings(max_examples=60, deadline=None)
    @given(casebooks())
    def test_upper_bound_counts_as_its_bound(self, casebook):
        """Bounding every publication "no later than" its time changes no status, since,
        strength or origin at any instant: an upper bound counts from the bound."""
        bounded, _ = _bounded(casebook, BoundSide.AT_MOST)
        times = instants(casebook)
        assert _statuses(casebook, times) == _statuses(bounded, times)

    @settings(max_examples=60, deadline=None)
    @given(casebooks(), st.data())
    def test_lower_bound_is_as_if_never_published(self, casebook, data):
        """Bounding publications "no earlier than" their time is as if their excerpts, and the
        withdrawals they make, were not there at all; in any order of declarations."""
        bounded, changed = _bounded(casebook, BoundSide.AT_LEAST)
        sources = []
        for source in casebook.sources:
            kept = [attrs.evolve(e, withdrawn_in=None)
                    if (source.id, e.withdrawn_in) in changed else e
                    for e in source.excerpts if (source.id, e.revision) not in changed]
            sources.append(attrs.evolve(source, excerpts=kept))
        without = Casebook(casebook.settings, casebook.stakeholders, sources, casebook.claims,
                           casebook.relations)
        shuffled = Casebook(bounded.settings, bounded.stakeholders,
                            data.draw(st.permutations(bounded.sources)),
                            data.draw(st.permutations(bounded.claims)),
                            data.draw(st.permutations(bounded.relations)))
        times = instants(casebook)
        assert _statuses(without, times) == _statuses(shuffled, times)

