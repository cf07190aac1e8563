"""Reading ClaimReview JSON-LD: the forms feeds publish (one review, a list, a DataFeed), the
fields an import needs, and the problems found, named by file and key path as the loader does."""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._errors import TimeValueError
from ._findings import Finding, Severity
from ._when import When

__all__ = ["Problems", "day_from_span", "listed", "rating_note", "read", "required_text",
           "reviews"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class Problems:
    """The problems found in one file: errors stop an import, warnings are reported."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[Finding] = []

    def error(self, path: str, message: str, code: str = "invalid-value") -> None:
        """Note an error at ``path`` (a key path such as ``[3].reviewRating``)."""
        self.found.append(Finding(Severity.ERROR, code, message, self.file, path))

    def warn(self, path: str, message: str, code: str) -> None:
        """Note a warning at ``path``."""
        self.found.append(Finding(Severity.WARNING, code, message, self.file, path))

    @property
    def errors(self) -> list[Finding]:
        """The errors found so far."""
        return [f for f in self.found if f.severity is Severity.ERROR]


def reviews(data: Any, problems: Problems) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each ClaimReview of one object, a list, or a DataFeed, with its key path."""

    def one(item: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
        kind = item.get("@type") if isinstance(item, dict) else None
        if kind == "ClaimReview":
            yield path, item
        elif kind == "DataFeed":
            elements = item.get("dataFeedElement")
            if not isinstance(elements, list):
                problems.error(f"{path}.dataFeedElement".lstrip("."),
                               "expected a list of ClaimReviews or DataFeedItems")
                return
            for i, element in enumerate(elements):
                yield from one(element, f"{path}.dataFeedElement[{i}]".lstrip("."))
        elif kind == "DataFeedItem" and isinstance(item, dict):
            inner = item.get("item")
            for j, x in enumerate(inner if isinstance(inner, list) else [inner]):
                yield from one(x, f"{path}.item" + (f"[{j}]" if isinstance(inner, list) else ""))
        else:
            problems.error(path or "(top)", "expected a ClaimReview, a list of them, or a DataFeed "
                           f"(@type ClaimReview or DataFeed), got @type {kind!r}")

    if isinstance(data, list):
        for i, item in enumerate(data):
            yield from one(item, f"[{i}]")
    else:
        yield from one(data, "")


def required_text(review: dict[str, Any], key: str, path: str, problems: Problems,
          what: str) -> str | None:
    value = review
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None  # type: ignore[assignment]
    if isinstance(value, str) and value.strip():
        return value.strip()
    where = f"{path}.{key}".lstrip(".")
    problems.error(where, f"expected {what}, got {value!r}" if value is not None
                   else f"missing: expected {what}")
    return None


def listed(value: Any) -> list[Any]:
    """The items of an ItemList (``itemListElement``, each a ListItem's ``item`` or the thing)."""
    if not isinstance(value, dict):
        return []
    elements = value.get("itemListElement")
    items = elements if isinstance(elements, list) else []
    return [e.get("item") if isinstance(e, dict) and "item" in e else e for e in items]


def rating_note(review: dict[str, Any]) -> str | None:
    rating = review.get("reviewRating")
    if not isinstance(rating, dict):
        return None
    scale = [f"{k} {rating[k]}" for k in ("ratingValue", "bestRating", "worstRating")
             if isinstance(rating.get(k), int | float | str)]
    meaning = rating.get("name")
    parts = [p for p in (meaning if isinstance(meaning, str) else None, ", ".join(scale)) if p]
    return "; ".join(parts) or None


def read(file: Path, problems: Problems) -> Any:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        problems.error("", f"cannot read the file: {exc.strerror}", "unreadable")
        return None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        problems.error("", "expected UTF-8 JSON", "unreadable")
    except json.JSONDecodeError as exc:
        problems.found.append(Finding(Severity.ERROR, "unreadable", f"not JSON: {exc.msg}",
                                      problems.file, None, exc.lineno, exc.colno))
    return None


def day_from_span(day: Any, span: Any, zone: str) -> When | None:
    """The day a work's ``datePublished`` names (``"2023-11-06"``), in the zone its
    ``publication`` (a PublicationEvent with ``startDate`` and ``endDate``, as the export writes
    it) shows: ``zone`` when its day runs from that start to that end, else the start's offset
    when the day has one offset, else the first IANA zone, by name, whose day does. None when the
    work gives no date alone or no such span (its date is then read in ``zone``).

    Raises :class:`TimeValueError` when the span is not that day's start and end in any zone.
    """
    if not (isinstance(day, str) and _DAY.match(day.strip()) and isinstance(span, dict)):
        return None
    start_text, end_text = span.get("startDate"), span.get("endDate")
    if not (isinstance(start_text, str) and isinstance(end_text, str)):
        return None
    expected = (f"expected the start and end of the day {day.strip()} with their offsets, such "
                f"as \"{day.strip()}T00:00:00-08:00\", got {start_text!r} and {end_text!r}")
    try:
        start, end = dt.datetime.fromisoformat(start_text), dt.datetime.fromisoformat(end_text)
    except ValueError:
        raise TimeValueError(expected) from None
    offset = start.utcoffset()
    if offset is None or end.utcoffset() is None:
        raise TimeValueError(expected)
    zones = [zone]
    if offset == end.utcoffset():
        zones.append(start.strftime("%z"))
    for name in [*zones, *sorted(zoneinfo.available_timezones())]:
        try:
            found = When.parse(day.strip(), name)
        except TimeValueError:
            continue
        if found.start == start and found.end == end:
            return found
    raise TimeValueError(f"{day.strip()} does not run from {start_text} to {end_text} in any "
                         "zone: " + expected)
