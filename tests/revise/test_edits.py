"""A new revision from a new snapshot: each kind of edit a page goes through, read right."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import factcheck
from factcheck._convert import converter
from factcheck._revise import plan_revision, write_revision

from .pages import PAGE, edited, make_book

LINES = PAGE.splitlines(keepends=True)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_book(tmp_path / "book")


def _plan(book: Path, text: str, name: str = "edited.txt", published: str = "2023-11-20"):
    casebook = factcheck.load(book)
    return plan_revision(casebook, "page", edited(book.parent / "saved", text, name), published)


def _summary(revised) -> dict[str, object]:
    return {
        "withdrawn": [e.id for e in revised.withdrawn],
        "sentence_changed": [c.excerpt for c in revised.sentence_changed],
        "ambiguous": list(revised.ambiguous),
        "passages": [p.text for p in revised.passages],
        "status_changes": [(c.claim, c.before, c.after) for c in revised.status_changes],
    }


NOTHING = {"withdrawn": [], "sentence_changed": [], "ambiguous": [], "passages": [],
           "status_changes": []}


class TestKindsOfEdit:
    """What each kind of edit withdraws, flags and adds."""

    def test_same_page(self, book):
        """The same text saved again (another file, same bytes) is that revision already."""
        revised = _plan(book, PAGE)

        assert revised.already
        assert "original" == revised.revision.id

    def test_rewrapped_lines_and_typography(self, book):
        """Lines wrapped elsewhere, spaces doubled, straight quotes made curly: no edit at all,
        and no new revision."""
        text = (PAGE.replace("dismissed the chief", "dismissed the\n   chief")
                .replace("80% of", "80%  of")
                .replace('"We will not comment," a', "\u201cWe will not comment,\u201d a"))

        revised = _plan(book, text)

        assert (True, True, "original") == (revised.already, revised.same_text,
                                            revised.revision.id)
        assert NOTHING == _summary(revised)

    def test_rewrapped_with_an_edit(self, book):
        """Re-wrapped lines beside a real edit: only the edit is read."""
        text = (PAGE.replace("dismissed the chief", "dismissed the\n   chief")
                .replace("- The chair resigned the same evening.\n", ""))

        assert {**NOTHING, "withdrawn": ["chair"],
                "status_changes": [("chair-resigned", "reported", "retracted")]} == \
            _summary(_plan(book, text))

    def test_moved_paragraph(self, book):
        """An item moved up the list is neither withdrawn nor new."""
        moved = "".join([*LINES[:2], LINES[4], LINES[2], LINES[3], *LINES[5:]])

        assert NOTHING == _summary(_plan(book, moved))

    def test_deleted_sentence(self, book):
        """A sentence taken out withdraws the excerpt quoting it, and the claim it alone
        supported is retracted as of the revision's time."""
        text = PAGE.replace("- The chair resigned the same evening.\n", "")

        assert {**NOTHING, "withdrawn": ["chair"],
                "status_changes": [("chair-resigned", "reported", "retracted")]} == \
            _summary(_plan(book, text))

    def test_changed_number(self, book):
        """80% made 85%: the quote with the number is withdrawn, the other quote of that sentence
        is flagged (its sentence changed), and the new sentence is a candidate."""
        text = PAGE.replace("80%", "85%")

        revised = _plan(book, text)

        assert {**NOTHING, "withdrawn": ["developers"], "sentence_changed": ["revenue"],
                "passages": ["- Revenue reached $1.3B this year, and 85% of developers prefer "
                             "the product."],
                "status_changes": [("developers", "reported", "retracted")]} == _summary(revised)
        change = revised.sentence_changed[0]
        assert ("- Revenue reached $1.3B this year, and 80% of developers prefer the product.",
                "- Revenue reached $1.3B this year, and 85% of developers prefer the product.") \
            == (change.before, change.after)

    def test_added_passage_with_its_place(self, book):
        """A sentence added is listed with its line and the sentence before it."""
        text = PAGE.replace("Share article", "- The board met again on Monday.\nShare article")

        revised = _plan(book, text)

        assert [(7, "- The board met again on Monday.",
                 'Later: "We will not comment," the chair said.')] == [
            (p.line, p.text, p.after) for p in revised.passages]

    def test_pinned_quote_followed(self, book):
        """The quote said twice, the first taken out: the excerpt pinned to the second stays,
        the unpinned one is flagged, since which of the two it meant cannot be told."""
        text = PAGE.replace('"We will not comment," a spokesperson said. ', "")

        assert {**NOTHING, "ambiguous": [("no-comment", 1)]} == _summary(_plan(book, text))

    def test_pinned_quote_withdrawn(self, book):
        """The second saying taken out: the excerpt pinned to it is withdrawn, though the same
        words are still on the page."""
        text = PAGE.replace(' Later: "We will not comment," the chair said.', "")

        summary = _summary(_plan(book, text))

        assert ["chair-no-comment"] == summary["withdrawn"]
        assert [("no-comment", 1)] == summary["ambiguous"]


class TestWriting:
    """What is written, and that writing twice changes nothing."""

    def test_written_keeping_comments(self, book):
        """The source gains the revision and the withdrawal; its comments stay; the snapshot is
        copied into the casebook with its sha256, and the casebook checks clean."""
        text = PAGE.replace("- The chair resigned the same evening.\n", "")
        revised = _plan(book, text)

        written = write_revision(revised, book.parent / "saved" / "edited.txt")

        source = (book / "sources" / "page.toml").read_text("utf-8")
        assert ["sources/snapshots/page/update-20231120.txt", "sources/page.toml"] == written
        assert source.startswith("# The page, as the desk keeps it.\n")
        assert "# --- excerpts ---" in source
        again = factcheck.load(book)
        assert "update-20231120" == again.excerpt_by_id["chair"].withdrawn_in
        revision = again.source_by_id["page"].revision("update-20231120")
        assert hashlib.sha256(text.encode()).hexdigest() == revision.sha256
        assert [] == [f for f in again.findings() if f.severity.value == "error"]

    def test_idempotent(self, book):
        """Revising again with the same snapshot finds it recorded and writes nothing."""
        snapshot = edited(book.parent / "saved", PAGE.replace("80%", "85%"))
        write_revision(plan_revision(factcheck.load(book), "page", snapshot, "2023-11-20"),
                       snapshot)
        before = {p: p.read_bytes() for p in book.rglob("*") if p.is_file()}

        again = plan_revision(factcheck.load(book), "page", snapshot, "2023-11-20")

        assert again.already
        assert [] == write_revision(again, snapshot)
        assert before == {p: p.read_bytes() for p in book.rglob("*") if p.is_file()}

    def test_html_snapshot(self, book):
        """An HTML page is read by its main text, copied, and its text kept beside it."""
        body = "".join(f"<p>{line.strip()}</p>" for line in LINES
                       if "chair resigned" not in line)
        html = f"<html><body><nav>Menu</nav><article>{body}</article></body></html>"
        revised = _plan(book, html, "page.html")

        write_revision(revised, book.parent / "saved" / "page.html")

        assert ["chair"] == [e.id for e in revised.withdrawn]
        kept = book / "sources" / "snapshots" / "page" / "update-20231120.html.txt"
        assert "The chair resigned" not in kept.read_text("utf-8")
        assert "Revenue reached $1.3B" in kept.read_text("utf-8")
        assert [] == [f for f in factcheck.load(book).findings() if f.severity.value == "error"]

    def test_times_across_zones(self, book):
        """A time in another zone is kept as given; statuses are taken as of its moment."""
        text = PAGE.replace("- The chair resigned the same evening.\n", "")

        revised = _plan(book, text, published="2023-11-19T18:00 America/Los_Angeles")

        assert "2023-11-19T18:00 America/Los_Angeles" == revised.revision.published.text()
        assert "2023-11-20T11:01:00+09:00" == revised.as_of.in_timezone("Asia/Seoul").isoformat()

    def test_known_by_the_time_it_was_saved(self, book):
        """"<= T" (the page stood so when it was saved at T): placed at its bound, named by its
        day, statuses taken as of when it counts; written back as given."""
        text = PAGE.replace("- The chair resigned the same evening.\n", "")

        revised = _plan(book, text, published="<= 2023-11-20T09:00")

        assert ("<= 2023-11-20T09:00 Asia/Seoul", "update-20231120", ["chair"]) == (
            revised.revision.published.text(), revised.revision.id,
            [e.id for e in revised.withdrawn])
        assert "2023-11-20T09:01:00+09:00" == revised.as_of.in_timezone("Asia/Seoul").isoformat()
        write_revision(revised, book.parent / "saved" / "edited.txt")
        assert '"<= 2023-11-20T09:00 Asia/Seoul"' in (book / "sources" / "page.toml").read_text(
            "utf-8")


class TestRefused:
    """What revise will not do, said plainly."""

    def test_json_lines_source(self, book, tmp_path):
        """A source kept in a JSON Lines file is not rewritten as TOML behind the user's back."""
        casebook = factcheck.load(book)
        (book / "sources" / "page.toml").unlink()
        line = json.dumps(converter.unstructure(casebook.source_by_id["page"]))
        (book / "sources" / "bulk.jsonl").write_text(line + "\n", "utf-8")

        with pytest.raises(ValueError, match=r"JSON Lines file sources/bulk\.jsonl"):
            plan_revision(factcheck.load(book), "page", edited(tmp_path / "s", PAGE + "x\n"),
                          "2023-11-20")
