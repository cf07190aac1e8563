"""``factcheck report``: formats, output file, and user errors in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import factcheck
from factcheck._cli import main

MINI = Path(__file__).parents[1] / "data" / "mini"


class TestReportCommand:
    @pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
    def test_stdout_is_the_api(self, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Without -o the report goes to stdout, exactly as render_report gives it."""
        assert 0 == main(["report", str(MINI), "--as-of", "2023-11-22", "--format", fmt])
        expected = factcheck.render_report(factcheck.load(MINI), "2023-11-22", fmt=fmt)
        assert expected == capsys.readouterr().out

    def test_output_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """-o writes the file and nothing to stdout."""
        target = tmp_path / "report.html"
        assert 0 == main(["report", str(MINI), "--as-of", "2023-11-22", "--tz", "Asia/Seoul",
                          "--since", "2023-11-21", "--format", "html", "-o", str(target)])
        assert "" == capsys.readouterr().out
        assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    def test_generated(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--generated adds the time of writing; without it there is none."""
        assert 0 == main(["report", str(MINI), "--as-of", "2023-11-22", "--format", "json",
                          "--generated"])
        assert json.loads(capsys.readouterr().out)["generated"] is not None

    def test_as_of_without_zone(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A date with no zone, for a casebook with none, is a clear error, exit 2."""
        for path in MINI.rglob("*.toml"):
            target = tmp_path / path.relative_to(MINI)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
        (tmp_path / "casebook.toml").write_text('title = "No zone"\n', encoding="utf-8")
        assert 2 == main(["report", str(tmp_path), "--as-of", "2023-11-22"])
        err = capsys.readouterr().err
        assert err.startswith("factcheck: ") and "'2023-11-22' has no zone" in err
        assert "Traceback" not in err

    def test_since_after_as_of(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--since after --as-of is refused in one line, exit 2."""
        assert 2 == main(["report", str(MINI), "--as-of", "2023-11-20", "--since", "2023-11-21"])
        assert "must be before the as-of" in capsys.readouterr().err

    def test_unwritable_output(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An output file that cannot be written is a one-line error, exit 2."""
        target = tmp_path / "missing" / "report.md"
        assert 2 == main(["report", str(MINI), "--as-of", "2023-11-22", "-o", str(target)])
        assert "cannot write the report" in capsys.readouterr().err

    @pytest.mark.parametrize(("args", "message"), [
        (["--as-of", "nonsense"], "expected a time such as"),
        (["--as-of", "2023-02-30"], "is not a real time"),
        (["--as-of", "2023-11-22", "--since", "garbage"], "the since time: expected a time"),
        (["--as-of", "2023-11-22", "--tz", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
    ])
    def test_bad_times(self, args: list[str], message: str,
                       capsys: pytest.CaptureFixture[str]) -> None:
        """A time or zone that cannot be read is one line naming it, exit 2, nothing on stdout."""
        assert 2 == main(["report", str(MINI), *args])
        out, err = capsys.readouterr()
        assert "" == out
        assert err.startswith("factcheck: ") and message in err, err
        assert "Traceback" not in err and 1 == err.count("\n")

    def test_missing_folder(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A folder that is not a casebook is named, exit 2, and no report file is written."""
        target = tmp_path / "report.html"
        assert 2 == main(["report", str(tmp_path / "nowhere"), "--as-of", "2023-11-22", "-o",
                          str(target)])
        err = capsys.readouterr().err
        assert "no casebook folder here" in err and "Traceback" not in err
        assert not target.exists()
