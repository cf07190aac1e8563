"""A casebook's evidence as columns: integer codes, int64 microseconds, one offset per claim.

Claims, sources, revisions, excerpts and origins get integer codes. Every (excerpt, claim) stance is
one row; the rows are sorted by claim, then by the time they count, then by excerpt id, and
``offsets[c]:offsets[c + 1]`` are claim ``c``'s rows. Times are microseconds since the epoch:
comparing them never asks a zone. The objects a reader sees (``Evidence``) are made from a row only
when asked for.
"""

from __future__ import annotations

import datetime as _dt
import functools
from array import array
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from ._bounds import ever_public
from ._fill import evidence
from ._kinds import ClaimKind, RelationKind, Stance
from ._model import Casebook, Excerpt, Relation, Revision, Source
from ._outcome import Evidence, Quote

__all__ = ["KINDS", "NEVER", "STANCES", "Columns", "micros"]

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
I8 = npt.NDArray[np.int8]
B = npt.NDArray[np.bool_]

#: Stance codes: asserts 0, supports 1, refutes 2, mentions 3 (support is a code below 2).
STANCES: Final = (Stance.ASSERTS, Stance.SUPPORTS, Stance.REFUTES, Stance.MENTIONS)
ASSERTS, SUPPORTS, REFUTES, MENTIONS = 0, 1, 2, 3
_STANCE_CODE: Final = {s: i for i, s in enumerate(STANCES)}
#: Claim kind codes, in the order ClaimKind declares them.
KINDS: Final = tuple(ClaimKind)
PREDICTION: Final = KINDS.index(ClaimKind.PREDICTION)
OPINION: Final = KINDS.index(ClaimKind.OPINION)
#: ``withdrawn_us`` of a row that is never withdrawn.
NEVER: Final = np.iinfo(np.int64).max

#: A row: when it counts and is withdrawn, its revision, withdrawing revision, origin, stance,
#: first-party flag and excerpt, in that order (``Columns.made`` reads them so).
_PACKED: Final = np.dtype([("known_us", np.int64), ("withdrawn_us", np.int64),
                           ("revision", np.int32), ("withdrawn", np.int32), ("origin", np.int32),
                           ("stance", np.int8), ("first_party", np.bool_),
                           ("excerpt", np.int32)])
_UNIX = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_MICROSECOND = _dt.timedelta(microseconds=1)


def micros(instant: _dt.datetime) -> int:
    """An aware instant as whole microseconds since the epoch: exact, and cheap to compare."""
    # datetime's own subtraction (pendulum's returns an Interval).
    return _dt.datetime.__sub__(instant, _UNIX) // _MICROSECOND


class Columns:
    """Every claim's evidence, as columns sorted by claim and by the time each row counts."""

    def __init__(self, casebook: Casebook) -> None:
        claims = casebook.claims
        #: Claim ids in sorted order: a claim's code is its place here.
        self.ids: list[str] = sorted({c.id for c in claims})
        self.code_of: dict[str, int] = {cid: i for i, cid in enumerate(self.ids)}
        by_id = casebook.claim_by_id
        self.kind: I8 = np.array([KINDS.index(by_id[cid].kind) for cid in self.ids], np.int8)
        self.threshold = casebook.settings.corroboration
        #: Moments that are no revision's (see :meth:`add_moment`).
        self.moments: list[Any] = []
        self._revisions(casebook)
        self._rows(casebook)

    # -- building ------------------------------------------------------------------------------

    def _revisions(self, casebook: Casebook) -> None:
        """Every revision of every source, coded; when each counts and when it may start to."""
        self.revisions: list[Revision] = []
        #: The id of each revision's source.
        self.revision_source: list[str] = []
        known, start, exact = array("q"), array("q"), array("b")
        converted: dict[int, tuple[int, int]] = {}  # a When shared by revisions converts once
        for source in casebook.sources:
            for revision in source.revisions:
                when = revision.published
                found = converted.get(id(when))
                if found is None:
                    # Known only as no earlier than a time: never certainly public (NEVER).
                    found = converted[id(when)] = (
                        micros(when.known_from) if ever_public(when) else NEVER,
                        micros(when.start))
                self.revisions.append(revision)
                self.revision_source.append(source.id)
                known.append(found[0])
                start.append(found[1])
                exact.append(when.is_exact)
        #: When each revision counts (certainly public, NEVER: it never is), and when it may
        #: first be public.
        self.revision_known: I64 = np.frombuffer(known, np.int64) if known else _empty(np.int64)
        self.revision_start: I64 = np.frombuffer(start, np.int64) if start else _empty(np.int64)
        self.revision_exact: B = np.frombuffer(exact, np.int8).astype(bool)

    def _rows(self, casebook: Casebook) -> None:
        """One row per (excerpt, claim) stance, sorted by claim, time and excerpt id."""
        code_of, by_id, source_by_id = self.code_of, casebook.claim_by_id, casebook.source_by_id
        claim, revision, withdrawn, origin, stance, first = (
            array("i"), array("i"), array("i"), array("i"), array("b"), array("b"))
        excerpts: list[Excerpt] = []
        excerpt = array("i")
        origin_code: dict[str, int] = {}
        parties: dict[str, frozenset[str]] = {}
        base = 0
        known_of = self.revision_known
        add_claim, add_revision, add_withdrawn, add_origin, add_stance, add_first, add_excerpt = (
            claim.append, revision.append, withdrawn.append, origin.append, stance.append,
            first.append, excerpt.append)
        for source in casebook.sources:
            codes = {r.id: base + i for i, r in enumerate(source.revisions)}
            base += len(source.revisions)
            for item in source.excerpts:
                origin_source = source_by_id[item.via] if item.via else source
                speaks_for = origin_source.speaks_for
                own = codes[item.revision]
                if known_of[own] == NEVER:
                    continue  # never certainly public: no evidence (publication-lower-bound)
                gone = codes[item.withdrawn_in] if item.withdrawn_in else -1
                if gone >= 0 and known_of[gone] == NEVER:
                    gone = -1  # a withdrawal never certainly public never takes effect
                if gone >= 0 and known_of[gone] <= known_of[own]:
                    # Withdrawn before its own revision was certainly public: it never counts
                    # (`factcheck check` warns of it: withdrawn-before-counted).
                    continue
                publisher = origin_source.publisher
                o = origin_code.get(publisher)
                if o is None:
                    o = origin_code[publisher] = len(origin_code)
                x = len(excerpts)
                excerpts.append(item)
                pairs = item.stances.pairs()
                for k in range(0, len(pairs), 2):
                    claim_id, st = pairs[k], pairs[k + 1]
                    is_first = False
                    if speaks_for:
                        claim_parties = parties.get(claim_id)
                        if claim_parties is None:
                            c = by_id[claim_id]
                            claim_parties = parties[claim_id] = frozenset((*c.subjects,
                                                                           c.claimant))
                        is_first = not claim_parties.isdisjoint(speaks_for)
                    add_claim(code_of[claim_id])
                    add_revision(own)
                    add_withdrawn(gone)
                    add_origin(o)
                    add_stance(_STANCE_CODE[st])
                    add_first(is_first)
                    add_excerpt(x)
        #: The origins (publishers) by code, and the excerpts rows point to.
        self.origins: list[str] = list(origin_code)
        self.excerpts = excerpts
        #: Each excerpt's ``Quote``, made the first time a row of it is shown (``quote``).
        self._quotes: list[Quote | None] = [None] * len(excerpts)
        self._sources = casebook.sources
        self._source_by_id: dict[str, Source] = {}
        claims = _np(claim, np.int32)
        revisions = _np(revision, np.int32)
        gone_codes = _np(withdrawn, np.int32)
        known = self.revision_known[revisions]
        gone_us = np.where(gone_codes >= 0, self.revision_known[np.maximum(gone_codes, 0)],
                           NEVER) if len(gone_codes) else _empty(np.int64)
        order = np.lexsort((known, claims))
        order = self._ties_by_excerpt(order, claims, known, _np(excerpt, np.int32))
        self.claim: I32 = claims[order]
        # A row's fields packed together: one slice of them makes a claim's evidence and what a
        # point query counts. Each field is also a column of its own (a view, not a copy).
        packed = np.empty(len(order), _PACKED)
        packed["known_us"] = known[order]
        packed["withdrawn_us"] = gone_us[order]
        packed["revision"] = revisions[order]
        packed["withdrawn"] = gone_codes[order]
        packed["origin"] = _np(origin, np.int32)[order]
        packed["stance"] = _np(stance, np.int8)[order]
        packed["first_party"] = _np(first, np.int8)[order].astype(bool)
        packed["excerpt"] = _np(excerpt, np.int32)[order]
        self.packed = packed
        self.known_us: I64 = packed["known_us"]
        #: When the row's withdrawal counts (NEVER: none).
        self.withdrawn_us: I64 = packed["withdrawn_us"]
        self.revision: I32 = packed["revision"]
        #: The revision that withdraws the row (-1: none).
        self.withdrawn: I32 = packed["withdrawn"]
        self.origin: I32 = packed["origin"]
        self.stance: I8 = packed["stance"]
        self.first_party: B = packed["first_party"]
        self.excerpt: I32 = packed["excerpt"]
        #: Claim c's rows are offsets[c]:offsets[c + 1].
        self.offsets: I64 = np.searchsorted(
            self.claim, np.arange(len(self.ids) + 1), side="left").astype(np.int64)

    def _ties_by_excerpt(self, order: I64, claims: I32, known: I64, excerpt: I32) -> I64:
        """Rows of one claim that count at the same instant, put in excerpt id order."""
        c, k = claims[order], known[order]
        tie = (c[1:] == c[:-1]) & (k[1:] == k[:-1])
        if not tie.any():
            return order
        order = order.copy()
        starts = np.flatnonzero(tie & ~np.concatenate(([False], tie[:-1])))
        for start in starts.tolist():
            end = start + 1
            while end < len(tie) and tie[end]:
                end += 1
            run = order[start:end + 1].tolist()
            run.sort(key=lambda row: self.excerpts[excerpt[row]].id)
            order[start:end + 1] = run
        return order

    # -- reading -------------------------------------------------------------------------------

    def span(self, claim: int) -> tuple[int, int]:
        """Claim ``claim``'s rows, ``lo:hi``, in the order they count."""
        return int(self.offsets[claim]), int(self.offsets[claim + 1])

    def evidence(self, lo: int, hi: int) -> tuple[Evidence, ...]:
        """Rows ``lo:hi`` as the objects a reader sees, made now."""
        return self.made(self.packed[lo:hi].tolist()) if hi > lo else ()

    def made(self, rows: list[tuple[Any, ...]]) -> tuple[Evidence, ...]:
        """Packed rows (``packed[lo:hi].tolist()``) as the objects a reader sees, made now."""
        revisions, sources, excerpts, origins, known_from = (
            self.revisions, self.revision_source, self.excerpts, self.origins, self.known_from)
        made = []
        stances, quotes = STANCES, self._quotes
        for _, _, rev, gone, o, st, fp, x in rows:
            revision = revisions[rev]
            made.append(evidence(
                excerpts[x].id, sources[rev], revision.id, origins[o], stances[st], fp,
                revision.published, known_from[gone] if gone >= 0 else None,
                revisions[gone].id if gone >= 0 else None, known_from[rev],
                quotes[x] or self.quote(x, sources[rev])))
        return tuple(made)

    def quote(self, excerpt: int, source: str) -> Quote:
        """Excerpt ``excerpt``'s quote and its source's title, outlet, language and link (made
        once per excerpt, and only for excerpts someone looks at)."""
        found = self._quotes[excerpt]
        if found is None:
            if not self._source_by_id:
                self._source_by_id.update((s.id, s) for s in self._sources)
            item, of = self.excerpts[excerpt], self._source_by_id[source]
            found = self._quotes[excerpt] = Quote(item.quote, item.translation, of.language,
                                                  of.title, of.publisher, of.url)
        return found

    def moment(self, revision: int) -> Any:
        """The instant a revision counts from, as the aware datetime its time value gives (or a
        moment added with :meth:`add_moment`)."""
        if revision >= len(self.revisions):
            return self.moments[revision - len(self.revisions)]
        return self.known_from[revision]

    @functools.cached_property
    def known_from(self) -> list[Any]:
        """Each revision's ``published.known_from``, read once (a point query reads several)."""
        return [r.published.known_from for r in self.revisions]

    def add_moment(self, instant: Any) -> int:
        """A moment at which statuses may change though nothing is published (a prediction
        falling due): coded after the revisions, so steps name it as they name a revision."""
        code = len(self.revisions) + len(self.moments)
        self.moments.append(instant)
        us = micros(instant)
        self.revision_known = np.append(self.revision_known, np.int64(us))
        self.revision_start = np.append(self.revision_start, np.int64(us))
        self.revision_exact = np.append(self.revision_exact, True)
        return code

    def related(self, relations: Sequence[Relation]) -> list[tuple[int, int, int]]:
        """The relations as (kind, from, to) claim codes, in declaration order."""
        kinds = tuple(RelationKind)
        return [(kinds.index(r.kind), self.code_of[r.from_], self.code_of[r.to])
                for r in relations]


def _np(values: array[Any], dtype: Any) -> Any:
    return np.frombuffer(values, dtype=dtype) if len(values) else np.empty(0, dtype)


def _empty(dtype: Any) -> Any:
    return np.empty(0, dtype)
