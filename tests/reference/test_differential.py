"""The library resolves every generated casebook exactly as the reference resolver does."""

from __future__ import annotations

import datetime as dt
import sys

import numpy as np
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import (
    Casebook,
    CasebookSettings,
    Claim,
    ClaimKind,
    DueIn,
    Excerpt,
    Relation,
    RelationKind,
    Revision,
    Source,
    SourceKind,
    Stakeholder,
    StakeholderKind,
    Stance,
    When,
)
from factcheck._bounds import parse_time

from .resolution import Resolver as ReferenceResolver

SETTINGS = settings(max_examples=80, deadline=None)
ZONES = ("Asia/Seoul", "America/Los_Angeles")
BASE = dt.datetime(2023, 11, 17, 0, 0)
PARTIES = ("p0", "p1", "p2", "p3")
FORMS = ("second", "minute", "hour", "day", "evening", "interval")


@st.composite
def times(draw: st.DrawFn, bounds: bool = True) -> When:
    """A publication time in the week of the case, at any precision, in Seoul or Los Angeles, or
    (``bounds``) known only as no later or no earlier than such a time.

    On a half-hour grid, so that different revisions often count from the same instant (a date in
    Seoul ends when a minute in Los Angeles begins): ties are where orderings could differ.
    """
    moment = BASE + dt.timedelta(minutes=30 * draw(st.integers(0, 5 * 48)))
    zone = draw(st.sampled_from(ZONES))
    form = draw(st.sampled_from(FORMS))
    day = moment.date().isoformat()
    text = {
        "second": f"{day}T{moment:%H:%M}:{draw(st.sampled_from(['00', '17']))}",
        "minute": f"{day}T{moment:%H:%M}",
        "hour": f"{day}T{moment:%H}",
        "day": day,
        "evening": f"{day} evening",
        "interval": f"{day}T{moment:%H:%M}/{(moment + dt.timedelta(hours=2)):%Y-%m-%dT%H:%M}",
    }[form]
    side = draw(st.sampled_from(["", "", "", "<= ", ">= "])) if (
        bounds and form != "interval") else ""
    return parse_time(f"{side}{text} {zone}")


@st.composite
def casebooks(draw: st.DrawFn, max_claims: int = 7, min_claims: int = 1) -> Casebook:
    """A random casebook: claims of every kind (predictions with no due time, a due time or a due
    span after they are made, so that they lapse), sources
    with revisions, excerpts with several stances, relays (``via``) and withdrawals, and relations
    of every kind (cycles and groups included), in a casebook zone or none."""
    n_claims = draw(st.integers(min_claims, max_claims))
    claim_ids = [f"c{i}" for i in range(n_claims)]
    claims = []
    for cid in claim_ids:
        kind = draw(st.sampled_from([ClaimKind.EVENT, ClaimKind.EVENT, ClaimKind.STATE,
                                     ClaimKind.PREDICTION, ClaimKind.PREDICTION,
                                     ClaimKind.OPINION]))
        due = draw(st.one_of(st.none(), times(bounds=False), st.sampled_from(
            ["PT30M", "PT12H", "P1D", "P2D"]).map(DueIn.parse))) if (
            kind is ClaimKind.PREDICTION) else None
        # Events may be scheduled: announced ahead of their valid time, they read as announced.
        event = kind is ClaimKind.EVENT
        valid = draw(st.one_of(st.none(), times())) if event else None
        claims.append(Claim(cid, kind, f"claim {cid}",
                            draw(st.lists(st.sampled_from(PARTIES), min_size=1, max_size=2,
                                          unique=True)),
                            draw(st.sampled_from(PARTIES)), valid=valid, due=due,
                            scheduled=valid is not None and draw(st.booleans())))
    n_sources = draw(st.integers(1, 5))
    source_ids = [f"s{s}" for s in range(n_sources)]
    sources = []
    excerpt_no = 0
    for sid in source_ids:
        revisions = [Revision(f"r{r}", draw(times())) for r in range(draw(st.integers(1, 3)))]
        revision_ids = [r.id for r in revisions]
        excerpts = []
        for _ in range(draw(st.integers(0, 5))):
            targets = draw(st.lists(st.sampled_from(claim_ids), min_size=1, max_size=3,
                                    unique=True))
            stances = {t: draw(st.sampled_from(list(Stance))) for t in targets}
            withdrawn = draw(st.one_of(st.none(), st.none(), st.sampled_from(revision_ids)))
            via = draw(st.one_of(st.none(), st.none(), st.sampled_from(source_ids)))
            excerpts.append(Excerpt(f"e{excerpt_no:02d}", draw(st.sampled_from(revision_ids)),
                                    "quote", stances, withdrawn_in=withdrawn,
                                    via=None if via == sid else via, source=sid))
            excerpt_no += 1
        sources.append(Source(
            sid, f"source {sid}", SourceKind.ARTICLE, draw(st.sampled_from(["A", "B", "C", "D"])),
            "en", draw(st.sampled_from(ZONES)), draw(st.permutations(revisions)), excerpts,
            speaks_for=draw(st.lists(st.sampled_from(PARTIES), max_size=2, unique=True)),
        ))
    relations = []
    if n_claims > 1:
        for _ in range(draw(st.integers(0, 2 * n_claims))):
            a, b = draw(st.lists(st.sampled_from(claim_ids), min_size=2, max_size=2, unique=True))
            relations.append(Relation(draw(st.sampled_from(list(RelationKind))), a, b))
    stakeholders = [Stakeholder(p, p, StakeholderKind.PERSON) for p in PARTIES]
    zone = draw(st.sampled_from([None, *ZONES]))
    corroboration = draw(st.sampled_from([2, 2, 1, 3]))
    return Casebook(CasebookSettings(zone=zone, corroboration=corroboration), stakeholders,
                    sources, claims, relations)


def _instants(casebook: Casebook, data: st.DataObject) -> list[pendulum.DateTime]:
    """Every instant a revision starts or counts, a second either side, and random instants."""
    found = set()
    for source in casebook.sources:
        for revision in source.revisions:
            # A bounded time's own ends are the ends of the calendar: its bound's are what matter.
            when = getattr(revision.published, "bound", revision.published)
            for t in (when.start, when.known_from):
                found |= {t.subtract(seconds=1), t, t.add(seconds=1)}
    for instant, _, _ in ReferenceResolver(casebook).due.values():
        found |= {instant.subtract(seconds=1), instant, instant.add(seconds=1)}
    start = pendulum.datetime(2023, 11, 16, tz="UTC")
    for minutes in data.draw(st.lists(st.integers(0, 8 * 24 * 60), max_size=6)):
        found.add(start.add(minutes=minutes).in_timezone(data.draw(st.sampled_from(ZONES))))
    return sorted(found, key=lambda t: (t.timestamp(), repr(t)))


def _view(res: object, zone: str | None) -> tuple[object, ...]:
    """Everything a resolution holds and says, as plain values both resolvers can be compared by:
    times with their zones (``repr``), enums by value, evidence and relations field by field."""
    r: object = res
    evidence = tuple(
        (e.excerpt, e.source, e.revision, e.origin, e.stance, e.first_party, e.published,
         repr(e.withdrawn_at), e.withdrawn_in, repr(e.known_from))
        for e in r.evidence)  # type: ignore[attr-defined]
    relations = tuple(
        (x.kind, x.other, x.outgoing, x.other_status.value, int(x.other_strength), x.effect,
         x.other_basis)
        for x in r.relations)  # type: ignore[attr-defined]
    pending = tuple((e.excerpt, e.revision) for e in r.pending_publications)  # type: ignore[attr-defined]
    return (r.claim, r.status.value, repr(r.since), int(r.support),  # type: ignore[attr-defined]
            int(r.refutation), r.origins, evidence, relations, pending,  # type: ignore[attr-defined]
            repr(r.as_of), r.zone, r.kind, r.may_have_changed,  # type: ignore[attr-defined]
            repr(r.due), r.lapsed, r.announced_for,  # type: ignore[attr-defined]
            r.explain(), r.explain(zone))  # type: ignore[attr-defined]


class TestDifferential:
    """Generated casebooks resolve identically under the library and the reference resolver."""

    @SETTINGS
    @given(casebooks(), st.data())
    def test_point_queries_agree(self, casebook, data):
        """At every instant that matters and at random ones, in every zone: the same resolution,
        field for field, and the same explanation, word for word."""
        reference = ReferenceResolver(casebook)
        ids = [c.id for c in casebook.claims]
        for t in _instants(casebook, data):
            tz = data.draw(st.sampled_from([None, *ZONES]))
            other = data.draw(st.sampled_from(ZONES))
            for cid in ids:
                expected = _view(reference.at(cid, t, tz), other)
                actual = _view(casebook.resolver().at(cid, t, tz), other)
                assert expected == actual

    @SETTINGS
    @given(casebooks(), st.data())
    def test_every_claims_status_agrees(self, casebook, data):
        """``statuses`` at an instant gives every claim what the reference gives it."""
        reference = ReferenceResolver(casebook)
        t = data.draw(st.sampled_from(_instants(casebook, data)))
        tz = data.draw(st.sampled_from([None, *ZONES]))
        expected = {cid: _view(r, tz) for cid, r in reference.statuses(t, tz).items()}
        actual = {cid: _view(r, tz) for cid, r in casebook.statuses(t, tz).items()}
        assert list(expected) == list(actual)
        assert expected == actual

    @SETTINGS
    @given(casebooks(), st.sampled_from([None, *ZONES]))
    def test_timelines_agree(self, casebook, tz):
        """Every claim's timeline: the same steps, each the same resolution."""
        reference = ReferenceResolver(casebook)
        for claim in casebook.claims:
            expected = reference.timeline(claim.id, tz)
            actual = casebook.timeline(claim.id, tz)
            assert expected.claim == actual.claim
            assert ([(repr(s.since), _view(s.resolution, tz)) for s in expected.steps]
                    == [(repr(s.since), _view(s.resolution, tz)) for s in actual.steps])

    @SETTINGS
    @given(casebooks(), st.data())
    def test_status_columns_agree(self, casebook, data):
        """Every claim at an instant, as columns (Arrow, and NumPy without pyarrow): the status,
        since, strength and origin count of the reference's resolution, row by row."""
        reference = ReferenceResolver(casebook)
        t = data.draw(st.sampled_from(_instants(casebook, data)))
        expected = [(cid, r.status.value, r.since, r.support.label, len(r.origins))
                    for cid, r in reference.statuses(t).items()]
        table = casebook.status_columns(t)
        assert ["claim", "status", "since", "strength", "origins"] == table.column_names
        assert expected == [(row["claim"], row["status"], row["since"], row["strength"],
                             row["origins"]) for row in table.to_pylist()]
        with pytest.MonkeyPatch.context() as patch:
            patch.setitem(sys.modules, "pyarrow", None)  # as if pyarrow were not installed
            arrays = casebook.status_columns(t)
        since = [None if np.isnat(s) else pendulum.from_timestamp(
            s.astype("datetime64[us]").astype(np.int64) / 1e6) for s in arrays["since"]]
        assert expected == list(zip(arrays["claim"].tolist(), arrays["status"].tolist(), since,
                                    arrays["strength"].tolist(), arrays["origins"].tolist(),
                                    strict=True))
