"""What changed in a source's text between two revisions, word by word, and which excerpts each
change touches: for ``factcheck diff`` and the report's section per revised source."""

from __future__ import annotations

import unicodedata

import attrs

from ._bounds import anchor
from ._model import Casebook, Source
from ._revise import revision_page
from ._textdiff import Change, Page, word_changes
from ._textnorm import folded

__all__ = ["Hunk", "RevisionDiff", "render_diff", "revision_diff", "shown"]

#: Words of unchanged text shown on each side of a change.
CONTEXT_WORDS = 6


@attrs.frozen
class Hunk:
    """One change: where it is (lines of the old and new snapshots), the words around it, what
    was removed and added, and the excerpts whose quote it touches."""

    old_line: int
    new_line: int
    before: str
    removed: str
    added: str
    after: str
    moved: bool
    excerpts: tuple[str, ...]


@attrs.frozen
class RevisionDiff:
    """The changes from revision ``old`` to revision ``new`` of a source."""

    source: str
    old: str
    new: str
    hunks: tuple[Hunk, ...]


def revision_diff(casebook: Casebook, source: Source, old_id: str | None = None,
                  new_id: str | None = None) -> RevisionDiff:
    """The changes between two revisions of ``source`` that have snapshots: by default the latest
    and the one before it. ``ValueError`` names what is missing."""
    with_page = {r.id: page for r in source.revisions
                 if (page := revision_page(casebook, source, r)) is not None}
    order = [r.id for r in sorted(source.revisions, key=lambda r: anchor(r.published).start)
             if r.id in with_page]
    for given in (old_id, new_id):
        if given is not None and given not in {r.id for r in source.revisions}:
            raise ValueError(f"source {source.id} has no revision {given!r} (it has "
                             f"{', '.join(r.id for r in source.revisions)})")
        if given is not None and given not in with_page:
            raise ValueError(f"revision {given} of {source.id} has no readable snapshot")
    new_id = new_id or (order[-1] if order else None)
    if old_id is None and new_id in order and order.index(new_id) > 0:
        old_id = order[order.index(new_id) - 1]
    if old_id is None or new_id is None:
        raise ValueError(f"source {source.id} needs two revisions with snapshots to compare "
                         f"({len(order)} has one)" if len(order) == 1 else
                         f"source {source.id} needs two revisions with snapshots to compare")
    old, new = with_page[old_id], with_page[new_id]
    hunks = tuple(_hunk(source, old, new, c) for c in word_changes(old, new))
    return RevisionDiff(source.id, old_id, new_id, hunks)


def _hunk(source: Source, old: Page, new: Page, change: Change) -> Hunk:
    # The words around a change are the new page's; around a deletion, the old page's.
    page, span = (new, change.new) if change.new[1] > change.new[0] else (old, change.old)
    touched = sorted(set(_touching(source, old, change.old))
                     | set(_touching(source, new, change.new)))
    # Shown as the pages wrote them (curly quotation marks and all), not folded.
    return Hunk(old.line(change.old[0]), new.line(change.new[0]),
                _words(page.written(0, span[0]), -CONTEXT_WORDS), old.written(*change.old),
                new.written(*change.new), _words(page.written(span[1], len(page.text)),
                                                 CONTEXT_WORDS), change.moved, tuple(touched))


def _words(text: str, n: int) -> str:
    words = text.split()
    return " ".join(words[n:] if n < 0 else words[:n])


def _touching(source: Source, page: Page, span: tuple[int, int]) -> list[str]:
    """Excerpts of ``source`` whose quote, where it stands in ``page``, overlaps ``span`` (or
    holds the point of a pure insertion or deletion)."""
    start, end = span
    ids = []
    for excerpt in source.excerpts:
        length = len(folded(excerpt.quote))
        for at in page.find(excerpt.quote, excerpt.prefix, excerpt.suffix):
            if (at < end and at + length > start) if end > start else (at < start < at + length):
                ids.append(excerpt.id)
                break
    return ids


def shown(text: str, limit: int | None = None) -> str:
    """Text from a page, safe on a terminal: control characters as escapes, cut at ``limit``."""
    safe = "".join(f"\\x{ord(c):02x}" if unicodedata.category(c) == "Cc" else c for c in text)
    if limit is not None and len(safe) > limit:
        return safe[: limit - 1] + "…"
    return safe


def render_diff(diff: RevisionDiff) -> str:
    """The diff as ``factcheck diff`` prints it: ``[-removed-]`` and ``{+added+}`` in their
    context, each change with the excerpts it touches."""
    lines = [f"{diff.source}: {diff.old} -> {diff.new}: {len(diff.hunks)} change(s)"]
    for hunk in diff.hunks:
        lines += ["", f"@@ line {hunk.old_line} -> line {hunk.new_line}"
                  + (" (moved)" if hunk.moved else "")]
        parts = [shown(hunk.before) if hunk.before else "",
                 f"[-{shown(hunk.removed)}-]" if hunk.removed else "",
                 f"{{+{shown(hunk.added)}+}}" if hunk.added else "",
                 shown(hunk.after) if hunk.after else ""]
        lines.append("  " + " ".join(p for p in parts if p))
        if hunk.excerpts:
            lines.append(f"  touches: {', '.join(hunk.excerpts)}")
    return "\n".join(lines) + "\n"
