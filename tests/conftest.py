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


@pytest.fixture(scope="session")
def shipped() -> factcheck.Casebook:
    """The casebook in the project's own sources/ and claims/."""
    return factcheck.load(ROOT)


@pytest.fixture(params=["mini", "shipped"])
def headline_book(request: pytest.FixtureRequest) -> factcheck.Casebook:
    """Each casebook that holds the three headline claims: what the issue asks must hold in both."""
    book: factcheck.Casebook = request.getfixturevalue(request.param)
    return book
