"""Claims tied by relations: their groups, and each group's timeline by the grounded semantics.

A group is a connected component of the declared relations. Its claims are decided together, from
the strongest level down (docs/resolution.md, step 3), at every instant something of the group's own
evidence starts or stops counting. A group's result depends on that group alone (its claims' rows
and its relations): a set of whole groups is a unit of work that can be resolved anywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from typing import Final

import attrs

from ._columns import ASSERTS, NEVER, OPINION, PREDICTION, REFUTES, SUPPORTS, Columns
from ._kinds import RelationKind
from ._lapse import Dues
from ._outcome import RelationReason, Status, Strength
from ._reasons import ReasonTable
from ._rules import BY_STRENGTH, STANDING_BASE, level, prediction_status

__all__ = ["BEGINNING", "Group", "GroupSteps", "corrected_among", "groups_of", "resolve_group",
           "resolve_once"]

#: Before everything: the time of every timeline's opening step.
BEGINNING: Final = -(1 << 62)
_KINDS: Final = tuple(RelationKind)
_CONTRADICTS: Final = _KINDS.index(RelationKind.CONTRADICTS)
_SUPPORTS_REL: Final = _KINDS.index(RelationKind.SUPPORTS)
_SUPERSEDES: Final = _KINDS.index(RelationKind.SUPERSEDES)
_CORRECTS: Final = _KINDS.index(RelationKind.CORRECTS)
#: What a claim that stood is shown as: its strength's status, or superseded, or corrected.
_STOOD: Final = STANDING_BASE | {Status.SUPERSEDED, Status.CORRECTED}


@attrs.frozen
class Group:
    """Claims tied together by relations (codes, sorted) and their relations, as declared:
    (kind code, from, to), in declaration order. Self-contained: nothing outside it bears on it."""

    claims: tuple[int, ...]
    relations: tuple[tuple[int, int, int], ...]


def groups_of(n_claims: int, relations: Sequence[tuple[int, int, int]]) -> list[Group]:
    """The connected components of the relations that hold more than one claim (a claim in no
    relation is resolved with the others alone, in columns), ordered by their smallest claim."""
    parent = list(range(n_claims))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, a, b in relations:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    related: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for relation in relations:
        related[find(relation[1])].append(relation)
    for root in sorted(related):
        members[root] = []
    for claim in range(n_claims):
        root = find(claim)
        if root in members:
            members[root].append(claim)
    return [Group(tuple(members[root]), tuple(related[root])) for root in sorted(members)]


def corrected_among(stood: Set[int], correctors: Mapping[int, Set[int]],
                    predictions: Set[int]) -> frozenset[int]:
    """The claims corrected, given those that ``stood`` with every claim counting: a claim that
    stood (not a prediction) is corrected when a claim correcting it stood and is not itself
    corrected. The walk skips a corrector already on its path (a cycle of corrections), and
    remembers each claim's answer from its first visit (claims in sorted order)."""
    memo: dict[int, bool] = {}

    def corrected(c: int, path: frozenset[int]) -> bool:
        if c not in memo:
            memo[c] = c in stood and c not in predictions and any(
                a in stood and a not in path and not corrected(a, path | {c})
                for a in sorted(correctors.get(c, ())))
        return memo[c]

    return frozenset(c for c in sorted(correctors) if corrected(c, frozenset()))


class _Rows:
    """One claim's rows as plain lists: what the group resolution reads at every instant."""

    __slots__ = ("first", "known", "origin", "source", "stance", "withdrawn")

    def __init__(self, columns: Columns, claim: int) -> None:
        lo, hi = columns.span(claim)
        self.known: list[int] = columns.known_us[lo:hi].tolist()
        self.withdrawn: list[int] = columns.withdrawn_us[lo:hi].tolist()
        self.stance: list[int] = columns.stance[lo:hi].tolist()
        self.origin: list[int] = columns.origin[lo:hi].tolist()
        self.first: list[bool] = columns.first_party[lo:hi].tolist()
        sources = columns.revision_source
        self.source: list[str] = [sources[r] for r in columns.revision[lo:hi].tolist()]


@attrs.define
class GroupSteps:
    """A group's timelines as step rows: claim code, time, moment revision, status, strengths,
    origin count and relations, with since (the revision whose time the status holds from)."""

    claim: list[int] = attrs.Factory(list)
    time: list[int] = attrs.Factory(list)
    revision: list[int] = attrs.Factory(list)
    status: list[int] = attrs.Factory(list)
    support: list[int] = attrs.Factory(list)
    refutation: list[int] = attrs.Factory(list)
    origins: list[int] = attrs.Factory(list)
    since: list[int] = attrs.Factory(list)
    reasons: list[tuple[RelationReason, ...]] = attrs.Factory(list)
    #: Steps whose reasons are held as columns: (their first row here, the table). Their entries
    #: in ``reasons`` are empty.
    tables: list[tuple[int, ReasonTable]] = attrs.Factory(list)

    def every_reason(self) -> list[tuple[RelationReason, ...]]:
        """Every step's reasons as objects, the tables' made now (for checking)."""
        made = list(self.reasons)
        for start, table in self.tables:
            made[start:start + len(table)] = [table.made(i) for i in range(len(table))]
        return made


_STATUS_CODE: Final = {s: i for i, s in enumerate(Status)}


def resolve_group(columns: Columns, group: Group, out: GroupSteps, dues: Dues) -> None:
    """Append the group's timelines to ``out``: a step where anything shown changes."""
    index = _Index(columns, group, dues)
    moments: dict[int, int] = {}  # time -> the revision whose instant it is (first seen)
    for claim in group.claims:
        lo, hi = columns.span(claim)
        for rev, gone, known, withdrawn in zip(
                columns.revision[lo:hi].tolist(), columns.withdrawn[lo:hi].tolist(),
                columns.known_us[lo:hi].tolist(), columns.withdrawn_us[lo:hi].tolist(),
                strict=True):
            moments.setdefault(known, rev)
            if gone >= 0:
                moments.setdefault(withdrawn, gone)
    for claim, us in index.due_us.items():
        moments.setdefault(us, dues.code[claim])  # a prediction falls due
    last: dict[int, tuple[int, int, int, int, tuple[RelationReason, ...], int]] = {}
    for us in (BEGINNING, *sorted(moments)):
        cores = index.run(None if us == BEGINNING else us)
        revision = moments.get(us, -1)
        for claim in group.claims:
            status, support, refutation, origins, reasons = cores[claim]
            code = _STATUS_CODE[status]
            previous = last.get(claim)
            if previous is not None and previous[:5] == (code, support, refutation, len(origins),
                                                          reasons):
                continue
            since = revision if previous is None or previous[0] != code else previous[5]
            last[claim] = (code, int(support), int(refutation), len(origins), reasons, since)
            out.claim.append(claim)
            out.time.append(us)
            out.revision.append(revision)
            out.status.append(code)
            out.support.append(int(support))
            out.refutation.append(int(refutation))
            out.origins.append(len(origins))
            out.since.append(since)
            out.reasons.append(reasons)
    dues.lapsed.update(index.lapsed)


_Core = tuple[Status, Strength, Strength, tuple[str, ...], tuple[RelationReason, ...]]


class _Index:
    """What a group's resolution needs of its claims and relations, the same at every instant."""

    def __init__(self, columns: Columns, group: Group, dues: Dues | None = None) -> None:
        self.columns = columns
        self.group = list(group.claims)
        self.relations = group.relations
        self.rows = {c: _Rows(columns, c) for c in self.group}
        self.kind = {c: int(columns.kind[c]) for c in self.group}
        self.checkable = [c for c in self.group if self.kind[c] != OPINION]
        self.contradicts: dict[int, set[int]] = defaultdict(set)
        self.supported: dict[int, set[int]] = defaultdict(set)
        self.superseders: dict[int, set[int]] = defaultdict(set)
        self.correctors: dict[int, set[int]] = defaultdict(set)
        for kind, a, b in self.relations:
            if kind == _CONTRADICTS:
                self.contradicts[a].add(b)
                self.contradicts[b].add(a)
            elif kind == _SUPPORTS_REL:
                self.supported[a].add(b)
            elif kind == _CORRECTS:
                self.correctors[b].add(a)
            else:
                self.superseders[b].add(a)
        #: The group's predictions that fall due, and when (microseconds).
        self.due_us = {c: dues.us[c] for c in self.group if dues is not None and c in dues.us}
        #: The predictions that have lapsed, and from when.
        self.lapsed: dict[int, int] = {}
        if self.due_us:
            # Lapses depend on history (a prediction lapses at its first pending moment once
            # due): every moment of the group, in order, read once.
            times = set(self.due_us.values())
            for c in self.group:
                times.update(self.rows[c].known)
                times.update(w for w in self.rows[c].withdrawn if w != NEVER)
            self._order = sorted(times)
            self._scan = 0

    def _sides(self, claim: int, us: int | None) -> tuple[Strength, Strength, tuple[str, ...],
                                                          bool, list[int], list[int]]:
        """Support, refutation and support's origins of one claim at ``us`` from its evidence
        alone; whether anything is known; the rows known and the rows active."""
        rows = self.rows[claim]
        if us is None:
            known: list[int] = []
        else:
            known = [i for i, k in enumerate(rows.known) if k <= us]
        active = [i for i in known if rows.withdrawn[i] > us] if us is not None else []
        stance = rows.stance
        if self.kind[claim] == PREDICTION:
            # Asserting a prediction makes it; only later evidence can bear it out.
            made = [rows.known[i] for i in known if stance[i] == ASSERTS]
            made_at = min(made) if made else None
            results = [i for i in active if stance[i] in (SUPPORTS, REFUTES)
                       and (made_at is None or rows.known[i] > made_at)]
            pro = [i for i in results if stance[i] == SUPPORTS]
            con = [i for i in results if stance[i] == REFUTES]
        else:
            pro = [i for i in active if stance[i] in (ASSERTS, SUPPORTS)]
            con = [i for i in active if stance[i] == REFUTES]
        threshold = self.columns.threshold
        names = self.columns.origins
        origins = tuple(sorted({names[rows.origin[i]] for i in pro}))
        support = level(any(rows.first[i] for i in pro), len(origins), threshold)
        refutation = level(any(rows.first[i] for i in con),
                           len({rows.origin[i] for i in con}), threshold)
        return support, refutation, origins, bool(known), known, active

    def run(self, us: int | None) -> dict[int, _Core]:
        """Every claim of the group resolved at ``us`` (None: before anything is known)."""
        if not self.due_us or us is None:
            return self._corrected_out(us, {})
        while self._scan < len(self._order) and self._order[self._scan] < us:
            moment = self._order[self._scan]
            self._scan += 1
            self.run(moment)
        if self._scan < len(self._order) and self._order[self._scan] == us:
            self._scan += 1
        lapsed = {c: t for c, t in self.lapsed.items() if t < us}
        cores = self._corrected_out(us, lapsed)
        for c, due in self.due_us.items():
            if c not in lapsed and due <= us and cores[c][0] is Status.PENDING:
                # Due, and nothing published by then showed it: failed from now on.
                self.lapsed.setdefault(c, us)
                cores[c] = (Status.FAILED, Strength.NONE, Strength.NONE, (), cores[c][4])
        return cores

    def _corrected_out(self, us: int | None, lapsed: Mapping[int, int]) -> dict[int, _Core]:
        """The group at ``us``; a corrected claim (wrong as published) carries no weight.

        Which claims are corrected is decided first, as if every claim counted: a claim that
        stands is corrected when a claim correcting it stands and is not itself corrected. Then
        the group is resolved again with the corrected claims taken out: they lift, defeat,
        supersede, correct and settle nothing."""
        cores = self._run(us, lapsed)
        if not self.correctors:
            return cores
        stood = {c for c, core in cores.items() if core[0] in _STOOD}
        predictions = {c for c in self.group if self.kind[c] == PREDICTION}
        out = corrected_among(stood, self.correctors, predictions)
        return self._run(us, lapsed, out) if out else cores

    def _run(self, us: int | None, lapsed: Mapping[int, int],
             out: frozenset[int] = frozenset()) -> dict[int, _Core]:
        """The group at ``us``, the predictions ``lapsed`` before it taken as failed, and the
        claims ``out`` corrected."""
        support: dict[int, Strength] = {}
        refute: dict[int, Strength] = {}
        origins: dict[int, tuple[str, ...]] = {}
        asserted: dict[int, bool] = {}
        known: dict[int, list[int]] = {}
        active: dict[int, list[int]] = {}
        for c in self.group:
            (support[c], refute[c], origins[c], asserted[c], known[c],
             active[c]) = self._sides(c, us)
            if c in lapsed:
                # Failed for good: nothing it gains later counts, and it bears on no other claim.
                support[c] = refute[c] = Strength.NONE
                origins[c] = ()

        decided: dict[int, Status] = {}
        strength: dict[int, Strength] = dict(support)
        lifted_by: dict[int, int] = {}
        defeated_by: dict[int, tuple[str, int]] = {}

        def standing(c: int) -> bool:
            return c in decided and decided[c] in STANDING_BASE

        checkable = [c for c in self.checkable if c not in lapsed and c not in out]
        contradicts, supported = self.contradicts, self.supported
        for level_ in (Strength.FIRST_PARTY, Strength.CORROBORATED, Strength.REPORTED):
            if not any(strength[c] == level_ for c in checkable if c not in decided):
                continue  # nothing at this level: nothing to lift, decide or defeat
            excluded: set[int] = set()
            for _ in range(len(self.group) + 2):
                eff = dict(strength)
                lift: dict[int, int] = {}
                candidates = {c for c in checkable if c not in decided and eff[c] == level_}
                frontier = sorted(candidates)
                while frontier:
                    a = frontier.pop()
                    if a in excluded:
                        continue
                    for b in sorted(supported[a]):
                        if b in decided or self.kind[b] == OPINION or b in lapsed or b in out:
                            continue
                        if eff[b] < level_:
                            eff[b] = level_
                            lift[b] = a
                            candidates.add(b)
                            frontier.append(b)
                outcome: dict[int, Status] = {}
                defeats: dict[int, tuple[str, int]] = {}
                for c in sorted(candidates):
                    if refute[c] > level_:
                        outcome[c] = Status.REFUTED
                    elif refute[c] == level_:
                        outcome[c] = Status.DISPUTED
                    else:
                        stronger = sorted(d for d in contradicts[c] if standing(d)
                                          and strength[d] > level_)
                        if stronger:
                            outcome[c] = Status.REFUTED
                            defeats[c] = ("refuted-by", stronger[0])
                live = {c for c in candidates if c not in outcome}
                for c in sorted(live):
                    equals = sorted(d for d in contradicts[c] if d in live or (
                        standing(d) and strength[d] == level_))
                    if equals:
                        outcome[c] = Status.DISPUTED
                        defeats[c] = ("disputed-with", equals[0])
                newly_excluded = {c for c in candidates if c in outcome} - excluded
                if not newly_excluded or not any(c in lift.values() for c in newly_excluded):
                    break
                excluded |= newly_excluded
            for c in sorted(candidates):
                strength[c] = eff[c]
                if c in lift:
                    lifted_by[c] = lift[c]
                decided[c] = outcome.get(c, BY_STRENGTH[level_])
                if c in defeats:
                    defeated_by[c] = defeats[c]

        for c in checkable:
            # A standing claim that contradicts a pending prediction fails it, as one that
            # supports it fulfils it.
            if (self.kind[c] == PREDICTION and c not in decided and asserted[c]
                    and refute[c] is Strength.NONE and not self._withdrawn(c, known, active)):
                against = sorted(d for d in contradicts[c] if standing(d))
                if against:
                    decided[c] = Status.REFUTED
                    defeated_by[c] = ("refuted-by", against[0])

        cores: dict[int, _Core] = {}
        for c in self.group:
            if self.kind[c] == OPINION:
                status = Status.OPINION if known[c] else Status.UNREPORTED
            elif c in decided:
                status = decided[c]
            elif refute[c] > Strength.NONE:
                status = Status.REFUTED
            elif self._withdrawn(c, known, active):
                # It had support, and every supporting excerpt has since been withdrawn.
                status = Status.RETRACTED
            else:
                status = Status.UNREPORTED
            if c in lapsed:
                status = Status.FAILED
            elif self.kind[c] == PREDICTION:
                status = prediction_status(status, asserted[c])
            elif c in out:
                status = Status.CORRECTED  # wrong as published: before outdated
            elif status in STANDING_BASE and any(standing(a) for a in self.superseders[c]):
                status = Status.SUPERSEDED
            reasons = self._reasons(c, decided, strength, lifted_by, defeated_by, status, active,
                                    out)
            cores[c] = (status, strength.get(c, Strength.NONE), refute[c], origins[c], reasons)
        return cores

    def _withdrawn(self, c: int, known: Mapping[int, list[int]],
                   active: Mapping[int, list[int]]) -> bool:
        """It had support, and every supporting excerpt has since been withdrawn."""
        stance = self.rows[c].stance
        return any(stance[i] in (ASSERTS, SUPPORTS) for i in known[c]) and not any(
            stance[i] in (ASSERTS, SUPPORTS) for i in active[c])

    def _reasons(
        self, c: int, decided: Mapping[int, Status], strength: Mapping[int, Strength],
        lifted_by: Mapping[int, int], defeated_by: Mapping[int, tuple[str, int]],
        status: Status, active: Mapping[int, list[int]], out: frozenset[int] = frozenset(),
    ) -> tuple[RelationReason, ...]:
        ids = self.columns.ids
        reasons = []
        basis: dict[int, tuple[str, ...]] = {}
        for kind, a, b in self.relations:
            if c not in (a, b):
                continue
            outgoing = c == a
            peer = b if outgoing else a
            st, sg = decided.get(peer, Status.UNREPORTED), strength.get(peer, Strength.NONE)
            effect = "none"
            if kind == _CONTRADICTS:
                mine = defeated_by.get(c)
                if mine and mine[1] == peer:
                    effect = mine[0]
                elif defeated_by.get(peer, ("", -1))[1] == c and defeated_by[peer][0] == (
                    "refuted-by"
                ):
                    effect = "defeats"
            elif kind == _SUPERSEDES:
                if not outgoing and status is Status.SUPERSEDED and st in STANDING_BASE:
                    effect = "superseded-by"
                elif outgoing and st is Status.SUPERSEDED:
                    effect = "supersedes"
            elif kind == _CORRECTS:
                if not outgoing and status is Status.CORRECTED and st in STANDING_BASE:
                    effect = "corrected-by"
                elif outgoing and peer in out and status in _STOOD:
                    effect = "corrects"
            elif kind == _SUPPORTS_REL and not outgoing and lifted_by.get(c) == peer:
                effect = "supported-by"
            if peer not in basis:
                basis[peer] = self._basis(peer, active.get(peer, []))
            reasons.append(RelationReason(_KINDS[kind], ids[peer], outgoing, st, sg, effect,
                                          basis[peer]))
        return tuple(sorted(reasons, key=lambda r: (r.kind.value, r.other, r.outgoing)))

    def _basis(self, claim: int, active: Iterable[int]) -> tuple[str, ...]:
        """The sources a claim's support rests on: its first-party ones if any, else all."""
        rows = self.rows[claim]
        pro = [i for i in active if rows.stance[i] in (ASSERTS, SUPPORTS)]
        first = [i for i in pro if rows.first[i]]
        return tuple(sorted({rows.source[i] for i in (first or pro)}))


def resolve_once(columns: Columns, group: Group, us: int,
                 dues: Dues | None = None) -> dict[int, tuple[Status, Strength]]:
    """Every claim of the group resolved at one instant, from scratch (for checking timelines)."""
    return {c: (core[0], core[1]) for c, core in _Index(columns, group, dues).run(us).items()}

