"""Groups of claims resolved all at once: the grounded semantics of docs/resolution.md (step 3) over
every group and every moment together, in NumPy.

Each (group, moment) pair is an *instance*: the group's claims at that moment are its *nodes*, and
its relations are edges between them. The levels are decided from the strongest down, as ``_groups``
does one group at a time; within a level, lifting by ``supports`` reaches what that path's walk
reaches (``_grouprules.Lifts``: a fixed point over the edges, or, where a claim has two supporters,
the walk itself in lockstep, since the first supporter it takes is the one shown), and the exclusion
of a lifter that is itself defeated is iterated per instance until none is. Where a group has a
correction, the corrected nodes are found from a first resolution (in a cycle of corrections, by
the one-group path's walk: ``_grouprules.corrected_nodes``) and the instances resolved again
without them. Where a group has a prediction that falls due, the moments it lapses at are a fixed
point: resolve every moment with the lapses found so far, take each prediction's first pending
moment once due, and again until nothing changes (a moment's result depends only on lapses before
it, so each round settles at least one more moment of every group). Edges join nodes of one instance
only, so a group's result still depends on that group alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np

from ._alone import States, changes, distinct, unique
from ._columns import ASSERTS, NEVER, OPINION, PREDICTION, REFUTES, SUPPORTS, Columns
from ._grouprules import Lifts, any_of, corrected_nodes, least, ranges
from ._groups import BEGINNING, Group, GroupSteps
from ._kinds import RelationKind
from ._lapse import Dues
from ._outcome import Status
from ._reasons import ReasonTable
from ._rules import CODES, levels

__all__ = ["resolve_groups"]

_KINDS: Final = tuple(RelationKind)
_CONTRADICTS: Final = _KINDS.index(RelationKind.CONTRADICTS)
_SUPPORTS_REL: Final = _KINDS.index(RelationKind.SUPPORTS)
_SUPERSEDES: Final = _KINDS.index(RelationKind.SUPERSEDES)
_CORRECTS: Final = _KINDS.index(RelationKind.CORRECTS)
#: A relation kind's place when reasons are sorted (by the kind's value).
_KIND_RANK: Final = np.array([sorted(k.value for k in _KINDS).index(k.value) for k in _KINDS])
_STATUSES: Final = tuple(Status)
_UNREPORTED, _REPORTED, _CORROBORATED, _CONFIRMED = (
    CODES[Status.UNREPORTED], CODES[Status.REPORTED], CODES[Status.CORROBORATED],
    CODES[Status.CONFIRMED])
_DISPUTED, _REFUTED, _SUPERSEDED, _RETRACTED = (
    CODES[Status.DISPUTED], CODES[Status.REFUTED], CODES[Status.SUPERSEDED],
    CODES[Status.RETRACTED])
_PENDING, _FULFILLED, _FAILED, _OPINION, _CORRECTED = (
    CODES[Status.PENDING], CODES[Status.FULFILLED], CODES[Status.FAILED], CODES[Status.OPINION],
    CODES[Status.CORRECTED])
#: The status a level gives when nothing defeats it (index: the level).
_BY_LEVEL: Final = np.array([-1, _REPORTED, _CORROBORATED, _CONFIRMED], np.int8)
_STANDING: Final = np.zeros(len(_STATUSES), bool)
_STANDING[[_REPORTED, _CORROBORATED, _CONFIRMED]] = True
#: What a claim that stood is shown as: its strength's status, or superseded, or corrected.
_STOOD: Final = _STANDING.copy()
_STOOD[[_SUPERSEDED, _CORRECTED]] = True
#: Effect codes of a relation reason (``_reasons.EFFECTS``; 0: none).
_REFUTED_BY, _DISPUTED_WITH = 1, 2
_BIG: Final = np.iinfo(np.int64).max


def resolve_groups(columns: Columns, groups: Sequence[Group], out: GroupSteps,
                   dues: Dues) -> None:
    """Append every group's timelines to ``out``, equal to :func:`_groups.resolve_group`'s for
    each, all at once: the groups with a correction or a prediction that falls due in a batch of
    their own (resolved more than once), the others in one."""
    shaped = [any(c in dues.us for c in g.claims)
              or any(kind == _CORRECTS for kind, _, _ in g.relations) for g in groups]
    for part in (False, True):
        batch = [g for g, yes in zip(groups, shaped, strict=True) if yes == part]
        if batch:
            _Batch(columns, batch, dues).emit(out)


class _Batch:
    """Groups, their moments (instances) and their claims at each moment (nodes), resolved."""

    def __init__(self, columns: Columns, groups: Sequence[Group], dues: Dues) -> None:
        self.columns = columns
        self._layout(groups, dues)
        self._sides()
        self._resolve(dues)
        self._reasons()

    # -- layout ------------------------------------------------------------------------------

    def _layout(self, groups: Sequence[Group], dues: Dues) -> None:
        columns = self.columns
        size = np.array([len(g.claims) for g in groups], np.int64)
        members = np.array([c for g in groups for c in g.claims], np.int64)
        first_member = np.cumsum(size) - size
        n_groups = len(groups)
        member_group = np.repeat(np.arange(n_groups), size)
        place = np.zeros(len(columns.ids), np.int64)  # a claim's place in its group
        place[members] = np.arange(len(members)) - first_member[member_group]
        # Moments: every instant a row of the group starts or stops counting, named by the first
        # row (claim, then row order; counting before withdrawal) that names it; then every
        # instant a prediction of it falls due, named by the first such prediction unless a row
        # names it; and the start.
        offsets = columns.offsets
        width = offsets[members + 1] - offsets[members]
        rows = ranges(offsets[members], width)
        row_group = np.repeat(member_group, width)
        gone = columns.withdrawn[rows] >= 0
        #: Each claim's due instant (NEVER: none).
        self.due = dues.lapse_us(len(columns.ids))
        due = np.flatnonzero(self.due[members] < NEVER)
        time = np.concatenate((np.full(n_groups, BEGINNING, np.int64), columns.known_us[rows],
                               columns.withdrawn_us[rows][gone], self.due[members[due]]))
        owner = np.concatenate((np.arange(n_groups), row_group, row_group[gone],
                                member_group[due]))
        revision = np.concatenate((
            np.full(n_groups, -1, np.int32), columns.revision[rows], columns.withdrawn[rows][gone],
            np.array([dues.code[c] for c in members[due].tolist()], np.int32)))
        seen = np.concatenate((np.full(n_groups, -1), 2 * np.arange(len(rows)),
                               2 * np.flatnonzero(gone) + 1, 2 * len(rows) + due))
        order = np.lexsort((seen, time, owner))
        time, owner, revision = time[order], owner[order], revision[order]
        new = np.ones(len(order), bool)
        new[1:] = (owner[1:] != owner[:-1]) | (time[1:] != time[:-1])
        self.inst_group, self.inst_time, self.inst_revision = owner[new], time[new], revision[new]
        n_inst = len(self.inst_group)
        # Nodes: each instance's claims, in the group's (claim code) order.
        k = size[self.inst_group]
        self.inst_base = np.cumsum(k) - k
        self.node_inst = np.repeat(np.arange(n_inst), k)
        n = self.n = len(self.node_inst)
        position = np.arange(n) - self.inst_base[self.node_inst]
        self.node_claim = members[first_member[self.inst_group[self.node_inst]] + position]
        self.node_time = self.inst_time[self.node_inst]
        #: The node of the same claim at the group's previous moment (-1 at the start).
        self.previous = np.where(self.node_time > BEGINNING, np.arange(n) - k[self.node_inst], -1)
        # Relations, as declared, per group; edges: every relation of every instance.
        n_rel = np.array([len(g.relations) for g in groups], np.int64)
        relations = np.array([r for g in groups for r in g.relations], np.int64).reshape(-1, 3)
        first_rel = np.cumsum(n_rel) - n_rel
        per_inst = n_rel[self.inst_group]
        edge_inst = np.repeat(np.arange(n_inst), per_inst)
        edge_rel = ranges(first_rel[self.inst_group], per_inst)
        base = self.inst_base[edge_inst]
        self.edge_kind = relations[edge_rel, 0]
        self.edge_from = base + place[relations[edge_rel, 1]]
        self.edge_to = base + place[relations[edge_rel, 2]]
        # Lifting walks the groups where a claim has two supports relations (to be followed).
        rel_group = np.repeat(np.arange(n_groups), n_rel)
        supported = np.sort(relations[relations[:, 0] == _SUPPORTS_REL, 2])
        several = np.zeros(n_groups, bool)
        several[rel_group[np.isin(relations[:, 2], supported[1:][
            supported[1:] == supported[:-1]])]] = True
        lifts = self.edge_kind == _SUPPORTS_REL
        self.lifts = Lifts(self.edge_from[lifts], self.edge_to[lifts], self.node_inst,
                           self.inst_base, several[self.inst_group])
        corrects = self.edge_kind == _CORRECTS
        self.corrects = (self.edge_from[corrects], self.edge_to[corrects])
        # Incidences: a relation seen from each of its two claims, in the order reasons are shown
        # (kind, the other claim, outgoing last) per claim; per instance, in its group's order.
        inc_claim = np.concatenate((relations[:, 1], relations[:, 2]))
        inc_peer = np.concatenate((relations[:, 2], relations[:, 1]))
        inc_out = np.concatenate((np.ones(len(relations), bool), np.zeros(len(relations), bool)))
        inc_kind = np.concatenate((relations[:, 0], relations[:, 0]))
        inc_group = np.concatenate((rel_group, rel_group))
        order = np.lexsort((inc_out, inc_peer, _KIND_RANK[inc_kind] if len(inc_kind) else
                            inc_kind, inc_claim, inc_group))
        inc_claim, inc_peer, inc_out, inc_kind, inc_group = (
            inc_claim[order], inc_peer[order], inc_out[order], inc_kind[order], inc_group[order])
        n_inc = 2 * n_rel
        first_inc = np.cumsum(n_inc) - n_inc
        per_inst = n_inc[self.inst_group]
        self.inc_inst = np.repeat(np.arange(n_inst), per_inst)
        which = ranges(first_inc[self.inst_group], per_inst)
        base = self.inst_base[self.inc_inst]
        self.inc_node = base + place[inc_claim[which]]
        self.inc_peer = base + place[inc_peer[which]]
        self.inc_out = inc_out[which]
        self.inc_kind = inc_kind[which]
        #: The same incidence at the group's previous moment (-1 at the start).
        self.inc_previous = np.where(self.inst_time[self.inc_inst] > BEGINNING,
                                     np.arange(len(which)) - per_inst[self.inc_inst], -1)

    # -- each claim's own evidence at each moment ---------------------------------------------

    def _sides(self) -> None:
        """Support, refutation, origin count and basis of every node from its evidence alone."""
        columns, n = self.columns, self.n
        offsets = columns.offsets
        width = offsets[self.node_claim + 1] - offsets[self.node_claim]
        pair = np.repeat(np.arange(n), width)
        row = ranges(offsets[self.node_claim], width)
        t = self.node_time[pair]
        stance = columns.stance[row]
        row_known = columns.known_us[row]
        known = row_known <= t
        active = known & (columns.withdrawn_us[row] > t)
        kind = columns.kind[self.node_claim]
        self.opinion = kind == OPINION
        self.prediction = kind == PREDICTION
        made = known & (stance == ASSERTS)
        made_at = np.full(n, NEVER, np.int64)
        at = np.flatnonzero(made)  # pairs run by node, rows by time: a node's first is earliest
        starts = np.ones(len(at), bool)
        starts[1:] = pair[at][1:] != pair[at][:-1]
        made_at[pair[at][starts]] = row_known[at][starts]
        after = (made_at[pair] == NEVER) | (row_known > made_at[pair])
        predicted = self.prediction[pair]
        pro_stance = stance <= SUPPORTS
        pro = np.where(predicted, active & (stance == SUPPORTS) & after, active & pro_stance)
        con = active & (stance == REFUTES) & np.where(predicted, after, True)
        origin = columns.origin[row].astype(np.int64)
        first = columns.first_party[row]
        threshold = columns.threshold
        self.origins = distinct(pair, origin, pro, n)
        self.support = levels(any_of(pair, pro & first, n), self.origins, threshold)
        self.refutation = levels(any_of(pair, con & first, n),
                                 distinct(pair, origin, con, n), threshold)
        self.known = any_of(pair, known, n)
        self.withdrawn = any_of(pair, known & pro_stance, n) & ~any_of(pair, active & pro_stance, n)
        # The basis others see: the sources of the active support, first-party ones if any.
        backing = active & pro_stance
        firsthand = backing & first
        basis = np.where(any_of(pair, firsthand, n)[pair], firsthand, backing)
        # Sources by code, in the order the casebook holds them.
        index = {name: i for i, name in enumerate(dict.fromkeys(columns.revision_source))}
        self.source_names = list(index)
        code = np.array([index[s] for s in columns.revision_source], np.int64)
        width = max(len(self.source_names), 1)
        key = unique(pair[basis] * width + code[columns.revision[row[basis]]])
        self.basis_node = key // width
        self.basis_source = (key % width).astype(np.int32)
        self.basis_start = np.searchsorted(self.basis_node, np.arange(n + 1))
        self.basis_changed = self._basis_changed()

    def _basis_changed(self) -> Any:
        """Whether each node's basis differs from its claim's at the previous moment."""
        count = np.diff(self.basis_start)
        prev = self.previous
        changed = prev >= 0
        changed[prev >= 0] = count[prev[prev >= 0]] != count[prev >= 0]
        # Same count: compare source by source.
        same = np.flatnonzero((prev >= 0) & ~changed & (count > 0))
        if len(same):
            elements = ranges(self.basis_start[same], count[same])
            owner = np.repeat(same, count[same])
            shift = self.basis_start[prev[owner]] - self.basis_start[owner]
            differ = self.basis_source[elements] != self.basis_source[elements + shift]
            changed[owner[differ]] = True
        return changed

    # -- the levels, corrections and lapses ---------------------------------------------------

    def _resolve(self, dues: Dues) -> None:
        """Every node's status, lapses included: a fixed point over the moments predictions
        lapse at (docs/resolution.md, "Predictions lapse"), recorded in ``dues``."""
        due = self.due[self.node_claim] <= self.node_time
        lapse = np.full(len(self.due), NEVER, np.int64)
        while True:
            self._pass(lapse[self.node_claim] < self.node_time)
            pending = due & (self.status == _PENDING)
            found = np.full(len(self.due), NEVER, np.int64)
            np.minimum.at(found, self.node_claim[pending], self.node_time[pending])
            if np.array_equal(found, lapse):
                break
            lapse = found
        # Lapsed now or before: failed, of no strength, nothing counted.
        failed = lapse[self.node_claim] <= self.node_time
        self.status[failed] = _FAILED
        self.strength[failed] = 0
        self.shown_refutation = np.where(failed, 0, self.refutation).astype(np.int8)
        self.shown_origins = np.where(failed, 0, self.origins)
        for claim in np.flatnonzero(lapse < NEVER).tolist():
            dues.lapsed[claim] = int(lapse[claim])

    def _pass(self, lapsed: Any) -> None:
        """Every node resolved, the predictions ``lapsed`` before its moment taken as failed (of
        no weight); then, where a node is corrected, again without the corrected."""
        checkable = ~self.opinion & ~lapsed
        support = np.where(lapsed, 0, self.support).astype(np.int8)
        refute = np.where(lapsed, 0, self.refutation).astype(np.int8)
        self.corrected = np.zeros(self.n, bool)
        self._levels(checkable, support, refute)
        self._statuses(lapsed, refute)
        if len(self.corrects[0]):
            corrected = corrected_nodes(_STOOD[self.status], self.prediction, self.corrects,
                                        self.node_inst)
            if corrected.any():
                self.corrected = corrected
                self._levels(checkable & ~corrected, support, refute)
                self._statuses(lapsed, refute)

    def _levels(self, checkable: Any, support: Any, refute: Any) -> None:
        """Decide the ``checkable`` nodes level by level, strongest first (docs/resolution.md)."""
        n = self.n
        decided = np.full(n, -1, np.int8)
        strength = support.copy()
        lifted_by = np.full(n, -1, np.int64)
        defeat = np.zeros(n, np.int8)
        defeated_by = np.full(n, -1, np.int64)
        kind, a, b = self.edge_kind, self.edge_from, self.edge_to
        contra = kind == _CONTRADICTS
        one = np.concatenate((a[contra], b[contra]))
        other = np.concatenate((b[contra], a[contra]))
        for level in (3, 2, 1):
            excluded = np.zeros(n, bool)
            todo = np.ones(len(self.inst_group), bool)
            while todo.any():
                standing = _STANDING[decided] & (decided >= 0)
                eff = strength.copy()
                candidate = checkable & (decided < 0) & (eff == level) & todo[self.node_inst]
                lift = self.lifts.lift(candidate, excluded, checkable & (decided < 0), eff,
                                       level)
                candidate |= lift >= 0
                outcome = np.full(n, -1, np.int8)
                outcome[candidate & (refute > level)] = _REFUTED
                outcome[candidate & (refute == level)] = _DISPUTED
                why = np.zeros(n, np.int8)
                rest = candidate & (outcome < 0)
                by = least(one, other, rest[one] & standing[other] & (strength[other] > level),
                           n)
                hit = by < _BIG
                outcome[hit], why[hit] = _REFUTED, _REFUTED_BY
                live = candidate & (outcome < 0)
                equal = least(one, other, live[one] & (live[other] | (
                    standing[other] & (strength[other] == level))), n)
                tie = equal < _BIG
                outcome[tie], why[tie] = _DISPUTED, _DISPUTED_WITH
                by = np.where(hit, by, equal)
                newly = candidate & (outcome >= 0) & ~excluded
                is_lifter = np.zeros(n, bool)
                is_lifter[lift[lift >= 0]] = True
                again = np.zeros(len(todo), bool)
                again[self.node_inst[newly & is_lifter]] = True
                again &= todo
                done = candidate & ~again[self.node_inst]
                strength[done] = eff[done]
                lifted_by[done & (lift >= 0)] = lift[done & (lift >= 0)]
                decided[done] = np.where(outcome[done] >= 0, outcome[done], _BY_LEVEL[level])
                defeat[done & (why > 0)] = why[done & (why > 0)]
                defeated_by[done & (why > 0)] = by[done & (why > 0)]
                excluded |= newly & again[self.node_inst]
                todo = again
        # A standing claim that contradicts a pending prediction fails it.
        standing = _STANDING[decided] & (decided >= 0)
        pending = (checkable & self.prediction & (decided < 0) & self.known & (refute == 0)
                   & ~self.withdrawn)
        against = least(one, other, pending[one] & standing[other], n)
        failed = against < _BIG
        decided[failed] = _REFUTED
        defeat[failed] = _REFUTED_BY
        defeated_by[failed] = against[failed]
        self.decided, self.strength, self.lifted_by = decided, strength, lifted_by
        self.defeat, self.defeated_by = defeat, defeated_by
        self.standing = _STANDING[decided] & (decided >= 0)

    def _statuses(self, lapsed: Any, refute: Any) -> None:
        """Each node's status: decided, or from its own evidence; then what relations make it."""
        decided = self.decided
        status = np.where(
            self.opinion, np.where(self.known, _OPINION, _UNREPORTED),
            np.where(decided >= 0, decided, np.where(
                refute > 0, _REFUTED,
                np.where(self.withdrawn, _RETRACTED, _UNREPORTED)))).astype(np.int8)
        base = _STANDING[status]
        foretold = np.select(
            [base, status == _REFUTED, (status == _DISPUTED) | (status == _RETRACTED)],
            [_FULFILLED, _FAILED, status], np.where(self.known, _PENDING, _UNREPORTED))
        # Superseded: a standing claim supersedes it; corrected (wrong as published) first.
        kind, a, b = self.edge_kind, self.edge_from, self.edge_to
        supersedes = kind == _SUPERSEDES
        superseded = any_of(b[supersedes], self.standing[a[supersedes]], self.n)
        status = np.where(lapsed, _FAILED, np.where(self.prediction, foretold, np.where(
            self.corrected, _CORRECTED, np.where(base & superseded, _SUPERSEDED, status))))
        self.status = status.astype(np.int8)

    # -- the relations behind each status ------------------------------------------------------

    def _reasons(self) -> None:
        """Each incidence's view of the other claim: its status, strength and the effect."""
        node, peer, out, kind = self.inc_node, self.inc_peer, self.inc_out, self.inc_kind
        decided = self.decided
        self.inc_status = np.where(decided[peer] >= 0, decided[peer], _UNREPORTED).astype(np.int8)
        self.inc_strength = self.strength[peer]
        status, standing = self.status, self.standing
        mine = (self.defeat[node] > 0) & (self.defeated_by[node] == peer)
        defeats = (self.defeat[peer] == _REFUTED_BY) & (self.defeated_by[peer] == node)
        corrects = kind == _CORRECTS
        effect = np.select([
            (kind == _CONTRADICTS) & mine, (kind == _CONTRADICTS) & defeats,
            (kind == _SUPERSEDES) & ~out & (status[node] == _SUPERSEDED) & standing[peer],
            (kind == _SUPERSEDES) & out & (decided[peer] == _SUPERSEDED),
            corrects & ~out & (status[node] == _CORRECTED) & standing[peer],
            corrects & out & self.corrected[peer] & _STOOD[status[node]],
            (kind == _SUPPORTS_REL) & ~out & (self.lifted_by[node] == peer),
        ], [self.defeat[node], 8, 3, 4, 5, 6, 7], 0)
        self.inc_effect = effect.astype(np.int8)

    def _reasons_changed(self) -> Any:
        """Whether each node's relation reasons differ from its claim's at the previous moment."""
        prev = self.inc_previous
        was = prev >= 0
        differ = np.zeros(len(prev), bool)
        p = prev[was]
        differ[was] = ((self.inc_status[was] != self.inc_status[p])
                       | (self.inc_strength[was] != self.inc_strength[p])
                       | (self.inc_effect[was] != self.inc_effect[p])
                       | self.basis_changed[self.inc_peer[was]])
        return any_of(self.inc_node, differ, self.n)

    # -- output ---------------------------------------------------------------------------------

    def emit(self, out: GroupSteps) -> None:
        """Append a step per claim wherever anything shown changes (reasons included), the
        reasons as a table."""
        order = np.lexsort((self.node_time, self.node_claim))
        states = States(self.node_claim[order].astype(np.int32), self.node_time[order],
                        self.inst_revision[self.node_inst[order]].astype(np.int32),
                        self.status[order], self.strength[order],
                        self.shown_refutation[order], self.shown_origins[order].astype(np.int32))
        keep, since = changes(states, self._reasons_changed()[order])
        out.tables.append((len(out.claim), self._table(order[keep])))
        out.claim.extend(states.claim[keep].tolist())
        out.time.extend(states.time[keep].tolist())
        out.revision.extend(states.revision[keep].tolist())
        out.status.extend(states.status[keep].tolist())
        out.support.extend(states.support[keep].tolist())
        out.refutation.extend(states.refutation[keep].tolist())
        out.origins.extend(states.origins[keep].tolist())
        out.since.extend(since.tolist())
        out.reasons.extend([()] * len(keep))

    def _table(self, nodes: Any) -> ReasonTable:
        """The reasons of ``nodes`` (one step each), as columns."""
        first = np.searchsorted(self.inc_node, nodes, "left")
        count = np.searchsorted(self.inc_node, nodes, "right") - first
        rows = ranges(first, count)
        peer = self.inc_peer[rows]
        return ReasonTable(
            self.columns.ids, self.source_names,
            np.concatenate(([0], np.cumsum(count))), self.inc_kind[rows].astype(np.int8),
            self.node_claim[peer].astype(np.int32), self.inc_out[rows], self.inc_status[rows],
            self.inc_strength[rows], self.inc_effect[rows], self.basis_start[peer],
            self.basis_start[peer + 1], self.basis_source)
