"""`factcheck check`: findings as a table or JSON, and exit codes a CI job can rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from snippets import CYCLE, LONELY

from .conftest import Run, Runner

FINDING_KEYS = ["severity", "code", "file", "path", "line", "column", "message", "count", "also"]


def add_claims(book: Path, text: str) -> None:
    """Write ``text`` as one more claim file of the casebook."""
    (book / "claims" / "extra.toml").write_text(text, encoding="utf-8")


def unknown_claimant(book: Path) -> None:
    """Make the second headline claim name a claimant that is no stakeholder."""
    headline = book / "claims" / "headline.toml"
    text = headline.read_text(encoding="utf-8")
    headline.write_text(
        text.replace('claimant = "microsoft"', 'claimant = "nobody"'), encoding="utf-8"
    )


def assert_no_traceback(result: Run) -> None:
    """Nothing the user sees is a Python traceback."""
    assert "Traceback" not in result.text
    assert 'File "' not in result.text


class TestExitCodes:
    """0 without errors, 1 when the casebook has errors, 2 when it cannot be read at all."""

    def test_clean(self, run: Runner, book: Path) -> None:
        """The mini casebook has no finding: exit 0, nothing on stdout, a summary on stderr."""
        result = run("check", book)

        assert 0 == result.code
        assert "" == result.out
        assert (
            "Mini headline case: 3 claims, 3 sources; 0 error(s), 0 warning(s), 0 info(s)\n"
            == result.err
        )

    def test_default_path_is_the_current_folder(
        self, run: Runner, book: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without PATH, the current folder is checked."""
        monkeypatch.chdir(book)

        assert 0 == run("check").code

    def test_warnings_only(self, run: Runner, book: Path) -> None:
        """Warnings are printed but do not fail the check."""
        add_claims(book, LONELY)
        result = run("check", book)

        assert 0 == result.code
        assert "no-excerpt" in result.out
        assert "0 error(s), 1 warning(s), 0 info(s)" in result.err

    def test_error_finding(self, run: Runner, book: Path) -> None:
        """A cycle of supersedes is an error finding: exit 1."""
        add_claims(book, CYCLE)
        result = run("check", book)

        assert 1 == result.code
        assert "1 error(s), 2 warning(s), 0 info(s)" in result.err

    def test_loading_error(self, run: Runner, book: Path) -> None:
        """A claimant that is no stakeholder stops loading: exit 1, naming file and key path."""
        unknown_claimant(book)
        result = run("check", book)

        assert 1 == result.code
        assert [
            "error: claims/headline.toml:16:1: claims[1].claimant: claimant 'nobody' is not a "
            "stakeholder [unknown-stakeholder]",
            "factcheck: the casebook could not be loaded (1 problem(s))",
        ] == result.err.splitlines()
        assert_no_traceback(result)

    def test_missing_folder(self, run: Runner, tmp_path: Path) -> None:
        """A folder that does not exist cannot be read: exit 2, naming it."""
        result = run("check", tmp_path / "nowhere")

        assert 2 == result.code
        assert (
            f"error: {tmp_path / 'nowhere'}: no casebook folder here (expected sources/ and "
            "claims/) [missing-casebook]"
        ) == result.err.splitlines()[0]
        assert_no_traceback(result)

    def test_not_a_casebook(self, run: Runner, tmp_path: Path) -> None:
        """A folder without sources/ and claims/ cannot be read: exit 2, saying what is missing."""
        result = run("check", tmp_path)

        assert 2 == result.code
        assert "the casebook has no sources/ folder [missing-folder]" in result.err
        assert "the casebook has no claims/ folder [missing-folder]" in result.err
        assert_no_traceback(result)

    @pytest.mark.parametrize(
        "name", ["claims/headline.toml", "sources/nadella.toml", "casebook.toml"]
    )
    def test_broken_toml(self, run: Runner, book: Path, name: str) -> None:
        """Broken TOML anywhere cannot be read: exit 2, naming the file and where it breaks."""
        (book / name).write_text('id = "x"\n[[claims]\n', encoding="utf-8")
        result = run("check", book)

        assert 2 == result.code
        assert result.err.startswith(f"error: {name}:2:9: not valid TOML: ")
        assert "(at line 2, column" in result.err
        assert result.err.splitlines()[0].endswith("[broken-toml]")
        assert_no_traceback(result)

    def test_not_utf8(self, run: Runner, book: Path) -> None:
        """A file that is not UTF-8 cannot be read: exit 2, naming the file."""
        (book / "claims" / "latin.toml").write_bytes(b'text = "caf\xe9"\n')
        result = run("check", book)

        assert 2 == result.code
        assert result.err.startswith("error: claims/latin.toml: cannot read the file: ")
        assert_no_traceback(result)


class TestJsonFormat:
    """``--format json``: an array of findings a program can read."""

    def test_clean(self, run: Runner, book: Path) -> None:
        """No finding is an empty array."""
        result = run("check", book, "--format", "json")

        assert 0 == result.code
        assert [] == json.loads(result.out)

    def test_findings(self, run: Runner, book: Path) -> None:
        """Each finding has severity, code, file, key path and message; errors come first."""
        add_claims(book, CYCLE)
        result = run("check", book, "--format", "json")
        findings = json.loads(result.out)

        assert 1 == result.code
        assert [FINDING_KEYS] * 3 == [list(f) for f in findings]
        assert {
            "severity": "error",
            "code": "supersedes-cycle",
            "file": "claims/extra.toml",
            "path": "relations[1]",
            "line": 21,
            "column": 1,
            "message": "supersedes relations form a cycle: first-story → second-story → "
            "first-story",
            "count": 1,
            "also": [],
        } == findings[0]
        assert [("warning", "no-excerpt", "claims[0]"), ("warning", "no-excerpt", "claims[1]")] == [
            (f["severity"], f["code"], f["path"]) for f in findings[1:]
        ]

    def test_loading_error(self, run: Runner, book: Path) -> None:
        """Problems that stop loading are reported in the same JSON form, exit 1."""
        unknown_claimant(book)
        result = run("check", book, "--format", "json")

        assert 1 == result.code
        assert [
            {
                "severity": "error",
                "code": "unknown-stakeholder",
                "file": "claims/headline.toml",
                "path": "claims[1].claimant",
                "line": 16,
                "column": 1,
                "message": "claimant 'nobody' is not a stakeholder",
                "count": 1,
                "also": [],
            }
        ] == json.loads(result.out)

    def test_unreadable(self, run: Runner, book: Path) -> None:
        """Broken TOML is reported as JSON too, exit 2."""
        (book / "claims" / "headline.toml").write_text("[[claims]\n", encoding="utf-8")
        result = run("check", book, "--format", "json")

        assert 2 == result.code
        [finding] = json.loads(result.out)
        assert ("error", "broken-toml", "claims/headline.toml") == (
            finding["severity"],
            finding["code"],
            finding["file"],
        )


class TestTableFormat:
    """The default table: one row per finding, with file and key path."""

    def test_columns_and_location(self, run: Runner, book: Path) -> None:
        """The location column names the file and the key path."""
        add_claims(book, CYCLE)
        lines = run("check", book).out.splitlines()

        assert ["severity", "code", "location", "message"] == lines[0].split()
        assert lines[2].split()[:4] == [
            "error",
            "supersedes-cycle",
            "claims/extra.toml:21:1:",
            "relations[1]",
        ]
        assert "claims/extra.toml:2:1: claims[0]" in lines[3]
        assert 5 == len(lines)

    def test_explicit_table(self, run: Runner, book: Path) -> None:
        """``--format table`` is the default, written out."""
        add_claims(book, LONELY)

        assert run("check", book).out == run("check", book, "--format", "table").out


class TestArguments:
    """Mistakes in the arguments: exit 2, one clear line, no traceback."""

    def test_bad_as_of(self, run: Runner, book: Path) -> None:
        """An --as-of that is no time says which forms are understood."""
        result = run("check", book, "--as-of", "last tuesday")

        assert 2 == result.code
        assert result.err.startswith("factcheck: expected a time such as ")
        assert result.err.rstrip().endswith("got 'last tuesday'")
        assert_no_traceback(result)

    def test_impossible_date(self, run: Runner, book: Path) -> None:
        """A date that does not exist is refused, saying why."""
        result = run("check", book, "--as-of", "2023-11-31")

        assert 2 == result.code
        assert result.err.startswith("factcheck: '2023-11-31' is not a real time: ")
        assert_no_traceback(result)

    def test_bad_tz(self, run: Runner, book: Path) -> None:
        """An unknown zone is named."""
        result = run("check", book, "--as-of", "2023-11-21", "--tz", "Mars/Olympus")

        assert 2 == result.code
        assert "factcheck: unknown time zone 'Mars/Olympus'\n" == result.err
        assert_no_traceback(result)

    def test_as_of_decides_past_due(self, run: Runner, book: Path) -> None:
        """A valid --as-of with a zone is accepted."""
        result = run("check", book, "--as-of", "2023-11-21T12:00", "--tz", "Europe/London")

        assert 0 == result.code

    def test_bad_snapshot(self, run: Runner, book: Path) -> None:
        """--snapshot without SOURCE=FILE, or with an unknown source, is refused."""
        for value in ("nadella", "nobody=snap.txt"):
            result = run("check", book, "--snapshot", value)

            assert 2 == result.code
            assert (
                f"factcheck: --snapshot expects SOURCE=FILE with a known source id, got {value!r}\n"
                == result.err
            )

    def test_snapshot(self, run: Runner, book: Path, tmp_path: Path) -> None:
        """--snapshot checks a source's quotes against a file: a missing quote is an error."""
        snapshot = tmp_path / "nadella.txt"
        snapshot.write_text("Nothing Satya Nadella wrote.\n", encoding="utf-8")
        result = run("check", book, "--snapshot", f"nadella={snapshot}", "--format", "json")

        assert 1 == result.code
        assert [("quote-not-found", "sources/nadella.toml", "excerpts[0].quote")] == [
            (f["code"], f["file"], f["path"]) for f in json.loads(result.out)
        ]

    def test_unknown_format(self, run: Runner, book: Path) -> None:
        """argparse refuses a format that does not exist, with the choices."""
        result = run("check", book, "--format", "xml")

        assert 2 == result.code
        assert "invalid choice: 'xml'" in result.err
        assert_no_traceback(result)


class TestConsoleEntry:
    """The command runs as its own program, as a CI job runs it."""

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        """Run ``command`` as its own process, its output in UTF-8 whatever the locale."""
        return subprocess.run(list(command), capture_output=True, text=True,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"}, check=False)

    def test_python_m_factcheck(self, book: Path) -> None:
        """``python -m factcheck check`` exits 0 on a clean casebook."""
        done = self.run(sys.executable, "-m", "factcheck", "check", str(book))

        assert (0, "") == (done.returncode, done.stdout)
        assert "Mini headline case: 3 claims, 3 sources; 0 error(s)" in done.stderr

    def test_script_on_errors(self, book: Path) -> None:
        """The installed ``factcheck`` script exits 1 on errors, with findings and no traceback."""
        script = Path(sys.executable).with_name("factcheck")
        if not script.exists():  # pragma: no cover - run from an environment without the script
            pytest.skip("the factcheck script is not installed beside this Python")
        add_claims(book, CYCLE)
        done = self.run(str(script), "check", str(book))

        assert 1 == done.returncode
        assert "supersedes-cycle" in done.stdout
        assert "Traceback" not in done.stdout + done.stderr

    def test_missing_folder_in_a_subprocess(self, tmp_path: Path) -> None:
        """A missing folder exits 2 with a message, no traceback, from a real process."""
        done = self.run(sys.executable, "-m", "factcheck", "check", str(tmp_path / "nowhere"))

        assert 2 == done.returncode
        assert "no casebook folder here" in done.stderr
        assert "Traceback" not in done.stdout + done.stderr
