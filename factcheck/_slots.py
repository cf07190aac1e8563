"""Filling a frozen attrs class's slots directly, for the few objects made by the million.

attrs' generic ``__init__`` (defaults, factories, the frozen guard) costs about 2 µs an object; the
bulk loader and the point query fill the slots themselves, through the setters made here.
"""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["setters"]


def setters(cls: type, expected: tuple[str, ...] | None = None) -> tuple[Any, ...]:
    """The slot setters of an attrs class's fields, in declaration order (they bypass the frozen
    class's guard, as attrs' own ``__init__`` does). With ``expected``, the field names the caller
    fills by position: a ``RuntimeError`` if the class's fields have changed since."""
    names = tuple(f.name for f in attrs.fields(cls))
    if expected is not None and names != expected:
        raise RuntimeError(f"{cls.__name__}'s fields changed: update the code that fills them")
    return tuple(getattr(cls, name).__set__ for name in names)
