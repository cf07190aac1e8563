"""Paraphrase is not quotation: it counts, is never checked against a snapshot, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck

CLAIMS = """\
zone = "UTC"

[[stakeholders]]
id = "acme"
name = "Acme"
kind = "organisation"

[[claims]]
id = "ceo-resigns"
kind = "event"
text = "Acme's CEO resigns."
subjects = ["acme"]
claimant = "acme"
valid = "2024-05-01"
"""

SOURCE = """\
id = "wire"
title = "Wire"
kind = "report"
publisher = "Wire"
language = "en"
zone = "UTC"
snapshot = "sources/wire.txt"

[[revisions]]
id = "r"
published = "2024-05-01T12:00:00"

[[excerpts]]
id = "wire-summary"
revision = "r"
quote = "The chief executive told staff she would step down."
verbatim = false
stances = { ceo-resigns = "asserts" }
"""


def _book(tmp_path: Path, source: str = SOURCE) -> Path:
    (tmp_path / "claims").mkdir(parents=True)
    (tmp_path / "sources").mkdir()
    (tmp_path / "claims" / "ceo.toml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "sources" / "wire.toml").write_text(source, encoding="utf-8")
    (tmp_path / "sources" / "wire.txt").write_text("Nothing here is the summary's words.\n",
                                                   encoding="utf-8")
    return tmp_path


class TestParaphrase:
    """An excerpt marked ``verbatim = false``."""

    def test_counts_as_evidence(self, tmp_path: Path) -> None:
        """It supports the claim like a quote."""
        book = factcheck.load(_book(tmp_path))
        assert "reported" == book.status("ceo-resigns", "2024-05-02 UTC")

    def test_never_checked_against_the_snapshot(self, tmp_path: Path) -> None:
        """Its words are not the page's: no quote-not-found, though the page lacks them."""
        book = factcheck.load(_book(tmp_path))
        assert [] == [f.line() for f in book.findings()]
        verbatim = factcheck.load(_book(tmp_path / "v", SOURCE.replace("verbatim = false\n", "")))
        assert ["quote-not-found"] == [f.code for f in verbatim.findings()]

    @pytest.mark.parametrize(("fmt", "shown"), [
        ("text", "asserts [en]: paraphrase: The chief executive"),
        ("markdown", "**asserts** (en): *paraphrase:* The chief executive"),
        ("html", '<p class="paraphrase" lang="en"><span class="muted">paraphrase:</span> The'),
        ("json", '"verbatim": false'),
    ])
    def test_shown_as_paraphrase(self, tmp_path: Path, fmt: str, shown: str) -> None:
        """Every report format says it is a paraphrase, and no format quotes it."""
        book = factcheck.load(_book(tmp_path))
        page = factcheck.render_report(book, "2024-05-02", tz="UTC", fmt=fmt)
        assert shown in page
        assert "“The chief executive" not in page
        if fmt != "json":  # JSON writes every string in quotation marks; "verbatim" tells
            assert '"The chief executive' not in page

    def test_saved_and_loaded(self, tmp_path: Path) -> None:
        """Saving keeps ``verbatim = false``; a verbatim excerpt writes nothing for it."""
        book = factcheck.load(_book(tmp_path / "a"))
        factcheck.save(book, tmp_path / "b")
        assert "verbatim = false" in (tmp_path / "b" / "sources" / "wire.toml").read_text("utf-8")
        assert book == factcheck.load(tmp_path / "b")

    def test_json_lines(self, tmp_path: Path) -> None:
        """JSON Lines takes ``"verbatim": false`` too."""
        root = _book(tmp_path)
        (root / "sources" / "wire.toml").unlink()
        (root / "sources" / "wire.jsonl").write_text(
            '{"id": "wire", "title": "Wire", "kind": "report", "publisher": "Wire", '
            '"language": "en", "zone": "UTC", "revisions": [{"id": "r", "published": '
            '"2024-05-01T12:00:00"}], "excerpts": [{"id": "e", "revision": "r", "quote": "a '
            'summary", "verbatim": false, "stances": {"ceo-resigns": "asserts"}}]}\n',
            encoding="utf-8")
        book = factcheck.load(root)
        assert [False] == [e.verbatim for e in book.excerpts()]

    @pytest.mark.parametrize(("flag", "says"), [
        ("", "an excerpt's quote is empty"),
        ("verbatim = false\n", "an excerpt's paraphrase is empty"),
    ])
    def test_empty_is_an_error(self, tmp_path: Path, flag: str, says: str) -> None:
        """An empty quote is an error, and so is an empty paraphrase."""
        source = SOURCE.replace("verbatim = false\n", flag).replace(
            'quote = "The chief executive told staff she would step down."', 'quote = "  "')
        with pytest.raises(factcheck.LoadError) as raised:
            factcheck.load(_book(tmp_path, source))
        assert says in str(raised.value)
