"""factcheck.testing: the assertion helpers users call in their own tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from snippets import CYCLE, LONELY

import factcheck
from factcheck import Severity, Status
from factcheck.testing import (
    assert_no_findings,
    assert_origins,
    assert_status,
    assert_timeline,
)

from .conftest import write_book


def failure(excinfo: pytest.ExceptionInfo[AssertionError]) -> str:
    """The message of a caught assertion failure."""
    return str(excinfo.value)


class TestAssertStatus:
    """assert_status: the claim's status as of a time, in a zone."""

    def test_returns_the_resolution(self, mini: factcheck.Casebook) -> None:
        """A status that holds passes and hands back the resolution."""
        res = assert_status(mini, "altman-joins-microsoft", "confirmed", as_of="2023-11-21")

        assert Status.CONFIRMED == res.status
        assert "altman-joins-microsoft" == res.claim

    def test_any_of_several(self, mini: factcheck.Casebook) -> None:
        """With several statuses, any one of them passes."""
        res = assert_status(
            mini, "board-accepts-demands", ["superseded", Status.REFUTED], as_of="2023-11-21"
        )

        assert Status.REFUTED == res.status

    def test_zone_decides(self, mini: factcheck.Casebook) -> None:
        """The same date is a different instant in Los Angeles and in Seoul."""
        assert_status(
            mini, "altman-returns-as-ceo", "confirmed", as_of="2023-11-21", tz="America/Los_Angeles"
        )
        with pytest.raises(AssertionError) as excinfo:
            assert_status(
                mini, "altman-returns-as-ceo", "confirmed", as_of="2023-11-21", tz="Asia/Seoul"
            )

        assert failure(excinfo).startswith(
            "altman-returns-as-ceo as of 2023-11-22 00:00 KST: expected confirmed, got unreported"
        )

    def test_failure_says_expected_actual_why_and_timeline(self, mini: factcheck.Casebook) -> None:
        """A failure shows what was expected, what is, the explanation and the timeline."""
        with pytest.raises(AssertionError) as excinfo:
            assert_status(
                mini, "altman-joins-microsoft", ["refuted", "disputed"], as_of="2023-11-21"
            )
        lines = failure(excinfo).splitlines()

        assert [
            "altman-joins-microsoft as of 2023-11-22 00:00 KST: "
            "expected refuted or disputed, got confirmed",
            "statuses: unreported, confirmed from 2023-11-20 16:53:28 KST, "
            "superseded from 2023-11-22 15:05 KST",
        ] == lines[:2]
        assert lines[2].startswith(
            "why: confirmed since 2023-11-20 16:53:28 KST: first-party: nadella"
        )
        assert "timeline of altman-joins-microsoft (times in Asia/Seoul):" == lines[4]
        assert ["from", "status", "why"] == lines[5].split()

    def test_timeline_marks_the_step_in_force(self, mini: factcheck.Casebook) -> None:
        """The timeline table marks with ``>`` the step in force at the as-of."""
        with pytest.raises(AssertionError) as excinfo:
            assert_status(mini, "altman-joins-microsoft", "refuted", as_of="2023-11-21")
        rows = failure(excinfo).splitlines()[7:]

        assert [("(start)", "unreported"), (">", "2023-11-20"), ("2023-11-22", "15:05")] == [
            tuple(row.split()[:2]) for row in rows
        ]

    def test_times_in_the_zone_asked(self, mini: factcheck.Casebook) -> None:
        """Times in a failure are shown in the zone of the assertion, named."""
        with pytest.raises(AssertionError) as excinfo:
            assert_status(
                mini,
                "altman-joins-microsoft",
                "refuted",
                as_of="2023-11-21",
                tz="America/Los_Angeles",
            )

        text = failure(excinfo)
        assert "as of 2023-11-22 00:00 PST" in text
        assert "timeline of altman-joins-microsoft (times in America/Los_Angeles):" in text

    def test_misspelt_status(self, mini: factcheck.Casebook) -> None:
        """A status that does not exist is a mistake in the test, named with the choices."""
        with pytest.raises(
            ValueError,
            match=r"'confirmd' is not a status; expected one of "
            r"unreported \| reported",
        ):
            assert_status(mini, "altman-joins-microsoft", "confirmd", as_of="2023-11-21")

    def test_no_status(self, mini: factcheck.Casebook) -> None:
        """An empty list of statuses could never pass: it is refused."""
        with pytest.raises(ValueError, match="at least one status"):
            assert_status(mini, "altman-joins-microsoft", [], as_of="2023-11-21")

    def test_unknown_claim(self, mini: factcheck.Casebook) -> None:
        """An unknown claim id is the library's UnknownClaimError, not a failed assertion."""
        with pytest.raises(factcheck.UnknownClaimError, match="no-such-claim"):
            assert_status(mini, "no-such-claim", "confirmed", as_of="2023-11-21")


class TestAssertTimeline:
    """assert_timeline: the sequence of statuses a claim passes through."""

    def test_returns_the_timeline(self, mini: factcheck.Casebook) -> None:
        """The right sequence passes and hands back the timeline."""
        timeline = assert_timeline(
            mini, "board-accepts-demands", ["unreported", "reported", "refuted"]
        )

        assert "board-accepts-demands" == timeline.claim
        assert 3 == len(timeline.steps)

    def test_failure_shows_both_sequences_and_table(self, mini: factcheck.Casebook) -> None:
        """A failure says which sequence was expected and shows the actual timeline."""
        with pytest.raises(AssertionError) as excinfo:
            assert_timeline(mini, "board-accepts-demands", ["unreported", "reported"])
        lines = failure(excinfo).splitlines()

        assert (
            "board-accepts-demands passes through unreported -> reported -> refuted, "
            "expected unreported -> reported"
        ) == lines[0]
        assert "timeline of board-accepts-demands (times in Asia/Seoul):" == lines[2]
        assert "contradicted by altman-joins-microsoft" in lines[-1]

    def test_no_step_is_marked(self, mini: factcheck.Casebook) -> None:
        """Without an as-of, no step of the table is marked as in force."""
        with pytest.raises(AssertionError) as excinfo:
            assert_timeline(mini, "board-accepts-demands", ["reported"])

        assert not any(row.lstrip().startswith(">") for row in failure(excinfo).splitlines()[5:])


class TestAssertOrigins:
    """assert_origins: at least N independent origins as of a time."""

    def test_enough_origins(self, mini: factcheck.Casebook) -> None:
        """Nadella and the newsletter are two independent origins by 21 Nov in Seoul."""
        res = assert_origins(mini, "altman-joins-microsoft", 2, as_of="2023-11-21")

        assert ("Newsletter", "Satya Nadella") == res.origins

    def test_too_few_origins(self, mini: factcheck.Casebook) -> None:
        """A failure says how many origins were wanted, and which there are."""
        with pytest.raises(AssertionError) as excinfo:
            assert_origins(mini, "board-accepts-demands", 2, as_of="2023-11-21")

        assert failure(excinfo).startswith(
            "board-accepts-demands as of 2023-11-22 00:00 KST: "
            "expected at least 2 independent origin(s), got 1 (Newsletter)"
        )

    def test_no_origin(self, mini: factcheck.Casebook) -> None:
        """Before anything is published there is no origin at all."""
        with pytest.raises(AssertionError) as excinfo:
            assert_origins(mini, "altman-returns-as-ceo", 1, as_of="2023-11-20")

        assert "expected at least 1 independent origin(s), got 0\n" in failure(excinfo)


class TestAssertNoFindings:
    """assert_no_findings: no findings of a severity or worse."""

    def test_clean_casebook(self, mini: factcheck.Casebook) -> None:
        """The mini casebook has no finding at all."""
        assert_no_findings(mini, "info")

    def test_errors_listed(self, tmp_path: Path) -> None:
        """Each error finding is listed in one line, with its location and code."""
        casebook = factcheck.load(write_book(tmp_path / "book", extra_claims=CYCLE))
        with pytest.raises(AssertionError) as excinfo:
            assert_no_findings(casebook)
        lines = failure(excinfo).splitlines()

        assert "1 finding(s) of severity error in the casebook 'Mini headline case':" == lines[0]
        assert 2 == len(lines)
        assert lines[1].startswith("  error: ")
        assert lines[1].endswith("[supersedes-cycle]")

    def test_severity_is_a_threshold(self, tmp_path: Path) -> None:
        """Warnings pass at severity error and fail at severity warning."""
        casebook = factcheck.load(write_book(tmp_path / "book", extra_claims=LONELY))
        assert_no_findings(casebook, "error")
        with pytest.raises(AssertionError) as excinfo:
            assert_no_findings(casebook, Severity.WARNING)

        assert "1 finding(s) of severity warning or worse" in failure(excinfo)
        assert "[no-excerpt]" in failure(excinfo)

    def test_unknown_severity(self, mini: factcheck.Casebook) -> None:
        """A severity that does not exist is refused."""
        with pytest.raises(ValueError, match="fatal"):
            assert_no_findings(mini, "fatal")
