"""The rules that turn evidence into a status (docs/resolution.md, steps 1 and 2), one at a time
and over whole columns at once: both ways give the same answer (the differential tests hold it)."""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from ._outcome import Status, Strength

__all__ = [
    "BY_STRENGTH",
    "CODES",
    "STANDING_BASE",
    "level",
    "levels",
    "prediction_status",
    "statuses",
    "weighed",
]

BY_STRENGTH: Final = {
    Strength.REPORTED: Status.REPORTED,
    Strength.CORROBORATED: Status.CORROBORATED,
    Strength.FIRST_PARTY: Status.CONFIRMED,
}
#: Reported, corroborated or confirmed: what can defeat, lift and supersede others.
STANDING_BASE: Final = frozenset(BY_STRENGTH.values())
#: Status codes: a status's place in the order Status declares them.
CODES: Final = {s: i for i, s in enumerate(Status)}


def level(first_party: bool, origins: int, threshold: int) -> Strength:
    """One side's strength: first-party, else corroborated by ``threshold`` independent origins,
    else reported by one, else none."""
    if first_party:
        return Strength.FIRST_PARTY
    if origins >= threshold:
        return Strength.CORROBORATED
    return Strength.REPORTED if origins else Strength.NONE


def weighed(support: Strength, refutation: Strength) -> Status:
    """Evidence alone decides a supported claim: the stronger side wins; equals are disputed."""
    if refutation > support:
        return Status.REFUTED
    return Status.DISPUTED if refutation == support else BY_STRENGTH[support]


def prediction_status(status: Status, asserted: bool) -> Status:
    """What a prediction's evidence makes of it: fulfilled, failed, pending or as it is."""
    if status in STANDING_BASE:
        return Status.FULFILLED
    if status is Status.REFUTED:
        return Status.FAILED
    if status in (Status.DISPUTED, Status.RETRACTED):
        return status
    return Status.PENDING if asserted else Status.UNREPORTED


# -- over columns: the same rules, element by element -----------------------------------------

_BY_LEVEL = np.array([CODES[Status.UNREPORTED], CODES[Status.REPORTED],
                      CODES[Status.CORROBORATED], CODES[Status.CONFIRMED]], np.int8)


def levels(first_party: Any, origins: Any, threshold: int) -> Any:
    """:func:`level` of each element."""
    return np.where(first_party, 3, np.where(origins >= threshold, 2,
                                             np.where(origins > 0, 1, 0))).astype(np.int8)


def statuses(opinion: Any, prediction: Any, known: Any, support: Any, refutation: Any,
             supported_once: Any, supported_now: Any) -> Any:
    """Each claim-moment's status code from its evidence alone (a claim in no relation)."""
    c = CODES
    weigh = np.where(refutation > support, c[Status.REFUTED],
                     np.where(refutation == support, c[Status.DISPUTED], _BY_LEVEL[support]))
    status = np.select(
        [opinion, support > 0, refutation > 0, supported_once & ~supported_now],
        [np.where(known > 0, c[Status.OPINION], c[Status.UNREPORTED]), weigh,
         c[Status.REFUTED], c[Status.RETRACTED]],
        c[Status.UNREPORTED])
    positive = ((status == c[Status.REPORTED]) | (status == c[Status.CORROBORATED])
                | (status == c[Status.CONFIRMED]))
    foretold = np.select(
        [positive, status == c[Status.REFUTED],
         (status == c[Status.DISPUTED]) | (status == c[Status.RETRACTED])],
        [c[Status.FULFILLED], c[Status.FAILED], status],
        np.where(known > 0, c[Status.PENDING], c[Status.UNREPORTED]))
    return np.where(prediction, foretold, status).astype(np.int8)
