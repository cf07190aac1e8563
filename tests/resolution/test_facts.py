"""Questions about the world: a property's value at a valid time, as known at a time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck
from factcheck import When
from factcheck._cli import main
from factcheck._facts import Coverage, Verdict

from .strategies import casebooks, when

ROOT = Path(__file__).parents[2]
EVENING = "2023-11-20 evening Asia/Seoul"


@pytest.fixture(scope="module")
def shipped() -> factcheck.Casebook:
    return factcheck.load(ROOT)


class TestTheCeoQuestion:
    """Who was OpenAI's CEO on the evening of 20 November (Seoul), as known then and later?"""

    def test_as_known_that_evening(self, shipped: factcheck.Casebook) -> None:
        """At 18:00 KST only The Information has reported Shear: reported, and certain."""
        answer = shipped.facts("openai", "ceo", valid_at=EVENING, as_of="2023-11-20T18:00",
                               tz="Asia/Seoul")
        assert (Verdict.KNOWN, ("emmett-shear",)) == (answer.verdict, answer.values)
        reasons = {r.claim: (r.status.value, r.coverage) for r in answer.reasons}
        assert ("reported", Coverage.CERTAIN) == reasons["shear-interim-ceo"]
        assert ("unreported", Coverage.NOT_BELIEVED) == reasons["altman-returns-as-ceo"]
        assert answer.explain().startswith(
            "ceo of openai at 2023-11-20 evening KST, as known at 2023-11-20 18:00 KST: "
            "emmett-shear, from shear-interim-ceo (emmett-shear, reported since 2023-11-20 "
            "15:00 KST")

    def test_as_known_a_day_later(self, shipped: factcheck.Casebook) -> None:
        """A day later Shear's own post has confirmed it; the answer is the same, firmer."""
        answer = shipped.facts("openai", "ceo", valid_at=EVENING, as_of="2023-11-21T21:00",
                               tz="Asia/Seoul")
        assert ("emmett-shear",) == answer.values
        shear = next(r for r in answer.reasons if r.claim == "shear-interim-ceo")
        assert "confirmed" == shear.status

    def test_the_return_does_not_reach_back(self, shipped: factcheck.Casebook) -> None:
        """Known later, Altman's return begins after that evening: set aside, not the answer."""
        answer = shipped.facts("openai", "ceo", valid_at=EVENING, as_of="2023-11-23",
                               tz="Asia/Seoul")
        assert ("emmett-shear",) == answer.values
        back = next(r for r in answer.reasons if r.claim == "altman-returns-as-ceo")
        assert Coverage.AFTER == back.coverage

    def test_after_the_return(self, shipped: factcheck.Casebook) -> None:
        """For 23 November: Shear as known on the 21st, Altman once the return is known."""
        before = shipped.facts("openai", "ceo", valid_at="2023-11-23 Asia/Seoul",
                               as_of="2023-11-21", tz="Asia/Seoul")
        after = shipped.facts("openai", "ceo", valid_at="2023-11-23 Asia/Seoul",
                              as_of="2023-11-23", tz="Asia/Seoul")
        assert (("emmett-shear",), ("sam-altman",)) == (before.values, after.values)
        shear = next(r for r in after.reasons if r.claim == "shear-interim-ceo")
        assert ("altman-returns-as-ceo", Coverage.BEFORE) == (shear.superseded_by,
                                                               shear.coverage)

    def test_imprecise_handover_is_indeterminate(self, shipped: factcheck.Casebook) -> None:
        """At 14:30 KST on 20 Nov (Murati until about 21:00 PT, Shear from then): not guessed."""
        answer = shipped.facts("openai", "ceo", valid_at="2023-11-20T14:30 Asia/Seoul",
                               as_of="2023-11-22", tz="Asia/Seoul")
        assert (Verdict.INDETERMINATE, ("emmett-shear", "mira-murati")) == (
            answer.verdict, answer.values)
        assert "too imprecise to tell between emmett-shear and mira-murati" in answer.explain()

    def test_unknown_before_anything_is_known(self, shipped: factcheck.Casebook) -> None:
        """Nothing published yet: unknown, said so."""
        answer = shipped.facts("openai", "ceo", valid_at="2023-06 Asia/Seoul",
                               as_of="2023-11-17", tz="Asia/Seoul")
        assert (Verdict.UNKNOWN, ()) == (answer.verdict, answer.values)
        assert "unknown, no standing claim gives a value then" in answer.explain()


class TestConflicting:
    """Two standing claims giving different values at once, no relation between them."""

    def test_conflict_is_said(self, shipped: factcheck.Casebook) -> None:
        """Drop the supersession of Shear by the return: both hold on 23 Nov, conflicting."""
        relations = [r for r in shipped.relations
                     if (r.from_, r.to) != ("altman-returns-as-ceo", "shear-interim-ceo")]
        book = attrs.evolve(shipped, relations=relations)
        answer = book.facts("openai", "ceo", valid_at="2023-11-23 Asia/Seoul",
                            as_of="2023-11-23", tz="Asia/Seoul")
        assert (Verdict.CONFLICTING, ("emmett-shear", "sam-altman")) == (
            answer.verdict, answer.values)
        assert "conflicting, the casebook gives emmett-shear and sam-altman at once" in (
            answer.explain())


class TestCommand:
    """``factcheck facts SUBJECT PROPERTY --valid-at V --as-of T``."""

    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The sentence, then each claim and how it bore on the answer."""
        code = main(["facts", str(ROOT), "openai", "ceo", "--valid-at", "2023-11-20 evening",
                     "--as-of", "2023-11-20T18:00", "--tz", "Asia/Seoul"])
        out = capsys.readouterr().out
        assert 0 == code
        assert out.startswith("ceo of openai at 2023-11-20 evening KST")
        assert "shear-interim-ceo" in out and "certain" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON: verdict, values, and every claim."""
        code = main(["facts", str(ROOT), "openai", "ceo", "--valid-at", "2023-11-23",
                     "--as-of", "2023-11-23", "--tz", "Asia/Seoul", "--format", "json"])
        data = json.loads(capsys.readouterr().out)
        assert 0 == code
        assert ("known", ["sam-altman"]) == (data["verdict"], data["values"])
        assert "altman-returns-as-ceo" in [c["claim"] for c in data["claims"]]

    def test_wants_subject_and_property(self, capsys: pytest.CaptureFixture[str]) -> None:
        """One word is not a question: a usage error, no traceback."""
        code = main(["facts", str(ROOT), "openai", "--valid-at", "2023-11-23",
                     "--as-of", "2023-11-23"])
        assert 0 != code
        assert "a subject and a property" in capsys.readouterr().err


@st.composite
def factual_casebooks(draw: st.DrawFn) -> factcheck.Casebook:
    """A random casebook whose events and states give p0's single-valued ``ceo`` (plain values)
    or ``stake`` (quantities) for random valid periods."""
    casebook = draw(casebooks())
    claims = []
    for claim in casebook.claims:
        if claim.kind in (factcheck.ClaimKind.EVENT, factcheck.ClaimKind.STATE):
            valid = draw(when())
            until = draw(st.one_of(st.none(), when())) if (
                claim.kind is factcheck.ClaimKind.STATE) else None
            if until is not None and until.start < valid.end:
                until = None
            if draw(st.booleans()):
                fact = factcheck.Fact("p0", "ceo", value=draw(st.sampled_from(["a", "b"])))
            else:
                fact = factcheck.Fact("p0", "stake", quantity=factcheck.Quantity(
                    amount=draw(st.sampled_from([5.1, 5.3, 700, 738])), unit="%",
                    approx=draw(st.sampled_from([None, factcheck.Approx.ABOUT])),
                    basis=draw(st.sampled_from([None, "of shares"]))))
            claim = attrs.evolve(claim, valid=valid, until=until, fact=fact)
        claims.append(claim)
    properties = [factcheck.Property("ceo", single_valued=True),
                  factcheck.Property("stake", single_valued=True)]
    return attrs.evolve(casebook, claims=claims, properties=properties)


def _shuffled(casebook: factcheck.Casebook, order: st.DataObject) -> factcheck.Casebook:
    """The same casebook with every list, and every excerpt's stances, in a random order."""
    def shuffled(items: Any) -> list[Any]:
        return order.draw(st.permutations(list(items)))

    sources = [attrs.evolve(s, revisions=shuffled(s.revisions), excerpts=[
        attrs.evolve(e, stances=dict(shuffled(e.stances.items()))) for e in shuffled(s.excerpts)])
        for s in shuffled(casebook.sources)]
    return factcheck.Casebook(casebook.settings, shuffled(casebook.stakeholders), sources,
                              shuffled(casebook.claims), shuffled(casebook.relations),
                              shuffled(casebook.properties))


def _answers(casebook: factcheck.Casebook, moments: list[When]) -> list[Any]:
    return [(answer.verdict, answer.values, answer.explain("Asia/Seoul"),
             [(r.claim, r.value, r.status, r.coverage, r.until, r.superseded_by)
              for r in answer.reasons])
            for prop in ("ceo", "stake") for v in moments for t in moments
            for answer in [casebook.facts("p0", prop, valid_at=v, as_of=t.end)]]


class TestOrderOfDeclarations:
    """``facts`` answers the same whatever order sources, claims and relations come in."""

    @settings(max_examples=40, deadline=None)
    @given(factual_casebooks(), st.data())
    def test_shuffling_changes_no_answer(self, casebook: factcheck.Casebook,
                                         order: st.DataObject) -> None:
        """Every answer (verdict, values, sentence, reasons) at a few valid times and as-ofs is
        the same after shuffling every list of the casebook."""
        moments = order.draw(st.lists(when(), min_size=1, max_size=3))
        assert _answers(casebook, moments) == _answers(_shuffled(casebook, order), moments)
