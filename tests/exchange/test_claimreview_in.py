"""`factcheck import claimreview`: fact-checkers' verdicts into a casebook, and the round trip."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck import Stance
from factcheck._claimreview import claimreviews, date_text, day_span
from factcheck._claimreview_in import _STANDING, STANCES
from factcheck._cli import main

from .conftest import ROOT, copy_shipped, files_of

AS_OF = "2023-11-22"


def review(**changes: Any) -> dict[str, Any]:
    """A fact-checker's review as feeds publish them (a PolitiFact-like one)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checker.example/2023/11/20/board-will-resign/",
        "claimReviewed": "The board will resign and bring Altman back.",
        "datePublished": "2023-11-20T09:00:00-08:00",
        "author": {"@type": "Organization", "name": "Checker", "url": "https://checker.example"},
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 6, "worstRating": 1,
                         "alternateName": "Pants on Fire"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "A Korean newsletter"},
            "datePublished": "2023-11-19",
            "appearance": ["https://newsletter.example/8"],
        },
    }
    data.update(changes)
    return data


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run factcheck; exit code, stdout, stderr."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(path: Path, data: Any) -> Path:
    """``data`` as a JSON file."""
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


class TestForms:
    """One object, a list, or a DataFeed: the same reviews."""

    @pytest.mark.parametrize("form", ["object", "list", "feed", "feed-items"])
    def test_form(self, tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str) -> None:
        """Each form imports the review: a fact-check source refuting a new claim."""
        wrapped: Any = {
            "object": review(),
            "list": [review()],
            "feed": {"@context": "https://schema.org", "@type": "DataFeed",
                     "dataFeedElement": [review()]},
            "feed-items": {"@type": "DataFeed", "dataFeedElement": [
                {"@type": "DataFeedItem", "item": review()}]},
        }[form]
        code, _, err = run(capsys, "import", "claimreview", write(tmp_path / "in.json", wrapped),
                           "--into", tmp_path / "book", "--tz", "Asia/Seoul")
        casebook = factcheck.load(tmp_path / "book")

        assert 0 == code, err
        assert ["board-will-resign"] == [c.id for c in casebook.claims]
        checks = [s for s in casebook.sources if s.kind is factcheck.SourceKind.FACT_CHECK]
        assert ["Checker"] == [s.publisher for s in checks]
        assert Stance.REFUTES == checks[0].excerpts[0].stances["board-will-resign"]
        assert "Pants on Fire" == checks[0].excerpts[0].quote
        assert [] == [f.line() for f in casebook.findings()
                      if f.severity is factcheck.Severity.ERROR]


class TestIntoExisting:
    """Into a casebook that has the claim: matched, not added."""

    def test_matched_by_claim_url(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  shipped_copy: Path) -> None:
        """A review whose url is claim_url + id adds evidence to that claim; nothing else moves."""
        before = factcheck.load(shipped_copy)
        url = f"{before.settings.claim_url}board-accepts-demands"
        data = review(url=url, reviewRating={"@type": "Rating", "alternateName": "False"})
        code, _, err = run(capsys, "import", "claimreview", write(tmp_path / "in.json", data),
                           "--into", shipped_copy)
        after = factcheck.load(shipped_copy)

        assert 0 == code, err
        assert before.claims == after.claims
        assert len(before.sources) + 2 == len(after.sources)  # the review and the appearance
        assert "refuted" == after.status("board-accepts-demands", AS_OF)

    def test_idempotent(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                        shipped_copy: Path) -> None:
        """Importing the same file twice changes nothing the second time."""
        source = write(tmp_path / "in.json", [review(), review(
            url="https://checker.example/other/", claimReviewed="Altman returns as CEO.",
            reviewRating={"@type": "Rating", "alternateName": "True"})])
        run(capsys, "import", "claimreview", source, "--into", shipped_copy)
        once = files_of(shipped_copy)
        code, _, err = run(capsys, "import", "claimreview", source, "--into", shipped_copy)

        assert 0 == code
        assert "nothing to change" in err
        assert once == files_of(shipped_copy)


def pair(false_relation: str | None, other_verdict: str) -> list[dict[str, Any]]:
    """Two reviews from one fact-checker: a claim rated False that one outlet asserts, and the
    claim that contradicts it, rated ``other_verdict`` and asserted by a company's own post."""
    base = "https://checker.example/claims/"
    rated_false = review(
        url=base + "board-accepts", claimReviewed="The board accepted the demands.",
        datePublished="2023-11-20T16:53:28+09:00",
        reviewRating={"@type": "Rating", "alternateName": "False"},
        itemReviewed={"@type": "Claim", "author": {"@type": "Organization", "name": "Newsletter"},
                      "about": [{"@type": "Organization", "name": "Board"}],
                      "temporalCoverage": "2023-11-18",
                      "appearance": [{"@type": "CreativeWork", "url": "https://news.example/1",
                                      "author": {"@type": "Organization", "name": "Daily"},
                                      "datePublished": "2023-11-19T08:00:00+09:00"}]})
    if false_relation:
        rated_false["associatedClaimReview"] = [{"@type": "ClaimReview",
                                                 "url": base + "joins-microsoft",
                                                 "name": false_relation}]
    other = review(
        url=base + "joins-microsoft", claimReviewed="Altman joins Microsoft.",
        datePublished="2023-11-20T16:53:28+09:00",
        reviewRating={"@type": "Rating", "alternateName": other_verdict},
        itemReviewed={"@type": "Claim", "author": {"@type": "Organization", "name": "Microsoft"},
                      "about": [{"@type": "Organization", "name": "Microsoft"}],
                      "temporalCoverage": "2023-11-19T23:53:00-08:00",
                      "appearance": [{"@type": "CreativeWork", "url": "https://x.example/nadella",
                                      "author": {"@type": "Organization", "name": "Microsoft"},
                                      "datePublished": "2023-11-20T16:53:28+09:00"}]})
    return [rated_false, other]


class TestFalseVerdict:
    """A False verdict is the fact-checker's refutation, resting on the reasons its review gives."""

    def status(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
               reviews: list[dict[str, Any]]) -> factcheck.Resolution:
        """Import ``reviews`` into an empty casebook; the False claim's status as of 22 Nov."""
        code, _, err = run(capsys, "import", "claimreview", write(tmp_path / "in.json", reviews),
                           "--into", tmp_path / "book", "--tz", "Asia/Seoul")
        assert 0 == code, err
        return factcheck.load(tmp_path / "book").status("board-accepts", f"{AS_OF} Asia/Seoul")

    @pytest.mark.parametrize("name", ["contradicted by", "contradicts"])
    def test_prevailing_claim_relayed(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      name: str) -> None:
        """Contradicted by a claim rated True, the verdict relays that claim's evidence: refuted
        from the review's date, by the fact-checker and the work it rests on."""
        resolution = self.status(tmp_path, capsys, pair(name, "True"))

        assert factcheck.Status.REFUTED == resolution.status
        assert "2023-11-20T16:53:28+09:00" == resolution.since.isoformat()
        assert ["Checker", "Microsoft"] == sorted({e.origin for e in resolution.evidence
                                                  if e.stance is Stance.REFUTES})

    @pytest.mark.parametrize(("relayed_author", "expected"), [
        ("Microsoft", factcheck.Status.DISPUTED), ("Board", factcheck.Status.REFUTED)])
    def test_against_corroboration(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   relayed_author: str, expected: factcheck.Status) -> None:
        """Against two independent outlets the relayed evidence prevails only when a relayed work
        is first-party to the refuted claim (here: the board's own word), as docs say."""
        reviews = pair("contradicted by", "True")
        item = reviews[0]["itemReviewed"]
        item["appearance"].append({**item["appearance"][0], "url": "https://other.example/2",
                                   "author": {"@type": "Organization", "name": "Other"}})
        reviews[1]["itemReviewed"]["appearance"][0]["author"]["name"] = relayed_author
        reviews[1]["itemReviewed"]["about"].append({"@type": "Organization", "name": "Board"})

        assert expected == self.status(tmp_path, capsys, reviews).status

    def test_other_claim_not_standing(self, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
        """A contradicting claim that is itself rated Disputed gives the verdict nothing to rest
        on: one origin against one, disputed."""
        resolution = self.status(tmp_path, capsys, pair("contradicted by", "Disputed"))

        assert factcheck.Status.DISPUTED == resolution.status

    def test_no_relation_named(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Without a contradicting claim named, the verdict stands alone: disputed."""
        resolution = self.status(tmp_path, capsys, pair(None, "True"))

        assert factcheck.Status.DISPUTED == resolution.status


def day_work(day: str, start: str, end: str) -> dict[str, Any]:
    """A review whose one appearance was published on ``day``, the span that the export writes."""
    return review(itemReviewed={
        "@type": "Claim", "author": {"@type": "Organization", "name": "A Korean newsletter"},
        "temporalCoverage": "2023-11-04",
        "appearance": [{"@type": "CreativeWork", "url": "https://blog.example/post",
                        "author": {"@type": "Organization", "name": "Blog"},
                        "datePublished": day,
                        "publication": {"@type": "PublicationEvent", "startDate": start,
                                        "endDate": end}}]})


class TestFirstParty:
    """A work speaks for a party to the claim only when the party is its author."""

    @pytest.mark.parametrize(("key", "expected"), [("author", ("a-korean-newsletter",)),
                                                   ("publisher", ())])
    def test_author_or_publisher(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 key: str, expected: tuple[str, ...]) -> None:
        """The claimant as the work's author is first-party; as its publisher it is an outlet."""
        data = review()
        data["itemReviewed"]["appearance"] = [{
            "@type": "CreativeWork", "url": "https://newsletter.example/8",
            key: {"@type": "Organization", "name": "A Korean newsletter"}}]
        code, _, err = run(capsys, "import", "claimreview", write(tmp_path / "in.json", data),
                           "--into", tmp_path / "book", "--tz", "Asia/Seoul")
        casebook = factcheck.load(tmp_path / "book")
        work = next(s for s in casebook.sources if s.url == "https://newsletter.example/8")

        assert 0 == code, err
        assert "A Korean newsletter" == work.publisher
        assert expected == work.speaks_for


class TestDay:
    """A date alone is read as a day in the zone its publication span shows, not in --tz."""

    def published(self, tmp_path: Path, capsys: pytest.CaptureFixture[str], data: Any,
                  tz: str) -> tuple[int, str, factcheck.Source | None]:
        """Import ``data`` with ``--tz tz``; exit code, stderr and the appearance's source."""
        code, _, err = run(capsys, "import", "claimreview", write(tmp_path / "in.json", data),
                           "--into", tmp_path / "book", "--tz", tz)
        if code:
            return code, err, None
        casebook = factcheck.load(tmp_path / "book")
        return code, err, next(s for s in casebook.sources if s.publisher == "Blog")

    @pytest.mark.parametrize("tz", ["Asia/Seoul", "America/Los_Angeles"])
    def test_own_zone(self, tmp_path: Path, capsys: pytest.CaptureFixture[str], tz: str) -> None:
        """A Pacific day is that day in Los Angeles, whether imported in Seoul or there."""
        data = day_work("2023-11-06", "2023-11-06T00:00:00-08:00", "2023-11-07T00:00:00-08:00")
        code, err, source = self.published(tmp_path, capsys, data, tz)

        assert 0 == code, err
        assert source is not None
        when = source.revisions[0].published
        assert "day" == when.precision.value
        assert "2023-11-07T08:00:00+00:00" == when.known_from.in_timezone("UTC").isoformat()

    def test_change_of_offset(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The day daylight saving ends in Los Angeles (25 hours) is found in a zone that has it,
        and exports as it came."""
        span = ("2023-11-05T00:00:00-07:00", "2023-11-06T00:00:00-08:00")
        code, err, source = self.published(tmp_path, capsys, day_work("2023-11-05", *span),
                                           "Asia/Seoul")

        assert 0 == code, err
        assert source is not None
        when = source.revisions[0].published
        assert span == (when.start.isoformat(), when.end.isoformat())
        assert "2023-11-05" == date_text(when)
        assert {"@type": "PublicationEvent", "startDate": span[0], "endDate": span[1]} == (
            day_span(when))

    def test_span_not_the_day(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A span that is not the day's start and end is reported at its key path."""
        data = day_work("2023-11-06", "2023-11-06T00:00:00-08:00", "2023-11-06T12:00:00-08:00")
        code, err, _ = self.published(tmp_path, capsys, data, "Asia/Seoul")

        assert 1 == code
        assert "itemReviewed.appearance[0].publication" in err
        assert "does not run from" in err

    def test_no_span(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Without a span, as fact-checkers' feeds publish, a date alone is a day in --tz."""
        data = day_work("2023-11-06", "", "")
        del data["itemReviewed"]["appearance"][0]["publication"]
        code, err, source = self.published(tmp_path, capsys, data, "Asia/Seoul")

        assert 0 == code, err
        assert source is not None
        assert "2023-11-06T15:00:00+00:00" == (
            source.revisions[0].published.known_from.in_timezone("UTC").isoformat())


class TestProblems:
    """Bad input: clear lines naming the file and where, no traceback, nothing written."""

    def test_unknown_rating(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown verdict is reported and its review left out; the others come in; exit 1."""
        data = [review(), review(url="https://checker.example/x/", claimReviewed="Something else.",
                                 reviewRating={"@type": "Rating", "ratingValue": 2,
                                               "alternateName": "Sort of"})]
        code, _, err = run(capsys, "import", "claimreview", write(tmp_path / "in.json", data),
                           "--into", tmp_path / "book", "--tz", "UTC")

        assert 1 == code
        assert "in.json: [1].reviewRating.alternateName: unknown rating 'Sort of'" in err
        assert ["board-will-resign"] == [c.id for c in factcheck.load(tmp_path / "book").claims]

    def test_not_json(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Not JSON: the line and column, exit 2."""
        bad = tmp_path / "in.json"
        bad.write_text('[\n  {"@type": "ClaimReview",,}\n]', encoding="utf-8")
        code, _, err = run(capsys, "import", "claimreview", bad, "--into", tmp_path / "book",
                           "--tz", "UTC")

        assert 2 == code
        assert f"{bad}:2:" in err
        assert "Traceback" not in err
        assert not (tmp_path / "book").exists()

    def test_missing_fields(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Every missing field of every review is named with its key path; nothing is written."""
        first = review()
        del first["claimReviewed"]
        second = review(datePublished="last Tuesday")
        code, _, err = run(capsys, "import", "claimreview",
                           write(tmp_path / "in.json", [first, second]),
                           "--into", tmp_path / "book", "--tz", "UTC")

        assert 1 == code
        assert "[0].claimReviewed: missing: expected the claim reviewed, as text" in err
        assert "[1].datePublished: " in err
        assert [] == list((tmp_path / "book" / "claims").iterdir())

    def test_not_a_review(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Something else than a ClaimReview is named."""
        code, _, err = run(capsys, "import", "claimreview",
                           write(tmp_path / "in.json", {"@type": "Article"}),
                           "--into", tmp_path / "book", "--tz", "UTC")

        assert 1 == code
        assert "expected a ClaimReview, a list of them, or a DataFeed" in err

    def test_no_zone(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Into a casebook without a zone, and no --tz: refused, never read as UTC."""
        code, _, err = run(capsys, "import", "claimreview", write(tmp_path / "in.json", review()),
                           "--into", tmp_path / "book")

        assert 1 == code
        assert "give one with --tz" in err


class TestRoundTrip:
    """Shipped casebook -> ClaimReview -> empty casebook -> ClaimReview: the same reviews."""

    @pytest.mark.parametrize("tz", ["Asia/Seoul", "America/Los_Angeles"])
    @pytest.mark.parametrize("into_tz", ["Asia/Seoul", "America/Los_Angeles"])
    def test_same_reviews(self, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          tz: str, into_tz: str) -> None:
        """Every review comes back equal, False verdicts and days included (see docs).

        Exported in either zone and imported in either: a day published in Los Angeles (OpenAI's
        DevDay post) or in Seoul (the newsletters) is read back in its own zone, whatever --tz."""
        first = tmp_path / "first.json"
        assert 0 == run(capsys, "export", "claimreview", ROOT, "--as-of", AS_OF, "--tz", tz,
                        "-o", first)[0]
        book = tmp_path / "book"
        code, _, err = run(capsys, "import", "claimreview", first, "--into", book,
                           "--tz", into_tz)
        assert 0 == code, err
        shutil.copy(ROOT / "casebook.toml", book)  # the reviewer and claim_url settings
        imported = factcheck.load(book)
        again = claimreviews(imported, AS_OF, tz)
        original = json.loads(first.read_text(encoding="utf-8"))

        assert 80 == len(original)  # one review per checkable claim of the shipped casebook
        assert original == again
        assert [] == [f.line() for f in imported.findings()
                      if f.severity is factcheck.Severity.ERROR]

    def test_order_of_reviews(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The reviews in reverse order, or shuffled, write the same bytes (a work several
        reviews name speaks for the parties of each, whichever comes first)."""
        first = tmp_path / "first.json"
        run(capsys, "export", "claimreview", ROOT, "--as-of", AS_OF, "-o", first)
        reviews = json.loads(first.read_text(encoding="utf-8"))
        shuffled = list(reviews)
        random.Random(15).shuffle(shuffled)
        orders = {"a": first, "b": write(tmp_path / "reverse.json", reviews[::-1]),
                  "c": write(tmp_path / "shuffled.json", shuffled)}
        for name, data in orders.items():
            assert 0 == run(capsys, "import", "claimreview", data, "--into", tmp_path / name,
                            "--tz", "Asia/Seoul")[0]

        assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
        assert files_of(tmp_path / "a") == files_of(tmp_path / "c")

    def test_import_twice_same_files(self, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
        """The round trip's import, run again, changes no byte."""
        first = tmp_path / "first.json"
        run(capsys, "export", "claimreview", ROOT, "--as-of", AS_OF, "-o", first)
        book = copy_shipped(tmp_path / "book")
        run(capsys, "import", "claimreview", first, "--into", book)
        once = files_of(book)
        run(capsys, "import", "claimreview", first, "--into", book)

        assert once == files_of(book)


class TestDocs:
    """The verdicts docs/ecosystem.md maps are the ones the code maps."""

    def test_stance_table(self) -> None:
        """Each verdict of the docs' table has the stance STANCES gives it, and none is missing."""
        text = (ROOT / "docs" / "ecosystem.md").read_text(encoding="utf-8")
        rows = re.findall(r"^  \| ([A-Z][^|`]+?) \| `(\w+)` \|$", text, re.MULTILINE)
        documented = {v.strip().lower(): Stance(stance) for names, stance in rows
                      for v in names.split(",")}

        assert STANCES == documented

    def test_standing(self) -> None:
        """The verdicts a contradicting claim stands by are those docs name."""
        text = " ".join((ROOT / "docs" / "ecosystem.md").read_text(encoding="utf-8").split())
        supports = {v for v, stance in STANCES.items() if stance is Stance.SUPPORTS}

        assert "a verdict that is `supports` in the table above, or Unproven or Outdated" in text
        assert supports | {"unproven", "outdated"} == _STANDING
