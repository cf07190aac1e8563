"""Text folded for comparison: what re-wrapping or typographic quotation marks do not change.

Quotes are compared with pages, and pages with their earlier states, after folding both the same
way: Unicode compatibility form (NFKC: full-width letters, ligatures and the like read as their
plain forms), curly quotation marks as straight ones, and every run of white space (line breaks
included) as one space. Each folded character remembers where in the original text it came from,
so a match can be shown in the page as it was written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import attrs

__all__ = ["Folded", "fold", "folded", "occurrences"]

#: Quotation marks that typography varies, read as the plain ones.
_QUOTES = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
    "\u00bb": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
})


@attrs.frozen
class Folded:
    """A text folded for comparison, with each folded character's span in the original."""

    text: str
    original: str = attrs.field(repr=False)
    #: For each character of ``text``: where the original characters it came from start and end.
    starts: tuple[int, ...] = attrs.field(repr=False)
    ends: tuple[int, ...] = attrs.field(repr=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for the folded span ``start:end`` (end exclusive)."""
        if start >= end:
            at = self.starts[start] if start < len(self.starts) else len(self.original)
            return at, at
        return self.starts[start], self.ends[end - 1]


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a character with the combining marks after it: folded together, as NFKC does."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            yield start, i
            start = i


def fold(text: str) -> Folded:
    """``text`` folded (see the module), remembering where each character came from."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    space_at: tuple[int, int] | None = None
    for start, end in _clusters(text):
        for char in unicodedata.normalize("NFKC", text[start:end]).translate(_QUOTES):
            if char.isspace():
                if out and space_at is None:
                    space_at = (start, end)
                continue
            if space_at is not None:
                out.append(" ")
                starts.append(space_at[0])
                ends.append(space_at[1])
                space_at = None
            out.append(char)
            starts.append(start)
            ends.append(end)
    return Folded("".join(out), text, tuple(starts), tuple(ends))


def folded(text: str) -> str:
    """``text`` folded for comparison (see the module)."""
    return fold(text).text


def occurrences(page: str, quote: str, prefix: str | None = None,
                suffix: str | None = None) -> list[int]:
    """Where ``quote`` starts in the folded ``page``, each time it stands between ``prefix`` and
    ``suffix`` (when given); every argument is folded first, except ``page``, already folded."""
    wanted = folded(quote)
    if not wanted:
        return []
    before, after = folded(prefix or ""), folded(suffix or "")
    found = []
    at = page.find(wanted)
    while at >= 0:
        if ((not before or page[:at].rstrip().endswith(before))
                and (not after or page[at + len(wanted):].lstrip().startswith(after))):
            found.append(at)
        at = page.find(wanted, at + 1)
    return found
