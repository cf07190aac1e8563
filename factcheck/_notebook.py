"""Views for notebooks (Jupyter, VS Code): small HTML fragments for a casebook, a resolution and a
timeline, and a short text form of a resolution.

Every string from a casebook is escaped as the HTML report escapes it (control and bidirectional
characters shown as U+FFFD, then ``html.escape`` with quotes); colours are the report's. Fragments
carry their style inline, since a notebook has no stylesheet of ours.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ._outcome import shown_with
from ._report._common import COLOURS, STATUS_MEANING, clean, truncate
from ._report._html import safe_url
from ._when import format_instant

if TYPE_CHECKING:
    from ._model import Casebook
    from ._outcome import Evidence, Resolution, Status, Timeline

__all__ = ["casebook_html", "resolution_html", "resolution_repr", "timeline_html"]

#: Rows of a casebook's claims shown before "… and N more".
CLAIM_ROWS = 20
_DARK = {"confirmed", "corroborated", "refuted", "retracted", "fulfilled", "failed"}
_TABLE = 'style="border-collapse:collapse;text-align:left"'
_CELL = 'style="padding:2px 8px;text-align:left;vertical-align:top"'


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def _badge(status: Status) -> str:
    colour = COLOURS[status]
    text = "#fff" if status.value in _DARK else "#111827"
    return (f'<span title="{_e(STATUS_MEANING[status])}" style="background:{colour};color:{text};'
            f'padding:1px 6px;border-radius:3px">{_e(status.value)}</span>')


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table whose cells are HTML already escaped by the caller."""
    head = "".join(f"<th {_CELL}>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td {_CELL}>{c}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table {_TABLE}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def casebook_html(casebook: Casebook) -> str:
    """A casebook's summary: title, zone, counts, and its first claims."""
    kinds = Counter(c.kind.value for c in casebook.claims)
    counts = [
        ("claims", f"{len(casebook.claims)} ("
                   + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) + ")"),
        ("sources", str(len(casebook.sources))),
        ("excerpts", str(sum(len(s.excerpts) for s in casebook.sources))),
        ("stakeholders", str(len(casebook.stakeholders))),
        ("relations", str(len(casebook.relations))),
        ("zone", casebook.zone or "(none: as-of times need a zone)"),
    ]
    claims = sorted(casebook.claims, key=lambda c: c.id)
    rows = [[f"<code>{_e(c.id)}</code>", _e(c.kind.value), _e(truncate(c.text, 160))]
            for c in claims[:CLAIM_ROWS]]
    more = len(claims) - CLAIM_ROWS
    tail = f"<p>… and {more} more claims</p>" if more > 0 else ""
    where = f" <small>({_e(casebook.path)})</small>" if casebook.path else ""
    return (f'<div class="factcheck-casebook"><strong>{_e(casebook.title)}</strong>{where}'
            + _table(["", ""], [[_e(k), _e(v)] for k, v in counts])
            + _table(["claim", "kind", "text"], rows) + tail + "</div>")


def _origins(resolution: Resolution) -> str:
    n = len(resolution.origins)
    return f"{n} origin" + ("" if n == 1 else "s")


def resolution_repr(resolution: Resolution) -> str:
    """One line: ``<Resolution claim: status since …, strength, n origins, as of …>``."""
    zone = resolution.zone
    since = (f" since {format_instant(resolution.since, zone)}" if resolution.since
             else " from the start")
    return (f"<Resolution {resolution.claim}: {resolution.status.value}{since}, "
            f"{resolution.support.label}, {_origins(resolution)}, "
            f"as of {format_instant(resolution.as_of, zone)}>")


def _quoted(e: Evidence) -> str:
    """The verbatim quote, marked with its source's language, and its translation if any."""
    if e.quote is None:  # an Evidence made by hand, not by the engine
        return ""
    text = (f'<blockquote lang="{_e(e.quote.language)}" style="margin:0">{_e(e.quote.text)}'
            "</blockquote>")
    if e.quote.translation:
        text += f"<small>translation: {_e(e.quote.translation)}</small>"
    return text


def _source(e: Evidence) -> str:
    """The source's title (a link when its URL is a safe one), outlet and id."""
    if e.quote is None:
        return f"<code>{_e(e.source)}</code>"
    title, url = _e(e.quote.title), safe_url(e.quote.url)
    if url is not None:
        title = f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{title}</a>'
    elif e.quote.url:  # not a link we would follow: shown as text
        title += f" <small>({_e(e.quote.url)})</small>"
    return f"{title}<br><small>{_e(e.quote.publisher)}, <code>{_e(e.source)}</code></small>"


def _counted(e: Evidence, resolution: Resolution) -> str:
    """Which excerpt and revision, when published, by which origin, and whether withdrawn."""
    gone = e.withdrawn_at is not None and e.withdrawn_at <= resolution.as_of
    return (f"<code>{_e(e.excerpt)}</code>, {_e(e.revision)}<br>"
            f"<small>{_e(e.published.format(resolution.zone))}; origin {_e(e.origin)}"
            + (f"; withdrawn in {_e(e.withdrawn_in or '')}" if gone else "") + "</small>")


def resolution_html(resolution: Resolution) -> str:
    """A resolution: its status, since when, strength and origins, the explanation, and the
    evidence it rests on: each quote verbatim (and translated), its source, and when."""
    zone = resolution.zone
    since = format_instant(resolution.since, zone) if resolution.since else "the start"
    facts = [
        ["as of", _e(format_instant(resolution.as_of, zone))],
        ["since", _e(since)],
        ["strength", _e(f"{resolution.support.label} (refutation: "
                        f"{resolution.refutation.label})")],
        ["origins", _e(", ".join(resolution.origins) or "none")],
    ]
    evidence = [[_e(e.stance.value), _quoted(e), _source(e), _counted(e, resolution)]
                for e in resolution.evidence]
    parts = [
        f'<div class="factcheck-resolution"><code>{_e(resolution.claim)}</code> '
        f"{_badge(resolution.status)}",
        _table(["", ""], [[_e(k), v] for k, v in facts]),
        f"<p>{_e(resolution.explain())}</p>",
    ]
    if evidence:
        parts.append(_table(["stance", "quote", "source", "excerpt"], evidence))
    parts.append("</div>")
    return "".join(parts)


def timeline_html(timeline: Timeline) -> str:
    """A timeline: a strip of coloured bands, one per step, and the steps with their reasons."""
    steps = timeline.steps
    zone = steps[0].resolution.zone if steps else None
    times = [s.since.timestamp() for s in steps if s.since is not None]
    first, last = (min(times), max(times)) if times else (0.0, 0.0)
    span = (last - first) or 1.0
    # The open start and the open end get a fixed share; the known changes share the rest by time.
    width, edge = 480.0, 60.0
    xs = [0.0 if s.since is None else edge + (s.since.timestamp() - first) / span
          * (width - 2 * edge) for s in steps]
    bands = []
    for i, step in enumerate(steps):
        x, end = xs[i], xs[i + 1] if i + 1 < len(steps) else width
        status = step.resolution.status
        when = format_instant(step.since, zone) if step.since else "the start"
        bands.append(f'<rect x="{x:.1f}" y="0" width="{max(end - x, 1.0):.1f}" height="14" '
                     f'fill="{COLOURS[status]}"><title>{_e(status.value)} from {_e(when)}'
                     "</title></rect>")
    picture = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="14" '
               f'role="img" aria-label="statuses over time">{"".join(bands)}</svg>')
    rows = [[_e(format_instant(s.since, zone) if s.since else "(start)"),
             _badge(s.resolution.status), _e(s.resolution.explain())] for s in steps]
    return (f'<div class="factcheck-timeline"><code>{_e(timeline.claim)}</code><br>{picture}'
            + _table(["from", "status", "why"], rows) + "</div>")


class _Views:
    """The views above, as ``factcheck._outcome`` asks for them."""

    resolution_repr = staticmethod(resolution_repr)
    resolution_html = staticmethod(resolution_html)
    timeline_html = staticmethod(timeline_html)


shown_with(_Views())
