"""Helpers: copies of the small headline casebook (tests/data/mini), edited one way or another."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import factcheck
from factcheck import _load

MINI = Path(__file__).parent.parent / "data" / "mini"
ROOT = Path(__file__).parent.parent.parent


def copy_mini(tmp_path: Path, name: str = "cb") -> Path:
    """A fresh copy of tests/data/mini under ``tmp_path``."""
    root = tmp_path / name
    shutil.copytree(MINI, root)
    return root


def edit(root: Path, file: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``root/file`` with ``new``."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert 1 == text.count(old), f"{old!r} should occur once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def outcome_both_ways(root: Path) -> tuple[tuple[str, object], tuple[str, object]]:
    """How loading ``root`` ends with JSON Lines read by msgspec where clean, and read only the
    precise way: each ("loaded", the casebook and the reprs of its contents) or ("refused", the
    findings and whether a file was unreadable)."""
    fast = _outcome(root)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_load, "fast_source", None)
        m.setattr(_load, "fast_claims", None)
        precise = _outcome(root)
    return fast, precise


def _outcome(root: Path) -> tuple[str, object]:
    try:
        casebook = factcheck.load(root)
    except factcheck.LoadError as exc:
        return "refused", (exc.findings, exc.unreadable)
    return "loaded", (casebook, repr(casebook.sources), repr(casebook.claims),
                      repr(casebook.relations), repr(casebook.stakeholders), casebook.files)
