"""Corrections: a claim its own source, or the stakeholder concerned, replaced as wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck
from factcheck import RelationKind, Status
from factcheck._claimreview import claimreviews
from factcheck._report import build_report

CLAIMS = """\
zone = "America/New_York"

[[stakeholders]]
id = "fund"
name = "The Fund"
kind = "organisation"

[[stakeholders]]
id = "target"
name = "Target Inc."
kind = "organisation"

[[claims]]
id = "stake-5-3"
kind = "state"
text = "The fund holds 5.3% of Target."
subjects = ["fund", "target"]
claimant = "fund"
valid = "2022-04-04"

[[claims]]
id = "stake-5-1"
kind = "state"
text = "The fund holds 5.1% of Target."
subjects = ["fund", "target"]
claimant = "fund"
valid = "2022-04-04"

[[relations]]
kind = "corrects"
from = "stake-5-1"
to = "stake-5-3"
note = "The paper's correction note."
"""

SOURCE = """\
id = "paper"
title = "The Paper"
kind = "article"
publisher = "The Paper"
language = "en"
zone = "America/New_York"

[[revisions]]
id = "original"
published = "2022-04-04T09:00:00"

[[revisions]]
id = "correction"
published = "2022-04-05T11:30:00"

[[excerpts]]
id = "paper-5-3"
revision = "original"
quote = "a 5.3% stake"
stances = { stake-5-3 = "asserts" }

[[excerpts]]
id = "paper-5-1"
revision = "correction"
quote = "An earlier version of this article misstated the stake. It is 5.1%, not 5.3%."
stances = { stake-5-1 = "asserts" }
"""


@pytest.fixture
def book(tmp_path: Path) -> factcheck.Casebook:
    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "claims" / "stake.toml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "sources" / "paper.toml").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "casebook.toml").write_text(
        'reviewer = "The Desk"\nclaim_url = "https://desk.example/claims/"\n', encoding="utf-8")
    return factcheck.load(tmp_path)


class TestCorrected:
    """While the correcting claim stands, the corrected one is ``corrected``."""

    def test_reported_until_corrected(self, book: factcheck.Casebook) -> None:
        """As first published the figure stands; from the correction on it is corrected."""
        assert "reported" == book.status("stake-5-3", "2022-04-05T11:00 America/New_York")
        res = book.status("stake-5-3", "2022-04-05T12:00 America/New_York")
        assert (Status.CORRECTED, "reported") == (res.status, res.support.label)
        assert "reported" == book.status("stake-5-1", "2022-04-05T12:00 America/New_York")

    def test_explained(self, book: factcheck.Casebook) -> None:
        """The sentence names the correction and says wrong, not outdated."""
        res = book.status("stake-5-3", "2022-04-06 America/New_York")
        assert res.explain("Asia/Seoul").startswith(
            "corrected since 2022-04-06 00:30 KST by stake-5-1 (reported by paper): wrong as "
            "published; it was reported (1 origin: paper")
        assert ["corrected-by"] == [r.effect for r in res.relations]
        other = book.status("stake-5-1", "2022-04-06 America/New_York")
        assert ["corrects"] == [r.effect for r in other.relations]

    def test_timeline(self, book: factcheck.Casebook) -> None:
        """Unreported, reported, corrected."""
        assert ["unreported", "reported", "corrected"] == [
            s.value for s in book.timeline("stake-5-3").statuses()]

    def test_relation_loaded_and_saved(self, book: factcheck.Casebook, tmp_path: Path) -> None:
        """``kind = "corrects"`` loads, and saves back as written."""
        assert [RelationKind.CORRECTS] == [r.kind for r in book.relations]
        factcheck.save(book, tmp_path / "copy")
        assert book == factcheck.load(tmp_path / "copy")

    def test_cycle_is_an_error(self, tmp_path: Path) -> None:
        """Two claims correcting each other: a cycle, as for supersedes."""
        (tmp_path / "claims").mkdir()
        (tmp_path / "sources").mkdir()
        (tmp_path / "claims" / "stake.toml").write_text(CLAIMS + """
[[relations]]
kind = "corrects"
from = "stake-5-3"
to = "stake-5-1"
""", encoding="utf-8")
        (tmp_path / "sources" / "paper.toml").write_text(SOURCE, encoding="utf-8")
        codes = [f.code for f in factcheck.load(tmp_path).findings()]
        assert "corrects-cycle" in codes


class TestCountedApart:
    """Reports and the source track record count corrections apart from refutations."""

    def test_track_record(self, book: factcheck.Casebook) -> None:
        """The paper corrected itself: one corrected claim, none refuted."""
        report = build_report(book, "2022-04-06", tz="America/New_York")
        record = next(r for r in report.sources if r.id == "paper")
        assert (1, 0) == (record.count(Status.CORRECTED), record.count(Status.REFUTED))

    @pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
    def test_every_format_says_corrected(self, book: factcheck.Casebook, fmt: str) -> None:
        """Each format names the status."""
        page = factcheck.render_report(book, "2022-04-06", tz="America/New_York", fmt=fmt)
        assert "corrected" in page

    def test_claimreview_rating(self, book: factcheck.Casebook) -> None:
        """ClaimReview rates it Corrected, and names the relation."""
        reviews = {r["url"]: r for r in claimreviews(book, "2022-04-06", "America/New_York")}
        review = reviews["https://desk.example/claims/stake-5-3"]
        assert "Corrected" == review["reviewRating"]["alternateName"]
        assert ["corrected by"] == [r["name"] for r in review["associatedClaimReview"]]


WEIGHT_CLAIMS = CLAIMS + """
[[claims]]
id = "stake-under-5"
kind = "state"
text = "The fund holds less than 5% of Target."
subjects = ["fund", "target"]
claimant = "fund"
valid = "2022-04-04"

[[claims]]
id = "stake-5-2-old"
kind = "state"
text = "The fund held 5.2% of Target last year."
subjects = ["fund", "target"]
claimant = "fund"
valid = "2021-04-04"

[[claims]]
id = "fund-is-insider"
kind = "state"
text = "The fund counts as an insider of Target (over 5%)."
subjects = ["fund", "target"]
claimant = "fund"
valid = "2022-04-04"

[[relations]]
kind = "contradicts"
from = "stake-5-3"
to = "stake-under-5"

[[relations]]
kind = "supersedes"
from = "stake-5-3"
to = "stake-5-2-old"

[[relations]]
kind = "supports"
from = "stake-5-3"
to = "fund-is-insider"
"""

WEIGHT_SOURCES = {
    "wire.toml": """\
id = "wire"
title = "Wire"
kind = "report"
publisher = "Wire"
language = "en"
zone = "America/New_York"

[[revisions]]
id = "r"
published = "2022-04-04T10:00:00"

[[excerpts]]
id = "wire-5-3"
revision = "r"
quote = "5.3%"
stances = { stake-5-3 = "asserts", stake-5-2-old = "asserts" }
""",
    "blog.toml": """\
id = "blog"
title = "Blog"
kind = "blog"
publisher = "Blog"
language = "en"
zone = "America/New_York"

[[revisions]]
id = "r"
published = "2022-04-04T11:00:00"

[[excerpts]]
id = "blog-under-5"
revision = "r"
quote = "under 5%"
stances = { stake-under-5 = "asserts", fund-is-insider = "mentions" }
""",
}


class TestCorrectedCarriesNoWeight:
    """A corrected claim, wrong as published, bears on no other claim, even when its corrector
    is weaker than it was."""

    @pytest.fixture
    def weighty(self, tmp_path: Path) -> factcheck.Casebook:
        (tmp_path / "claims").mkdir()
        (tmp_path / "sources").mkdir()
        (tmp_path / "claims" / "stake.toml").write_text(WEIGHT_CLAIMS, encoding="utf-8")
        (tmp_path / "sources" / "paper.toml").write_text(SOURCE, encoding="utf-8")
        for name, text in WEIGHT_SOURCES.items():
            (tmp_path / "sources" / name).write_text(text, encoding="utf-8")
        return factcheck.load(tmp_path)

    BEFORE, AFTER = "2022-04-05T11:00 America/New_York", "2022-04-05T12:00 America/New_York"

    def test_before_the_correction(self, weighty: factcheck.Casebook) -> None:
        """Corroborated, 5.3% refutes "under 5%", supersedes last year's figure and lifts the
        claim it supports."""
        assert ("corroborated", "refuted", "superseded", "corroborated") == tuple(
            weighty.status(c, self.BEFORE).status.value
            for c in ("stake-5-3", "stake-under-5", "stake-5-2-old", "fund-is-insider"))

    def test_after_the_correction(self, weighty: factcheck.Casebook) -> None:
        """Corrected by a merely reported claim, 5.3% keeps its own strength but refutes,
        supersedes and lifts nothing."""
        res = weighty.status("stake-5-3", self.AFTER)
        assert (Status.CORRECTED, "corroborated") == (res.status, res.support.label)
        assert ("reported", "reported", "unreported") == tuple(
            weighty.status(c, self.AFTER).status.value
            for c in ("stake-under-5", "stake-5-2-old", "fund-is-insider"))

    def test_corrector_names_it(self, weighty: factcheck.Casebook) -> None:
        """The correcting claim's reasons say it corrects; the other relations have no effect."""
        effects = {(r.kind.value, r.other): r.effect
                   for r in weighty.status("stake-under-5", self.AFTER).relations}
        assert {("contradicts", "stake-5-3"): "none"} == effects
        other = weighty.status("stake-5-1", self.AFTER)
        assert ["corrects"] == [r.effect for r in other.relations]

    def test_a_corrected_corrector_corrects_nothing(self, tmp_path: Path) -> None:
        """A corrects B corrects C: B is corrected, so C, whose only corrector is B, stands."""
        claims = CLAIMS + """
[[claims]]
id = "stake-5-0"
kind = "state"
text = "The fund holds 5.0% of Target."
subjects = ["fund", "target"]
claimant = "fund"
valid = "2022-04-04"

[[relations]]
kind = "corrects"
from = "stake-5-0"
to = "stake-5-1"
"""
        source = SOURCE + """
[[excerpts]]
id = "paper-5-0"
revision = "correction"
quote = "5.0%"
stances = { stake-5-0 = "asserts" }
"""
        (tmp_path / "claims").mkdir()
        (tmp_path / "sources").mkdir()
        (tmp_path / "claims" / "stake.toml").write_text(claims, encoding="utf-8")
        (tmp_path / "sources" / "paper.toml").write_text(source, encoding="utf-8")
        book = factcheck.load(tmp_path)
        assert ("reported", "corrected", "reported") == tuple(
            book.status(c, self.AFTER).status.value
            for c in ("stake-5-3", "stake-5-1", "stake-5-0"))

    def test_reference_agrees(self, weighty: factcheck.Casebook) -> None:
        """The reference resolver gives the same statuses at every moment."""
        from tests.reference.resolution import Resolver as Reference

        reference = Reference(weighty)
        for claim in weighty.claims:
            for as_of in (self.BEFORE, self.AFTER):
                assert (reference.status(claim.id, as_of).status
                        == weighty.status(claim.id, as_of).status), claim.id
