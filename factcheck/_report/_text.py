"""The report as plain text, for a terminal: blocks and simple tables, the picture in symbols."""

from __future__ import annotations

from .._resolution import Status
from .._terminal import DEFAULT_WIDTH as WIDTH
from .._terminal import fit_table, wrap
from .._terminal import width as width_of
from ._common import (
    PICTURE_WIDTH,
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
)
from ._data import ClaimRow, Report

__all__ = ["render_text"]

_PREDICTION_STATUSES = (Status.FULFILLED, Status.FAILED, Status.PENDING)


def _table(rows: list[list[str]], headers: list[str], width: int) -> str:
    return fit_table(rows, headers, width)


def _wrap(text: str, indent: str = "    ", width: int = WIDTH, hang: str | None = None) -> str:
    return "\n".join(wrap(clean(text), width, indent, hang))


def _heading(title: str) -> list[str]:
    return ["", title, "=" * len(title), ""]


def render_text(report: Report, width: int = WIDTH) -> str:
    """The whole report as plain text, its paragraphs wrapped to ``width`` columns."""
    zone = report.zone
    out: list[str] = []
    title = f"Consistency report: {clean(report.title)}"
    out += [title, "=" * len(title), ""]
    out.append(f"casebook:  {clean(report.title)}")
    out.append(f"as of:     {as_of_text(report.as_of, zone)} ({report.as_of.isoformat()})")
    out.append(f"changes:   {changes_heading(report)}")
    out.append(f"factcheck: {report.version}")
    if report.generated is not None:
        out.append(f"generated: {instant(report.generated, zone)}")

    s = report.summary
    out += _heading("Summary")
    out.append(f"{s.claims} claims, {s.sources} sources ({s.revisions} revisions, {s.excerpts} "
               f"excerpts), {s.stakeholders} stakeholders, {s.relations} relations; "
               f"corroboration needs {report.corroboration} independent origins")
    out.append("")
    out.append(_table([[st.value, str(n)] for st, n in s.by_status], ["status", "claims"], width))
    out.append("")
    out.append(_table([[sev.value, str(n)] for sev, n in s.findings], ["severity", "findings"],
                      width))

    out += _heading("Claims, by storyline")
    for n, line, rows in by_storyline(report, report.claims):
        out += [f"Storyline {n}: {clean(line.title)}",
                f"({storyline_caption(line, len(rows), zone)})", ""]
        for row in rows:
            out += _claim(row, zone, width)
    if report.opinions:
        out += _heading("Opinions (not checkable, reported apart)")
        for row in report.opinions:
            out += _claim(row, zone, width)

    out += _heading("Stakeholders")
    out.append(_table(
        [[clean(st.id), clean(st.name), st.kind.value, clean(", ".join(st.aliases)),
          str(st.subject_of), str(st.claimant_of)] for st in report.stakeholders],
        ["stakeholder", "name", "kind", "aliases", "about", "claims made"], width,
    ))

    out += _heading(f"What changed, {changes_heading(report)}")
    if not report.changes:
        out.append("No status changed.")
    for at, causes, changes in changes_by_publication(report):
        out.append(_wrap(f"{instant(at, zone)}: {causes}", "", width, "    "))
        for change in changes:
            out.append(f"  {clean(change.claim)}: {change.from_status.value} -> "
                       f"{change.to_status.value}")
            out.append(_wrap(change.explanation, width=width))
        out.append("")

    out += _heading("Contradictions and supersessions")
    if not report.relations:
        out.append("None declared.")
    for rel in report.relations:
        out.append(f"{clean(rel.from_)} {rel.kind.value} {clean(rel.to)}: {rel.outcome}")
        out.append(_wrap(rel.decision, width=width))
        if rel.note:
            out.append(_wrap(f"note: {rel.note}", width=width))

    out += _heading("Findings")
    if not report.findings:
        out.append("No findings.")
    for finding in report.findings:
        out.append(clean(finding.line()))

    out += _heading("Source track record")
    out.append(_table(
        [[clean(r.id), clean(r.publisher), str(len(r.asserted)),
          ", ".join(f"{n} {st.value}" for st, n in r.tally) or "-"] for r in report.sources],
        ["source", "publisher", "asserted", "as of now"], width,
    ))
    for r in report.sources:
        out.append("")
        first = r.first_published.format(zone) if r.first_published else "-"
        out.append(f"{clean(r.id)}: {clean(r.title)}")
        out.append(_wrap(f"{r.kind.value} by {r.publisher}"
                         + (f", {r.author}" if r.author else "")
                         + f"; {r.language}; first published {first}; {r.revisions} revision(s)"
                         + (f"; {r.url}" if r.url else ""), width=width))
        if r.asserted:
            out.append(_wrap("asserted: " + ", ".join(f"{c} ({st.value})" for c, st in r.asserted),
                             width=width))

    out += _heading("Prediction scorecard")
    if not report.predictions:
        out.append("No predictions.")
    else:
        out.append(_table(
            [[clean(p.claim), p.outcome, since_text(p.since, zone),
              clean(", ".join(p.made_by)) or "-",
              instant(p.made_at, zone, "-"), p.due.format(zone) if p.due else "-",
              "yes" if p.past_due else "no"] for p in report.predictions],
            ["prediction", "status", "since", "made by", "made", "due", "past due"], width,
        ))
        for r in report.sources:
            fulfilled, failed, pending = (r.count(st) for st in _PREDICTION_STATUSES)
            if fulfilled or failed or pending:
                out.append(f"  {clean(r.id)}: {fulfilled} fulfilled, {failed} failed, "
                           f"{pending} pending")

    out += _heading("Timeline picture")
    # The strip narrows to fit a narrow terminal, down to 20 columns.
    label = max((width_of(clean(row.claim)) for row in report.picture.rows), default=5)
    stacked = width - label - 4 < 40  # too narrow for ids and strips side by side
    strip = max(20, min(PICTURE_WIDTH, width - (0 if stacked else label) - 4))
    shown, scope = picture_scope(report, strip)
    out.append(_wrap(scope, "", width))
    out.append(_wrap(legend_line(), "", width))
    out.append("")
    out += compact_picture(shown, zone, strip, storylines=report.storylines, stacked=stacked)
    # Ids and a few other casebook strings go in unchanged above; this last pass makes sure that no
    # control or bidi character from the casebook reaches the terminal, whatever the field, and
    # wraps what is still wider than the terminal.
    return "\n".join(_fit(clean(line), width)
                     for line in "\n".join(out).split("\n")) + "\n"


def _fit(line: str, width: int) -> str:
    if width_of(line) <= width:
        return line
    indent = line[: len(line) - len(line.lstrip(" "))]
    return "\n".join(wrap(line.strip(), width, indent, indent + "    "))


def _claim(row: ClaimRow, zone: str, width: int) -> list[str]:
    origins = f"{len(row.origins)} origin" + ("" if len(row.origins) == 1 else "s")
    lines = [
        f"{clean(row.id)}  [{row.status.value} {since_text(row.since, zone)}; "
        f"{row.strength.label}; {origins}]",
        _wrap(row.text, width=width),
        _wrap(f"{row.kind.value}; about {', '.join(row.subjects)}; claimed by {row.claimant}"
              + (f"; origins: {', '.join(row.origins)}" if row.origins else ""), width=width),
        _wrap(f"why: {row.explanation}", width=width),
    ]
    fact = fact_text(row)
    if fact is not None:
        lines.insert(3, _wrap(f"fact: {fact}", width=width))
    if row.excerpts:
        count = len(row.excerpts)
        lines.append(f"    evidence: {count} excerpt{'' if count == 1 else 's'}")
    for excerpt in row.excerpts:
        words = f'"{excerpt.quote}"' if excerpt.verbatim else f"paraphrase: {excerpt.quote}"
        lines.append(_wrap(f"{excerpt.stance.value} [{excerpt.language}]: {words}",
                           "    - ", width, "      "))
        lines += [_wrap(f"{label}: {value}", "      ", width, "        ")
                  for label, value in excerpt_facts(excerpt, zone)]
    return [*lines, ""]
