"""The report's rows: the format-neutral values every renderer formats (built by ``_data``)."""

from __future__ import annotations

import attrs
import pendulum

from .._due import Due
from .._findings import Finding, Severity
from .._model import ClaimKind, Fact, RelationKind, SourceKind, StakeholderKind
from .._resolution import Status, Strength
from .._revdiff import RevisionDiff
from .._when import When
from ._evidence import ExcerptRow
from ._history import Moment
from ._storylines import Mark, Storyline

__all__ = [
    "Band",
    "Change",
    "ClaimPicture",
    "ClaimRow",
    "DatedDiff",
    "Picture",
    "PredictionRow",
    "Publication",
    "RelationRow",
    "Report",
    "SourceRecord",
    "StakeholderRow",
    "Summary",
]


@attrs.frozen
class Summary:
    """Counts: claims by status (every status, in a fixed order), sources, findings by severity."""

    claims: int
    by_status: tuple[tuple[Status, int], ...]
    sources: int
    revisions: int
    excerpts: int
    stakeholders: int
    relations: int
    findings: tuple[tuple[Severity, int], ...]


@attrs.frozen
class ClaimRow:
    """One claim as of the report's time: what it says and where it stands."""

    id: str
    kind: ClaimKind
    text: str
    subjects: tuple[str, ...]
    claimant: str
    status: Status
    since: pendulum.DateTime | None
    strength: Strength
    refutation: Strength
    origins: tuple[str, ...]
    may_have_changed: bool
    explanation: str
    #: The excerpts published by the as-of that bear on it, in the order they counted.
    excerpts: tuple[ExcerptRow, ...] = ()
    #: Its statuses up to the as-of, for a page whose reader moves the as-of.
    history: tuple[Moment, ...] = ()
    #: Its structured form (a value, or a quantity), when it has one.
    fact: Fact | None = None


@attrs.frozen
class StakeholderRow:
    """A stakeholder, with how many claims are about it and how many it makes."""

    id: str
    name: str
    kind: StakeholderKind
    aliases: tuple[str, ...]
    subject_of: int
    claimant_of: int


@attrs.frozen
class Publication:
    """A revision whose publication changed a status (or withdrew an excerpt that did)."""

    source: str
    revision: str
    published: When
    counted_from: pendulum.DateTime
    withdrawal: bool = False
    #: The related claim it bears on, when it moved this claim only through a relation.
    via: str | None = None


@attrs.frozen
class Change:
    """One status transition of one claim, and the publications that caused it."""

    claim: str
    at: pendulum.DateTime
    from_status: Status
    to_status: Status
    causes: tuple[Publication, ...]
    explanation: str


@attrs.frozen
class RelationRow:
    """A declared contradiction or supersession, and how it was decided as of the report's time.

    ``outcome`` is one of ``from-prevails`` and ``to-prevails`` (contradicts: the stronger refutes
    the weaker), ``disputed`` (contradicts: equally strong), ``superseded`` (supersedes: in effect),
    ``moot`` (it does not bear: one side does not stand).
    """

    kind: RelationKind
    from_: str
    to: str
    from_status: Status
    from_strength: Strength
    to_status: Status
    to_strength: Strength
    outcome: str
    decision: str
    since: pendulum.DateTime | None
    note: str | None


@attrs.frozen
class SourceRecord:
    """A source's track record: the claims it asserted (by the report's time) and how they stand."""

    id: str
    title: str
    kind: SourceKind
    publisher: str
    author: str | None
    language: str
    url: str | None
    first_published: When | None
    revisions: int
    asserted: tuple[tuple[str, Status], ...]
    tally: tuple[tuple[Status, int], ...]

    def count(self, *statuses: Status) -> int:
        """How many of its asserted claims have one of these statuses."""
        return sum(n for status, n in self.tally if status in statuses)


@attrs.frozen
class PredictionRow:
    """A prediction: who made it and when, when it is due, and how it turned out."""

    claim: str
    text: str
    claimant: str
    made_by: tuple[str, ...]
    made_at: pendulum.DateTime | None
    #: As written: a time value, or a span after the prediction was made (``P7D``).
    due: Due | None
    past_due: bool
    status: Status
    since: pendulum.DateTime | None
    #: Failed because it fell due with no outcome that fulfilled it (not by evidence against it).
    lapsed: bool = False

    @property
    def outcome(self) -> str:
        """Its status as the scorecard shows it: ``failed (lapsed)`` for a lapse."""
        return f"{self.status.value} (lapsed)" if self.lapsed else self.status.value


@attrs.frozen
class Band:
    """A stretch of known time, [start, end), over which a claim had one status."""

    start: pendulum.DateTime
    end: pendulum.DateTime
    status: Status


@attrs.frozen
class ClaimPicture:
    """One row of the timeline picture: a claim's bands, and ticks where something was published.

    ``status`` is the claim's status as of the picture's end: a publication counted from exactly
    that instant changes it without leaving a band any width.
    """

    claim: str
    bands: tuple[Band, ...]
    ticks: tuple[pendulum.DateTime, ...]
    status: Status
    #: Per tick, what was published then ("seed-001 original"), or, when nothing bearing on the
    #: claim itself was, that a related claim moved it.
    tick_sources: tuple[tuple[str, ...], ...] = ()
    #: Where another claim began to supersede, refute, support or dispute it.
    marks: tuple[Mark, ...] = ()


@attrs.frozen
class Picture:
    """The timeline picture: every claim's status over [start, end] of known time."""

    start: pendulum.DateTime
    end: pendulum.DateTime
    rows: tuple[ClaimPicture, ...]


@attrs.frozen
class DatedDiff:
    """The changes between two revisions, and the instant by which both had been published."""

    known: pendulum.DateTime
    diff: RevisionDiff


@attrs.frozen
class Report:
    """Everything the consistency report shows, in every format."""

    title: str
    as_of: pendulum.DateTime
    since: pendulum.DateTime | None
    zone: str
    version: str
    generated: pendulum.DateTime | None
    corroboration: int
    summary: Summary
    claims: tuple[ClaimRow, ...]
    opinions: tuple[ClaimRow, ...]
    stakeholders: tuple[StakeholderRow, ...]
    changes: tuple[Change, ...]
    relations: tuple[RelationRow, ...]
    findings: tuple[Finding, ...]
    sources: tuple[SourceRecord, ...]
    predictions: tuple[PredictionRow, ...]
    picture: Picture
    #: Per revised source, what each update changed in its text (see ``_revisions``).
    revisions: tuple[DatedDiff, ...] = ()
    #: Claims read together, in the order the story unfolded; the picture's rows follow them.
    storylines: tuple[Storyline, ...] = ()
