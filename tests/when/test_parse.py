"""Reading time values: every form of docs/format.md, zones, TOML values, and what is refused."""

from __future__ import annotations

import contextlib
import datetime as dt

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import Precision, TimeValueError, When

from .strategies import ZONES, bodies, clock_bodies

SEOUL = "Asia/Seoul"
LA = "America/Los_Angeles"


def _iso(instant: pendulum.DateTime) -> str:
    return instant.isoformat()


class TestPrecisions:
    """Each written form of the table in docs/format.md gives its precision and interval."""

    @pytest.mark.parametrize(
        ("written", "precision", "start", "end"),
        [
            ("2023", Precision.YEAR, "2023-01-01T00:00:00+09:00", "2024-01-01T00:00:00+09:00"),
            ("2023-11", Precision.MONTH, "2023-11-01T00:00:00+09:00",
             "2023-12-01T00:00:00+09:00"),
            ("2023-12", Precision.MONTH, "2023-12-01T00:00:00+09:00",
             "2024-01-01T00:00:00+09:00"),
            ("2023-11-19", Precision.DAY, "2023-11-19T00:00:00+09:00",
             "2023-11-20T00:00:00+09:00"),
            ("2023-11-18 morning", Precision.MORNING, "2023-11-18T06:00:00+09:00",
             "2023-11-18T12:00:00+09:00"),
            ("2023-11-18 afternoon", Precision.AFTERNOON, "2023-11-18T12:00:00+09:00",
             "2023-11-18T18:00:00+09:00"),
            ("2023-11-18 evening", Precision.EVENING, "2023-11-18T18:00:00+09:00",
             "2023-11-18T22:00:00+09:00"),
            ("2023-11-18 night", Precision.NIGHT, "2023-11-18T22:00:00+09:00",
             "2023-11-19T06:00:00+09:00"),
            ("2023-11-19T21", Precision.HOUR, "2023-11-19T21:00:00+09:00",
             "2023-11-19T22:00:00+09:00"),
            ("2023-11-17T12:28", Precision.MINUTE, "2023-11-17T12:28:00+09:00",
             "2023-11-17T12:29:00+09:00"),
            ("2023-11-17T13:46:53", Precision.SECOND, "2023-11-17T13:46:53+09:00",
             "2023-11-17T13:46:54+09:00"),
            ("2023-11-17T13:46:53.25", Precision.SECOND, "2023-11-17T13:46:53.250000+09:00",
             "2023-11-17T13:46:54.250000+09:00"),
            ("2023-11-17T12:25/2023-11-17T12:30", Precision.INTERVAL,
             "2023-11-17T12:25:00+09:00", "2023-11-17T12:30:00+09:00"),
            ("2023-11-17/2023-11-19", Precision.INTERVAL, "2023-11-17T00:00:00+09:00",
             "2023-11-19T00:00:00+09:00"),
        ],
        ids=lambda v: v if isinstance(v, str) and "+09:00" not in v else None,
    )
    def test_form(self, written, precision, start, end):
        """The written form is the documented half-open interval, in the zone written after it."""
        when = When.parse(f"{written} {SEOUL}")

        assert (precision, start, end, SEOUL) == (
            when.precision, _iso(when.start), _iso(when.end), when.zone)

    @pytest.mark.parametrize("written", ["2023-11-19", "2023-11-18 evening", "2023-11-17T12:28",
                                         "2023-11-17T12:25/2023-11-17T12:30"])
    def test_default_zone_is_the_written_zone(self, written):
        """A value without a zone read with a default zone equals it written with that zone."""
        assert When.parse(f"{written} {LA}") == When.parse(written, LA)

    def test_leap_day(self):
        """29 February exists in leap years only."""
        assert Precision.DAY == When.parse("2024-02-29 UTC").precision
        with pytest.raises(TimeValueError, match="not a real time"):
            When.parse("2023-02-29 UTC")

    def test_start_and_end_are_aware(self):
        """Start and end always carry the value's zone: never a naive datetime."""
        when = When.parse("2023-11-19", SEOUL)

        assert SEOUL == when.start.tzinfo.name == when.end.tzinfo.name

    @given(body=bodies(), zone=st.sampled_from(ZONES))
    def test_never_naive(self, body, zone):
        """Whatever the form and zone, start and end are aware and start comes first."""
        when = When.parse(f"{body} {zone}")

        assert when.start.utcoffset() is not None
        assert when.end.utcoffset() is not None
        assert when.start < when.end


class TestZones:
    """How a zone is written: IANA name or offset after a space, or an ISO offset."""

    def test_iana_name(self):
        """An IANA name after a space is the value's zone."""
        assert LA == When.parse("2023-11-17T12:28 America/Los_Angeles").zone

    @pytest.mark.parametrize(
        ("written", "zone", "utc"),
        [
            ("2023-11-19T23:53:28 -08:00", "-08:00", "2023-11-20T07:53:28+00:00"),
            ("2023-11-19T23:53:28 -0800", "-08:00", "2023-11-20T07:53:28+00:00"),
            ("2023-11-19T23:53:28-08:00", "-08:00", "2023-11-20T07:53:28+00:00"),
            ("2023-11-19T23:53:28+0900", "+09:00", "2023-11-19T14:53:28+00:00"),
            ("2023-11-19T23:53:28Z", "UTC", "2023-11-19T23:53:28+00:00"),
            ("2023-11-19T23:53:28 UTC", "UTC", "2023-11-19T23:53:28+00:00"),
            ("2023-11-19T23:53 +05:30", "+05:30", "2023-11-19T18:23:00+00:00"),
            ("2023-11-20 UTC", "UTC", "2023-11-20T00:00:00+00:00"),
            ("2023-11-20 +09:00", "+09:00", "2023-11-19T15:00:00+00:00"),
        ],
        ids=lambda v: v if isinstance(v, str) and "+00:00" not in v else None,
    )
    def test_offsets(self, written, zone, utc):
        """Offsets, after a space or attached ISO-style, are fixed zones named canonically."""
        when = When.parse(written)

        assert (zone, utc) == (when.zone, _iso(when.start.in_timezone("UTC")))

    def test_written_zone_beats_default(self):
        """A zone written in the value wins over the file's zone."""
        assert SEOUL == When.parse("2023-11-19 Asia/Seoul", LA).zone
        assert "-08:00" == When.parse("2023-11-19T23:53-08:00", SEOUL).zone

    def test_interval_zone_written_once(self):
        """In an interval the zone after the second part applies to both."""
        when = When.parse("2023-11-17T12:25/2023-11-17T12:30 America/Los_Angeles")

        assert (LA, "2023-11-17T12:25:00-08:00", "2023-11-17T12:30:00-08:00") == (
            when.zone, _iso(when.start), _iso(when.end))

    def test_interval_zone_from_first_offset(self):
        """An ISO offset on the first part of an interval is the zone of both."""
        when = When.parse("2023-11-17T12:25-08:00/2023-11-17T12:30")

        assert ("-08:00", "2023-11-17T12:30:00-08:00") == (when.zone, _iso(when.end))

    @pytest.mark.parametrize(
        ("written", "fragment"),
        [
            ("2023-11-19 Mars/Base", "unknown time zone 'Mars/Base'"),
            ("2023-11-19 asia/seoul", "unknown time zone 'asia/seoul'"),
            ("2023-11-19 Asia/Seoul extra", "unknown time zone 'Asia/Seoul extra'"),
            ("2023-11-19 /etc/passwd", "unknown time zone '/etc/passwd'"),
            ("2023-11-19 +24:00", "an offset runs from -23:59 to +23:59"),
            ("2023-11-19T10:00+99:99", "an offset runs from -23:59 to +23:59"),
            ("2023-11-19 localtime", "unknown time zone 'localtime'"),
            ("2023-11-19T23:53-08:00 Asia/Seoul", "names two zones"),
            ("2023-11-19T10:00Z UTC", "names two zones"),
        ],
    )
    def test_bad_zone(self, written, fragment):
        """A zone that is not one, or two zones at once, is refused saying which."""
        with pytest.raises(TimeValueError, match=fragment.replace("+", r"\+")):
            When.parse(written)

    def test_localtime_is_refused(self):
        """'localtime' would be whatever the machine is set to: a silent default, so refused."""
        with pytest.raises(TimeValueError, match="name the zone"):
            When.parse("2023-11-19T12:00", "localtime")


class TestTomlValues:
    """TOML's own dates and date-times, as tomllib hands them over."""

    def test_offset_datetime(self):
        """An offset date-time is a second-precision value in that fixed offset."""
        value = dt.datetime(2023, 11, 19, 23, 53, 28, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
        when = When.parse(value, SEOUL)

        assert (Precision.SECOND, "-08:00", "2023-11-19T23:53:28-08:00") == (
            when.precision, when.zone, _iso(when.start))

    def test_offset_datetime_keeps_microseconds(self):
        """Fractions of a second survive."""
        value = dt.datetime(2023, 11, 19, 23, 53, 28, 5, tzinfo=dt.UTC)

        assert 5 == When.parse(value).start.microsecond

    def test_local_datetime_takes_the_default_zone(self):
        """A local date-time takes its file's zone."""
        when = When.parse(dt.datetime(2023, 11, 19, 23, 53, 28), LA)

        assert When.parse("2023-11-19T23:53:28 America/Los_Angeles") == when

    def test_local_date_is_a_day(self):
        """A local date is a day in its file's zone."""
        assert When.parse("2023-11-19 Asia/Seoul") == When.parse(dt.date(2023, 11, 19), SEOUL)

    @pytest.mark.parametrize(
        "value", [dt.datetime(2023, 11, 19, 23, 53, 28), dt.date(2023, 11, 19)],
        ids=["local-datetime", "local-date"])
    def test_local_value_without_zone_is_refused(self, value):
        """A local date or date-time in a file with no zone is an error, never UTC."""
        with pytest.raises(TimeValueError, match="has no zone"):
            When.parse(value)

    def test_local_time_is_refused(self):
        """A TOML local time (no date) is not a time value."""
        with pytest.raises(TimeValueError, match="expected a time such as"):
            When.parse(dt.time(12, 0), SEOUL)

    @pytest.mark.parametrize("value", [42, 4.2, True, None, ["2023-11-19"], {"at": "2023"}],
                             ids=repr)
    def test_other_types_are_refused(self, value):
        """Numbers, booleans, lists and tables are refused, naming what was expected."""
        with pytest.raises(TimeValueError, match="expected a time such as"):
            When.parse(value, SEOUL)


class TestNoSilentUtc:
    """Without a zone written and without a default, every form is an error: never UTC."""

    @given(body=bodies())
    def test_single_without_zone(self, body):
        """A single value with no zone and no default is refused, pointing at the file's zone."""
        with pytest.raises(TimeValueError, match="has no zone, and its file declares none"):
            When.parse(body)

    @given(first=clock_bodies(), second=clock_bodies())
    def test_interval_without_zone(self, first, second):
        """An interval with no zone and no default is refused."""
        with pytest.raises(TimeValueError, match="has no zone"):
            When.parse(f"{first}/{second}")

    def test_trailing_space_is_no_zone(self):
        """A space with nothing after it is no zone either."""
        with pytest.raises(TimeValueError, match="has no zone"):
            When.parse("2023-11-19 ")


class TestRefused:
    """Values that are not time values are refused with the expected forms, whatever the input."""

    @pytest.mark.parametrize(
        ("written", "fragment"),
        [
            ("yesterday", "expected a time such as"),
            ("", "expected a time such as"),
            ("/", "expected a time such as"),
            ("2023/11/19 UTC", "expected a time such as"),
            ("19 November 2023 UTC", "expected a time such as"),
            ("2023-11-19T10:00:00.1234567 UTC", "expected a time such as"),
            ("2023-11-19 midday UTC", "unknown time zone 'midday UTC'"),
            ("١٢٣٤ UTC", "expected a time such as"),
            ("2023-13-01 UTC", "not a real time"),
            ("2023-11-31 UTC", "not a real time"),
            ("2023-11-19T24 UTC", "not a real time"),
            ("2023-11-19T23:60 UTC", "not a real time"),
            ("2023-11-19T23:59:60 UTC", "not a real time"),
            ("0000 UTC", "not a real time"),
            ("9999 UTC", "not a real time"),
            ("9999-12-31 UTC", "not a real time"),
            ("2023-11-20/2023-11-19 UTC", "ends before it starts"),
            ("2023-11-19T12:00/2023-11-19T12:00 UTC", "ends before it starts"),
        ],
        ids=repr,
    )
    def test_unreadable(self, written, fragment):
        """Each is a TimeValueError (a ValueError) saying what is wrong."""
        with pytest.raises(TimeValueError, match=fragment):
            When.parse(written)

    def test_is_a_value_error(self):
        """Callers may catch the builtin ValueError."""
        with pytest.raises(ValueError):
            When.parse("yesterday", SEOUL)

    @settings(max_examples=300)
    @given(text=st.text(alphabet=st.sampled_from("0123456789-T:/+Z. ZUTCAsia/Seoulmorning"))
           | st.text(), zone=st.none() | st.sampled_from(ZONES))
    def test_only_time_value_errors(self, text, zone):
        """Any text either parses or raises TimeValueError: never another exception."""
        with contextlib.suppress(TimeValueError):
            When.parse(text, zone)

    @given(value=st.dates() | st.datetimes() | st.datetimes(timezones=st.timezones()),
           zone=st.none() | st.sampled_from(ZONES))
    def test_only_time_value_errors_for_toml_values(self, value, zone):
        """Any date or datetime, even in year 1 or 9999, parses or raises TimeValueError."""
        with contextlib.suppress(TimeValueError):
            When.parse(value, zone)


class TestDaylightSavingTime:
    """America/Los_Angeles changes from PDT to PST on 2023-11-05 at 02:00 (clocks go to 01:00)."""

    def test_day_of_the_change_is_25_hours(self):
        """The day the clocks go back is 25 hours long, from PDT midnight to PST midnight."""
        day = When.parse("2023-11-05 America/Los_Angeles")

        assert ("2023-11-05T00:00:00-07:00", "2023-11-06T00:00:00-08:00", 25) == (
            _iso(day.start), _iso(day.end), (day.end - day.start).in_hours())

    def test_day_of_spring_change_is_23_hours(self):
        """The day the clocks go forward (2023-03-12) is 23 hours long."""
        day = When.parse("2023-03-12 America/Los_Angeles")

        assert 23 == (day.end - day.start).in_hours()

    def test_night_across_the_change(self):
        """The night of 2023-11-04 runs 22:00 PDT to 06:00 PST: nine hours."""
        night = When.parse("2023-11-04 night America/Los_Angeles")

        assert ("2023-11-04T22:00:00-07:00", "2023-11-05T06:00:00-08:00", 9) == (
            _iso(night.start), _iso(night.end), (night.end - night.start).in_hours())

    def test_repeated_wall_time_is_the_later(self):
        """01:30 happens twice on 2023-11-05; the library reads the later, standard time (PST).

        Documented in When.parse: write an offset (-07:00) to mean the earlier one.
        """
        when = When.parse("2023-11-05T01:30 America/Los_Angeles")

        assert ("2023-11-05T01:30:00-08:00", "2023-11-05T09:30:00+00:00") == (
            _iso(when.start), _iso(when.start.in_timezone("UTC")))
        assert "later one, in standard time" in When.parse.__doc__

    def test_offset_selects_the_earlier(self):
        """Written with -07:00, 01:30 is the earlier one, an hour before the PST 01:30."""
        earlier = When.parse("2023-11-05T01:30-07:00")
        later = When.parse("2023-11-05T01:30 America/Los_Angeles")

        assert 3600 == (later.start - earlier.start).in_seconds()

    def test_repeated_hour(self):
        """The hour "2023-11-05T01" is the later (PST) 01:00–02:00: one hour long."""
        hour = When.parse("2023-11-05T01 America/Los_Angeles")

        assert ("2023-11-05T01:00:00-08:00", "2023-11-05T02:00:00-08:00") == (
            _iso(hour.start), _iso(hour.end))

    def test_skipped_wall_time_moves_forward(self):
        """02:30 does not exist on 2023-03-12; it is read as 03:30 PDT, as documented."""
        when = When.parse("2023-03-12T02:30 America/Los_Angeles")

        assert ("2023-03-12T03:30:00-07:00", Precision.MINUTE) == (
            _iso(when.start), when.precision)
        assert "moved forward by the gap" in When.parse.__doc__

    def test_no_change_in_seoul(self):
        """Asia/Seoul has no daylight saving time: every day is 24 hours."""
        day = When.parse("2023-11-05 Asia/Seoul")

        assert 24 == (day.end - day.start).in_hours()
