"""The reference explanations: factcheck._explain before the columnar engine (#12), unchanged.

Explanations: a resolution told in one sentence a reader can check."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck._model import ClaimKind, RelationKind, Stance
from factcheck._when import format_instant, format_published

from .resolution import Evidence, RelationReason, Resolution, Status, Strength

__all__ = ["describe_evidence", "explain"]


def describe_evidence(e: Evidence, zone: str | None) -> str:
    """Source, origin and time: ``nadella-x-1119 (Satya Nadella, 2023-11-20 16:53:28 KST; …)``."""
    return _described([e], zone)


def _described(group: Sequence[Evidence], zone: str | None) -> str:
    first = group[0]
    names = ", ".join(e.excerpt for e in group)
    label = "excerpt" if len(group) == 1 else "excerpts"
    return (f"{first.source} ({first.origin}, {format_published(first.published, zone)}; "
            f"{label} {names})")


def _list(items: Sequence[Evidence], zone: str | None) -> str:
    """Evidence by revision and origin, in order: excerpts that share both are named together."""
    groups: dict[tuple[str, str, str], list[Evidence]] = {}
    for e in items:
        groups.setdefault((e.source, e.revision, e.origin), []).append(e)
    return "; ".join(_described(group, zone) for group in groups.values())


def _made(res: Resolution) -> list[Evidence]:
    """The excerpts that make a prediction: its assertions, or with none, what mentions it."""
    return ([e for e in res.evidence if e.stance is Stance.ASSERTS]
            or [e for e in res.evidence if e.stance is Stance.MENTIONS])


def _side(res: Resolution, prediction: bool, stances: tuple[Stance, ...], *,
          active: bool = True) -> list[Evidence]:
    """The evidence of one side that resolution counted (``active``: still in force at as-of).

    Asserting a prediction makes it, and is no evidence: only what supports or refutes it after it
    was first asserted bears it out.
    """
    made_at = None
    if prediction:
        stances = tuple(st for st in stances if st is not Stance.ASSERTS)
        made = [e.known_from for e in res.evidence if e.stance is Stance.ASSERTS]
        made_at = min(made) if made else None
    return [e for e in res.evidence if e.stance in stances
            and (not active or e.active(res.as_of))
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


def _support_clause(res: Resolution, zone: str | None, active: Sequence[Evidence]) -> str:
    """The support a status rests on: the ``active`` supporting evidence, and relations."""
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


_PRO = (Stance.ASSERTS, Stance.SUPPORTS)
_CON = (Stance.REFUTES,)


def _lapsed(res: Resolution, zone: str | None, when: str) -> str:
    """A prediction that fell due with no outcome, and what came true after."""
    assert res.due is not None
    due = format_instant(res.due, zone)
    text = (f"failed {when}: due by then, and nothing published by then showed it"
            if res.since == res.due else
            f"failed {when}: due by {due}, and nothing published by then showed it")
    later = [e for e in _side(res, True, _PRO) if e.known_from > res.due]
    if later:
        text += (f"; it came true later, on {format_instant(later[0].known_from, zone)}: "
                 f"{_list(later, zone)}")
    for reason in res.relations:
        if (reason.kind is RelationKind.SUPPORTS and not reason.outgoing
                and reason.other_status.stands):
            text += f"; it came true later: supported by {_other(reason)}"
    return text


def explain(res: Resolution, zone: str | None) -> str:
    """One sentence: status, since when (in ``zone``, named), and the reasons behind it."""
    status = res.status
    prediction = res.kind is ClaimKind.PREDICTION or status in (
        Status.PENDING, Status.FULFILLED, Status.FAILED)
    when = (f"since {format_instant(res.since, zone)}" if res.since is not None
            else f"as of {format_instant(res.as_of, zone)}")
    supporting = _side(res, prediction, _PRO)
    refuting = _side(res, prediction, _CON)
    support = _support_clause(res, zone, supporting)
    by_effect = {r.effect: r for r in res.relations}
    if status is Status.UNREPORTED:
        mentions = [e for e in res.evidence if e.stance is Stance.MENTIONS]
        text = f"unreported {when}: nothing published by then supports or refutes it"
        if mentions:
            text += f"; it is only mentioned, without endorsement, by {_list(mentions, zone)}"
    elif status in (Status.REPORTED, Status.CORROBORATED, Status.CONFIRMED, Status.FULFILLED):
        announced = (f" as announced for {res.announced_for.format(zone)}"
                     if res.announced_for is not None else "")
        text = f"{status.value}{announced} {when}: {support}"
        if refuting:
            text += f"; weaker refutation: {_list(refuting, zone)}"
    elif status in (Status.SUPERSEDED, Status.CORRECTED):
        # Outdated, or wrong as published (a correction): either way it keeps its strength.
        superseded = status is Status.SUPERSEDED
        by = by_effect.get("superseded-by" if superseded else "corrected-by")
        text = f"{status.value} {when}" + (f" by {_other(by)}" if by else "")
        was = {Strength.FIRST_PARTY: "confirmed", Strength.CORROBORATED: "corroborated",
               Strength.REPORTED: "reported"}.get(res.support, "unsupported")
        text += ("; " if superseded else ": wrong as published; ") + f"it was {was} ({support})"
    elif res.lapsed:
        text = _lapsed(res, zone, when)
    elif status in (Status.REFUTED, Status.FAILED):
        by = by_effect.get("refuted-by")
        text = f"{status.value} {when}: " + (
            f"contradicted by {_other(by)}" if by is not None else
            f"refuted by {_list(refuting, zone)}")
        if not prediction:
            text += f"; its own support: {support}"
        elif supporting:
            text += f"; weaker support: {support}"
    elif status is Status.DISPUTED:
        with_ = by_effect.get("disputed-with")
        if with_ is not None:
            text = f"disputed {when}: contradicted by the equally strong {_other(with_)}"
        else:
            text = (f"disputed {when}: support ({support}) and refutation "
                    f"({_list(refuting, zone)}) are equally strong")
    elif status is Status.RETRACTED:
        gone = _side(res, prediction, _PRO, active=False)
        text = f"retracted {when}: every supporting excerpt was withdrawn: " + "; ".join(
            f"{e.excerpt} (withdrawn in {e.source} {e.withdrawn_in})" for e in gone)
    elif status is Status.PENDING:
        text = f"pending {when}: no outcome published yet"
    else:  # opinion
        text = f"opinion {when}: not checkable; held by {_list(res.evidence, zone)}"
    made = _made(res) if prediction else []
    if made:
        text += f"; predicted by {_list(made, zone)}"
    elif prediction and status is not Status.UNREPORTED:
        text += "; no excerpt on record makes the prediction"
    if res.pending_publications:
        items = "; ".join(
            f"{e.source} {e.revision} (published {e.published.format(zone)}, counted from "
            f"{format_instant(e.known_from, zone)})" for e in res.pending_publications
        )
        text += f". It may already have changed: {items} may be public by then"
    return text + "."
