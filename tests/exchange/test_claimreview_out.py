"""`factcheck export claimreview`: Google's ClaimReview, checked against a JSON Schema."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pendulum
import pytest

import factcheck
from factcheck import ClaimKind, Status
from factcheck._claimreview import BEST, RATINGS, WORST, claimreviews
from factcheck._cli import main

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2023-11-22"


def schema() -> dict[str, Any]:
    """The ClaimReview schema shipped in the package."""
    text = resources.files("factcheck").joinpath("schemas/claimreview.schema.json").read_text(
        encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def export(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `factcheck export claimreview ...`: exit code, stdout, stderr."""
    code = main(["export", "claimreview", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestSchema:
    """The schema is a valid JSON Schema that tells good reviews from bad ones."""

    def test_is_valid_schema(self) -> None:
        """Draft 2020-12 accepts the schema itself."""
        jsonschema.Draft202012Validator.check_schema(schema())

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (["claimReviewed"], None),
            (["reviewRating", "alternateName"], None),
            (["url"], None),
            (["url"], "javascript:alert(1)"),
            (["reviewRating", "worstRating"], 0),
            (["itemReviewed", "author"], None),
            (["datePublished"], "21 November 2023"),
            (["@type"], "Review"),
        ],
    )
    def test_rejects(self, path: list[str], value: object) -> None:
        """A review missing what Google requires, or with a bad value, is refused."""
        review = claimreviews(factcheck.load(ROOT), AS_OF)[0]
        target = review
        for key in path[:-1]:
            target = target[key]
        if value is None:
            del target[path[-1]]
        else:
            target[path[-1]] = value

        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(review, schema())


class TestShipped:
    """The shipped casebook's export."""

    def test_passes_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every review has what Google requires and recommends."""
        code, out, err = export(capsys, str(ROOT), "--as-of", AS_OF)

        assert (0, "") == (code, err)
        jsonschema.validate(json.loads(out), schema())

    def test_one_review_per_reported_checkable_claim(self) -> None:
        """Opinions and claims unreported by the time are left out; the rest are in, by id."""
        casebook = factcheck.load(ROOT)
        statuses = casebook.statuses(AS_OF)
        expected = sorted(
            c for c, r in statuses.items()
            if r.status is not Status.UNREPORTED
            and casebook.claim(c).kind is not ClaimKind.OPINION)
        reviews = claimreviews(casebook, AS_OF)

        assert expected == [r["url"].rsplit("/", 1)[-1] for r in reviews]
        assert all(r["url"].startswith(casebook.settings.claim_url or "?") for r in reviews)

    def test_rating_is_the_status(self) -> None:
        """Each rating is the status's, on the 1-5 scale, with the verdict Google shows."""
        casebook = factcheck.load(ROOT)
        statuses = casebook.statuses(AS_OF)
        for review in claimreviews(casebook, AS_OF):
            status = statuses[review["url"].rsplit("/", 1)[-1]].status
            rating = review["reviewRating"]
            assert RATINGS[status].alternate_name == rating["alternateName"]
            assert (WORST, RATINGS[status].value, BEST) == (
                rating["worstRating"], rating["ratingValue"], rating["bestRating"])

    def test_claim_author_and_appearances(self) -> None:
        """itemReviewed names the claimant, and the sources asserting the claim, first first."""
        casebook = factcheck.load(ROOT)
        review = next(r for r in claimreviews(casebook, AS_OF)
                      if r["url"].endswith("/altman-joins-microsoft"))
        item = review["itemReviewed"]

        assert {"@type": "Organization", "name": "Microsoft"} == item["author"]
        assert item["appearance"][0] == item["firstAppearance"]
        dates = [a["datePublished"] for a in item["appearance"]]
        assert dates[0] == item["datePublished"]
        assert "superseded" == casebook.status("altman-joins-microsoft", AS_OF)
        assert "Outdated" == review["reviewRating"]["alternateName"]
        assert {"@type": "ClaimReview", "url": review["url"].replace(
            "altman-joins-microsoft", "altman-returns-as-ceo"), "name": "superseded by"} in (
            review["associatedClaimReview"])

    def test_author_means_first_party(self) -> None:
        """A work has an author only when it speaks for a party to the claim; each names its
        publisher."""
        casebook = factcheck.load(ROOT)
        review = next(r for r in claimreviews(casebook, AS_OF)
                      if r["url"].endswith("/board-agreed-in-principle"))
        verge = review["itemReviewed"]["firstAppearance"]
        review = next(r for r in claimreviews(casebook, AS_OF)
                      if r["url"].endswith("/altman-joins-microsoft"))
        works = review["itemReviewed"]["appearance"]

        assert {"@type": "Organization", "name": "The Verge"} == verge["publisher"]
        assert "author" not in verge
        assert {"@type": "Organization", "name": "Microsoft"} in [w.get("author") for w in works]
        assert all("publisher" in w for w in works)

    @pytest.mark.parametrize("tz", ["Asia/Seoul", "America/Los_Angeles"])
    def test_day_in_its_zone(self, tz: str) -> None:
        """A work published on a day gives the date alone, and the day's start and end with the
        offsets of its own zone, whatever zone the export shows."""
        casebook = factcheck.load(ROOT)
        review = next(r for r in claimreviews(casebook, AS_OF, tz)
                      if r["url"].endswith("/devday-on-nov-6"))
        work = review["positiveNotes"]["itemListElement"][0]["item"]

        assert "OpenAI" == work["author"]["name"]
        assert "2023-11-06" == work["datePublished"]
        assert {"@type": "PublicationEvent", "startDate": "2023-11-06T00:00:00-08:00",
                "endDate": "2023-11-07T00:00:00-08:00"} == work["publication"]

    def test_deterministic(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The same casebook and arguments give the same bytes."""
        first = export(capsys, str(ROOT), "--as-of", AS_OF)
        second = export(capsys, str(ROOT), "--as-of", AS_OF)

        assert first == second

    def test_zones(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--tz reads the as-of and shows the times: Seoul and Los Angeles, the same instants."""
        _, seoul, _ = export(capsys, str(ROOT), "--as-of", "2023-11-21T12:00+09:00",
                             "--tz", "Asia/Seoul")
        _, la, _ = export(capsys, str(ROOT), "--as-of", "2023-11-21T12:00+09:00",
                          "--tz", "America/Los_Angeles")
        seoul_dates = [pendulum.parse(r["datePublished"]) for r in json.loads(seoul)]
        la_dates = [pendulum.parse(r["datePublished"]) for r in json.loads(la)]
        assert seoul_dates == la_dates
        assert all(r["datePublished"].endswith("+09:00") for r in json.loads(seoul))
        assert all(r["datePublished"][-6:] in ("-08:00", "-07:00") for r in json.loads(la))


class TestSettings:
    """The reviewer and the claims' page come from casebook.toml."""

    def test_missing(self, capsys: pytest.CaptureFixture[str], shipped_copy: Path) -> None:
        """Without `reviewer` and `claim_url`, the export says which keys to set, exit 2."""
        settings = shipped_copy / "casebook.toml"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(re.sub(r"(?m)^(reviewer|claim_url) = .*\n", "", text),
                            encoding="utf-8")
        code, out, err = export(capsys, str(shipped_copy), "--as-of", AS_OF)

        assert (2, "") == (code, out)
        assert "casebook.toml: a ClaimReview needs `reviewer` and `claim_url`" in err

    def test_used(self, shipped_copy: Path) -> None:
        """The reviewer's name and URL are the author; claim_url + id is each review's url."""
        settings = shipped_copy / "casebook.toml"
        text = settings.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^reviewer = .*$", 'reviewer = "Desk"', text)
        text = re.sub(r"(?m)^claim_url = .*$", 'claim_url = "https://desk.example/c/"', text)
        settings.write_text(text, encoding="utf-8")
        review = claimreviews(factcheck.load(shipped_copy), AS_OF)[0]

        assert "Desk" == review["author"]["name"]
        assert review["url"].startswith("https://desk.example/c/")

    def test_needs_as_of(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --as-of: a one-line usage error, exit 2."""
        code, _, err = export(capsys, str(ROOT))

        assert 2 == code
        assert "export claimreview needs --as-of" in err


class TestDocs:
    """The status-to-rating table of docs/ecosystem.md is the one the code uses."""

    def test_table(self) -> None:
        """Every row of the docs' table matches RATINGS, and every status of RATINGS has a row."""
        text = (ROOT / "docs" / "ecosystem.md").read_text(encoding="utf-8")
        rows = re.findall(r"^\| `(\w+)` \| (.+?) \| (\d) \| (.+?) \|$", text, re.MULTILINE)
        documented = {Status(s): (name, int(v)) for s, name, v, _ in rows}
        expected = {s: (r.alternate_name, r.value) for s, r in RATINGS.items()}

        assert expected == documented
