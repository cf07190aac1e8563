"""Predictions falling due (docs/resolution.md, "Predictions"): when each is due, and the lapse
rule over the claims resolved alone.

A prediction with a ``due`` that is pending at or after its due instant has lapsed: it is
``failed`` from then on, whatever is published later. Its due instant is the end of its due time
value, or the span of a relative due after the revision that first asserts it counts.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._columns import ASSERTS, NEVER, PREDICTION, Columns, micros
from ._due import due_instant
from ._model import Casebook
from ._outcome import Status
from ._rules import CODES
from ._when import When

__all__ = ["FAILED", "Dues", "lapse"]

_PENDING = CODES[Status.PENDING]
FAILED = CODES[Status.FAILED]


class Dues:
    """Each prediction's due instant (claim code to microseconds, the aware instant and the moment
    code the steps name it by), and when each lapsed, filled in as timelines are built."""

    def __init__(self, casebook: Casebook, columns: Columns) -> None:
        self.us: dict[int, int] = {}
        self.instant: dict[int, Any] = {}
        self.code: dict[int, int] = {}
        #: For a due relative to the first assertion: when that assertion counts (microseconds).
        self.made_us: dict[int, int] = {}
        #: Claim code to the instant (microseconds) it lapsed: failed for want of an outcome.
        self.lapsed: dict[int, int] = {}
        by_id = casebook.claim_by_id
        for code in np.flatnonzero(columns.kind == PREDICTION).tolist():
            due = by_id[columns.ids[code]].due
            if due is None:
                continue
            lo, hi = columns.span(code)
            made = np.flatnonzero(columns.stance[lo:hi] == ASSERTS)
            first = columns.moment(int(columns.revision[lo + made[0]])) if len(made) else None
            instant = due_instant(due, first)
            if instant is None:
                continue
            if first is not None and not isinstance(due, When):
                self.made_us[code] = micros(first)
            self.instant[code] = instant
            self.us[code] = micros(instant)
            self.code[code] = columns.add_moment(instant)

    def shown(self, claim: int, us: int) -> Any:
        """The due instant a resolution at ``us`` shows: a relative due only once it is made."""
        instant = self.instant.get(claim)
        if instant is None:
            return None
        made = self.made_us.get(claim)
        return instant if made is None or made <= us else None

    def lapse_us(self, n: int) -> Any:
        """The due instants as a column by claim code (NEVER where none)."""
        column = np.full(n, NEVER, np.int64)
        for claim, us in self.us.items():
            column[claim] = us
        return column


def lapse(m_claim: Any, m_time: Any, status: Any, lapse_us: Any) -> Any:
    """The moments at which a prediction has lapsed: from its first pending moment at or after
    its due instant (``lapse_us`` per claim code, NEVER where none) on."""
    due = m_time >= lapse_us[m_claim]
    pending = due & (status == _PENDING)
    first = np.full(len(lapse_us), NEVER, np.int64)
    np.minimum.at(first, m_claim[pending], m_time[pending])
    return m_time >= first[m_claim]

