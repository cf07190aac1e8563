"""The HTML report: one self-contained page, only its own script, every casebook string escaped."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

import factcheck
from factcheck._report import Report, build_report
from factcheck._report._html import render_html, safe_url
from factcheck._report._markdown import render_markdown
from factcheck._report._script import SCRIPT
from factcheck._report._svg import ROWS_PER_BLOCK, render_svg
from factcheck._report._text import render_text

from .hostile import ODD_CLAIM, ODD_REVISION, ODD_SOURCE, ODD_STAKEHOLDER, write_hostile

#: Every element the report writes itself. A casebook string that got through unescaped would
#: show up as another element (script, img, iframe, marquee, ...) or as another attribute.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "dl", "dt",
    "dd", "nav", "a", "section", "p", "div", "span", "strong", "br", "table", "thead", "tbody",
    "tr", "th", "td", "ul", "li", "svg", "line", "rect", "text", "footer", "article", "details",
    "summary", "blockquote", "g", "input", "select", "option", "button",
    "script",  # the page's own two, and no more: TestEscaping.test_only_our_script
}
ALLOWED_ATTRIBUTES = {
    "lang", "charset", "name", "content", "http-equiv", "class", "id", "href", "rel", "role",
    "xmlns", "width", "height", "viewbox", "aria-label", "aria-hidden", "x", "y", "x1", "y1", "x2",
    "y2", "text-anchor", "stroke", "stroke-width", "data-claim", "data-status", "open", "hidden",
    "data-stakeholders", "data-sources", "data-from", "data-withdrawn", "data-at", "data-count",
    "data-t0", "data-t1", "data-x0", "data-x1", "visibility", "type", "step", "placeholder",
    "value", "data-label",
}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.hrefs: set[str] = set()
        self.values: list[str] = []
        self.styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.styles += tag == "style"
        for name, value in attrs:
            self.attributes.add(name)
            self.values.append(value or "")
            if name == "href":
                self.hrefs.add(value or "")


@pytest.fixture(scope="module")
def page(hostile: factcheck.Casebook) -> str:
    """The hostile casebook's HTML report."""
    return factcheck.render_report(hostile, "2023-11-22", since="2023-11-20T06:00", fmt="html")


def _parse(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


class TestEscaping:
    def test_only_our_script(self, page: str) -> None:
        """Two script elements, whatever the casebook holds: the data (JSON, which no browser
        runs) and the page's fixed script, the only one the security policy allows, by hash."""
        assert 2 == page.lower().count("<script")
        assert 1 == page.count('<script type="application/json" id="factcheck-data">')
        assert 1 == page.count(f"<script>{SCRIPT}</script>")
        digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
        assert f"script-src 'sha256-{digest}';" in page

    def test_data_block_cannot_close(self, page: str, hostile: factcheck.Casebook) -> None:
        """The embedded JSON holds no ``<``, ``>`` or ``&``, and reads back as the casebook's
        own text."""
        block = page.split('id="factcheck-data">', 1)[1].split("</script>", 1)[0]
        assert not re.search("[<>&\u2028\u2029]", block)
        data = json.loads(block)
        steps = data["claims"]["hostile-claim"]
        assert any("<script>" in step[5] or "evil" in step[5] for step in steps[1:])
        assert set(data["claims"]) == set(hostile.claim_by_id)

    def test_only_our_elements_and_attributes(self, page: str) -> None:
        """Parsed, the page holds only the elements and attributes the report writes itself."""
        parsed = _parse(page)
        assert parsed.tags <= ALLOWED_TAGS, parsed.tags - ALLOWED_TAGS
        assert parsed.attributes <= ALLOWED_ATTRIBUTES, parsed.attributes - ALLOWED_ATTRIBUTES
        assert 1 == parsed.styles

    def test_links_are_anchors_or_http(self, page: str) -> None:
        """Links go to anchors in the page, or to a casebook URL that is plainly http(s)."""
        hrefs = _parse(page).hrefs
        assert {h for h in hrefs if not h.startswith("#")} == {
            "https://example.org/story?id=1&x=2"}
        assert not any("javascript" in value.lower() for value in _parse(page).values
                       if not value.startswith("default-src"))

    def test_hostile_strings_shown_as_text(self, page: str) -> None:
        """The hostile strings are still there, as text a reader can see."""
        assert "Hostile &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; casebook" in page
        assert "Villain &quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#x27;" in page
        assert "javascript:alert(10)" in page  # shown, not linked
        assert "&amp;lt;script&amp;gt;" in page  # already-escaped text is escaped again
        assert "\x1b" not in page

    def test_attribute_breakers_stay_inside(self, page: str) -> None:
        """No attribute value is closed early: quotes from the casebook are entities."""
        for match in re.finditer(r"<[a-z][^>]*>", page):
            tag = match.group(0)
            if tag.startswith("<meta"):
                continue
            # Every attribute value is double-quoted and holds no raw quote.
            assert re.fullmatch(r'<[a-z0-9]+(?: [a-zA-Z0-9-]+="[^"<>]*")*/?>', tag), tag

    def test_security_policy(self, page: str) -> None:
        """A Content Security Policy forbids scripts and network access as a second line."""
        assert "default-src 'none'; script-src 'sha256-" in page
        assert "style-src 'unsafe-inline'; img-src data:; base-uri 'none'" in page
        assert "connect-src" not in page and "unsafe-eval" not in page


class TestSelfContained:
    def test_no_network(self, mini: factcheck.Casebook) -> None:
        """No external stylesheet, image, font or script: nothing to fetch."""
        page = factcheck.render_report(mini, "2023-11-22", fmt="html")
        assert not re.search(r"(src|href)=\"(?!#)", page)
        assert "@import" not in page and "url(" not in page

    def test_no_control_characters(self, mini: factcheck.Casebook) -> None:
        """Nothing in the page, its stylesheet and script included, is a control character
        (the quotes around a quote are real quotation marks, not an octal escape gone wrong)."""
        page = factcheck.render_report(mini, "2023-11-22", fmt="html")
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)
        assert 'blockquote::before { content: "\u201c"; }' in page

    def test_legend_and_print(self, mini: factcheck.Casebook) -> None:
        """A legend names every status's colour; a print stylesheet keeps the colours."""
        page = factcheck.render_report(mini, "2023-11-22", fmt="html")
        for status in factcheck.Status:
            assert f'<span class="swatch st-{status.value}"></span><strong>{status.value}' in page
        assert "@media print" in page and "print-color-adjust: exact" in page

    def test_picture_marks_since(self, mini: factcheck.Casebook) -> None:
        """With --since, the picture marks where the changes section starts."""
        page = factcheck.render_report(mini, "2023-11-22", since="2023-11-21", fmt="html")
        assert '<line class="since"' in page


class TestSafeUrl:
    @pytest.mark.parametrize("url", [
        "https://example.org/a", "http://example.org/a?b=1&c=2", "HTTPS://EXAMPLE.ORG/"])
    def test_http_links(self, url: str) -> None:
        """http and https URLs become links."""
        assert url == safe_url(url)

    @pytest.mark.parametrize("url", [
        "javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil.example/",
        "https://example.org/\"onmouseover=x", "https://a b", "https://x\n", None, ""])
    def test_everything_else_is_text(self, url: str | None) -> None:
        """Any other scheme, or a URL with spaces or quotes, is shown as text, never linked."""
        assert safe_url(url) is None


class TestFindingsAndIds:
    def test_finding_locations_escaped(self, page: str) -> None:
        """A finding's file name is casebook text: shown escaped, in the findings table."""
        assert ('<td data-label="location">claims/'
                "&lt;img src=x onerror=alert(14)&gt; &amp; &quot;odd&quot; "
                "&#x27;name.toml:3:1: claims[0]</td>") in page

    def test_snapshot_path_escaped(self, tmp_path: Path) -> None:
        """A snapshot path from the casebook, named by a finding, is escaped like the rest."""
        casebook = factcheck.load(write_hostile(tmp_path, snapshot=True))
        page = factcheck.render_report(casebook, "2023-11-22", fmt="html")
        assert "snapshot-missing" in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&quot;&#x27;.txt" in page
        parsed = _parse(page)
        assert parsed.tags <= ALLOWED_TAGS and parsed.attributes <= ALLOWED_ATTRIBUTES

    def test_svg_labels_and_titles(self, page: str) -> None:
        """The picture names each claim in a label and a tooltip, linked to the claim's row."""
        assert '<a href="#claim-hostile-claim"><text class="label" ' in page
        assert 'text-anchor="end">hostile-claim<title>hostile-claim</title></text></a>' in page
        assert "<title>hostile-claim: confirmed from 2023-11-20 12:01 UTC to " in page

    def test_hostile_ids_refused_by_the_loader(self, tmp_path: Path) -> None:
        """The report can count on ids being plain: the loader refuses any other."""
        with pytest.raises(factcheck.LoadError) as caught:
            factcheck.load(write_hostile(tmp_path, odd_ids=True))
        assert str(caught.value).count("[invalid-id]") >= 4

    def test_hostile_ids_escaped_all_the_same(self, odd_report: Report) -> None:
        """Were a hostile id to get through, every format would still hold it as inert text."""
        page = render_html(odd_report)
        parsed = _parse(page)
        assert parsed.tags <= ALLOWED_TAGS, parsed.tags - ALLOWED_TAGS
        assert parsed.attributes <= ALLOWED_ATTRIBUTES, parsed.attributes - ALLOWED_ATTRIBUTES
        assert 2 == page.lower().count("<script")
        assert '<svg onload' not in page.lower()
        assert "src&#x27; onmouseover=&#x27;alert(22)" in page
        assert '<article class="card" id="claim-```' in page  # the id, escaped: still linked

        text = render_text(odd_report)
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)
        assert not re.search(r"^<script>alert\(20\)", text, re.MULTILINE)  # no line of its own

        markdown = render_markdown(odd_report)
        tables, picture = markdown.split("## Timeline picture", 1)
        assert {"<br>"} == set(re.findall(r"<[^<>]*>?", tables))
        for table in re.findall(r"(?:^\|.*\|\n)+", markdown, re.MULTILINE):
            widths = {len(re.findall(r"(?<!\\)\|", line)) for line in table.splitlines()}
            assert 1 == len(widths), table
        # The picture's fence is longer than the id's run of backticks, so the id cannot close it.
        assert 2 == len(re.findall(r"^````(?:text)?$", picture, re.MULTILINE))
        assert picture.rstrip().endswith("````")


class TestPictureBlocks:
    def test_long_picture_in_blocks_with_axes(self, mini: factcheck.Casebook) -> None:
        """A picture of many claims is cut into blocks, each with its own axis and as-of line."""
        report = build_report(mini, "2023-11-22")
        row = report.picture.rows[0]
        rows = tuple(attrs.evolve(row, claim=f"claim-{n:03}")
                     for n in range(2 * ROWS_PER_BLOCK + 1))
        svg = render_svg(attrs.evolve(report.picture, rows=rows), report.zone)
        blocks = svg.split("</svg>")[:-1]
        assert 3 == len(blocks)
        for block in blocks:
            assert '<line class="asof"' in block and '<text class="axis"' in block
        assert "(claims 61\u201361 of 61)" in blocks[2]
        assert 1 == render_svg(report.picture, report.zone).count("<svg")


@pytest.fixture()
def odd_report(hostile: factcheck.Casebook) -> Report:
    """The hostile report with hostile ids put in by hand (the loader would refuse them)."""
    report = build_report(hostile, "2023-11-22", since="2023-11-20T06:00")

    def odd(claim: str) -> str:
        return ODD_CLAIM if claim == "hostile-claim" else claim

    return attrs.evolve(
        report,
        claims=tuple(
            attrs.evolve(c, id=odd(c.id), subjects=(ODD_STAKEHOLDER,), claimant=ODD_STAKEHOLDER)
            for c in report.claims),
        stakeholders=tuple(attrs.evolve(s, id=ODD_STAKEHOLDER) for s in report.stakeholders),
        changes=tuple(
            attrs.evolve(c, claim=odd(c.claim), causes=tuple(
                attrs.evolve(p, source=ODD_SOURCE, revision=ODD_REVISION) for p in c.causes))
            for c in report.changes),
        relations=tuple(attrs.evolve(r, from_=odd(r.from_), to=odd(r.to))
                        for r in report.relations),
        sources=tuple(attrs.evolve(s, id=ODD_SOURCE, asserted=tuple(
            (odd(c), st) for c, st in s.asserted)) for s in report.sources),
        predictions=tuple(attrs.evolve(p, claim=odd(p.claim), made_by=(ODD_SOURCE,))
                          for p in report.predictions),
        storylines=tuple(attrs.evolve(line, claims=tuple(odd(c) for c in line.claims))
                         for line in report.storylines),
        picture=attrs.evolve(report.picture, rows=tuple(
            attrs.evolve(r, claim=odd(r.claim)) for r in report.picture.rows)),
    )
