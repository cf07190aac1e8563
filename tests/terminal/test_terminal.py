"""Text for a terminal: display widths, wrapping, tables fitted to the width, and the commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import factcheck
from factcheck._terminal import fit_table, terminal_width, width, wrap

ROOT = Path(__file__).parents[2]


class TestWidth:
    def test_east_asian_text_is_two_columns_a_character(self) -> None:
        """Hangul takes two columns, Latin one, a combining mark none."""
        assert (4, 2, 1) == (width("이사"), width("ab"), width("e\u0301"))

    def test_wrap_by_display_width(self) -> None:
        """Korean text wraps by its display width, at spaces, and inside a word only when the
        word alone is too wide."""
        text = "오후 5시 기한이 넘긴 했지만 이사회는 요구를 받아들이겠다고 선언했다."
        lines = wrap(text, 20, "  ", "    ")
        assert all(width(line) <= 20 for line in lines)
        assert text.replace(" ", "") == "".join(lines).replace(" ", "")
        assert ["ab", "cd"] == wrap("abcd", 2)


class TestFitTable:
    def test_fits_and_keeps_every_word(self) -> None:
        """A table of long cells fits the width, every word kept, Korean cells aligned by their
        display width."""
        rows = [["이사회는-요구를", "refuted", "이사회는 요구를 받아들이겠다고 " * 4],
                ["altman-fired", "confirmed", "first-party: openai-leadership-transition " * 3]]
        out = fit_table(rows, ["claim", "status", "why"], 60)
        lines = out.splitlines()
        assert max(width(line) for line in lines) <= 60
        for row in rows:  # short words are never broken
            assert all(word in out for word in row[2].split() if width(word) <= 12)
        # The second column starts at the same display column on every line that has it.
        starts = {width(line[: line.index(word)]) for line in lines
                  for word in ("status", "refuted", "confirmed") if word in line}
        assert 1 == len(starts), out

    def test_pipe_is_not_cut(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without a terminal or $COLUMNS, output is not fitted: one line per row for a pipe."""
        monkeypatch.delenv("COLUMNS", raising=False)
        with open(os.devnull, "w") as pipe:
            assert terminal_width(pipe) is None
        monkeypatch.setenv("COLUMNS", "72")
        assert 72 == terminal_width()


def _run(*args: str, columns: int) -> str:
    env = {**os.environ, "COLUMNS": str(columns)}
    result = subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=120, check=False)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


class TestCommands:
    @pytest.mark.parametrize("columns", [80, 100])
    def test_status_fits(self, columns: int) -> None:
        """`factcheck status` fits the terminal's width, its reasons wrapped, not cut."""
        out = _run("status", ".", "--as-of", "2023-11-22", "--tz", "Asia/Seoul",
                   columns=columns)
        assert max(width(line) for line in out.splitlines()) <= columns
        assert "refuted" in out and "corroborated" in out

    def test_timeline_and_check_fit(self) -> None:
        """`factcheck timeline` and `factcheck check` fit too."""
        for args in (("timeline", ".", "board-accepts-demands", "--tz", "Asia/Seoul"),
                     ("check", ".")):
            out = _run(*args, columns=70)
            assert max((width(line) for line in out.splitlines()), default=0) <= 70

    @pytest.mark.parametrize("columns", [50, 80, 120])
    def test_text_report_fits(self, columns: int) -> None:
        """`factcheck report --format text` to a terminal fits its width, Korean quotes too."""
        out = _run("report", ".", "--as-of", "2023-11-22", "--tz", "Asia/Seoul", "--format",
                   "text", columns=columns)
        assert max(width(line) for line in out.splitlines()) <= columns
        assert "이사회는" in out

    def test_text_report_file_is_the_same_everywhere(self, tmp_path: Path) -> None:
        """Written to a file, the text report does not depend on the terminal's width."""
        files = []
        for columns in (50, 120):
            target = tmp_path / f"report-{columns}.txt"
            _run("report", ".", "--as-of", "2023-11-22", "--format", "text", "-o",
                 str(target), columns=columns)
            files.append(target.read_bytes())
        assert files[0] == files[1]
        assert files[0].decode() == factcheck.render_report(
            factcheck.load(ROOT), "2023-11-22", fmt="text")
