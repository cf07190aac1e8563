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
    MARKS,
    STATUS_MEANING,
    as_of_text,
    by_storyline,
    changes_by_publication,
    changes_heading,
    clean,
    excerpt_facts,
    fact_text,
    instant,
    since_text,
    storyline_caption,
    zoomed,
)
from ._data import ClaimRow, ExcerptRow, Report
from ._history import standing
from ._revisions import revisions_html
from ._script import SCRIPT, data_block, millis, script_hash
from ._style import STYLE
from ._svg import render_svg

__all__ = ["render_html", "safe_url"]

_SAFE_URL = re.compile(r"https?://[^\s\x00-\x20\x7f-\x9f\"'<>`\\]+", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_PREDICTION_STATUSES = (Status.FULFILLED, Status.FAILED, Status.PENDING)


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """``url`` when it may be a link (http or https, no spaces or quotes), else None."""
    if url and _SAFE_URL.fullmatch(url):
        return url
    return None


def _status(status: Status) -> str:
    mark = MARKS.get(status, "\u2022")
    return f'<span class="chip st-{status.value}">{mark} {status.value}</span>'


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "") -> str:
    """A table whose cells are already HTML (escaped by the caller)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    # Each cell names its column, for narrow screens where a row becomes a card of its own.
    labels = [_TAG.sub("", h).strip() for h in headers]
    body = "\n".join("<tr>" + "".join(f'<td data-label="{label}">{c}</td>'
                                       for label, c in zip(labels, row, strict=True)) + "</tr>"
                     for row in rows)
    klass = f' class="{cls}"' if cls else ""
    return f"<table{klass}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _claim_link(claim: str) -> str:
    return f'<a href="#claim-{_e(claim)}">{_e(claim)}</a>'




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
        f"script-src {script_hash(SCRIPT)}; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>Consistency report: {title}</title>",
        f"<style>{STYLE}\n</style>",
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
    out += ["</dl>", "</header>", _controls(report), _nav(report)]
    out += _summary(report)
    out += _picture(report)
    out += ['<section id="claims">', "<h2>Claims, by storyline</h2>"]
    for n, line, rows in by_storyline(report, report.claims):
        out += [f'<section class="storyline" id="storyline-{n}">',
                f"<h3>Storyline {n}: {_e(line.title)}</h3>",
                f'<p class="muted">{_e(storyline_caption(line, len(rows), zone))}</p>',
                _claims(rows, zone), "</section>"]
    out.append("</section>")
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
    out += revisions_html(report.revisions, _e, millis)
    out += [f"<footer>factcheck {_e(report.version)}: the casebook as published by "
            f"{_e(instant(report.as_of, zone))}.</footer>",
            f'<script type="application/json" id="factcheck-data">{data_block(report)}</script>',
            f"<script>{SCRIPT}</script>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _controls(report: Report) -> str:
    """The as-of slider, date-time field, filters and search: shown only when the script runs."""
    zone = _e(report.zone)
    statuses = "".join(f'<option value="{st.value}">{st.value}</option>' for st in Status)
    people = "".join(f'<option value="{_e(st.id)}">{_e(st.name)}</option>'
                     for st in report.stakeholders)
    sources = "".join(f'<option value="{_e(r.id)}">{_e(r.id)}</option>' for r in report.sources)
    return (
        '<div id="as-of-controls" class="controls needs-script" hidden="">'
        '<div class="as-of"><span class="muted">as of</span> <strong id="as-of-shown">'
        f"{_e(as_of_text(report.as_of, report.zone))}</strong>"
        '<input type="range" id="as-of-slider" aria-label="as of">'
        f'<input type="datetime-local" id="as-of-field" step="60" aria-label="as of ({zone})">'
        '<button type="button" id="as-of-previous">\u25c0 change</button>'
        '<button type="button" id="as-of-next">change \u25b6</button>'
        '<button type="button" id="as-of-reset">report\u2019s as-of</button></div>'
        '<div class="filters">'
        '<select id="filter-status" aria-label="status">'
        f'<option value="">any status</option>{statuses}</select>'
        '<select id="filter-stakeholder" aria-label="stakeholder">'
        f'<option value="">any stakeholder</option>{people}</select>'
        '<select id="filter-source" aria-label="source">'
        f'<option value="">any source</option>{sources}</select>'
        '<input type="search" id="filter-text" aria-label="search" '
        'placeholder="search claims and quotes"><span id="filter-count" class="muted"></span>'
        "</div></div>"
    )


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
                      ([_status(st), f'<span class="num" data-count="{st.value}">{n}</span>']
                       for st, n in s.by_status),
                      "compact keep")
    findings = _table(["severity", "findings"],
                      ([f'<span class="severity-{sev.value}">{sev.value}</span>', str(n)]
                       for sev, n in s.findings), "compact keep")
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
            "a tick: something bearing on the claim counted from then (its tooltip names the "
            "source)</li><li><strong>\u21b7 \u2715 + ?</strong> another claim began to "
            "supersede, refute, support or dispute it (the tooltip names it)</li></ul>")


def _picture(report: Report) -> list[str]:
    zone = report.zone
    p = report.picture
    cut = zoomed(p, zone)
    shown = cut or p
    out = [
        '<section id="picture">', "<h2>Timeline picture</h2>",
        f"<p>Each claim's status over known time, from {_e(instant(shown.start, zone))} to "
        f"{_e(instant(shown.end, zone))} "
        + ("(the end of the last day anything changed, dotted; nothing changed from then to the "
           f"as-of, {_e(instant(p.end, zone))}: the full range is one click below; "
           if cut else "(the as-of, dashed; ")
        + "the square after it is the status as of the as-of)"
        + (", with the start of the changes section in red" if report.since else "") + ". "
        "Hover a bar, a tick or a mark for its moment, its source, or the claim that moved it.</p>",
        _legend(),
        f'<div class="picture-wrap">'
        f"{render_svg(shown, zone, report.since, report.storylines, p.end)}"
        "</div>",
    ]
    if cut is not None:
        out += ['<details class="full-range"><summary>The full range, to the as-of</summary>',
                f'<div class="picture-wrap">{render_svg(p, zone, report.since, report.storylines)}'
                "</div></details>"]
    return [*out, "</section>"]


def _claims(rows: Sequence[ClaimRow], zone: str) -> str:
    return '<div class="cards">\n' + "\n".join(_card(r, zone) for r in rows) + "\n</div>"


def _card(r: ClaimRow, zone: str) -> str:
    """A claim as a card: what it says, where it stands and why, then its evidence."""
    flag = ('<p class="muted">It may have changed: a publication may already be public.</p>'
            if r.may_have_changed else "")
    evidence = "".join(_excerpt(x, zone) for x in r.excerpts)
    count = len(r.excerpts)
    excerpts = (f'<details class="evidence" open=""><summary>Evidence: '
                f'<span class="evidence-count">{count}</span> of {count} '
                f'excerpt{"" if count == 1 else "s"}</summary><ul class="excerpts">{evidence}'
                "</ul></details>" if r.excerpts
                else '<p class="muted">No excerpt bears on it yet.</p>')
    people = " ".join(dict.fromkeys((*r.subjects, r.claimant)))
    sources = " ".join(sorted({x.source for x in r.excerpts}
                              | {x.via for x in r.excerpts if x.via}))
    return (
        f'<article class="card" id="claim-{_e(r.id)}" data-claim="{_e(r.id)}" '
        f'data-status="{r.status.value}" data-stakeholders="{_e(people)}" '
        f'data-sources="{_e(sources)}">'
        f'<h4>{_e(r.id)}</h4>'
        f'<p class="state">{_status(r.status)} <span class="since">'
        f"{_e(since_text(r.since, zone))}</span> "
        f'<span class="muted standing">{_e(standing(r.strength.label, r.origins))}</span></p>'
        f"{flag}"
        f'<p class="text">{_e(r.text)}</p>'
        + (f'<p class="fact"><span class="muted">fact:</span> {_e(fact)}</p>'
           if (fact := fact_text(r)) is not None else "")
        + f'<p class="why">{_e(r.explanation)}</p>'
        f'<p class="muted">{r.kind.value}; about {_e(", ".join(r.subjects))}; claimed by '
        f"{_e(r.claimant)}</p>{excerpts}</article>"
    )


def _excerpt(x: ExcerptRow, zone: str) -> str:
    """One excerpt: the stance, the verbatim quote in its language, then its source's facts."""
    facts = []
    for label, value in excerpt_facts(x, zone):
        if label == "link":
            url = safe_url(value)
            shown = (f'<a href="{_e(url)}" rel="noopener noreferrer nofollow">{_e(value)}</a>'
                     if url is not None else _e(value))
            facts.append(f'<li><span class="muted">link:</span> {shown}</li>')
        elif label == "translation":
            facts.append(f'<li class="translation"><span class="muted">translation:</span> '
                         f"{_e(value)}</li>")
        else:
            facts.append(f'<li><span class="muted">{label}:</span> {_e(value)}</li>')
    state = " withdrawn" if x.withdrawn_at is not None else ""
    gone = f' data-withdrawn="{millis(x.withdrawn_at)}"' if x.withdrawn_at is not None else ""
    return (f'<li class="excerpt{state}" data-from="{millis(x.counted_from)}"{gone}>'
            f'<span class="stance stance-{x.stance.value}">{x.stance.value}</span> '
            + (f'<blockquote lang="{_e(x.language)}">{_e(x.quote)}</blockquote>' if x.verbatim
               else f'<p class="paraphrase" lang="{_e(x.language)}"><span class="muted">'
                    f'paraphrase:</span> {_e(x.quote)}</p>')
            + f'<ul class="facts">{"".join(facts)}</ul></li>')


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
    out.append('<p class="muted">Grouped by the publication that caused them.</p>')
    for at, causes, changes in changes_by_publication(report):
        rows = "".join(
            f'<tr data-at="{millis(at)}"><td data-label="claim">{_claim_link(c.claim)}</td>'
            f'<td data-label="change">{_status(c.from_status)} \u2192 {_status(c.to_status)}'
            f'</td><td class="why" data-label="why">{_e(c.explanation)}</td></tr>'
            for c in changes)
        out += [f'<div class="publication" data-at="{millis(at)}">',
                f'<h3><span class="nowrap">{_e(instant(at, zone))}</span>: {_e(causes)}</h3>',
                '<table class="changes"><thead><tr><th>claim</th><th>change</th><th>why</th>'
                f"</tr></thead><tbody>{rows}</tbody></table></div>"]
    return [*out, "</section>"]


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
        [_claim_link(p.claim),
         _status(p.status) + (' <span class="lapsed">(lapsed)</span>' if p.lapsed else ""),
         _e(since_text(p.since, zone)),
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
