"""The compiled decoder's fast path against the precise reader, on fuzzed casebooks (issue #12).

JSON Lines are read by msgspec where a line is clean and by the precise reader otherwise
(``factcheck._fastlines``). Whatever the fuzzer makes of a casebook, loading it with the fast path
and without must end the same: equal casebooks, or the very same findings.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from load.casebooks import outcome_both_ways

from .books import SHIPPED, Book, write
from .generated import generated
from .mutations import mutated


def _both_ways(book: Book) -> tuple[tuple[str, object], tuple[str, object]]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "book"
        write(book, root)
        return outcome_both_ways(root)


class TestFastPathOnFuzzedCasebooks:
    """Fuzzed casebooks (JSON Lines among them) load identically with and without msgspec."""

    @settings(max_examples=100, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.large_base_example])
    @given(book=mutated(st.one_of(generated(), st.just(SHIPPED))))
    def test_same_outcome(self, book: Book) -> None:
        """The same casebook, or the same findings (code, message, file, line, key path)."""
        fast, precise = _both_ways(book)
        assert precise == fast
