"""Hypothesis strategies: time values written in every form docs/format.md allows."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from factcheck import Bounded, BoundSide, Precision, When

#: Zones with and without daylight saving time, one that shifts by half an hour
#: (Lord Howe), one whose clocks skip midnight (Santiago), and fixed offsets.
ZONES = (
    "Asia/Seoul",
    "America/Los_Angeles",
    "UTC",
    "Europe/London",
    "Australia/Lord_Howe",
    "America/Santiago",
    "+05:30",
    "-08:00",
)
PARTS = ("morning", "afternoon", "evening", "night")

zones = st.sampled_from(ZONES)
days = st.dates(dt.date(1971, 1, 1), dt.date(2037, 12, 31))


@st.composite
def clock_bodies(draw: st.DrawFn) -> str:
    """A date with a clock time: hour, minute or second (sometimes with a fraction)."""
    day = draw(days).isoformat()
    hour = draw(st.integers(0, 23))
    form = draw(st.sampled_from(("hour", "minute", "second", "fraction")))
    if form == "hour":
        return f"{day}T{hour:02d}"
    minute = draw(st.integers(0, 59))
    if form == "minute":
        return f"{day}T{hour:02d}:{minute:02d}"
    second = draw(st.integers(0, 59))
    if form == "second":
        return f"{day}T{hour:02d}:{minute:02d}:{second:02d}"
    micro = draw(st.integers(1, 999_999))
    return f"{day}T{hour:02d}:{minute:02d}:{second:02d}.{micro:06d}"


@st.composite
def bodies(draw: st.DrawFn) -> str:
    """A time value without its zone, in any single (not interval) form."""
    day = draw(days)
    form = draw(st.sampled_from(("year", "month", "day", "part", "clock")))
    if form == "year":
        return f"{day.year:04d}"
    if form == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if form == "day":
        return day.isoformat()
    if form == "part":
        return f"{day.isoformat()} {draw(st.sampled_from(PARTS))}"
    return draw(clock_bodies())


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A valid time value as a casebook may write it, zone after a space."""
    zone = draw(zones)
    if draw(st.booleans()):
        return f"{draw(bodies())} {zone}"
    first, second = sorted(draw(st.lists(clock_bodies(), min_size=2, max_size=2, unique=True)))
    return f"{first}/{second} {zone}"


def _parse_or_none(text: str) -> When | None:
    try:
        return When.parse(text)
    except ValueError as exc:
        # Two clock times in text order can still be out of order as instants (around a repeated
        # or skipped hour, or "T12" before "T12:00"): such an interval is rightly refused.
        if "ends before it starts" in str(exc):
            return None
        raise


#: A valid time value, parsed.
whens = texts().map(_parse_or_none).filter(lambda w: w is not None)


@st.composite
def _bounded(draw: st.DrawFn) -> When:
    bound = draw(whens.filter(lambda w: w.precision is not Precision.INTERVAL))
    return Bounded.of(draw(st.sampled_from(list(BoundSide))), bound)


#: A bounded time ("<= T", ">= T") on any single time value the format allows, in any zone.
bounded = _bounded()

