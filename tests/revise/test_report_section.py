"""The HTML report's section per revised source: the changes of each update, escaped."""

from __future__ import annotations

from pathlib import Path

import pendulum

import factcheck
from factcheck._revise import plan_revision, write_revision

from .pages import PAGE, edited, make_book

ROOT = Path(__file__).parents[2]


class TestRevisedSources:
    """The report shows what each update changed, and only updates known by its as-of."""

    def test_shipped_newsletter(self):
        """The newsletter's two updates, each with what it added and the excerpts it touches."""
        html = factcheck.render_report(factcheck.load(ROOT), "2023-11-22", fmt="html")

        section = html[html.index('<section id="revisions">'):]
        section = section[:section.index("</section>")]
        assert 2 == section.count("<h3>")
        assert "seed-001: original → update-1120" in section
        assert "seed-001: update-1120 → update-1122" in section
        assert "<ins>2023-11-22 업데이트:" in section
        assert "touches: s1u2-new-board, s1u2-only-adam, s1u2-returns" in section
        assert '<a href="#revisions">Revised sources</a>' in html

    def test_only_updates_published_by_the_as_of(self):
        """As of 20 November, only the first update is there."""
        html = factcheck.render_report(factcheck.load(ROOT), "2023-11-20", fmt="html")

        assert 1 == html.count("seed-001: original → update-1120")
        assert "update-1122" not in html[html.index('<section id="revisions">'):]

    def test_each_update_is_dated_for_the_movable_as_of(self):
        """Each update carries when both its revisions were out, so the slider can hide it."""
        html = factcheck.render_report(factcheck.load(ROOT), "2023-11-22", fmt="html")

        first = int(pendulum.parse("2023-11-21T00:00:00+09:00").timestamp() * 1000)
        second = int(pendulum.parse("2023-11-23T00:00:00+09:00").timestamp() * 1000)
        assert 1 == html.count(f'<div class="revision-diff" data-at="{first}">')
        assert 1 == html.count(f'<div class="revision-diff" data-at="{second}">')

    def test_update_known_by_a_time_follows_the_original(self, tmp_path):
        """A page saved at 09:00, "<= 2023-11-20T09:00", is shown as the update after the
        original of 19 November (placed at its bound, not at the start of the calendar)."""
        book = make_book(tmp_path / "book")
        snapshot = edited(tmp_path / "saved", PAGE.replace("Share article", "More.\nShare article"))
        write_revision(plan_revision(factcheck.load(book), "page", snapshot,
                                     "<= 2023-11-20T09:00"), snapshot)

        html = factcheck.render_report(factcheck.load(book), "2023-11-21", fmt="html",
                                       tz="Asia/Seoul")

        assert "page: original → update-20231120" in html

    def test_page_text_is_escaped(self, tmp_path):
        """Markup in a page's text is shown as text, never read as HTML."""
        book = make_book(tmp_path / "book")
        text = PAGE.replace("Share article", "- <script>alert(1)</script> & more.\nShare article")
        snapshot = edited(tmp_path / "saved", text)
        write_revision(plan_revision(factcheck.load(book), "page", snapshot, "2023-11-20"),
                       snapshot)

        html = factcheck.render_report(factcheck.load(book), "2023-11-21", fmt="html",
                                       tz="Asia/Seoul")

        section = html[html.index('<section id="revisions">'):]
        assert "<ins>- &lt;script&gt;alert(1)&lt;/script&gt; &amp; more.</ins>" in section
        assert "<script>alert(1)" not in html

    def test_no_section_without_revised_sources(self):
        """A casebook without revision snapshots has no such section."""
        html = factcheck.render_report(factcheck.load(ROOT / "tests" / "data" / "mini"),
                                       "2023-11-22", fmt="html", tz="UTC")

        assert 'id="revisions"' not in html
