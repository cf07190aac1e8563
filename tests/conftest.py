"""Shared fixtures: the small headline casebook in tests/data/mini, and the shipped one."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck

HERE = Path(__file__).parent
ROOT = HERE.parent
MINI = HERE / "data" / "mini"


@pytest.fixture(scope="session")
def mini() -> factcheck.Casebook:
    """The three headline claims with four sources: small enough to reason about by hand."""
    return factcheck.load(MINI)
