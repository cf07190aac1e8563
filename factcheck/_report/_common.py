"""What the renderers share: words, colours and symbols for statuses, times, the compact picture."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import attrs
import pendulum

from .._resolution import Status
from .._when import format_instant, format_published, zone_of
from ._data import (
    Change,
    ClaimPicture,
    ClaimRow,
    ExcerptRow,
    Picture,
    Publication,
    Report,
    Storyline,
)

__all__ = [
    "COLOURS",
    "DARK",
    "MARKS",
    "NEWLINES",
    "PICTURE_WIDTH",
    "STATUS_MEANING",
    "SYMBOLS",
    "by_storyline",
    "changes_by_publication",
    "changes_heading",
    "clean",
    "compact_picture",
    "day_marks",
    "excerpt_facts",
    "fact_text",
    "instant",
    "legend_line",
    "picture_scope",
    "publication",
    "since_text",
    "storyline_caption",
    "truncate",
    "zoomed",
]

#: One colour per status, for the HTML picture and its legend, from the Okabe-Ito palette (safe
#: for the common colour-blindnesses; tests/report/test_palette.py checks the pairs that matter
#: under simulated protanopia, deuteranopia and tritanopia): blues for support (the darker, the
#: stronger), vermillion for refuted, yellow for disputed, reddish purple for superseded (outdated,
#: not wrong), bluish green for fulfilled, greys for nothing or withdrawn. Each status also has a
#: mark (:data:`MARKS`) and its word, so colour is never the only sign.
COLOURS: dict[Status, str] = {
    Status.UNREPORTED: "#e5e7eb",
    Status.REPORTED: "#9fd0ee",
    Status.CORROBORATED: "#56b4e9",
    Status.CONFIRMED: "#0072b2",
    Status.DISPUTED: "#f0e442",
    Status.REFUTED: "#d55e00",
    Status.SUPERSEDED: "#cc79a7",
    Status.RETRACTED: "#6b7280",
    Status.PENDING: "#f7d28c",
    Status.FULFILLED: "#009e73",
    Status.FAILED: "#7a2e00",
    Status.OPINION: "#ead7e4",
    Status.CORRECTED: "#e69f00",
}

#: Statuses whose colour is dark enough for white text.
DARK = frozenset({Status.CONFIRMED, Status.REFUTED, Status.RETRACTED, Status.FULFILLED,
                  Status.FAILED})

#: One mark per status, beside its word in chips and inside the picture's bands: told apart by
#: shape as well as colour.
MARKS: dict[Status, str] = {
    Status.UNREPORTED: "\u25cb",  # white circle
    Status.REPORTED: "\u25d4",  # circle, a quarter filled
    Status.CORROBORATED: "\u25d1",  # circle, half filled
    Status.CONFIRMED: "\u25cf",  # black circle
    Status.DISPUTED: "\u2248",  # almost equal
    Status.REFUTED: "\u2715",  # multiplication x
    Status.SUPERSEDED: "\u21b7",  # clockwise arrow
    Status.RETRACTED: "\u2298",  # circled slash
    Status.PENDING: "\u2026",  # ellipsis
    Status.FULFILLED: "\u2713",  # check mark
    Status.FAILED: "\u2717",  # ballot x
    Status.OPINION: "\u25c7",  # white diamond
    Status.CORRECTED: "\u270e",  # pencil
}

#: One character per status, for the compact picture in text and Markdown.
SYMBOLS: dict[Status, str] = {
    Status.UNREPORTED: ".",
    Status.REPORTED: "r",
    Status.CORROBORATED: "c",
    Status.CONFIRMED: "C",
    Status.DISPUTED: "?",
    Status.REFUTED: "X",
    Status.SUPERSEDED: "s",
    Status.RETRACTED: "R",
    Status.PENDING: "p",
    Status.FULFILLED: "F",
    Status.FAILED: "f",
    Status.OPINION: "o",
    Status.CORRECTED: "e",
}

#: What each status means, for legends.
STATUS_MEANING: dict[Status, str] = {
    Status.UNREPORTED: "nothing published bears on it",
    Status.REPORTED: "supported by one origin",
    Status.CORROBORATED: "supported by independent origins",
    Status.CONFIRMED: "supported first-party",
    Status.DISPUTED: "support and refutation equally strong",
    Status.REFUTED: "refuted by stronger evidence or a stronger claim",
    Status.SUPERSEDED: "replaced by a later claim: outdated, not wrong",
    Status.RETRACTED: "all its support was withdrawn",
    Status.PENDING: "a prediction without an outcome yet",
    Status.FULFILLED: "a prediction that came true",
    Status.FAILED: "a prediction that did not",
    Status.OPINION: "not checkable",
    Status.CORRECTED: "corrected by its source or the stakeholder concerned: wrong as published",
}

# Control characters (a terminal escape in a quote must not reach the terminal) and the
# bidirectional overrides that can make text read differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NEWLINES = re.compile("\r\n|[\n\r\u2028\u2029\x85]")


def clean(text: str, newline: str = " ") -> str:
    """Casebook text made safe to print: control and bidi characters shown as U+FFFD, newlines
    replaced by ``newline``, tabs by spaces."""
    if text.isprintable():  # the common case, and quick: nothing to replace
        return text
    text = NEWLINES.sub(newline, text).replace("\t", " ")
    return _UNSAFE.sub("\ufffd", text)


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def instant(dt: pendulum.DateTime | None, zone: str, none: str = "the start") -> str:
    """An instant in the report's zone, with the zone named."""
    return none if dt is None else _formatted(dt, zone)


@functools.lru_cache(maxsize=1 << 16)
def _formatted(dt: pendulum.DateTime, zone: str) -> str:
    # A report shows the same few publication instants over and over; formatting is not cheap.
    return format_instant(dt, zone)


def as_of_text(dt: pendulum.DateTime, zone: str) -> str:
    """The report's as-of in its zone; at midnight, also the day it closes.

    A date given as the as-of means the end of that day, which reads as the next day's 00:00: the
    reader who asked for 22 November is told that is what they got.
    """
    local = dt.in_timezone(zone_of(zone))
    shown = _formatted(dt, zone)
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return f"{shown}, the end of {local.subtract(days=1).to_date_string()}"
    return shown


def since_text(dt: pendulum.DateTime | None, zone: str) -> str:
    """A status's since: its instant, or ``from the start`` when it has always held."""
    return instant(dt, zone, "from the start")


def publication(p: Publication, zone: str) -> str:
    """``nadella-x-1119 post (published 2023-11-20 16:53:28 KST)``; withdrawals say so, and so
    does a publication that moved the claim through a related claim."""
    verb = "withdrew an excerpt" if p.withdrawal else "published"
    when = format_published(p.published, zone)
    via = f", bearing on {p.via}" if p.via else ""
    return f"{p.source} {p.revision} ({verb} {when}{via})"


def fact_text(row: ClaimRow) -> str | None:
    """A claim's structured form as a reader reads it: ``stake of fund: about 5.1% (of shares)``."""
    fact = row.fact
    return f"{fact.property} of {fact.subject}: {fact.shown}" if fact is not None else None


def excerpt_facts(row: ExcerptRow, zone: str) -> list[tuple[str, str]]:
    """What a reader needs to weigh an excerpt, after its quote, as (label, plain text) pairs:
    the translation, the source (title, outlet, author), its link, the revision and when it
    counted, the origin when relayed, and a withdrawal when there is one. Casebook text is left
    as written: each format escapes it."""
    facts = []
    if row.translation:
        facts.append(("translation", row.translation))
    by = row.publisher + (f", {row.author}" if row.author else "")
    facts.append(("source", f"{row.title} ({row.source}, {row.source_kind.value} by {by})"))
    if row.url:
        facts.append(("link", row.url))
    revision = row.revision + (f" ({row.revision_label})" if row.revision_label else "")
    when = (f"published and counted from {instant(row.counted_from, zone)}"
            if row.published.is_exact
            else f"published {format_published(row.published, zone)}")
    facts.append(("revision", f"{revision}, {when}"))
    if row.via:
        facts.append(("relayed from", f"{row.origin or row.via} ({row.via}): its origin"))
    if row.withdrawn_at is not None:
        verdict = ("it never counted" if row.never_counted
                   else "it no longer counts from then")
        facts.append(("withdrawn", f"in revision {row.withdrawn_in}, counted from "
                      f"{instant(row.withdrawn_at, zone)}: {verdict}"))
    return facts


def by_storyline(report: Report,
                 rows: Sequence[ClaimRow]) -> list[tuple[int, Storyline, list[ClaimRow]]]:
    """``rows`` (claims or opinions) in storyline order: (number, storyline, its rows), leaving out
    storylines with none of them. A report built without storylines gives one of all the rows."""
    by_id = {row.id: row for row in rows}
    if not report.storylines:
        whole = Storyline("storyline-1", "every claim", "all", tuple(by_id), None)
        return [(1, whole, list(rows))] if rows else []
    found = []
    for n, line in enumerate(report.storylines, 1):
        members = [by_id.pop(cid) for cid in line.claims if cid in by_id]
        if members:
            found.append((n, line, members))
    if by_id:  # claims no storyline names: shown all the same, never lost
        n = len(report.storylines) + 1
        found.append((n, Storyline(f"storyline-{n}", "other claims", "", tuple(by_id), None),
                      list(by_id.values())))
    return found


def storyline_caption(line: Storyline, count: int, zone: str) -> str:
    """``3 claims tied by relations; first changed 2023-11-18 05:30 KST``."""
    tie = {"relations": "tied by relations", "subject": "about the same stakeholder"}.get(
        line.tie, "")
    first = (f"first changed {instant(line.first_change, zone)}" if line.first_change
             else "never changed")
    return f"{count} claim{'' if count == 1 else 's'}" + (f" {tie}" if tie else "") + f"; {first}"


def changes_by_publication(report: Report) -> list[tuple[pendulum.DateTime, str, list[Change]]]:
    """The changes grouped by what caused them: (when, the publications in words, the changes),
    in time order. A publication that moved several claims is named once, above them all."""
    groups: dict[tuple[float, tuple[str, ...]], list[Change]] = {}
    heads: dict[tuple[float, tuple[str, ...]], tuple[pendulum.DateTime, str]] = {}
    for change in report.changes:
        named = tuple(sorted({publication(attrs.evolve(p, via=None), report.zone)
                              for p in change.causes}))
        key = (change.at.timestamp(), named)
        if key not in groups:
            groups[key] = []
            heads[key] = (change.at, "; ".join(named) or "no publication of its own: a chain "
                          "of related claims")
        groups[key].append(change)
    return [(heads[key][0], heads[key][1], groups[key]) for key in sorted(groups)]


def changes_heading(report: Report) -> str:
    """The changes section's scope in words."""
    start = "the beginning" if report.since is None else instant(report.since, report.zone)
    return f"from {start} to {instant(report.as_of, report.zone)}"


# -- the compact picture (text and Markdown) ---------------------------------------------------

PICTURE_WIDTH = 60


def compact_picture(picture: Picture, zone: str, width: int = PICTURE_WIDTH,
                    storylines: Sequence[Storyline] = (), stacked: bool = False) -> list[str]:
    """The timeline picture in monospace lines: an axis, then per claim a strip of status symbols
    (one column per 1/``width`` of the time span), a line of ``^`` where something was published,
    and a line per mark where another claim moved it. Rows come storyline by storyline, each
    under its title. ``stacked`` puts each claim's id on a line of its own, above its strip, for a
    terminal too narrow for both side by side."""
    labels = [clean(row.claim) for row in picture.rows]  # ids are casebook text too
    label_width = 0 if stacked else max((len(label) for label in labels), default=5)
    pad = " " * (label_width + 2)
    scale = _Scale(picture, width)
    lines = [pad + line for line in _axis(picture, zone, scale)]
    # Storylines by number only: a stakeholder's name in a title is casebook text, and a code
    # block cannot escape it.
    starts = {line.claims[0]: n for n, line in enumerate(storylines, 1) if line.claims}
    for label, row in zip(labels, picture.rows, strict=True):
        if row.claim in starts:
            lines.append(f"-- storyline {starts[row.claim]}")
        strip, ticks = _strip(row, picture, scale)
        if stacked:
            lines.append(label)
        lines.append(f"{label.ljust(label_width) if not stacked else ''}  {strip} "
                     f"{SYMBOLS.get(row.status, '*')}")
        if ticks.strip():
            lines.append(pad + ticks.rstrip())
        lines += [f"{pad}> {clean(mark.words)} from {instant(mark.at, zone)}"
                  for mark in row.marks]
    return [line.rstrip() for line in lines]


def legend_line() -> str:
    """The compact picture's legend: symbol = status."""
    return ("  ".join(f"{SYMBOLS[s]} {s.value}" for s in Status)
            + "  ^ something bearing on it counted from then; > another claim moved it; the last "
            "symbol, apart: the status as of the end")


class _Scale:
    """Instants to columns of a strip ``width`` wide, spanning the picture."""

    def __init__(self, picture: Picture, width: int) -> None:
        self.start = picture.start.timestamp()
        self.span = (picture.end.timestamp() - self.start) or 1.0
        self.width = width

    def column(self, t: pendulum.DateTime) -> int:
        offset = (t.timestamp() - self.start) / self.span
        return min(self.width - 1, max(0, int(offset * self.width)))


def _strip(row: ClaimPicture, picture: Picture, scale: _Scale) -> tuple[str, str]:
    width = scale.width
    cells = [" "] * width
    for band in row.bands:
        first = scale.column(band.start)
        last = width - 1 if band.end >= picture.end else scale.column(band.end)
        # The later band wins a shared column: the strip shows where each column ends up.
        cells[first : last + 1] = SYMBOLS.get(band.status, "*") * (last + 1 - first)
    ticks = [" "] * width
    for t in row.ticks:
        ticks[scale.column(t)] = "^"
    return "".join(cells), "".join(ticks)


def _axis(picture: Picture, zone: str, scale: _Scale) -> list[str]:
    """Two lines: labels (MM-DD) above ``|`` marks at the starts of days in ``zone`` (or of weeks,
    months, years: see :func:`day_marks`)."""
    width = scale.width
    days = (picture.end - picture.start).total_seconds() / 86400
    labels = [" "] * (width + 12)
    bars = [" "] * width
    taken = -1
    for mark in day_marks(picture.start, picture.end, zone, max(2, width // 12)):
        col = scale.column(mark)
        text = mark.format("MM-DD") if days <= 366 else mark.format("YYYY-MM-DD")
        bars[col] = "|"
        if col > taken:
            labels[col : col + len(text)] = list(text)
            taken = col + len(text)
    return ["".join(labels).rstrip(), "".join(bars).rstrip()]


_DAY_STEPS = (1, 2, 3, 7, 14)
_MONTH_STEPS = (1, 2, 3, 6)


def day_marks(start: pendulum.DateTime, end: pendulum.DateTime, zone: str,
              most: int) -> list[pendulum.DateTime]:
    """At most ``most`` axis marks in [start, end), each at the start of a day in ``zone``: every
    day, or every 2, 3, 7 or 14 days, or the first of every 1, 2, 3 or 6 months, or of every 1, 2,
    5, 10, 20, 50 ... years. Total for any range a time value can hold (year 1 to 9999)."""
    local = zone_of(zone)
    first, last = start.in_timezone(local), end.in_timezone(local)
    days = (end.timestamp() - start.timestamp()) / 86400
    try:
        for step in _DAY_STEPS:
            if days / step <= most:
                begin = first.start_of("day")
                return _marks(begin if begin >= first else begin.add(days=1), last,
                              "days", step, most)
        for step in _MONTH_STEPS:
            if days / 30.44 / step <= most:
                begin = first.start_of("month")
                begin = begin if begin >= first else begin.add(months=1)
                while (begin.month - 1) % step:
                    begin = begin.add(months=1)
                return _marks(begin, last, "months", step, most)
        years, factors = 1, (2, 2.5, 2)
        n = 0
        while days / 365.25 / years > most:
            years = int(years * factors[n % 3])
            n += 1
        begin = first.start_of("year")
        begin = begin if begin >= first else begin.add(years=1)
        begin = begin.add(years=(-begin.year) % years)
        return _marks(begin, last, "years", years, most)
    except (ValueError, OverflowError):  # a range at the very edge of the calendar
        return []


def _marks(begin: pendulum.DateTime, end: pendulum.DateTime, unit: str, step: int,
           most: int) -> list[pendulum.DateTime]:
    marks = []
    for k in range(most + 1):
        try:
            if unit == "days":
                mark = begin.add(days=k * step)
            elif unit == "months":
                mark = begin.add(months=k * step)
            else:
                mark = begin.add(years=k * step)
        except (ValueError, OverflowError):
            break
        if mark >= end:
            break
        marks.append(mark)
    return marks


def picture_scope(report: Report, columns: int = PICTURE_WIDTH) -> tuple[Picture, str]:
    """The picture to draw in text and Markdown (cut where a long quiet stretch starts) and a
    sentence saying what it spans."""
    zone = report.zone
    full = report.picture
    cut = zoomed(full, zone)
    shown = cut or full
    text = (f"Known time from {instant(shown.start, zone)} to {instant(shown.end, zone)}; one "
            f"column is 1/{columns} of it.")
    if cut is not None:
        text += (f" Nothing changed from then to the as-of, {instant(full.end, zone)}: that quiet "
                 "stretch is not drawn; the last symbol of a row is its status as of the as-of.")
    return shown, text


def zoomed(picture: Picture, zone: str) -> Picture | None:
    """The picture cut at the end of the day of its last change, when a long quiet stretch follows
    it (longer than two days, and than the story itself); None when there is none to cut."""
    moments = [t for row in picture.rows for t in row.ticks]
    moments += [b.start for row in picture.rows for b in row.bands[1:]]
    if not moments:
        return None
    last = max(moments)
    quiet = picture.end.timestamp() - last.timestamp()
    if quiet <= max(2 * 86400, last.timestamp() - picture.start.timestamp()):
        return None
    try:
        cut = last.in_timezone(zone_of(zone)).start_of("day").add(days=1)
    except (ValueError, OverflowError):
        return None
    if cut >= picture.end:
        return None
    rows = []
    for row in picture.rows:
        bands = tuple(attrs.evolve(b, end=min(b.end, cut)) for b in row.bands if b.start < cut)
        kept = [(t, sources) for t, sources in zip(
            row.ticks, row.tick_sources or [()] * len(row.ticks), strict=True) if t <= cut]
        rows.append(attrs.evolve(
            row, bands=bands, ticks=tuple(t for t, _ in kept),
            tick_sources=tuple(s for _, s in kept) if row.tick_sources else (),
            marks=tuple(m for m in row.marks if m.at <= cut)))
    return attrs.evolve(picture, end=cut, rows=tuple(rows))
