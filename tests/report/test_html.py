"""The HTML report: one self-contained page, no script, and every casebook string escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import factcheck
from factcheck._report._html import safe_url

#: Every element the report writes itself. A casebook string that got through unescaped would
#: show up as another element (script, img, iframe, marquee, ...) or as another attribute.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "dl", "dt", "dd",
    "nav", "a", "section", "p", "div", "span", "strong", "br", "table", "thead", "tbody", "tr",
    "th", "td", "ul", "li", "svg", "line", "rect", "text", "footer",
}
ALLOWED_ATTRIBUTES = {
    "lang", "charset", "name", "content", "http-equiv", "class", "id", "href", "rel", "role",
    "xmlns", "width", "height", "viewbox", "aria-label", "aria-hidden", "x", "y", "x1", "y1", "x2",
    "y2", "text-anchor", "stroke", "stroke-width",
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
    def test_no_script(self, page: str) -> None:
        """No script element, whatever the casebook holds."""
        assert "<script" not in page.lower()

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
        assert "default-src 'none'; style-src 'unsafe-inline'" in page


class TestSelfContained:
    def test_no_network(self, mini: factcheck.Casebook) -> None:
        """No external stylesheet, image, font or script: nothing to fetch."""
        page = factcheck.render_report(mini, "2023-11-22", fmt="html")
        assert not re.search(r"(src|href)=\"(?!#)", page)
        assert "@import" not in page and "url(" not in page

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
