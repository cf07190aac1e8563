"""The report as JSON, in the versioned schema of docs/report-json.md."""

from __future__ import annotations

import json
from typing import Any

from .._serialize import finding_json, instant_json
from .._when import format_instant
from ._data import SCHEMA_VERSION, ClaimRow, ExcerptRow, Publication, Report

__all__ = ["render_json", "report_json"]


def _fact(row: ClaimRow) -> dict[str, Any] | None:
    fact = row.fact
    if fact is None:
        return None
    quantity = fact.quantity
    return {"subject": fact.subject, "property": fact.property, "value": fact.value,
            "quantity": None if quantity is None else {
                "amount": quantity.amount, "low": quantity.low, "high": quantity.high,
                "unit": quantity.unit, "basis": quantity.basis,
                "approx": quantity.approx.value if quantity.approx is not None else None},
            "shown": fact.shown}


def report_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON data (dicts, lists, strings, numbers, booleans, None)."""
    zone = report.zone
    seen: dict[Any, str | None] = {}

    def at(dt: Any) -> str | None:
        # The same publication instants recur throughout; converting zones is not cheap.
        if dt not in seen:
            seen[dt] = instant_json(dt, zone)
        return seen[dt]

    def claim(row: ClaimRow) -> dict[str, Any]:
        return {
            "id": row.id,
            "kind": row.kind.value,
            "text": row.text,
            "subjects": list(row.subjects),
            "claimant": row.claimant,
            "status": row.status.value,
            "since": at(row.since),
            "strength": row.strength.label,
            "refutation": row.refutation.label,
            "origins": list(row.origins),
            "may_have_changed": row.may_have_changed,
            "explanation": row.explanation,
            "fact": _fact(row),
            "excerpts": [excerpt(x) for x in row.excerpts],
        }

    def excerpt(x: ExcerptRow) -> dict[str, Any]:
        return {
            "excerpt": x.excerpt, "stance": x.stance.value, "quote": x.quote,
            "verbatim": x.verbatim,
            "translation": x.translation, "language": x.language, "source": x.source,
            "title": x.title, "publisher": x.publisher, "author": x.author, "url": x.url,
            "source_kind": x.source_kind.value, "revision": x.revision,
            "revision_label": x.revision_label, "published": x.published.text(),
            "counted_from": at(x.counted_from), "via": x.via, "origin": x.origin,
            "withdrawn_in": x.withdrawn_in, "withdrawn_at": at(x.withdrawn_at),
        }

    def publication(p: Publication) -> dict[str, Any]:
        return {"source": p.source, "revision": p.revision, "published": p.published.text(),
                "counted_from": at(p.counted_from), "withdrawal": p.withdrawal, "via": p.via}

    s = report.summary
    picture = report.picture
    return {
        "schema": "factcheck-report",
        "schema_version": SCHEMA_VERSION,
        "casebook": report.title,
        "as_of": at(report.as_of),
        "as_of_text": format_instant(report.as_of, zone),
        "zone": zone,
        "since": at(report.since),
        "factcheck_version": report.version,
        "generated": at(report.generated),
        "corroboration": report.corroboration,
        "summary": {
            "claims": s.claims,
            "by_status": {st.value: n for st, n in s.by_status},
            "sources": s.sources,
            "revisions": s.revisions,
            "excerpts": s.excerpts,
            "stakeholders": s.stakeholders,
            "relations": s.relations,
            "findings": {sev.value: n for sev, n in s.findings},
        },
        "claims": [claim(row) for row in report.claims],
        "opinions": [claim(row) for row in report.opinions],
        "stakeholders": [
            {"id": st.id, "name": st.name, "kind": st.kind.value, "aliases": list(st.aliases),
             "subject_of": st.subject_of, "claimant_of": st.claimant_of}
            for st in report.stakeholders
        ],
        "changes": [
            {"claim": c.claim, "at": at(c.at), "from": c.from_status.value,
             "to": c.to_status.value, "causes": [publication(p) for p in c.causes],
             "explanation": c.explanation}
            for c in report.changes
        ],
        "relations": [
            {"kind": r.kind.value, "from": r.from_, "to": r.to,
             "from_status": r.from_status.value, "from_strength": r.from_strength.label,
             "to_status": r.to_status.value, "to_strength": r.to_strength.label,
             "outcome": r.outcome, "decision": r.decision, "since": at(r.since), "note": r.note}
            for r in report.relations
        ],
        "findings": [finding_json(f) for f in report.findings],
        "sources": [
            {"id": r.id, "title": r.title, "kind": r.kind.value, "publisher": r.publisher,
             "author": r.author, "language": r.language, "url": r.url,
             "first_published": r.first_published.text() if r.first_published else None,
             "revisions": r.revisions,
             "asserted": [{"claim": c, "status": st.value} for c, st in r.asserted],
             "tally": {st.value: n for st, n in r.tally}}
            for r in report.sources
        ],
        "predictions": [
            {"claim": p.claim, "text": p.text, "claimant": p.claimant,
             "made_by": list(p.made_by), "made_at": at(p.made_at),
             "due": p.due.text() if p.due else None, "past_due": p.past_due,
             "status": p.status.value, "lapsed": p.lapsed, "since": at(p.since)}
            for p in report.predictions
        ],
        "storylines": [
            {"id": line.id, "title": line.title, "tie": line.tie, "claims": list(line.claims),
             "first_change": at(line.first_change)}
            for line in report.storylines
        ],
        "picture": {
            "start": at(picture.start),
            "end": at(picture.end),
            "rows": [
                {"claim": row.claim,
                 "bands": [{"start": at(b.start), "end": at(b.end), "status": b.status.value}
                           for b in row.bands],
                 "ticks": [at(t) for t in row.ticks], "status": row.status.value,
                 "tick_sources": [list(names) for names in row.tick_sources],
                 "marks": [{"at": at(m.at), "effect": m.effect, "other": m.other}
                           for m in row.marks]}
                for row in picture.rows
            ],
        },
    }


def render_json(report: Report) -> str:
    """The report as a JSON document: UTF-8, the outer levels indented, each claim, change,
    source and picture row on one line (readable, diffable, and fast to write), a final newline."""
    return _dump(report_json(report), 0) + "\n"


def _dump(value: Any, depth: int) -> str:
    # json.dumps with `indent` falls back to the pure-Python encoder: for a casebook of 100k
    # claims that is most of the time spent. Only the outer levels are laid out by hand.
    inner = "  " * (depth + 1)
    if isinstance(value, dict) and value and depth <= 1:
        items = (f"{inner}{json.dumps(k, ensure_ascii=False)}: {_dump(v, depth + 1)}"
                 for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    if isinstance(value, list) and value and depth <= 2:
        items = (f"{inner}{_dump(v, depth + 1)}" for v in value)
        return "[\n" + ",\n".join(items) + "\n" + "  " * depth + "]"
    return json.dumps(value, ensure_ascii=False)
