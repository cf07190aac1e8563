"""`factcheck status` and `factcheck timeline`: a user's mistakes are clear lines, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Runner
from .test_check import assert_no_traceback, unknown_claimant


class TestUnknownClaim:
    """A claim id the casebook does not have."""

    def test_status(self, run: Runner, book: Path) -> None:
        """status names the unknown claim, exit 2."""
        result = run("status", "no-such-claim", "--path", book, "--as-of", "2023-11-21")

        assert 2 == result.code
        assert "factcheck: no claim 'no-such-claim' in the casebook\n" == result.err
        assert "" == result.out
        assert_no_traceback(result)

    def test_status_among_known(self, run: Runner, book: Path) -> None:
        """One unknown id among known ones fails the whole command before printing anything."""
        result = run(
            "status", "altman-joins-microsoft", "nope", "--path", book, "--as-of", "2023-11-21"
        )

        assert (2, "") == (result.code, result.out)
        assert "no claim 'nope'" in result.err

    def test_timeline(self, run: Runner, book: Path) -> None:
        """timeline names the unknown claim, exit 2."""
        result = run("timeline", "no-such-claim", "--path", book)

        assert 2 == result.code
        assert "factcheck: no claim 'no-such-claim' in the casebook\n" == result.err
        assert_no_traceback(result)


class TestBadTimes:
    """Times and zones the commands cannot read."""

    @pytest.mark.parametrize("value", ["tomorrow", "2023-11-21T25:00", "2023-02-30"])
    def test_status_bad_as_of(self, run: Runner, book: Path, value: str) -> None:
        """An --as-of that is no time, or no real time, is refused, quoting it."""
        result = run("status", "--path", book, "--as-of", value)

        assert 2 == result.code
        assert result.err.startswith("factcheck: ")
        assert repr(value) in result.err
        assert_no_traceback(result)

    @pytest.mark.parametrize(
        "argv",
        [
            ["status", "--as-of", "2023-11-21"],
            ["timeline", "board-accepts-demands"],
        ],
        ids=["status", "timeline"],
    )
    def test_bad_tz(self, run: Runner, book: Path, argv: list[str]) -> None:
        """An unknown --tz is named, whichever command."""
        result = run(*argv, "--path", book, "--tz", "Asia/Atlantis")

        assert 2 == result.code
        assert "factcheck: unknown time zone 'Asia/Atlantis'\n" == result.err
        assert_no_traceback(result)

    def test_missing_as_of(self, run: Runner, book: Path) -> None:
        """status needs --as-of: argparse says so, exit 2."""
        result = run("status", "--path", book)

        assert 2 == result.code
        assert "the following arguments are required: --as-of" in result.err


class TestUnreadable:
    """status and timeline on a casebook that cannot be loaded."""

    def test_missing_folder(self, run: Runner, tmp_path: Path) -> None:
        """A missing folder: exit 2, naming it."""
        result = run("timeline", "board-accepts-demands", "--path", tmp_path / "nowhere")

        assert 2 == result.code
        assert "no casebook folder here" in result.err
        assert_no_traceback(result)

    def test_loading_error(self, run: Runner, book: Path) -> None:
        """A casebook with loading errors: exit 1, naming file and key path."""
        unknown_claimant(book)
        result = run("status", "--path", book, "--as-of", "2023-11-21")

        assert 1 == result.code
        assert "claims/headline.toml:16:1: claims[1].claimant" in result.err
        assert_no_traceback(result)
