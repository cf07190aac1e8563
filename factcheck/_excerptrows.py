"""Every excerpt of a casebook as rows, and each by its number: what the evidence columns read.

Excerpts are numbered in source order (``base[s] + i`` is source ``s``'s ``i``-th). For each, its
source, its revision and withdrawing revision (as revision codes, ``revision_base[s] + place``),
the source it relays, and its stances (one row each: the excerpt's number, the claim's code, the
stance). Excerpts held as columns (``_excerptcols``, a bulk load's) are read as whole arrays, a
file at a time; excerpts held as objects one by one, as before.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ._excerptcols import STANCE_ORDER, StoredExcerpts
from ._model import Excerpt, Source
from ._outcome import Quote

__all__ = ["ExcerptRows", "Numbered"]

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
I8 = npt.NDArray[np.int8]


class Numbered:
    """The casebook's excerpts by number; an excerpt's id and quote are read without making it
    where its source holds them as columns. Callers that know the excerpt's source (its place
    among the casebook's sources) say so, and nothing is searched."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self.sources = sources
        # Held excerpts name their revisions by place among those their source was read with: a
        # source given other revisions since (``attrs.evolve``) has its excerpts made, to be read
        # by revision id.
        self.sequences: list[Sequence[Excerpt]] = [
            s.excerpts if not isinstance(s.excerpts, StoredExcerpts)
            or s.excerpts.checked_for(s) else tuple(s.excerpts) for s in sources]
        #: Source s's excerpts are numbers base[s]:base[s + 1].
        self.base: I64 = np.zeros(len(sources) + 1, np.int64)
        np.cumsum([len(x) for x in self.sequences], out=self.base[1:])
        self._base: list[int] = self.base.tolist()

    def __len__(self) -> int:
        return self._base[-1]

    def source_of(self, number: int) -> int:
        """The place among the sources of excerpt ``number``'s source."""
        return bisect.bisect_right(self._base, number) - 1

    def excerpt_id(self, number: int, source: int | None = None) -> str:
        s = self.source_of(number) if source is None else source
        held, i = self.sequences[s], number - self._base[s]
        return held.excerpt_id(i) if isinstance(held, StoredExcerpts) else held[i].id

    def quote(self, number: int, source: int | None = None) -> Quote:
        """Excerpt ``number``'s quote, with its source's title, outlet, language and link (a
        quote left in its file is read when its text is first asked for)."""
        s = self.source_of(number) if source is None else source
        held, of, i = self.sequences[s], self.sources[s], number - self._base[s]
        if isinstance(held, StoredExcerpts):
            return held.quote_of(i, of)
        item = held[i]
        return Quote(item.quote, item.translation, of.language, of.title, of.publisher, of.url)


class ExcerptRows:
    """Each excerpt's source, revision, withdrawal and relayed source, and each stance as a row
    (see the module's note); ``stance_code`` maps a ``Stance`` to the code rows carry."""

    def __init__(self, numbered: Numbered, revision_base: I64, code_of: dict[str, int],
                 stance_code: dict[Any, int]) -> None:
        sources = numbered.sources
        index = {s.id: i for i, s in enumerate(sources)}
        number: list[Any] = []
        source: list[Any] = []
        revision: list[Any] = []
        withdrawn: list[Any] = []
        relays: list[Any] = []
        stance_of: list[Any] = []
        stance_claim: list[Any] = []
        stance: list[Any] = []
        # Sources held as columns are read a storage (a file) at a time; the rest one by one.
        storages: dict[int, list[int]] = {}
        loose: list[int] = []
        for s, held in enumerate(numbered.sequences):
            if isinstance(held, StoredExcerpts) and len(held):
                storages.setdefault(id(held.columns), []).append(s)
            elif len(held):
                loose.append(s)
        for members in storages.values():
            part = _stored(numbered, members, revision_base, index, code_of, stance_code)
            for out, got in zip((number, source, revision, withdrawn, relays, stance_of,
                                 stance_claim, stance), part, strict=True):
                out.append(got)
        if loose:
            part = _objects(numbered, loose, revision_base, index, code_of, stance_code)
            for out, got in zip((number, source, revision, withdrawn, relays, stance_of,
                                 stance_claim, stance), part, strict=True):
                out.append(got)
        offset = 0
        for k, made in enumerate(number):  # each part's stances point to its own excerpts
            stance_of[k] = stance_of[k] + offset
            offset += len(made)
        self.number: I64 = _joined(number, np.int64)
        self.source: I32 = _joined(source, np.int32)
        self.revision: I32 = _joined(revision, np.int32)
        self.withdrawn: I32 = _joined(withdrawn, np.int32)
        self.relays: I32 = _joined(relays, np.int32)
        #: One row per stance: the excerpt's row above, the claim's code, the stance's code.
        self.stance_of: I64 = _joined(stance_of, np.int64)
        self.stance_claim: I32 = _joined(stance_claim, np.int32)
        self.stance: I8 = _joined(stance, np.int8)


def _joined(parts: list[Any], dtype: Any) -> Any:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.empty(0, dtype)


def _stored(numbered: Numbered, members: list[int], revision_base: I64, index: dict[str, int],
            code_of: dict[str, int], stance_code: dict[Any, int]) -> tuple[Any, ...]:
    """The rows of the sources ``members``, whose excerpts share one storage of columns."""
    sequences = [q for q in (numbered.sequences[s] for s in members)
                 if isinstance(q, StoredExcerpts)]
    columns = sequences[0].columns
    lo = np.array([q.lo for q in sequences], np.int64)
    lengths = np.array([len(q) for q in sequences], np.int64)
    members_ = np.array(members, np.int64)
    total = int(lengths.sum())
    # Each excerpt's row in the storage, and its number in the casebook.
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    within = np.arange(total, dtype=np.int64) - starts
    rows = np.repeat(lo, lengths) + within
    source = np.repeat(members_, lengths)
    number = numbered.base[source] + within
    first = revision_base[source]
    revision = first + columns.revision[rows]
    gone = columns.withdrawn[rows]
    withdrawn = np.where(gone >= 0, first + gone, -1)
    names = np.array([index.get(name, -1) for name in columns.names] or [-1], np.int64)
    via = columns.via[rows]
    relays = np.where(via >= 0, names[np.maximum(via, 0)], -1)
    # The stances: excerpt k's are rows stance_at[k]:stance_at[k + 1] of the storage.
    at = columns.stance_at
    counts = at[rows + 1] - at[rows]
    stance_of = np.repeat(np.arange(total, dtype=np.int64), counts)
    first_stance = np.repeat(at[rows] - (np.cumsum(counts) - counts), counts)
    stance_rows = first_stance + np.arange(len(stance_of), dtype=np.int64)
    claims = np.array([code_of[c] for c in columns.claims] or [0], np.int32)
    stances = np.array([stance_code[s] for s in STANCE_ORDER], np.int8)
    return (number, source, revision, withdrawn, relays, stance_of,
            claims[columns.stance_claim[stance_rows]], stances[columns.stance[stance_rows]])


def _objects(numbered: Numbered, members: list[int], revision_base: I64, index: dict[str, int],
             code_of: dict[str, int], stance_code: dict[Any, int]) -> tuple[Any, ...]:
    """The rows of the sources ``members``, whose excerpts are objects."""
    number, source, revision, withdrawn, relays = (
        array("q"), array("i"), array("i"), array("i"), array("i"))
    stance_of, stance_claim, stance = array("q"), array("i"), array("b")
    row = 0
    for s in members:
        held = numbered.sequences[s]
        first = int(revision_base[s])
        codes = {r.id: first + i for i, r in enumerate(numbered.sources[s].revisions)}
        start = int(numbered.base[s])
        for i, item in enumerate(held):
            number.append(start + i)
            source.append(s)
            revision.append(codes[item.revision])
            withdrawn.append(codes[item.withdrawn_in] if item.withdrawn_in else -1)
            relays.append(index.get(item.via, -1) if item.via else -1)
            pairs = item.stances.pairs()
            for k in range(0, len(pairs), 2):
                stance_of.append(row)
                stance_claim.append(code_of[pairs[k]])
                stance.append(stance_code[pairs[k + 1]])
            row += 1
    return tuple(np.frombuffer(a, a.typecode) if len(a) else np.empty(0, a.typecode)
                 for a in (number, source, revision, withdrawn, relays, stance_of,
                           stance_claim, stance))

