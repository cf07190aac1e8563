"""The kinds the model and resolution share: an excerpt's stance, a claim's kind, a relation's kind.

They sit below the domain model and the resolution's objects, which both name them.
"""

from __future__ import annotations

import enum

__all__ = ["ClaimKind", "RelationKind", "Stance"]


class Stance(enum.Enum):
    """An excerpt's stance toward a claim."""

    ASSERTS = "asserts"
    SUPPORTS = "supports"
    REFUTES = "refutes"
    MENTIONS = "mentions"


class ClaimKind(enum.Enum):
    """What kind of proposition a claim is."""

    EVENT = "event"
    STATE = "state"
    PREDICTION = "prediction"
    OPINION = "opinion"


class RelationKind(enum.Enum):
    """A declared link between two claims."""

    CONTRADICTS = "contradicts"
    SUPERSEDES = "supersedes"
    #: From the correcting claim to the one it corrects: wrong as published, not outdated.
    CORRECTS = "corrects"
    SUPPORTS = "supports"
