"""The evidence a report shows: every excerpt bearing on a claim, with its words and its source.

Read from the casebook's model (sources, revisions, excerpts), not from the resolution engine, so
that the report shows the same quotes whatever way the engine weighs them.
"""

from __future__ import annotations

from collections import defaultdict

import attrs
import pendulum

from .._model import Casebook, SourceKind, Stance
from .._when import When

__all__ = ["ExcerptRow", "excerpts_by_claim"]


@attrs.frozen
class ExcerptRow:
    """One excerpt as it bears on one claim: the quote, its source, and when it counted.

    ``withdrawn_at`` is set only when the withdrawal was published by the report's as-of; an
    excerpt withdrawn at or before the moment it counted never counted at all.
    """

    excerpt: str
    stance: Stance
    quote: str
    translation: str | None
    language: str
    source: str
    title: str
    publisher: str
    author: str | None
    url: str | None
    source_kind: SourceKind
    revision: str
    revision_label: str | None
    published: When
    counted_from: pendulum.DateTime
    #: The source it relays, when it relays one (its origin), and that source's publisher.
    via: str | None = None
    origin: str | None = None
    withdrawn_in: str | None = None
    withdrawn_at: pendulum.DateTime | None = None
    #: False for a paraphrase or summary, shown as one and never in quotation marks.
    verbatim: bool = True

    @property
    def never_counted(self) -> bool:
        """Withdrawn no later than it became certainly public: it never counted."""
        return self.withdrawn_at is not None and self.withdrawn_at <= self.counted_from


def excerpts_by_claim(
    casebook: Casebook, as_of: pendulum.DateTime
) -> dict[str, tuple[ExcerptRow, ...]]:
    """Per claim id, the excerpts published by ``as_of`` that bear on it, in the order they counted
    (then by source and excerpt id, so that file order never shows)."""
    found: dict[str, list[ExcerptRow]] = defaultdict(list)
    for source in casebook.sources:
        revisions = {r.id: r for r in source.revisions}
        for excerpt in source.excerpts:
            revision = revisions[excerpt.revision]
            counted = revision.published.known_from
            if counted > as_of:
                continue
            withdrawn_at = None
            withdrawn_in = None
            if excerpt.withdrawn_in is not None:
                later = revisions[excerpt.withdrawn_in]
                if later.published.known_from <= as_of:
                    withdrawn_in, withdrawn_at = later.id, later.published.known_from
            relayed = casebook.source_by_id.get(excerpt.via) if excerpt.via else None
            for claim, stance in excerpt.stances.items():
                found[claim].append(ExcerptRow(
                    excerpt=excerpt.id, stance=stance, quote=excerpt.quote,
                    translation=excerpt.translation, language=source.language,
                    source=source.id, title=source.title, publisher=source.publisher,
                    author=source.author, url=source.url, source_kind=source.kind,
                    revision=revision.id, revision_label=revision.label,
                    published=revision.published, counted_from=counted,
                    via=excerpt.via, origin=relayed.publisher if relayed else None,
                    withdrawn_in=withdrawn_in, withdrawn_at=withdrawn_at,
                    verbatim=excerpt.verbatim,
                ))
    return {claim: tuple(sorted(rows, key=_order)) for claim, rows in found.items()}


def _order(row: ExcerptRow) -> tuple[float, str, str]:
    return (row.counted_from.timestamp(), row.source, row.excerpt)
