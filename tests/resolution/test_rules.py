"""Each resolution rule of the design, on a casebook built for it."""

from __future__ import annotations

import pytest

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
    Status,
    Strength,
    When,
)

ZONE = "Asia/Seoul"


def source(sid, publisher, published, stances, *, speaks_for=(), via=None, withdrawn=None):
    """A source with one or two revisions and one excerpt per (claim, stance) pair."""
    revisions = [Revision("r1", When.parse(f"{published} {ZONE}"))]
    if withdrawn:
        revisions.append(Revision("r2", When.parse(f"{withdrawn} {ZONE}")))
    excerpts = [Excerpt(f"{sid}-e{i}", "r1", "q", {cid: stance}, via=via,
                        withdrawn_in="r2" if withdrawn else None, source=sid)
                for i, (cid, stance) in enumerate(stances.items())]
    return Source(sid, sid, SourceKind.ARTICLE, publisher, "en", ZONE, revisions, excerpts,
                  speaks_for=speaks_for)


def casebook(claims, sources, relations=(), corroboration=2):
    """A casebook of claims about `acme` made by `desk`."""
    people = [Stakeholder(p, p, StakeholderKind.ORGANISATION) for p in ("acme", "desk")]
    made = [Claim(cid, kind, cid, ["acme"], "desk") for cid, kind in claims.items()]
    return Casebook(CasebookSettings(zone=ZONE, corroboration=corroboration), people, sources,
                    made, [Relation(RelationKind(k), a, b) for k, a, b in relations])


EVENT = ClaimKind.EVENT


class TestEvidence:
    """Strength counts origins; the stronger side wins."""

    def test_two_outlets_one_origin_is_reported(self):
        """An outlet relaying another's report adds no independent origin."""
        cb = casebook({"a": EVENT}, [
            source("wire", "Wire", "2023-11-20T09:00", {"a": "asserts"}),
            source("paper", "Paper", "2023-11-20T10:00", {"a": "asserts"}, via="wire"),
        ])
        res = cb.status("a", "2023-11-20")
        assert (Status.REPORTED, ("Wire",)) == (res.status, res.origins)

    def test_two_origins_corroborate(self):
        """Two independent origins make it corroborated."""
        cb = casebook({"a": EVENT}, [
            source("wire", "Wire", "2023-11-20T09:00", {"a": "asserts"}),
            source("paper", "Paper", "2023-11-20T10:00", {"a": "supports"}),
        ])
        assert Status.CORROBORATED == cb.status("a", "2023-11-20").status

    def test_threshold_is_configurable(self):
        """With corroboration = 3, two origins are still only reported."""
        cb = casebook({"a": EVENT}, [
            source("wire", "Wire", "2023-11-20T09:00", {"a": "asserts"}),
            source("paper", "Paper", "2023-11-20T10:00", {"a": "supports"}),
        ], corroboration=3)
        assert Status.REPORTED == cb.status("a", "2023-11-20").status

    def test_first_party_confirms(self):
        """An origin that speaks for the claim's subject confirms it."""
        cb = casebook({"a": EVENT}, [
            source("acme-post", "Acme", "2023-11-20T09:00", {"a": "asserts"},
                   speaks_for=["acme"]),
        ])
        res = cb.status("a", "2023-11-20")
        assert (Status.CONFIRMED, Strength.FIRST_PARTY) == (res.status, res.support)

    def test_equal_sides_dispute(self):
        """One origin for, one against: disputed."""
        cb = casebook({"a": EVENT}, [
            source("wire", "Wire", "2023-11-20T09:00", {"a": "asserts"}),
            source("paper", "Paper", "2023-11-20T10:00", {"a": "refutes"}),
        ])
        assert Status.DISPUTED == cb.status("a", "2023-11-20").status

    def test_stronger_refutation_wins(self):
        """A first-party denial beats one report."""
        cb = casebook({"a": EVENT}, [
            source("wire", "Wire", "2023-11-20T09:00", {"a": "asserts"}),
            source("acme-post", "Acme", "2023-11-20T10:00", {"a": "refutes"},
                   speaks_for=["acme"]),
        ])
        assert Status.REFUTED == cb.status("a", "2023-11-20").status

    def test_mentions_are_not_support(self):
        """Reporting that someone claims it, without endorsing, leaves it unreported."""
        cb = casebook({"a": EVENT}, [
            source("wire", "Wire", "2023-11-20T09:00", {"a": "mentions"}),
        ])
        res = cb.status("a", "2023-11-20")
        assert Status.UNREPORTED == res.status
        assert "only mentioned" in res.explain()

    def test_withdrawn_support_is_retracted(self):
        """Every supporting excerpt withdrawn by a later revision: retracted from then on."""
        cb = casebook({"a": EVENT}, [
            source("wire", "Wire", "2023-11-20T09:00", {"a": "asserts"},
                   withdrawn="2023-11-21T09:00"),
        ])
        assert Status.REPORTED == cb.status("a", "2023-11-20").status
        assert Status.RETRACTED == cb.status("a", "2023-11-21").status
        assert [Status.UNREPORTED, Status.REPORTED, Status.RETRACTED] == cb.timeline(
            "a").statuses()


class TestExplanations:
    """Explanations name every excerpt, each revision once."""

    def test_excerpts_of_one_revision_named_together(self):
        """Two excerpts of one revision: the source and its time once, then both excerpts."""
        cb = casebook({"a": EVENT}, [
            Source("paper", "Paper", SourceKind.ARTICLE, "Paper", "en", ZONE,
                   [Revision("r1", When.parse(f"2023-11-20 {ZONE}"))],
                   [Excerpt(f"paper-e{i}", "r1", "q", {"a": "asserts"}, source="paper")
                    for i in range(2)]),
        ])
        text = cb.status("a", "2023-11-21").explain()
        assert ("reported since 2023-11-21 00:00 KST: 1 origin: paper (Paper, 2023-11-20 KST, "
                "counted from 2023-11-21 00:00 KST; excerpts paper-e0, paper-e1).") == text


    def test_excerpts_of_other_origins_named_apart(self):
        """One revision relaying another outlet: each origin is named, as the count says."""
        wire = source("wire", "Wire", "2023-11-19T09:00", {})
        paper = Source("paper", "Paper", SourceKind.ARTICLE, "Paper", "en", ZONE,
                       [Revision("r1", When.parse(f"2023-11-20 {ZONE}"))],
                       [Excerpt("own", "r1", "q", {"a": "asserts"}, source="paper"),
                        Excerpt("relayed", "r1", "q", {"a": "asserts"}, via="wire",
                                source="paper")])
        text = casebook({"a": EVENT}, [wire, paper]).status("a", "2023-11-21").explain()
        assert text.startswith("corroborated since 2023-11-21 00:00 KST: 2 independent origins: ")
        counted = "2023-11-20 KST, counted from 2023-11-21 00:00 KST"
        assert f"paper (Paper, {counted}; excerpt own)" in text
        assert f"paper (Wire, {counted}; excerpt relayed)" in text


class TestRelations:
    """supports, supersedes and contradicts, decided from the strongest down."""

    def test_supports_lifts_strength(self):
        """While A stands confirmed, B it supports is at least confirmed."""
        cb = casebook({"a": EVENT, "b": EVENT}, [
            source("acme-post", "Acme", "2023-11-20T09:00", {"a": "asserts"},
                   speaks_for=["acme"]),
            source("wire", "Wire", "2023-11-20T10:00", {"b": "asserts"}),
        ], [("supports", "a", "b")])
        res = cb.status("b", "2023-11-20")
        assert Status.CONFIRMED == res.status
        assert "supported by a" in res.explain()

    def test_contradiction_between_equals_disputes_both(self):
        """Two reported claims that contradict each other are both disputed."""
        cb = casebook({"a": EVENT, "b": EVENT}, [
            source("wire", "Wire", "2023-11-20T09:00", {"a": "asserts"}),
            source("paper", "Paper", "2023-11-20T10:00", {"b": "asserts"}),
        ], [("contradicts", "a", "b")])
        assert {Status.DISPUTED} == {cb.status(c, "2023-11-20").status for c in "ab"}

    def test_refuted_claim_defeats_nothing(self):
        """C refuted by a stronger A cannot refute or dispute B (grounded semantics)."""
        cb = casebook({"a": EVENT, "b": EVENT, "c": EVENT}, [
            source("acme-post", "Acme", "2023-11-20T09:00", {"a": "asserts"},
                   speaks_for=["acme"]),
            source("wire", "Wire", "2023-11-20T10:00", {"b": "asserts"}),
            source("paper", "Paper", "2023-11-20T10:00", {"c": "asserts"}),
        ], [("contradicts", "a", "c"), ("contradicts", "c", "b")])
        statuses = {c: cb.status(c, "2023-11-20").status for c in "abc"}
        assert {"a": Status.CONFIRMED, "b": Status.REPORTED, "c": Status.REFUTED} == statuses

    def test_superseded_keeps_strength_and_still_defeats(self):
        """B superseded by A still refutes the weaker C that contradicts it."""
        cb = casebook({"a": EVENT, "b": EVENT, "c": EVENT}, [
            source("acme-post", "Acme", "2023-11-20T09:00", {"b": "asserts"},
                   speaks_for=["acme"]),
            source("wire", "Wire", "2023-11-21T09:00", {"a": "asserts"}),
            source("paper", "Paper", "2023-11-20T10:00", {"c": "asserts"}),
        ], [("supersedes", "a", "b"), ("contradicts", "b", "c")])
        b = cb.status("b", "2023-11-21")
        assert (Status.SUPERSEDED, Strength.FIRST_PARTY) == (b.status, b.support)
        assert Status.REFUTED == cb.status("c", "2023-11-21").status
        assert Status.CONFIRMED == cb.status("b", "2023-11-20").status


class TestPredictionsAndOpinions:
    """Predictions are made by asserting them and decided by later evidence."""

    def test_prediction_lifecycle(self):
        """Unreported, pending once made, fulfilled by later supporting evidence."""
        cb = casebook({"p": ClaimKind.PREDICTION}, [
            source("pundit", "Pundit", "2023-11-19T09:00", {"p": "asserts"}),
            source("wire", "Wire", "2023-11-22T09:00", {"p": "supports"}),
        ])
        assert [Status.UNREPORTED, Status.PENDING, Status.FULFILLED] == cb.timeline(
            "p").statuses()

    def test_prediction_fails(self):
        """Later refuting evidence makes a prediction failed."""
        cb = casebook({"p": ClaimKind.PREDICTION}, [
            source("pundit", "Pundit", "2023-11-19T09:00", {"p": "asserts"}),
            source("wire", "Wire", "2023-11-22T09:00", {"p": "refutes"}),
        ])
        assert Status.FAILED == cb.status("p", "2023-11-23").status

    def test_asserting_is_no_evidence(self):
        """Two pundits making the same prediction leave it pending."""
        cb = casebook({"p": ClaimKind.PREDICTION}, [
            source("pundit", "Pundit", "2023-11-19T09:00", {"p": "asserts"}),
            source("other", "Other", "2023-11-19T10:00", {"p": "asserts"}),
        ])
        assert Status.PENDING == cb.status("p", "2023-11-20").status

    @pytest.mark.parametrize(("stance", "opening"), [
        ("supports", "fulfilled since 2023-11-22 09:01 KST: 1 origin: wire (Wire, "),
        ("refutes", "failed since 2023-11-22 09:01 KST: refuted by wire (Wire, "),
    ])
    def test_outcome_and_maker_explained_apart(self, stance, opening):
        """A decided prediction names what decided it first, and who predicted it, not as origin."""
        cb = casebook({"p": ClaimKind.PREDICTION}, [
            source("pundit", "Pundit", "2023-11-19T09:00", {"p": "asserts"}),
            source("wire", "Wire", "2023-11-22T09:00", {"p": stance}),
        ])
        text = cb.status("p", "2023-11-23").explain()
        assert text.startswith(opening)
        assert text.endswith("; predicted by pundit (Pundit, 2023-11-19 09:00 KST, counted from "
                             "2023-11-19 09:01 KST; excerpt pundit-e0).")
        assert "origin: pundit" not in text

    def test_disputed_prediction_counts_only_its_outcome(self):
        """A disputed prediction weighs later support against later refutation, not its maker."""
        cb = casebook({"p": ClaimKind.PREDICTION}, [
            source("pundit", "Pundit", "2023-11-19T09:00", {"p": "asserts"}),
            source("wire", "Wire", "2023-11-22T09:00", {"p": "supports"}),
            source("paper", "Paper", "2023-11-22T10:00", {"p": "refutes"}),
        ])
        res = cb.status("p", "2023-11-23")
        assert Status.DISPUTED == res.status
        text = res.explain()
        assert "support (1 origin: wire (Wire, " in text
        assert "refutation (paper (Paper, " in text
        assert text.endswith("; predicted by pundit (Pundit, 2023-11-19 09:00 KST, counted from "
                             "2023-11-19 09:01 KST; excerpt pundit-e0).")

    def test_prediction_nobody_made_says_so(self):
        """With no excerpt making the prediction, the outcome is not named as its maker."""
        cb = casebook({"p": ClaimKind.PREDICTION}, [
            source("wire", "Wire", "2023-11-22T09:00", {"p": "refutes"}),
        ])
        text = cb.status("p", "2023-11-23").explain()
        assert text.startswith("failed since 2023-11-22 09:01 KST: refuted by wire (Wire, ")
        assert text.endswith("; no excerpt on record makes the prediction.")
        assert "predicted by" not in text

    def test_opinion(self):
        """An opinion is reported apart, from when it is published."""
        cb = casebook({"o": ClaimKind.OPINION}, [
            source("pundit", "Pundit", "2023-11-19T09:00", {"o": "asserts"}),
        ])
        assert [Status.UNREPORTED, Status.OPINION] == cb.timeline("o").statuses()


class TestImpreciseTimes:
    """Evidence known only to the day counts from the end of that day."""

    def test_day_precision_counts_from_end_of_day(self):
        """Dated 20 Nov in Seoul: not counted at noon that day, counted at its end."""
        cb = casebook({"a": EVENT}, [source("wire", "Wire", "2023-11-20", {"a": "asserts"})])
        noon = cb.status("a", "2023-11-20T12:00")
        assert (Status.UNREPORTED, True) == (noon.status, noon.may_have_changed)
        assert "may already have changed" in noon.explain()
        end = cb.status("a", "2023-11-20")
        assert (Status.REPORTED, False) == (end.status, end.may_have_changed)
