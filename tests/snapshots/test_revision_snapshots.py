"""Snapshots per revision: quotes checked against their own revision's page, prefix and suffix."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import factcheck
from factcheck._textnorm import fold, folded, occurrences

SOURCE = '''\
id = "page"
title = "A page updated in place"
kind = "article"
publisher = "Daily"
language = "en"
zone = "Asia/Seoul"

[[revisions]]
id = "original"
published = "2023-11-19"
snapshot = "sources/snapshots/page-1.txt"
{sha1}

[[revisions]]
id = "update"
published = "2023-11-20"
snapshot = "sources/snapshots/page-2.{ext}"

[[excerpts]]
id = "old"
revision = "original"
quote = "The board will resign."
withdrawn_in = "update"
stances = {{ c1 = "asserts" }}

[[excerpts]]
id = "new"
revision = "update"
quote = "The board stays."
{pin}
stances = {{ c1 = "refutes" }}
'''

CLAIMS = '''\
[[stakeholders]]
id = "board"
name = "Board"
kind = "group"

[[claims]]
id = "c1"
kind = "event"
text = "The board resigns."
subjects = ["board"]
claimant = "board"
valid = "2023-11-19 Asia/Seoul"
'''

PAGE_1 = "Headline\nThe board will\nresign. Staff cheer.\n"
PAGE_2 = "Headline\nThe board stays. Staff leave.\n"


def _book(tmp_path: Path, *, page_2: str = PAGE_2, ext: str = "txt", pin: str = "",
          sha1: bool = True, page_1: str = PAGE_1) -> Path:
    root = tmp_path / "book"
    (root / "sources" / "snapshots").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "sources" / "snapshots" / "page-1.txt").write_text(page_1, "utf-8")
    (root / "sources" / "snapshots" / f"page-2.{ext}").write_text(page_2, "utf-8")
    digest = hashlib.sha256(PAGE_1.encode()).hexdigest()
    (root / "sources" / "page.toml").write_text(SOURCE.format(
        ext=ext, pin=pin, sha1=f'sha256 = "{digest}"' if sha1 else ""), "utf-8")
    (root / "claims" / "c.toml").write_text(CLAIMS, "utf-8")
    return root


def _snapshot_findings(root: Path) -> list[tuple[str, str | None, str]]:
    return [(f.code, f.path, f.message) for f in factcheck.load(root).findings()
            if f.code.startswith(("snapshot", "quote"))]


class TestRevisionSnapshots:
    """Each quote is checked against the page of its own revision."""

    def test_each_quote_found_in_its_own_page(self, tmp_path):
        """The withdrawn quote is in the original's page only, the new one in the update's: no
        finding, though neither page holds both."""
        assert [] == _snapshot_findings(_book(tmp_path))

    def test_quote_missing_from_its_page(self, tmp_path):
        """A quote not in its own revision's page is an error at that excerpt."""
        root = _book(tmp_path, page_2="Headline\nThe board stays on. Staff leave.\n")

        assert [("quote-not-found", "excerpts[1].quote",
                 "excerpt new: the quote is not in snapshot sources/snapshots/page-2.txt")] == \
            _snapshot_findings(root)

    def test_changed_snapshot_is_a_finding(self, tmp_path):
        """A revision's snapshot that no longer matches its sha256 is an error, and its quotes
        are not checked against it."""
        root = _book(tmp_path, page_1="Headline\nSomething else entirely.\n")

        assert [("snapshot-changed", "revisions[0].sha256",
                 "snapshot sources/snapshots/page-1.txt does not match the recorded sha256: the "
                 "text is not the one the excerpts were quoted from")] == _snapshot_findings(root)

    def test_missing_snapshot_is_said(self, tmp_path):
        """A revision's snapshot that is not there is said, at that revision."""
        root = _book(tmp_path)
        (root / "sources" / "snapshots" / "page-2.txt").unlink()

        assert [("snapshot-missing", "revisions[1].snapshot",
                 "snapshot sources/snapshots/page-2.txt is not available: quotes not verified")] \
            == _snapshot_findings(root)

    def test_bad_sha256_is_refused(self, tmp_path):
        """A revision's sha256 that is not 64 hex digits is a load error naming its key."""
        root = _book(tmp_path)
        text = (root / "sources" / "page.toml").read_text("utf-8")
        (root / "sources" / "page.toml").write_text(
            text.replace('snapshot = "sources/snapshots/page-2.txt"',
                         'snapshot = "sources/snapshots/page-2.txt"\nsha256 = "abc"'), "utf-8")

        with pytest.raises(factcheck.LoadError) as caught:
            factcheck.load(root)

        assert ["revisions[1].sha256"] == [p.path for p in caught.value.findings]

    def test_snapshot_outside_the_casebook_is_refused(self, tmp_path):
        """A revision's snapshot path leaving the casebook folder is a load error at its key."""
        root = _book(tmp_path)
        text = (root / "sources" / "page.toml").read_text("utf-8")
        (root / "sources" / "page.toml").write_text(
            text.replace('"sources/snapshots/page-2.txt"', '"../page-2.txt"'), "utf-8")

        with pytest.raises(factcheck.LoadError) as caught:
            factcheck.load(root)

        assert [("invalid-path", "revisions[1].snapshot")] == [
            (p.code, p.path) for p in caught.value.findings]

    def test_html_snapshot_read_by_its_main_text(self, tmp_path):
        """An HTML page's main text is what quotes are checked against."""
        html = ("<html><body><nav>Home About Subscribe</nav><article><h1>Headline</h1>"
                "<p>The board stays. Staff leave, and the story goes on for a while longer.</p>"
                "</article><footer>Share article</footer></body></html>")
        root = _book(tmp_path, page_2=html, ext="html")

        assert [] == _snapshot_findings(root)

    def test_html_text_kept_beside_wins(self, tmp_path):
        """Text kept beside an HTML snapshot is read instead of extracting again."""
        root = _book(tmp_path, page_2="<html><body><p>The board stays.</p></body></html>",
                     ext="html")
        (root / "sources" / "snapshots" / "page-2.html.txt").write_text("Nothing here.", "utf-8")

        assert ["quote-not-found"] == [c for c, _, _ in _snapshot_findings(root)]

    def test_saved_elsewhere_with_its_snapshots(self, tmp_path):
        """Saving to another folder copies every revision's snapshot along."""
        root = _book(tmp_path)

        factcheck.save(factcheck.load(root), tmp_path / "copy")

        assert [] == _snapshot_findings(tmp_path / "copy")


class TestPrefixSuffix:
    """Prefix and suffix pin a quote that occurs more than once."""

    def test_pinned_quote_found(self, tmp_path):
        """A quote between its prefix and suffix is verified."""
        root = _book(tmp_path, page_2="The board stays. Yes.\nLater: The board stays. No.\n",
                     pin='prefix = "Later:"\nsuffix = "No."')

        assert [] == _snapshot_findings(root)

    def test_wrong_context_is_an_error(self, tmp_path):
        """A quote that is there, but not between its prefix and suffix, is an error saying so."""
        root = _book(tmp_path, pin='prefix = "Earlier:"')

        assert [("quote-not-found", "excerpts[1].quote",
                 "excerpt new: the quote is in snapshot sources/snapshots/page-2.txt, but not "
                 "between its prefix and suffix")] == _snapshot_findings(root)

    def test_still_ambiguous_is_a_warning(self, tmp_path):
        """A pin that still matches twice is a warning."""
        root = _book(tmp_path, page_2="A: The board stays. Yes. A: The board stays. Yes.\n",
                     pin='prefix = "A:"')

        assert ["quote-ambiguous"] == [c for c, _, _ in _snapshot_findings(root)]

    def test_round_trip(self, tmp_path):
        """Prefix, suffix and revision snapshots survive a save and a load."""
        root = _book(tmp_path, pin='prefix = "Later:"\nsuffix = "No."')
        casebook = factcheck.load(root)

        factcheck.save(casebook, tmp_path / "copy")

        again = factcheck.load(tmp_path / "copy")
        assert casebook == again
        assert ("Later:", "No.") == (again.excerpt_by_id["new"].prefix,
                                     again.excerpt_by_id["new"].suffix)


class TestFold:
    """Folding: what re-wrapping and typography do not change."""

    @pytest.mark.parametrize(("text", "expected"), [
        ("a\n  b\tc ", "a b c"),
        ("\u201cquoted\u201d and \u2018single\u2019", "\"quoted\" and 'single'"),
        ("ｆｕｌｌ　ｗｉｄｔｈ", "full width"),
        ("cafe\u0301", "caf\u00e9"),
        ("샘 알트만", "샘 알트만"),
    ])
    def test_folded(self, text, expected):
        """White space, quotation marks and Unicode forms fold to one plain form."""
        assert expected == folded(text)

    def test_spans_point_into_the_original(self):
        """Each folded span maps back to the original text as written."""
        text = "One\n  \u201ctwo\u201d three"
        page = fold(text)
        at = page.text.index('"two"')

        start, end = page.span(at, at + len('"two"'))

        assert "\u201ctwo\u201d" == text[start:end]

    def test_occurrences_with_context(self):
        """Occurrences honour prefix and suffix, compared folded."""
        page = folded("x said \u201cyes\u201d. y said \u201cyes\u201d.")

        assert 2 == len(occurrences(page, '"yes"'))
        assert [page.index('y said') + len("y said ")] == occurrences(page, "\u201cyes\u201d",
                                                                        prefix="y  said")
