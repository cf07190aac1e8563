"""The three shapes of group the all-at-once path (``_grouped``) once left to the one-group path
(``_groups``): a claim supported by several claims of its group, corrections (chains and cycles),
and predictions falling due inside a group. Resolved all at once they equal the one-group path
and the reference resolver, on generated casebooks dense in those shapes."""

from __future__ import annotations

import itertools

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import (
    Casebook,
    Claim,
    ClaimKind,
    DueIn,
    Excerpt,
    Relation,
    RelationKind,
    Revision,
    Source,
    SourceKind,
    Stance,
    When,
)

from .resolution import Resolver as ReferenceResolver
from .test_differential import PARTIES, ZONES, _view, casebooks, times
from .test_grouped import _book, _both_ways, _claim, side_by_side

SETTINGS = settings(max_examples=150, deadline=None)


@st.composite
def shaped(draw: st.DrawFn) -> Casebook:
    """A generated casebook (withdrawals, imprecise and bounded times, Seoul against Los Angeles)
    with, on top of its own relations: claims supported by two or three others, lifters lifted
    themselves, a chain of corrections that may close into a cycle, predictions with due times
    tied to other claims."""
    book = draw(casebooks(max_claims=9, min_claims=3))
    ids = [c.id for c in book.claims]
    relations = list(book.relations)
    for _ in range(draw(st.integers(0, 2))):  # fan-in: one claim, several supporters
        target = draw(st.sampled_from(ids))
        supporters = draw(st.lists(st.sampled_from([c for c in ids if c != target]),
                                   min_size=2, max_size=3, unique=True))
        relations += [Relation(RelationKind.SUPPORTS, s, target) for s in supporters]
    if draw(st.integers(0, 3)):  # a chain of corrections, perhaps a cycle
        chain = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=4, unique=True))
        relations += [Relation(RelationKind.CORRECTS, a, b)
                      for a, b in itertools.pairwise(chain)]
        if len(chain) > 2 and draw(st.booleans()):
            relations.append(Relation(RelationKind.CORRECTS, chain[-1], chain[0]))
    claims = list(book.claims)
    for i in draw(st.lists(st.integers(0, len(claims) - 1), max_size=3, unique=True)):
        due = draw(st.one_of(times(bounds=False), st.sampled_from(
            ["PT30M", "PT12H", "P1D", "P2D"]).map(DueIn.parse)))
        claims[i] = attrs.evolve(claims[i], kind=ClaimKind.PREDICTION, due=due, valid=None,
                                 scheduled=False)
        other = draw(st.sampled_from([c for c in ids if c != claims[i].id]))
        kind = draw(st.sampled_from(list(RelationKind)))
        a, b = draw(st.permutations([claims[i].id, other]))
        relations.append(Relation(kind, a, b))
    # A source that backs claims often (some of it withdrawn later), so that more claims stand.
    revisions = [Revision(f"r{r}", draw(times())) for r in range(draw(st.integers(1, 3)))]
    revision_ids = [r.id for r in revisions]
    excerpts = [Excerpt(f"x{i:02d}", draw(st.sampled_from(revision_ids)), "quote",
                        {c: draw(st.sampled_from([Stance.ASSERTS, Stance.SUPPORTS, Stance.SUPPORTS,
                                                  Stance.REFUTES]))
                         for c in draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3,
                                                unique=True))},
                        withdrawn_in=draw(st.one_of(st.none(), st.none(),
                                                    st.sampled_from(revision_ids))),
                        source="sx")
                for i in range(draw(st.integers(1, 8)))]
    backer = Source("sx", "backer", SourceKind.ARTICLE, "E", "en", draw(st.sampled_from(ZONES)),
                    revisions, excerpts,
                    speaks_for=draw(st.lists(st.sampled_from(PARTIES), max_size=2, unique=True)))
    return Casebook(book.settings, book.stakeholders, [*book.sources, backer], claims, relations)


@st.composite
def many_shaped(draw: st.DrawFn) -> Casebook:
    """Several shaped casebooks side by side in one (their ids kept apart): groups of every shape
    in one batch, whose lapses are found in the same rounds."""
    return side_by_side([draw(shaped()) for _ in range(draw(st.integers(2, 4)))])


class TestShapes:
    """Several supporters, corrections and lapses inside groups, all at once."""

    @SETTINGS
    @given(shaped())
    def test_equal_to_one_by_one(self, casebook):
        """Every group's steps (status, since, strengths, origins, reasons) and the lapses
        recorded: the same all at once as one by one."""
        at_once, one_by_one, _ = _both_ways(casebook)
        assert one_by_one == at_once

    @settings(max_examples=60, deadline=None)
    @given(many_shaped())
    def test_many_shaped_groups_in_one_batch(self, casebook):
        """Several shaped casebooks' groups in one batch: each group's steps and lapses are its
        own, as one by one."""
        at_once, one_by_one, _ = _both_ways(casebook)
        assert one_by_one == at_once

    @SETTINGS
    @given(shaped(), st.sampled_from([None, *ZONES]))
    def test_timelines_equal_the_reference(self, casebook, tz):
        """Through the resolver, every claim's timeline is the reference resolver's, step by
        step, explanation included."""
        _reference_agrees(casebook, tz)


def _reference_agrees(casebook: Casebook, tz: str | None = None) -> None:
    """Every claim's timeline equals the reference resolver's, step by step."""
    reference = ReferenceResolver(casebook)
    for claim in casebook.claims:
        expected = reference.timeline(claim.id, tz)
        actual = casebook.timeline(claim.id, tz)
        assert ([(repr(s.since), _view(s.resolution, tz)) for s in expected.steps]
                == [(repr(s.since), _view(s.resolution, tz)) for s in actual.steps])


def _checked(claims: list[Claim], excerpts: list[tuple[str, str, dict[str, Stance], str | None]],
             relations: list[Relation]) -> Casebook:
    """The casebook of ``_book``, its groups checked the same all at once as one by one, and its
    timelines the reference's."""
    book = _book(claims, excerpts, relations)
    at_once, one_by_one, _ = _both_ways(book)
    assert one_by_one == at_once
    _reference_agrees(book)
    return book


def _statuses(book: Casebook) -> dict[str, str]:
    """Every claim's status on 20 November, Seoul time."""
    return {cid: r.status.value for cid, r in book.statuses("2023-11-20T00:00+09:00").items()}


class TestExamples:
    """One group of each shape, where the all-at-once path must follow the one-group path's
    order or walk exactly."""

    def test_the_first_supporter_the_walk_takes_lifts(self):
        """``b`` is supported by ``a1`` and by ``x``, which ``a2`` lifts: the walk takes ``a2``
        first (the last candidate), then ``x``, which lifts ``b`` before ``a1`` is taken. Rounds
        over the edges would have ``a1`` lift it."""
        sup = Stance.SUPPORTS
        claims = [_claim(c) for c in ("a1", "a2", "b", "x")]
        excerpts = [("s1", "r0", {"a1": sup}, None), ("s2", "r0", {"a2": sup}, None)]
        relations = [Relation(RelationKind.SUPPORTS, "a1", "b"),
                     Relation(RelationKind.SUPPORTS, "a2", "x"),
                     Relation(RelationKind.SUPPORTS, "x", "b")]
        book = _checked(claims, excerpts, relations)
        lifted = [r for r in book.status("b", "2023-11-20T00:00+09:00").relations
                  if r.effect == "supported-by"]
        assert ["x"] == [r.other for r in lifted]

    def test_a_cycle_of_corrections_follows_the_walk(self):
        """``a`` corrects ``b`` corrects ``c`` corrects ``a``, and ``d`` corrects ``c``, all
        standing: ``c`` is corrected (``d`` stands uncorrected). The walk, from ``a``, meets
        ``b`` with ``a`` on its path and remembers it as not corrected: ``b`` stays reported,
        although ``a`` stands uncorrected. The all-at-once path gives such a cycle to the walk."""
        sup = Stance.SUPPORTS
        claims = [_claim(c) for c in ("a", "b", "c", "d")]
        excerpts = [("s1", "r0", {"a": sup, "b": sup, "c": sup, "d": sup}, None)]
        relations = [Relation(RelationKind.CORRECTS, "a", "b"),
                     Relation(RelationKind.CORRECTS, "b", "c"),
                     Relation(RelationKind.CORRECTS, "c", "a"),
                     Relation(RelationKind.CORRECTS, "d", "c")]
        assert {"a": "reported", "b": "reported", "c": "corrected", "d": "reported"} == (
            _statuses(_checked(claims, excerpts, relations)))

    def test_a_chain_of_corrections(self):
        """``a`` corrects ``b`` corrects ``c``: ``b`` is corrected, so ``c`` stands; ``b`` no
        longer lifts ``e``, and ``c`` refutes ``f``."""
        sup, fp = Stance.SUPPORTS, Stance.ASSERTS
        claims = [_claim(c) for c in ("a", "b", "c", "e", "f")]
        excerpts = [("s0", "r0", {"a": fp, "c": fp}, None),
                    ("s1", "r1", {"b": sup, "f": sup}, None)]
        relations = [Relation(RelationKind.CORRECTS, "a", "b"),
                     Relation(RelationKind.CORRECTS, "b", "c"),
                     Relation(RelationKind.SUPPORTS, "b", "e"),
                     Relation(RelationKind.CONTRADICTS, "c", "f")]
        assert {"a": "confirmed", "b": "corrected", "c": "confirmed", "e": "unreported",
                "f": "refuted"} == _statuses(_checked(claims, excerpts, relations))

    def test_a_lapse_that_stops_a_lift_lapses_another(self):
        """``p1`` lapses at noon on the 17th, pending; its outcome on the 19th no longer counts,
        so it does not fulfil ``p2``, which it supports: ``p2`` is still pending when it falls
        due on the 20th, and lapses then. Found in a second round of the fixed point: resolved
        with no lapse, ``p1`` fulfils ``p2`` on the 19th."""
        fp, sup = Stance.ASSERTS, Stance.SUPPORTS
        claims = [_claim("p1", ClaimKind.PREDICTION, When.parse("2023-11-17T12:00 Asia/Seoul")),
                  _claim("p2", ClaimKind.PREDICTION, When.parse("2023-11-20 Asia/Seoul"))]
        excerpts = [("s1", "r0", {"p1": fp, "p2": fp}, None), ("s2", "r2", {"p1": sup}, None)]
        book = _checked(claims, excerpts, [Relation(RelationKind.SUPPORTS, "p1", "p2")])
        lapsed = {cid: (r.status.value, r.lapsed)
                  for cid, r in book.statuses("2023-11-21T00:00+09:00").items()}
        assert {"p1": ("failed", True), "p2": ("failed", True)} == lapsed
        assert "pending" == book.status("p2", "2023-11-19T12:00+09:00").status.value
