"""The report's section per revised source: what each update changed in the page's text.

For every source with two or more revisions that have snapshots and were published by the as-of
time, the word-level changes from each such revision to the next, with the excerpts each change
touches (see :mod:`factcheck._revdiff`). Only the HTML report shows them; the data is the same.
Each change is dated by when both its revisions were out, so the page's movable as-of shows only
the updates published by the moment it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pendulum

from .._bounds import anchor
from .._model import Casebook
from .._revdiff import revision_diff
from .._revise import revision_page
from ._rows import DatedDiff

__all__ = ["revision_diffs", "revisions_html"]


def revision_diffs(casebook: Casebook, as_of: pendulum.DateTime) -> tuple[DatedDiff, ...]:
    """Each pair of consecutive revisions with snapshots, published by ``as_of``, per source."""
    diffs = []
    for source in sorted(casebook.sources, key=lambda s: s.id):
        known = sorted((r for r in source.revisions if r.published.end <= as_of
                        and revision_page(casebook, source, r) is not None),
                       key=lambda r: anchor(r.published).start)  # a bound: at it
        diffs += [DatedDiff(max(a.published.end, b.published.end),
                            revision_diff(casebook, source, a.id, b.id))
                  for a, b in pairwise(known)]
    return tuple(diffs)


def revisions_html(diffs: tuple[DatedDiff, ...], e: Callable[[str], str],
                   millis: Callable[[pendulum.DateTime], int]) -> list[str]:
    """The section, every text from the casebook escaped by ``e``; nothing when no diffs. Each
    update's part carries ``data-at`` (``millis`` of when it was known) for the movable as-of."""
    if not diffs:
        return []
    out = ['<section id="revisions">', "<h2>Revised sources</h2>",
           '<p class="muted">What each update changed in the page, word by word: '
           "<del>removed</del>, <ins>added</ins>; with the excerpts each change touches.</p>"]
    for dated in diffs:
        diff = dated.diff
        out.append(f'<div class="revision-diff" data-at="{millis(dated.known)}">')
        out.append(f"<h3>{e(diff.source)}: {e(diff.old)} → {e(diff.new)} "
                   f'<span class="muted">({len(diff.hunks)} change(s))</span></h3>')
        for hunk in diff.hunks:
            where = f"line {hunk.old_line} → {hunk.new_line}" + (", moved" if hunk.moved else "")
            text = " ".join(part for part in (
                e(hunk.before), f"<del>{e(hunk.removed)}</del>" if hunk.removed else "",
                f"<ins>{e(hunk.added)}</ins>" if hunk.added else "", e(hunk.after)) if part)
            touches = (f'<br><span class="muted">touches: {e(", ".join(hunk.excerpts))}</span>'
                       if hunk.excerpts else "")
            out.append(f'<p class="diff"><span class="muted">{where}</span> {text}{touches}</p>')
        out.append("</div>")
    out.append("</section>")
    return out
