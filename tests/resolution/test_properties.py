"""Properties of resolution on random casebooks: order-free, no leakage, timelines exact."""

from __future__ import annotations

import itertools

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import Casebook, Excerpt, Revision, Source, SourceKind, Stance, When

from .strategies import casebooks, instants, steps_both_ways

SETTINGS = settings(max_examples=60, deadline=None)


def _summary(casebook: Casebook) -> dict:
    resolver = casebook.resolver()
    return {
        (cid, t.timestamp()): (r.status, r.since, r.support, r.refutation, r.origins)
        for t in instants(casebook)
        for cid, r in ((c.id, resolver.at(c.id, t)) for c in casebook.claims)
    }


def _rebuilt(casebook: Casebook, order: st.DataObject) -> Casebook:
    """The same casebook with every list, and every excerpt's stances, in a random order."""
    def shuffled(items):
        return order.draw(st.permutations(list(items)))

    sources = []
    for source in shuffled(casebook.sources):
        excerpts = [attrs.evolve(e, stances=dict(shuffled(e.stances.items())))
                    for e in shuffled(source.excerpts)]
        sources.append(attrs.evolve(source, revisions=shuffled(source.revisions),
                                    excerpts=excerpts))
    return Casebook(casebook.settings, shuffled(casebook.stakeholders), sources,
                    shuffled(casebook.claims), shuffled(casebook.relations))


class TestOrderIndependence:
    """The result never depends on the order of files or declarations."""

    @SETTINGS
    @given(casebooks(), st.data())
    def test_shuffling_changes_nothing(self, casebook, order):
        """Shuffled sources, excerpts, stances, claims and relations resolve identically."""
        assert _summary(casebook) == _summary(_rebuilt(casebook, order))


class TestTimeline:
    """Timelines are computed once and must agree with resolving from scratch."""

    @SETTINGS
    @given(casebooks())
    def test_timeline_agrees_with_direct_resolution(self, casebook):
        """At every interesting instant, bisection gives what direct resolution gives."""
        resolver = casebook.resolver()
        for t in instants(casebook):
            for claim in casebook.claims:
                r = resolver.at(claim.id, t)
                assert resolver.resolve_directly(claim.id, t) == (r.status, r.support)

    @SETTINGS
    @given(casebooks())
    def test_timeline_steps_change_status(self, casebook):
        """Consecutive timeline steps always differ in status, and their times increase."""
        for claim in casebook.claims:
            steps = casebook.timeline(claim.id).steps
            assert all(a.resolution.status != b.resolution.status
                       for a, b in itertools.pairwise(steps))
            times = [s.since for s in steps[1:]]
            assert times == sorted(times)


class TestStandAlone:
    """Claims in no relation take a shortcut; it must decide exactly as the general levels do."""

    @SETTINGS
    @given(casebooks())
    def test_shortcut_agrees_with_the_levels(self, casebook):
        """Each claim alone: its timeline in columns equals the group resolution's, step by step."""
        made, held = steps_both_ways(casebook.resolver())
        assert made == held


class TestNoLeakage:
    """Evidence published after T never changes any status as of T."""

    @SETTINGS
    @given(casebooks(), st.data())
    def test_later_evidence_changes_nothing_before_it(self, casebook, data):
        """Add a source published later; every status at earlier instants is unchanged."""
        claim = data.draw(st.sampled_from([c.id for c in casebook.claims]))
        stance = data.draw(st.sampled_from(list(Stance)))
        published = When.parse("2023-11-25T09:00 Asia/Seoul")
        late = Source("late", "late", SourceKind.REPORT, "Late", "en", "Asia/Seoul",
                      [Revision("r", published)],
                      [Excerpt("late-e", "r", "q", {claim: stance}, source="late")],
                      speaks_for=data.draw(st.lists(st.sampled_from(["p0", "p1", "p2"]),
                                                    max_size=1)))
        bigger = attrs.evolve(casebook, sources=[*casebook.sources, late])
        before = {k: v for k, v in _summary(casebook).items()}
        after = _summary(bigger)
        for key, value in before.items():
            assert value == after[key]


class TestDeterminism:
    """The same casebook gives the same answers, every time."""

    @SETTINGS
    @given(casebooks())
    def test_two_resolvers_agree(self, casebook):
        """Two independent builds of every timeline give identical resolutions."""
        twin = Casebook(casebook.settings, casebook.stakeholders, casebook.sources,
                        casebook.claims, casebook.relations)
        assert _summary(casebook) == _summary(twin)
