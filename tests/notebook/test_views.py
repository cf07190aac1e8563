"""Notebook views: what Jupyter shows for a casebook, a resolution and a timeline, escaped."""

from __future__ import annotations

import html
import json
import pickle
import shutil
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

import factcheck

MINI = Path(__file__).parents[1] / "data" / "mini"
HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">\u202e'


class _Page(HTMLParser):
    """What a browser would build: the tags, their attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)
        if tag not in {"br", "img"}:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def display(obj: object) -> _Page:
    """Render ``obj`` as a notebook does (its ``_repr_html_``), and parse the result."""
    fragment = obj._repr_html_()  # type: ignore[attr-defined]
    assert isinstance(fragment, str)
    page = _Page()
    page.feed(fragment)
    page.close()
    assert [] == page.open, "every element is closed"
    return page


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> factcheck.Casebook:
    """The mini casebook with markup in its title, a claim's text, and a source's publisher,
    title, language, link, quote and translation."""
    book = Path(shutil.copytree(MINI, tmp_path_factory.mktemp("hostile") / "book"))
    as_toml = json.dumps(HOSTILE)  # a JSON string is a TOML basic string
    newsletter = book / "sources" / "newsletter.toml"
    for path, old in [(book / "casebook.toml", 'title = "Mini headline case"'),
                      (book / "claims" / "headline.toml",
                       'text = "The board will resign and bring Altman back."'),
                      (newsletter, 'publisher = "Newsletter"'),
                      (newsletter, 'title = "A Korean newsletter"'),
                      (newsletter, 'language = "ko"'),
                      (newsletter, 'quote = "이사회는 요구를 받아들이겠다고 선언했다."'),
                      (newsletter,
                       'translation = "The board declared it would accept the demands."')]:
        key = old.split(" = ")[0]
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, f"{key} = {as_toml}"), encoding="utf-8")
    text = newsletter.read_text(encoding="utf-8")
    newsletter.write_text(text.replace('zone = "Asia/Seoul"\n',
                                       f'zone = "Asia/Seoul"\nurl = {as_toml}\n'),
                          encoding="utf-8")
    return factcheck.load(book)


def _with_link(tmp_path: Path, url: str) -> factcheck.Casebook:
    """The mini casebook whose newsletter has ``url`` as its link."""
    book = Path(shutil.copytree(MINI, tmp_path / "book"))
    newsletter = book / "sources" / "newsletter.toml"
    text = newsletter.read_text(encoding="utf-8")
    newsletter.write_text(text.replace('zone = "Asia/Seoul"\n',
                                       f'zone = "Asia/Seoul"\nurl = {json.dumps(url)}\n'),
                          encoding="utf-8")
    return factcheck.load(book)


def _assert_inert(page: _Page) -> None:
    assert "script" not in page.tags
    assert "img" not in page.tags
    assert not [a for a in page.attributes if a.startswith("on")]
    text = "".join(page.text)
    assert '<script>alert("x")</script>' in text, "the hostile text is shown, as text"
    assert "\u202e" not in text, "a bidirectional override is shown as U+FFFD"


class TestCasebookView:
    """A casebook shows its summary."""

    def test_summary(self) -> None:
        """Title, counts and claims appear."""
        casebook = factcheck.load(MINI)
        text = "".join(display(casebook).text)

        assert "Mini headline case" in text
        assert f"{len(casebook.claims)} (" in text
        assert all(c.id in text for c in casebook.claims)

    def test_escaped(self, hostile: factcheck.Casebook) -> None:
        """Markup in the title and a claim's text stays text."""
        _assert_inert(display(hostile))


class TestResolutionView:
    """A resolution shows its status, explanation and evidence."""

    def test_content(self) -> None:
        """Status, explanation and each excerpt it rests on."""
        resolution = factcheck.load(MINI).status("altman-joins-microsoft", "2023-11-21")
        page = display(resolution)
        text = "".join(page.text)

        assert resolution.status.value in text
        assert resolution.explain() in text
        assert all(e.excerpt in text for e in resolution.evidence)
        assert "svg" not in page.tags

    def test_quotes(self) -> None:
        """Each piece of evidence shows its verbatim quote, marked with its source's language,
        its translation, and its source's title and outlet."""
        casebook = factcheck.load(MINI)
        resolution = casebook.status("board-accepts-demands", "2023-11-21")
        fragment = resolution._repr_html_()
        text = "".join(display(resolution).text)

        excerpts = {x.id: (x, s) for s in casebook.sources for x in s.excerpts}
        assert resolution.evidence
        for e in resolution.evidence:
            excerpt, source = excerpts[e.excerpt]
            assert f'<blockquote lang="{source.language}"' in fragment
            assert excerpt.quote in text
            assert source.title in text
            assert source.publisher in text
            if excerpt.translation:
                assert f"translation: {excerpt.translation}" in text
        assert "translation: The board declared it would accept the demands." in text

    def test_link(self, tmp_path: Path) -> None:
        """A source's http(s) link is an anchor to its page, escaped, that passes no referrer."""
        url = "https://news.example/board?a=1&b=2"
        casebook = _with_link(tmp_path, url)
        fragment = casebook.status("board-accepts-demands", "2023-11-21")._repr_html_()

        expected = ('<a href="https://news.example/board?a=1&amp;b=2" '
                    'rel="noopener noreferrer nofollow">A Korean newsletter</a>')
        assert expected in fragment

    def test_unsafe_link_is_text(self, tmp_path: Path) -> None:
        """A link that is not http(s) is shown as text, never as an anchor."""
        casebook = _with_link(tmp_path, "javascript:alert(1)")
        page = display(casebook.status("board-accepts-demands", "2023-11-21"))

        assert "a" not in page.tags
        assert "(javascript:alert(1))" in "".join(page.text)

    def test_quote_kept_out_of_equality(self) -> None:
        """The quote rides along with a piece of evidence, but equality, hashing and the repr
        compare what the engine computed, and a pickle reads back with its quote."""
        resolution = factcheck.load(MINI).status("board-accepts-demands", "2023-11-21")
        e = resolution.evidence[0]
        bare = attrs.evolve(e, quote=None)

        assert e.quote is not None
        assert bare == e
        assert hash(bare) == hash(e)
        assert repr(bare) == repr(e)
        back = pickle.loads(pickle.dumps(resolution))
        assert resolution == back
        assert [x.quote for x in resolution.evidence] == [x.quote for x in back.evidence]

    def test_hand_made_evidence(self) -> None:
        """Evidence made by hand, without a quote, shows its excerpt and source ids."""
        resolution = factcheck.load(MINI).status("board-accepts-demands", "2023-11-21")
        bare = attrs.evolve(resolution, evidence=tuple(
            attrs.evolve(e, quote=None) for e in resolution.evidence))
        page = display(bare)
        text = "".join(page.text)

        assert "blockquote" not in page.tags
        assert all(e.excerpt in text and e.source in text for e in bare.evidence)

    def test_escaped(self, hostile: factcheck.Casebook) -> None:
        """Markup in a publisher (an origin), a source's title, language and link, a quote and
        its translation stays text."""
        resolution = hostile.status("board-accepts-demands", "2023-11-21")
        page = display(resolution)
        _assert_inert(page)

        assert "a" not in page.tags
        shown = html.escape(HOSTILE.replace("\u202e", "\ufffd"), quote=True)
        fragment = resolution._repr_html_()
        assert f'<blockquote lang="{shown}" style="margin:0">{shown}</blockquote>' in fragment
        assert f"<small>translation: {shown}</small>" in fragment
        assert f"{shown} <small>({shown})</small><br><small>{shown}, " in fragment

    def test_repr_is_short(self) -> None:
        """repr fits on a line and names the claim, status, since and as-of."""
        resolution = factcheck.load(MINI).status("altman-joins-microsoft", "2023-11-21")
        text = repr(resolution)

        expected = ("<Resolution altman-joins-microsoft: confirmed since 2023-11-20 16:53:28 KST, "
                    "first-party, 2 origins, as of 2023-11-22 00:00 KST>")
        assert expected == text


class TestTimelineView:
    """A timeline shows a strip of bands, one per step, and the steps."""

    def test_picture(self) -> None:
        """One band per step, coloured as the report colours the status."""
        timeline = factcheck.load(MINI).timeline("altman-returns-as-ceo")
        page = display(timeline)

        assert len(timeline.steps) == page.tags.count("rect")
        assert 1 == page.tags.count("svg")
        assert [s.value for s in timeline.statuses()] == [
            t for t in page.text if t in {s.value for s in factcheck.Status}]

    def test_escaped(self, hostile: factcheck.Casebook) -> None:
        """Markup reaching an explanation (a publisher) stays text."""
        _assert_inert(display(hostile.timeline("board-accepts-demands")))
