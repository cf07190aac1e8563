"""What every subcommand shares: naming the casebook, suggestions, zones, formats, progress."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from factcheck._cli import COMMANDS
from factcheck._progress import progress

from .conftest import Runner
from .test_check import assert_no_traceback

AS_OF = ("--as-of", "2023-11-21")


class TestCasebookPath:
    """Every command takes the casebook as its first positional, or as --path."""

    @pytest.mark.parametrize("form", ["positional", "option"])
    def test_status(self, run: Runner, book: Path, form: str) -> None:
        """status with the casebook as a positional or --path: the same output."""
        where = [book] if form == "positional" else ["--path", book]
        result = run("status", *where, "altman-joins-microsoft", *AS_OF)
        expected = run("status", "altman-joins-microsoft", "--path", book, *AS_OF)

        assert (0, expected.out) == (result.code, result.out)
        assert "altman-joins-microsoft" in result.out

    def test_status_dot(self, run: Runner, book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """`factcheck status . CLAIM` reads the folder, not a claim named '.'."""
        monkeypatch.chdir(book)
        result = run("status", ".", "board-accepts-demands", *AS_OF, "--format", "json")

        assert 0 == result.code
        assert ["board-accepts-demands"] == [r["claim"] for r in json.loads(result.out)]

    def test_status_default_folder(
        self, run: Runner, book: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without a path, the current folder; a bare id stays a claim id."""
        monkeypatch.chdir(book)
        result = run("status", "board-accepts-demands", *AS_OF)

        assert 0 == result.code
        assert "board-accepts-demands" in result.out

    def test_timeline(self, run: Runner, book: Path) -> None:
        """timeline PATH CLAIM works like timeline CLAIM --path PATH."""
        result = run("timeline", book, "board-accepts-demands")
        expected = run("timeline", "board-accepts-demands", "--path", book)

        assert (0, expected.out) == (result.code, result.out)

    def test_timeline_needs_one_claim(self, run: Runner, book: Path) -> None:
        """timeline with only the casebook says it needs a claim, exit 2."""
        result = run("timeline", book)

        assert 2 == result.code
        assert "timeline takes one claim id" in result.err
        assert_no_traceback(result)

    def test_named_twice(self, run: Runner, book: Path, tmp_path: Path) -> None:
        """Two different casebooks (positional and --path) are refused."""
        result = run("check", book, "--path", tmp_path)

        assert 2 == result.code
        assert "the casebook is named twice" in result.err

    @pytest.mark.parametrize("command", [c.name for c in COMMANDS if c.casebook])
    def test_every_command_takes_path(self, run: Runner, command: str) -> None:
        """Every command that reads a casebook offers --path and a positional PATH."""
        result = run(command, "--help")

        assert 0 == result.code
        assert "--path PATH" in result.out
        assert "[PATH]" in result.out.split("positional arguments:")[0]


class TestDidYouMean:
    """A near miss gets a suggestion."""

    def test_claim(self, run: Runner, book: Path) -> None:
        """A misspelt claim id: the nearest ids."""
        result = run("status", book, "altman-join-microsoft", *AS_OF)

        assert 2 == result.code
        expected = ("factcheck: no claim 'altman-join-microsoft' in the casebook; "
                    "did you mean 'altman-joins-microsoft'?\n")
        assert expected == result.err

    def test_timeline_claim(self, run: Runner, book: Path) -> None:
        """timeline suggests too."""
        result = run("timeline", book, "board-accept-demands")

        assert 2 == result.code
        assert "did you mean 'board-accepts-demands'?" in result.err

    def test_subcommand(self, run: Runner) -> None:
        """A misspelt subcommand: argparse's error, and the nearest name."""
        result = run("stauts")

        assert 2 == result.code
        assert "did you mean 'status'?" in result.err

    def test_status(self, run: Runner, book: Path) -> None:
        """A misspelt status in --only."""
        result = run("status", book, *AS_OF, "--only", "confimred")

        assert 2 == result.code
        assert "unknown status 'confimred'" in result.err
        assert "did you mean 'confirmed'?" in result.err

    def test_zone(self, run: Runner, book: Path) -> None:
        """A misspelt zone: the nearest zone names."""
        result = run("status", book, *AS_OF, "--tz", "Asia/Seol")

        assert 2 == result.code
        expected = "factcheck: unknown time zone 'Asia/Seol'; did you mean 'Asia/Seoul'?\n"
        assert expected == result.err


class TestOnly:
    """status --only keeps the claims with the statuses named."""

    def test_filter(self, run: Runner, book: Path) -> None:
        """Only the claims whose status is named are listed."""
        everything = run("status", book, *AS_OF, "--format", "json")
        result = run("status", book, *AS_OF, "--format", "json", "--only", "confirmed")

        statuses = {r["claim"]: r["status"] for r in json.loads(everything.out)}
        expected = sorted(c for c, s in statuses.items() if s == "confirmed")
        assert expected == [r["claim"] for r in json.loads(result.out)]
        assert 0 < len(expected) < len(statuses)


class TestZoneAbbreviation:
    """A zone abbreviation that output prints names the one zone of the casebook it stands for."""

    @pytest.mark.parametrize(
        ("abbreviation", "zone"),
        [("KST", "Asia/Seoul"), ("PST", "America/Los_Angeles"), ("kst", "Asia/Seoul")],
    )
    def test_accepted(self, run: Runner, book: Path, abbreviation: str, zone: str) -> None:
        """--tz KST gives what --tz Asia/Seoul gives."""
        result = run("status", book, *AS_OF, "--tz", abbreviation)
        expected = run("status", book, *AS_OF, "--tz", zone)

        assert (0, expected.out) == (result.code, result.out)

    def test_unknown_to_casebook(self, run: Runner, book: Path) -> None:
        """An abbreviation none of the casebook's zones prints is refused."""
        result = run("status", book, *AS_OF, "--tz", "BST")

        assert 2 == result.code
        assert "unknown time zone 'BST'" in result.err

    def test_ambiguous(self, run: Runner, book: Path) -> None:
        """An abbreviation two of the casebook's zones print is refused, naming both."""
        extra = book / "claims" / "tokyo.toml"
        extra.write_text('zone = "Asia/Tokyo"\n', encoding="utf-8")
        (book / "claims" / "seoul.toml").write_text('zone = "Asia/Seoul"\n', encoding="utf-8")
        # Asia/Tokyo prints JST, so KST still names Seoul alone; UTC+09 offsets are another story:
        result = run("status", book, *AS_OF, "--tz", "KST")
        assert 0 == result.code

        extra.write_text('zone = "Asia/Pyongyang"\n', encoding="utf-8")
        result = run("status", book, *AS_OF, "--tz", "KST")

        assert 2 == result.code
        assert "'KST' may mean any of Asia/Pyongyang, Asia/Seoul" in result.err


class TestFormatFromSuffix:
    """report -o FILE takes its format from FILE's suffix unless --format says otherwise."""

    @pytest.mark.parametrize(
        ("name", "start"),
        [("r.md", "# "), ("r.html", "<!DOCTYPE html>"), ("r.json", "{"), ("r.txt", "")],
    )
    def test_suffix(self, run: Runner, book: Path, tmp_path: Path, name: str, start: str) -> None:
        """The suffix decides."""
        target = tmp_path / name
        fmt = {".md": "markdown", ".html": "html", ".json": "json", ".txt": "text"}[target.suffix]
        result = run("report", book, *AS_OF, "-o", target)
        expected = run("report", book, *AS_OF, "--format", fmt)

        assert 0 == result.code
        assert expected.out == target.read_text(encoding="utf-8")
        assert target.read_text(encoding="utf-8").startswith(start)

    def test_format_wins(self, run: Runner, book: Path, tmp_path: Path) -> None:
        """--format overrides the suffix."""
        target = tmp_path / "r.md"
        result = run("report", book, *AS_OF, "-o", target, "--format", "json")

        assert 0 == result.code
        assert target.read_text(encoding="utf-8").startswith("{")

    def test_unknown_suffix(self, run: Runner, book: Path, tmp_path: Path) -> None:
        """An unknown suffix: text, as without -o."""
        target = tmp_path / "r.out"
        result = run("report", book, *AS_OF, "-o", target)
        expected = run("report", book, *AS_OF)

        assert 0 == result.code
        assert expected.out == target.read_text(encoding="utf-8")


class _Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class TestProgress:
    """Progress shows on a terminal, for steps that take more than a moment, and nowhere else."""

    def test_terminal_slow(self) -> None:
        """A slow step on a terminal shows its label, then clears the line."""
        stream = _Terminal()
        with progress("loading big", stream, delay=0.0):
            time.sleep(0.3)

        text = stream.getvalue()
        assert "loading big…" in text
        assert text.endswith("\r\x1b[K")

    def test_terminal_quick(self) -> None:
        """A quick step shows nothing."""
        stream = _Terminal()
        with progress("loading", stream, delay=5.0):
            pass

        assert "" == stream.getvalue()

    def test_not_terminal(self) -> None:
        """A pipe or file gets nothing, however slow the step."""
        stream = io.StringIO()
        with progress("loading", stream, delay=0.0):
            time.sleep(0.2)

        assert "" == stream.getvalue()

    def test_command_output_clean(self, run: Runner, book: Path) -> None:
        """Commands run under pytest (no terminal) write nothing extra on stderr."""
        result = run("status", book, *AS_OF)

        assert "" == result.err
