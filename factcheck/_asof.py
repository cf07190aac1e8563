"""What an as-of means: the one instant a query time stands for.

An as-of is asked of everything (statuses, timelines, reports, exports), so it must be exact: a
date, month, year or part of day means the end of that period (everything published within it
counts), a clock time that instant, and a time without a zone takes ``tz`` or the casebook's zone,
never a silent UTC. How times are written and compared is :mod:`factcheck._when`.
"""

from __future__ import annotations

import datetime as _dt

import pendulum

from ._errors import TimeValueError
from ._when import CLOCK, When, offset_name, within_range, zone_of

__all__ = ["parse_as_of"]


def parse_as_of(
    value: object, tz: str | None = None, default_zone: str | None = None
) -> pendulum.DateTime:
    """Turn an as-of into the exact instant it means.

    Accepts an aware datetime, an ISO string with offset or zone, or a date or datetime without zone
    together with ``tz`` (else ``default_zone``, the casebook's). A date, month, year or part of day
    means the end of that period, so everything published within it counts; a clock time means that
    instant. A naive datetime with no zone at all is an error.
    """
    zone = tz or default_zone
    try:
        instant = _as_of_instant(value, zone)
        within_range(instant, value)
        return instant
    except TimeValueError as exc:
        if zone is None and "has no zone" in str(exc):
            shown = value.isoformat() if isinstance(value, _dt.date) else value
            raise TimeValueError(
                f"as-of {shown!r} has no zone, and the casebook declares none: write one "
                '("2023-11-21 Asia/Seoul", "2023-11-21T18:00+09:00"), give a zone (`tz`, '
                "`--tz`) or set `zone` in casebook.toml"
            ) from None
        raise


def _as_of_instant(value: object, zone: str | None) -> pendulum.DateTime:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            when = When.parse(value, zone)
            return when.start
        instant = pendulum.instance(value)
        offset = instant.utcoffset()
        if offset is not None and instant.replace(fold=1 - instant.fold).utcoffset() != offset:
            # A wall time the clocks pass twice (or skip): Python would compare it by wall clock
            # with the casebook's times in the same zone, ignoring `fold`. Pin its offset, so it
            # compares as the instant it is.
            instant = instant.in_timezone(zone_of(offset_name(int(offset.total_seconds()))))
        return instant
    when = When.parse(value, zone)
    if when.precision in CLOCK:
        return when.start
    return when.end
