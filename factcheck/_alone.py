"""Timelines of the claims in no relation (about nine in ten), all at once, over the columns.

Such a claim's status at an instant follows from its own evidence alone (docs/resolution.md, steps
1 and 2), and can change only when one of its rows starts or stops counting. For every claim and
every such moment the state is computed in NumPy, then the moments where nothing shown changes are
dropped. Two ways, by what the claim's evidence allows:

- *accruing* claims (no withdrawal, not a prediction): evidence only ever adds, so the state at a
  moment is a running total over the claim's rows (distinct origins counted by first occurrence);
- the others: every (moment, row) pair of the claim is weighed, as the rules say.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._columns import ASSERTS, MENTIONS, NEVER, OPINION, PREDICTION, REFUTES, SUPPORTS, Columns
from ._groups import BEGINNING
from ._lapse import FAILED, Dues, lapse
from ._rules import levels, statuses

__all__ = ["States", "alone_states", "changes", "distinct", "steps_of", "unique"]


class States:
    """Claim-moment states, sorted by claim then time: claim, time, the revision whose instant the
    moment is (-1 for the opening moment), status, support, refutation and support's origin count.
    """

    __slots__ = ("claim", "origins", "refutation", "revision", "status", "support", "time")

    def __init__(self, claim: Any, time: Any, revision: Any, status: Any, support: Any,
                 refutation: Any, origins: Any) -> None:
        self.claim, self.time, self.revision = claim, time, revision
        self.status, self.support, self.refutation, self.origins = (
            status, support, refutation, origins)

    @classmethod
    def joined(cls, parts: list[States]) -> States:
        """The states of several sets of claims, in claim and time order."""
        fields = [np.concatenate([getattr(p, name) for p in parts]) for name in _FIELDS]
        order = np.lexsort((fields[1], fields[0]))
        return cls(*(f[order] for f in fields))


_FIELDS = ("claim", "time", "revision", "status", "support", "refutation", "origins")


def alone_states(columns: Columns, alone: Any, dues: Dues) -> States:
    """Every state of the claims ``alone`` (sorted codes): the opening one and one per moment."""
    counts = np.diff(columns.offsets)
    kind = columns.kind
    has_rows = counts[alone] > 0
    withdrawn = np.zeros(len(columns.ids), bool)
    withdrawn[columns.claim[columns.withdrawn >= 0]] = True
    general = has_rows & ((kind[alone] == PREDICTION) | withdrawn[alone])
    accruing = has_rows & ~general
    opening = _opening(columns, alone)
    return States.joined([opening, _accruing(columns, alone[accruing]),
                          _general(columns, alone[general], dues)])


def _opening(columns: Columns, claims: Any) -> States:
    """Before anything is known: nothing counts (at a threshold of nothing, both sides are
    corroborated by no origin, as the rules read)."""
    n = len(claims)
    zero = np.zeros(n, np.int64)
    nothing = np.zeros(n, bool)
    kind = columns.kind[claims]
    support = levels(nothing, zero, columns.threshold)
    status = statuses(kind == OPINION, kind == PREDICTION, zero, support, support, nothing,
                      nothing)
    return States(claims.astype(np.int32), np.full(n, BEGINNING, np.int64),
                  np.full(n, -1, np.int32), status, support, support, zero.astype(np.int32))


def _accruing(columns: Columns, claims: Any) -> States:
    """Claims whose evidence only adds: a running total over their rows, read at each moment."""
    mask = np.zeros(len(columns.ids), bool)
    mask[claims] = True
    rows = np.flatnonzero(mask[columns.claim])
    c = columns.claim[rows]
    stance = columns.stance[rows]
    origin = columns.origin[rows].astype(np.int64)
    first = columns.first_party[rows]
    known = columns.known_us[rows]
    n = len(rows)
    position = np.arange(n)
    new_claim = np.ones(n, bool)
    new_claim[1:] = c[1:] != c[:-1]
    start = np.maximum.accumulate(np.where(new_claim, position, 0))

    def running(flags: Any) -> Any:
        total = np.cumsum(flags, dtype=np.int64)
        return total - (total[start] - flags[start])

    pro = stance <= SUPPORTS
    con = stance == REFUTES
    pro_origins = running(_first_seen(c, origin, pro))
    con_origins = running(_first_seen(c, origin, con))
    pro_first = running((pro & first).astype(np.int64)) > 0
    con_first = running((con & first).astype(np.int64)) > 0
    # A moment is the last row of a run of rows counting at the same instant; it is named by the
    # first row's revision (the instant is the same, its zone the first one's).
    last = np.ones(n, bool)
    last[:-1] = (c[1:] != c[:-1]) | (known[1:] != known[:-1])
    first_of_run = np.ones(n, bool)
    first_of_run[1:] = last[:-1]
    at = np.flatnonzero(last)
    support = levels(pro_first[at], pro_origins[at], columns.threshold)
    refutation = levels(con_first[at], con_origins[at], columns.threshold)
    count = (position - start + 1)[at]
    kind = columns.kind[c[at]]
    status = statuses(kind == OPINION, kind == PREDICTION, count, support, refutation,
                      np.zeros(len(at), bool), np.zeros(len(at), bool))
    return States(c[at], known[at], columns.revision[rows][first_of_run], status, support,
                  refutation, pro_origins[at].astype(np.int32))


def _first_seen(claim: Any, origin: Any, side: Any) -> Any:
    """1 on the first row of each (claim, origin) on ``side``, in row order; else 0."""
    flags = np.zeros(len(claim), np.int64)
    rows = np.flatnonzero(side)
    if len(rows):
        order = rows[np.lexsort((origin[rows], claim[rows]))]
        new = np.ones(len(order), bool)
        new[1:] = (claim[order][1:] != claim[order][:-1]) | (origin[order][1:]
                                                            != origin[order][:-1])
        flags[order[new]] = 1
    return flags


def _general(columns: Columns, claims: Any, dues: Dues) -> States:
    """Claims with withdrawals, or predictions: each moment weighs each of the claim's rows; a
    prediction also at the moment it falls due, from which, pending, it has lapsed."""
    mask = np.zeros(len(columns.ids), bool)
    mask[claims] = True
    rows = np.flatnonzero(mask[columns.claim])
    if not len(rows):
        return _none()
    c = columns.claim[rows]
    gone = columns.withdrawn[rows] >= 0
    # Candidate moments: each row's counting instant, then its withdrawal; the first candidate of
    # an instant names it (its revision, hence its zone).
    times = np.concatenate((columns.known_us[rows], columns.withdrawn_us[rows][gone]))
    owners = np.concatenate((c, c[gone]))
    revisions = np.concatenate((columns.revision[rows], columns.withdrawn[rows][gone]))
    seen = np.concatenate((2 * np.arange(len(rows)), 2 * np.flatnonzero(gone) + 1))
    due = [k for k in unique(c).tolist() if k in dues.us]
    if due:
        # The moment each falls due, named by itself unless something counts then too.
        times = np.concatenate((times, np.array([dues.us[c] for c in due], np.int64)))
        owners = np.concatenate((owners, np.array(due, owners.dtype)))
        revisions = np.concatenate((revisions, np.array([dues.code[c] for c in due],
                                                        revisions.dtype)))
        seen = np.concatenate((seen, np.full(len(due), 2 * len(rows) + 2)))
    order = np.lexsort((seen, times, owners))
    times, owners, revisions = times[order], owners[order], revisions[order]
    new = np.ones(len(order), bool)
    new[1:] = (owners[1:] != owners[:-1]) | (times[1:] != times[:-1])
    m_claim, m_time, m_revision = owners[new], times[new], revisions[new]
    # Every (moment, row of its claim) pair.
    offsets = columns.offsets
    width = (offsets[m_claim + 1] - offsets[m_claim]).astype(np.int64)
    pair_moment = np.repeat(np.arange(len(m_claim)), width)
    starts = np.cumsum(width) - width
    pair_row = (np.arange(int(width.sum())) - np.repeat(starts, width)
                + np.repeat(offsets[m_claim], width))
    t = m_time[pair_moment]
    stance = columns.stance[pair_row]
    row_known = columns.known_us[pair_row]
    known = row_known <= t
    active = known & (columns.withdrawn_us[pair_row] > t)
    supporting = stance <= SUPPORTS

    def any_of(flags: Any) -> Any:
        return np.add.reduceat(flags.astype(np.int64), starts) > 0

    made_at = np.minimum.reduceat(np.where(known & (stance == ASSERTS), row_known, NEVER),
                                  starts)
    prediction = columns.kind[m_claim] == PREDICTION
    predicted = prediction[pair_moment]
    after = (made_at[pair_moment] == NEVER) | (row_known > made_at[pair_moment])
    counted = np.where(predicted, active & ((stance == SUPPORTS) | (stance == REFUTES)) & after,
                       active & (stance != MENTIONS))
    pro = counted & supporting
    con = counted & (stance == REFUTES)
    origin = columns.origin[pair_row].astype(np.int64)
    first = columns.first_party[pair_row]
    n = len(m_claim)
    pro_origins = distinct(pair_moment, origin, pro, n)
    support = levels(any_of(pro & first), pro_origins, columns.threshold)
    refutation = levels(any_of(con & first), distinct(pair_moment, origin, con, n),
                        columns.threshold)
    status = statuses(columns.kind[m_claim] == OPINION, prediction,
                      np.add.reduceat(known.astype(np.int64), starts), support, refutation,
                      any_of(known & supporting), any_of(active & supporting))
    pro_origins = pro_origins.astype(np.int32)
    if due:
        lapsed = lapse(m_claim, m_time, status, dues.lapse_us(len(columns.ids)))
        status[lapsed] = FAILED
        support[lapsed] = refutation[lapsed] = 0
        pro_origins[lapsed] = 0
        first = np.ones(len(m_claim), bool)
        first[1:] = m_claim[1:] != m_claim[:-1]
        for claim, us in zip(m_claim[lapsed & (first | ~np.roll(lapsed, 1))].tolist(),
                             m_time[lapsed & (first | ~np.roll(lapsed, 1))].tolist(),
                             strict=True):
            dues.lapsed[claim] = us
    return States(m_claim, m_time, m_revision, status, support, refutation, pro_origins)


def distinct(group: Any, value: Any, where: Any, n: int) -> Any:
    """The number of distinct ``value`` per ``group`` (0..n-1) among the elements ``where``."""
    key = unique(group[where] * (int(value.max(initial=0)) + 1) + value[where])
    return np.bincount(key // (int(value.max(initial=0)) + 1), minlength=n)


def unique(values: Any) -> Any:
    """The distinct values, sorted: ``np.unique`` by a sort (NumPy 2's ``np.unique`` hashes first,
    several times slower on the million integer keys of a build)."""
    values = np.sort(values)
    keep = np.ones(len(values), bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


def _none() -> States:
    return States(*(np.empty(0, d) for d in (np.int32, np.int64, np.int32, np.int8, np.int8,
                                             np.int8, np.int32)))


def steps_of(states: States) -> tuple[States, Any]:
    """The states where anything shown changes (a claim's first state always), and for each the
    revision its status holds since (-1: since the start)."""
    keep, since = changes(states)
    return States(*(getattr(states, name)[keep] for name in _FIELDS)), since


def changes(states: States, also: Any = None) -> tuple[Any, Any]:
    """Which states start a step (a claim's first; any whose status, strengths or origin count
    differ from the state before it, or where ``also`` holds), and for each the revision its status
    holds since (-1: since the start)."""
    c, status = states.claim, states.status
    n = len(c)
    first = np.ones(n, bool)
    first[1:] = c[1:] != c[:-1]
    changed = first.copy() if also is None else first | also
    for column in (status, states.support, states.refutation, states.origins):
        changed[1:] |= column[1:] != column[:-1]
    status_changed = first.copy()
    status_changed[1:] |= status[1:] != status[:-1]
    since_state = np.maximum.accumulate(np.where(status_changed, np.arange(n), 0))
    since = np.where(first[since_state], -1, states.revision[since_state]).astype(np.int32)
    keep = np.flatnonzero(changed)
    return keep, since[keep]
