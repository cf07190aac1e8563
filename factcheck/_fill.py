"""The answer objects a point query makes, made without attrs' generic ``__init__``.

A point query makes a ``Resolution`` and an ``Evidence`` per row it shows: attrs' ``__init__``
(defaults, a factory for ``known_from``, a frozen ``__setattr__`` guard) costs about 2 µs for each,
most of a query. These functions fill the same slots directly (every field given, in declaration
order), so the objects are equal to attrs', field for field; a test checks each function's
parameters against the class's fields, so a field added to the class cannot be missed here.
"""

from __future__ import annotations

from typing import Final

import pendulum

from ._kinds import ClaimKind, Stance
from ._outcome import Evidence, Quote, RelationReason, Resolution, Status, Strength
from ._slots import setters
from ._when import When

__all__ = ["evidence", "resolution"]

_new: Final = object.__new__


_E: Final = setters(Evidence)
_R: Final = setters(Resolution)


def evidence(excerpt: str, source: str, revision: str, origin: str, stance: Stance,
             first_party: bool, published: When, withdrawn_at: pendulum.DateTime | None,
             withdrawn_in: str | None, known_from: pendulum.DateTime,
             quote: Quote | None) -> Evidence:
    """``Evidence(...)`` with ``known_from`` given (it must be ``published.known_from``)."""
    e = _new(Evidence)
    _E[0](e, excerpt)
    _E[1](e, source)
    _E[2](e, revision)
    _E[3](e, origin)
    _E[4](e, stance)
    _E[5](e, first_party)
    _E[6](e, published)
    _E[7](e, withdrawn_at)
    _E[8](e, withdrawn_in)
    _E[9](e, known_from)
    _E[10](e, quote)
    return e


def resolution(claim: str, status: Status, as_of: pendulum.DateTime,
               since: pendulum.DateTime | None, support: Strength, refutation: Strength,
               origins: tuple[str, ...], evidence: tuple[Evidence, ...],
               relations: tuple[RelationReason, ...],
               pending_publications: tuple[Evidence, ...], zone: str | None,
               kind: ClaimKind | None, due: pendulum.DateTime | None,
               announced_for: When | None) -> Resolution:
    """``Resolution(...)`` with every field given."""
    r = _new(Resolution)
    _R[0](r, claim)
    _R[1](r, status)
    _R[2](r, as_of)
    _R[3](r, since)
    _R[4](r, support)
    _R[5](r, refutation)
    _R[6](r, origins)
    _R[7](r, evidence)
    _R[8](r, relations)
    _R[9](r, pending_publications)
    _R[10](r, zone)
    _R[11](r, kind)
    _R[12](r, due)
    _R[13](r, announced_for)
    return r
