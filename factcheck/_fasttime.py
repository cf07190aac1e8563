"""The common written forms of a time value, read without the general parser's detours.

Loading a casebook parses tens of thousands of distinct time strings (a revision's ``published``,
a claim's ``valid``), nearly all in a few forms: a day, a day and a part of day, or a day and a
clock time (to the hour, minute, second or fraction), with a zone name, an offset (``+09:00``,
``Z``) or the file's default zone. :func:`parse_when` reads those forms by fixed positions and
makes the value's pendulum ``DateTime`` s with the very operations ``pendulum.datetime`` and
``DateTime.add`` perform, without their layers (argument handling, ``add_duration``, a zone looked
up again for each end). Anything else (an interval, a year or a month, a bounded time, a year
within one of the calendar's ends, whitespace, any error) is left to :meth:`When.parse`, which
stays the one definition of what a time value means: the values made here are equal to its,
field for field, zone and fold included (tests/when/test_fasttime.py checks it against it).
"""

from __future__ import annotations

import datetime as _dt
import functools
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
_HOUR: Final = _dt.timedelta(hours=1)
_MINUTE: Final = _dt.timedelta(minutes=1)
_SECOND: Final = _dt.timedelta(seconds=1)
#: Characters of the zone names and offsets read here (IANA names, ``+09:00``, ``Z``, ``UTC``).
_ZONE_CHARS: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-:"
)
_DAYS_IN_MONTH: Final = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

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
    if len(text) < 10 or not text.isascii() or text[4] != "-" or text[7] != "-":
        return None
    # ASCII text: isdigit() is true of 0-9 alone, as the general parser's \d (re.ASCII).
    if not (text[:4] + text[5:7] + text[8:10]).isdigit():
        return None
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
    # Years 2-9998 only: then no zone (every offset is under a day) takes a start or an end out of
    # the range When.parse allows, so its range check cannot fail here.
    if not (2 <= year <= 9998 and 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month]) or (
        month == 2 and day == 29 and not _leap(year)
    ):
        return None
    body, space, written = text.partition(" ")
    if space and not written:  # a space at the end, or two
        return None
    if len(body) == 10:
        part, space, after = written.partition(" ")
        precision = _PARTS.get(part)
        if precision is None:  # "2023-11-19", "2023-11-19 Asia/Seoul"
            return None if space else _period(year, month, day, Precision.DAY, written,
                                              default_zone)
        if space and not after:
            return None
        return _period(year, month, day, precision, after, default_zone)
    if body[10] != "T":
        return None
    return _clock(body, written, year, month, day, default_zone)


def _clock(
    body: str, written: str, year: int, month: int, day: int, default_zone: str | None
) -> When | None:
    """``2023-11-17T12``, ``…T12:28``, ``…T12:28:05``, ``…T12:28:05.25``; then an offset, or else
    a zone after a space (``written``), or neither."""
    size = len(body)
    offset = ""
    if body[-1] == "Z":  # the offset's sign or "Z" lies past the hour (index 13 on)
        offset, size = "Z", size - 1
    elif size >= 18 and body[size - 5] in "+-":  # +0900
        offset, size = body[size - 5:], size - 5
        if not offset[1:].isdigit():
            return None
    elif size >= 19 and body[size - 6] in "+-":  # +09:00
        offset, size = body[size - 6:], size - 6
        if offset[3] != ":" or not (offset[1:3] + offset[4:]).isdigit():
            return None
    if offset and written:
        return None  # two zones: When.parse says so
    fraction = ""
    if size == 13:
        precision, step, digits = Precision.HOUR, _HOUR, body[11:13]
    elif size == 16 and body[13] == ":":
        precision, step, digits = Precision.MINUTE, _MINUTE, body[11:13] + body[14:16]
    elif (size == 19 or (21 <= size <= 26 and body[19] == ".")) and body[13] == body[16] == ":":
        precision, step = Precision.SECOND, _SECOND
        digits, fraction = body[11:13] + body[14:16] + body[17:19], body[20:size]
    else:
        return None
    if not (digits + fraction).isdigit():
        return None
    hour, minute, second = int(digits[:2]), int(digits[2:4] or 0), int(digits[4:] or 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    zone = _zone(offset or written, default_zone)
    if zone is None:
        return None
    name, tz = zone
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    wall = _wall(tz, year, month, day, hour, minute, second, micro)
    start = _make(tz, wall)
    if type(tz) is FixedTimezone:
        return _when(start, _make(tz, wall + step), precision, name)
    # The end as DateTime.add(seconds=…) makes it: the step on from the start's instant, in UTC,
    # shown in the zone.
    utc = wall - tz.utcoffset(wall) + step  # type: ignore[operator]
    end = tz.fromutc(_dt.datetime(utc.year, utc.month, utc.day, utc.hour, utc.minute,
                                  utc.second, utc.microsecond, tzinfo=tz))
    return _when(start, _make(tz, end), precision, name)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _period(
    year: int, month: int, day: int, precision: Precision, written: str | None,
    default_zone: str | None,
) -> When | None:
    """A day, or a part of one, in the written or default zone."""
    zone = _zone(written, default_zone)
    if zone is None:
        return None
    name, tz = zone
    first_hour, length = _SPANS[precision]
    last = _dt.datetime(year, month, day, first_hour) + length
    return _when(_make(tz, _wall(tz, year, month, day, first_hour)),
                 _make(tz, _wall(tz, last.year, last.month, last.day, last.hour)), precision, name)


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


def _zone(
    written: str | None, default_zone: str | None
) -> tuple[str, Timezone | FixedTimezone] | None:
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


def _wall(
    tz: Timezone | FixedTimezone, year: int, month: int, day: int, hour: int = 0, minute: int = 0,
    second: int = 0, micro: int = 0,
) -> _dt.datetime:
    """The wall time (and fold) ``pendulum.datetime(…, tz=tz)`` makes of the one given: a fixed
    offset shows it as it is (fold 0); a zone takes, of a wall time its clocks pass twice, the
    later (fold 1), and moves one they skip forward by the gap (fold 0), as ``Timezone.convert``
    does."""
    naive = _dt.datetime(year, month, day, hour, minute, second, micro)
    if type(tz) is FixedTimezone:
        return naive
    later = _dt.datetime(year, month, day, hour, minute, second, micro, fold=1)
    gap = tz.utcoffset(later) - tz.utcoffset(naive)  # type: ignore[operator]
    return naive + gap if gap > _NO_TIME else later


def _make(tz: Timezone | FixedTimezone, wall: _dt.datetime) -> pendulum.DateTime:
    """The pendulum ``DateTime`` of a wall time in ``tz`` (a naive datetime, or one in ``tz``)."""
    return _DateTime(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second,
                     wall.microsecond, tzinfo=tz, fold=wall.fold)
