"""The reference resolver: factcheck._resolution as it was before the columnar engine (#12),
kept unchanged (imports aside) as the oracle the differential tests compare the library with.

Resolution: every claim's status as of any time, with its reasons, and timelines.

Statuses change only when something is published, so every claim's timeline is built once per
casebook (claim by claim, or group by group where relations tie claims together) and point queries
are answered by bisection.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

import attrs
import pendulum

from factcheck._asof import parse_as_of
from factcheck._bounds import ever_public
from factcheck._due import due_instant
from factcheck._errors import UnknownClaimError
from factcheck._model import (
    Casebook,
    Claim,
    ClaimKind,
    Relation,
    RelationKind,
    Stance,
)
from factcheck._when import When, format_instant

from .paused import collection_paused

__all__ = [
    "Evidence",
    "RelationReason",
    "Resolution",
    "Resolver",
    "Status",
    "Step",
    "Strength",
    "Timeline",
]


class Status(enum.StrEnum):
    """What the casebook says of a claim as of a time."""

    UNREPORTED = "unreported"
    REPORTED = "reported"
    CORROBORATED = "corroborated"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    REFUTED = "refuted"
    SUPERSEDED = "superseded"
    RETRACTED = "retracted"
    PENDING = "pending"
    FULFILLED = "fulfilled"
    FAILED = "failed"
    OPINION = "opinion"
    #: Its own source, or the stakeholder concerned, replaced it as wrong when published.
    CORRECTED = "corrected"

    @property
    def stands(self) -> bool:
        """Reported, corroborated, confirmed or superseded: it can defeat and support others."""
        return self in _STANDING


_STANDING = {Status.REPORTED, Status.CORROBORATED, Status.CONFIRMED, Status.SUPERSEDED,
             Status.FULFILLED}


class Strength(enum.IntEnum):
    """How strongly a side is supported: first-party > corroborated > reported > none."""

    NONE = 0
    REPORTED = 1
    CORROBORATED = 2
    FIRST_PARTY = 3

    @property
    def label(self) -> str:
        """The strength as a word: ``first-party``, ``corroborated``, ``reported``, ``none``."""
        return self.name.lower().replace("_", "-")


_BY_STRENGTH = {
    Strength.REPORTED: Status.REPORTED,
    Strength.CORROBORATED: Status.CORROBORATED,
    Strength.FIRST_PARTY: Status.CONFIRMED,
}


@attrs.frozen
class Evidence:
    """One excerpt's bearing on one claim: which source, revision, origin and stance, and when."""

    excerpt: str
    source: str
    revision: str
    origin: str
    stance: Stance
    first_party: bool
    published: When
    withdrawn_at: pendulum.DateTime | None = None
    withdrawn_in: str | None = None
    #: From when it counts: once certainly public (computed once; resolution compares it often).
    known_from: pendulum.DateTime = attrs.field(
        init=False, eq=False, default=attrs.Factory(lambda e: e.published.known_from,
                                                    takes_self=True))
    #: ``known_from`` and ``withdrawn_at`` in microseconds since the epoch: resolution compares
    #: these exact integers, not aware datetimes (each comparison of those asks the zone).
    known_us: int = attrs.field(init=False, eq=False, repr=False, default=attrs.Factory(
        lambda e: _micros(e.known_from), takes_self=True))
    withdrawn_us: int | None = attrs.field(init=False, eq=False, repr=False, default=attrs.Factory(
        lambda e: None if e.withdrawn_at is None else _micros(e.withdrawn_at), takes_self=True))

    def active(self, as_of: pendulum.DateTime) -> bool:
        """Known by ``as_of`` and not yet withdrawn."""
        return self.known_from <= as_of and (
            self.withdrawn_at is None or self.withdrawn_at > as_of
        )

    def _active_at(self, us: int) -> bool:
        return self.known_us <= us and (self.withdrawn_us is None or self.withdrawn_us > us)


@attrs.frozen
class RelationReason:
    """A declared relation that bore on a resolution, with the other claim's standing."""

    kind: RelationKind
    other: str
    outgoing: bool
    other_status: Status
    other_strength: Strength
    #: refuted-by | disputed-with | superseded-by | supersedes | supported-by | defeats | none
    effect: str
    #: The sources the other claim's standing rests on (its active supporting evidence).
    other_basis: tuple[str, ...] = ()


@attrs.frozen
class Resolution:
    """A claim's status as of a time, with its reasons."""

    claim: str
    status: Status
    as_of: pendulum.DateTime
    since: pendulum.DateTime | None
    support: Strength
    refutation: Strength
    origins: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    relations: tuple[RelationReason, ...] = ()
    #: Revisions whose imprecise publication interval holds ``as_of``: the status may already have
    #: changed by then, though it cannot be counted until certainly public.
    pending_publications: tuple[Evidence, ...] = ()
    zone: str | None = None
    #: The claim's kind: a prediction's explanation tells its outcome apart from its making.
    kind: ClaimKind | None = None
    #: A prediction's due instant, once known.
    due: pendulum.DateTime | None = None
    #: A scheduled claim's valid time, while it is still ahead: it reads as announced, not done.
    announced_for: When | None = None

    @property
    def lapsed(self) -> bool:
        """A prediction that failed for want of an outcome by its due time."""
        return (self.status is Status.FAILED and self.due is not None and self.as_of >= self.due
                and self.support is Strength.NONE and self.refutation is Strength.NONE
                and not any(r.effect == "refuted-by" for r in self.relations))

    @property
    def strength(self) -> Strength:
        """The support strength the status rests on."""
        return self.support

    @property
    def may_have_changed(self) -> bool:
        """True when something that may already be public by ``as_of`` is not yet counted."""
        return bool(self.pending_publications)

    def explain(self, zone: str | None = None) -> str:
        """One sentence a reader can trust: the status, since when, and why."""
        from .explain import explain

        return explain(self, zone or self.zone)

    def __str__(self) -> str:
        return self.explain()

    def __eq__(self, other: object) -> bool:
        # `assert casebook.status(...) == "confirmed"` reads the way pytest users write asserts;
        # comparing with a status compares the status, and the plugin shows the reasons on failure.
        if isinstance(other, str):
            return self.status == other
        if isinstance(other, Resolution):
            return attrs.astuple(self, recurse=False) == attrs.astuple(other, recurse=False)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        # Equal to its status string, so it must hash like it: `res in {"confirmed"}` works.
        return hash(self.status.value)


@attrs.frozen
class Step:
    """One step of a timeline: from ``since`` on (until the next step), this resolution holds."""

    since: pendulum.DateTime | None
    resolution: Resolution


@attrs.frozen
class Timeline:
    """A claim's resolutions over known time: a step function, one step per change of status."""

    claim: str
    steps: tuple[Step, ...]

    def statuses(self) -> list[Status]:
        """The statuses the claim passes through, in order."""
        return [step.resolution.status for step in self.steps]


def _strength(items: Sequence[Evidence], threshold: int) -> tuple[Strength, tuple[str, ...]]:
    origins = tuple(sorted({e.origin for e in items}))
    return _level(any(e.first_party for e in items), len(origins), threshold), origins


def _level(first_party: bool, origins: int, threshold: int) -> Strength:
    """One side's strength: first-party, else corroborated by ``threshold`` independent origins,
    else reported by one, else none."""
    if first_party:
        return Strength.FIRST_PARTY
    if origins >= threshold:
        return Strength.CORROBORATED
    return Strength.REPORTED if origins else Strength.NONE


def _weighed(support: Strength, refutation: Strength) -> Status:
    """Evidence alone decides a supported claim: the stronger side wins; equals are disputed."""
    if refutation > support:
        return Status.REFUTED
    return Status.DISPUTED if refutation == support else _BY_STRENGTH[support]


_SUPPORTING = {Stance.ASSERTS, Stance.SUPPORTS}


@attrs.frozen
class _Core:
    """What a resolution holds apart from the as-of and since: compared to find changes."""

    status: Status
    support: Strength
    refutation: Strength
    origins: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    relations: tuple[RelationReason, ...]


#: A timeline step as stored: the moment it starts (None: the beginning), what holds from then on,
#: and since when the status has held. ``known`` counts the claim's evidence known by then: the
#: evidence is sorted by the time it counts, so what is known at any moment is a prefix of it.
_Stored = tuple[
    "pendulum.DateTime | None", Status, Strength, Strength, tuple[str, ...], int,
    tuple[RelationReason, ...], "pendulum.DateTime | None",
]
_MOMENT: Final = 0
_STATUS: Final = 1
_SUPPORT: Final = 2
_REFUTATION: Final = 3
_ORIGINS: Final = 4
_KNOWN: Final = 5
_RELATIONS: Final = 6
_SINCE: Final = 7
#: A claim's timeline as built: the steps' start times (for bisection) and the steps.
_Built = tuple["array[int]", tuple[_Stored, ...]]
#: A claim's timeline as a point query reads it: as built, with the claim's evidence in the order it
#: counts, its windows of imprecise publication (or None) and its kind, so a query looks up one
#: record.
_Record = tuple[
    "array[int]", tuple[_Stored, ...], tuple["Evidence", ...],
    "list[tuple[int, int, Evidence]] | None", ClaimKind, "_Due | None",
    "tuple[When, int] | None",
]
#: A prediction's due: its instant, in microseconds, and when it was made (None: an absolute due,
#: known from the start).
_Due = tuple["pendulum.DateTime", int, "int | None"]
#: Before everything: the key of every timeline's opening step.
_BEGINNING = -(1 << 62)


class Resolver:
    """Builds every claim's timeline once and answers status queries by bisection."""

    def __init__(self, casebook: Casebook) -> None:
        with collection_paused():
            self._prepare(casebook)

    def _prepare(self, casebook: Casebook) -> None:
        self.casebook = casebook
        self.threshold = casebook.settings.corroboration
        #: Each claim's evidence, sorted by when it counts (claims with none are absent).
        self.evidence: dict[str, tuple[Evidence, ...]] = self._evidence()
        self.groups = self._groups()
        self._zone = casebook.zone
        self.due = self._dues()
        # Relations by the group of their claims, in declaration order: one pass, not one per group.
        group_of = {cid: i for i, group in enumerate(self.groups) for cid in group}
        related: dict[int, list[Relation]] = defaultdict(list)
        for relation in casebook.relations:
            related[group_of[relation.from_]].append(relation)
        claim_by_id = casebook.claim_by_id
        built: dict[str, _Built] = {}
        for i, group in enumerate(self.groups):
            relations = related.get(i)
            if relations is None and len(group) == 1:
                # Most claims stand alone: their step function comes from their evidence directly.
                cid = group[0]
                built[cid] = _alone(claim_by_id[cid].kind, self.evidence.get(cid, ()),
                                    self.threshold, self.due.get(cid))
            else:
                built.update(self._build(group, relations or []))
        # Evidence that may already be public before it counts (imprecise publication times),
        # as (start, counted-from) in microseconds: what a point query checks for "may have
        # changed".
        windows_of: dict[str, list[tuple[int, int, Evidence]]] = {}
        starts: dict[int, int] = {}  # the same revision times recur: convert each once
        for claim_id, items in self.evidence.items():
            windows = []
            for e in items:
                if not e.published.is_exact:
                    when = e.published
                    start = starts.get(id(when))
                    if start is None:
                        start = starts[id(when)] = _micros(when.start)
                    if start < e.known_us:
                        windows.append((start, e.known_us, e))
            if windows:
                windows_of[claim_id] = windows
        evidence = self.evidence
        self._timelines: dict[str, _Record] = {
            claim_id: (keys, steps, evidence.get(claim_id, ()), windows_of.get(claim_id),
                       claim_by_id[claim_id].kind, self.due.get(claim_id),
                       _scheduled(claim_by_id[claim_id]))
            for claim_id, (keys, steps) in built.items()}

    # -- preparing ---------------------------------------------------------------------------

    def _dues(self) -> dict[str, _Due]:
        """Each prediction's due instant: its due time's end, or the span after the revision that
        first asserts it counts."""
        found: dict[str, _Due] = {}
        for claim in self.casebook.claims:
            if claim.kind is not ClaimKind.PREDICTION or claim.due is None:
                continue
            made = [e for e in self.evidence.get(claim.id, ()) if e.stance is Stance.ASSERTS]
            instant = due_instant(claim.due, made[0].known_from if made else None)
            if instant is not None:
                relative = not isinstance(claim.due, When)
                found[claim.id] = (instant, _micros(instant),
                                   made[0].known_us if relative else None)
        return found

    def _evidence(self) -> dict[str, tuple[Evidence, ...]]:
        casebook = self.casebook
        claim_by_id = casebook.claim_by_id
        by_claim: dict[str, list[Evidence]] = defaultdict(list)
        parties: dict[str, frozenset[str]] = {}
        # Revision times recur across every excerpt of a revision: convert each once.
        instants: dict[int, tuple[pendulum.DateTime, int]] = {}

        def counted(when: When) -> tuple[pendulum.DateTime, int]:
            found = instants.get(id(when))
            if found is None:
                moment = when.known_from
                found = instants[id(when)] = (moment, _micros(moment))
            return found

        for source in casebook.sources:
            revisions = {r.id: r for r in source.revisions}
            for excerpt in source.excerpts:
                origin_source = casebook.source_by_id[excerpt.via] if excerpt.via else source
                speaks_for = origin_source.speaks_for
                revision = revisions[excerpt.revision]
                if not ever_public(revision.published):
                    continue  # known only as no earlier than a time: never certainly public
                known_from, known_us = counted(revision.published)
                withdrawn = revisions[excerpt.withdrawn_in] if excerpt.withdrawn_in else None
                if withdrawn is not None and not ever_public(withdrawn.published):
                    withdrawn = None  # a withdrawal never certainly public never takes effect
                withdrawn_at, withdrawn_us = (counted(withdrawn.published) if withdrawn
                                              else (None, None))
                if withdrawn_us is not None and withdrawn_us <= known_us:
                    # Withdrawn before its own revision was certainly public: it never counts
                    # (`factcheck check` warns of it: withdrawn-before-counted).
                    continue
                for claim_id, stance in excerpt.stances.items():
                    first_party = False
                    if speaks_for:
                        claim_parties = parties.get(claim_id)
                        if claim_parties is None:
                            claim = claim_by_id[claim_id]
                            claim_parties = parties[claim_id] = frozenset(
                                (*claim.subjects, claim.claimant))
                        first_party = not claim_parties.isdisjoint(speaks_for)
                    by_claim[claim_id].append(_new_evidence(
                        excerpt.id, source.id, revision.id, origin_source.publisher, stance,
                        first_party, revision.published, withdrawn_at,
                        withdrawn.id if withdrawn else None, known_from, known_us, withdrawn_us,
                    ))
        return {claim_id: tuple(sorted(items, key=_evidence_order))
                for claim_id, items in by_claim.items()}

    def _groups(self) -> list[list[str]]:
        """Claims tied together by relations, resolved together; each group sorted by id."""
        ids = sorted({c.id for c in self.casebook.claims})
        self._ids = ids
        if not self.casebook.relations:
            return [[claim_id] for claim_id in ids]
        parent = {claim_id: claim_id for claim_id in ids}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for relation in self.casebook.relations:
            a, b = find(relation.from_), find(relation.to)
            if a != b:
                parent[max(a, b)] = min(a, b)
        groups: dict[str, list[str]] = defaultdict(list)
        for claim_id in ids:
            groups[find(claim_id)].append(claim_id)
        return [groups[root] for root in sorted(groups)]

    # -- building timelines -----------------------------------------------------------------

    def _build(self, group: list[str], relations: list[Relation]) -> dict[str, _Built]:
        """The timelines of a group of claims tied by relations, resolved together."""
        keys: dict[str, array[int]] = {}
        steps: dict[str, list[_Stored]] = {}
        index = _GroupIndex(self, group, relations)
        start = _GroupResolution(self, group, relations, None, index=index).run()
        for claim_id in group:
            keys[claim_id] = array("q", [_BEGINNING])
            steps[claim_id] = [_stored(None, start[claim_id], None)]
        for us, moment, cores in self._runs(group, relations, index):
            for claim_id in group:
                core = cores[claim_id]
                previous = steps[claim_id][-1]
                if (core.status is previous[_STATUS] and core.support is previous[_SUPPORT]
                        and core.refutation is previous[_REFUTATION]
                        and core.origins == previous[_ORIGINS]
                        and len(core.evidence) == previous[_KNOWN]
                        and core.relations == previous[_RELATIONS]):
                    continue
                since = moment if core.status is not previous[_STATUS] else previous[_SINCE]
                keys[claim_id].append(us)
                steps[claim_id].append(_stored(moment, core, since))
        return {claim_id: (keys[claim_id], tuple(steps[claim_id])) for claim_id in group}

    def _runs(
        self, group: list[str], relations: list[Relation], index: _GroupIndex,
        until: int | None = None,
    ) -> Iterator[tuple[int, pendulum.DateTime, dict[str, _Core]]]:
        """The group resolved at each of its moments in order (up to ``until``): when evidence
        starts or stops counting, and when a prediction falls due. A prediction pending at or
        after its due instant has lapsed: failed from then on, and of no weight to others."""
        moments: dict[int, pendulum.DateTime] = {}
        for claim_id in group:
            for e in self.evidence.get(claim_id, ()):
                moments.setdefault(e.known_us, e.known_from)
                if e.withdrawn_us is not None:
                    moments.setdefault(e.withdrawn_us, e.withdrawn_at)  # type: ignore[arg-type]
        dues = {c: self.due[c] for c in group if c in self.due}
        for instant, due_us, _ in dues.values():
            moments.setdefault(due_us, instant)
        lapsed: set[str] = set()
        for us in sorted(moments):
            if until is not None and us > until:
                break
            cores = _GroupResolution(self, group, relations, moments[us], us, index,
                                     frozenset(lapsed)).run()
            for c, (_, due_us, _) in dues.items():
                if c not in lapsed and due_us <= us and cores[c].status is Status.PENDING:
                    lapsed.add(c)
                    cores[c] = attrs.evolve(cores[c], status=Status.FAILED,
                                            support=Strength.NONE, refutation=Strength.NONE,
                                            origins=())
            yield us, moments[us], cores

    # -- answering ---------------------------------------------------------------------------

    def status(
        self, claim_id: str, as_of: object, tz: str | None = None
    ) -> Resolution:
        """The claim's resolution as of ``as_of`` (see :func:`factcheck.parse_as_of`)."""
        instant = parse_as_of(as_of, tz, self.casebook.zone)
        return self.at(claim_id, instant, tz)

    def at(self, claim_id: str, instant: pendulum.DateTime, tz: str | None = None) -> Resolution:
        """The claim's resolution at an exact instant."""
        return self._at(claim_id, instant, _micros(instant), tz or self._zone)

    def _at(self, claim_id: str, instant: pendulum.DateTime, us: int,
            zone: str | None) -> Resolution:
        try:
            record = self._timelines[claim_id]
        except KeyError:
            raise UnknownClaimError(f"no claim {claim_id!r} in the casebook") from None
        return _resolve(claim_id, record, instant, us, zone)

    def statuses(self, as_of: object, tz: str | None = None) -> dict[str, Resolution]:
        """Every claim's resolution as of ``as_of``, by claim id in sorted order."""
        instant = parse_as_of(as_of, tz, self.casebook.zone)
        us = _micros(instant)
        zone = tz or self._zone
        # One pass over every claim, as-of converted once: this makes a resolution for each.
        timelines = self._timelines
        result: dict[str, Resolution] = {}
        with collection_paused():
            for cid in self._ids:
                result[cid] = _resolve(cid, timelines[cid], instant, us, zone)
        return result

    def timeline(self, claim_id: str, tz: str | None = None) -> Timeline:
        """The claim's status over known time."""
        if claim_id not in self._timelines:
            raise UnknownClaimError(f"no claim {claim_id!r} in the casebook")
        steps: list[Step] = []
        keys, raw, evidence, _, kind, due, scheduled = self._timelines[claim_id]
        for key, step in zip(keys, raw, strict=True):
            moment, status = step[_MOMENT], step[_STATUS]
            if steps and steps[-1].resolution.status == status:
                continue
            if moment is not None:
                instant = moment
            else:
                # The opening step holds until the status first changes: show it just before that.
                change = next((s[_MOMENT] for s in raw[1:]
                               if s[_STATUS] != status and s[_MOMENT] is not None), None)
                instant = change.subtract(seconds=1) if change is not None else _EPOCH
            steps.append(Step(moment, Resolution(
                claim=claim_id, status=status, as_of=instant,
                since=step[_SINCE], support=step[_SUPPORT],
                refutation=step[_REFUTATION], origins=step[_ORIGINS],
                evidence=evidence[:step[_KNOWN]], relations=step[_RELATIONS],
                zone=tz or self.casebook.zone, kind=kind, due=_shown_due(due, key),
                announced_for=_announced(scheduled, key),
            )))
        return Timeline(claim_id, tuple(steps))

    def resolve_directly(
        self, claim_id: str, instant: pendulum.DateTime
    ) -> tuple[Status, Strength]:
        """Resolve the claim at ``instant`` from scratch, without the timelines.

        Slow; for checking the timelines (the tests compare both at random instants).
        """
        group = next(g for g in self.groups if claim_id in g)
        relations = [r for r in self.casebook.relations if r.from_ in set(group)]
        index = _GroupIndex(self, group, relations)
        us = _micros(instant)
        core = _GroupResolution(self, group, relations, None, index=index).run()[claim_id]
        for _, _, cores in self._runs(group, relations, index, until=us):
            core = cores[claim_id]
        return core.status, core.support

    def change_times(self, claim_id: str) -> list[pendulum.DateTime]:
        """Every instant at which the claim's resolution (status or reasons) changes."""
        return [s[_MOMENT] for s in self._timelines[claim_id][1] if s[_MOMENT] is not None]


def _resolve(claim_id: str, record: _Record, instant: pendulum.DateTime, us: int,
             zone: str | None) -> Resolution:
    """The claim's resolution at ``instant`` (``us`` in microseconds), read off its record."""
    keys, steps, evidence, windows, kind, due, scheduled = record
    step = steps[bisect.bisect_right(keys, us) - 1]
    pending: tuple[Evidence, ...] = ()
    if windows is not None:
        for start, known_us, e in windows:
            if start <= us < known_us:
                pending = (*pending, e)
    known = step[_KNOWN]
    return _new_resolution(
        claim_id, step[_STATUS], instant, step[_SINCE], step[_SUPPORT], step[_REFUTATION],
        step[_ORIGINS], evidence[:known] if known else (), step[_RELATIONS], pending, zone, kind,
        _shown_due(due, us), _announced(scheduled, us),
    )


def _scheduled(claim: Claim) -> tuple[When, int] | None:
    """A scheduled claim's valid time, and when it starts."""
    if not claim.scheduled or claim.valid is None:
        return None
    return claim.valid, _micros(claim.valid.start)


def _announced(scheduled: tuple[When, int] | None, us: int) -> When | None:
    """Its valid time, while that is still ahead at ``us``: it reads as announced."""
    return scheduled[0] if scheduled is not None and us < scheduled[1] else None


def _shown_due(due: _Due | None, us: int) -> pendulum.DateTime | None:
    """The due instant a resolution at ``us`` shows: a relative one only once the prediction is
    made."""
    if due is None or (due[2] is not None and due[2] > us):
        return None
    return due[0]


def _stored(moment: pendulum.DateTime | None, core: _Core,
            since: pendulum.DateTime | None) -> _Stored:
    return (moment, core.status, core.support, core.refutation, core.origins, len(core.evidence),
            core.relations, since)


def _known_us(e: Evidence) -> int:
    return e.known_us


def _evidence_order(e: Evidence) -> tuple[int, str]:
    return e.known_us, e.excerpt


def _alone(kind: ClaimKind, items: Sequence[Evidence], threshold: int,
           due: _Due | None = None) -> _Built:
    """The timeline of a claim in no relation, straight from its evidence.

    It decides exactly as :class:`_GroupResolution` does for a group of one claim and no relation
    (the property tests compare both), at each moment its evidence starts or stops counting.
    """
    moments: dict[int, pendulum.DateTime] = {}
    withdrawals = False
    for e in items:
        moments.setdefault(e.known_us, e.known_from)
        if e.withdrawn_us is not None:
            withdrawals = True
            moments.setdefault(e.withdrawn_us, e.withdrawn_at)  # type: ignore[arg-type]
    prediction = kind is ClaimKind.PREDICTION
    opinion = kind is ClaimKind.OPINION
    if not withdrawals and not prediction:
        return _alone_accruing(opinion, items, moments, threshold)
    if due is not None and items:
        moments.setdefault(due[1], due[0])  # it falls due: pending from then on, it has lapsed
    lapsed = False
    keys = array("q")
    steps: list[_Stored] = []
    previous: _Stored = (None, None, None, None, (), -1, (), None)  # type: ignore[assignment]
    known = 0
    total = len(items)
    # The opening step (nothing known), then each moment in time order (the evidence is sorted by
    # the time it counts, so without withdrawals its moments come in order already).
    order: list[int] = sorted(moments) if withdrawals or due is not None else list(moments)
    for us in (_BEGINNING, *order):
        while known < total and items[known].known_us <= us:
            known += 1
        # Each side: its origins and whether one is first-party, over the evidence that counts.
        pro: set[str] = set()
        con: set[str] = set()
        pro_first = con_first = False
        supported_once = supported_now = False
        made_at: int | None = None
        if prediction:
            # Asserting a prediction makes it (from its first assertion: the evidence is sorted by
            # time); only supports and refutes published later can bear it out.
            made_at = next((e.known_us for e in items[:known] if e.stance is Stance.ASSERTS), None)
        for e in items[:known]:
            stance = e.stance
            active = e.withdrawn_us is None or e.withdrawn_us > us
            if stance is Stance.ASSERTS or stance is Stance.SUPPORTS:
                supported_once = True
                if active:
                    supported_now = True
            if prediction:
                if stance is Stance.ASSERTS or stance is Stance.MENTIONS or not active or (
                        made_at is not None and e.known_us <= made_at):
                    continue
            elif not active or stance is Stance.MENTIONS:
                continue
            if stance is Stance.REFUTES:
                con.add(e.origin)
                con_first = con_first or e.first_party
            else:
                pro.add(e.origin)
                pro_first = pro_first or e.first_party
        support = _level(pro_first, len(pro), threshold)
        refutation = _level(con_first, len(con), threshold)
        if opinion:
            status = Status.OPINION if known else Status.UNREPORTED
        elif support > Strength.NONE:
            status = _weighed(support, refutation)
        elif refutation > Strength.NONE:
            status = Status.REFUTED
        elif supported_once and not supported_now:
            status = Status.RETRACTED
        else:
            status = Status.UNREPORTED
        if prediction:
            status = _prediction_status(status, known > 0)
            if due is not None and (lapsed or (due[1] <= us and status is Status.PENDING)):
                lapsed = True
                status, support, refutation, pro = (Status.FAILED, Strength.NONE,
                                                    Strength.NONE, set())
        origins = previous[_ORIGINS]
        if len(pro) != len(origins) or not pro.issuperset(origins):
            origins = tuple(sorted(pro))
        if (status is previous[_STATUS] and support is previous[_SUPPORT]
                and refutation is previous[_REFUTATION] and origins == previous[_ORIGINS]
                and known == previous[_KNOWN]):
            continue
        moment = moments.get(us)
        since = moment if status is not previous[_STATUS] else previous[_SINCE]
        previous = (moment, status, support, refutation, origins, known, (), since)
        keys.append(us)
        steps.append(previous)
    return keys, tuple(steps)


def _alone_accruing(opinion: bool, items: Sequence[Evidence], moments: dict[int, pendulum.DateTime],
                    threshold: int) -> _Built:
    """:func:`_alone` where evidence only ever accrues: no withdrawal, and not a prediction.

    Each moment then adds evidence and takes none away, so the sides grow as the evidence is read
    once, in time order, and every moment is a step (it adds to the evidence known).
    """
    pro: set[str] = set()
    con: set[str] = set()
    pro_first = con_first = False
    support = refutation = _level(False, 0, threshold)
    status = Status.UNREPORTED
    if not opinion and support > Strength.NONE:
        status = Status.DISPUTED  # both sides equal, at a threshold of nothing
    keys = array("q", [_BEGINNING])
    steps: list[_Stored] = [(None, status, support, refutation, (), 0, (), None)]
    origins: tuple[str, ...] = ()
    since: pendulum.DateTime | None = None
    known = 0
    total = len(items)
    for us, moment in moments.items():
        while known < total:
            e = items[known]
            if e.known_us > us:
                break
            known += 1
            stance = e.stance
            if stance is Stance.REFUTES:
                con.add(e.origin)
                con_first = con_first or e.first_party
            elif stance is not Stance.MENTIONS:
                pro.add(e.origin)
                pro_first = pro_first or e.first_party
        support = _level(pro_first, len(pro), threshold)
        refutation = _level(con_first, len(con), threshold)
        if opinion:
            now = Status.OPINION
        elif support > Strength.NONE:
            now = _weighed(support, refutation)
        elif refutation > Strength.NONE:
            now = Status.REFUTED
        else:
            now = Status.UNREPORTED  # nothing withdrawn: never retracted
        if len(pro) != len(origins):
            origins = tuple(sorted(pro))
        if now is not status:
            status, since = now, moment
        keys.append(us)
        steps.append((moment, status, support, refutation, origins, known, (), since))
    return keys, tuple(steps)


class _GroupIndex:
    """What a group's resolution needs of its claims and relations: the same at every instant,
    so a timeline made of many instants indexes the group once."""

    __slots__ = ("checkable", "claims", "contradicts", "correctors", "relations", "superseders",
                 "supported")

    def __init__(self, resolver: Resolver, group: list[str], relations: Iterable[Relation]):
        self.claims: Mapping[str, Claim] = {c: resolver.casebook.claim_by_id[c] for c in group}
        self.relations = list(relations)
        self.checkable = [c for c in group if self.claims[c].kind is not ClaimKind.OPINION]
        self.contradicts: dict[str, set[str]] = defaultdict(set)
        self.supported: dict[str, set[str]] = defaultdict(set)
        self.superseders: dict[str, set[str]] = defaultdict(set)
        self.correctors: dict[str, set[str]] = defaultdict(set)
        for rel in self.relations:
            kind, a, b = rel.kind, rel.from_, rel.to
            if kind is RelationKind.CONTRADICTS:
                self.contradicts[a].add(b)
                self.contradicts[b].add(a)
            elif kind is RelationKind.SUPPORTS:
                self.supported[a].add(b)
            elif kind is RelationKind.SUPERSEDES:
                self.superseders[b].add(a)
            else:
                self.correctors[b].add(a)


class _GroupResolution:
    """Resolves one group of related claims at one instant, from the strongest claim down."""

    def __init__(
        self, resolver: Resolver, group: list[str], relations: Iterable[Relation],
        as_of: pendulum.DateTime | None, us: int | None = None, index: _GroupIndex | None = None,
        lapsed: frozenset[str] = frozenset(),
    ) -> None:
        self.r = resolver
        #: Predictions that lapsed before ``as_of``: failed for good, of no weight to others.
        self.lapsed = lapsed
        self.group = group
        self.index = index if index is not None else _GroupIndex(resolver, group, relations)
        self.claims = self.index.claims
        self.relations = self.index.relations
        self.as_of = as_of
        #: ``as_of`` in microseconds since the epoch (given when the caller has it already).
        self.us = us if us is not None or as_of is None else _micros(as_of)

    def _known(self, claim_id: str) -> list[Evidence]:
        if self.us is None:
            return []
        # The evidence is sorted by the time it counts: what is known is a prefix of it.
        items = self.r.evidence.get(claim_id, ())
        return list(items[:bisect.bisect_right(items, self.us, key=_known_us)])

    def run(self) -> dict[str, _Core]:
        """Every claim of the group; a corrected claim (wrong as published) carries no weight.

        First as if every claim counted, to find the corrected: a standing claim with a standing
        corrector that is not itself corrected. Then again with those taken out."""
        cores = self._run(frozenset())
        stood = {c for c, core in cores.items()
                 if core.status in _STANDING_BASE | {Status.SUPERSEDED}}
        memo: dict[str, bool] = {}

        def is_corrected(c: str, path: frozenset[str]) -> bool:
            if c not in memo:
                memo[c] = (c in stood and self.claims[c].kind is not ClaimKind.PREDICTION
                           and any(a in stood and a not in path
                                   and not is_corrected(a, path | {c})
                                   for a in sorted(self.index.correctors[c])))
            return memo[c]

        corrected = frozenset(c for c in sorted(self.index.correctors)
                              if is_corrected(c, frozenset()))
        return self._run(corrected) if corrected else cores

    def _run(self, corrected: frozenset[str]) -> dict[str, _Core]:
        us = self.us
        known = {c: self._known(c) for c in self.group}
        active = {c: [e for e in known[c] if us is not None and e._active_at(us)]
                  for c in self.group}
        support: dict[str, Strength] = {}
        refute: dict[str, Strength] = {}
        origins: dict[str, tuple[str, ...]] = {}
        asserted: dict[str, bool] = {}
        for cid, claim in self.claims.items():
            items = active[cid]
            if claim.kind is ClaimKind.PREDICTION:
                # Asserting a prediction makes it; only later evidence can bear it out.
                made = [e.known_us for e in known[cid] if e.stance is Stance.ASSERTS]
                made_at = min(made) if made else None
                asserted[cid] = bool(known[cid])
                results = [e for e in items if e.stance in (Stance.SUPPORTS, Stance.REFUTES)
                           and (made_at is None or e.known_us > made_at)]
                pro = [e for e in results if e.stance is Stance.SUPPORTS]
                con = [e for e in results if e.stance is Stance.REFUTES]
            else:
                pro = [e for e in items if e.stance in _SUPPORTING]
                con = [e for e in items if e.stance is Stance.REFUTES]
                asserted[cid] = bool(known[cid])
            if cid in self.lapsed:
                pro, con = [], []
            support[cid], origins[cid] = _strength(pro, self.r.threshold)
            refute[cid], _ = _strength(con, self.r.threshold)

        checkable = [c for c in self.index.checkable
                     if c not in self.lapsed and c not in corrected]
        decided: dict[str, Status] = {}
        strength: dict[str, Strength] = dict(support)
        lifted_by: dict[str, str] = {}
        defeated_by: dict[str, tuple[str, str]] = {}

        def standing(c: str) -> bool:
            return c in decided and decided[c] in _STANDING_BASE

        superseders = self.index.superseders
        if not self.relations:
            # Most claims stand alone: evidence alone decides, as the levels below would.
            for c in checkable:
                level = support[c]
                if level > Strength.NONE:
                    decided[c] = _weighed(level, refute[c])
        else:
            contradicts, supported = self.index.contradicts, self.index.supported
            for level in (Strength.FIRST_PARTY, Strength.CORROBORATED, Strength.REPORTED):
                if not any(strength[c] == level for c in checkable if c not in decided):
                    continue  # nothing at this level: nothing to lift, decide or defeat
                excluded: set[str] = set()
                for _ in range(len(self.group) + 2):
                    eff = dict(strength)
                    lift: dict[str, str] = {}
                    candidates = {c for c in checkable if c not in decided and eff[c] == level}
                    frontier = list(sorted(candidates))
                    while frontier:
                        a = frontier.pop()
                        if a in excluded:
                            continue
                        for b in sorted(supported[a]):
                            if (b in decided or self.claims[b].kind is ClaimKind.OPINION
                                    or b in self.lapsed or b in corrected):
                                continue
                            if eff[b] < level:
                                eff[b] = level
                                lift[b] = a
                                candidates.add(b)
                                frontier.append(b)
                    outcome: dict[str, Status] = {}
                    defeats: dict[str, tuple[str, str]] = {}
                    for c in sorted(candidates):
                        if refute[c] > level:
                            outcome[c] = Status.REFUTED
                        elif refute[c] == level:
                            outcome[c] = Status.DISPUTED
                        else:
                            stronger = sorted(d for d in contradicts[c] if standing(d)
                                              and strength[d] > level)
                            if stronger:
                                outcome[c] = Status.REFUTED
                                defeats[c] = ("refuted-by", stronger[0])
                    live = {c for c in candidates if c not in outcome}
                    for c in sorted(live):
                        equals = sorted(d for d in contradicts[c] if d in live or (
                            standing(d) and strength[d] == level))
                        if equals:
                            outcome[c] = Status.DISPUTED
                            defeats[c] = ("disputed-with", equals[0])
                    newly_excluded = {c for c in candidates if c in outcome} - excluded
                    if not newly_excluded or not any(
                        c in lift.values() for c in newly_excluded
                    ):
                        break
                    excluded |= newly_excluded
                for c in sorted(candidates):
                    strength[c] = eff[c]
                    if c in lift:
                        lifted_by[c] = lift[c]
                    decided[c] = outcome.get(c, _BY_STRENGTH[level])
                    if c in defeats:
                        defeated_by[c] = defeats[c]

        if self.relations:
            # A standing claim that contradicts a pending prediction fails it.
            for c in checkable:
                claim = self.claims[c]
                if (claim.kind is ClaimKind.PREDICTION and c not in decided and asserted[c]
                        and refute[c] is Strength.NONE and not _all_withdrawn(known[c], active[c])):
                    against = sorted(d for d in self.index.contradicts[c] if standing(d))
                    if against:
                        decided[c] = Status.REFUTED
                        defeated_by[c] = ("refuted-by", against[0])

        cores: dict[str, _Core] = {}
        for cid, claim in self.claims.items():
            evidence = tuple(known[cid])
            if claim.kind is ClaimKind.OPINION:
                status = Status.OPINION if evidence else Status.UNREPORTED
            elif cid in decided:
                status = decided[cid]
            elif refute[cid] > Strength.NONE:
                status = Status.REFUTED
            elif _all_withdrawn(known[cid], active[cid]):
                # It had support, and every supporting excerpt has since been withdrawn.
                status = Status.RETRACTED
            else:
                status = Status.UNREPORTED
            if cid in self.lapsed:
                status = Status.FAILED
            elif claim.kind is ClaimKind.PREDICTION:
                status = _prediction_status(status, asserted[cid])
            elif cid in corrected:
                status = Status.CORRECTED  # wrong as published: before outdated
            elif status in _POSITIVE and any(standing(a) for a in superseders[cid]):
                status = Status.SUPERSEDED
            reasons = self._relation_reasons(cid, decided, strength, lifted_by, defeated_by,
                                             status, active, corrected)
            cores[cid] = _Core(status, strength.get(cid, Strength.NONE), refute[cid],
                               origins[cid], evidence, reasons)
        return cores

    def _relation_reasons(
        self, cid: str, decided: Mapping[str, Status], strength: Mapping[str, Strength],
        lifted_by: Mapping[str, str], defeated_by: Mapping[str, tuple[str, str]], status: Status,
        active: Mapping[str, list[Evidence]], corrected: frozenset[str] = frozenset(),
    ) -> tuple[RelationReason, ...]:
        reasons = []

        def other(c: str) -> tuple[Status, Strength]:
            return decided.get(c, Status.UNREPORTED), strength.get(c, Strength.NONE)

        for rel in self.relations:
            kind, a, b = rel.kind, rel.from_, rel.to
            if cid not in (a, b):
                continue
            outgoing = cid == a
            peer = b if outgoing else a
            st, sg = other(peer)
            effect = "none"
            if kind is RelationKind.CONTRADICTS:
                mine = defeated_by.get(cid)
                if mine and mine[1] == peer:
                    effect = mine[0]
                elif defeated_by.get(peer, ("", ""))[1] == cid and defeated_by[peer][0] == (
                    "refuted-by"
                ):
                    effect = "defeats"
            elif kind is RelationKind.SUPERSEDES:
                if not outgoing and status is Status.SUPERSEDED and st in _STANDING_BASE:
                    effect = "superseded-by"
                elif outgoing and st is Status.SUPERSEDED:
                    effect = "supersedes"
            elif kind is RelationKind.CORRECTS:
                if not outgoing and status is Status.CORRECTED and st in _STANDING_BASE:
                    effect = "corrected-by"
                elif (outgoing and peer in corrected
                      and status in _STANDING_BASE | {Status.SUPERSEDED, Status.CORRECTED}):
                    effect = "corrects"
            elif kind is RelationKind.SUPPORTS and not outgoing and lifted_by.get(cid) == peer:
                effect = "supported-by"
            basis = _basis(active.get(peer, []))
            reasons.append(RelationReason(kind, peer, outgoing, st, sg, effect, basis))
        return tuple(sorted(reasons, key=lambda r: (r.kind.value, r.other, r.outgoing)))


_EPOCH = pendulum.datetime(1970, 1, 1, tz="UTC")
_UNIX = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_MICROSECOND = _dt.timedelta(microseconds=1)
_since_unix = _dt.datetime.__sub__
_NONE_STRENGTH = Strength.NONE


def _micros(instant: _dt.datetime) -> int:
    """An aware instant as whole microseconds since the epoch: exact, and cheap to compare."""
    # datetime's own subtraction (pendulum's returns an Interval); asks the zone once.
    return _since_unix(instant, _UNIX) // _MICROSECOND


def _slot_setters(cls: type, names: tuple[str, ...]) -> list[Any]:
    # The fields' slot descriptors, checked against the class, so a changed field list fails at
    # import rather than filling the wrong slots.
    if tuple(a.name for a in attrs.fields(cls)) != names:
        raise RuntimeError(f"{cls.__name__}'s fields changed: update its fast constructor")
    return [cls.__dict__[name].__set__ for name in names]


# Millions of these are made on a large casebook. attrs' __init__ for frozen classes sets each field
# through object.__setattr__; filling the slots directly makes the same object in half the time
# (no field of these classes has a converter, validator or default to run).
(_r_claim, _r_status, _r_as_of, _r_since, _r_support, _r_refutation, _r_origins, _r_evidence,
 _r_relations, _r_pending, _r_zone, _r_kind, _r_due, _r_announced) = _slot_setters(Resolution, (
    "claim", "status", "as_of", "since", "support", "refutation", "origins", "evidence",
    "relations", "pending_publications", "zone", "kind", "due", "announced_for"))
(_e_excerpt, _e_source, _e_revision, _e_origin, _e_stance, _e_first_party, _e_published,
 _e_withdrawn_at, _e_withdrawn_in, _e_known_from, _e_known_us, _e_withdrawn_us) = _slot_setters(
    Evidence, ("excerpt", "source", "revision", "origin", "stance", "first_party", "published",
               "withdrawn_at", "withdrawn_in", "known_from", "known_us", "withdrawn_us"))
_new = object.__new__


def _new_resolution(
    claim: str, status: Status, as_of: pendulum.DateTime, since: pendulum.DateTime | None,
    support: Strength, refutation: Strength, origins: tuple[str, ...],
    evidence: tuple[Evidence, ...], relations: tuple[RelationReason, ...],
    pending: tuple[Evidence, ...], zone: str | None, kind: ClaimKind,
    due: pendulum.DateTime | None, announced_for: When | None,
) -> Resolution:
    r = _new(Resolution)
    _r_claim(r, claim)
    _r_status(r, status)
    _r_as_of(r, as_of)
    _r_since(r, since)
    _r_support(r, support)
    _r_refutation(r, refutation)
    _r_origins(r, origins)
    _r_evidence(r, evidence)
    _r_relations(r, relations)
    _r_pending(r, pending)
    _r_zone(r, zone)
    _r_kind(r, kind)
    _r_due(r, due)
    _r_announced(r, announced_for)
    return r


def _new_evidence(
    excerpt: str, source: str, revision: str, origin: str, stance: Stance, first_party: bool,
    published: When, withdrawn_at: pendulum.DateTime | None, withdrawn_in: str | None,
    known_from: pendulum.DateTime, known_us: int, withdrawn_us: int | None,
) -> Evidence:
    e = _new(Evidence)
    _e_excerpt(e, excerpt)
    _e_source(e, source)
    _e_revision(e, revision)
    _e_origin(e, origin)
    _e_stance(e, stance)
    _e_first_party(e, first_party)
    _e_published(e, published)
    _e_withdrawn_at(e, withdrawn_at)
    _e_withdrawn_in(e, withdrawn_in)
    _e_known_from(e, known_from)
    _e_known_us(e, known_us)
    _e_withdrawn_us(e, withdrawn_us)
    return e
_STANDING_BASE = {Status.REPORTED, Status.CORROBORATED, Status.CONFIRMED}
_POSITIVE = _STANDING_BASE


def _all_withdrawn(known: Sequence[Evidence], active: Sequence[Evidence]) -> bool:
    """It had support, and every supporting excerpt has since been withdrawn."""
    return any(e.stance in _SUPPORTING for e in known) and not any(
        e.stance in _SUPPORTING for e in active)


def _basis(items: Sequence[Evidence]) -> tuple[str, ...]:
    """The sources a claim's support rests on: its first-party ones if any, else all."""
    pro = [e for e in items if e.stance in _SUPPORTING]
    first = [e for e in pro if e.first_party]
    return tuple(sorted({e.source for e in (first or pro)}))


def _prediction_status(status: Status, asserted: bool) -> Status:
    if status in _POSITIVE:
        return Status.FULFILLED
    if status is Status.REFUTED:
        return Status.FAILED
    if status in (Status.DISPUTED, Status.RETRACTED):
        return status
    return Status.PENDING if asserted else Status.UNREPORTED


def describe_instant(instant: pendulum.DateTime | None, zone: str | None) -> str:
    """An instant for output, in ``zone`` with the zone named; ``the start`` for None."""
    if instant is None:
        return "the start"
    return format_instant(instant, zone)
