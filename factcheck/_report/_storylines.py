"""Storylines: claims read together, and the marks where one claim moved another.

Claims tied by declared relations (contradicts, supersedes, supports) form a storyline; every other
claim joins the storyline of the stakeholder it is first about. A storyline is ordered by when its
claims first changed, and storylines by when they first moved, so the report reads as the story
unfolded (Murati interim, then Shear interim, then Altman to Microsoft, then Altman returns).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import attrs
import pendulum

from .._model import Casebook
from .._resolution import Timeline

__all__ = ["Mark", "Storyline", "marks_of", "storylines"]

#: Relation effects that a claim's own timeline records, in words: "superseded by X".
_EFFECTS = {
    "superseded-by": "superseded by",
    "refuted-by": "refuted by",
    "corrected-by": "corrected by",
    "supported-by": "supported by",
    "disputed-with": "disputed with",
}


@attrs.frozen
class Storyline:
    """Claims read together: their ids in reading order, and what ties them."""

    id: str
    title: str
    #: ``relations`` (tied by declared relations) or ``subject`` (about one stakeholder).
    tie: str
    claims: tuple[str, ...]
    first_change: pendulum.DateTime | None


@attrs.frozen
class Mark:
    """A moment where another claim began to move this one: ``superseded by X`` from ``at``."""

    at: pendulum.DateTime
    effect: str
    other: str

    @property
    def words(self) -> str:
        """``superseded by altman-returns-as-ceo``."""
        return f"{_EFFECTS.get(self.effect, self.effect.replace('-', ' '))} {self.other}"


def marks_of(timeline: Timeline, end: pendulum.DateTime) -> tuple[Mark, ...]:
    """Where, up to ``end``, another claim began to supersede, refute, correct, support or dispute
    this one, in time order."""
    marks = []
    before: set[tuple[str, str]] = set()
    for step in timeline.steps:
        now = {(r.effect, r.other) for r in step.resolution.relations if r.effect in _EFFECTS}
        if step.since is not None and step.since <= end:
            marks += [Mark(step.since, effect, other) for effect, other in sorted(now - before)]
        before = now
    return tuple(marks)


def first_change(timeline: Timeline) -> pendulum.DateTime | None:
    """When the claim's status first changed (None: it never did)."""
    return next((s.since for s in timeline.steps if s.since is not None), None)


def storylines(casebook: Casebook, timelines: Mapping[str, Timeline],
               groups: Iterable[Iterable[str]], end: pendulum.DateTime) -> tuple[Storyline, ...]:
    """Every claim in exactly one storyline; ``groups`` are the claims tied by relations (the
    resolver's groups). The same casebook gives the same storylines, whatever its file order."""
    by_subject: dict[str, list[str]] = defaultdict(list)
    tied = []
    grouped = [sorted(group) for group in groups]
    seen = {cid for group in grouped for cid in group}
    grouped += [[cid] for cid in sorted(timelines) if cid not in seen]
    for members in grouped:
        if len(members) > 1:
            tied.append(members)
        else:
            claim = casebook.claim_by_id[members[0]]
            by_subject[claim.subjects[0] if claim.subjects else claim.claimant].append(members[0])

    def when(cid: str) -> float:
        moment = first_change(timelines[cid])
        return moment.timestamp() if moment is not None and moment <= end else float("inf")

    def ordered(members: list[str]) -> tuple[str, ...]:
        return tuple(sorted(members, key=lambda c: (when(c), c)))

    found = []
    for members in tied:
        claims = ordered(members)
        found.append(("relations", f"{claims[0]} and {len(claims) - 1} related "
                      f"claim{'' if len(claims) == 2 else 's'}", claims))
    for subject, members in by_subject.items():
        who = casebook.stakeholder_by_id.get(subject)
        found.append(("subject", f"about {who.name if who else subject}", ordered(members)))
    found.sort(key=lambda f: (when(f[2][0]), f[0], f[2][0]))
    result = []
    for index, (tie, title, claims) in enumerate(found, 1):
        start = when(claims[0])
        result.append(Storyline(
            id=f"storyline-{index}", title=title, tie=tie, claims=claims,
            first_change=None if start == float("inf") else first_change(timelines[claims[0]])))
    return tuple(result)
