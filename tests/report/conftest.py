"""Fixtures for the report tests: the hostile casebook, written once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck

from .hostile import write_hostile


@pytest.fixture(scope="session")
def hostile_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of a casebook whose every free text is hostile."""
    return write_hostile(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def hostile(hostile_path: Path) -> factcheck.Casebook:
    """The hostile casebook, loaded."""
    return factcheck.load(hostile_path)
