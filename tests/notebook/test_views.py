"""Notebook views: what Jupyter shows for a casebook, a resolution and a timeline, escaped."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

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
    """The mini casebook with markup in its title, a claim's text and a publisher."""
    book = Path(shutil.copytree(MINI, tmp_path_factory.mktemp("hostile") / "book"))
    as_toml = json.dumps(HOSTILE)  # a JSON string is a TOML basic string
    for path, old in [(book / "casebook.toml", 'title = "Mini headline case"'),
                      (book / "claims" / "headline.toml",
                       'text = "The board will resign and bring Altman back."'),
                      (book / "sources" / "newsletter.toml", 'publisher = "Newsletter"')]:
        key = old.split(" = ")[0]
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, f"{key} = {as_toml}"), encoding="utf-8")
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

    def test_escaped(self, hostile: factcheck.Casebook) -> None:
        """Markup in a publisher (an origin) stays text."""
        _assert_inert(display(hostile.status("board-accepts-demands", "2023-11-21")))

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
