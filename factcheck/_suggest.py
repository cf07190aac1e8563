""""Did you mean": the closest known names to one that was mistyped."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]


def closest(word: str, known: Iterable[str], *, cutoff: float = 0.6, n: int = 3) -> list[str]:
    """The known names nearest to ``word``, best first; ties in sorted order (deterministic)."""
    candidates = sorted(set(known))
    exact_case = [k for k in candidates if k.lower() == word.lower() and k != word]
    if exact_case:
        return exact_case[:n]
    return difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff)


def did_you_mean(word: str, known: Iterable[str], *, cutoff: float = 0.6) -> str:
    """``"; did you mean 'x'?"`` (or ``'x' or 'y'``) when something is close, else ``""``."""
    found = closest(word, known, cutoff=cutoff)
    if not found:
        return ""
    return "; did you mean " + " or ".join(repr(f) for f in found) + "?"
