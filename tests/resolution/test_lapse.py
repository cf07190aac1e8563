"""Predictions lapse at their due time; a standing contradicting claim fails a pending one."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck
from factcheck import DueIn, Status

CLAIMS = """\
zone = "Europe/Berlin"

[[stakeholders]]
id = "acme"
name = "Acme"
kind = "organisation"

[[claims]]
id = "closes-within-a-week"
kind = "prediction"
text = "The deal closes within a week."
subjects = ["acme"]
claimant = "acme"
due = "P7D"

[[claims]]
id = "closes-by-march"
kind = "prediction"
text = "The deal closes by March."
subjects = ["acme"]
claimant = "acme"
due = "2024-02-29"

[[claims]]
id = "closes-on-friday"
kind = "prediction"
text = "The deal closes on Friday."
subjects = ["acme"]
claimant = "acme"

[[claims]]
id = "closed-on-thursday"
kind = "event"
text = "The deal closed on Thursday."
subjects = ["acme"]
claimant = "acme"
valid = "2024-02-08"

[[relations]]
kind = "contradicts"
from = "closed-on-thursday"
to = "closes-on-friday"
"""

SOURCE = """\
id = "wire"
title = "Wire"
kind = "report"
publisher = "Wire"
language = "en"
zone = "Europe/Berlin"

[[revisions]]
id = "made"
published = "2024-02-01T10:00:00"

[[revisions]]
id = "thursday"
published = "2024-02-08T18:00:00"

[[revisions]]
id = "closed"
published = "2024-03-05T10:00:00"

[[excerpts]]
id = "wire-will-close"
revision = "made"
quote = "the deal will close within a week, by March at the latest, on Friday"
[excerpts.stances]
closes-within-a-week = "asserts"
closes-by-march = "asserts"
closes-on-friday = "asserts"

[[excerpts]]
id = "wire-closed-thursday"
revision = "thursday"
quote = "the deal closed today, Thursday"
stances = { closed-on-thursday = "asserts" }

[[excerpts]]
id = "wire-closed"
revision = "closed"
quote = "the deal has closed"
stances = { closes-within-a-week = "supports", closes-by-march = "supports" }
"""


@pytest.fixture
def book(tmp_path: Path) -> factcheck.Casebook:
    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "claims" / "deal.toml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "sources" / "wire.toml").write_text(SOURCE, encoding="utf-8")
    return factcheck.load(tmp_path)


class TestLapse:
    """A prediction with a due time and no outcome by then has failed from then on."""

    def test_pending_until_due(self, book: factcheck.Casebook) -> None:
        """Made and not yet due: pending, and it knows when it falls due."""
        res = book.status("closes-by-march", "2024-02-20T12:00 Europe/Berlin")
        assert Status.PENDING == res.status
        assert "2024-03-01T00:00:00+01:00" == res.due.isoformat()

    def test_failed_from_the_due_time(self, book: factcheck.Casebook) -> None:
        """At the end of its due day it lapses, and says so in the issue's words."""
        res = book.status("closes-by-march", "2024-03-01T00:00 Europe/Berlin")
        assert Status.FAILED == res.status
        assert res.lapsed
        assert res.explain().startswith(
            "failed since 2024-03-01 00:00 CET: due by then, and nothing published by then "
            "showed it; predicted by wire")

    def test_later_outcome_named_not_counted(self, book: factcheck.Casebook) -> None:
        """What came true after the due time leaves it failed, and is named."""
        res = book.status("closes-by-march", "2024-03-06 Europe/Berlin")
        assert Status.FAILED == res.status
        assert () == res.origins
        assert ("; it came true later, on 2024-03-05 10:00 CET: wire (Wire, 2024-03-05 "
                "10:00:00 CET; excerpt wire-closed)") in res.explain()

    def test_relative_due_counts_from_first_assertion(self, book: factcheck.Casebook) -> None:
        """``P7D``: due seven days after the revision that first asserts it counts."""
        assert "pending" == book.status("closes-within-a-week",
                                        "2024-02-08T09:59:59 Europe/Berlin")
        res = book.status("closes-within-a-week", "2024-02-08T10:00 Europe/Berlin")
        assert "failed" == res
        assert "2024-02-08T10:00:00+01:00" == res.since.isoformat()

    def test_relative_due_unknown_before_it_is_made(self, book: factcheck.Casebook) -> None:
        """Before anyone makes the prediction, no due time can be told."""
        res = book.status("closes-within-a-week", "2024-01-31 Europe/Berlin")
        assert (Status.UNREPORTED, None) == (res.status, res.due)

    def test_same_in_every_zone(self, book: factcheck.Casebook) -> None:
        """The instant of the lapse does not depend on the zone asked in."""
        seoul = book.status("closes-by-march", "2024-03-01T08:00 Asia/Seoul")
        angeles = book.status("closes-by-march", "2024-02-29T15:00 America/Los_Angeles")
        assert (Status.FAILED, Status.FAILED) == (seoul.status, angeles.status)
        assert "since 2024-03-01 08:00 KST" in seoul.explain("Asia/Seoul")
        assert "since 2024-02-29 15:00 PST" in angeles.explain("America/Los_Angeles")

    def test_timeline_steps_at_the_due_time(self, book: factcheck.Casebook) -> None:
        """The timeline changes at the due instant, though nothing was published then."""
        timeline = book.timeline("closes-by-march")
        assert ["unreported", "pending", "failed"] == [s.value for s in timeline.statuses()]
        assert "2024-03-01T00:00:00+01:00" == timeline.steps[-1].since.isoformat()


class TestContradictionFailsPrediction:
    """A standing claim that contradicts a pending prediction fails it."""

    def test_closing_on_thursday_fails_friday(self, book: factcheck.Casebook) -> None:
        """A closing on Thursday fails "it will close on Friday"."""
        assert "pending" == book.status("closes-on-friday", "2024-02-08T12:00 Europe/Berlin")
        res = book.status("closes-on-friday", "2024-02-08T19:00 Europe/Berlin")
        assert Status.FAILED == res.status
        assert not res.lapsed
        assert res.explain().startswith(
            "failed since 2024-02-08 18:00 CET: contradicted by closed-on-thursday "
            "(reported by wire); predicted by wire")

    def test_the_other_claim_says_it_defeats(self, book: factcheck.Casebook) -> None:
        """The contradicting claim names its effect."""
        res = book.status("closed-on-thursday", "2024-02-09 Europe/Berlin")
        assert ["defeats"] == [r.effect for r in res.relations]


class TestScorecard:
    """The report's prediction scorecard tells a lapse from a failure by evidence."""

    def test_rows(self, book: factcheck.Casebook) -> None:
        """As of 6 March: both deadlines lapsed; Friday's closing failed by contradiction."""
        from factcheck._report import build_report

        rows = {p.claim: p for p in build_report(book, "2024-03-06", tz="Europe/Berlin")
                .predictions}
        assert {"closes-by-march": "failed (lapsed)", "closes-within-a-week": "failed (lapsed)",
                "closes-on-friday": "failed"} == {c: p.outcome for c, p in rows.items()}

    @pytest.mark.parametrize(("fmt", "expected"), [
        ("text", "(lapsed)"), ("markdown", "failed (lapsed)"),
        ("html", '<span class="lapsed">(lapsed)</span>'), ("json", '"lapsed": true')])
    def test_every_format(self, book: factcheck.Casebook, fmt: str, expected: str) -> None:
        """Each format flags the lapse; none flags it before the due time."""
        after = factcheck.render_report(book, "2024-03-06", tz="Europe/Berlin", fmt=fmt)
        before = factcheck.render_report(book, "2024-02-02", tz="Europe/Berlin", fmt=fmt)
        assert (True, False) == (expected in after, expected in before)


class TestDueIn:
    """A due span is an ISO 8601 duration, loaded, saved and refused like any value."""

    @pytest.mark.parametrize("text", ["P7D", "PT36H", "P1M", "P1Y2M3DT4H5M6S", "P2W"])
    def test_round_trip(self, text: str) -> None:
        """As written, it is written back."""
        assert text == DueIn.parse(text).text()

    @pytest.mark.parametrize("text", ["P", "PT", "P0D", "P-1D", "7D", "P1.5D"])
    def test_refused(self, text: str) -> None:
        """Not a positive duration: a ValueError saying what was expected."""
        with pytest.raises(ValueError, match=r"duration|longer than nothing"):
            DueIn.parse(text)

    def test_hours_are_elapsed_time(self) -> None:
        """Across the spring change, 36 hours are 36 hours; a day is a calendar day."""
        made = factcheck.When.parse("2023-03-11T12:00:00 America/Los_Angeles").start
        assert "2023-03-13T01:00:00-07:00" == DueIn.parse("PT36H").after(made).isoformat()
        assert "2023-03-12T12:00:00-07:00" == DueIn.parse("P1D").after(made).isoformat()

    def test_saved_and_loaded(self, book: factcheck.Casebook, tmp_path: Path) -> None:
        """Saving writes ``due = "P7D"`` back, and loading it gives an equal casebook."""
        factcheck.save(book, tmp_path / "copy")
        assert 'due = "P7D"' in (tmp_path / "copy" / "claims" / "deal.toml").read_text("utf-8")
        assert book == factcheck.load(tmp_path / "copy")

    def test_bad_due_names_the_key(self, tmp_path: Path) -> None:
        """A due that is neither a time nor a duration: an error naming file and key."""
        (tmp_path / "claims").mkdir()
        (tmp_path / "sources").mkdir()
        (tmp_path / "claims" / "deal.toml").write_text(
            CLAIMS.replace('due = "P7D"', 'due = "P-7D"'), encoding="utf-8")
        with pytest.raises(factcheck.LoadError) as raised:
            factcheck.load(tmp_path)
        assert "claims/deal.toml:14:1: claims[0].due: expected an ISO 8601 duration" in str(
            raised.value)

    def test_json_lines(self, tmp_path: Path) -> None:
        """JSON Lines takes the same value."""
        (tmp_path / "claims").mkdir()
        (tmp_path / "sources").mkdir()
        (tmp_path / "claims" / "bulk.jsonl").write_text(
            '{"type": "stakeholder", "id": "a", "name": "A", "kind": "person"}\n'
            '{"id": "p", "kind": "prediction", "text": "t", "subjects": ["a"], "claimant": "a",'
            ' "due": "P2W"}\n', encoding="utf-8")
        assert DueIn.parse("P2W") == factcheck.load(tmp_path).claim_by_id["p"].due
