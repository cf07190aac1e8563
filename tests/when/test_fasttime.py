"""The fast time parser (factcheck/_fasttime.py) against When.parse, the oracle.

``fast_when`` reads the common written forms and gives ``None`` for everything else; ``parse_when``
(what the loader calls) answers from it or from ``When.parse``. Both must give values equal to
When.parse's in every respect a caller could see (instants, wall fields, fold, zone object and
offset, precision, zone text, the string form), and parse_when must refuse what When.parse refuses
with the same message.
"""

from __future__ import annotations

import datetime as dt
import functools

import pendulum
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck import Precision, TimeValueError, When
from factcheck._fasttime import fast_when, parse_when

from .strategies import PARTS

#: Zones with daylight saving time (northern, southern, negative in Dublin, two hours in Troll, half
#: an hour at Lord Howe), clocks that skip midnight (Santiago) or a whole day (Apia, 2011-12-30),
#: odd standing offsets (St John's, Kathmandu), the ends of the offsets (Kiritimati, Etc/GMT+12).
ZONE_NAMES = (
    "Asia/Seoul", "America/Los_Angeles", "Europe/London", "UTC", "Europe/Dublin",
    "Antarctica/Troll", "Australia/Lord_Howe", "America/Santiago", "Pacific/Apia",
    "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati", "Etc/GMT+12", "Etc/UTC",
)
#: Offsets as they may be written after a clock time or as a zone, and other ways to say UTC.
OFFSETS = ("Z", "+09:00", "-08:00", "+0530", "-0930", "+00:00", "-00:00", "+14:00", "-23:59",
           "+23:59", "+05:45")
OTHER_ZONES = ("utc", "Z", "UTC", "+09:00", "-0800")


def _changes(zone: str, first: int, last: int) -> list[dt.date]:
    """Days of years [first, last] on which the zone's offset changes, with the days either side."""
    tz = pendulum.timezone(zone)
    found = []
    day = dt.date(first, 1, 1)
    before = tz.utcoffset(dt.datetime(first, 1, 1))
    while day.year <= last:
        nxt = day + dt.timedelta(days=1)
        after = tz.utcoffset(dt.datetime(nxt.year, nxt.month, nxt.day))
        midnight = dt.datetime(day.year, day.month, day.day)
        if after != before or tz.utcoffset(midnight) != tz.utcoffset(midnight.replace(fold=1)):
            found += [day - dt.timedelta(days=1), day, nxt]
        before, day = after, nxt
    return found


@functools.cache
def _transition_days() -> tuple[tuple[str, dt.date], ...]:
    years = ((1908, 1912), (1940, 1947), (1968, 1972), (2010, 2012), (2022, 2024), (2036, 2037))
    return tuple((zone, day) for zone in ZONE_NAMES if zone not in ("UTC", "Etc/UTC")
                 for first, last in years for day in _changes(zone, first, last))


def _near_changes() -> st.SearchStrategy[tuple[str, dt.date]]:
    return st.sampled_from(_transition_days())


#: A zone and a day: any day of the calendar, or one on which the zone's clocks change.
zone_days = st.one_of(
    st.tuples(st.sampled_from(ZONE_NAMES + OFFSETS + OTHER_ZONES),
              st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
    st.deferred(_near_changes),
    st.tuples(st.sampled_from(ZONE_NAMES + OFFSETS),
              st.sampled_from([dt.date(1, 1, 1), dt.date(1, 1, 2), dt.date(1, 1, 3),
                               dt.date(2, 1, 1), dt.date(9998, 12, 31), dt.date(9999, 12, 29),
                               dt.date(9999, 12, 30), dt.date(9999, 12, 31), dt.date(2000, 2, 29),
                               dt.date(2023, 12, 31), dt.date(2024, 1, 1)])),
)


@st.composite
def clocks(draw: st.DrawFn) -> str:
    """``THH``, ``THH:MM``, ``THH:MM:SS`` or with a fraction of 1 to 6 digits; hours about
    transitions (00-03) drawn often."""
    hour = draw(st.one_of(st.integers(0, 3), st.integers(0, 23)))
    form = draw(st.sampled_from(("hour", "minute", "second", "fraction")))
    if form == "hour":
        return f"T{hour:02d}"
    minute = draw(st.one_of(st.sampled_from((0, 29, 30, 59)), st.integers(0, 59)))
    if form == "minute":
        return f"T{hour:02d}:{minute:02d}"
    second = draw(st.one_of(st.sampled_from((0, 59)), st.integers(0, 59)))
    if form == "second":
        return f"T{hour:02d}:{minute:02d}:{second:02d}"
    digits = draw(st.integers(1, 6))
    fraction = draw(st.integers(0, 10**digits - 1))
    return f"T{hour:02d}:{minute:02d}:{second:02d}.{fraction:0{digits}d}"


@st.composite
def common(draw: st.DrawFn) -> tuple[str, str | None]:
    """(text, default zone): a time in one of the forms the fast path reads."""
    zone, day = draw(zone_days)
    date = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    form = draw(st.sampled_from(("day", "part", "clock", "offset", "interval")))
    written = draw(st.booleans())
    default = None if written else zone
    suffix = f" {zone}" if written else ""
    if form == "day":
        return f"{date}{suffix}", default
    if form == "part":
        return f"{date} {draw(st.sampled_from(PARTS))}{suffix}", default
    if form == "clock":
        return f"{date}{draw(clocks())}{suffix}", default
    if form == "interval":  # either end a day or a clock time; the second often after the first
        later = day + dt.timedelta(days=draw(st.integers(0, 2))) if day.year < 9999 else day
        ends = [f"{d.year:04d}-{d.month:02d}-{d.day:02d}{draw(st.just('') | clocks())}"
                for d in (day, later)]
        return f"{ends[0]}/{ends[1]}{suffix}", default
    offset = draw(st.sampled_from(("Z", "+09:00", "-08:00", "+0530", "-0930", "+14:00", "-23:59",
                                   "+00:00")))
    return f"{date}{draw(clocks())}{offset}", draw(st.sampled_from((None, *ZONE_NAMES[:4])))


def _fields(instant: dt.datetime) -> tuple[object, ...]:
    tz = instant.tzinfo
    return (type(instant), instant.year, instant.month, instant.day, instant.hour, instant.minute,
            instant.second, instant.microsecond, instant.fold, type(tz), tz,
            getattr(tz, "name", None), instant.utcoffset(), instant.tzname(), instant.timestamp())


def assert_same(fast: When, slow: When) -> None:
    """Equal in every respect a caller can see."""
    assert type(slow) is type(fast)
    assert slow == fast
    assert _fields(slow.start) == _fields(fast.start)
    assert _fields(slow.end) == _fields(fast.end)
    assert slow.precision is fast.precision
    assert slow.zone == fast.zone
    assert str(slow) == str(fast)
    assert slow.format() == fast.format()


def _slow(text: object, default: str | None) -> When | str:
    """When.parse's value, or its error message."""
    try:
        return When.parse(text, default)
    except TimeValueError as exc:
        return f"TimeValueError: {exc}"


def assert_agrees(text: str, default: str | None) -> When | None:
    """fast_when gives When.parse's value or None; parse_when gives its value or its error."""
    slow = _slow(text, default)
    fast = fast_when(text, default)
    if fast is not None:
        assert not isinstance(slow, str), f"{text!r}: fast path took what When.parse refuses"
        assert_same(fast, slow)
    try:
        via = parse_when(text, default)
    except TimeValueError as exc:
        assert slow == f"TimeValueError: {exc}"
    else:
        assert not isinstance(slow, str), slow
        assert_same(via, slow)
    return fast


class TestCommonForms:
    """Every common form, in many zones, days and clock times, is read fast and read the same."""

    @settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(common())
    @example(("2023-03-12T02:30 America/Los_Angeles", None))  # skipped: moved to 03:30
    @example(("2023-11-05T01:30 America/Los_Angeles", None))  # repeated: the later one
    @example(("2023-11-05T01 America/Los_Angeles", None))
    @example(("2023-11-05T00:59:59.999999", "America/Los_Angeles"))
    @example(("2023-03-26T01:30:00 Europe/London", None))
    @example(("2023-10-29T01:59:59.5 Europe/London", None))
    @example(("2023-09-03 Santiago", None))  # not a zone: left to When.parse, which refuses it
    @example(("2023-09-03 America/Santiago", None))  # the day starts at 01:00
    @example(("2023-09-02 night America/Santiago", None))
    @example(("2011-12-30 Pacific/Apia", None))  # a day the zone skipped
    @example(("2011-12-29T23:59:59 Pacific/Apia", None))
    @example(("2011-12-29 night Pacific/Apia", None))
    @example(("2023-04-02T01:45 Australia/Lord_Howe", None))  # half an hour repeated
    @example(("2023-11-17T12:28:05.25+09:00", None))
    @example(("2023-11-17T12Z", None))
    @example(("2023-11-17T23:59:59 UTC", None))
    @example(("2023-11-17 utc", None))
    @example(("0002-01-01 +23:59", None))
    @example(("9998-12-31 night -23:59", None))
    @example(("2023-11-17T12:25/2023-11-17T12:30 Asia/Seoul", None))
    @example(("2023-11-17/2023-11-19", "-08:00"))
    @example(("2023-11-05T01:10/2023-11-05T01:50 America/Los_Angeles", None))  # both the later
    @example(("2023-11-05T00:50/2023-11-05T01:10 America/Los_Angeles", None))
    @example(("2023-11-05T01:30/2023-11-05T01:20 America/Los_Angeles", None))  # refused
    @example(("2023-03-12T02:10/2023-03-12T03:05 America/Los_Angeles", None))  # 03:10 to 03:05
    @example(("2023-11-17T12/2023-11-17T12:00 UTC", None))  # ends where it starts: refused
    def test_equal_to_when_parse(self, written: tuple[str, str | None]) -> None:
        text, default = written
        fast = assert_agrees(text, default)
        years = [int(end[:4]) for end in text.partition(" ")[0].split("/")]
        if all(2 <= year <= 9998 for year in years) and not isinstance(_slow(text, default), str):
            assert fast is not None, f"{text!r} ({default}) should take the fast path"

    @pytest.mark.parametrize("text", [
        "0001-01-01 UTC", "0001-01-02 UTC", "0001-01-02T00 +01:00", "0001-01-02 -01:00",
        "9999-12-29 UTC", "9999-12-30 +14:00", "9999-12-29T23:59:59 -23:59", "9999-12-31 UTC",
        "0001-01-03 Asia/Seoul",
    ])
    def test_ends_of_the_calendar_go_the_general_way(self, text: str) -> None:
        """Years 1 and 9999 are left to When.parse, which knows the range; its verdict stands."""
        assert fast_when(text, None) is None
        assert_agrees(text, None)

    def test_each_form_is_read_fast(self) -> None:
        for text in ("2023-11-19", "2023-11-19 Asia/Seoul", "2023-11-18 evening",
                     "2023-11-17T12:25/2023-11-17T12:30", "2023-11-17/2023-11-19T06 Asia/Seoul",
                     "2023-11-18 night America/Los_Angeles", "2023-11-17T12", "2023-11-17T12:28",
                     "2023-11-17T12:28:05", "2023-11-17T12:28:05.123456", "2023-11-17T12:28Z",
                     "2023-11-17T12:28+09:00", "2023-11-17T12:28-0800",
                     "2023-11-17T12:28:05 Europe/London"):
            assert fast_when(text, "UTC") is not None, text
            assert_agrees(text, "UTC")

    def test_a_text_is_read_once(self) -> None:
        """parse_when keeps what it read: the same text gives the same (immutable) value."""
        first = parse_when("2023-11-17T12:28:05 Asia/Seoul", None)
        assert first is parse_when("2023-11-17T12:28:05 Asia/Seoul", None)


#: Characters that make near misses of the common forms: digits (ASCII and not), separators,
#: zone letters, whitespace of several kinds.
NOISE = "0123456789-:T .+Z/<=>ZUTCtzamorningevening\t\n\u3000٣２AsiaSeoul_"


@st.composite
def near_misses(draw: st.DrawFn) -> tuple[str, str | None]:
    """A common form with a few characters inserted, deleted or replaced."""
    text, default = draw(common())
    chars = list(text)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(chars)))
        action = draw(st.sampled_from(("insert", "delete", "replace")))
        char = draw(st.sampled_from(NOISE))
        if action == "insert":
            chars.insert(at, char)
        elif at < len(chars):
            if action == "delete":
                del chars[at]
            else:
                chars[at] = char
    return "".join(chars), draw(st.sampled_from((default, None, "Asia/Seoul", "Mars/Olympus",
                                                 "localtime", "+24:00")))


class TestEverythingElse:
    """What the fast path does not read goes to When.parse: the same value or the same error."""

    @settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(near_misses())
    def test_near_misses(self, written: tuple[str, str | None]) -> None:
        assert_agrees(*written)

    @settings(max_examples=1000, deadline=None)
    @given(st.text(alphabet=NOISE, max_size=40) | st.text(max_size=40),
           st.sampled_from((None, "UTC", "Asia/Seoul")))
    def test_any_text(self, text: str, default: str | None) -> None:
        assert_agrees(text, default)

    @pytest.mark.parametrize("text", [
        "2023-11-17T12:25+09:00/2023-11-17T12:30", "2023-11-17T12:25/2023-11-17T12:30+09:00",
        "2023-11-17/2023-11-19 evening", "2023-11-17 evening/2023-11-19 UTC", "2023/2024 UTC",
        "2023-11-17//2023-11-19 UTC", "2023-11-17/2023-11-19/2023-11-20 UTC", "/2023-11-19 UTC",
        "2023 Asia/Seoul", "2023-11 UTC", " 2023-11-19 UTC", "2023-11-19 UTC ", "2023-11-19  UTC",
        "2023-11-19\tUTC", "2023-11-18 evening  UTC", "2023-11-18 midday UTC", "2023-11-18 midday",
        "2023-11-18 evening night", "2023-11-17T12 morning UTC", "2023-11-17T12:28+09:00 UTC",
        "2023-11-17T24:00 UTC", "2023-11-17T12:60 UTC", "2023-11-17T12:28:60 UTC",
        "2023-11-17T12:28:05. UTC", "2023-11-17T12:28:05.1234567 UTC", "2023-11-17T12:28.5 UTC",
        "2023-02-29 UTC", "2024-02-29 UTC", "1900-02-29 UTC", "2000-02-29 UTC", "2023-13-01 UTC",
        "2023-00-10 UTC", "2023-11-00 UTC", "2023-11-31 UTC", "2023-11-17T12:28+24:00",
        "2023-11-17T12:28+09:60", "2023-11-17T12:28+9:00", "2023-11-17T12:28z",
        "2023-11-17T12:28 localtime", "2023-11-17T12:28 Mars/Olympus", "2023-11-17 +24:00",
        "2023-11-17T12:28 +0900", "2023-11-17T12:28 -00:00", "２０２３-11-17 UTC",
        "2023-11-1٣ UTC", "<= 2023-11-17 UTC", "2023-11-17", "2023-11-17T12:28:05",
        "2023-11-17T12:28:05Z UTC", "2023-11-17T12:28:05+09:00/2023-11-17T13:00", "2023-11-17Z",
        "2023-11-17+0900", "2023-11-17+09:00", "2023-11-17 Z", "2023-11-17T12:28:05+09:00Z",
        "2023-11-17T12:28:05ZZ", "2023-11-17T12:28:05+09:0", "2023-11-17T12:28:05+-0900",
    ])
    @pytest.mark.parametrize("default", [None, "Asia/Seoul", "-08:00", "Nowhere/Else"])
    def test_odd_forms(self, text: str, default: str | None) -> None:
        assert_agrees(text, default)

    @pytest.mark.parametrize("value", [
        dt.date(2023, 11, 19), dt.datetime(2023, 11, 17, 12, 28),
        dt.datetime(2023, 11, 17, 12, 28, tzinfo=dt.timezone(dt.timedelta(hours=9))), 20231119,
        None,
    ])
    def test_values_that_are_not_text(self, value: object) -> None:
        """TOML dates and datetimes (and wrong types) are When.parse's to read."""
        slow = _slow(value, "Asia/Seoul")
        try:
            fast = parse_when(value, "Asia/Seoul")
        except TimeValueError as exc:
            assert slow == f"TimeValueError: {exc}"
        else:
            assert not isinstance(slow, str)
            assert_same(fast, slow)


def test_precisions_of_the_fast_path() -> None:
    """The fast path's values carry the precisions of the written forms."""
    read = {text: fast_when(text, "UTC") for text in (
        "2023-11-19", "2023-11-18 morning", "2023-11-17T12", "2023-11-17T12:28",
        "2023-11-17T12:28:05", "2023-11-17T12:28:05.5")}
    assert [w.precision if w else None for w in read.values()] == [
        Precision.DAY, Precision.MORNING, Precision.HOUR, Precision.MINUTE, Precision.SECOND,
        Precision.SECOND]
