"""The report as one self-contained HTML page: no script, no network, printable.

Every string that comes from a casebook goes through :func:`_e` (``html.escape`` with quotes), and
a casebook URL becomes a link only when it is plainly ``http://`` or ``https://``. A Content
Security Policy that allows no script and no fetch backs this up.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from .._resolution import Status
from ._common import (
    COLOURS,
    STATUS_MEANING,
    as_of_text,
    changes_heading,
    clean,
    instant,
    publication,
    since_text,
)
from ._data import ClaimRow, Report
from ._revisions import revisions_html
from ._svg import render_svg

__all__ = ["render_html", "safe_url"]

_SAFE_URL = re.compile(r"https?://[^\s\x00-\x20\x7f-\x9f\"'<>`\\]+", re.IGNORECASE)
_PREDICTION_STATUSES = (Status.FULFILLED, Status.FAILED, Status.PENDING)


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """``url`` when it may be a link (http or https, no spaces or quotes), else None."""
    if url and _SAFE_URL.fullmatch(url):
        return url
    return None


def _status(status: Status) -> str:
    return f'<span class="chip st-{status.value}">{status.value}</span>'


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    """A table whose cells are already HTML (escaped by the caller)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    klass = f' class="{cls}"' if cls else ""
    return f"<table{klass}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _claim_link(claim: str) -> str:
    return f'<a href="#claim-{_e(claim)}">{_e(claim)}</a>'


_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK KR",
       "Apple SD Gothic Neo", sans-serif; color: #111827; margin: 0 auto; padding: 24px 32px;
       max-width: 1400px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #e5e7eb; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.diff del { background: #fee2e2; color: #7f1d1d; }
p.diff ins { background: #dcfce7; color: #14532d; text-decoration: none; }
header dl { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; margin: 8px 0; }
header dt { color: #6b7280; }
header dd { margin: 0; }
nav { margin: 12px 0; font-size: 13px; }
nav a { margin-right: 12px; }
a { color: #1d4ed8; text-decoration: none; }
a:hover { text-decoration: underline; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { border: 1px solid #e5e7eb; padding: 4px 6px; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
th { background: #f3f4f6; font-weight: 600; }
tbody tr:nth-child(even) { background: #fafafa; }
table.compact { width: auto; }
td.why, div.why, span.why { color: #4b5563; font-size: 12px; }
div.why { margin-top: 4px; }
td.id { white-space: nowrap; }
table.claims td:nth-child(3), table.claims td:nth-child(4) { min-width: 120px; }
#sources td:nth-child(2) { min-width: 240px; }
#sources td:nth-child(3) { max-width: 190px; }
#predictions td:nth-child(1) { min-width: 200px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #6b7280; }
.nowrap { white-space: nowrap; }
.chip { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px;
        white-space: nowrap; color: #111827; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px;
          vertical-align: -2px; margin-right: 5px; border: 1px solid rgba(0,0,0,.15); }
ul.legend { list-style: none; padding: 0; margin: 6px 0 12px; display: grid;
            grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 3px 18px;
            font-size: 13px; }
.severity-error { color: #b91c1c; font-weight: 600; }
.severity-warning { color: #b45309; font-weight: 600; }
.severity-info { color: #1d4ed8; }
.picture-wrap { overflow-x: auto; }
svg.picture { font: 11px system-ui, sans-serif; display: block; }
svg.picture + svg.picture { margin-top: 8px; }
svg.picture text.label { fill: #111827; }
svg.picture text.axis { fill: #4b5563; }
svg.picture line.grid { stroke: #d1d5db; stroke-width: 1; }
svg.picture line.tick { stroke: #111827; stroke-width: 1.5; }
svg.picture line.asof { stroke: #111827; stroke-width: 1.5; stroke-dasharray: 3 2; }
svg.picture line.since { stroke: #b91c1c; stroke-width: 1.5; stroke-dasharray: 5 3; }
svg.picture rect { shape-rendering: crispEdges; }
.side-by-side { display: flex; gap: 32px; flex-wrap: wrap; align-items: flex-start; }
footer { margin-top: 32px; font-size: 12px; color: #6b7280; }
@media print {
  @page { margin: 12mm; }
  body { padding: 0; max-width: none; font-size: 10pt; }
  nav { display: none; }
  a { color: inherit; }
  h2 { break-after: avoid; }
  tr, svg.picture, ul.legend { break-inside: avoid; }
  .picture-wrap { overflow: visible; }
  svg.picture { max-width: 100%; height: auto; }
  table { font-size: 8pt; }
  td.why, div.why, span.why { font-size: 7.5pt; }
  /* On paper the page is narrow: ids and times wrap (at their hyphens), so that the text gets
     the room. */
  td.id, .nowrap { white-space: normal; }
  table.claims td:nth-child(3), table.claims td:nth-child(4), #sources td:nth-child(2),
  #predictions td:nth-child(1) { min-width: 0; }
  table.claims td:nth-child(5) { width: 45%; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _status_css() -> str:
    # Text on the darker colours is white; the class names are fixed words, not casebook text.
    dark = {Status.CONFIRMED, Status.CORROBORATED, Status.REFUTED, Status.RETRACTED,
            Status.FULFILLED, Status.FAILED}
    lines = []
    for status, colour in COLOURS.items():
        text = "#fff" if status in dark else "#111827"
        lines.append(f".st-{status.value} {{ fill: {colour}; background: {colour}; "
                     f"color: {text}; }}")
    return "\n".join(lines)


def render_html(report: Report) -> str:
    """The whole report as a standalone HTML document."""
    zone = report.zone
    title = _e(report.title)
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>Consistency report: {title}</title>",
        f"<style>{_CSS}{_status_css()}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>Consistency report: {title}</h1>",
        "<dl>",
        f"<dt>casebook</dt><dd>{title}</dd>",
        f"<dt>as of</dt><dd><strong>{_e(as_of_text(report.as_of, zone))}</strong> "
        f'<span class="muted">({_e(report.as_of.isoformat())}, zone {_e(zone)})</span></dd>',
        f"<dt>changes</dt><dd>{_e(changes_heading(report))}</dd>",
        f"<dt>factcheck</dt><dd>{_e(report.version)}</dd>",
    ]
    if report.generated is not None:
        out.append(f"<dt>generated</dt><dd>{_e(instant(report.generated, zone))}</dd>")
    out += ["</dl>", "</header>", _nav(report)]
    out += _summary(report)
    out += _picture(report)
    out += ['<section id="claims">', "<h2>Claims</h2>", _claims(report.claims, zone), "</section>"]
    if report.opinions:
        out += ['<section id="opinions">', "<h2>Opinions</h2>",
                '<p class="muted">Not checkable; reported apart.</p>',
                _claims(report.opinions, zone), "</section>"]
    out += _stakeholders(report)
    out += _changes(report)
    out += _relations(report)
    out += _findings(report)
    out += _sources(report)
    out += _predictions(report)
    out += revisions_html(report.revisions, _e)
    out += [f"<footer>factcheck {_e(report.version)}: the casebook as published by "
            f"{_e(instant(report.as_of, zone))}.</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _nav(report: Report) -> str:
    links = [("summary", "Summary"), ("picture", "Timeline picture"), ("claims", "Claims")]
    if report.opinions:
        links.append(("opinions", "Opinions"))
    links += [("stakeholders", "Stakeholders"), ("changes", "What changed"),
              ("relations", "Contradictions and supersessions"), ("findings", "Findings"),
              ("sources", "Source track record"), ("predictions", "Prediction scorecard")]
    if report.revisions:
        links.append(("revisions", "Revised sources"))
    return "<nav>" + "".join(f'<a href="#{a}">{t}</a>' for a, t in links) + "</nav>"


def _summary(report: Report) -> list[str]:
    s = report.summary
    statuses = _table(["status", "claims"],
                      ([_status(st), f'<span class="num">{n}</span>'] for st, n in s.by_status),
                      "compact")
    findings = _table(["severity", "findings"],
                      ([f'<span class="severity-{sev.value}">{sev.value}</span>', str(n)]
                       for sev, n in s.findings), "compact")
    return [
        '<section id="summary">', "<h2>Summary</h2>",
        f"<p>{s.claims} claims, {s.sources} sources ({s.revisions} revisions, {s.excerpts} "
        f"excerpts), {s.stakeholders} stakeholders, {s.relations} relations; corroboration "
        f"needs {report.corroboration} independent origins.</p>",
        '<div class="side-by-side">', statuses, findings, "</div>",
        "</section>",
    ]


def _legend() -> str:
    items = "".join(
        f'<li><span class="swatch st-{st.value}"></span><strong>{st.value}</strong>: '
        f"{html.escape(STATUS_MEANING[st])}</li>" for st in Status)
    return (f'<ul class="legend">{items}<li><svg width="14" height="14" aria-hidden="true">'
            '<line x1="7" y1="0" x2="7" y2="14" stroke="#111827" stroke-width="2"/></svg> '
            "a tick: something bearing on the claim was published</li></ul>")


def _picture(report: Report) -> list[str]:
    zone = report.zone
    p = report.picture
    return [
        '<section id="picture">', "<h2>Timeline picture</h2>",
        f"<p>Each claim's status over known time, from {_e(instant(p.start, zone))} to "
        f"{_e(instant(p.end, zone))} (the as-of, dashed; the square after it is the status as "
        "of then)"
        + (", with the start of the changes section in red" if report.since else "") + ".</p>",
        _legend(),
        f'<div class="picture-wrap">{render_svg(p, zone, report.since)}</div>',
        "</section>",
    ]


def _claims(rows: Sequence[ClaimRow], zone: str) -> str:
    body = []
    for r in rows:
        origins = f"{len(r.origins)}" + (f": {_e(', '.join(r.origins))}" if r.origins else "")
        flag = ('<br><span class="muted">may have changed: a publication may already be '
                "public</span>" if r.may_have_changed else "")
        body.append(
            f'<tr id="claim-{_e(r.id)}"><td class="id"><strong>{_e(r.id)}</strong><br>'
            f'<span class="muted">{r.kind.value}</span></td>'
            f'<td class="id">{_status(r.status)}<br>{_e(since_text(r.since, zone))}<br>'
            f'<span class="muted">{r.strength.label}</span>{flag}</td><td>{origins}</td>'
            f"<td>{_e(', '.join(r.subjects))}<br>"
            f'<span class="muted">claimed by</span> {_e(r.claimant)}</td>'
            f'<td>{_e(r.text)}<div class="why">{_e(r.explanation)}</div></td></tr>')
    head = "".join(f"<th>{h}</th>" for h in ("claim", "status, since, strength", "origins",
                                             "about", "text and why"))
    return (f'<table class="claims">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(body) + "\n</tbody>\n</table>")


def _stakeholders(report: Report) -> list[str]:
    rows = ([_e(st.id), _e(st.name), st.kind.value, _e(", ".join(st.aliases)),
             str(st.subject_of), str(st.claimant_of)] for st in report.stakeholders)
    return ['<section id="stakeholders">', "<h2>Stakeholders</h2>",
            _table(["stakeholder", "name", "kind", "aliases", "claims about", "claims made"],
                   rows), "</section>"]


def _changes(report: Report) -> list[str]:
    zone = report.zone
    out = ['<section id="changes">', f"<h2>What changed, {_e(changes_heading(report))}</h2>"]
    if not report.changes:
        return [*out, "<p>No status changed.</p>", "</section>"]
    rows = (
        [f'<span class="nowrap">{_e(instant(c.at, zone))}</span>', _claim_link(c.claim),
         f"{_status(c.from_status)} → {_status(c.to_status)}",
         "<br>".join(_e(publication(p, zone)) for p in c.causes) or "-",
         f'<span class="why">{_e(c.explanation)}</span>']
        for c in report.changes
    )
    return [*out, _table(["when", "claim", "change", "caused by", "why"], rows), "</section>"]


def _relations(report: Report) -> list[str]:
    out = ['<section id="relations">', "<h2>Contradictions and supersessions</h2>"]
    if not report.relations:
        return [*out, "<p>None declared.</p>", "</section>"]
    rows = (
        [f"{_claim_link(r.from_)} {_status(r.from_status)}", r.kind.value,
         f"{_claim_link(r.to)} {_status(r.to_status)}", _e(r.outcome), _e(r.decision),
         _e(r.note or "")]
        for r in report.relations
    )
    return [*out, _table(["claim", "relation", "other claim", "outcome", "decided", "note"], rows),
            "</section>"]


def _findings(report: Report) -> list[str]:
    out = ['<section id="findings">', "<h2>Findings</h2>"]
    if not report.findings:
        return [*out, "<p>No findings.</p>", "</section>"]
    rows = (
        [f'<span class="severity-{f.severity.value}">{f.severity.value}</span>', _e(f.code),
         _e(f.location or "-"), _e(f.message)]
        for f in report.findings
    )
    return [*out, _table(["severity", "code", "location", "message"], rows), "</section>"]


def _sources(report: Report) -> list[str]:
    zone = report.zone
    rows = []
    for r in report.sources:
        url = safe_url(r.url)
        title = _e(r.title)
        if url is not None:
            title = f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{title}</a>'
        elif r.url:
            title += f'<br><span class="muted">{_e(r.url)}</span>'
        by = f'<span class="muted">by</span> {_e(r.publisher)}' + (
            f'<span class="muted">, {_e(r.author)}</span>' if r.author else "")
        tally = " ".join(f'<span class="nowrap">{_status(st)}&nbsp;{n}</span>'
                         for st, n in r.tally) or "-"
        claims = ", ".join(f"{_claim_link(c)} ({st.value})" for c, st in r.asserted) or "-"
        first = _e(r.first_published.format(zone)) if r.first_published else "-"
        rows.append([
            f'<span id="source-{_e(r.id)}" class="nowrap"><strong>{_e(r.id)}</strong></span>'
            f'<br><span class="muted">{r.kind.value}, {_e(r.language)}</span>',
            f"{title}<br>{by}",
            f'{first}<br><span class="muted">{r.revisions} revision(s)</span>',
            f"{len(r.asserted)}<br>{tally}", claims,
        ])
    return ['<section id="sources">', "<h2>Source track record</h2>",
            "<p>Per source, the claims it asserted (published by the as-of) and how they stand "
            "now.</p>",
            _table(["source", "title and publisher", "first published", "asserted, as of now",
                    "claims"], rows),
            "</section>"]


def _predictions(report: Report) -> list[str]:
    zone = report.zone
    out = ['<section id="predictions">', "<h2>Prediction scorecard</h2>"]
    if not report.predictions:
        return [*out, "<p>No predictions.</p>", "</section>"]
    rows = (
        [_claim_link(p.claim), _status(p.status), _e(since_text(p.since, zone)),
         _e(", ".join(p.made_by) or "-"), _e(instant(p.made_at, zone, "-")),
         _e(p.due.format(zone)) if p.due else "-", "yes" if p.past_due else "no", _e(p.text)]
        for p in report.predictions
    )
    out.append(_table(["prediction", "status", "since", "made by", "made", "due", "past due",
                       "text"], rows))
    scored = [[_e(r.id), *(str(r.count(st)) for st in _PREDICTION_STATUSES)]
              for r in report.sources if any(r.count(st) for st in _PREDICTION_STATUSES)]
    if scored:
        out += ["<h3>By source</h3>",
                _table(["source", *(_status(st) for st in _PREDICTION_STATUSES)], scored,
                       "compact")]
    return [*out, "</section>"]
