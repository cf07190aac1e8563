"""The timeline picture as inline SVG: per claim, coloured bands over known time, with ticks.

Colours come from CSS classes (``st-confirmed`` ...) defined once in the page's stylesheet, so the
legend and the picture cannot disagree. Every casebook string is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

import pendulum

from ._common import DARK, MARKS, clean, day_marks, instant
from ._data import ClaimPicture, Picture, Storyline
from ._script import millis

__all__ = ["ROWS_PER_BLOCK", "render_svg"]

_LABEL = 300  # width of the claim ids column
_PLOT = 860  # width of the time axis
_RIGHT = 20  # room for the as-of status, a square after the dashed as-of line
_TOP = 34  # room for the axis labels
_TITLE = 18  # room for a storyline's title above its first row
_ROW = 20
_BAND = 12


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


#: Rows per ``<svg>``: a long picture is cut into blocks, each with its own date axis, so the dates
#: stay in sight on screen and a printed block never splits across pages.
ROWS_PER_BLOCK = 30


#: A glyph per relation effect, drawn where another claim began to move a row's claim.
_MARK_GLYPHS = {"superseded-by": "\u21b7", "refuted-by": "\u2715", "corrected-by": "\u270e",
                "supported-by": "+", "disputed-with": "?"}


def render_svg(picture: Picture, zone: str, since: pendulum.DateTime | None = None,
               storylines: Sequence[Storyline] = (),
               as_of: pendulum.DateTime | None = None) -> str:
    """The picture as ``<svg>`` elements, one per block of at most :data:`ROWS_PER_BLOCK` rows,
    each sized to its rows and with its own axis; a storyline's rows follow its title. ``as_of``,
    when later than the picture's end, is the as-of of a picture cut before a quiet stretch."""
    rows = picture.rows
    starts = {line.claims[0]: f"Storyline {n}: {line.title}"
              for n, line in enumerate(storylines, 1) if line.claims}
    if len(rows) <= ROWS_PER_BLOCK:
        return _block(picture, zone, since, rows, "", starts, as_of)
    blocks = []
    for first in range(0, len(rows), ROWS_PER_BLOCK):
        chunk = rows[first : first + ROWS_PER_BLOCK]
        blocks.append(_block(picture, zone, since, chunk,
                             f" (claims {first + 1}\u2013{first + len(chunk)} of {len(rows)})",
                             starts, as_of))
    return "\n".join(blocks)


def _block(
    picture: Picture,
    zone: str,
    since: pendulum.DateTime | None,
    rows: Sequence[ClaimPicture],
    part: str,
    starts: Mapping[str, str],
    as_of: pendulum.DateTime | None,
) -> str:
    start, end = picture.start.timestamp(), picture.end.timestamp()
    span = (end - start) or 1.0

    def x(t: pendulum.DateTime) -> float:
        return _LABEL + _PLOT * (t.timestamp() - start) / span

    width = _LABEL + _PLOT + _RIGHT
    titled = sum(1 for row in rows if row.claim in starts)
    height = _TOP + _ROW * len(rows) + _TITLE * titled + 8
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="picture" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="Each claim\'s status over known time{part}" '
        f'data-t0="{millis(picture.start)}" data-t1="{millis(picture.end)}" '
        f'data-x0="{_LABEL}" data-x1="{_LABEL + _PLOT}">'
    ]
    out += _grid(picture, zone, x, height, as_of)
    y = _TOP - _ROW
    for row in rows:
        y += _ROW
        if row.claim in starts:
            y += _TITLE
            title = starts[row.claim]
            short = title if len(title) <= 48 else title[:47] + "…"
            out.append(f'<text class="storyline" x="4" y="{y - 5}">{_e(short)}'
                       f"<title>{_e(title)}</title></text>")
        mid = y + _ROW / 2
        out.append(f'<g class="row" data-claim="{_e(row.claim)}" '
                   f'data-status="{row.status.value}">')
        label = row.claim if len(row.claim) <= 44 else row.claim[:43] + "…"
        out.append(f'<a href="#claim-{_e(row.claim)}"><text class="label" x="{_LABEL - 8}" '
                   f'y="{mid + 4:.1f}" text-anchor="end">{_e(label)}<title>{_e(row.claim)}'
                   f'</title></text></a>')
        top = mid - _BAND / 2
        for band in row.bands:
            bx, bw = x(band.start), max(x(band.end) - x(band.start), 0.5)
            tip = (f"{row.claim}: {band.status.value} from {instant(band.start, zone)} "
                   f"to {instant(band.end, zone)}")
            out.append(f'<rect class="st-{band.status.value}" x="{bx:.1f}" y="{top:.1f}" '
                       f'width="{bw:.1f}" height="{_BAND}"><title>{_e(tip)}</title></rect>')
            if bw >= 16:  # the status's mark too, so that colour is not the only sign
                shade = " on-dark" if band.status in DARK else ""
                out.append(f'<text class="glyph{shade}" x="{bx + 3:.1f}" y="{mid + 3.5:.1f}">'
                           f"{MARKS.get(band.status, '*')}</text>")
        cap = _LABEL + _PLOT + 5
        out.append(f'<rect class="cap st-{row.status.value}" x="{cap}" y="{top:.1f}" width="10" '
                   f'height="{_BAND}"><title>{_e(row.claim)}: {row.status.value} as of '
                   f'{_e(instant(picture.end, zone))}</title></rect>')
        for tick, published in zip(row.ticks, row.tick_sources or [()] * len(row.ticks),
                                   strict=True):
            tx = x(tick)
            what = "; ".join(published) or "something bearing on it was published"
            out.append(f'<line class="tick" x1="{tx:.1f}" y1="{top - 3:.1f}" x2="{tx:.1f}" '
                       f'y2="{top + _BAND + 3:.1f}"><title>counted from '
                       f'{_e(instant(tick, zone))}: {_e(what)}</title></line>')
        for mark in row.marks:
            glyph = _MARK_GLYPHS.get(mark.effect, "*")
            out.append(f'<text class="mark" x="{x(mark.at) + 2:.1f}" y="{top - 1:.1f}">{glyph}'
                       f"<title>{_e(row.claim)}: {_e(mark.words)} from "
                       f"{_e(instant(mark.at, zone))}</title></text>")
        out.append("</g>")
    if since is not None and picture.start <= since <= picture.end:
        # Drawn last, over the bands: where the changes section starts.
        sx = x(since)
        out.append(f'<line class="since" x1="{sx:.1f}" y1="{_TOP - 6}" x2="{sx:.1f}" '
                   f'y2="{height - 4}"><title>changes since {_e(instant(since, zone))}'
                   f'</title></line>')
    end_x = _LABEL + _PLOT
    out.append(f'<line class="moving" x1="{end_x}" y1="{_TOP - 8}" x2="{end_x}" '
               f'y2="{height - 4}" visibility="hidden"/>')
    out.append("</svg>")
    return "\n".join(out)


def _grid(
    picture: Picture, zone: str, x: Callable[[pendulum.DateTime], float], height: int,
    as_of: pendulum.DateTime | None,
) -> list[str]:
    """Vertical lines at the starts of days in the zone shown (or of weeks, months, years),
    labelled at the top."""
    days = (picture.end.timestamp() - picture.start.timestamp()) / 86400
    marks = day_marks(picture.start, picture.end, zone, 8)
    fmt = "MM-DD ddd" if days <= 14 else "YYYY-MM-DD"
    out = []
    for mark in marks:
        mx = x(mark)
        out.append(f'<line class="grid" x1="{mx:.1f}" y1="{_TOP - 8}" x2="{mx:.1f}" '
                   f'y2="{height - 4}"/>')
        out.append(f'<text class="axis" x="{mx + 3:.1f}" y="{_TOP - 14}">'
                   f'{_e(mark.format(fmt))}</text>')
    end_x = _LABEL + _PLOT
    if as_of is not None and as_of > picture.end:
        out.append(f'<line class="cut" x1="{end_x}" y1="{_TOP - 8}" x2="{end_x}" '
                   f'y2="{height - 4}"><title>nothing changed from '
                   f"{_e(instant(picture.end, zone))} to the as-of, {_e(instant(as_of, zone))}"
                   "</title></line>")
        return out
    out.append(f'<line class="asof" x1="{end_x}" y1="{_TOP - 8}" x2="{end_x}" y2="{height - 4}">'
               f'<title>as of {_e(instant(picture.end, zone))}</title></line>')
    return out
