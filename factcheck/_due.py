"""A prediction's due time: a time value, or a span after the prediction was first made.

"Within days" and "by next week" are said relative to when the prediction was made, which only its
first assertion tells. ``due = "P7D"`` (an ISO 8601 duration: years, months, weeks, days, hours,
minutes, seconds) is due that long after the revision that first asserts it counts; added in that
revision's zone, so a day is a calendar day there.
"""

from __future__ import annotations

import re
from typing import Final

import attrs
import pendulum

from ._errors import TimeValueError
from ._fasttime import parse_when
from ._when import When, format_instant

__all__ = ["Due", "DueIn", "due_instant", "parse_due"]

_DURATION: Final = re.compile(
    r"P(?!$)(?:(?P<years>\d{1,4})Y)?(?:(?P<months>\d{1,5})M)?(?:(?P<weeks>\d{1,6})W)?"
    r"(?:(?P<days>\d{1,7})D)?(?:T(?=\d)(?:(?P<hours>\d{1,8})H)?(?:(?P<minutes>\d{1,10})M)?"
    r"(?:(?P<seconds>\d{1,12})S)?)?")
_PARTS: Final = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")


class DurationError(ValueError):
    """A due span that is not a positive ISO 8601 duration."""


@attrs.frozen
class DueIn:
    """Due a span of time after the prediction's first assertion: ``P7D``, ``PT36H``, ``P1M``."""

    written: str
    #: Years, months, weeks, days (calendar: added on the wall clock of the zone), then hours,
    #: minutes, seconds (elapsed time).
    parts: tuple[int, ...] = attrs.field(eq=False, repr=False)

    @classmethod
    def parse(cls, text: str) -> DueIn:
        """An ISO 8601 duration, positive, such as ``P7D``; anything else is a ``ValueError``."""
        written = text.strip()
        match = _DURATION.fullmatch(written)
        if match is None:
            raise DurationError(
                f"expected an ISO 8601 duration such as \"P7D\" (7 days) or \"PT36H\", got "
                f"{text!r}")
        parts = tuple(int(match[name] or 0) for name in _PARTS)
        if not any(parts):
            raise DurationError(f"a due span must be longer than nothing, got {text!r}")
        return cls(written, parts)

    def after(self, made: pendulum.DateTime) -> pendulum.DateTime:
        """The instant the span ends, counted from ``made`` in its own zone."""
        years, months, weeks, days, hours, minutes, seconds = self.parts
        on_the_calendar = made.add(years=years, months=months, weeks=weeks, days=days)
        return on_the_calendar.add(hours=hours, minutes=minutes, seconds=seconds)

    def text(self) -> str:
        """As written: ``P7D``."""
        return self.written

    def format(self, zone: str | None = None) -> str:
        """For output: ``P7D after it was first made``."""
        return f"{self.written} after it was first made"

    def __str__(self) -> str:
        return self.written


#: What ``due`` holds: a time value, or a span after the first assertion.
Due = When | DueIn


def parse_due(value: object, zone: str | None) -> Due:
    """``due`` as written: a duration (it starts with ``P``) or a time value."""
    if isinstance(value, str) and value.strip().startswith("P"):
        return DueIn.parse(value)
    if isinstance(value, str) and value.strip().startswith(("<=", ">=")):
        raise TimeValueError(f"{value!r}: a due time takes no bound, it already means \"by\": "
                             f"write the time itself ({value.strip()[2:].strip()!r})")
    return parse_when(value, zone)


def due_instant(due: Due, made: pendulum.DateTime | None) -> pendulum.DateTime | None:
    """When a prediction falls due: the end of its due time value (``2024-02-29`` is due by the
    end of that day), or the span after ``made``; None when it is relative and not yet made."""
    if isinstance(due, When):
        return due.end
    return due.after(made) if made is not None else None


def describe_due(due: Due, zone: str | None, made: pendulum.DateTime | None) -> str:
    """The due time for output: the instant with its zone, or the span when not yet made."""
    instant = due_instant(due, made)
    return format_instant(instant, zone) if instant is not None else due.format(zone)
