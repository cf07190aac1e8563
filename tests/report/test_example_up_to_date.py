"""docs/example-report.md is the shipped casebook's report, and must not go stale.

Regenerate it from the repository's root with:

    python -m factcheck report . --as-of 2023-11-22 --tz Asia/Seoul --format markdown \
        -o docs/example-report.md
"""

from __future__ import annotations

from pathlib import Path

import factcheck

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "docs" / "example-report.md"
COMMAND = ("python -m factcheck report . --as-of 2023-11-22 --tz Asia/Seoul --format markdown "
           "-o docs/example-report.md")


def test_example_report_is_up_to_date() -> None:
    """The example report equals a fresh report of the shipped casebook, byte for byte."""
    casebook = factcheck.load(ROOT)
    fresh = factcheck.render_report(casebook, "2023-11-22", tz="Asia/Seoul", fmt="markdown")
    current = EXAMPLE.read_text(encoding="utf-8")
    assert fresh == current, f"docs/example-report.md is out of date; regenerate it: {COMMAND}"


def test_example_shows_the_headline_case() -> None:
    """The example holds the week's headline, as of the end of 22 Nov in Seoul."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "2023-11-23 00:00 KST" in text
    assert "| altman-returns-as-ceo " in text
    assert "```text" in text
