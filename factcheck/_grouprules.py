"""The rules of the all-at-once group resolution (``_grouped``) that follow an order or a walk:
lifting by ``supports`` in the order the one-group path visits claims, and which claims are
corrected; with the array helpers both use.

Nodes are (group, moment) pairs' claims, laid out instance by instance, each instance's nodes in
claim code order (``inst_base``: an instance's first node). Edges join nodes of one instance only,
so every instance is worked on at once, in lockstep.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Final

import numpy as np

from ._groups import corrected_among

__all__ = ["Lifts", "any_of", "corrected_nodes", "least", "ranges"]

_BIG: Final = np.iinfo(np.int64).max


def ranges(starts: Any, counts: Any) -> Any:
    """``starts[i]:starts[i] + counts[i]`` for every i, concatenated."""
    counts = np.asarray(counts, np.int64)
    total = int(counts.sum())
    if not total:
        return np.empty(0, np.int64)
    ends = np.cumsum(counts)
    return np.arange(total) - np.repeat(ends - counts, counts) + np.repeat(
        np.asarray(starts, np.int64), counts)


def any_of(index: Any, flags: Any, n: int) -> Any:
    """Whether any ``flags`` holds for each of ``n`` owners (``index``: each flag's owner)."""
    return np.bincount(index[flags], minlength=n) > 0


def least(owner: Any, value: Any, where: Any, n: int) -> Any:
    """The least ``value`` of each of ``n`` owners among the elements ``where`` (int64 max:
    none)."""
    found = np.full(n, _BIG, np.int64)
    np.minimum.at(found, owner[where], value[where])
    return found


def _rank(owner: Any) -> Any:
    """Each element's place among the elements of its owner (``owner`` sorted)."""
    n = len(owner)
    new = np.ones(n, bool)
    new[1:] = owner[1:] != owner[:-1]
    return np.arange(n) - np.maximum.accumulate(np.where(new, np.arange(n), 0))


class Lifts:
    """The ``supports`` edges of a batch, and how each level lifts along them as the one-group
    path does (``_groups``: a stack of claims, the candidates first in claim order, the last on
    top; the top claim taken, unless excluded, lifts each claim it supports, in claim order, that
    can be lifted and is below the level, and pushes it).

    Where no claim of a group is supported by two claims of it, who lifts a claim does not depend
    on the order: the claims reached are the same in any order, so lifting is a fixed point over
    the edges, in rounds. Where one is, the first supporter the walk takes lifts it, so the walk is
    followed exactly, every such instance in lockstep: each round takes one claim off every
    instance's stack. An instance's stack never holds more than its nodes, so it lives at their
    place.
    """

    def __init__(self, lifter: Any, lifted: Any, node_inst: Any, inst_base: Any,
                 walked: Any) -> None:
        """``lifter``, ``lifted``: the supports edges as nodes; ``walked``: the instances whose
        group has a claim supported by two of its claims."""
        n = len(node_inst)
        self.node_inst, self.inst_base = node_inst, inst_base
        self.walked = walked[node_inst]
        rounds = ~self.walked[lifter]
        self.lifter, self.lifted = lifter[rounds], lifted[rounds]
        # The walked edges as sorted unique node pairs, by lifter.
        key = np.unique(lifter[~rounds] * max(n, 1) + lifted[~rounds])
        self.walk_lifted = key % max(n, 1)
        self.walk_first = np.searchsorted(key // max(n, 1), np.arange(n + 1))

    def lift(self, candidate: Any, excluded: Any, liftable: Any, eff: Any, level: int) -> Any:
        """Each node's lifter at ``level`` (-1: none), ``eff`` raised to it where lifted."""
        lift = np.full(len(candidate), -1, np.int64)
        reached = candidate & ~self.walked
        lifter, lifted = self.lifter, self.lifted
        while True:
            ok = (reached[lifter] & ~excluded[lifter] & liftable[lifted] & (eff[lifted] < level))
            if not ok.any():
                break
            eff[lifted[ok]] = level
            lift[lifted[ok]] = lifter[ok]
            reached[lifted[ok]] = True
        if self.walked.any():
            self._walk(candidate & self.walked, excluded, liftable, eff, level, lift)
        return lift

    def _walk(self, candidate: Any, excluded: Any, liftable: Any, eff: Any, level: int,
              lift: Any) -> None:
        """The walk, over the ``candidate`` nodes' instances."""
        inst_base, first = self.inst_base, self.walk_first
        stack = np.empty(len(candidate), np.int64)
        start = np.flatnonzero(candidate)
        owner = self.node_inst[start]
        stack[inst_base[owner] + _rank(owner)] = start
        top = np.bincount(owner, minlength=len(inst_base))
        active = np.flatnonzero(top)
        while len(active):
            top[active] -= 1
            taken = stack[inst_base[active] + top[active]]
            go = ~excluded[taken]
            inst, by = active[go], taken[go]
            count = first[by + 1] - first[by]
            which = np.repeat(np.arange(len(by)), count)
            b = self.walk_lifted[ranges(first[by], count)]
            ok = liftable[b] & (eff[b] < level)
            b, which = b[ok], which[ok]
            if len(b):
                eff[b] = level
                lift[b] = by[which]
                where = inst[which]
                stack[inst_base[where] + top[where] + _rank(which)] = b
                np.add.at(top, where, 1)
            active = active[top[active] > 0]


def corrected_nodes(stood: Any, prediction: Any, corrects: tuple[Any, Any],
                    node_inst: Any) -> Any:
    """Which nodes are corrected, given the nodes that ``stood`` with every claim counting
    (docs/resolution.md, "corrects"): a node that stood (not a prediction) is corrected when a
    node correcting it stood and is not itself corrected. ``corrects``: the edges (from, to).

    Where the corrections between nodes that stood form no cycle, a node is decided once every
    node correcting it is, from the uncorrected first: every instance at once. An instance with
    such a cycle is given to the one-group path's walk (``_groups.corrected_among``), whose answer
    there depends on the order it visits claims in.
    """
    n = len(stood)
    every_a, every_b = corrects
    counted = stood[every_a] & stood[every_b] & ~prediction[every_b]
    a, b = every_a[counted], every_b[counted]
    label = np.full(n, -1, np.int8)  # -1: undecided; 0: not corrected; 1: corrected
    while True:
        waiting = np.bincount(b[label[a] < 0], minlength=n)
        ready = (label < 0) & (waiting == 0)
        if not ready.any():
            break
        by_uncorrected = np.bincount(b[label[a] == 0], minlength=n) > 0
        label[ready] = by_uncorrected[ready]
    corrected = label == 1
    edge_inst = node_inst[every_b]  # the edges run instance by instance, as the nodes
    for inst in np.unique(node_inst[label < 0]).tolist():
        lo, hi = np.searchsorted(node_inst, [inst, inst + 1]).tolist()
        first, last = np.searchsorted(edge_inst, [inst, inst + 1]).tolist()
        correctors: defaultdict[int, set[int]] = defaultdict(set)
        for x, y in zip(every_a[first:last].tolist(), every_b[first:last].tolist(), strict=True):
            correctors[y].add(x)
        found = corrected_among({c for c in range(lo, hi) if stood[c]}, correctors,
                                {c for c in range(lo, hi) if prediction[c]})
        corrected[lo:hi] = False
        corrected[sorted(found)] = True
    return corrected
