"""A slot a higher room fills on import, so that a lower room can call up without importing it.

The model and the resolution's result objects sit below the rooms that answer questions and draw
views; those register themselves here when ``factcheck`` is imported, keeping imports one-way.
"""

from __future__ import annotations

from typing import Generic, TypeVar

__all__ = ["Slot"]

T = TypeVar("T")


class Slot(Generic[T]):
    """Holds one registered implementation of ``what``."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._value: T | None = None

    def fill(self, value: T) -> None:
        """Register ``value`` (the last registration wins)."""
        self._value = value

    def get(self) -> T:
        """The registered implementation."""
        if self._value is None:  # pragma: no cover - importing factcheck registers it
            raise RuntimeError(f"import factcheck first: it registers {self._what}")
        return self._value
