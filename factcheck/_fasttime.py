"""The common written forms of a time value, read without the general parser's detours.

Loading a casebook parses tens of thousands of distinct time strings (a revision's ``published``,
a claim's ``valid``), nearly all in a few forms: a day, a day and a part of day, a day and a clock
time (to the hour, minute, second or fraction of a second), or an interval from one day or clock
time to another, with a zone name, an offset (``+09:00``, ``Z``) or the file's default zone.
:func:`parse_when` reads those forms by their shape (``datetime.fromisoformat`` gives the fields)
and makes the pendulum ``DateTime`` s with the very operations of ``pendulum.datetime`` and
``DateTime.add``, without their layers (argument handling, ``add_duration``, the zone looked up
again for each end, the range checked on every call). Anything else (a year or a month, a bounded
time, an interval with offsets, a year at either end of the calendar, stray whitespace, every
error) is left to :meth:`When.parse`, which stays the one definition of what a time value means:
the values made here equal its own field for field, zone, offset and fold included
(tests/when/test_fasttime.py holds the two side by side).

Why not a cache per zone and day of the offset work: a zone's transitions are not public in
``zoneinfo``, so that a day with none cannot be told from a day with two that cancel out except by
asking, for each wall time, what each fold of it means; those two questions (``utcoffset``) cost
little next to making the objects, which is most of what is left.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Final

import pendulum
from pendulum.tz.timezone import FixedTimezone, Timezone

from ._slots import setters
from ._when import PARTS_OF_DAY, Precision, When, _canonical_zone, zone_of

__all__ = ["fast_when", "parse_when"]

_DateTime: Final = pendulum.DateTime
_NO_TIME: Final = _dt.timedelta(0)
#: A day and each part of day: the hour it starts at, and how long it lasts.
_SPANS: Final = {
    Precision.DAY: (0, _dt.timedelta(days=1)),
    **{p: (first, _dt.timedelta(hours=length)) for p, (first, length) in PARTS_OF_DAY.items()},
}
_PARTS: Final = {p.value: p for p in PARTS_OF_DAY}
#: Characters of the zone names and offsets read here (IANA names, ``+09:00``, ``Z``, ``UTC``).
_ZONE_CHARS: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-:"
)

_start_set, _end_set, _precision_set, _zone_set = setters(
    When, ("start", "end", "precision", "zone")
)


def parse_when(value: object, default_zone: str | None = None) -> When:
    """Parse a time value exactly as :meth:`When.parse` does (equal values, the same errors),
    cheaply for its common forms. Casebooks repeat their times: each text is read once."""
    if type(value) is str:
        return _parse_text(value, default_zone)
    return When.parse(value, default_zone)


@functools.lru_cache(maxsize=65536)
def _parse_text(value: str, default_zone: str | None) -> When:
    return fast_when(value, default_zone) or When.parse(value, default_zone)


def fast_when(text: str, default_zone: str | None) -> When | None:
    """The value ``text`` gives when written in a common form that :meth:`When.parse` takes, else
    ``None`` (the text may still be a time, or wrong: only :meth:`When.parse` says which)."""
    if len(text) < 10 or not text.isascii():
        return None
    body, space, written = text.partition(" ")
    if space and not written:  # a space at the end, or two
        return None
    if len(body) == 10:  # a day, or a part of one
        read = _read(body)
        if read is None:
            return None
        part, space, after = written.partition(" ")
        precision = _PARTS.get(part)
        if precision is None:  # "2023-11-19", "2023-11-19 Asia/Seoul"
            return None if space else _period(read, Precision.DAY, written, default_zone)
        if space and not after:
            return None
        return _period(read, precision, after, default_zone)
    first, slash, second = body.partition("/")
    if slash:
        return _interval(first, second, written, default_zone)
    return _clock(body, written, default_zone)


#: What a day or a clock time gives: its precision, how long it lasts, and its wall time.
_Read = tuple[Precision, _dt.timedelta, _dt.datetime]
#: The shape of a day or a clock time, as the general parser's pattern has it (ASCII digits).
_SHAPE: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?)?", re.ASCII
)
#: Precision and length by the number of characters: 10 a day, 13 an hour, 16 a minute, 19 to 26 a
#: second (with up to six digits of fraction).
_BY_SIZE: Final = {
    10: (Precision.DAY, _dt.timedelta(days=1)),
    13: (Precision.HOUR, _dt.timedelta(hours=1)),
    16: (Precision.MINUTE, _dt.timedelta(minutes=1)),
    **{size: (Precision.SECOND, _dt.timedelta(seconds=1)) for size in range(19, 27)},
}


def _read(body: str) -> _Read | None:
    """``2023-11-17``, ``…T12``, ``…T12:28``, ``…T12:28:05``, ``…T12:28:05.25`` (no zone), read
    if it is a real time of years 2 to 9998. Then no zone (every offset is under a day) takes its
    start or end out of the range When.parse allows, so that its range check cannot fail."""
    if not _SHAPE.fullmatch(body) or body[11:13] == "24":  # (24:00 is the next day to some)
        return None
    try:
        wall = _dt.datetime.fromisoformat(body)  # the fields and their ranges, in C
    except ValueError:
        return None
    if not 2 <= wall.year <= 9998:
        return None
    precision, step = _BY_SIZE[len(body)]
    return precision, step, wall


def _clock(body: str, written: str, default_zone: str | None) -> When | None:
    """A clock time; then an offset, or else a zone after a space (``written``), or neither."""
    size = len(body)
    if size < 13:  # "2023-11-17T12" at the least: without its offset, never a day
        return None
    offset = ""
    if body[-1] == "Z":
        offset = "Z"
    elif size >= 18 and body[-5] in "+-":  # +0900 (the sign lies past the hour: 13 on)
        offset = body[-5:]
        if not offset[1:].isdigit():
            return None
    elif size >= 19 and body[-6] in "+-":  # +09:00
        offset = body[-6:]
        if offset[3] != ":" or not (offset[1:3] + offset[4:]).isdigit():
            return None
    if offset and written:
        return None  # two zones: When.parse says so
    read = _read(body[:size - len(offset)])
    zone = _zone(offset or written, default_zone)
    if read is None or zone is None:
        return None
    name, tz = zone
    precision, step, naive = read
    wall = _wall(tz, naive)
    start = _make(tz, wall)
    if type(tz) is FixedTimezone:
        return _when(start, _make(tz, wall + step), precision, name)
    # The end as DateTime.add(seconds=…) makes it: the step on from the start's instant, in UTC,
    # shown in the zone.
    utc = wall - tz.utcoffset(wall) + step  # type: ignore[operator]
    end = tz.fromutc(_dt.datetime(utc.year, utc.month, utc.day, utc.hour, utc.minute,
                                  utc.second, utc.microsecond, tzinfo=tz))
    return _when(start, _make(tz, end), precision, name)


def _interval(first: str, second: str, written: str, default_zone: str | None) -> When | None:
    """``2023-11-17T12:25/2023-11-17T12:30``, either end a day or a clock time, both in the zone
    written after them or the default: from the first's start to the second's. (Both ends in one
    zone, When.parse's end, the second's start shown in the first's zone, is that start itself.)"""
    a, b, zone = _read(first), _read(second), _zone(written, default_zone)
    if a is None or b is None or zone is None:
        return None
    name, tz = zone
    start, end = _make(tz, _wall(tz, a[2])), _make(tz, _wall(tz, b[2]))
    if end <= start:
        return None  # When.parse refuses it
    return _when(start, end, Precision.INTERVAL, name)


def _period(
    read: _Read, precision: Precision, written: str, default_zone: str | None
) -> When | None:
    """A day, or a part of one, in the written or default zone."""
    zone = _zone(written, default_zone)
    if zone is None:
        return None
    name, tz = zone
    first_hour, length = _SPANS[precision]
    first = read[2].replace(hour=first_hour)
    return _when(_make(tz, _wall(tz, first)), _make(tz, _wall(tz, first + length)), precision,
                 name)


def _when(
    start: pendulum.DateTime, end: pendulum.DateTime, precision: Precision, name: str
) -> When:
    """The When of these fields, made as the bulk loader makes its objects (``_slots``)."""
    when = When.__new__(When)
    _start_set(when, start)
    _end_set(when, end)
    _precision_set(when, precision)
    _zone_set(when, name)
    return when


#: A zone as written (a name or an offset) or given by default: its canonical text and pendulum
#: zone, as When.parse finds them. Only zones that exist are kept; the rest go the general way.
_zones: dict[str, tuple[str, Timezone | FixedTimezone]] = {}


def _zone(written: str, default_zone: str | None) -> tuple[str, Timezone | FixedTimezone] | None:
    text = written or default_zone
    if text is None:
        return None
    found = _zones.get(text)
    if found is None:
        if not _ZONE_CHARS.issuperset(text):
            return None
        try:
            name = _canonical_zone(text)
            found = _zones[text] = (name, zone_of(name))
        except ValueError:
            return None
    return found


def _wall(tz: Timezone | FixedTimezone, naive: _dt.datetime) -> _dt.datetime:
    """The wall time (and fold) ``pendulum.datetime(…, tz=tz)`` makes of ``naive``: a fixed offset
    shows it as it is (fold 0); a zone takes, of a wall time its clocks pass twice, the later
    (fold 1), and moves one they skip forward by the gap (fold 0), as ``Timezone.convert`` does."""
    if type(tz) is FixedTimezone:
        return naive
    later = naive.replace(fold=1)
    gap = tz.utcoffset(later) - tz.utcoffset(naive)  # type: ignore[operator]
    return naive + gap if gap > _NO_TIME else later


def _make(tz: Timezone | FixedTimezone, wall: _dt.datetime) -> pendulum.DateTime:
    """The pendulum ``DateTime`` of a wall time in ``tz`` (a naive datetime, or one in ``tz``)."""
    return _DateTime(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second,
                     wall.microsecond, tzinfo=tz, fold=wall.fold)
