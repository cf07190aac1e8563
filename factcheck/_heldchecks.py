"""What the checks (``_checks``) read of excerpts held as columns, without making one of them.

A bulk load holds each source's excerpts as columns (``_excerptcols``): making every excerpt to
check it would make millions of objects and read every quote back from its file. The checks that
need only an excerpt's revisions and stances read them here, as the evidence columns do
(``_excerptrows``), and ask NumPy which rows may give a finding; only those rows are looked at one
by one, with the very comparisons the checks make of excerpts held as objects (the checks decide:
this room only chooses the rows). Quotes are not read.

A source's excerpts are read here while every revision they name is still one of the source's (a
source changed since it was read, to lose one, is checked excerpt by excerpt, as before).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from ._bounds import ever_public
from ._columns import micros
from ._excerptcols import STANCE_ORDER, StoredExcerpts
from ._excerptrows import ExcerptRows, Numbered
from ._kinds import ClaimKind, Stance
from ._model import Casebook, Claim, Revision, Source

__all__ = ["HeldRows"]

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

_STANCE_CODE: Final = {s: i for i, s in enumerate(STANCE_ORDER)}
#: The stances that report a claim as having happened (``_checks._anachronisms``).
_REPORTING: Final = np.array([_STANCE_CODE[Stance.ASSERTS], _STANCE_CODE[Stance.SUPPORTS]])


class Instants:
    """Aware datetimes as numbers that order as Python orders them: two of one ``tzinfo`` object
    by their wall clocks (``fold`` ignored), any other two by the instants they name."""

    def __init__(self) -> None:
        self._zones: dict[int, int] = {}
        self._tzinfos: list[object] = []
        self.zone: list[int] = []
        self.wall: list[int] = []
        self.utc: list[int] = []

    def add(self, instant: _dt.datetime) -> int:
        """The number of ``instant`` here."""
        tz = instant.tzinfo
        zone = self._zones.get(id(tz))
        if zone is None:
            zone = self._zones[id(tz)] = len(self._tzinfos)
            self._tzinfos.append(tz)  # alive while its id() is a code
        utc = micros(instant)
        offset = instant.utcoffset()
        assert offset is not None  # the library's times are aware
        self.zone.append(zone)
        self.utc.append(utc)
        self.wall.append(utc + offset // _dt.timedelta(microseconds=1))
        return len(self.zone) - 1

    def numbers(self, values: Sequence[Any], instant: Callable[[Any], _dt.datetime]) -> I64:
        """The number of ``instant(value)`` for each value (-1 for None); a value many share
        (the same object) is converted once."""
        seen: dict[int, int] = {}
        out = []
        for value in values:
            number = -1 if value is None else seen.get(id(value))
            if number is None:
                number = seen[id(value)] = self.add(instant(value))
            out.append(number)
        return np.array(out, np.int64)

    def at_most(self, a: I64, b: I64) -> B:
        """Whether each ``a`` (a number here) is no later than its ``b``, as ``a <= b`` says."""
        zone, wall, utc = (np.array(x, np.int64) for x in (self.zone, self.wall, self.utc))
        return np.where(zone[a] == zone[b], wall[a] <= wall[b], utc[a] <= utc[b])


class HeldRows:
    """The excerpts of a casebook's sources held as columns, as rows (``ExcerptRows``): each
    excerpt's revision as a *slot* (``slot_base[k]`` + its place in its source's revisions, which
    are those it was read with)."""

    def __init__(self, casebook: Casebook) -> None:
        #: The held sources, and each one's place among the casebook's sources.
        self.sources: list[Source] = []
        self._held: dict[int, int] = {}
        stored: list[StoredExcerpts] = []
        for place, source in enumerate(casebook.sources):
            held = source.excerpts
            if isinstance(held, StoredExcerpts) and held.checked_for(source):
                self._held[place] = len(self.sources)
                self.sources.append(source)
                stored.append(held)
        self.stored = stored
        self.slot_base: I64 = np.zeros(len(stored) + 1, np.int64)
        np.cumsum([len(x.revisions) for x in stored], out=self.slot_base[1:])
        self.slot_id: list[str] = [rid for x in stored for rid in x.revisions]
        self.slot_revision: list[Revision] = [r for s in self.sources for r in s.revisions]
        code_of: dict[str, int] = {}
        for columns in {id(x.columns): x.columns for x in stored}.values():
            for claim_id in columns.claims:
                code_of.setdefault(claim_id, len(code_of))
        #: The claim ids the rows' stances name, by the code they carry.
        self.claim_ids = list(code_of)
        self.numbered = Numbered(self.sources)
        self.rows = ExcerptRows(self.numbered, self.slot_base, code_of, _STANCE_CODE)
        self._cited: B | None = None

    def holds(self, place: int) -> bool:
        """Whether the casebook's source at ``place`` is read here."""
        return place in self._held

    def _where(self, row: int) -> tuple[int, int]:
        """The held source (its place among ``sources``) and the index of excerpt ``row``."""
        k = int(self.rows.source[row])
        return k, int(self.rows.number[row]) - int(self.numbered.base[k])

    def cited_claims(self) -> set[str]:
        """The claim ids any stance of a held excerpt names."""
        ids = self.claim_ids
        named = np.bincount(self.rows.stance_claim, minlength=len(ids))
        return {ids[c] for c in np.flatnonzero(named).tolist()}

    def cited_revisions(self, place: int) -> set[str]:
        """The ids of the revisions the excerpts of the source at ``place`` are of or withdrawn
        in."""
        cited = self._cited
        if cited is None:
            cited = self._cited = np.zeros(len(self.slot_id), np.bool_)
            gone = self.rows.withdrawn
            cited[self.rows.revision] = True
            cited[gone[gone >= 0]] = True
        k = self._held[place]
        lo, hi = int(self.slot_base[k]), int(self.slot_base[k + 1])
        ids = self.slot_id
        return {ids[lo + j] for j in np.flatnonzero(cited[lo:hi]).tolist()}

    def withdrawals(self) -> Iterator[tuple[Source, int, str, str, str]]:
        """(source, index, excerpt id, revision id, withdrawing revision id) of each held excerpt
        whose own revision is ever public and whose withdrawal is published no later than it
        counts: those that may be withdrawn before they count."""
        own, gone = self.rows.revision, self.rows.withdrawn
        rows = np.flatnonzero(gone >= 0)
        public = np.array([ever_public(r.published) for r in self.slot_revision] or [True])
        rows = rows[public[own[rows]]]
        if not len(rows):
            return
        instants = Instants()
        known = instants.numbers([r.published for r in self.slot_revision],
                                 lambda when: when.known_from)
        rows = rows[instants.at_most(known[gone[rows]], known[own[rows]])]
        ids = self.slot_id
        for row, rev, out in zip(rows.tolist(), own[rows].tolist(), gone[rows].tolist(),
                                 strict=True):
            k, i = self._where(row)
            yield self.sources[k], i, self.stored[k].excerpt_id(i), ids[rev], ids[out]

    def reports(self, claim_by_id: Mapping[str, Claim]) -> Iterator[tuple[Source, int, Revision,
                                                                        str, Claim]]:
        """(source, index, revision, claim id, claim) of each stance of a held excerpt that
        asserts or supports an event or state, not scheduled, whose valid time begins no earlier
        than the end of the excerpt's revision's publication: those that may be anachronisms.
        A stance toward a claim that is not in the casebook raises ``KeyError``, as the check of
        excerpts held as objects does."""
        rows = self.rows
        ids = self.claim_ids
        claims = [claim_by_id.get(cid) for cid in ids]
        missing = np.array([c is None for c in claims] or [False])
        if missing[rows.stance_claim].any():
            raise KeyError(ids[int(rows.stance_claim[np.argmax(missing[rows.stance_claim])])])
        eligible = np.array([c is not None and c.valid is not None and not c.scheduled
                             and c.kind in (ClaimKind.EVENT, ClaimKind.STATE) for c in claims]
                            or [False])
        stances = np.flatnonzero(eligible[rows.stance_claim]
                                 & np.isin(rows.stance, _REPORTING))
        if not len(stances):
            return
        instants = Instants()
        revision = rows.revision[rows.stance_of[stances]]
        end = instants.numbers([r.published for r in self.slot_revision], lambda when: when.end)
        start = instants.numbers([c.valid if c is not None else None for c in claims],
                                 lambda when: when.start)
        stances = stances[instants.at_most(end[revision], start[rows.stance_claim[stances]])]
        for stance in stances.tolist():
            row = int(rows.stance_of[stance])
            k, i = self._where(row)
            claim_id = ids[int(rows.stance_claim[stance])]
            yield (self.sources[k], i, self.slot_revision[int(rows.revision[row])], claim_id,
                   claim_by_id[claim_id])
