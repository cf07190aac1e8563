"""Bounded times: a moment known only as no later than, or no earlier than, a time value.

A filing known to be public by 06:44 is ``"<= 2022-04-14T06:44 America/New_York"``; an event after
the market closed is ``">= 2022-04-14T16:00 America/New_York"``. A bounded time is a time value of
its own (a :class:`When`), whose interval holds every moment it may be: from the earliest time the
library shows up to the end of its bound, or from the start of its bound on.
"""

from __future__ import annotations

import enum
import functools
from typing import ClassVar, Final

import attrs
import pendulum

from ._errors import TimeValueError
from ._fasttime import parse_when
from ._when import EARLIEST, LATEST, Order, Precision, When, zone_of

__all__ = ["BoundSide", "Bounded", "anchor", "ever_public", "parse_time"]


class BoundSide(enum.Enum):
    """Which side of its bound a bounded moment lies on."""

    #: No later than the bound: ``<=``.
    AT_MOST = "<="
    #: No earlier than the bound: ``>=``.
    AT_LEAST = ">="


_WORDS: Final = {BoundSide.AT_MOST: "no later than", BoundSide.AT_LEAST: "no earlier than"}
_MISTYPED: Final = ("<", ">", "=<", "=>", "\u2264", "\u2265")


@attrs.frozen(order=False)
class Bounded(When):
    """A moment known only by one bound: ``<= T`` (no later than T) or ``>= T`` (no earlier than T).

    ``start`` and ``end`` hold every moment it may be: [earliest, end of T) for ``<=``, [start of T,
    latest) for ``>=``. ``bound`` is T itself, with its own precision and zone, which this value
    shares. Comparisons are certain only where the bound decides them; elsewhere they are
    indeterminate, never overlapping: a bound is no coarse precision, containing a time does not
    mean coinciding with it.
    """

    side: BoundSide
    bound: When
    is_bound: ClassVar[bool] = True

    @classmethod
    def of(cls, side: BoundSide, bound: When) -> Bounded:
        """The moment on ``side`` of ``bound`` (a single time value, not an interval or a bound)."""
        if isinstance(bound, Bounded) or bound.precision is Precision.INTERVAL:
            what = "a bound" if isinstance(bound, Bounded) else "an interval"
            raise TimeValueError(f"a bound is one time value, not {what} ({bound.text()!r}): an "
                                 "interval already says both ends")
        tz = zone_of(bound.zone)
        if side is BoundSide.AT_MOST:
            start, end = pendulum.instance(EARLIEST).in_timezone(tz), bound.end
        else:
            start, end = bound.start, pendulum.instance(LATEST).in_timezone(tz)
        return cls(start, end, bound.precision, bound.zone, side, bound)

    @property
    def known_from(self) -> pendulum.DateTime:
        """When a publication at this time was certainly public.

        ``<= T`` counts from where T alone would (the bound: its second, or the end of its
        interval). ``>= T`` is never certainly public: this is the latest instant the library
        shows, and :func:`ever_public` says it is never reached.
        """
        if self.side is BoundSide.AT_MOST:
            return self.bound.known_from
        return self.end

    @property
    def is_exact(self) -> bool:
        """Never: a bounded time is not known to the second, whatever its bound's precision."""
        return False

    def text(self) -> str:
        """The canonical string form: ``"<= 2022-04-14T06:44 America/New_York"``."""
        return f"{self.side.value} {self.bound.text()}"

    def _body(self) -> str:
        return f"{self.side.value} {self.bound._body()}"

    def format(self, zone: str | None = None) -> str:
        """Show the value in ``zone`` (default: its own), the zone named: ``no later than
        2022-04-14 06:44 EDT``."""
        return f"{_WORDS[self.side]} {self.bound.format(zone)}"

    def compare(self, other: When) -> Order:
        """Where this value lies relative to ``other``: before or after where certain, else
        indeterminate."""
        if self.end <= other.start:
            return Order.BEFORE
        if self.start >= other.end:
            return Order.AFTER
        return Order.INDETERMINATE


def ever_public(when: When) -> bool:
    """False for a publication known only as no earlier than a time: it is never certainly public,
    so it never counts (``factcheck check`` warns of it: publication-lower-bound)."""
    return not (isinstance(when, Bounded) and when.side is BoundSide.AT_LEAST)


def anchor(when: When) -> When:
    """The time value as written: a bounded time's bound, else the value itself (for choosing the
    years and zones output shows, where the ends of the calendar would mislead)."""
    return when.bound if isinstance(when, Bounded) else when


def parse_time(value: object, default_zone: str | None = None) -> When:
    """Parse a time value as :meth:`When.parse` does, or a bounded time: ``"<= …"``, ``">= …"``.

    Raises :class:`TimeValueError` (a ``ValueError``) saying what was expected.
    """
    if isinstance(value, str):
        text = value.strip()
        if text.startswith(("<=", ">=")):
            return _parse_bounded(text, default_zone)
        if text.startswith(_MISTYPED):
            raise TimeValueError(
                f"{value!r}: a bounded time begins with \"<=\" (no later than) or \">=\" (no "
                "earlier than), then a space and the time: \"<= 2022-04-14T06:44 "
                "America/New_York\"")
    return parse_when(value, default_zone)


@functools.lru_cache(maxsize=16384)
def _parse_bounded(text: str, default_zone: str | None) -> Bounded:
    side, rest = BoundSide(text[:2]), text[2:].strip()
    if rest.startswith(("<", ">", "=")):
        raise TimeValueError(f"{text!r} has more than one bound: write one, or an interval "
                             "\"2022-04-14T06:00/2022-04-14T06:44\"")
    if not rest:
        raise TimeValueError(f"{text!r} has no time after {side.value!r}")
    return Bounded.of(side, parse_when(rest, default_zone))
