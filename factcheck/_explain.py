"""Explanations: a resolution told in one sentence a reader can check."""

from __future__ import annotations

from collections.abc import Sequence

from ._model import Stance
from ._resolution import Evidence, RelationReason, Resolution, Status, Strength
from ._when import format_instant

__all__ = ["describe_evidence", "explain"]


def describe_evidence(e: Evidence, zone: str | None) -> str:
    """Source, origin and time: ``nadella-x-1119 (Satya Nadella, 2023-11-20 16:53:28 KST; …)``."""
    when = e.published.format(zone)
    if not e.published.is_exact:
        when += f", counted from {format_instant(e.known_from, zone)}"
    return f"{e.source} ({e.origin}, {when}; excerpt {e.excerpt})"


def _list(items: Sequence[Evidence], zone: str | None) -> str:
    """Evidence by revision, in order: several excerpts of one revision are named together."""
    by_revision: dict[tuple[str, str], list[Evidence]] = {}
    for e in items:
        by_revision.setdefault((e.source, e.revision), []).append(e)
    parts = []
    for group in by_revision.values():
        if len(group) == 1:
            parts.append(describe_evidence(group[0], zone))
            continue
        first = group[0]
        when = first.published.format(zone)
        if not first.published.is_exact:
            when += f", counted from {format_instant(first.known_from, zone)}"
        names = ", ".join(e.excerpt for e in group)
        parts.append(f"{first.source} ({first.origin}, {when}; excerpts {names})")
    return "; ".join(parts)


def _made(res: Resolution) -> list[Evidence]:
    """The excerpts that make a prediction: its assertions (or, with none, what mentions it)."""
    return [e for e in res.evidence if e.stance is Stance.ASSERTS] or list(res.evidence)


def _outcome(res: Resolution, stance: Stance) -> list[Evidence]:
    """A prediction's outcome evidence of ``stance``: in force, and published after it was made.

    Asserting a prediction makes it; only what supports or refutes it later bears it out.
    """
    made = [e.known_from for e in res.evidence if e.stance is Stance.ASSERTS]
    made_at = min(made) if made else None
    return [e for e in res.evidence if e.stance is stance and e.active(res.as_of)
            and (made_at is None or e.known_from > made_at)]


def _other(reason: RelationReason) -> str:
    basis = ", ".join(reason.other_basis)
    if reason.other_strength is Strength.FIRST_PARTY:
        how = f"confirmed first-party by {basis}"
    elif reason.other_strength is Strength.NONE:
        how = reason.other_status.value
    else:
        how = f"{reason.other_strength.label} by {basis}"
    return f"{reason.other} ({how})"


def _support_clause(res: Resolution, zone: str | None,
                    active: Sequence[Evidence] | None = None) -> str:
    """The support a status rests on: ``active`` (default: every supporting excerpt in force)."""
    if active is None:
        active = [e for e in res.evidence
                  if e.active(res.as_of) and e.stance in (Stance.ASSERTS, Stance.SUPPORTS)]
    lifted = [r for r in res.relations if r.effect == "supported-by"]
    parts = []
    first = [e for e in active if e.first_party]
    if first:
        parts.append(f"first-party: {_list(first, zone)}")
    others = [e for e in active if not e.first_party]
    if others:
        origins = sorted({e.origin for e in others})
        label = "origin" if len(origins) == 1 else "independent origins"
        parts.append(f"{len(origins)} {label}: {_list(others, zone)}")
    for reason in lifted:
        parts.append(f"supported by {_other(reason)}")
    return "; ".join(parts) if parts else "no supporting evidence"


def explain(res: Resolution, zone: str | None) -> str:
    """One sentence: status, since when (in ``zone``, named), and the reasons behind it."""
    status = res.status
    when = (f"since {format_instant(res.since, zone)}" if res.since is not None
            else f"as of {format_instant(res.as_of, zone)}")
    refuting = [e for e in res.evidence if e.active(res.as_of) and e.stance is Stance.REFUTES]
    by_effect = {r.effect: r for r in res.relations}
    if status is Status.UNREPORTED:
        mentions = [e for e in res.evidence if e.stance is Stance.MENTIONS]
        text = f"unreported {when}: nothing published by then supports or refutes it"
        if mentions:
            text += f"; it is only mentioned, without endorsement, by {_list(mentions, zone)}"
    elif status in (Status.REPORTED, Status.CORROBORATED, Status.CONFIRMED):
        text = f"{status.value} {when}: {_support_clause(res, zone)}"
        if refuting:
            text += f"; weaker refutation: {_list(refuting, zone)}"
    elif status is Status.FULFILLED:
        text = (f"fulfilled {when}: "
                f"{_support_clause(res, zone, _outcome(res, Stance.SUPPORTS))}")
        against = _outcome(res, Stance.REFUTES)
        if against:
            text += f"; weaker refutation: {_list(against, zone)}"
        text += f"; predicted by {_list(_made(res), zone)}"
    elif status is Status.SUPERSEDED:
        by = by_effect.get("superseded-by")
        text = f"superseded {when}" + (f" by {_other(by)}" if by else "")
        was = {Strength.FIRST_PARTY: "confirmed", Strength.CORROBORATED: "corroborated",
               Strength.REPORTED: "reported"}.get(res.support, "unsupported")
        text += f"; it was {was} ({_support_clause(res, zone)})"
    elif status in (Status.REFUTED, Status.FAILED):
        prediction = status is Status.FAILED
        by = by_effect.get("refuted-by")
        against = _outcome(res, Stance.REFUTES) if prediction else refuting
        text = f"{status.value} {when}: " + (
            f"contradicted by {_other(by)}" if by is not None else
            f"refuted by {_list(against, zone)}")
        if not prediction:
            text += f"; its own support: {_support_clause(res, zone)}"
        else:
            support = _outcome(res, Stance.SUPPORTS)
            if support:
                text += f"; weaker support: {_support_clause(res, zone, support)}"
            text += f"; predicted by {_list(_made(res), zone)}"
    elif status is Status.DISPUTED:
        with_ = by_effect.get("disputed-with")
        if with_ is not None:
            text = f"disputed {when}: contradicted by the equally strong {_other(with_)}"
        else:
            text = (f"disputed {when}: support ({_support_clause(res, zone)}) and refutation "
                    f"({_list(refuting, zone)}) are equally strong")
    elif status is Status.RETRACTED:
        gone = [e for e in res.evidence if e.stance in (Stance.ASSERTS, Stance.SUPPORTS)]
        text = f"retracted {when}: every supporting excerpt was withdrawn: " + "; ".join(
            f"{e.excerpt} (withdrawn in {e.source} {e.withdrawn_in})" for e in gone)
    elif status is Status.PENDING:
        text = f"pending {when}: predicted by {_list(_made(res), zone)}; no outcome published yet"
    else:  # opinion
        text = f"opinion {when}: not checkable; held by {_list(res.evidence, zone)}"
    if res.pending_publications:
        items = "; ".join(
            f"{e.source} {e.revision} (published {e.published.format(zone)}, counted from "
            f"{format_instant(e.known_from, zone)})" for e in res.pending_publications
        )
        text += f". It may already have changed: {items} may be public by then"
    return text + "."
