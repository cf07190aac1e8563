"""Questions about the world: a property's value at a valid time, as known at a time."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import factcheck
from factcheck._cli import main
from factcheck._facts import Coverage, Verdict

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
