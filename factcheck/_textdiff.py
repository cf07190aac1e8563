"""Two states of a page compared: its sentences, where a quote stands, and a word-level diff.

A page is read folded (see :mod:`factcheck._textnorm`), so re-wrapped lines and typographic
quotation marks are not changes. It is cut into sentences at sentence-ending punctuation and at the
start of a paragraph or list item; words are what white space separates (so a Korean word with its
particles is one word).
"""

from __future__ import annotations

import difflib
import re
from functools import cached_property

import attrs

from ._textnorm import Folded, fold, occurrences

__all__ = ["Change", "Page", "core", "word_changes"]

#: Where a sentence ends: its punctuation (and closing quotation marks or brackets) before a space.
_SENTENCE_END = re.compile(r"[.!?。！？…]['\")\]」』]*(?= )")
#: A line this short (in characters) without a full stop is a heading, not a wrapped sentence.
_SHORT_LINE = 24
#: A line that starts a list item: the line break before it ends a sentence even without a stop.
_ITEM = re.compile(r"\n[ \t]*(?:[-*•·▪–]|\d{1,3}[.)])[ \t]")


#: List markers at either end of a run of text: layout, not wording.
_MARKERS = re.compile(r"^(?:[-*•·▪–]|\d{1,3}[.)])(?: |$)|(?:^| )(?:[-*•·▪–]|\d{1,3}[.)])$")


def core(text: str) -> str:
    """``text`` folded, without the list markers at its ends (``- `` of a list item): what a
    moved item or a sentence that became an item's first keeps."""
    from ._textnorm import folded

    previous, text = None, folded(text)
    while previous != text:
        previous, text = text, _MARKERS.sub("", text).strip()
    return text


@attrs.frozen
class Page:
    """A page's text, folded, with its sentences (spans of the folded text)."""

    folded: Folded

    @classmethod
    def of(cls, text: str) -> Page:
        """The page whose text is ``text`` (as written: line breaks and all)."""
        return cls(fold(text))

    @property
    def text(self) -> str:
        """The folded text: what quotes are found in."""
        return self.folded.text

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """Each sentence's span in the folded text, in order."""
        text, original, starts = self.folded.text, self.folded.original, self.folded.starts
        cuts = {m.end() + 1 for m in _SENTENCE_END.finditer(text)}
        for i, char in enumerate(text):
            if char == " " and i + 1 < len(text):
                gap = original[starts[i]:starts[i + 1]]
                following = original[starts[i + 1]:starts[i + 1] + 4]
                if "\n\n" in gap.replace("\r", "") or _ITEM.search(gap + following):
                    cuts.add(i + 1)
                elif "\n" in gap:
                    # A short line, or one ending in a colon, is a heading or a dateline: it is
                    # not a sentence running on into the next line.
                    line = original[original.rfind("\n", 0, starts[i]) + 1:starts[i]].strip()
                    if len(line) <= _SHORT_LINE or line.endswith(":"):
                        cuts.add(i + 1)
        bounds = [*sorted(c for c in cuts if 0 < c < len(text)), len(text) + 1]
        spans, start = [], 0
        for cut in bounds:
            spans.append((start, cut - 1))
            start = cut
        return tuple((a, b) for a, b in spans if b > a)

    def written(self, start: int, end: int) -> str:
        """The folded span ``start:end`` as the page wrote it (its white space made one space)."""
        a, b = self.folded.span(start, end)
        return " ".join(self.folded.original[a:b].split())

    def line(self, at: int) -> int:
        """The line of the original text where the folded position ``at`` is (from 1)."""
        if not self.folded.starts:
            return 1
        at = min(at, len(self.folded.starts) - 1)
        return self.folded.original.count("\n", 0, self.folded.starts[at]) + 1

    def context(self, start: int, end: int) -> str:
        """The sentences the folded span ``start:end`` touches, as the page wrote them."""
        end = max(end, start + 1)
        touched = [(a, b) for a, b in self.sentences if a < end and b > start]
        return self.written(touched[0][0], touched[-1][1]) if touched else ""

    def sentence_before(self, at: int) -> str | None:
        """The sentence that ends before the folded position ``at``, if any."""
        before = [(a, b) for a, b in self.sentences if b <= at]
        return self.written(*before[-1]) if before else None

    def find(self, quote: str, prefix: str | None = None, suffix: str | None = None) -> list[int]:
        """Where the quote starts (folded positions), between prefix and suffix when given."""
        return occurrences(self.text, quote, prefix, suffix)

    @cached_property
    def words(self) -> tuple[tuple[int, int], ...]:
        """Each word's span in the folded text."""
        return tuple((m.start(), m.end()) for m in re.finditer(r"[^ ]+", self.text))


@attrs.frozen
class Change:
    """One change between two pages: folded spans removed from the old and added in the new.

    ``moved`` is true when the added text stood elsewhere in the old page (a moved paragraph):
    then it is not new wording.
    """

    old: tuple[int, int]
    new: tuple[int, int]
    moved: bool = False

    def removed(self, page: Page) -> str:
        """The removed text (empty for a pure insertion)."""
        return page.text[self.old[0]:self.old[1]]

    def added(self, page: Page) -> str:
        """The added text (empty for a pure deletion)."""
        return page.text[self.new[0]:self.new[1]]


def word_changes(old: Page, new: Page) -> list[Change]:
    """The word-level changes from ``old`` to ``new``, in the new page's order."""
    a = [old.text[s:e] for s, e in old.words]
    b = [new.text[s:e] for s, e in new.words]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old_span = _span(old.words, i1, i2)
        new_span = _span(new.words, j1, j2)
        changes.append(Change(old_span, new_span))
    # A paragraph moved shows as a deletion in one place and an insertion in another: neither is
    # new wording. (Short runs are not matched this way: a word or two recurs by chance.)
    removed = " | ".join(c.removed(old) for c in changes)
    added = " | ".join(c.added(new) for c in changes)
    return [attrs.evolve(c, moved=True)
            if (c.old[1] == c.old[0] and len(core(c.added(new))) > 20
                and core(c.added(new)) in removed)
            or (c.new[1] == c.new[0] and len(core(c.removed(old))) > 20
                and core(c.removed(old)) in added)
            else c
            for c in changes]


def _span(words: tuple[tuple[int, int], ...], i: int, j: int) -> tuple[int, int]:
    """The folded span of words ``i:j``; an empty span where the words would be."""
    if i < j:
        return words[i][0], words[j - 1][1]
    at = words[i][0] if i < len(words) else (words[-1][1] if words else 0)
    return at, at
