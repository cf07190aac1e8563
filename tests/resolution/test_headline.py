"""The headline case from the resolution issue, on tests/data/mini and on the shipped casebook."""

from __future__ import annotations

import pytest

import factcheck
from factcheck import Status

OVERTAKEN = {Status.SUPERSEDED, Status.REFUTED, Status.DISPUTED}


class TestHeadline:
    """The 18 Nov acceptance, the 20 Nov Microsoft move and the 22 Nov return."""

    @pytest.mark.parametrize(
        ("claim", "as_of", "tz", "expected"),
        [
            ("altman-joins-microsoft", "2023-11-20T12:00+09:00", None, Status.UNREPORTED),
            ("altman-joins-microsoft", "2023-11-20T18:00+09:00", None, Status.CONFIRMED),
            ("altman-joins-microsoft", "2023-11-23", "Asia/Seoul", Status.SUPERSEDED),
            ("altman-returns-as-ceo", "2023-11-21", "America/Los_Angeles", Status.CONFIRMED),
            ("altman-returns-as-ceo", "2023-11-22", "Asia/Seoul", Status.CONFIRMED),
        ],
    )
    def test_status_as_of(self, headline_book, claim, as_of, tz, expected):
        """Each headline claim has the status the issue asks for at each moment."""
        assert expected == headline_book.status(claim, as_of, tz=tz).status

    def test_return_not_confirmed_at_seoul_noon(self, headline_book):
        """At noon in Seoul on 22 Nov, OpenAI's post (about 15:00 KST) is not yet out."""
        res = headline_book.status("altman-returns-as-ceo", "2023-11-22T12:00+09:00")
        assert Status.CONFIRMED != res.status

    def test_zone_changes_the_answer(self, headline_book):
        """The same date means a different instant in Seoul and in Los Angeles."""
        la = headline_book.status("altman-returns-as-ceo", "2023-11-21", tz="America/Los_Angeles")
        seoul = headline_book.status("altman-returns-as-ceo", "2023-11-21", tz="Asia/Seoul")
        assert (Status.CONFIRMED, Status.UNREPORTED) == (la.status, seoul.status)

    def test_board_acceptance_reported_then_overtaken(self, mini):
        """Reported as of 19 Nov in Seoul; overtaken by 21 Nov, naming what overtook it."""
        before = mini.status("board-accepts-demands", "2023-11-19", tz="Asia/Seoul")
        after = mini.status("board-accepts-demands", "2023-11-21", tz="Asia/Seoul")
        assert Status.REPORTED == before.status
        assert after.status in OVERTAKEN
        assert "altman-joins-microsoft" in after.explain()

    def test_explanation_names_source_and_time_in_zone(self, mini):
        """A confirmed claim explains itself with its first-party source and the time in KST."""
        res = mini.status("altman-joins-microsoft", "2023-11-20T18:00+09:00")
        text = res.explain("Asia/Seoul")
        assert "confirmed since 2023-11-20 16:53:28 KST" in text
        assert "nadella" in text

    def test_superseded_keeps_strength_and_says_by_what(self, mini):
        """A superseded claim keeps its first-party strength and names its successor."""
        res = mini.status("altman-joins-microsoft", "2023-11-23", tz="Asia/Seoul")
        assert factcheck.Strength.FIRST_PARTY == res.support
        assert "superseded since 2023-11-22 15:05 KST by altman-returns-as-ceo" in res.explain()

    def test_timeline(self, mini):
        """The acceptance claim passes through unreported, reported, refuted."""
        expected = [Status.UNREPORTED, Status.REPORTED, Status.REFUTED]
        assert expected == mini.timeline("board-accepts-demands").statuses()

    def test_resolution_equals_and_hashes_like_its_status(self, mini):
        """`res == "confirmed"` and `res in {"confirmed", "corroborated"}` agree."""
        res = mini.status("altman-joins-microsoft", "2023-11-20T18:00+09:00")
        assert "confirmed" == res
        assert res in {"confirmed", "corroborated"}
        assert res not in {"refuted", "disputed"}
