"""A claim's history up to the report's as-of: what the HTML page needs to move its as-of.

Each moment carries its texts already formatted (in the report's zone), so the page shows exactly
what the static report shows for the same moment, without formatting times itself.
"""

from __future__ import annotations

import attrs
import pendulum

from .._resolution import Status, Timeline

__all__ = ["Moment", "history_of"]


@attrs.frozen
class Moment:
    """From ``at`` (None: from the start) until the next moment, the claim stood so."""

    at: pendulum.DateTime | None
    status: Status
    #: "first-party; 2 origins: OpenAI, Seed 001 newsletter"
    standing: str
    explanation: str


def standing(strength: str, origins: tuple[str, ...]) -> str:
    """A claim's strength and origins in words, as its card shows them."""
    text = f"{strength}; {len(origins)} origin" + ("" if len(origins) == 1 else "s")
    return text + (f": {', '.join(origins)}" if origins else "")


def history_of(timeline: Timeline, end: pendulum.DateTime, zone: str) -> tuple[Moment, ...]:
    """The claim's moments that began by ``end``, in time order."""
    return tuple(
        Moment(step.since, step.resolution.status,
               standing(step.resolution.support.label, step.resolution.origins),
               step.resolution.explain(zone))
        for step in timeline.steps if step.since is None or step.since <= end
    )
