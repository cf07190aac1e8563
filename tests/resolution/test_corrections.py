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
