"""Reading an as-of: a date means the end of that day; a clock time means that instant."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import given

from factcheck import TimeValueError, When, parse_as_of

from .strategies import bodies

SEOUL = "Asia/Seoul"
LA = "America/Los_Angeles"


class TestDates:
    """A date, month, year or part of day means the end of that period in the zone."""

    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [
            ("2023-11-21", "2023-11-22T00:00:00+09:00"),
            ("2023-11", "2023-12-01T00:00:00+09:00"),
            ("2023", "2024-01-01T00:00:00+09:00"),
            ("2023-11-21 morning", "2023-11-21T12:00:00+09:00"),
            ("2023-11-21 night", "2023-11-22T06:00:00+09:00"),
            ("2023-11-17T12:25/2023-11-17T12:30", "2023-11-17T12:30:00+09:00"),
        ],
    )
    def test_end_of_period(self, as_of, expected):
        """Everything published within the period counts."""
        assert expected == parse_as_of(as_of, SEOUL).isoformat()

    def test_date_in_los_angeles(self):
        """The same date in Los Angeles ends 17 hours later."""
        seoul = parse_as_of("2023-11-21", SEOUL)
        los_angeles = parse_as_of("2023-11-21", LA)

        assert "2023-11-22T00:00:00-08:00" == los_angeles.isoformat()
        assert 17 == (los_angeles - seoul).in_hours()

    def test_date_object(self):
        """A date object means the end of that day too."""
        assert "2023-11-22T00:00:00+09:00" == parse_as_of(dt.date(2023, 11, 21), SEOUL).isoformat()

    def test_end_of_the_long_day(self):
        """As of 2023-11-05 in Los Angeles is the end of its 25-hour day, midnight PST."""
        assert "2023-11-06T00:00:00-08:00" == parse_as_of("2023-11-05", LA).isoformat()

    def test_zone_is_kept(self):
        """The instant carries the zone it was read in, so output can name it."""
        assert LA == parse_as_of("2023-11-21", LA).tzinfo.name


class TestClockTimes:
    """A clock time means its instant: the start, not the end, of its minute or hour."""

    @pytest.mark.parametrize(
        ("as_of", "expected"),
        [
            ("2023-11-21T09", "2023-11-21T09:00:00+09:00"),
            ("2023-11-21T09:30", "2023-11-21T09:30:00+09:00"),
            ("2023-11-21T09:30:15", "2023-11-21T09:30:15+09:00"),
        ],
    )
    def test_instant(self, as_of, expected):
        """Hour, minute and second give their first instant."""
        assert expected == parse_as_of(as_of, SEOUL).isoformat()

    def test_naive_datetime(self):
        """A datetime without zone is read in tz."""
        assert "2023-11-21T09:00:00+09:00" == parse_as_of(
            dt.datetime(2023, 11, 21, 9), SEOUL).isoformat()


class TestWhichZone:
    """tz first, then the casebook's zone; a zone written in the value beats both."""

    def test_tz_beats_default(self):
        """tz wins over the casebook's zone."""
        assert parse_as_of("2023-11-21", LA) == parse_as_of("2023-11-21", LA, SEOUL)

    def test_default_zone(self):
        """Without tz, the casebook's zone applies."""
        assert parse_as_of("2023-11-21", SEOUL) == parse_as_of("2023-11-21", None, SEOUL)

    @pytest.mark.parametrize(
        ("as_of", "expected_utc"),
        [
            ("2023-11-21T09:00-08:00", "2023-11-21T17:00:00+00:00"),
            ("2023-11-21T09:00Z", "2023-11-21T09:00:00+00:00"),
            ("2023-11-21 UTC", "2023-11-22T00:00:00+00:00"),
            ("2023-11-21 America/Los_Angeles", "2023-11-22T08:00:00+00:00"),
        ],
    )
    def test_aware_string_ignores_tz(self, as_of, expected_utc):
        """A value with its own zone or offset means the same instant whatever tz says."""
        for tz in (None, SEOUL, LA):
            assert expected_utc == parse_as_of(as_of, tz, SEOUL).in_timezone("UTC").isoformat()

    def test_aware_datetime_ignores_tz(self):
        """An aware datetime is its own instant."""
        value = dt.datetime(2023, 11, 21, 9, tzinfo=dt.UTC)

        assert value == parse_as_of(value, SEOUL)
        assert isinstance(parse_as_of(value, SEOUL), pendulum.DateTime)


class TestNoZone:
    """A date or time with no zone anywhere is refused: never read as UTC."""

    @given(body=bodies())
    def test_string_without_zone(self, body):
        """Any form without tz or casebook zone is an error."""
        with pytest.raises(TimeValueError, match="has no zone"):
            parse_as_of(body)

    @pytest.mark.parametrize("value", [dt.date(2023, 11, 21), dt.datetime(2023, 11, 21, 9)],
                             ids=["date", "naive-datetime"])
    def test_objects_without_zone(self, value):
        """Date and naive datetime objects need a zone as well."""
        with pytest.raises(TimeValueError, match="has no zone"):
            parse_as_of(value)

    def test_unknown_tz(self):
        """An unknown tz is named in the error."""
        with pytest.raises(TimeValueError, match="Mars/Base"):
            parse_as_of("2023-11-21", "Mars/Base")


class TestRepeatedHour:
    """An aware as-of in the hour Los Angeles repeats on 2023-11-05 compares as its instant."""

    def test_earlier_half_past_one_is_before_later_ten_past_one(self):
        """01:30 PDT (08:30 UTC) is before 01:10 PST (09:10 UTC), though its wall clock is later."""
        as_of = parse_as_of(dt.datetime(2023, 11, 5, 1, 30, tzinfo=ZoneInfo(LA)))
        published = When.parse("2023-11-05T01:10 America/Los_Angeles")

        assert "2023-11-05T08:30:00+00:00" == as_of.in_timezone("UTC").isoformat()
        assert as_of < published.start
        assert not published.known_from <= as_of

    def test_later_half_past_one(self):
        """01:30 PST (fold=1) is after 01:10 PST."""
        as_of = parse_as_of(dt.datetime(2023, 11, 5, 1, 30, fold=1, tzinfo=ZoneInfo(LA)))

        assert When.parse("2023-11-05T01:10 America/Los_Angeles").known_from <= as_of

    def test_ordinary_instant_keeps_its_zone(self):
        """Outside the repeated hour the instant keeps its named zone."""
        as_of = parse_as_of(dt.datetime(2023, 11, 21, 9, tzinfo=ZoneInfo(SEOUL)))

        assert SEOUL == as_of.tzinfo.name
