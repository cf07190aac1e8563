"""Fixtures for the command line: a writable copy of the mini casebook, and a runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from factcheck._cli import main

MINI = Path(__file__).parents[1] / "data" / "mini"


@attrs.frozen
class Run:
    """What one run of the command line gave: exit code, standard output and standard error."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        """Both streams, for checks that hold for everything the user sees."""
        return self.out + self.err


Runner = Callable[..., Run]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A copy of tests/data/mini that a test may change."""
    return Path(shutil.copytree(MINI, tmp_path / "book"))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run ``factcheck`` with the given arguments in this process; a usage error is exit 2 too."""

    def runner(*argv: str | Path) -> Run:
        capsys.readouterr()
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:  # argparse refusing an argument
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return runner
