"""The report as GitHub-flavoured Markdown: pipe tables, the picture in a fenced block.

Cells are made safe for a pipe table: casebook text is cut to a length with an ellipsis, ``|`` and
Markdown's own punctuation are backslash-escaped, ``<``, ``>`` and ``&`` become entities (so no
casebook string is ever read as HTML), and newlines become ``<br>``. Ids are casebook text too (the
format does not restrict them): they are escaped the same way, though never cut. The picture's
fence is longer than any run of backticks inside it, so no id can close it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tabulate import tabulate

from .._resolution import Status
from ._common import (
    NEWLINES,
    as_of_text,
    by_storyline,
    changes_by_publication,
    changes_heading,
    clean,
    compact_picture,
    excerpt_facts,
    fact_text,
    instant,
    legend_line,
    picture_scope,
    since_text,
    storyline_caption,
    truncate,
)
from ._data import ClaimRow, Report

__all__ = ["cell", "render_markdown"]

#: Longest cell of free text (claim texts, titles, explanations), before escaping.
CELL_LIMIT = 160
_PREDICTION_STATUSES = (Status.FULFILLED, Status.FAILED, Status.PENDING)
_PUNCTUATION = re.compile(r"([\\`*_\[\]|#~])")
_PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def cell(text: str, limit: int | None = CELL_LIMIT) -> str:
    """A casebook string as one pipe-table cell (or inline Markdown text)."""
    if limit is not None:
        text = truncate(text, limit)
    lines = []
    for line in NEWLINES.split(text):
        line = clean(line).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        lines.append(_PUNCTUATION.sub(r"\\\1", line))
    return "<br>".join(lines)


def _id(text: str) -> str:
    """An id (claim, source, stakeholder), or ids joined, as inline Markdown: escaped, not cut."""
    return cell(text, None)


def _ids(ids: Iterable[str]) -> str:
    return _id(", ".join(ids))


def _fence(lines: list[str]) -> str:
    """A code fence longer than any run of backticks in ``lines``."""
    longest = max((len(run) for line in lines for run in re.findall("`+", line)), default=0)
    return "`" * max(3, longest + 1)


def _table(rows: list[list[str]], headers: list[str]) -> str:
    return tabulate(rows, headers=headers, tablefmt="pipe", disable_numparse=True)


def _section(title: str, rows: list[list[str]], headers: list[str], empty: str) -> list[str]:
    """A section: its heading, then its table, or ``empty`` when it has no row."""
    return [f"## {title}", "", _table(rows, headers) if rows else empty, ""]


def render_markdown(report: Report) -> str:
    """The whole report as Markdown that renders on GitHub."""
    zone = report.zone
    out: list[str] = [f"# Consistency report: {cell(report.title, None)}", ""]
    header = [
        ["casebook", cell(report.title)],
        ["as of", f"{as_of_text(report.as_of, zone)} ({report.as_of.isoformat()})"],
        ["changes", changes_heading(report)],
        ["factcheck", cell(report.version)],
    ]
    if report.generated is not None:
        header.append(["generated", instant(report.generated, zone)])
    out += [_table(header, ["field", "value"]), ""]

    s = report.summary
    out += ["## Summary", "",
            f"{s.claims} claims, {s.sources} sources ({s.revisions} revisions, {s.excerpts} "
            f"excerpts), {s.stakeholders} stakeholders, {s.relations} relations; corroboration "
            f"needs {report.corroboration} independent origins.", ""]
    out += [_table([[st.value, str(n)] for st, n in s.by_status], ["status", "claims"]), ""]
    out += [_table([[sev.value, str(n)] for sev, n in s.findings], ["severity", "findings"]), ""]

    out += ["## Claims", "", _claims_table(report.claims, zone), ""]
    out += _storylines(report, zone)
    if report.opinions:
        out += ["## Opinions", "", "Not checkable; reported apart.", "",
                _claims_table(report.opinions, zone), ""]
        for row in report.opinions:
            out += _claim_section(row, zone)

    out += ["## Stakeholders", "", _table(
        [[_id(st.id), cell(st.name), st.kind.value, cell(", ".join(st.aliases)), str(st.subject_of),
          str(st.claimant_of)] for st in report.stakeholders],
        ["stakeholder", "name", "kind", "aliases", "claims about", "claims made"],
    ), ""]

    out += [f"## What changed, {changes_heading(report)}", ""]
    if not report.changes:
        out += ["No status changed.", ""]
    for at, causes, changes in changes_by_publication(report):
        out += [f"### {instant(at, zone)}: {cell(causes, None)}", "", _table(
            [[_id(c.claim), f"{c.from_status.value} → {c.to_status.value}",
              cell(c.explanation, None)] for c in changes],
            ["claim", "change", "why"]), ""]
    out += _section(
        "Contradictions and supersessions",
        [[_id(r.from_), r.kind.value, _id(r.to), r.outcome, cell(r.decision),
          cell(r.note or "")] for r in report.relations],
        ["claim", "relation", "other claim", "outcome", "decided", "note"], "None declared.")
    out += _section(
        "Findings",
        [[f.severity.value, f.code, cell(f.location or "-"), cell(f.message)]
         for f in report.findings],
        ["severity", "code", "location", "message"], "No findings.")

    out += ["## Source track record", "", _table(
        [[_id(r.id), _title(r.title, r.url), cell(r.publisher), r.kind.value,
          r.first_published.format(zone) if r.first_published else "-", str(len(r.asserted)),
          ", ".join(f"{n} {st.value}" for st, n in r.tally) or "-",
          cell(", ".join(f"{c} ({st.value})" for c, st in r.asserted) or "-")]
         for r in report.sources],
        ["source", "title and URL", "publisher", "kind", "first published", "asserted", "as of now",
         "claims"],
    ), ""]

    out += ["## Prediction scorecard", ""]
    if report.predictions:
        out.append(_table(
            [[_id(p.claim), p.outcome, since_text(p.since, zone), _ids(p.made_by) or "-",
              instant(p.made_at, zone, "-"), p.due.format(zone) if p.due else "-",
              "yes" if p.past_due else "no"] for p in report.predictions],
            ["prediction", "status", "since", "made by", "made", "due", "past due"],
        ))
        out.append("")
        scored = [[_id(r.id), *(str(r.count(st)) for st in _PREDICTION_STATUSES)]
                  for r in report.sources if any(r.count(st) for st in _PREDICTION_STATUSES)]
        if scored:
            out.append(_table(scored, ["source", *(st.value for st in _PREDICTION_STATUSES)]))
    else:
        out.append("No predictions.")
    out.append("")

    shown, scope = picture_scope(report)
    out += ["## Timeline picture", "", f"{scope} Legend:", "", f"`{legend_line()}`", ""]
    picture = compact_picture(shown, zone, storylines=report.storylines)
    fence = _fence(picture)
    out += [fence + "text", *picture, fence]
    return "\n".join(out) + "\n"


def _title(title: str, url: str | None) -> str:
    """A source's title, and its URL below it as text (GitHub links it when it is http or https)."""
    return cell(title) + (f"<br>{cell(url)}" if url else "")


def _claims_table(rows: tuple[ClaimRow, ...], zone: str) -> str:
    """The claims at a glance; each has a section of its own below, with its evidence."""
    return _table(
        [[_id(r.id), r.status.value, since_text(r.since, zone), r.strength.label,
          str(len(r.origins)), r.kind.value, str(len(r.excerpts))] for r in rows],
        ["claim", "status", "since", "strength", "origins", "kind", "excerpts"],
    )


def _anchor(claim: str) -> str:
    """A claim id linked to its section, where GitHub's heading anchor is the id itself."""
    return f"[{claim}](#{claim})" if _PLAIN_ID.fullmatch(claim) else _id(claim)


def _storylines(report: Report, zone: str) -> list[str]:
    """The contents by storyline, then each storyline's claims in full."""
    groups = by_storyline(report, report.claims)
    out = ["### Contents, by storyline", ""]
    out += [f"{n}. [Storyline {n}](#storyline-{n}): {cell(line.title, None)}: "
            + ", ".join(_anchor(row.id) for row in rows) for n, line, rows in groups]
    out.append("")
    for n, line, rows in groups:
        out += [f"### Storyline {n}", "",
                f"*{cell(line.title, None)}: {storyline_caption(line, len(rows), zone)}*", ""]
        for row in rows:
            out += _claim_section(row, zone, "####")
    return out


def _claim_section(row: ClaimRow, zone: str, level: str = "###") -> list[str]:
    """A claim in full: its text, status and why, then every excerpt with its source; nothing
    is cut."""
    origins = f"{len(row.origins)} origin" + ("" if len(row.origins) == 1 else "s")
    out = [
        f"{level} {_id(row.id)}", "",
        f"**{row.status.value}** {since_text(row.since, zone)} · {row.strength.label} · "
        f"{cell(origins + (': ' + ', '.join(row.origins) if row.origins else ''), None)} · "
        f"{row.kind.value} · about {_ids(row.subjects)} · claimed by {_id(row.claimant)}", "",
        cell(row.text, None), "",
        f"Why: {cell(row.explanation, None)}", "",
    ]
    fact = fact_text(row)
    if fact is not None:
        out[6:6] = [f"Fact: {cell(fact, None)}", ""]  # after the claim's text
    if row.may_have_changed:
        out += ["*It may have changed: a publication may already be public.*", ""]
    if not row.excerpts:
        return [*out, "No excerpt bears on it yet.", ""]
    for excerpt in row.excerpts:
        words = (f"“{cell(excerpt.quote, None)}”" if excerpt.verbatim
                 else f"*paraphrase:* {cell(excerpt.quote, None)}")
        out.append(f"- **{excerpt.stance.value}** ({cell(excerpt.language, None)}): {words}")
        out += [f"  - {label}: {cell(value, None)}"
                for label, value in excerpt_facts(excerpt, zone)]
    return [*out, ""]
