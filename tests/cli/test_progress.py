"""Progress on a terminal: a bar where the total is known (files loaded, claims resolved), a spinner
where it is not, and nothing at all off a terminal."""

from __future__ import annotations

import io
import json
import shutil
import time
from pathlib import Path

import pytest

import factcheck
from factcheck import _progress
from factcheck._cli import main
from factcheck._progress import Bar, counted, progress, shown

from .test_arguments import _Terminal

MINI = Path(__file__).parents[1] / "data" / "mini"


def _bar(done: float, total: int, unit: str = "files") -> Bar:
    bar = Bar(unit)
    bar.update(done, total)
    return bar


def _until(stream: io.StringIO, text: str) -> str:
    """What ``stream`` holds once ``text`` is in it (the drawing thread ticks every 0.1 s)."""
    deadline = time.monotonic() + 5.0
    while text not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    return stream.getvalue()


class TestShown:
    """The line drawn for a step: a bar with share and count, or a spinner, within the width."""

    def test_bar(self) -> None:
        """A known total: label, bar, share, count done of total, unit and time."""
        expected = "⠋ loading book… ███████░░░░░░░░░░░░░  38% 1/4 files 2.0 s"
        assert expected == shown("loading book", _bar(1.5, 4), 0, 2.0, 80)

    def test_spinner(self) -> None:
        """No total yet: the spinner and the time only."""
        assert "⠙ building timelines… 0.3 s" == shown("building timelines", Bar(""), 1, 0.3, 80)

    def test_done(self) -> None:
        """All done: a full bar at 100%, never more than the total."""
        expected = "⠋ resolving… ████████████████████ 100% 3/3 claims 0.0 s"
        assert expected == shown("resolving", _bar(3.2, 3, "claims"), 0, 0.0, 80)

    def test_fits_the_terminal(self) -> None:
        """A long label is cut so the line stays narrower than the terminal (no wrapping)."""
        line = shown("loading " + "very/" * 40 + "deep", _bar(1, 2), 0, 1.0, 60)

        assert 59 == len(line)
        assert line.endswith("… ██████████░░░░░░░░░░  50% 1/2 files 1.0 s")


class TestProgressBar:
    """``progress`` hands the step a bar on a terminal and draws it; elsewhere nothing."""

    def test_drawn_then_cleared(self) -> None:
        """On a terminal the bar the step updates is drawn, and the line cleared after."""
        stream = _Terminal()
        with progress("loading book", stream, delay=0.0, unit="files", clock=lambda: 0.0) as bar:
            assert bar is not None
            bar.update(3, 4)
            text = _until(stream, "3/4 files")

        assert "loading book… ███████████████░░░░░  75% 3/4 files 0.0 s" in text
        assert stream.getvalue().endswith("\r\x1b[K")

    def test_quick_step(self) -> None:
        """A step shorter than the delay shows nothing, bar or not."""
        stream = _Terminal()
        with progress("loading", stream, delay=5.0, unit="files") as bar:
            assert bar is not None
            bar.update(1, 2)

        assert "" == stream.getvalue()

    def test_not_terminal(self) -> None:
        """Off a terminal the step gets no bar, so it need not count, and nothing is written."""
        stream = io.StringIO()
        with progress("loading", stream, delay=0.0, unit="files") as bar:
            time.sleep(0.2)

        assert bar is None
        assert "" == stream.getvalue()


class TestCounted:
    """``counted`` goes through items and tells the bar how many are done."""

    def test_counts(self) -> None:
        """The bar sees 0, 1, 2 of 3 as items go by, then 3 of 3."""
        bar = Bar("claims")
        seen = []
        for item in counted(["a", "b", "c"], bar):
            seen.append((item, bar.done, bar.total))

        assert [("a", 0, 3), ("b", 1, 3), ("c", 2, 3)] == seen
        assert (3, 3) == (bar.done, bar.total)

    def test_no_bar(self) -> None:
        """Without a bar, the items alone."""
        assert ["a", "b"] == list(counted(["a", "b"], None))


class TestLoadProgress:
    """``load(on_read=...)`` says how many files are read of how many."""

    def test_files(self) -> None:
        """Each file as it is opened, then all: counts only rise, up to every file to read."""
        calls: list[tuple[float, int]] = []
        casebook = factcheck.load(MINI, on_read=lambda done, total: calls.append((done, total)))

        files = 1 + len(list((MINI / "sources").glob("*.toml"))) + len(
            list((MINI / "claims").glob("*.toml")))
        assert [(float(i), files) for i in range(files + 1)] == calls
        assert factcheck.load(MINI) == casebook

    def test_json_lines(self, tmp_path: Path) -> None:
        """A bulk JSON Lines file reports its records as a fraction of the file, as they go by."""
        book = Path(shutil.copytree(MINI, tmp_path / "book"))
        records = [{"type": "stakeholder", "id": f"p{i:04}", "name": f"P {i}", "kind": "person"}
                   for i in range(1000)]
        (book / "claims" / "people.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        calls: list[tuple[float, int]] = []
        factcheck.load(book, on_read=lambda done, total: calls.append((done, total)))

        files = calls[-1][1]
        within = [done for done, _ in calls if done != int(done)]
        assert 3 == len(within), "records 256, 512 and 768 of the 1,001 lines"
        assert all(files - 1 < done < files for done in within)
        assert [d for d, _ in calls] == sorted(d for d, _ in calls)
        assert (files, files) == calls[-1]


class TestReportProgress:
    """The report says how far it has come: each claim's resolution, timeline and row, the
    findings, the other parts, then the rendering."""

    @pytest.mark.parametrize("fmt", ["text", "html", "json"])
    def test_steps(self, fmt: str) -> None:
        """Every step once, in order, of three per claim and three more; the same report."""
        casebook = factcheck.load(MINI)
        calls: list[tuple[float, int]] = []
        text = factcheck.render_report(casebook, "2023-11-22", fmt=fmt,
                                       on_progress=lambda done, total: calls.append((done, total)))

        steps = 3 * len(casebook.claims) + 3
        assert [(float(i), steps) for i in range(1, steps + 1)] == calls
        assert factcheck.render_report(casebook, "2023-11-22", fmt=fmt) == text

    def test_bar_on_terminal(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """`factcheck report` on a terminal draws a bar of steps on standard error, then clears
        it; the report itself is untouched."""
        stream = _Terminal()
        monkeypatch.setattr(_progress, "DELAY", 0.0)
        monkeypatch.setattr("sys.stderr", stream)
        shown_at: list[str] = []
        real = factcheck.render_report

        def slow(*args: object, **kwargs: object) -> str:
            """The report, waiting at its last step until the bar shows it."""
            told = kwargs["on_progress"]
            assert callable(told)

            def tell(done: float, total: int) -> None:
                told(done, total)
                if done == total - 1:
                    shown_at.append(_until(stream, f"{total - 1}/{total} steps"))

            return real(*args, **{**kwargs, "on_progress": tell})  # type: ignore[arg-type]

        monkeypatch.setattr("factcheck._report.render_report", slow)
        out = tmp_path / "r.md"
        assert 0 == main(["report", str(MINI), "--as-of", "2023-11-22", "-o", str(out)])

        steps = 3 * len(factcheck.load(MINI).claims) + 3
        assert "writing the report… " in shown_at[0]
        assert f"{steps - 1}/{steps} steps" in shown_at[0]
        assert stream.getvalue().endswith("\r\x1b[K")
        assert factcheck.render_report(factcheck.load(MINI), "2023-11-22", fmt="markdown") == (
            out.read_text(encoding="utf-8"))

    def test_not_terminal(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Off a terminal the report is built without counting, and standard error stays empty."""
        stream = io.StringIO()
        monkeypatch.setattr(_progress, "DELAY", 0.0)
        monkeypatch.setattr("sys.stderr", stream)
        told: list[object] = []
        real = factcheck.render_report

        def spy(*args: object, **kwargs: object) -> str:
            """The report, noting what it was told to report progress to."""
            told.append(kwargs["on_progress"])
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr("factcheck._report.render_report", spy)
        assert 0 == main(["report", str(MINI), "--as-of", "2023-11-22",
                          "-o", str(tmp_path / "r.md")])

        assert [None] == told
        assert "" == stream.getvalue()
