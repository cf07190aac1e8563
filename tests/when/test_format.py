"""Writing time values: canonical text that reads back equal, and display with the zone named."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given

from factcheck import When, format_instant

from .strategies import texts, whens

NADELLA_POST = "2023-11-19T23:53:28 America/Los_Angeles"


class TestText:
    """``text()``: the canonical form, with the zone always written."""

    @pytest.mark.parametrize(
        ("written", "default_zone", "expected"),
        [
            ("2023", "Asia/Seoul", "2023 Asia/Seoul"),
            ("2023-11", "Asia/Seoul", "2023-11 Asia/Seoul"),
            ("2023-11-19", "Asia/Seoul", "2023-11-19 Asia/Seoul"),
            ("2023-11-18 evening", "Asia/Seoul", "2023-11-18 evening Asia/Seoul"),
            ("2023-11-19T21", "Asia/Seoul", "2023-11-19T21 Asia/Seoul"),
            ("2023-11-17T12:28", "Asia/Seoul", "2023-11-17T12:28 Asia/Seoul"),
            ("2023-11-17T13:46:53", "Asia/Seoul", "2023-11-17T13:46:53 Asia/Seoul"),
            ("2023-11-17T13:46:53.5", "Asia/Seoul", "2023-11-17T13:46:53.500000 Asia/Seoul"),
            ("2023-11-17T12:25/2023-11-17T12:30", "America/Los_Angeles",
             "2023-11-17T12:25/2023-11-17T12:30 America/Los_Angeles"),
            ("2023-11-17/2023-11-19T06:00:30", "UTC", "2023-11-17/2023-11-19T06:00:30 UTC"),
            ("2023-11-19T23:53:28-0800", None, "2023-11-19T23:53:28 -08:00"),
            ("2023-11-19T23:53:28Z", None, "2023-11-19T23:53:28 UTC"),
            ("2023-11-19 +09:00", None, "2023-11-19 +09:00"),
            ("2023-11-17T12:25-08:00/2023-11-17T12:30", None,
             "2023-11-17T12:25/2023-11-17T12:30 -08:00"),
        ],
    )
    def test_canonical(self, written, default_zone, expected):
        """The zone a value took from its file is written out; offsets are written ±HH:MM."""
        assert expected == When.parse(written, default_zone).text()

    def test_str_is_text(self):
        """str() gives the canonical text."""
        when = When.parse(NADELLA_POST)

        assert when.text() == str(when)

    def test_toml_datetime(self):
        """A TOML offset date-time is written with its offset as zone."""
        value = dt.datetime(2023, 11, 19, 23, 53, 28, tzinfo=dt.timezone(dt.timedelta(hours=-8)))

        assert "2023-11-19T23:53:28 -08:00" == When.parse(value).text()

    def test_skipped_time_is_written_as_read(self):
        """A wall time that does not exist is written as the time it was moved to."""
        assert "2023-03-12T03:30 America/Los_Angeles" == When.parse(
            "2023-03-12T02:30 America/Los_Angeles").text()


class TestTextRoundTrip:
    """Reading the canonical text gives back an equal value: precision and zone travel with it."""

    @given(when=whens)
    def test_round_trip(self, when):
        """When.parse(w.text()) == w, for random valid values in many zones."""
        again = When.parse(when.text())

        assert when == again
        assert (when.precision, when.zone) == (again.precision, again.zone)

    @given(text=texts())
    def test_canonical_text_is_a_fixed_point(self, text):
        """The canonical text of the canonical text is itself."""
        try:
            canonical = When.parse(text).text()
        except ValueError:
            return  # an interval out of order around a clock change; see strategies
        assert canonical == When.parse(canonical).text()

    def test_repeated_hour_round_trips(self):
        """01:30 on the day the clocks go back reads back as the same (later) instant."""
        when = When.parse("2023-11-05T01:30 America/Los_Angeles")

        assert when.start.utcoffset() == When.parse(when.text()).start.utcoffset()


class TestFormat:
    """``format(zone)``: for people, with the zone named by its abbreviation."""

    def test_own_zone(self):
        """In its own zone a value shows its wall-clock time or period, and the zone's name."""
        assert "2023-11-19 23:53:28 PST" == When.parse(NADELLA_POST).format()
        assert "2023-11-20 KST" == When.parse("2023-11-20 Asia/Seoul").format()
        assert "2023-11-18 evening PST" == When.parse(
            "2023-11-18 evening America/Los_Angeles").format()

    def test_ranges_in_own_zone(self):
        """An hour or an interval is shown as its range; the end's date only when it differs."""
        assert "2023-11-19 21:00 – 22:00 PST" == When.parse(
            "2023-11-19T21 America/Los_Angeles").format()
        assert "2023-11-17 12:25 – 12:30 PST" == When.parse(
            "2023-11-17T12:25/2023-11-17T12:30 America/Los_Angeles").format()
        assert "2023-11-20 23:00 – 2023-11-22 15:05 KST" == When.parse(
            "2023-11-20T23:00/2023-11-22T15:05 Asia/Seoul").format()

    def test_instant_in_another_zone(self):
        """A second- or minute-precision value is shown as that instant in the other zone."""
        assert "2023-11-20 16:53:28 KST" == When.parse(NADELLA_POST).format("Asia/Seoul")
        assert "2023-11-20 16:53 KST" == When.parse(
            "2023-11-19T23:53 America/Los_Angeles").format("Asia/Seoul")

    def test_period_in_another_zone(self):
        """A coarser value is shown as its range in the other zone, with the original."""
        assert ("2023-11-19 07:00 – 2023-11-20 07:00 PST (2023-11-20 Asia/Seoul)"
                == When.parse("2023-11-20 Asia/Seoul").format("America/Los_Angeles"))

    def test_same_zone_by_other_spelling(self):
        """A zone spelled as its canonical name counts as the value's own."""
        assert "2023-11-19 23:53 PST" == When.parse(
            "2023-11-19T23:53 America/Los_Angeles").format("America/Los_Angeles")

    def test_fixed_offset(self):
        """A fixed offset has no abbreviation: it is named UTC±HH:MM."""
        assert "2023-11-19 23:53:28 UTC-08:00" == When.parse("2023-11-19T23:53:28-08:00").format()

    def test_daylight_saving_names(self):
        """PDT before the change, PST after it."""
        assert "2023-11-05 01:30 PST" == When.parse(
            "2023-11-05T01:30 America/Los_Angeles").format()
        assert "2023-11-04 12:00 PDT" == When.parse(
            "2023-11-04T12:00 America/Los_Angeles").format()

    def test_range_across_the_end_of_daylight_saving(self):
        """A range over the US change of 5 November names each end's offset."""
        assert "2023-11-04 08:00 PDT – 2023-11-05 07:00 PST (2023-11-05 Asia/Seoul)" == When.parse(
            "2023-11-05 Asia/Seoul").format("America/Los_Angeles")
        assert "2023-11-04 20:00 PDT – 2023-11-05 08:00 PST" == When.parse(
            "2023-11-04T20:00/2023-11-05T08:00 America/Los_Angeles").format()

    def test_unknown_zone(self):
        """An unknown display zone is a TimeValueError naming it."""
        with pytest.raises(ValueError, match="Mars/Base"):
            When.parse(NADELLA_POST).format("Mars/Base")


class TestFormatInstant:
    """``format_instant``: one instant, with the zone named."""

    INSTANT = pendulum.datetime(2023, 11, 20, 7, 53, 28, tz="UTC")

    @pytest.mark.parametrize(
        ("zone", "expected"),
        [
            ("Asia/Seoul", "2023-11-20 16:53:28 KST"),
            ("America/Los_Angeles", "2023-11-19 23:53:28 PST"),
            ("UTC", "2023-11-20 07:53:28 UTC"),
            ("+05:30", "2023-11-20 13:23:28 UTC+05:30"),
            (None, "2023-11-20 07:53:28 UTC"),
        ],
    )
    def test_names_the_zone(self, zone, expected):
        """Every zone is named: KST, PST, or an offset."""
        assert expected == format_instant(self.INSTANT, zone)

    def test_seconds_only_when_there_are_some(self):
        """Whole minutes are shown without seconds unless asked."""
        minute = pendulum.datetime(2023, 11, 20, 7, 53, tz="Asia/Seoul")

        assert "2023-11-20 07:53 KST" == format_instant(minute)
        assert "2023-11-20 07:53:00 KST" == format_instant(minute, seconds=True)

    def test_daylight_time(self):
        """Before 5 November Los Angeles is on PDT."""
        assert "2023-11-04 05:00 PDT" == format_instant(
            pendulum.datetime(2023, 11, 4, 12, tz="UTC"), "America/Los_Angeles")
