"""The report's data: one format-neutral structure, built once from the casebook.

Every renderer (text, Markdown, HTML, JSON) only formats a :class:`Report`; none of them looks at
the casebook. That is what keeps the four formats holding the same data.

Building is linear in the size of the casebook: every timeline is read once from the casebook's
resolver, and everything else comes from indexes built in one pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import TypeVar

import attrs
import pendulum

from .._asof import parse_as_of
from .._checks import check
from .._errors import TimeValueError
from .._findings import Finding, Severity
from .._model import Casebook, ClaimKind, RelationKind, Stance
from .._resolution import RelationReason, Resolution, Status, Strength, Timeline
from .._when import When, zone_of
from ._evidence import ExcerptRow, excerpts_by_claim
from ._history import Moment, history_of
from ._revisions import revision_diffs
from ._rows import (
    Band,
    Change,
    ClaimPicture,
    ClaimRow,
    Picture,
    PredictionRow,
    Publication,
    RelationRow,
    Report,
    SourceRecord,
    StakeholderRow,
    Summary,
)
from ._storylines import Mark, Storyline, marks_of, storylines

__all__ = [
    "SCHEMA_VERSION",
    "Band",
    "Change",
    "ClaimPicture",
    "ClaimRow",
    "ExcerptRow",
    "Mark",
    "Moment",
    "Picture",
    "PredictionRow",
    "Publication",
    "RelationRow",
    "Report",
    "SourceRecord",
    "StakeholderRow",
    "Storyline",
    "Summary",
    "build_report",
]

#: The version of the report's JSON schema (docs/report-json.md). Raise it when a key changes
#: meaning or disappears; adding a key keeps it.
SCHEMA_VERSION = 1

_STATUSES = tuple(Status)
#: At most this many causes are named for a change that only a chain of relations explains.
_MAX_REMOTE_CAUSES = 10


_T = TypeVar("_T")


def build_report(
    casebook: Casebook,
    as_of: object,
    *,
    since: object | None = None,
    tz: str | None = None,
    generated: pendulum.DateTime | None = None,
    on_progress: Callable[[float, int], None] | None = None,
) -> Report:
    """The report's data for ``casebook`` as of ``as_of``.

    ``as_of`` and ``since`` are read like every as-of (:func:`factcheck.parse_as_of`): in ``tz``,
    else in the casebook's zone; a date means the end of that day. Output times are in ``tz``, else
    the casebook's zone, else the as-of's own. ``since`` (default: the beginning) bounds the
    changes section to (since, as_of]. ``generated`` is shown only when given, so that by default
    the same casebook gives the same report. ``on_progress(done, total)``, when given, is told
    how many steps of the build are done: each claim's resolution, timeline and row, then the
    findings and the other parts (``total`` is three per claim, and two).
    """
    from .. import __version__

    if tz is not None:
        zone_of(tz)
    instant = parse_as_of(as_of, tz, casebook.zone)
    zone = tz or casebook.zone or instant.timezone_name or "UTC"
    since_instant = None
    if since is not None:
        try:
            since_instant = parse_as_of(since, tz, casebook.zone)
        except TimeValueError as exc:  # say which of the two times it is
            raise TimeValueError(f"the since time: {exc}") from None
    if since_instant is not None and since_instant >= instant:
        raise TimeValueError(
            f"the since time ({since_instant.isoformat()}) must be before the as-of time "
            f"({instant.isoformat()})"
        )
    return _Builder(casebook, instant, since_instant, zone, on_progress).build(__version__,
                                                                                generated)


class _Builder:
    """Builds a :class:`Report` in one pass over each part of the casebook."""

    def __init__(
        self,
        casebook: Casebook,
        as_of: pendulum.DateTime,
        since: pendulum.DateTime | None,
        zone: str,
        on_progress: Callable[[float, int], None] | None = None,
    ) -> None:
        self.casebook = casebook
        self.as_of = as_of
        self.since = since
        self.zone = zone
        self.resolver = casebook.resolver()
        self.ids = sorted(casebook.claim_by_id)
        self.on_progress = on_progress
        self.done = 0
        self.resolutions: dict[str, Resolution] = {
            cid: self._step(self.resolver.at(cid, as_of, zone)) for cid in self.ids
        }
        self.timelines: dict[str, Timeline] = {
            cid: self._step(self.resolver.timeline(cid, zone)) for cid in self.ids
        }
        self.group_of = {
            cid: index for index, group in enumerate(self.resolver.groups) for cid in group
        }
        self.excerpts = excerpts_by_claim(casebook, as_of)
        self.revisions: dict[tuple[str, str], When] = {
            (s.id, r.id): r.published for s in casebook.sources for r in s.revisions
        }

    def _step(self, value: _T) -> _T:
        """``value``, once one more step is done (told to ``on_progress``)."""
        self.done += 1
        if self.on_progress is not None:
            self.on_progress(self.done, 3 * len(self.ids) + 2)
        return value

    def build(self, version: str, generated: pendulum.DateTime | None) -> Report:
        claims = [self._step(self._claim_row(cid)) for cid in self.ids]
        findings = self._step(tuple(check(self.casebook, self.as_of)))
        lines = storylines(self.casebook, self.timelines, self.resolver.groups, self.as_of)
        report = Report(
            title=self.casebook.title,
            as_of=self.as_of,
            since=self.since,
            zone=self.zone,
            version=version,
            generated=generated,
            corroboration=self.casebook.settings.corroboration,
            summary=self._summary(findings),
            claims=tuple(c for c in claims if c.kind is not ClaimKind.OPINION),
            opinions=tuple(c for c in claims if c.kind is ClaimKind.OPINION),
            stakeholders=self._stakeholders(),
            changes=self._changes(),
            relations=self._relations(),
            findings=findings,
            sources=self._sources(),
            predictions=self._predictions(),
            picture=self._picture([cid for line in lines for cid in line.claims]),
            storylines=lines,
            revisions=revision_diffs(self.casebook, self.as_of),
        )
        return self._step(report)

    # -- parts ---------------------------------------------------------------------------------

    def _summary(self, findings: Iterable[Finding]) -> Summary:
        by_status = dict.fromkeys(Status, 0)
        for res in self.resolutions.values():
            by_status[res.status] += 1
        by_severity = dict.fromkeys(Severity, 0)
        for finding in findings:
            by_severity[finding.severity] += 1
        casebook = self.casebook
        return Summary(
            claims=len(casebook.claims),
            by_status=tuple(by_status.items()),
            sources=len(casebook.sources),
            revisions=len(self.revisions),
            excerpts=len(casebook.excerpt_by_id),
            stakeholders=len(casebook.stakeholders),
            relations=len(casebook.relations),
            findings=tuple(by_severity.items()),
        )

    def _claim_row(self, cid: str) -> ClaimRow:
        claim = self.casebook.claim_by_id[cid]
        res = self.resolutions[cid]
        return ClaimRow(
            id=cid,
            kind=claim.kind,
            text=claim.text,
            subjects=claim.subjects,
            claimant=claim.claimant,
            status=res.status,
            since=res.since,
            strength=res.support,
            refutation=res.refutation,
            origins=res.origins,
            may_have_changed=res.may_have_changed,
            explanation=res.explain(self.zone),
            excerpts=self.excerpts.get(cid, ()),
            history=history_of(self.timelines[cid], self.as_of, self.zone),
            fact=claim.fact,
        )

    def _stakeholders(self) -> tuple[StakeholderRow, ...]:
        subject_of: dict[str, int] = defaultdict(int)
        claimant_of: dict[str, int] = defaultdict(int)
        for claim in self.casebook.claims:
            for subject in set(claim.subjects):
                subject_of[subject] += 1
            claimant_of[claim.claimant] += 1
        return tuple(
            StakeholderRow(s.id, s.name, s.kind, s.aliases, subject_of[s.id], claimant_of[s.id])
            for s in sorted(self.casebook.stakeholders, key=lambda s: s.id)
        )

    def _publications(self) -> dict[tuple[str, float], set[Publication]]:
        """Every publication that can move a status, by (claim it bears on, instant)."""
        found: dict[tuple[str, float], set[Publication]] = defaultdict(set)
        for cid, items in self.resolver.evidence.items():
            for e in items:
                found[cid, e.known_from.timestamp()].add(
                    Publication(e.source, e.revision, e.published, e.known_from))
                if e.withdrawn_at is not None and e.withdrawn_in is not None:
                    found[cid, e.withdrawn_at.timestamp()].add(Publication(
                        e.source, e.withdrawn_in, self.revisions[e.source, e.withdrawn_in],
                        e.withdrawn_at, withdrawal=True))
        return found

    def _changes(self) -> tuple[Change, ...]:
        own = self._publications()
        neighbours: dict[str, set[str]] = defaultdict(set)
        for rel in self.casebook.relations:
            neighbours[rel.from_].add(rel.to)
            neighbours[rel.to].add(rel.from_)
        # Publications at an instant, by group of related claims: the last resort for a change
        # that no publication on the claim or a claim next to it explains (a chain of relations).
        by_group: dict[tuple[int, float], dict[Publication, str]] = defaultdict(dict)
        for (cid, ts), publications in own.items():
            bucket = by_group[self.group_of[cid], ts]
            for p in publications:
                if p not in bucket or cid < bucket[p]:
                    bucket[p] = cid
        changes = []
        for cid in self.ids:
            steps = self.timelines[cid].steps
            for before, step in pairwise(steps):
                at = step.since
                if at is None or at > self.as_of:
                    continue
                if self.since is not None and at <= self.since:
                    continue
                ts = at.timestamp()
                direct = own.get((cid, ts), set())
                causes = sorted(direct, key=_publication_key)
                named = set(direct)
                for other in sorted(neighbours[cid]):
                    for p in sorted(own.get((other, ts), ()), key=_publication_key):
                        if p not in named:
                            named.add(p)
                            causes.append(attrs.evolve(p, via=other))
                if not causes:
                    bucket = by_group.get((self.group_of[cid], ts), {})
                    causes = [attrs.evolve(p, via=bucket[p])
                              for p in sorted(bucket, key=_publication_key)[:_MAX_REMOTE_CAUSES]]
                changes.append(Change(
                    claim=cid,
                    at=at,
                    from_status=before.resolution.status,
                    to_status=step.resolution.status,
                    causes=tuple(causes),
                    explanation=step.resolution.explain(self.zone),
                ))
        changes.sort(key=lambda c: (c.at.timestamp(), c.claim))
        return tuple(changes)

    def _relations(self) -> tuple[RelationRow, ...]:
        reasons: dict[tuple[str, str, str, bool], RelationReason] = {}
        for cid, res in self.resolutions.items():
            for reason in res.relations:
                reasons[cid, reason.kind.value, reason.other, reason.outgoing] = reason
        rows = []
        for rel in self.casebook.relations:
            if rel.kind is RelationKind.SUPPORTS:
                continue
            a, b = self.resolutions[rel.from_], self.resolutions[rel.to]
            mine = reasons.get((rel.from_, rel.kind.value, rel.to, True))
            theirs = reasons.get((rel.to, rel.kind.value, rel.from_, False))
            outcome, decision, since = _decide(rel.kind, a, b, mine, theirs, self.zone)
            rows.append(RelationRow(
                kind=rel.kind, from_=rel.from_, to=rel.to,
                from_status=a.status, from_strength=a.support,
                to_status=b.status, to_strength=b.support,
                outcome=outcome, decision=decision, since=since, note=rel.note,
            ))
        rows.sort(key=lambda r: (r.kind.value, r.from_, r.to, r.note or ""))
        return tuple(rows)

    def _sources(self) -> tuple[SourceRecord, ...]:
        records = []
        claim_by_id = self.casebook.claim_by_id
        for source in sorted(self.casebook.sources, key=lambda s: s.id):
            published = {r.id: r.published for r in source.revisions}
            asserted: set[str] = set()
            for excerpt in source.excerpts:
                if published[excerpt.revision].known_from > self.as_of:
                    continue
                for cid, stance in excerpt.stances.items():
                    if stance is Stance.ASSERTS or (
                        stance is Stance.SUPPORTS
                        and claim_by_id[cid].kind is not ClaimKind.PREDICTION
                    ):
                        asserted.add(cid)
            rows = tuple((cid, self.resolutions[cid].status) for cid in sorted(asserted))
            tally = dict.fromkeys(_STATUSES, 0)
            for _, status in rows:
                tally[status] += 1
            first = min(source.revisions, key=lambda r: r.published.start, default=None)
            records.append(SourceRecord(
                id=source.id, title=source.title, kind=source.kind, publisher=source.publisher,
                author=source.author, language=source.language, url=source.url,
                first_published=first.published if first else None,
                revisions=len(source.revisions), asserted=rows,
                tally=tuple((s, n) for s, n in tally.items() if n),
            ))
        return tuple(records)

    def _predictions(self) -> tuple[PredictionRow, ...]:
        rows = []
        for cid in self.ids:
            claim = self.casebook.claim_by_id[cid]
            if claim.kind is not ClaimKind.PREDICTION:
                continue
            made = [e for e in self.resolver.evidence.get(cid, ())
                    if e.stance is Stance.ASSERTS and e.known_from <= self.as_of]
            res = self.resolutions[cid]
            rows.append(PredictionRow(
                claim=cid, text=claim.text, claimant=claim.claimant,
                made_by=tuple(sorted({e.source for e in made})),
                made_at=min((e.known_from for e in made), default=None),
                due=claim.due,
                past_due=res.due is not None and res.due <= self.as_of
                and res.status in (Status.PENDING, Status.UNREPORTED),
                status=res.status, since=res.since, lapsed=res.lapsed,
            ))
        return tuple(rows)

    def _tick_sources(self, cid: str) -> dict[float, list[str]]:
        found: dict[float, list[str]] = defaultdict(list)
        for x in self.excerpts.get(cid, ()):
            found[x.counted_from.timestamp()].append(f"{x.source} {x.revision}")
            if x.withdrawn_at is not None:
                found[x.withdrawn_at.timestamp()].append(
                    f"{x.source} {x.withdrawn_in} (withdrawing {x.excerpt})")
        return found

    def _picture(self, order: list[str]) -> Picture:
        end = self.as_of
        ticks: dict[str, set[float]] = {}
        moments: dict[float, pendulum.DateTime] = {}
        for cid in self.ids:
            own: set[float] = set()
            for e in self.resolver.evidence.get(cid, ()):
                for moment in (e.known_from, e.withdrawn_at):
                    if moment is not None and moment <= end:
                        own.add(moment.timestamp())
                        moments.setdefault(moment.timestamp(), moment)
            for step in self.timelines[cid].steps:
                if step.since is not None and step.since <= end:
                    own.add(step.since.timestamp())
                    moments.setdefault(step.since.timestamp(), step.since)
            ticks[cid] = own
        local = zone_of(self.zone)
        earliest = [moments[min(moments)]] if moments else []
        if self.since is not None:
            earliest.append(self.since)
        if earliest:
            start = min(earliest).in_timezone(local).start_of("day")
        else:
            start = end.in_timezone(local).subtract(days=1)
        if start >= end:
            start = end.in_timezone(local).subtract(days=1)
        rows = []
        for cid in order:
            bands: list[Band] = []
            steps = [s for s in self.timelines[cid].steps if s.since is None or s.since <= end]
            for index, step in enumerate(steps):
                band_start = start if step.since is None else max(step.since, start)
                band_end = steps[index + 1].since if index + 1 < len(steps) else end
                assert band_end is not None  # only the first step has no since
                if band_end > band_start:
                    bands.append(Band(band_start, band_end, step.resolution.status))
            first = start.timestamp()
            shown = tuple(moments[t] for t in sorted(ticks[cid]) if t >= first)
            published = self._tick_sources(cid)
            sources = tuple(tuple(sorted(set(published.get(t.timestamp(), ()))))
                            or ("a related claim moved it",) for t in shown)
            rows.append(ClaimPicture(cid, tuple(bands), shown, self.resolutions[cid].status,
                                     sources, marks_of(self.timelines[cid], end)))
        return Picture(start, end, tuple(rows))


def _publication_key(p: Publication) -> tuple[float, str, str, bool]:
    return (p.counted_from.timestamp(), p.source, p.revision, p.withdrawal)


def _decide(
    kind: RelationKind,
    a: Resolution,
    b: Resolution,
    mine: RelationReason | None,
    theirs: RelationReason | None,
    zone: str,
) -> tuple[str, str, pendulum.DateTime | None]:
    """How a contradiction or supersession stands: (outcome, sentence, since when)."""
    from .._when import format_instant

    def who(res: Resolution) -> str:
        if res.support is Strength.NONE or res.status is Status.UNREPORTED:
            return f"{res.claim} ({res.status.value})"
        return f"{res.claim} ({res.status.value}, {res.support.label})"

    def since(res: Resolution) -> str:
        return f" since {format_instant(res.since, zone)}" if res.since is not None else ""

    if kind is RelationKind.SUPERSEDES:
        if theirs is not None and theirs.effect == "superseded-by":
            return "superseded", f"{who(a)} supersedes {b.claim}{since(b)}", b.since
        return "moot", f"not in effect: {_why_not(a, b)}", None
    if kind is RelationKind.CORRECTS:
        if theirs is not None and theirs.effect == "corrected-by":
            return "corrected", f"{who(a)} corrects {b.claim}{since(b)}", b.since
        return "moot", f"not in effect: {_why_not(a, b)}", None
    if mine is not None and mine.effect == "refuted-by":
        return "to-prevails", f"{who(b)} refutes {a.claim}{since(a)}", a.since
    if theirs is not None and theirs.effect == "refuted-by":
        return "from-prevails", f"{who(a)} refutes {b.claim}{since(b)}", b.since
    if (mine is not None and mine.effect == "disputed-with") or (
        theirs is not None and theirs.effect == "disputed-with"
    ):
        loser = a if mine is not None and mine.effect == "disputed-with" else b
        return ("disputed", f"equally strong ({a.support.label}): disputed{since(loser)}",
                loser.since)
    return "moot", f"no conflict to decide: {_why_not(a, b)}", None


def _why_not(a: Resolution, b: Resolution) -> str:
    idle = [r for r in (a, b) if not r.status.stands]
    if not idle:
        return f"{a.claim} and {b.claim} both stand"
    return "; ".join(f"{r.claim} is {r.status.value}" for r in idle)

