"""The evidence in every format: quotes, translations, sources, revisions, stances, withdrawals."""

from __future__ import annotations

import json
from typing import Any

import pytest

import factcheck
from factcheck._report import build_report

from .hostile import LANGUAGE, SCRIPT


class TestExcerptRows:
    def test_every_excerpt_published_by_the_as_of(self, hostile: factcheck.Casebook) -> None:
        """A claim lists each excerpt that bears on it and was published by the as-of, in order."""
        report = build_report(hostile, "2023-11-22")
        long = next(c for c in report.claims if c.id == "long-claim")
        assert ["evil-1", "quoted-1"] == [x.excerpt for x in long.excerpts]
        early = build_report(hostile, "2023-11-20T13:00")
        assert ["evil-1"] == [x.excerpt for x in next(
            c for c in early.claims if c.id == "long-claim").excerpts]

    def test_withdrawal_only_once_published(self, hostile: factcheck.Casebook) -> None:
        """A withdrawal shows from the moment its revision counts, not before."""
        before = build_report(hostile, "2023-11-21T12:00")
        after = build_report(hostile, "2023-11-22")
        [early] = [x for c in before.claims if c.id == "hostile-claim" for x in c.excerpts]
        [late] = [x for c in after.claims if c.id == "hostile-claim" for x in c.excerpts]
        assert (None, None) == (early.withdrawn_in, early.withdrawn_at)
        assert "update" == late.withdrawn_in
        assert "2023-11-22T00:00:00+00:00" == late.withdrawn_at.isoformat()  # type: ignore[union-attr]
        assert not late.never_counted

    def test_relayed_origin(self, hostile: factcheck.Casebook) -> None:
        """An excerpt that relays another source names it and its publisher as its origin."""
        report = build_report(hostile, "2023-11-22")
        [relayed] = [x for c in report.claims for x in c.excerpts if x.excerpt == "quoted-1"]
        assert ("evil-post", "A | B\nC <b>bold</b>") == (relayed.via, relayed.origin)


class TestEveryFormat:
    @pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
    def test_shipped_quote_in_full(self, fmt: str) -> None:
        """The shipped casebook's Korean quote, its translation, source and revision are shown."""
        casebook = factcheck.load(".")
        out = factcheck.render_report(casebook, "2023-11-22", tz="Asia/Seoul", fmt=fmt)
        for needle in ("오후 5시 기한이 넘긴 했지만 이사회는 요구를 받아들이겠다고 선언했다.",
                       "The 5 PM deadline passed, but the board declared it would accept the "
                       "demands.", "seed-001-author", "counted from 2023-11-20 00:00 KST",
                       "asserts", "mentions"):
            assert needle in out.replace("\n      ", " ").replace("\n        ", " "), needle
        if fmt == "html":
            assert '<blockquote lang="ko">오후 5시 기한이' in out

    def test_json_has_every_field(self, hostile: factcheck.Casebook) -> None:
        """The JSON report holds each excerpt's words and source as written."""
        data = json.loads(factcheck.render_report(hostile, "2023-11-22", fmt="json"))
        claim: dict[str, Any] = next(c for c in data["claims"] if c["id"] == "hostile-claim")
        [excerpt] = claim["excerpts"]
        assert {"excerpt": "evil-1", "stance": "asserts", "quote": f"</textarea>{SCRIPT}",
                "translation": "]]><!-- -->", "language": "en", "source": "evil-post",
                "revision": "original", "revision_label": SCRIPT, "url": "javascript:alert(10)",
                "author": "&lt;script&gt; & \"quotes\"", "withdrawn_in": "update",
                "withdrawn_at": "2023-11-22T00:00:00+00:00",
                "counted_from": "2023-11-20T12:01:00+00:00"}.items() <= excerpt.items()


class TestHostileEvidence:
    def test_html_escapes_quotes_and_attributes(self, hostile: factcheck.Casebook) -> None:
        """Quotes, translations, labels and a language tag from the casebook stay inert text."""
        page = factcheck.render_report(hostile, "2023-11-22", fmt="html")
        assert ('<blockquote lang="en">&lt;/textarea&gt;&lt;script&gt;alert(&#x27;x&#x27;)'
                "&lt;/script&gt;</blockquote>") in page
        assert "]]&gt;&lt;!-- --&gt;" in page
        assert 'lang="ko&quot; onmouseover=&quot;alert(15)"' in page
        assert "original (&lt;script&gt;" in page
        assert "javascript:alert(10)</li>" in page  # shown, never linked
        assert f'lang="{LANGUAGE}"' not in page

    def test_text_and_markdown_inert(self, hostile: factcheck.Casebook) -> None:
        """In text and Markdown, the quotes are there with their markup made harmless."""
        text = factcheck.render_report(hostile, "2023-11-22", fmt="text")
        assert f'asserts [en]: "</textarea>{SCRIPT}"' in text
        markdown = factcheck.render_report(hostile, "2023-11-22", fmt="markdown")
        assert "“&lt;/textarea&gt;&lt;script&gt;alert('x')&lt;/script&gt;”" in markdown
        assert "translation: \\]\\]&gt;&lt;!-- --&gt;" in markdown
