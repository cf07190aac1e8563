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
from ._excerptrows import ExcerptRows, Numbered
from ._fill import evidence
from ._kinds import ClaimKind, RelationKind, Stance
from ._model import Casebook, Relation, Revision
from ._outcome import Evidence

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
        #: Source s's revisions are coded revision_base[s]:revision_base[s + 1].
        self.revision_base: I64 = np.zeros(len(casebook.sources) + 1, np.int64)
        np.cumsum([len(s.revisions) for s in casebook.sources], out=self.revision_base[1:])
        #: The place among the sources of each revision's source.
        self.revision_place: list[int] = np.repeat(
            np.arange(len(casebook.sources)), np.diff(self.revision_base)).tolist()
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
        sources = casebook.sources
        #: The excerpts rows point to, by number (``_excerptrows``).
        self.excerpts = numbered = Numbered(sources)
        every = ExcerptRows(numbered, self.revision_base, self.code_of, _STANCE_CODE)
        known_of = self.revision_known
        own, gone = every.revision, every.withdrawn
        # Never certainly public: no evidence (publication-lower-bound). A withdrawal never
        # certainly public never takes effect; one certainly public before its own revision was
        # makes the excerpt never count (`factcheck check` warns: withdrawn-before-counted).
        kept = known_of[own] != NEVER
        gone = np.where((gone >= 0) & (known_of[np.maximum(gone, 0)] == NEVER), -1, gone)
        kept &= ~((gone >= 0) & (known_of[np.maximum(gone, 0)] <= known_of[own]))
        # The origin of an excerpt: the publisher of the source it relays, or of its own.
        origin_source = np.where(every.relays >= 0, every.relays, every.source)
        publisher_code: dict[str, int] = {}
        publisher_of = np.array([publisher_code.setdefault(s.publisher, len(publisher_code))
                                 for s in sources] or [0], np.int64)
        publisher = publisher_of[origin_source]
        # Origins are coded in the order they first count, excerpt by excerpt, in source order.
        number = every.number
        firsts = {}
        order_kept = np.flatnonzero(kept)
        if len(order_kept):
            by_number = order_kept[np.argsort(number[order_kept], kind="stable")]
            seen, where = np.unique(publisher[by_number], return_index=True)
            firsts = dict(zip(seen.tolist(), where.tolist(), strict=True))
        names = list(publisher_code)
        ranked = sorted(firsts, key=firsts.__getitem__)
        origin_code = np.full(len(names) or 1, -1, np.int64)
        origin_code[ranked] = np.arange(len(ranked))
        #: The origins (publishers) by code.
        self.origins: list[str] = [names[p] for p in ranked]
        # One row per stance of a kept excerpt.
        of = every.stance_of
        rows_kept = kept[of]
        of = of[rows_kept]
        claim = every.stance_claim[rows_kept]
        stance = every.stance[rows_kept]
        origin = origin_code[publisher[of]]
        first = self._first_party(casebook, origin_source[of], claim)
        revision = own[of]
        withdrawn = gone[of]
        excerpt = number[of]
        claims = claim.astype(np.int32)
        revisions = revision.astype(np.int32)
        gone_codes = withdrawn.astype(np.int32)
        known = self.revision_known[revisions]
        gone_us = np.where(gone_codes >= 0, self.revision_known[np.maximum(gone_codes, 0)],
                           NEVER) if len(gone_codes) else _empty(np.int64)
        order = np.lexsort((known, claims))
        order = self._ties_by_excerpt(order, claims, known, excerpt)
        self.claim: I32 = claims[order]
        # A row's fields packed together: one slice of them makes a claim's evidence and what a
        # point query counts. Each field is also a column of its own (a view, not a copy).
        packed = np.empty(len(order), _PACKED)
        packed["known_us"] = known[order]
        packed["withdrawn_us"] = gone_us[order]
        packed["revision"] = revisions[order]
        packed["withdrawn"] = gone_codes[order]
        packed["origin"] = origin[order]
        packed["stance"] = stance[order]
        packed["first_party"] = first[order]
        packed["excerpt"] = excerpt[order]
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
            run.sort(key=lambda row: self.excerpts.excerpt_id(int(excerpt[row])))
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
        revisions, sources, excerpt_id, origins, known_from, place = (
            self.revisions, self.revision_source, self.excerpts.excerpt_id, self.origins,
            self.known_from, self.revision_place)
        made = []
        stances, quote = STANCES, self.excerpts.quote
        for _, _, rev, gone, o, st, fp, x in rows:
            revision = revisions[rev]
            s = place[rev]
            made.append(evidence(
                excerpt_id(x, s), sources[rev], revision.id, origins[o], stances[st], fp,
                revision.published, known_from[gone] if gone >= 0 else None,
                revisions[gone].id if gone >= 0 else None, known_from[rev], quote(x, s)))
        return tuple(made)

    def _first_party(self, casebook: Casebook, origin_source: I64, claim: I32) -> B:
        """Whether each row's origin speaks for a party of its claim (the claim's subjects or
        claimant): asked only of rows whose origin speaks for anyone."""
        first = np.zeros(len(claim), np.bool_)
        speaks = np.array([bool(s.speaks_for) for s in casebook.sources] or [False])
        asked = np.flatnonzero(speaks[origin_source]) if len(claim) else np.empty(0, np.int64)
        if not len(asked):
            return first
        sources, ids, by_id = casebook.sources, self.ids, casebook.claim_by_id
        parties: dict[int, frozenset[str]] = {}
        answers = []
        for s, c in zip(origin_source[asked].tolist(), claim[asked].tolist(), strict=True):
            claim_parties = parties.get(c)
            if claim_parties is None:
                one = by_id[ids[c]]
                claim_parties = parties[c] = frozenset((*one.subjects, one.claimant))
            answers.append(not claim_parties.isdisjoint(sources[s].speaks_for))
        first[asked] = answers
        return first

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



def _empty(dtype: Any) -> Any:
    return np.empty(0, dtype)
