"""Bounded times: "no later than" and "no earlier than" a time value, values of their own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck import Bounded, BoundSide, Order, Precision, TimeValueError, When, parse_time
from factcheck._bounds import anchor, ever_public
from factcheck._when import EARLIEST, LATEST, format_published

from .strategies import bounded, whens

FILING = "<= 2022-04-14T06:44 America/New_York"
CLOSE = ">= 2022-04-14T16:00 America/New_York"

MIRROR = {Order.BEFORE: Order.AFTER, Order.AFTER: Order.BEFORE,
          Order.OVERLAPPING: Order.OVERLAPPING, Order.INDETERMINATE: Order.INDETERMINATE}


#: Any time value: plain or bounded.
anything = st.one_of(whens, bounded)


class TestParse:
    """``<= T`` and ``>= T`` are read, with T's precision and zone."""

    def test_upper_bound(self):
        """No later than a minute in New York: every moment up to the end of that minute."""
        when = parse_time(FILING)
        assert isinstance(when, Bounded)
        assert (BoundSide.AT_MOST, Precision.MINUTE, "America/New_York") == (
            when.side, when.precision, when.zone)
        assert when.bound == When.parse("2022-04-14T06:44 America/New_York")
        assert (EARLIEST, when.bound.end) == (when.start, when.end)

    def test_lower_bound(self):
        """No earlier than the close: every moment from 16:00 on."""
        when = parse_time(CLOSE)
        assert (BoundSide.AT_LEAST, when.bound.start, LATEST) == (when.side, when.start, when.end)

    def test_file_zone_applies_to_the_bound(self):
        """A bound without a zone takes the file's, as any time value does."""
        assert parse_time(FILING) == parse_time("<=2022-04-14T06:44", "America/New_York")

    def test_plain_values_are_plain(self):
        """Without a bound, the value is what ``When.parse`` reads."""
        text = "2022-04-14T06:44 America/New_York"
        assert When.parse(text) == parse_time(text)
        assert not parse_time(text).is_bound

    def test_no_zone_is_an_error(self):
        """A bound is a time value: without a zone, it is refused, never UTC."""
        with pytest.raises(TimeValueError, match="has no zone"):
            parse_time("<= 2022-04-14T06:44")

    @pytest.mark.parametrize(("text", "expected"), [
        ("< 2022-04-14 UTC", 'begins with "<="'),
        ("=> 2022-04-14 UTC", 'begins with "<="'),
        ("\u2264 2022-04-14 UTC", 'begins with "<="'),
        ("<= >= 2022-04-14 UTC", "more than one bound"),
        ("<=", "no time after"),
        ("<= 2022-04-14/2022-04-15 UTC", "not an interval"),
        ("<= yesterday UTC", "expected a time"),
    ])
    def test_mistakes_are_explained(self, text, expected):
        """Each mistake says what was expected."""
        with pytest.raises(TimeValueError, match=expected):
            parse_time(text)

    def test_no_bound_on_a_bound(self):
        """A bound is built on one plain time value."""
        with pytest.raises(TimeValueError, match="not a bound"):
            Bounded.of(BoundSide.AT_MOST, parse_time(FILING))

    @given(when=anything)
    def test_text_reads_back(self, when):
        """The canonical text of any value, bounded or not, reads back to an equal value."""
        assert when == parse_time(when.text())

    def test_text(self):
        """Written as ``<=`` or ``>=``, a space, and the bound as it is always written."""
        assert ("<= 2022-04-14T06:44 America/New_York", ">= 2022-04-14 Asia/Seoul") == (
            parse_time(FILING).text(), parse_time(">=2022-04-14 Asia/Seoul").text())


class TestCounting:
    """When a publication at a bounded time counts."""

    def test_upper_bound_counts_from_the_bound(self):
        """``<= T`` counts from where T alone does: a second from itself, a minute from its end."""
        assert When.parse("2022-04-14T06:45 America/New_York").start == parse_time(
            FILING).known_from
        second = "2022-04-14T06:44:10 America/New_York"
        assert When.parse(second).start == parse_time(f"<= {second}").known_from

    def test_lower_bound_never_counts(self):
        """``>= T`` is never certainly public."""
        assert (True, False) == (ever_public(parse_time(FILING)), ever_public(parse_time(CLOSE)))

    @given(when=whens)
    def test_every_plain_value_is_public_some_time(self, when):
        """Only a lower bound is never public."""
        assert ever_public(when)

    @given(when=anything)
    def test_never_exact(self, when):
        """A bounded time is never known to the second, whatever its bound."""
        assert (when.is_exact and not when.is_bound) or not when.is_exact

    def test_anchor(self):
        """The value as written: the bound of a bounded time, the value itself otherwise."""
        plain = When.parse("2022-04-14 Asia/Seoul")
        assert (plain, plain) == (anchor(plain), anchor(Bounded.of(BoundSide.AT_LEAST, plain)))


class TestCompare:
    """A bound decides an order only where every moment it allows lies on one side."""

    def test_upper_bound_before_a_later_time(self):
        """Public by 06:44 ET is before 07:00 ET, and so before 20:00 KST (07:00 ET)."""
        filing = parse_time(FILING)
        assert Order.BEFORE == filing.compare(When.parse("2022-04-14T20:00 Asia/Seoul"))
        assert Order.AFTER == When.parse("2022-04-14T20:00 Asia/Seoul").compare(filing)

    def test_upper_bound_against_an_earlier_time(self):
        """Public by 06:44 ET may be before or after 03:00 PT (06:00 ET): indeterminate."""
        later = When.parse("2022-04-14T03:00 America/Los_Angeles")
        assert Order.INDETERMINATE == parse_time(FILING).compare(later)

    def test_lower_bound_after_an_earlier_time(self):
        """After the New York close (16:00 ET) is after 12:30 PT (15:30 ET)."""
        assert Order.AFTER == parse_time(CLOSE).compare(
            When.parse("2022-04-14T12:30 America/Los_Angeles"))

    def test_lower_bound_after_an_upper_bound(self):
        """No earlier than 16:00 ET is after no later than 06:44 ET."""
        assert Order.AFTER == parse_time(CLOSE).compare(parse_time(FILING))

    def test_containment_is_not_coincidence(self):
        """A day within "no later than" that day's end does not coincide with it."""
        day = When.parse("2022-04-14 America/New_York")
        by_then = Bounded.of(BoundSide.AT_MOST, day)
        assert (Order.INDETERMINATE, Order.INDETERMINATE) == (
            by_then.compare(day), day.compare(by_then))
        assert Order.INDETERMINATE == by_then.compare(by_then)

    @given(a=anything, b=anything)
    def test_mirror(self, a, b):
        """Before one way is after the other, for bounded values too."""
        assert MIRROR[a.compare(b)] == b.compare(a)

    @given(a=anything, b=bounded)
    def test_certain_only_where_every_moment_agrees(self, a, b):
        """Before means every moment of one precedes every moment of the other; a bound never
        gives overlapping."""
        order = a.compare(b)
        if order is Order.BEFORE:
            assert a.end <= b.start
        elif order is Order.AFTER:
            assert a.start >= b.end
        else:
            assert Order.INDETERMINATE == order
            assert a.end > b.start and a.start < b.end


class TestFormat:
    """Shown in words, in any zone, with the zone named."""

    def test_own_zone(self):
        """"no later than" and "no earlier than" the bound, as the bound shows."""
        assert "no later than 2022-04-14 06:44 EDT" == parse_time(FILING).format()
        assert "no earlier than 2022-04-14 16:00 EDT" == parse_time(CLOSE).format()

    def test_seoul_and_los_angeles(self):
        """The same bound, read in Seoul and in Los Angeles."""
        filing = parse_time(FILING)
        assert ("no later than 2022-04-14 19:44 KST", "no later than 2022-04-14 03:44 PDT") == (
            filing.format("Asia/Seoul"), filing.format("America/Los_Angeles"))

    def test_a_day_in_another_zone(self):
        """A day bound in another zone shows its interval there, and the day as written."""
        day = parse_time(">= 2022-04-14 Asia/Seoul")
        assert ("no earlier than 2022-04-13 08:00 – 2022-04-14 08:00 PDT (2022-04-14 Asia/Seoul)"
                == day.format("America/Los_Angeles"))

    def test_published(self):
        """A publication says when it counts: from the bound."""
        assert ("no later than 2022-04-14 19:44 KST, counted from 2022-04-14 19:45 KST"
                == format_published(parse_time(FILING), "Asia/Seoul"))

    def test_str_is_the_text(self):
        """``str`` gives the canonical text, as for every time value."""
        assert FILING == str(parse_time(FILING))

    def test_ends_of_the_calendar_are_shown_nowhere(self):
        """The open side is never shown: no year 1 or 9999 in any zone."""
        for zone in ("Asia/Seoul", "America/Los_Angeles", "+14:00", "-12:00"):
            for text in (FILING, CLOSE):
                shown = parse_time(text).format(zone)
                assert "0001" not in shown and "9999" not in shown
