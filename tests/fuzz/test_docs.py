"""docs/reliability.md says what the fuzzer runs: its figures follow the profiles, not memory."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")


def _number(text: str) -> int:
    return int(text.replace(",", ""))


class TestReliabilityPage:
    """The page on the fuzzer, against the fuzzer."""

    def test_long_run_command(self) -> None:
        """The page gives the long run's command, as the profiles read it."""
        assert "FACTCHECK_FUZZ=long" in PAGE
        assert re.search(r"python -m pytest tests/fuzz", PAGE)

    def test_long_run_counts(self) -> None:
        """The long run's counts on the page are those of the long profile."""
        long = EXAMPLES["long"]
        match = re.search(r"runs ([\d,]+) casebooks \(([\d,]+) mutated shipped ones, ([\d,]+) "
                          r"mutated generated ones, and ([\d,]+) for each\s+of the three", PAGE)
        assert match is not None
        total, shipped, generated, each = (_number(g) for g in match.groups())
        assert (long["shipped"], long["generated"]) == (shipped, generated)
        assert {long["clean"], long["forms"], long["order"]} == {each}
        assert sum(long.values()) == total

    def test_linked_from_readme(self) -> None:
        """README's documentation list links the page."""
        assert "(docs/reliability.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
