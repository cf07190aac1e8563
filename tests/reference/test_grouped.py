"""Groups resolved all at once (``_grouped``) equal groups resolved one by one (``_groups``), and
the reference resolver, on generated casebooks with many groups, chains and cycles."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import (
    Casebook,
    CasebookSettings,
    Claim,
    ClaimKind,
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
from factcheck._grouped import resolve_groups
from factcheck._groups import GroupSteps, resolve_group

from .resolution import Resolver as ReferenceResolver
from .test_differential import ZONES, _view, casebooks

SETTINGS = settings(max_examples=120, deadline=None)


def _rows(steps: GroupSteps) -> list[tuple[object, ...]]:
    """Every step with its reasons, by claim and time."""
    return sorted(zip(steps.claim, steps.time, steps.revision, steps.status, steps.support,
                      steps.refutation, steps.origins, steps.since, steps.every_reason(),
                      strict=True),
                  key=lambda row: (row[0], row[1]))


def _both_ways(casebook: Casebook) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]],
                                           int]:
    """Every group's steps made all at once and one by one (and the lapses each records); and
    how many groups there are."""
    resolver = casebook.resolver()
    groups = resolver.tied
    at_once, one_by_one = GroupSteps(), GroupSteps()
    resolver.dues.lapsed.clear()
    resolve_groups(resolver.columns, groups, at_once, resolver.dues)
    lapsed_at_once = dict(resolver.dues.lapsed)
    resolver.dues.lapsed.clear()
    for group in groups:
        resolve_group(resolver.columns, group, one_by_one, resolver.dues)
    assert dict(resolver.dues.lapsed) == lapsed_at_once
    return _rows(at_once), _rows(one_by_one), len(groups)


def _renamed(casebook: Casebook, prefix: str) -> Casebook:
    """The same casebook with every claim, source and excerpt id prefixed."""
    def claim(cid: str) -> str:
        return prefix + cid

    sources = [attrs.evolve(
        source, id=prefix + source.id, excerpts=[attrs.evolve(
            e, id=prefix + e.id, source=prefix + source.id,
            via=prefix + e.via if e.via else None,
            stances={claim(c): st for c, st in e.stances.items()}) for e in source.excerpts])
        for source in casebook.sources]
    return Casebook(casebook.settings, casebook.stakeholders, sources,
                    [attrs.evolve(c, id=claim(c.id)) for c in casebook.claims],
                    [attrs.evolve(r, from_=claim(r.from_), to=claim(r.to))
                     for r in casebook.relations])


@st.composite
def many_groups(draw: st.DrawFn) -> Casebook:
    """Several generated casebooks side by side in one (their ids kept apart): many groups of
    different shapes, resolved in one batch."""
    return side_by_side([draw(casebooks(max_claims=6)) for _ in range(draw(st.integers(2, 5)))])


def side_by_side(books: list[Casebook]) -> Casebook:
    """The casebooks in one, their ids kept apart by a prefix (the first one's settings)."""
    parts = [_renamed(book, f"b{i}-") for i, book in enumerate(books)]
    first = parts[0]
    return Casebook(first.settings, first.stakeholders,
                    [s for p in parts for s in p.sources], [c for p in parts for c in p.claims],
                    [r for p in parts for r in p.relations])


def _claim(cid: str, kind: ClaimKind = ClaimKind.EVENT, due: object = None) -> Claim:
    return Claim(cid, kind, f"claim {cid}", ["p0"], "p1", due=due)  # type: ignore[arg-type]


def _book(claims: list[Claim], excerpts: list[tuple[str, str, dict[str, Stance], str | None]],
          relations: list[Relation]) -> Casebook:
    """Claims, excerpts (id, revision, stances, withdrawn in) of one source with three revisions
    in two zones, and relations."""
    revisions = [Revision("r0", When.parse("2023-11-17T09:00 Asia/Seoul")),
                 Revision("r1", When.parse("2023-11-17 America/Los_Angeles")),
                 Revision("r2", When.parse("2023-11-19T10:00 Asia/Seoul"))]
    sources = [Source(f"s{i}", f"source {i}", SourceKind.ARTICLE, f"P{i}", "en", ZONES[i % 2],
                      revisions, [Excerpt(f"e{i}-{x}", rev, "quote", stances, withdrawn_in=gone,
                                          source=f"s{i}")
                                  for x, (eid, rev, stances, gone) in enumerate(excerpts)
                                  if eid == f"s{i}"],
                      speaks_for=["p0"] if i == 0 else [])
               for i in range(3)]
    return Casebook(CasebookSettings(zone="Asia/Seoul"),
                    [Stakeholder(p, p, StakeholderKind.PERSON) for p in ("p0", "p1")],
                    sources, claims, relations)


class TestResolveGroups:
    """``resolve_groups``: every covered group at once, as one by one, reasons included."""

    @SETTINGS
    @given(casebooks(max_claims=12))
    def test_equal_to_one_by_one(self, casebook):
        """Many groups of every shape the rules cover (chains, cycles, mixed relations,
        withdrawals, predictions, opinions, imprecise times in two zones): the same steps."""
        at_once, one_by_one, _ = _both_ways(casebook)
        assert one_by_one == at_once

    @SETTINGS
    @given(many_groups())
    def test_many_groups_in_one_batch(self, casebook):
        """Several casebooks' groups side by side, resolved in one batch: each group's steps are
        its own, as one by one."""
        at_once, one_by_one, _ = _both_ways(casebook)
        assert one_by_one == at_once

    @SETTINGS
    @given(casebooks(max_claims=12), st.sampled_from([None, *ZONES]))
    def test_timelines_equal_the_reference(self, casebook, tz):
        """Through the resolver, every claim's timeline is the reference resolver's."""
        reference = ReferenceResolver(casebook)
        for claim in casebook.claims:
            expected = reference.timeline(claim.id, tz)
            actual = casebook.timeline(claim.id, tz)
            assert ([(repr(s.since), _view(s.resolution, tz)) for s in expected.steps]
                    == [(repr(s.since), _view(s.resolution, tz)) for s in actual.steps])

    def test_chains_cycles_and_mixed_relations(self):
        """A supports chain, a contradicts cycle, a correction, a supersession beside a
        prediction and an opinion supporting a refuted claim, each a group, with withdrawals and
        a first-party source: all five resolved at once, all equal."""
        fp, sup, ref = Stance.ASSERTS, Stance.SUPPORTS, Stance.REFUTES
        claims = [_claim(f"c{i}") for i in range(11)] + [_claim("p", ClaimKind.PREDICTION),
                                                         _claim("o", ClaimKind.OPINION)]
        excerpts = [("s0", "r0", {"c0": fp, "c3": sup}, None), ("s1", "r1", {"c1": sup}, "r2"),
                    ("s2", "r1", {"c4": ref, "c5": sup}, None), ("s1", "r2", {"c6": sup}, None),
                    ("s2", "r0", {"c7": fp, "c9": fp, "p": fp}, "r2"),
                    ("s1", "r1", {"c8": sup, "o": fp, "c10": ref}, None)]
        relations = [Relation(RelationKind.SUPPORTS, "c0", "c1"),
                     Relation(RelationKind.SUPPORTS, "c1", "c2"),
                     Relation(RelationKind.CONTRADICTS, "c3", "c4"),
                     Relation(RelationKind.CONTRADICTS, "c4", "c5"),
                     Relation(RelationKind.CONTRADICTS, "c5", "c3"),
                     Relation(RelationKind.CORRECTS, "c6", "c7"),
                     Relation(RelationKind.SUPERSEDES, "c8", "c9"),
                     Relation(RelationKind.CONTRADICTS, "c9", "p"),
                     Relation(RelationKind.SUPPORTS, "o", "c10")]
        at_once, one_by_one, covered = _both_ways(_book(claims, excerpts, relations))
        assert 5 == covered
        assert one_by_one == at_once
        assert any(reasons for *_, reasons in at_once)
