"""What a status query answers: a claim's resolution, its evidence and relations, its timeline,
and the one sentence in which a resolution explains itself.

These objects are made only when someone asks (a point query, ``explain()``, a report row); the
engine computes in columns (see ``_columns``, ``_alone``, ``_groups``).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Protocol

import attrs
import pendulum

from ._kinds import ClaimKind, RelationKind, Stance
from ._registry import Slot
from ._when import When, format_instant, format_published

__all__ = [
    "Evidence",
    "Quote",
    "RelationReason",
    "Resolution",
    "Status",
    "Step",
    "Strength",
    "Timeline",
    "Views",
    "describe_evidence",
    "explain",
    "shown_with",
]


class Status(enum.StrEnum):
    """What the casebook says of a claim as of a time."""

    UNREPORTED = "unreported"
    REPORTED = "reported"
    CORROBORATED = "corroborated"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    REFUTED = "refuted"
    SUPERSEDED = "superseded"
    RETRACTED = "retracted"
    PENDING = "pending"
    FULFILLED = "fulfilled"
    FAILED = "failed"
    OPINION = "opinion"
    #: Its own source, or the stakeholder concerned, replaced it as wrong when published.
    CORRECTED = "corrected"

    @property
    def stands(self) -> bool:
        """Reported, corroborated, confirmed or superseded: it can defeat and support others."""
        return self in _STANDING


_STANDING = {Status.REPORTED, Status.CORROBORATED, Status.CONFIRMED, Status.SUPERSEDED,
             Status.FULFILLED}


class Strength(enum.IntEnum):
    """How strongly a side is supported: first-party > corroborated > reported > none."""

    NONE = 0
    REPORTED = 1
    CORROBORATED = 2
    FIRST_PARTY = 3

    @property
    def label(self) -> str:
        """The strength as a word: ``first-party``, ``corroborated``, ``reported``, ``none``."""
        return self.name.lower().replace("_", "-")


_BY_STRENGTH = {
    Strength.REPORTED: Status.REPORTED,
    Strength.CORROBORATED: Status.CORROBORATED,
    Strength.FIRST_PARTY: Status.CONFIRMED,
}


@attrs.frozen
class Quote:
    """What an excerpt says, verbatim, and the source it is quoted from, for showing evidence."""

    text: str
    translation: str | None
    #: The source's language (a BCP 47 tag, as written in the casebook).
    language: str
    title: str
    publisher: str
    url: str | None = None


@attrs.frozen
class Evidence:
    """One excerpt's bearing on one claim: which source, revision, origin and stance, and when."""

    excerpt: str
    source: str
    revision: str
    origin: str
    stance: Stance
    first_party: bool
    published: When
    withdrawn_at: pendulum.DateTime | None = None
    withdrawn_in: str | None = None
    #: From when it counts: once certainly public.
    known_from: pendulum.DateTime = attrs.field(
        init=False, eq=False, default=attrs.Factory(lambda e: e.published.known_from,
                                                    takes_self=True))
    #: The quote and its source, for display: not compared, hashed or in the repr, since an
    #: excerpt's id already names it (the engine sets it; an Evidence made by hand may lack it).
    quote: Quote | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def active(self, as_of: pendulum.DateTime) -> bool:
        """Known by ``as_of`` and not yet withdrawn."""
        return self.known_from <= as_of and (
            self.withdrawn_at is None or self.withdrawn_at > as_of
        )


@attrs.frozen
class RelationReason:
    """A declared relation that bore on a resolution, with the other claim's standing."""

    kind: RelationKind
    other: str
    outgoing: bool
    other_status: Status
    other_strength: Strength
    #: refuted-by | disputed-with | superseded-by | supersedes | corrected-by | corrects |
    #: supported-by | defeats | none
    effect: str
    #: The sources the other claim's standing rests on (its active supporting evidence).
    other_basis: tuple[str, ...] = ()


@attrs.frozen
class Resolution:
    """A claim's status as of a time, with its reasons."""

    claim: str
    status: Status
    as_of: pendulum.DateTime
    since: pendulum.DateTime | None
    support: Strength
    refutation: Strength
    origins: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()
    relations: tuple[RelationReason, ...] = ()
    #: Revisions whose imprecise publication interval holds ``as_of``: the status may already have
    #: changed by then, though it cannot be counted until certainly public.
    pending_publications: tuple[Evidence, ...] = ()
    zone: str | None = None
    #: The claim's kind: a prediction's explanation tells its outcome apart from its making.
    kind: ClaimKind | None = None
    #: A prediction's due instant, once known (a due relative to the first assertion is known
    #: once the prediction is made).
    due: pendulum.DateTime | None = None
    #: A scheduled claim's valid time, while it is still ahead: it reads as announced, not done.
    announced_for: When | None = None

    @property
    def lapsed(self) -> bool:
        """A prediction that failed for want of an outcome by its due time."""
        return (self.status is Status.FAILED and self.due is not None and self.as_of >= self.due
                and self.support is Strength.NONE and self.refutation is Strength.NONE
                and not any(r.effect == "refuted-by" for r in self.relations))

    @property
    def strength(self) -> Strength:
        """The support strength the status rests on."""
        return self.support

    @property
    def may_have_changed(self) -> bool:
        """True when something that may already be public by ``as_of`` is not yet counted."""
        return bool(self.pending_publications)

    def explain(self, zone: str | None = None) -> str:
        """One sentence a reader can trust: the status, since when, and why."""
        return explain(self, zone or self.zone)

    def __str__(self) -> str:
        return self.explain()

    def __repr__(self) -> str:
        return _shown.get().resolution_repr(self)

    def _repr_html_(self) -> str:
        return _shown.get().resolution_html(self)

    def __eq__(self, other: object) -> bool:
        # `assert casebook.status(...) == "confirmed"` reads the way pytest users write asserts;
        # comparing with a status compares the status, and the plugin shows the reasons on failure.
        if isinstance(other, str):
            return self.status == other
        if isinstance(other, Resolution):
            return attrs.astuple(self, recurse=False) == attrs.astuple(other, recurse=False)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        # Equal to its status string, so it must hash like it: `res in {"confirmed"}` works.
        return hash(self.status.value)


@attrs.frozen
class Step:
    """One step of a timeline: from ``since`` on (until the next step), this resolution holds."""

    since: pendulum.DateTime | None
    resolution: Resolution


@attrs.frozen
class Timeline:
    """A claim's resolutions over known time: a step function, one step per change of status."""

    claim: str
    steps: tuple[Step, ...]

    def statuses(self) -> list[Status]:
        """The statuses the claim passes through, in order."""
        return [step.resolution.status for step in self.steps]

    def _repr_html_(self) -> str:
        return _shown.get().timeline_html(self)


class Views(Protocol):
    """How resolutions and timelines show themselves (``factcheck._notebook``, which registers
    itself on import: it sits above these objects, which import nothing of it)."""

    def resolution_repr(self, resolution: Resolution) -> str:
        """A one-line repr."""

    def resolution_html(self, resolution: Resolution) -> str:
        """A notebook's HTML view."""

    def timeline_html(self, timeline: Timeline) -> str:
        """A notebook's HTML view."""


_shown: Slot[Views] = Slot("how resolutions and timelines are shown")
#: Register how resolutions and timelines show themselves.
shown_with = _shown.fill


# -- explanations ----------------------------------------------------------------------------------


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
