"""The report's data: what build_report finds in a casebook, before any format."""

from __future__ import annotations

import attrs
import pendulum
import pytest

import factcheck
from factcheck import RelationKind, Status, Strength, TimeValueError

KST = "Asia/Seoul"


@pytest.fixture(scope="module")
def report(mini: factcheck.Casebook) -> factcheck.Report:
    """The mini casebook's report as of the end of 2023-11-22 in Seoul."""
    return factcheck.build_report(mini, "2023-11-22")


class TestHeader:
    def test_as_of_is_end_of_day_in_casebook_zone(self, report: factcheck.Report) -> None:
        """A date means the end of that day in the casebook's zone, which the report names."""
        assert pendulum.datetime(2023, 11, 23, tz=KST) == report.as_of
        assert KST == report.zone
        assert "Mini headline case" == report.title
        assert factcheck.__version__ == report.version

    def test_tz_reads_the_date_and_shows_times(self, mini: factcheck.Casebook) -> None:
        """--tz reads the as-of in that zone and becomes the report's zone."""
        report = factcheck.build_report(mini, "2023-11-21", tz="America/Los_Angeles")
        assert pendulum.datetime(2023, 11, 22, tz="America/Los_Angeles") == report.as_of
        assert "America/Los_Angeles" == report.zone

    def test_no_generation_time_unless_asked(self, mini: factcheck.Casebook) -> None:
        """By default the report holds no generation time; given one, it keeps it."""
        assert factcheck.build_report(mini, "2023-11-22").generated is None
        now = pendulum.datetime(2024, 1, 1, tz="UTC")
        assert now == factcheck.build_report(mini, "2023-11-22", generated=now).generated

    def test_no_zone_anywhere_is_an_error(self, mini: factcheck.Casebook) -> None:
        """A date without a zone, in a casebook without one, is a user error."""
        zoneless = attrs.evolve(mini, settings=attrs.evolve(mini.settings, zone=None))
        with pytest.raises(TimeValueError, match="no zone"):
            factcheck.build_report(zoneless, "2023-11-22")

    def test_as_of_with_offset_needs_no_zone(self, mini: factcheck.Casebook) -> None:
        """An as-of with its own offset works without any zone; times are shown in it."""
        zoneless = attrs.evolve(mini, settings=attrs.evolve(mini.settings, zone=None))
        report = factcheck.build_report(zoneless, "2023-11-22T12:00+09:00")
        assert "+09:00" == report.zone
        assert "UTC+09:00" in factcheck.render_report(zoneless, "2023-11-22T12:00+09:00")

    def test_since_must_come_before_as_of(self, mini: factcheck.Casebook) -> None:
        """A changes window that ends before it starts is refused."""
        with pytest.raises(TimeValueError, match="must be before"):
            factcheck.build_report(mini, "2023-11-20", since="2023-11-21")

    def test_unknown_zone(self, mini: factcheck.Casebook) -> None:
        """An unknown --tz is an error, not a silent UTC."""
        with pytest.raises(ValueError, match="Mars"):
            factcheck.build_report(mini, "2023-11-22", tz="Mars/Olympus")


class TestSummary:
    def test_counts(self, report: factcheck.Report) -> None:
        """Claims by status add up to all claims; every status and severity is listed."""
        summary = report.summary
        assert 3 == summary.claims == sum(n for _, n in summary.by_status)
        assert list(Status) == [s for s, _ in summary.by_status]
        by_status = dict(summary.by_status)
        assert (1, 1, 1) == (by_status[Status.CONFIRMED], by_status[Status.REFUTED],
                             by_status[Status.SUPERSEDED])
        assert (3, 5, 5, 5, 2) == (summary.sources, summary.revisions, summary.excerpts,
                                   summary.stakeholders, summary.relations)
        assert [0, 0, 0] == [n for _, n in summary.findings]


class TestClaims:
    def test_rows_match_resolutions(self, mini: factcheck.Casebook,
                                    report: factcheck.Report) -> None:
        """Each claim row holds the claim's resolution as of the report's time."""
        statuses = mini.statuses("2023-11-22")
        assert sorted(statuses) == [row.id for row in report.claims]
        for row in report.claims:
            res = statuses[row.id]
            assert (res.status, res.since, res.support, res.origins) == (
                row.status, row.since, row.strength, row.origins)
            assert res.explain(KST) == row.explanation
        assert () == report.opinions

    def test_opinions_apart(self, hostile: factcheck.Casebook) -> None:
        """Opinions are listed apart from checkable claims."""
        report = factcheck.build_report(hostile, "2023-11-22")
        assert ["hostile-opinion"] == [row.id for row in report.opinions]
        assert "hostile-opinion" not in [row.id for row in report.claims]

    def test_stakeholders(self, report: factcheck.Report) -> None:
        """Stakeholders are listed by id, with the claims about them and by them."""
        altman = next(s for s in report.stakeholders if s.id == "sam-altman")
        assert (3, 0) == (altman.subject_of, altman.claimant_of)
        assert sorted(s.id for s in report.stakeholders) == [s.id for s in report.stakeholders]


class TestChanges:
    def test_every_transition_with_its_cause(self, report: factcheck.Report) -> None:
        """Without --since, every status transition up to the as-of, with its publication."""
        seen = [(c.claim, c.from_status.value, c.to_status.value,
                 [(p.source, p.revision) for p in c.causes]) for c in report.changes]
        assert [
            ("board-accepts-demands", "unreported", "reported", [("newsletter", "original")]),
            ("altman-joins-microsoft", "unreported", "confirmed", [("nadella", "post")]),
            ("board-accepts-demands", "reported", "refuted", [("nadella", "post")]),
            ("altman-joins-microsoft", "confirmed", "superseded", [("openai-x", "post")]),
            ("altman-returns-as-ceo", "unreported", "confirmed", [("openai-x", "post")]),
        ] == seen

    def test_cause_through_a_relation(self, report: factcheck.Report) -> None:
        """A publication that moved a claim through a related claim names that claim."""
        assert [
            ("board-accepts-demands", None),
            ("altman-joins-microsoft", None),
            ("board-accepts-demands", "altman-joins-microsoft"),
            ("altman-joins-microsoft", "altman-returns-as-ceo"),
            ("altman-returns-as-ceo", None),
        ] == [(c.claim, p.via) for c in report.changes for p in c.causes]

    def test_cause_through_a_chain(self) -> None:
        """Where only a chain of relations explains a change, the far publication is named."""
        when = factcheck.When.parse("2023-11-20T10:00:00", "UTC")
        casebook = factcheck.Casebook(
            factcheck.CasebookSettings("chain", "UTC"),
            [factcheck.Stakeholder("acme", "Acme", factcheck.StakeholderKind.ORGANISATION)],
            [factcheck.Source("wire", "Wire", factcheck.SourceKind.REPORT, "Wire", "en", "UTC",
                              [factcheck.Revision("r1", when)],
                              [factcheck.Excerpt("w1", "r1", "q", {"a": "asserts"},
                                                 source="wire")])],
            [factcheck.Claim(c, factcheck.ClaimKind.EVENT, c, ["acme"], "acme")
             for c in ("a", "b", "c")],
            [factcheck.Relation(RelationKind.SUPPORTS, from_="a", to="b"),
             factcheck.Relation(RelationKind.SUPPORTS, from_="b", to="c")],
        )
        report = factcheck.build_report(casebook, "2023-11-21")
        assert {"a": None, "b": "a", "c": "a"} == {
            c.claim: c.causes[0].via for c in report.changes}

    def test_cause_counted_from_the_change(self, report: factcheck.Report) -> None:
        """A cause became certainly public at the instant of the change it caused."""
        for change in report.changes:
            assert change.causes
            assert all(p.counted_from == change.at for p in change.causes)

    def test_since_bounds_the_window(self, mini: factcheck.Casebook) -> None:
        """--since T0 keeps the transitions in (T0, T]: what is new since yesterday."""
        report = factcheck.build_report(mini, "2023-11-22", since="2023-11-21")
        assert [("altman-joins-microsoft", Status.SUPERSEDED),
                ("altman-returns-as-ceo", Status.CONFIRMED)] == [
            (c.claim, c.to_status) for c in report.changes]
        assert pendulum.datetime(2023, 11, 22, tz=KST) == report.since

    def test_nothing_after_as_of(self, mini: factcheck.Casebook) -> None:
        """Changes after the as-of are not shown: only what was published by then counts."""
        report = factcheck.build_report(mini, "2023-11-20T18:00")
        assert all(c.at <= report.as_of for c in report.changes)
        assert 3 == len(report.changes)

    def test_withdrawal_is_a_cause(self, hostile: factcheck.Casebook) -> None:
        """A revision that withdraws an excerpt is named as the cause of a retraction."""
        report = factcheck.build_report(hostile, "2023-11-22")
        retracted = next(c for c in report.changes
                         if c.claim == "hostile-claim" and c.to_status is Status.RETRACTED)
        assert [("evil-post", "update", True)] == [
            (p.source, p.revision, p.withdrawal) for p in retracted.causes if p.withdrawal]


class TestRelations:
    def test_decisions(self, report: factcheck.Report) -> None:
        """Each contradiction and supersession says how it was decided, and since when."""
        contradicts, supersedes = report.relations
        assert RelationKind.CONTRADICTS is contradicts.kind
        assert "from-prevails" == contradicts.outcome
        assert contradicts.decision.startswith(
            "altman-joins-microsoft (superseded, first-party) refutes board-accepts-demands")
        assert pendulum.datetime(2023, 11, 20, 16, 53, 28, tz=KST) == contradicts.since
        assert "superseded" == supersedes.outcome
        assert pendulum.datetime(2023, 11, 22, 15, 5, tz=KST) == supersedes.since

    def test_not_yet_in_effect(self, mini: factcheck.Casebook) -> None:
        """Before anything is published, neither relation bears."""
        report = factcheck.build_report(mini, "2023-11-19T12:00")
        assert ["moot", "moot"] == [r.outcome for r in report.relations]
        assert "altman-returns-as-ceo is unreported" in report.relations[1].decision


class TestSources:
    def test_track_record(self, report: factcheck.Report) -> None:
        """Per source, the claims it asserted and how they stand as of the report's time."""
        newsletter = next(s for s in report.sources if s.id == "newsletter")
        assert (("altman-joins-microsoft", Status.SUPERSEDED),
                ("altman-returns-as-ceo", Status.CONFIRMED),
                ("board-accepts-demands", Status.REFUTED)) == newsletter.asserted
        assert 1 == newsletter.count(Status.REFUTED)

    def test_only_what_was_published(self, mini: factcheck.Casebook) -> None:
        """Assertions in revisions published after the as-of are not counted."""
        report = factcheck.build_report(mini, "2023-11-20")
        newsletter = next(s for s in report.sources if s.id == "newsletter")
        assert ["altman-joins-microsoft", "board-accepts-demands"] == [
            c for c, _ in newsletter.asserted]
        openai = next(s for s in report.sources if s.id == "openai-x")
        assert () == openai.asserted


class TestPredictions:
    def test_scorecard(self, hostile: factcheck.Casebook) -> None:
        """A prediction shows who made it and when, its due time and its outcome: due at 18:00
        UTC on 20 Nov and borne out only on 22 Nov, it lapsed (#13), failed, not fulfilled."""
        report = factcheck.build_report(hostile, "2023-11-22")
        (row,) = report.predictions
        assert ("hostile-prediction", ("evil-post",), Status.FAILED, False) == (
            row.claim, row.made_by, row.status, row.past_due)
        assert pendulum.datetime(2023, 11, 20, 12, 1, tz="UTC") == row.made_at

    def test_past_due(self, hostile: factcheck.Casebook) -> None:
        """Made, due, and still without an outcome: it has lapsed (#13), failed and no longer
        past due; a prediction past due is one nobody has made."""
        report = factcheck.build_report(hostile, "2023-11-21T12:00")
        (row,) = report.predictions
        assert (Status.FAILED, False) == (row.status, row.past_due)


class TestPicture:
    def test_bands_cover_known_time(self, report: factcheck.Report) -> None:
        """Each row's bands are contiguous from the picture's start to the as-of."""
        picture = report.picture
        assert pendulum.datetime(2023, 11, 20, tz=KST) == picture.start
        assert report.as_of == picture.end
        for row in picture.rows:
            assert picture.start == row.bands[0].start
            assert picture.end == row.bands[-1].end
            for a, b in zip(row.bands, row.bands[1:], strict=False):
                assert a.end == b.start
                assert a.status != b.status

    def test_statuses_and_ticks(self, report: factcheck.Report) -> None:
        """The bands follow the timeline, and ticks mark publications."""
        row = next(r for r in report.picture.rows if r.claim == "board-accepts-demands")
        assert [Status.REPORTED, Status.REFUTED] == [b.status for b in row.bands]
        nadella = pendulum.datetime(2023, 11, 20, 16, 53, 28, tz=KST)
        assert nadella in row.ticks
        claims = [r.claim for r in report.picture.rows]
        # Rows follow the storylines: here one, in the order its claims first changed.
        assert ["board-accepts-demands", "altman-joins-microsoft",
                "altman-returns-as-ceo"] == claims
        assert [c for line in report.storylines for c in line.claims] == claims

    def test_status_changed_at_the_very_end(self, mini: factcheck.Casebook) -> None:
        """A publication counted from exactly the as-of shows in the row's status, not a band."""
        report = factcheck.build_report(mini, "2023-11-19")
        row = next(r for r in report.picture.rows if r.claim == "board-accepts-demands")
        assert [Status.UNREPORTED] == [b.status for b in row.bands]
        assert Status.REPORTED is row.status
        assert pendulum.datetime(2023, 11, 19, tz=KST) == report.picture.start

    def test_since_widens_the_window(self, mini: factcheck.Casebook) -> None:
        """A --since before the first publication starts the picture on its day."""
        report = factcheck.build_report(mini, "2023-11-22", since="2023-11-17T09:00")
        assert pendulum.datetime(2023, 11, 17, tz=KST) == report.picture.start


class TestDeterminism:
    def test_same_data_twice(self, mini: factcheck.Casebook) -> None:
        """Two builds give equal data."""
        assert factcheck.build_report(mini, "2023-11-22") == factcheck.build_report(
            factcheck.load(mini.path or ""), "2023-11-22")

    def test_strength_words(self, report: factcheck.Report) -> None:
        """Strengths are kept as Strength values, shown by their labels."""
        assert {Strength.FIRST_PARTY, Strength.REPORTED} == {r.strength for r in report.claims}
