"""The relations behind tied claims' steps: held as columns, made into ``RelationReason`` objects
only when a point query or a timeline asks for a step's.

Groups resolved one by one hand their reasons over as objects; groups resolved all at once
(``_grouped``) as a :class:`ReasonTable`. :class:`StepReasons` numbers both in one sequence, so a
step needs one integer to find its reasons (-1: none).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any, Final

from ._kinds import RelationKind
from ._outcome import RelationReason, Status, Strength

__all__ = ["EFFECTS", "ReasonTable", "StepReasons"]

_KINDS: Final = tuple(RelationKind)
_STATUSES: Final = tuple(Status)
_STRENGTHS: Final = tuple(Strength)
#: Effect codes of a relation reason (0: none).
EFFECTS: Final = ("none", "refuted-by", "disputed-with", "superseded-by", "supersedes",
                  "corrected-by", "corrects", "supported-by", "defeats")
_NONE: tuple[RelationReason, ...] = ()


class ReasonTable:
    """The reasons of some steps, as columns: step ``i``'s are rows ``first[i]:first[i + 1]``, each
    a relation as its claim sees it (kind, the other claim, outgoing), and the other claim's
    status, strength and basis (``source[basis[r]:basis_end[r]]``, source codes) and the effect."""

    def __init__(self, claim_ids: Sequence[str], source_names: Sequence[str], first: Any,
                 kind: Any, other: Any, outgoing: Any, status: Any, strength: Any, effect: Any,
                 basis: Any, basis_end: Any, source: Any) -> None:
        self._ids, self._names = claim_ids, source_names
        self._first = first
        self._kind, self._other, self._outgoing = kind, other, outgoing
        self._status, self._strength, self._effect = status, strength, effect
        self._basis, self._basis_end, self._source = basis, basis_end, source

    def __len__(self) -> int:
        return len(self._first) - 1

    def made(self, step: int) -> tuple[RelationReason, ...]:
        """Step ``step``'s reasons, made now, in the order they are shown."""
        lo, hi = self._first[step:step + 2].tolist()
        names, source = self._names, self._source
        made = []
        for r in range(lo, hi):
            basis = tuple(sorted([names[s] for s in source[self._basis[r]:self._basis_end[r]]
                                  .tolist()]))
            made.append(RelationReason(
                _KINDS[self._kind[r]], self._ids[self._other[r]], bool(self._outgoing[r]),
                _STATUSES[self._status[r]], _STRENGTHS[self._strength[r]],
                EFFECTS[self._effect[r]], basis))
        return tuple(made)


class StepReasons:
    """Every tied step's reasons under one number: first the ones made as objects, then each
    table's rows in turn."""

    def __init__(self, made: list[tuple[RelationReason, ...]],
                 tables: Sequence[ReasonTable]) -> None:
        self._made = made
        self._tables = list(tables)
        self._starts = []
        start = len(made)
        for table in self._tables:
            self._starts.append(start)
            start += len(table)

    def get(self, number: int) -> tuple[RelationReason, ...]:
        """The reasons numbered ``number`` (-1: none)."""
        if number < 0:
            return _NONE
        if number < len(self._made):
            return self._made[number]
        at = bisect.bisect_right(self._starts, number) - 1
        return self._tables[at].made(number - self._starts[at])
