"""Questions about the world: what value a property of a subject had at valid time V, according to
what was known at T (XTDB's "history as we thought it was at the time").

The answer comes from the structured claims (``fact``) and their statuses as of T. A claim counts
when it stands as of T (reported, corroborated, confirmed, or superseded: true for its time); its
value holds from its ``valid`` time until its ``until``, or until a standing claim that supersedes
it begins. Times are compared as the time values they are: a value that certainly holds all through
V is known; one whose period overlaps V only in part is possible, and the answer says it cannot
tell. Unknown, conflicting and indeterminate answers are said, never guessed.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs
import pendulum

from ._asof import parse_as_of
from ._kinds import ClaimKind, RelationKind
from ._model import Casebook, Claim
from ._outcome import Resolution, Status
from ._quantity import DEFAULT_TOLERANCE, Quantity, check_tolerance, values_conflict
from ._when import When, format_instant

__all__ = ["Coverage", "FactAnswer", "FactReason", "Verdict", "facts"]

#: What a claim must be as of T for its value to count: it stands.
_BELIEVED = frozenset({Status.REPORTED, Status.CORROBORATED, Status.CONFIRMED,
                       Status.SUPERSEDED})


class Verdict(enum.StrEnum):
    """What the casebook can say of the value at V, as of T."""

    KNOWN = "known"
    CONFLICTING = "conflicting"
    INDETERMINATE = "indeterminate"
    UNKNOWN = "unknown"


class Coverage(enum.StrEnum):
    """How a claim's period lies against V."""

    CERTAIN = "certain"  # it holds all through V, whatever moment each time value means
    POSSIBLE = "possible"  # the periods overlap only in part: cannot tell
    BEFORE = "ended before"
    AFTER = "begins after"
    NOT_BELIEVED = "not counted"


@attrs.frozen
class FactReason:
    """One structured claim about the subject's property, and how it bore on the answer."""

    claim: str
    value: str
    status: Status
    coverage: Coverage
    valid: When
    #: Where its period ends: its ``until``, or the start of a standing claim superseding it.
    until: When | None
    superseded_by: str | None
    resolution: Resolution
    #: The claim's quantity, when its ``fact`` gives one (``value`` is then its text).
    quantity: Quantity | None = None

    @property
    def compared(self) -> str | Quantity:
        """What the verdict compares: the quantity, or the plain value."""
        return self.quantity if self.quantity is not None else self.value


@attrs.frozen
class FactAnswer:
    """The value (or values) of ``property`` of ``subject`` at ``valid_at``, as of ``as_of``."""

    subject: str
    property: str
    valid_at: When
    as_of: pendulum.DateTime
    verdict: Verdict
    values: tuple[str, ...]
    reasons: tuple[FactReason, ...]
    zone: str | None = None
    #: How far an approximate quantity reached when quantities were compared.
    tolerance: float = DEFAULT_TOLERANCE

    def explain(self, zone: str | None = None) -> str:
        """One sentence: the answer, and the claims it rests on or sets aside."""
        zone = zone or self.zone
        head = (f"{self.property} of {self.subject} at {self.valid_at.format(zone)}, as known at "
                f"{format_instant(self.as_of, zone)}")
        holding = [r for r in self.reasons if r.coverage is Coverage.CERTAIN]
        possible = [r for r in self.reasons if r.coverage is Coverage.POSSIBLE]
        if self.verdict is Verdict.KNOWN:
            agree = (" (no two conflict: quantities on different bases or in different units "
                     "are not compared, and approximations agree within the tolerance of "
                     f"{self.tolerance * 100:.4g}%)" if len(self.values) > 1
                     and any(r.quantity is not None for r in holding) else "")
            text = f"{head}: {', '.join(self.values)}{agree}, from {_named(holding, zone)}"
        elif self.verdict is Verdict.CONFLICTING:
            text = (f"{head}: conflicting, the casebook gives {' and '.join(self.values)} at "
                    f"once: {_named(holding + possible, zone)}")
        elif self.verdict is Verdict.INDETERMINATE:
            which = (f"whether {self.values[0]} held then" if len(self.values) == 1
                     else f"between {' and '.join(self.values)}")
            text = (f"{head}: indeterminate, the times are too imprecise to tell {which}: "
                    f"{_named(holding + possible, zone)}")
        else:
            text = f"{head}: unknown, no standing claim gives a value then"
        aside = [r for r in self.reasons if r.coverage not in (Coverage.CERTAIN,
                                                                Coverage.POSSIBLE)]
        if aside:
            text += "; set aside: " + "; ".join(_aside(r, zone) for r in aside)
        return text + "."

    def __str__(self) -> str:
        return self.explain()


def _period(r: FactReason, zone: str | None) -> str:
    until = r.until.format(zone) if r.until is not None else "on"
    return f"valid {r.valid.format(zone)} – {until}"


def _named(reasons: list[FactReason], zone: str | None) -> str:
    return "; ".join(
        f"{r.claim} ({r.value}, {r.status.value}"
        + (f" since {format_instant(r.resolution.since, zone)}" if r.resolution.since else "")
        + f", {_period(r, zone)}" + (", possibly" if r.coverage is Coverage.POSSIBLE else "")
        + ")" for r in reasons)


def _aside(r: FactReason, zone: str | None) -> str:
    if r.coverage is Coverage.NOT_BELIEVED:
        return f"{r.claim} ({r.value}: {r.status.value} as of then)"
    if r.coverage is Coverage.BEFORE:
        end = r.until.format(zone) if r.until is not None else "?"
        by = f", superseded by {r.superseded_by}" if r.superseded_by else ""
        return f"{r.claim} ({r.value}: ended {end}{by})"
    return f"{r.claim} ({r.value}: begins {r.valid.format(zone)})"


def facts(casebook: Casebook, subject: str, prop: str, valid_at: object, as_of: object,
          tz: str | None = None, tolerance: float | None = None) -> FactAnswer:
    """The value of ``prop`` of ``subject`` at valid time ``valid_at`` (a time value: an instant
    or a period such as ``"2023-11-20 evening Asia/Seoul"``), from what was known at ``as_of``.
    Quantities are compared with ``tolerance`` (default: the casebook's setting)."""
    tolerance = (casebook.settings.tolerance if tolerance is None
                 else check_tolerance(tolerance))
    zone = tz or casebook.zone
    when = valid_at if isinstance(valid_at, When) else When.parse(valid_at, zone)
    instant = parse_as_of(as_of, tz, casebook.zone)
    resolver = casebook.resolver()
    claims = [c for c in casebook.claims
              if c.fact is not None and c.fact.subject == subject and c.fact.property == prop
              and c.kind in (ClaimKind.EVENT, ClaimKind.STATE) and c.valid is not None]
    resolutions = {c.id: resolver.at(c.id, instant, zone) for c in claims}
    superseders: dict[str, list[str]] = {}
    for relation in casebook.relations:
        if relation.kind is RelationKind.SUPERSEDES:
            superseders.setdefault(relation.to, []).append(relation.from_)
    reasons = []
    for claim in sorted(claims, key=lambda c: (c.valid.start, c.id)):  # type: ignore[union-attr]
        res = resolutions[claim.id]
        until, by = _end(casebook, claim, superseders.get(claim.id, ()), resolver, instant, zone)
        assert claim.valid is not None and claim.fact is not None
        coverage = (_coverage(claim.valid, until, when) if res.status in _BELIEVED
                    else Coverage.NOT_BELIEVED)
        reasons.append(FactReason(claim.id, claim.fact.shown, res.status, coverage, claim.valid,
                                  until, by, res, claim.fact.quantity))
    single = casebook.property_by_id.get(prop)
    verdict, values = _verdict(reasons, single is None or single.single_valued, tolerance)
    return FactAnswer(subject, prop, when, instant, verdict, values, tuple(reasons), zone,
                      tolerance)


def _end(casebook: Casebook, claim: Claim, superseders: Any, resolver: Any,
         instant: pendulum.DateTime, zone: str | None) -> tuple[When | None, str | None]:
    """Where a claim's value stops holding: its ``until``, or where a claim that supersedes it,
    standing as of the instant, begins, whichever comes first."""
    end, by = claim.until, None
    for other_id in sorted(superseders):
        other = casebook.claim_by_id[other_id]
        if other.valid is None or resolver.at(other_id, instant, zone).status not in _BELIEVED:
            continue
        if end is None or other.valid.start < end.start:
            end, by = other.valid, other_id
    return end, by


def _coverage(valid: When, until: When | None, v: When) -> Coverage:
    """Whether [valid, until) certainly covers all of ``v``, may overlap it, or misses it."""
    if until is not None and until.end <= v.start:
        return Coverage.BEFORE
    if valid.start >= v.end:
        return Coverage.AFTER
    if valid.end <= v.start and (until is None or v.end <= until.start):
        return Coverage.CERTAIN
    return Coverage.POSSIBLE


def _verdict(reasons: list[FactReason], single_valued: bool,
             tolerance: float) -> tuple[Verdict, tuple[str, ...]]:
    certain = [r for r in reasons if r.coverage is Coverage.CERTAIN]
    possible = [r for r in reasons if r.coverage is Coverage.POSSIBLE]
    shown = sorted({r.value for r in certain})
    others = sorted({r.value for r in possible} - set(shown))

    def clash(xs: list[FactReason], ys: list[FactReason]) -> bool:
        # Plain values clash when they differ; quantities only beyond the tolerance.
        return any(values_conflict(x.compared, y.compared, tolerance) for x in xs for y in ys)

    if single_valued and clash(certain, certain):
        return Verdict.CONFLICTING, tuple(shown)
    if certain and not (single_valued and clash(certain, possible)):
        return Verdict.KNOWN, tuple(shown)
    if certain or possible:
        return Verdict.INDETERMINATE, tuple(shown + others)
    return Verdict.UNKNOWN, ()
