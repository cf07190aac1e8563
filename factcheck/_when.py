"""Time values: instants and intervals that always carry a zone and a precision."""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import re
from typing import ClassVar, Final

import attrs
import pendulum
from pendulum.tz.timezone import FixedTimezone, Timezone

from ._errors import TimeValueError

__all__ = ["CLOCK", "Order", "Precision", "When", "format_instant", "offset_name", "zone_of"]


class Precision(enum.Enum):
    """How finely a time value is known."""

    SECOND = "second"
    MINUTE = "minute"
    HOUR = "hour"
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"
    NIGHT = "night"
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    INTERVAL = "interval"


class Order(enum.Enum):
    """How two time values lie relative to each other."""

    BEFORE = "before"
    AFTER = "after"
    OVERLAPPING = "overlapping"
    INDETERMINATE = "indeterminate"


#: Parts of day, as [start hour, length in hours) in local wall time.
PARTS_OF_DAY: Final = {
    Precision.MORNING: (6, 6),
    Precision.AFTERNOON: (12, 6),
    Precision.EVENING: (18, 4),
    Precision.NIGHT: (22, 8),
}

_FLIPPED: Final = {Order.BEFORE: Order.AFTER, Order.AFTER: Order.BEFORE}
CLOCK = {Precision.SECOND, Precision.MINUTE, Precision.HOUR}
_OFFSET_RE = re.compile(r"^(?:Z|UTC|[+-]\d{2}:?\d{2})$", re.ASCII)
_BODY_RE = re.compile(
    r"""^(?P<year>\d{4})
        (?:-(?P<month>\d{2})
          (?:-(?P<day>\d{2})
            (?:
              (?:[ ](?P<part>morning|afternoon|evening|night))
              |
              (?:T(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<frac>\d{1,6}))?)?)?
                 (?P<offset>Z|[+-]\d{2}:?\d{2})?)
            )?
          )?
        )?$""",
    re.VERBOSE | re.ASCII,
)
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_EXPECTED = (
    'a time such as "2023-11-19", "2023-11-18 evening", "2023-11-17T12:28" or '
    '"2023-11-17T12:25/2023-11-17T12:30", with a zone ("Asia/Seoul", "-08:00")'
)


#: The instants every zone can show: a day in from the ends of Python's calendar (years 1 and 9999),
#: so that no offset (+14:00, or a historical local mean time) carries a time past either end.
EARLIEST: Final = _dt.datetime(1, 1, 2, tzinfo=_dt.UTC)
LATEST: Final = _dt.datetime(9999, 12, 30, tzinfo=_dt.UTC)
_RANGE = "times must fall between 0001-01-02 and 9999-12-30 (UTC), so that every zone can show them"


def within_range(instant: _dt.datetime, shown: object) -> None:
    """Raise :class:`TimeValueError` for an instant too near year 1 or 9999 for every zone."""
    if not EARLIEST <= instant <= LATEST:
        text = shown.isoformat() if isinstance(shown, _dt.date) else shown
        raise TimeValueError(f"{text!r} is out of range: {_RANGE}")


def zone_of(name: str) -> Timezone | FixedTimezone:
    """Return the pendulum zone for an IANA name or an offset such as ``+09:00``."""
    if _OFFSET_RE.match(name):
        if name in ("Z", "UTC"):
            return pendulum.UTC
        sign = -1 if name[0] == "-" else 1
        digits = name[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            raise TimeValueError(
                f"unknown time zone {name!r}: an offset runs from -23:59 to +23:59"
            )
        seconds = sign * (hours * 3600 + minutes * 60)
        return FixedTimezone(seconds, name=offset_name(seconds))
    if name == "localtime":
        # zoneinfo reads this as whatever zone the machine is set to: never a silent default.
        raise TimeValueError(
            "unknown time zone 'localtime': name the zone, such as \"Asia/Seoul\""
        )
    try:
        return pendulum.timezone(name)
    except Exception as exc:  # pendulum raises several types for unknown names
        raise TimeValueError(f"unknown time zone {name!r}") from exc


def _is_zone(name: str) -> bool:
    try:
        zone_of(name)
    except TimeValueError:
        return False
    return True


def offset_name(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours:02d}:{rest // 60:02d}"


def _canonical_zone(name: str) -> str:
    zone = zone_of(name)
    return zone.name if isinstance(zone, Timezone) else offset_name(int(zone.offset))


def _local(
    zone: Timezone | FixedTimezone, day: _dt.date, hour: int = 0, minute: int = 0, second: int = 0,
    micro: int = 0,
) -> pendulum.DateTime:
    return pendulum.datetime(
        day.year, day.month, day.day, hour, minute, second, micro, tz=zone
    )


@attrs.frozen(order=False)
class When:
    """A time value: the half-open interval [start, end) a moment lies in, or that a period fills.

    ``start`` and ``end`` are aware, in ``zone``; ``precision`` says how the value was given.
    """

    start: pendulum.DateTime
    end: pendulum.DateTime
    precision: Precision
    zone: str
    #: True when known only by one bound (``"<= …"``, ``">= …"``: see ``_bounds``).
    is_bound: ClassVar[bool] = False

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def parse(cls, value: object, default_zone: str | None = None) -> When:
        """Parse a TOML string, date or datetime; ``default_zone`` applies where none is written.

        Raises :class:`TimeValueError` (a ``ValueError``) saying what was expected.

        A wall time that a zone's clocks pass twice (``"2023-11-05T01:30 America/Los_Angeles"``,
        when daylight saving time ends) means the later one, in standard time; one that they skip
        (``"2023-03-12T02:30 America/Los_Angeles"``) is moved forward by the gap, to 03:30. Write an
        offset to mean the other: ``"2023-11-05T01:30-07:00"``.
        """
        try:
            if isinstance(value, str):
                # Casebooks repeat the same times (a day, a revision's time) many times over: parse
                # each text once, and share the immutable result.
                when = _parse_text(value, default_zone)
            else:
                when = cls._parse(value, default_zone)
            within_range(when.start, value)
            within_range(when.end, value)
            return when
        except TimeValueError:
            raise
        except (ValueError, OverflowError) as exc:  # dates near year 1 or 9999, and the like
            shown = value.isoformat() if isinstance(value, _dt.date) else value
            raise TimeValueError(f"{shown!r} is not a real time: {exc}") from exc

    @classmethod
    def _parse(cls, value: object, default_zone: str | None) -> When:
        if isinstance(value, _dt.datetime):
            return cls._from_datetime(value, default_zone)
        if isinstance(value, _dt.date):
            zone = cls._need_zone(None, default_zone, value.isoformat())
            return cls._from_parts(value, Precision.DAY, zone)
        if not isinstance(value, str):
            raise TimeValueError(f"expected {_EXPECTED}, got {type(value).__name__}")
        text = value.strip()
        body, _, zone_text = text.partition(" ")
        if zone_text in {"morning", "afternoon", "evening", "night"} or zone_text.startswith(
            ("morning ", "afternoon ", "evening ", "night ")
        ):
            part, _, zone_text = zone_text.partition(" ")
            body = f"{body} {part}"
        zone_text = zone_text.strip()
        if (zone_text.isascii() and zone_text.isalpha() and zone_text.islower()
                and zone_text != "localtime" and _DAY_RE.match(body) and not _is_zone(zone_text)):
            # "2023-11-18 midday": a misspelt part of day, not an unknown zone.
            raise TimeValueError(
                f"expected a part of day (morning | afternoon | evening | night) or a zone after "
                f"the date, got {zone_text!r} in {value!r}"
            )
        first, sep, second = body.partition("/")
        if sep:
            return cls._interval(first, second, zone_text or None, default_zone, value)
        return cls._single(body, zone_text or None, default_zone, value)

    @staticmethod
    def _need_zone(written: str | None, default_zone: str | None, shown: str) -> str:
        zone = written or default_zone
        if zone is None:
            raise TimeValueError(
                f"time {shown!r} has no zone, and its file declares none: write one "
                '("2023-11-19 Asia/Seoul", "2023-11-19T23:53-08:00") or set the file\'s `zone`'
            )
        return _canonical_zone(zone)

    @classmethod
    def _from_datetime(cls, value: _dt.datetime, default_zone: str | None) -> When:
        if value.tzinfo is None:
            zone = cls._need_zone(None, default_zone, value.isoformat())
            start = _local(zone_of(zone), value.date(), value.hour, value.minute, value.second,
                           value.microsecond)
        else:
            offset = value.utcoffset()
            assert offset is not None
            zone = offset_name(int(offset.total_seconds()))
            start = pendulum.instance(value).in_timezone(zone_of(zone))
        return cls(start, start.add(seconds=1), Precision.SECOND, zone)

    @classmethod
    def _single(
        cls, body: str, zone_text: str | None, default_zone: str | None, shown: str
    ) -> When:
        match = _BODY_RE.match(body)
        if not match:
            raise TimeValueError(f"expected {_EXPECTED}, got {shown!r}")
        offset = match["offset"]
        if offset and zone_text:
            raise TimeValueError(f"time {shown!r} names two zones; write one")
        zone = cls._need_zone(offset or zone_text, default_zone, shown)
        try:
            return cls._from_match(match, zone)
        except ValueError as exc:
            raise TimeValueError(f"{shown!r} is not a real time: {exc}") from exc

    @classmethod
    def _from_match(cls, match: re.Match[str], zone: str) -> When:
        year = int(match["year"])
        if match["month"] is None:
            return cls._from_parts(_dt.date(year, 1, 1), Precision.YEAR, zone)
        month = int(match["month"])
        if match["day"] is None:
            return cls._from_parts(_dt.date(year, month, 1), Precision.MONTH, zone)
        day = _dt.date(year, month, int(match["day"]))
        if match["part"]:
            return cls._from_parts(day, Precision(match["part"]), zone)
        if match["hour"] is None:
            return cls._from_parts(day, Precision.DAY, zone)
        hour = int(match["hour"])
        if match["minute"] is None:
            return cls._from_parts(day, Precision.HOUR, zone, hour)
        minute = int(match["minute"])
        if match["second"] is None:
            return cls._from_parts(day, Precision.MINUTE, zone, hour, minute)
        micro = int((match["frac"] or "0").ljust(6, "0"))
        return cls._from_parts(day, Precision.SECOND, zone, hour, minute, int(match["second"]),
                               micro)

    @classmethod
    def _from_parts(
        cls, day: _dt.date, precision: Precision, zone: str, hour: int = 0, minute: int = 0,
        second: int = 0, micro: int = 0,
    ) -> When:
        tz = zone_of(zone)
        if precision is Precision.YEAR:
            start = _local(tz, day)
            end = _local(tz, _dt.date(day.year + 1, 1, 1))
        elif precision is Precision.MONTH:
            start = _local(tz, day)
            nxt = _dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
            end = _local(tz, nxt)
        elif precision is Precision.DAY:
            start = _local(tz, day)
            end = _local(tz, day + _dt.timedelta(days=1))
        elif precision in PARTS_OF_DAY:
            first_hour, length = PARTS_OF_DAY[precision]
            start = _local(tz, day, first_hour)
            last = first_hour + length
            end = _local(tz, day + _dt.timedelta(days=last // 24), last % 24)
        else:
            start = _local(tz, day, hour, minute, second, micro)
            step = {Precision.HOUR: 3600, Precision.MINUTE: 60, Precision.SECOND: 1}[precision]
            end = start.add(seconds=step)
        return cls(start, end, precision, zone)

    @classmethod
    def _interval(
        cls, first: str, second: str, zone_text: str | None, default_zone: str | None, shown: str
    ) -> When:
        a = cls._single(first, zone_text, default_zone, shown)
        b = cls._single(second, zone_text or a.zone, default_zone, shown)
        if b.start <= a.start:
            raise TimeValueError(f"interval {shown!r} ends before it starts")
        return cls(a.start, b.start.in_timezone(zone_of(a.zone)), Precision.INTERVAL, a.zone)

    # -- reading ------------------------------------------------------------------------------

    @property
    def known_from(self) -> pendulum.DateTime:
        """When a publication at this time was certainly public.

        A time known to the second counts from that second; anything coarser counts from the end of
        its interval, because only then is it certain to have happened.
        """
        return self.start if self.precision is Precision.SECOND else self.end

    @property
    def is_exact(self) -> bool:
        """True when known to the second."""
        return self.precision is Precision.SECOND

    def text(self) -> str:
        """The canonical string form, which :meth:`parse` reads back to an equal value."""
        return f"{self._body()} {self.zone}"

    def _body(self) -> str:
        s = self.start
        if self.precision is Precision.INTERVAL:
            return f"{_short(s)}/{_short(self.end)}"
        if self.precision is Precision.YEAR:
            return f"{s.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{s.year:04d}-{s.month:02d}"
        if self.precision is Precision.DAY:
            return s.date().isoformat()
        if self.precision in PARTS_OF_DAY:
            return f"{s.date().isoformat()} {self.precision.value}"
        if self.precision is Precision.HOUR:
            return f"{s.date().isoformat()}T{s.hour:02d}"
        if self.precision is Precision.MINUTE:
            return f"{s.date().isoformat()}T{s.hour:02d}:{s.minute:02d}"
        return _clock(s)

    def __str__(self) -> str:
        return self.text()

    def format(self, zone: str | None = None) -> str:
        """Show the value in ``zone`` (default: its own), with the zone named."""
        target = _canonical_zone(zone) if zone else self.zone
        own = target == self.zone
        start = self.start if own else self.start.in_timezone(zone_of(target))
        if self.precision in (Precision.SECOND, Precision.MINUTE):
            return format_instant(start, None, seconds=self.precision is Precision.SECOND)
        if own and self.precision not in (Precision.HOUR, Precision.INTERVAL):
            # A day, month, year or part of day reads best as written: "2023-11-18 evening PST".
            return f"{self._body()} {_abbrev(self.start)}"
        end = self.end if own else self.end.in_timezone(zone_of(target))
        first, last = _abbrev(start), _abbrev(end)
        if first == last:
            shown = f"{_wall(start)} – {_wall(end, after=start)} {first}"
        else:  # the range crosses a change of offset (PDT to PST): each end says which it is in
            shown = f"{_wall(start)} {first} – {_wall(end, after=start)} {last}"
        return shown if own else f"{shown} ({self._body()} {self.zone})"

    # -- comparing ----------------------------------------------------------------------------

    def compare(self, other: When) -> Order:
        """Where this value lies relative to ``other``.

        ``BEFORE`` / ``AFTER``: certainly, whatever moment within each interval is meant.
        ``OVERLAPPING``: one lies wholly within the other, so they certainly coincide at the coarser
        precision (a post at 23:53:28 PT is certainly on 2023-11-19 PT).
        ``INDETERMINATE``: they overlap only in part, so the order cannot be told; the library
        does not guess.
        """
        if other.is_bound and not self.is_bound:
            return _FLIPPED.get(other.compare(self), Order.INDETERMINATE)
        if self.end <= other.start:
            return Order.BEFORE
        if self.start >= other.end:
            return Order.AFTER
        if (self.start >= other.start and self.end <= other.end) or (
            other.start >= self.start and other.end <= self.end
        ):
            return Order.OVERLAPPING
        return Order.INDETERMINATE

    def contains(self, instant: _dt.datetime) -> bool:
        """True when ``instant`` falls inside [start, end)."""
        # In UTC: Python compares two times of one zone by wall clock, ignoring `fold`, which is
        # wrong in the hour that clocks repeat when daylight saving time ends.
        return _utc(self.start) <= _utc(instant) < _utc(self.end)


def _utc(instant: _dt.datetime) -> _dt.datetime:
    return instant.astimezone(_dt.UTC)


def _clock(s: pendulum.DateTime) -> str:
    base = f"{s.date().isoformat()}T{s.hour:02d}:{s.minute:02d}:{s.second:02d}"
    return f"{base}.{s.microsecond:06d}" if s.microsecond else base


def _short(s: pendulum.DateTime) -> str:
    if s.hour == s.minute == s.second == s.microsecond == 0:
        return s.date().isoformat()
    if s.second == s.microsecond == 0:
        return f"{s.date().isoformat()}T{s.hour:02d}:{s.minute:02d}"
    return _clock(s)


def _wall(dt: pendulum.DateTime, after: pendulum.DateTime | None = None) -> str:
    """Wall-clock time for people: ``2023-11-18 05:25``; only the clock when on ``after``'s day."""
    clock = f"{dt.hour:02d}:{dt.minute:02d}" + (f":{dt.second:02d}" if dt.second else "")
    if after is not None and after.date() == dt.date():
        return clock
    return f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d} {clock}"


def _abbrev(dt: pendulum.DateTime) -> str:
    name = dt.tzname() or ""
    if not name or name[0] in "+-":
        return "UTC" + offset_name(int(dt.utcoffset().total_seconds()))  # type: ignore[union-attr]
    return name


def format_instant(dt: pendulum.DateTime, zone: str | None = None, *, seconds: bool = False) -> str:
    """Show an instant in ``zone`` (default: its own), the zone named: ``2023-11-20 16:53 KST``."""
    if zone:
        dt = dt.in_timezone(zone_of(zone))
    # Plain fields, not pendulum's token formatter: reports format hundreds of thousands of times.
    text = f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d} {dt.hour:02d}:{dt.minute:02d}"
    if seconds or dt.second or dt.microsecond:
        text = f"{text}:{dt.second:02d}"
    return f"{text} {_abbrev(dt)}"


def format_published(when: When, zone: str | None = None) -> str:
    """A publication time for people: in ``zone`` (default: its own), the zone named, and where it
    is imprecise, from when it counts (the end of its interval, once certainly public)."""
    text = when.format(zone)
    if not when.is_exact:
        text += f", counted from {format_instant(when.known_from, zone)}"
    return text


@functools.lru_cache(maxsize=65536)
def _parse_text(value: str, default_zone: str | None) -> When:
    return When._parse(value, default_zone)
