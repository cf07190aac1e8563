"""Comparing time values across zones and precisions: before, after, overlapping, indeterminate."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import given

from factcheck import Order, When

from .strategies import whens

#: Satya Nadella's post announcing that Altman joins Microsoft, to the second.
NADELLA_POST = "2023-11-19T23:53:28 America/Los_Angeles"


def _order(a: str, b: str) -> Order:
    return When.parse(a).compare(When.parse(b))


class TestCompareAcrossZones:
    """Seoul against Los Angeles around the OpenAI weekend (17 hours apart in November)."""

    def test_days_straddling_the_date_line(self):
        """20 Nov in Seoul and 19 Nov in Los Angeles overlap only in part: indeterminate."""
        assert Order.INDETERMINATE == _order("2023-11-20 Asia/Seoul",
                                             "2023-11-19 America/Los_Angeles")
        assert Order.INDETERMINATE == _order("2023-11-19 America/Los_Angeles",
                                             "2023-11-20 Asia/Seoul")

    def test_post_within_seoul_day(self):
        """The post (16:53:28 KST on 20 Nov) lies within 20 Nov in Seoul, both ways round."""
        assert Order.OVERLAPPING == _order(NADELLA_POST, "2023-11-20 Asia/Seoul")
        assert Order.OVERLAPPING == _order("2023-11-20 Asia/Seoul", NADELLA_POST)

    def test_post_within_los_angeles_day(self):
        """The post lies within 19 Nov in Los Angeles too."""
        assert Order.OVERLAPPING == _order(NADELLA_POST, "2023-11-19 America/Los_Angeles")
        assert Order.OVERLAPPING == _order("2023-11-19 America/Los_Angeles", NADELLA_POST)

    def test_post_before_next_seoul_day(self):
        """The post comes before 21 Nov in Seoul, and that day after it."""
        assert Order.BEFORE == _order(NADELLA_POST, "2023-11-21 Asia/Seoul")
        assert Order.AFTER == _order("2023-11-21 Asia/Seoul", NADELLA_POST)

    def test_post_after_previous_seoul_day(self):
        """The post comes after 19 Nov in Seoul (which ended 07:00 PST on the 19th)."""
        assert Order.AFTER == _order(NADELLA_POST, "2023-11-19 Asia/Seoul")

    def test_same_instant_in_two_zones(self):
        """One instant written in two zones is the same value in time: overlapping."""
        assert Order.OVERLAPPING == _order(NADELLA_POST, "2023-11-20T16:53:28 Asia/Seoul")
        assert Order.OVERLAPPING == _order(NADELLA_POST, "2023-11-20T07:53:28Z")

    def test_seoul_evening_inside_los_angeles_night(self):
        """Evening in LA on 18 Nov (18:00–22:00 PST) is 11:00–15:00 KST on the 19th."""
        assert Order.OVERLAPPING == _order("2023-11-18 evening America/Los_Angeles",
                                           "2023-11-19 Asia/Seoul")
        assert Order.BEFORE == _order("2023-11-18 evening America/Los_Angeles",
                                      "2023-11-19 evening Asia/Seoul")


class TestCompareIntervals:
    """Half-open intervals: touching is not overlapping."""

    def test_adjacent_days(self):
        """A day is before the next: its end is the next one's start, not part of it."""
        assert Order.BEFORE == _order("2023-11-19 UTC", "2023-11-20 UTC")
        assert Order.AFTER == _order("2023-11-20 UTC", "2023-11-19 UTC")

    def test_second_at_the_end_of_a_day(self):
        """Midnight belongs to the day it starts, not to the day it ends."""
        assert Order.AFTER == _order("2023-11-20T00:00:00 UTC", "2023-11-19 UTC")
        assert Order.OVERLAPPING == _order("2023-11-20T00:00:00 UTC", "2023-11-20 UTC")

    def test_nested(self):
        """A minute within an hour within a day within a month within a year overlap."""
        values = ["2023 UTC", "2023-11 UTC", "2023-11-19 UTC", "2023-11-19T21 UTC",
                  "2023-11-19T21:15 UTC", "2023-11-19T21:15:30 UTC"]
        for coarse in values:
            for fine in values:
                assert Order.OVERLAPPING == _order(coarse, fine), (coarse, fine)

    def test_partial_overlap_of_intervals(self):
        """Two intervals sharing only part of their time are indeterminate."""
        assert Order.INDETERMINATE == _order("2023-11-17T12:25/2023-11-17T12:30 UTC",
                                             "2023-11-17T12:28/2023-11-17T12:40 UTC")

    def test_parts_of_day(self):
        """Morning, afternoon, evening and night of one day follow each other."""
        parts = ["morning", "afternoon", "evening", "night"]
        for earlier, later in itertools.pairwise(parts):
            assert Order.BEFORE == _order(f"2023-11-18 {earlier} UTC", f"2023-11-18 {later} UTC")
        assert Order.INDETERMINATE == _order("2023-11-18 night UTC", "2023-11-19 UTC")


class TestCompareAcrossDaylightSavingTime:
    """Los Angeles on 2023-11-05, when 01:00–02:00 happens twice."""

    def test_earlier_and_later_half_past_one(self):
        """01:30 PDT (written -07:00) is an hour before 01:30 as read in the zone (PST)."""
        assert Order.BEFORE == _order("2023-11-05T01:30-07:00",
                                      "2023-11-05T01:30 America/Los_Angeles")

    def test_both_within_the_long_day(self):
        """Both half past ones are within the 25-hour day."""
        for written in ("2023-11-05T01:30-07:00", "2023-11-05T01:30 America/Los_Angeles"):
            assert Order.OVERLAPPING == _order(written, "2023-11-05 America/Los_Angeles")

    def test_seoul_day_against_the_long_day(self):
        """6 Nov in Seoul is 07:00 PST on 5 Nov onward: partly within the long LA day."""
        assert Order.INDETERMINATE == _order("2023-11-06 Asia/Seoul",
                                             "2023-11-05 America/Los_Angeles")


class TestContains:
    """Whether an instant falls in [start, end)."""

    def test_half_open(self):
        """The start is in, the end is out."""
        day = When.parse("2023-11-20 Asia/Seoul")

        assert day.contains(day.start)
        assert not day.contains(day.end)

    def test_instant_in_another_zone(self):
        """The post at 23:53:28 PST on the 19th is within 20 Nov in Seoul."""
        post = pendulum.datetime(2023, 11, 19, 23, 53, 28, tz="America/Los_Angeles")

        assert When.parse("2023-11-20 Asia/Seoul").contains(post)
        assert not When.parse("2023-11-19 Asia/Seoul").contains(post)

    def test_earlier_half_past_one(self):
        """An instant at the earlier (PDT) 01:30 is not in the later (PST) 01:00 hour.

        Python compares two times of one zone by wall clock; the library compares instants.
        """
        earlier = dt.datetime(2023, 11, 5, 1, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
        hour = When.parse("2023-11-05T01 America/Los_Angeles")

        assert not hour.contains(earlier)
        assert hour.contains(earlier.replace(fold=1))
        assert hour.contains(pendulum.instance(earlier).add(hours=1))


class TestKnownFrom:
    """When a publication at a time value was certainly public."""

    @pytest.mark.parametrize(
        ("written", "expected"),
        [
            (NADELLA_POST, "2023-11-19T23:53:28-08:00"),
            ("2023-11-19T23:53 America/Los_Angeles", "2023-11-19T23:54:00-08:00"),
            ("2023-11-20 Asia/Seoul", "2023-11-21T00:00:00+09:00"),
            ("2023-11-18 evening Asia/Seoul", "2023-11-18T22:00:00+09:00"),
            ("2023-11-21T21:55/2023-11-21T22:05 America/Los_Angeles",
             "2023-11-21T22:05:00-08:00"),
        ],
    )
    def test_known_from(self, written, expected):
        """Exact to the second: that second. Coarser: the end of its interval."""
        assert expected == When.parse(written).known_from.isoformat()

    def test_is_exact(self):
        """Only a value known to the second is exact."""
        assert When.parse(NADELLA_POST).is_exact
        assert not When.parse("2023-11-19T23:53 America/Los_Angeles").is_exact


class TestCompareProperties:
    """Laws that hold for every pair of time values."""

    @given(a=whens)
    def test_overlaps_itself(self, a):
        """Every value overlaps itself."""
        assert Order.OVERLAPPING == a.compare(a)

    @given(a=whens, b=whens)
    def test_mirror(self, a, b):
        """Before one way is after the other; overlapping and indeterminate are symmetric."""
        mirror = {Order.BEFORE: Order.AFTER, Order.AFTER: Order.BEFORE,
                  Order.OVERLAPPING: Order.OVERLAPPING, Order.INDETERMINATE: Order.INDETERMINATE}

        assert mirror[a.compare(b)] == b.compare(a)

    @given(a=whens, b=whens)
    def test_matches_instants(self, a, b):
        """The order agrees with the intervals' instants in UTC."""
        a0, a1 = (x.in_timezone("UTC") for x in (a.start, a.end))
        b0, b1 = (x.in_timezone("UTC") for x in (b.start, b.end))
        if a1 <= b0:
            expected = Order.BEFORE
        elif a0 >= b1:
            expected = Order.AFTER
        elif (b0 <= a0 and a1 <= b1) or (a0 <= b0 and b1 <= a1):
            expected = Order.OVERLAPPING
        else:
            expected = Order.INDETERMINATE

        assert expected == a.compare(b)
