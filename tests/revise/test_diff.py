"""``factcheck diff``'s reading of an edit: word by word, with the excerpts each change touches."""

from __future__ import annotations

from pathlib import Path

import factcheck
from factcheck._revdiff import render_diff, revision_diff

from .pages import PAGE, edited, make_book

LINES = PAGE.splitlines(keepends=True)


def _diff(tmp_path: Path, text: str) -> str:
    book = make_book(tmp_path / "book")
    snapshot = edited(tmp_path / "saved", text)
    factcheck.write_revision(
        factcheck.plan_revision(factcheck.load(book), "page", snapshot, "2023-11-20"), snapshot)
    casebook = factcheck.load(book)
    return render_diff(revision_diff(casebook, casebook.source_by_id["page"]))


class TestRevisionDiff:
    """Each kind of edit, as the diff shows it."""

    def test_changed_number(self, tmp_path):
        """One word changed, in its context, touching the quote that holds it."""
        assert ("page: original -> update-20231120: 1 change(s)\n\n"
                "@@ line 4 -> line 4\n"
                "  Revenue reached $1.3B this year, and [-80%-] {+85%+} of developers prefer "
                "the product. -\n"
                "  touches: developers\n") == _diff(tmp_path, PAGE.replace("80%", "85%"))

    def test_deleted_sentence(self, tmp_path):
        """A deletion shows its words struck, in the old page's context, and its excerpt."""
        out = _diff(tmp_path, PAGE.replace("- The chair resigned the same evening.\n", ""))

        struck = out[out.index("[-") + 2:out.index("-]")]
        assert "The chair resigned the same evening." in struck
        assert "{+" not in out
        assert "touches: chair\n" in out

    def test_moved_paragraph(self, tmp_path):
        """A moved item is marked moved, in both places."""
        out = _diff(tmp_path, "".join([*LINES[:2], LINES[4], LINES[2], LINES[3], *LINES[5:]]))

        assert 2 == out.count("(moved)")

    def test_written_as_the_page_wrote_it(self, tmp_path):
        """Curly quotation marks and line breaks inside a change are shown as written."""
        out = _diff(tmp_path, PAGE.replace("Share article",
                                           "- \u201cNo\nregrets,\u201d she said.\nShare article"))

        assert "{+- \u201cNo regrets,\u201d she said.+}" in out

    def test_control_characters_escaped(self, tmp_path):
        """A control character from the page is shown escaped, never sent to the terminal."""
        out = _diff(tmp_path, PAGE.replace("Share article", "- Bell \x07 here.\nShare article"))

        assert "\x07" not in out
        assert "Bell \\x07 here." in out
