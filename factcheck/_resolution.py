"""Resolution: every claim's status as of any time, with its reasons, and timelines.

Statuses change only when something is published, so every claim's timeline is built once per
casebook (claim by claim, or group by group where relations tie claims together) and point queries
are answered by bisection.
"""

from __future__ import annotations

import bisect
import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs
import pendulum

from ._errors import UnknownClaimError
from ._model import Casebook, Claim, ClaimKind, Relation, RelationKind, Stance
from ._when import When, format_instant, parse_as_of

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

    @property
    def known_from(self) -> pendulum.DateTime:
        """From when it counts: once certainly public."""
        return self.published.known_from

    def active(self, as_of: pendulum.DateTime) -> bool:
        """Known by ``as_of`` and not yet withdrawn."""
        return self.known_from <= as_of and (
            self.withdrawn_at is None or self.withdrawn_at > as_of
        )


@attrs.frozen
class RelationReason:
    """A declared relation that bore on a resolution, with the other claim's standing."""

    kind: RelationKind
    other: str
    outgoing: bool
    other_status: Status
    other_strength: Strength
    effect: str  # refuted-by | disputed-with | superseded-by | supersedes | supported-by | defeats | none
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
        from ._explain import explain

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
        return hash((self.claim, self.status, self.as_of, self.since))


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
    if any(e.first_party for e in items):
        return Strength.FIRST_PARTY, origins
    if len(origins) >= threshold:
        return Strength.CORROBORATED, origins
    if origins:
        return Strength.REPORTED, origins
    return Strength.NONE, origins


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


class Resolver:
    """Builds every claim's timeline once and answers status queries by bisection."""

    def __init__(self, casebook: Casebook) -> None:
        self.casebook = casebook
        self.threshold = casebook.settings.corroboration
        self.evidence: dict[str, list[Evidence]] = self._evidence()
        self.groups = self._groups()
        self._keys: dict[str, list[float]] = {}
        self._steps: dict[str, list[tuple[pendulum.DateTime | None, _Core]]] = {}
        self._since: dict[str, list[pendulum.DateTime | None]] = {}
        for group in self.groups:
            self._build(group)

    # -- preparing ---------------------------------------------------------------------------

    def _evidence(self) -> dict[str, list[Evidence]]:
        casebook = self.casebook
        by_claim: dict[str, list[Evidence]] = defaultdict(list)
        for source in casebook.sources:
            revisions = {r.id: r for r in source.revisions}
            for excerpt in source.excerpts:
                origin_source = casebook.source_by_id[excerpt.via] if excerpt.via else source
                revision = revisions[excerpt.revision]
                withdrawn = revisions[excerpt.withdrawn_in] if excerpt.withdrawn_in else None
                for claim_id, stance in excerpt.stances.items():
                    claim = casebook.claim_by_id[claim_id]
                    parties = set(claim.subjects) | {claim.claimant}
                    by_claim[claim_id].append(Evidence(
                        excerpt=excerpt.id,
                        source=source.id,
                        revision=revision.id,
                        origin=origin_source.publisher,
                        stance=stance,
                        first_party=bool(parties & set(origin_source.speaks_for)),
                        published=revision.published,
                        withdrawn_at=withdrawn.published.known_from if withdrawn else None,
                        withdrawn_in=withdrawn.id if withdrawn else None,
                    ))
        for items in by_claim.values():
            items.sort(key=lambda e: (e.known_from, e.excerpt))
        return by_claim

    def _groups(self) -> list[list[str]]:
        """Claims tied together by relations, resolved together; each group sorted by id."""
        parent = {c.id: c.id for c in self.casebook.claims}

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
        for claim_id in sorted(parent):
            groups[find(claim_id)].append(claim_id)
        return [groups[root] for root in sorted(groups)]

    # -- building timelines -----------------------------------------------------------------

    def _build(self, group: list[str]) -> None:
        moments: set[pendulum.DateTime] = set()
        for claim_id in group:
            for e in self.evidence.get(claim_id, ()):
                moments.add(e.known_from)
                if e.withdrawn_at is not None:
                    moments.add(e.withdrawn_at)
        relations = [r for r in self.casebook.relations if r.from_ in set(group)]
        previous: dict[str, _Core] = {}
        for claim_id in group:
            self._keys[claim_id] = [float("-inf")]
            start = self._resolve_group(group, relations, None)[claim_id]
            self._steps[claim_id] = [(None, start)]
            self._since[claim_id] = [None]
            previous[claim_id] = start
        for moment in sorted(moments):
            cores = self._resolve_group(group, relations, moment)
            for claim_id in group:
                core = cores[claim_id]
                if core == previous[claim_id]:
                    continue
                since = self._since[claim_id][-1]
                if core.status != previous[claim_id].status:
                    since = moment
                self._keys[claim_id].append(moment.timestamp())
                self._steps[claim_id].append((moment, core))
                self._since[claim_id].append(since)
                previous[claim_id] = core

    def _resolve_group(
        self, group: list[str], relations: Sequence[Relation], as_of: pendulum.DateTime | None
    ) -> dict[str, _Core]:
        return _GroupResolution(self, group, relations, as_of).run()

    # -- answering ---------------------------------------------------------------------------

    def status(
        self, claim_id: str, as_of: object, tz: str | None = None
    ) -> Resolution:
        """The claim's resolution as of ``as_of`` (see :func:`factcheck.parse_as_of`)."""
        instant = parse_as_of(as_of, tz, self.casebook.zone)
        return self.at(claim_id, instant, tz)

    def at(self, claim_id: str, instant: pendulum.DateTime, tz: str | None = None) -> Resolution:
        """The claim's resolution at an exact instant."""
        if claim_id not in self._keys:
            raise UnknownClaimError(f"no claim {claim_id!r} in the casebook")
        index = bisect.bisect_right(self._keys[claim_id], instant.timestamp()) - 1
        _, core = self._steps[claim_id][index]
        pending = tuple(
            e for e in self.evidence.get(claim_id, ())
            if e.published.start <= instant < e.known_from
        )
        return Resolution(
            claim=claim_id, status=core.status, as_of=instant,
            since=self._since[claim_id][index], support=core.support,
            refutation=core.refutation, origins=core.origins,
            evidence=core.evidence, relations=core.relations,
            pending_publications=pending, zone=tz or self.casebook.zone,
        )

    def statuses(self, as_of: object, tz: str | None = None) -> dict[str, Resolution]:
        """Every claim's resolution as of ``as_of``, by claim id in sorted order."""
        instant = parse_as_of(as_of, tz, self.casebook.zone)
        return {cid: self.at(cid, instant, tz) for cid in sorted(self._keys)}

    def timeline(self, claim_id: str, tz: str | None = None) -> Timeline:
        """The claim's status changes over known time."""
        if claim_id not in self._keys:
            raise UnknownClaimError(f"no claim {claim_id!r} in the casebook")
        steps: list[Step] = []
        raw = self._steps[claim_id]
        for index, (moment, core) in enumerate(raw):
            if steps and steps[-1].resolution.status == core.status:
                continue
            if moment is not None:
                instant = moment
            elif len(raw) > 1 and raw[1][0] is not None:
                # The opening step holds until the first publication: show it just before that.
                instant = raw[1][0].subtract(seconds=1)
            else:
                instant = _EPOCH
            steps.append(Step(moment, Resolution(
                claim=claim_id, status=core.status, as_of=instant,
                since=self._since[claim_id][index], support=core.support,
                refutation=core.refutation, origins=core.origins, evidence=core.evidence,
                relations=core.relations, zone=tz or self.casebook.zone,
            )))
        return Timeline(claim_id, tuple(steps))

    def resolve_directly(self, claim_id: str, instant: pendulum.DateTime) -> tuple[Status, Strength]:
        """Resolve the claim at ``instant`` from scratch, without the timelines.

        Slow; for checking the timelines (the tests compare both at random instants).
        """
        group = next(g for g in self.groups if claim_id in g)
        relations = [r for r in self.casebook.relations if r.from_ in set(group)]
        core = self._resolve_group(group, relations, instant)[claim_id]
        return core.status, core.support

    def change_times(self, claim_id: str) -> list[pendulum.DateTime]:
        """Every instant at which the claim's resolution (status or reasons) changes."""
        return [m for m, _ in self._steps[claim_id] if m is not None]


class _GroupResolution:
    """Resolves one group of related claims at one instant, from the strongest claim down."""

    def __init__(
        self, resolver: Resolver, group: list[str], relations: Iterable[Relation],
        as_of: pendulum.DateTime | None,
    ) -> None:
        self.r = resolver
        self.group = group
        self.claims: Mapping[str, Claim] = {c: resolver.casebook.claim_by_id[c] for c in group}
        self.relations = list(relations)
        self.as_of = as_of

    def _known(self, claim_id: str) -> list[Evidence]:
        if self.as_of is None:
            return []
        return [e for e in self.r.evidence.get(claim_id, ()) if e.known_from <= self.as_of]

    def run(self) -> dict[str, _Core]:
        as_of = self.as_of
        known = {c: self._known(c) for c in self.group}
        active = {c: [e for e in known[c] if as_of is not None and e.active(as_of)]
                  for c in self.group}
        support: dict[str, Strength] = {}
        refute: dict[str, Strength] = {}
        origins: dict[str, tuple[str, ...]] = {}
        asserted: dict[str, bool] = {}
        for cid, claim in self.claims.items():
            items = active[cid]
            if claim.kind is ClaimKind.PREDICTION:
                # Asserting a prediction makes it; only later evidence can bear it out.
                made = [e.known_from for e in known[cid] if e.stance is Stance.ASSERTS]
                made_at = min(made) if made else None
                asserted[cid] = bool(known[cid])
                results = [e for e in items if e.stance in (Stance.SUPPORTS, Stance.REFUTES)
                           and (made_at is None or e.known_from > made_at)]
                pro = [e for e in results if e.stance is Stance.SUPPORTS]
                con = [e for e in results if e.stance is Stance.REFUTES]
            else:
                pro = [e for e in items if e.stance in _SUPPORTING]
                con = [e for e in items if e.stance is Stance.REFUTES]
                asserted[cid] = bool(known[cid])
            support[cid], origins[cid] = _strength(pro, self.r.threshold)
            refute[cid], _ = _strength(con, self.r.threshold)

        contradicts: dict[str, set[str]] = defaultdict(set)
        supporters: dict[str, set[str]] = defaultdict(set)
        supported: dict[str, set[str]] = defaultdict(set)
        superseders: dict[str, set[str]] = defaultdict(set)
        for rel in self.relations:
            kind, a, b = rel.kind, rel.from_, rel.to
            if kind is RelationKind.CONTRADICTS:
                contradicts[a].add(b)
                contradicts[b].add(a)
            elif kind is RelationKind.SUPPORTS:
                supporters[b].add(a)
                supported[a].add(b)
            else:
                superseders[b].add(a)

        checkable = [c for c in self.group if self.claims[c].kind is not ClaimKind.OPINION]
        decided: dict[str, Status] = {}
        strength: dict[str, Strength] = dict(support)
        lifted_by: dict[str, str] = {}
        defeated_by: dict[str, tuple[str, str]] = {}

        def standing(c: str) -> bool:
            return c in decided and decided[c] in _STANDING_BASE

        for level in (Strength.FIRST_PARTY, Strength.CORROBORATED, Strength.REPORTED):
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
                        if b in decided or self.claims[b].kind is ClaimKind.OPINION:
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

        cores: dict[str, _Core] = {}
        for cid, claim in self.claims.items():
            evidence = tuple(known[cid])
            if claim.kind is ClaimKind.OPINION:
                status = Status.OPINION if evidence else Status.UNREPORTED
            elif cid in decided:
                status = decided[cid]
            elif refute[cid] > Strength.NONE:
                status = Status.REFUTED
            elif any(e.stance in _SUPPORTING for e in known[cid]) and not any(
                e.stance in _SUPPORTING for e in active[cid]
            ):
                # It had support, and every supporting excerpt has since been withdrawn.
                status = Status.RETRACTED
            else:
                status = Status.UNREPORTED
            if claim.kind is ClaimKind.PREDICTION:
                status = _prediction_status(status, asserted[cid])
            elif status in _POSITIVE and any(standing(a) for a in superseders[cid]):
                status = Status.SUPERSEDED
            reasons = self._relation_reasons(cid, decided, strength, lifted_by, defeated_by,
                                             status, active)
            cores[cid] = _Core(status, strength.get(cid, Strength.NONE), refute[cid],
                               origins[cid], evidence, reasons)
        return cores

    def _relation_reasons(
        self, cid: str, decided: Mapping[str, Status], strength: Mapping[str, Strength],
        lifted_by: Mapping[str, str], defeated_by: Mapping[str, tuple[str, str]], status: Status,
        active: Mapping[str, list[Evidence]],
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
            elif kind is RelationKind.SUPPORTS and not outgoing and lifted_by.get(cid) == peer:
                effect = "supported-by"
            basis = _basis(active.get(peer, []))
            reasons.append(RelationReason(kind, peer, outgoing, st, sg, effect, basis))
        return tuple(sorted(reasons, key=lambda r: (r.kind.value, r.other, r.outgoing)))


_EPOCH = pendulum.datetime(1970, 1, 1, tz="UTC")
_STANDING_BASE = {Status.REPORTED, Status.CORROBORATED, Status.CONFIRMED}
_POSITIVE = _STANDING_BASE


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
