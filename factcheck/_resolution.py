"""Resolution: every claim's timeline, built once as columns, and the answers read off it.

Statuses change only when something is published. Every claim's timeline is built once per
casebook as step columns (time, status, strengths, origin count, since), claims in no relation all
at once (``_alone``) and claims tied by relations every group at once (``_grouped``; ``_groups``,
one group at a time, is its oracle and answers ``resolve_directly``). A point query finds
its step by binary search; the ``Resolution`` with its evidence, relations and explanation is made
then, and only then.
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Iterator, Mapping
from typing import Any, Final

import numpy as np
import pendulum

from ._alone import States, alone_states, steps_of
from ._asof import parse_as_of
from ._columns import ASSERTS, NEVER, PREDICTION, SUPPORTS, Columns, micros
from ._errors import UnknownClaimError
from ._fill import resolution
from ._giveback import collection_paused, give_back
from ._grouped import resolve_groups
from ._groups import Group, GroupSteps, groups_of, resolve_once
from ._kinds import ClaimKind
from ._lapse import Dues
from ._model import Casebook
from ._outcome import (
    Evidence,
    RelationReason,
    Resolution,
    Status,
    Step,
    Strength,
    Timeline,
)
from ._reasons import StepReasons
from ._rules import CODES
from ._table import status_columns
from ._when import When, format_instant

__all__ = [
    "Evidence",
    "RelationReason",
    "Resolution",
    "Resolver",
    "Status",
    "Step",
    "Strength",
    "Timeline",
    "describe_instant",
]

_STATUSES: Final = tuple(Status)
_STRENGTHS: Final = tuple(Strength)
_KINDS: Final = tuple(ClaimKind)
_EPOCH = pendulum.datetime(1970, 1, 1, tz="UTC")
#: A packed row's first field: when it counts (rows are in that order).
_COUNTS_FROM: Final = operator.itemgetter(0)
#: A step as a point query reads it (the order ``Resolver._at`` unpacks).
_STEP: Final = np.dtype([("status", np.int8), ("support", np.int8), ("refutation", np.int8),
                         ("since", np.int32), ("kind", np.int8), ("revision", np.int32),
                         ("origins", np.int32), ("reasons", np.int32)])


class Resolver:
    """Every claim's timeline as columns, and the answers to status queries read off them."""

    def __init__(self, casebook: Casebook) -> None:
        self.casebook = casebook
        self._zone = casebook.zone
        self.columns = columns = Columns(casebook)
        #: When predictions fall due, and which lapsed (filled in as timelines are built).
        self.dues = Dues(casebook, columns)
        #: Scheduled claims: their valid time, and when it starts (until then, announced).
        self.scheduled = {columns.code_of[c.id]: (c.valid, micros(c.valid.start))
                          for c in casebook.claims if c.scheduled and c.valid is not None}
        #: Claims tied by relations, group by group (claim codes).
        self.tied = groups_of(len(columns.ids), columns.related(casebook.relations))
        in_group = np.zeros(len(columns.ids), bool)
        for group in self.tied:
            in_group[list(group.claims)] = True
        # Claims in no relation: all at once. Groups: all at once too; a group's result depends
        # on nothing outside it, so the groups could be shared out among workers.
        alone, since = steps_of(alone_states(columns, np.flatnonzero(~in_group), self.dues))
        tied = GroupSteps()
        resolve_groups(columns, self.tied, tied, self.dues)
        self._steps(alone, since, tied)
        give_back()  # the build's temporaries, freed: back to the system

    def _steps(self, alone: States, since: Any, tied: GroupSteps) -> None:
        """Both kinds of steps as one set of columns, by claim and time; offsets per claim."""
        n_alone = len(alone.claim)
        claim = np.concatenate((alone.claim, np.array(tied.claim, np.int32)))
        time = np.concatenate((alone.time, np.array(tied.time, np.int64)))
        order = np.lexsort((time, claim))
        self.step_time = time[order]
        # A step's fields packed together (a point query reads one record); each field is also
        # a column of its own (a view).
        record = np.empty(len(order), _STEP)
        record["status"] = np.concatenate((alone.status, np.array(tied.status, np.int8)))[order]
        record["support"] = np.concatenate(
            (alone.support, np.array(tied.support, np.int8)))[order]
        record["refutation"] = np.concatenate(
            (alone.refutation, np.array(tied.refutation, np.int8)))[order]
        record["since"] = np.concatenate((since, np.array(tied.since, np.int32)))[order]
        record["kind"] = self.columns.kind[claim[order]]
        record["revision"] = np.concatenate(
            (alone.revision, np.array(tied.revision, np.int32)))[order]
        record["origins"] = np.concatenate(
            (alone.origins, np.array(tied.origins, np.int32)))[order]
        self.step_record = record
        self.step_status = record["status"]
        self.step_support = record["support"]
        self.step_refutation = record["refutation"]
        #: The revision whose instant the status holds since (-1: since the start).
        self.step_since = record["since"]
        #: The revision whose instant the step starts at (-1: the opening step).
        self.step_revision = record["revision"]
        #: How many independent origins support the claim during the step.
        self.step_origins = record["origins"]
        #: Claim c's steps are step_offsets[c]:step_offsets[c + 1].
        self.step_offsets = np.searchsorted(claim[order], np.arange(len(self.columns.ids) + 1))
        # The relations behind a tied claim's steps, by step (-1: none): only groups have any.
        reasons = np.full(len(order), -1, np.int32)
        made: list[tuple[RelationReason, ...]] = []
        for i, found in enumerate(tied.reasons):
            if found:
                reasons[n_alone + i] = len(made)
                made.append(found)
        number = len(made)
        for start, table in tied.tables:
            reasons[n_alone + start:n_alone + start + len(table)] = np.arange(
                number, number + len(table))
            number += len(table)
        record["reasons"] = reasons[order]
        self._reasons = StepReasons(made, [table for _, table in tied.tables])
        self._step_offsets = self.step_offsets.data
        self._step_times = self.step_time.data
        self._row_offsets = self.columns.offsets.data

    @functools.cached_property
    def groups(self) -> list[list[str]]:
        """Every claim's group (a claim in no relation is a group of one), as claim ids, sorted;
        the groups ordered by their first id."""
        ids = self.columns.ids
        tied = {g.claims[0]: g.claims for g in self.tied}
        in_group = {c for g in self.tied for c in g.claims}
        return [[ids[c] for c in tied[code]] if code in tied else [cid]
                for code, cid in enumerate(ids) if code in tied or code not in in_group]

    @functools.cached_property
    def evidence(self) -> Mapping[str, tuple[Evidence, ...]]:
        """Each claim's evidence in the order it counts (claims with none are absent), each
        claim's made when it is read."""
        return _EvidenceByClaim(self.columns)

    # -- answering ---------------------------------------------------------------------------

    def _code(self, claim_id: str) -> int:
        try:
            return self.columns.code_of[claim_id]
        except KeyError:
            raise UnknownClaimError(f"no claim {claim_id!r} in the casebook") from None

    def status(self, claim_id: str, as_of: object, tz: str | None = None) -> Resolution:
        """The claim's resolution as of ``as_of`` (see :func:`factcheck.parse_as_of`)."""
        instant = parse_as_of(as_of, tz, self.casebook.zone)
        return self.at(claim_id, instant, tz)

    def at(self, claim_id: str, instant: pendulum.DateTime, tz: str | None = None) -> Resolution:
        """The claim's resolution at an exact instant."""
        return self._at(self._code(claim_id), instant, micros(instant), tz or self._zone)

    def _at(self, claim: int, instant: pendulum.DateTime, us: int,
            zone: str | None) -> Resolution:
        # A claim has a handful of steps and rows: its step is searched for in place (through
        # memoryviews, which read NumPy's memory as Python ints without a copy), its rows read as
        # one short list.
        steps = self._step_offsets
        step = bisect.bisect_right(self._step_times, us, steps[claim], steps[claim + 1]) - 1
        status, support, refutation, since, kind, _, _, reasons = self.step_record[step].item()
        columns = self.columns
        first, last = self._row_offsets[claim], self._row_offsets[claim + 1]
        every = columns.packed[first:last].tolist() if last > first else []
        known = bisect.bisect_right(every, us, key=_COUNTS_FROM)
        rows = every[:known]
        return resolution(
            columns.ids[claim], _STATUSES[status], instant, self._moment(since),
            _STRENGTHS[support], _STRENGTHS[refutation], self._origins(claim, kind, rows, us),
            columns.made(rows), self._reasons.get(reasons),
            self._pending(every[known:], us), zone, _KINDS[kind], self.dues.shown(claim, us),
            self._announced(claim, us),
        )

    def _announced(self, claim: int, us: int) -> When | None:
        """A scheduled claim's valid time while it is still ahead at ``us``."""
        scheduled = self.scheduled.get(claim)
        return scheduled[0] if scheduled is not None and us < scheduled[1] else None

    def _moment(self, revision: int) -> pendulum.DateTime | None:
        return None if revision < 0 else self.columns.moment(revision)

    def _origins(self, claim: int, kind: int, rows: list[tuple[Any, ...]],
                 us: int) -> tuple[str, ...]:
        """The origins of the support counted at ``us`` among the claim's known ``rows`` (packed)
        still in force (for a prediction, only what supports it after it was first asserted)."""
        if not rows or self.dues.lapsed.get(claim, NEVER) <= us:
            return ()  # nothing, or a lapsed prediction: nothing after it fell due counts
        if kind == PREDICTION:
            made_at = next((row[0] for row in rows if row[5] == ASSERTS), None)
            counted = {row[4] for row in rows if row[5] == SUPPORTS and row[1] > us
                       and (made_at is None or row[0] > made_at)}
        else:
            counted = {row[4] for row in rows if row[5] <= SUPPORTS and row[1] > us}
        names = self.columns.origins
        return tuple(sorted([names[o] for o in counted]))

    def _pending(self, later: list[tuple[Any, ...]], us: int) -> tuple[Evidence, ...]:
        """Of the claim's rows not yet counted at ``us`` (packed), those whose imprecise
        publication interval holds ``us``: they may already be public."""
        if not later:
            return ()
        columns = self.columns
        exact, start = columns.revision_exact, columns.revision_start
        rows = [row for row in later if not exact[row[2]] and start[row[2]] <= us]
        return columns.made(rows) if rows else ()

    def statuses(self, as_of: object, tz: str | None = None) -> dict[str, Resolution]:
        """Every claim's resolution as of ``as_of``, by claim id in sorted order."""
        instant = parse_as_of(as_of, tz, self.casebook.zone)
        us = micros(instant)
        zone = tz or self._zone
        # A Resolution, its evidence and quotes for every claim: millions of objects that all
        # stay, which the cyclic collector would walk again and again.
        with collection_paused():
            return {cid: self._at(code, instant, us, zone)
                    for code, cid in enumerate(self.columns.ids)}

    def status_columns(self, as_of: object, tz: str | None = None) -> Any:
        """Every claim's status, since, strength and origin count as of ``as_of``, as columns:
        a ``pyarrow.Table`` when pyarrow is installed, else a dict of NumPy arrays."""
        instant = parse_as_of(as_of, tz, self.casebook.zone)
        return status_columns(self, micros(instant))

    def timeline(self, claim_id: str, tz: str | None = None) -> Timeline:
        """The claim's status over known time: a step per change of status."""
        claim = self._code(claim_id)
        lo, hi = int(self.step_offsets[claim]), int(self.step_offsets[claim + 1])
        first, last = self.columns.span(claim)
        known_us = self.columns.known_us[first:last]
        statuses = self.step_status[lo:hi].tolist()
        times = self.step_time[lo:hi].tolist()
        # Each step shows the rows known by then, a prefix of the claim's: each row is made once.
        every = self.columns.packed[first:last].tolist() if last > first else []
        made = self.columns.made(every)
        steps: list[Step] = []
        for i in range(hi - lo):
            status = statuses[i]
            if steps and CODES[steps[-1].resolution.status] == status:
                continue
            moment = self._moment(int(self.step_revision[lo + i]))
            if moment is not None:
                instant = moment
            else:
                # The opening step holds until the status first changes: show it just before that.
                change = next((self._moment(int(self.step_revision[lo + j]))
                               for j in range(i + 1, hi - lo) if statuses[j] != status), None)
                instant = change.subtract(seconds=1) if change is not None else _EPOCH
            us = times[i]
            known = int(np.searchsorted(known_us, us, "right"))
            rows = every[:known]
            steps.append(Step(moment, Resolution(
                claim=claim_id, status=_STATUSES[status], as_of=instant,
                since=self._moment(int(self.step_since[lo + i])),
                support=_STRENGTHS[self.step_support[lo + i]],
                refutation=_STRENGTHS[self.step_refutation[lo + i]],
                origins=self._origins(claim, int(self.columns.kind[claim]), rows, us),
                evidence=made[:known],
                relations=self._reasons.get(int(self.step_record["reasons"][lo + i])),
                zone=tz or self.casebook.zone, kind=_KINDS[self.columns.kind[claim]],
                due=self.dues.shown(claim, us), announced_for=self._announced(claim, us),
            )))
        return Timeline(claim_id, tuple(steps))

    def resolve_directly(
        self, claim_id: str, instant: pendulum.DateTime
    ) -> tuple[Status, Strength]:
        """Resolve the claim at ``instant`` from scratch, without the timelines.

        Slow; for checking the timelines (the tests compare both at random instants).
        """
        claim = self._code(claim_id)
        group = next((g for g in self.tied if claim in g.claims), Group((claim,), ()))
        return resolve_once(self.columns, group, micros(instant), self.dues)[claim]

    def change_times(self, claim_id: str) -> list[pendulum.DateTime]:
        """Every instant at which the claim's shown resolution changes."""
        claim = self._code(claim_id)
        lo, hi = int(self.step_offsets[claim]), int(self.step_offsets[claim + 1])
        return [m for r in self.step_revision[lo:hi].tolist()
                if (m := self._moment(r)) is not None]


class _EvidenceByClaim(Mapping[str, tuple[Evidence, ...]]):
    """Claim id to its evidence, made from the columns on each reading."""

    def __init__(self, columns: Columns) -> None:
        self._columns = columns
        self._with = np.flatnonzero(np.diff(columns.offsets) > 0).tolist()

    def __getitem__(self, claim_id: str) -> tuple[Evidence, ...]:
        code = self._columns.code_of.get(claim_id)
        if code is None:
            raise KeyError(claim_id)
        made = self._columns.evidence(*self._columns.span(code))
        if not made:
            raise KeyError(claim_id)
        return made

    def __iter__(self) -> Iterator[str]:
        ids = self._columns.ids
        return (ids[c] for c in self._with)

    def __len__(self) -> int:
        return len(self._with)


def describe_instant(instant: pendulum.DateTime | None, zone: str | None) -> str:
    """An instant for output, in ``zone`` with the zone named; ``the start`` for None."""
    if instant is None:
        return "the start"
    return format_instant(instant, zone)

