"""Fixtures for exports and imports: the shipped casebook as a copy that may change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def copy_shipped(target: Path) -> Path:
    """Copy the shipped casebook (casebook.toml, sources/, claims/) to ``target``."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "casebook.toml", target)
    for folder in ("sources", "claims"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """A copy of the shipped casebook a test may change."""
    return copy_shipped(tmp_path / "shipped")


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path: to tell whether anything changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}
