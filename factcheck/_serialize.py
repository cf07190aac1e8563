"""JSON forms of resolutions and findings, shared by the command line and the JSON report."""

from __future__ import annotations

from typing import Any

import pendulum

from ._findings import Finding
from ._resolution import Evidence, RelationReason, Resolution

__all__ = ["evidence_json", "finding_json", "instant_json", "resolution_json"]


def instant_json(instant: pendulum.DateTime | None, zone: str | None) -> str | None:
    """ISO 8601 with offset, in ``zone`` (its own when None); None stays None."""
    if instant is None:
        return None
    return (instant.in_timezone(zone) if zone else instant).isoformat()


def evidence_json(e: Evidence, zone: str | None, as_of: pendulum.DateTime) -> dict[str, Any]:
    """One piece of evidence: excerpt, source, revision, origin, stance, times."""
    return {
        "excerpt": e.excerpt,
        "source": e.source,
        "revision": e.revision,
        "origin": e.origin,
        "stance": e.stance.value,
        "first_party": e.first_party,
        "published": e.published.text(),
        "counted_from": instant_json(e.known_from, zone),
        "withdrawn": e.withdrawn_at is not None and e.withdrawn_at <= as_of,
    }


def relation_json(r: RelationReason) -> dict[str, Any]:
    """A relation that bore on a resolution."""
    return {
        "relation": r.kind.value,
        "direction": "outgoing" if r.outgoing else "incoming",
        "other": r.other,
        "other_status": r.other_status.value,
        "other_strength": r.other_strength.label,
        "effect": r.effect,
        "other_basis": list(r.other_basis),
    }


def resolution_json(r: Resolution, zone: str | None) -> dict[str, Any]:
    """A resolution as the JSON outputs give it: ``claim``, ``status``, ``since``, ``reasons``..."""
    return {
        "claim": r.claim,
        "status": r.status.value,
        "as_of": instant_json(r.as_of, zone),
        "since": instant_json(r.since, zone),
        "strength": r.support.label,
        "refutation": r.refutation.label,
        "origins": list(r.origins),
        "may_have_changed": r.may_have_changed,
        "explanation": r.explain(zone),
        "reasons": {
            "evidence": [evidence_json(e, zone, r.as_of) for e in r.evidence],
            "relations": [relation_json(x) for x in r.relations],
            "pending_publications": [evidence_json(e, zone, r.as_of)
                                     for e in r.pending_publications],
        },
    }


def finding_json(f: Finding) -> dict[str, Any]:
    """A finding: severity, code, file, path, line, column, message, and for the same problem in
    several places, their number and every other place (``also``)."""
    return {"severity": f.severity.value, "code": f.code, "file": f.file, "path": f.path,
            "line": f.lineno, "column": f.colno, "message": f.message, "count": f.count,
            "also": [{"file": p.file, "path": p.path, "line": p.lineno, "column": p.colno}
                     for p in f.also]}
