"""The examples of docs/cli.md, run against a copy of the shipped casebook: the docs cannot rot."""

from __future__ import annotations

import doctest
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from factcheck._cli import main

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)
_EXIT = re.compile(r"^\[exit (\d+)\]$")


@attrs.frozen
class Example:
    """One `$ factcheck ...` line of the docs, with the output and exit code shown under it."""

    command: str
    output: str | None
    code: int


def examples(page: str) -> list[Example]:
    """Every command of the page's console blocks, in order."""
    found = []
    for block in _BLOCK.findall((DOCS / page).read_text(encoding="utf-8")):
        command: str | None = None
        lines: list[str] = []
        code = 0
        for line in [*block.splitlines(), "$ "]:
            if line.startswith("$ "):
                if command:
                    found.append(Example(command, "\n".join(lines) + "\n" if lines else None,
                                         code))
                command, lines, code = line[2:].strip(), [], 0
            elif match := _EXIT.match(line):
                code = int(match[1])
            else:
                lines.append(line)
    return found


@pytest.fixture(scope="module")
def shipped_copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One copy of the shipped casebook for the page's examples, which run in order in it as a
    reader would type them (one may read what an earlier one wrote)."""
    book = tmp_path_factory.mktemp("docs") / "book"
    book.mkdir()
    shutil.copy(ROOT / "casebook.toml", book)
    for folder in ("sources", "claims"):
        shutil.copytree(ROOT / folder, book / folder)
    yield book


@pytest.fixture
def in_shipped_copy(shipped_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared copy as the current folder."""
    monkeypatch.chdir(shipped_copy)
    return shipped_copy


CLI_EXAMPLES = examples("cli.md")


class TestCliExamples:
    """Each example of docs/cli.md runs, exits as shown, and prints what is shown."""

    def test_found(self) -> None:
        """The page has examples, and every one calls factcheck without a shell pipe."""
        assert 8 <= len(CLI_EXAMPLES)
        assert [] == [e.command for e in CLI_EXAMPLES
                      if not e.command.startswith("factcheck ") or "|" in e.command]

    @pytest.mark.parametrize("example", CLI_EXAMPLES, ids=[e.command for e in CLI_EXAMPLES])
    def test_example(self, example: Example, in_shipped_copy: Path,
                     capsys: pytest.CaptureFixture[str]) -> None:
        """The command exits with the code shown and prints the lines shown (`...`: anything)."""
        argv = shlex.split(example.command)[1:]
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        assert example.code == code, captured.err
        if example.output is not None:
            checker = doctest.OutputChecker()
            seen = captured.out + captured.err
            assert checker.check_output(example.output, seen, doctest.ELLIPSIS), (
                f"expected:\n{example.output}\ngot:\n{seen}")
        else:
            assert captured.out or captured.err or "-o" in argv, "an example shows nothing"
