"""Saving over hand-written files keeps their comments, order and layout; only changes change."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck import Excerpt, Revision, When

from .casebooks import ROOT, snapshot

SOURCE = '''\
# The wire report, as the desk keeps it.
id = "wire"   # never rename: excerpts are cited by it
title = "Wire report"
kind = "report"
publisher = "Wire"
language = "en"
zone = "UTC"
speaks_for = []

[[revisions]]
id = "r1"
published = 2023-11-20T10:00:00   # a TOML date-time, in the file's zone

# --- excerpts of r1 ---

[[excerpts]]
id = "wire-1"
revision = "r1"
quote = "ACME names a new chief."
stances = { c1 = "asserts" }   # the headline

[[excerpts]]
id = "wire-2"
revision = "r1"
quote = "It says so twice."
stances = { c1 = "supports" }

# --- the end ---
'''

CLAIMS = '''\
zone = "UTC"

# People first.
[[stakeholders]]
id = "acme"
name = "ACME"
kind = "organisation"

[[claims]]
id = "c1"   # the headline
kind = "event"
text = "ACME names a new chief."
subjects = ["acme"]
claimant = "acme"
valid = "2023-11-20"
expect = [
  { as_of = "2023-11-21", tz = "UTC", status = "reported" },   # one origin only
]

[[claims]]
id = "c2"
kind = "event"
text = "ACME moves."
subjects = ["acme"]
claimant = "acme"

[[relations]]
kind = "contradicts"
from = "c1"
to = "c2"
'''


@pytest.fixture
def book(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    (root / "sources").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "sources" / "wire.toml").write_text(SOURCE, "utf-8")
    (root / "claims" / "acme.toml").write_text(CLAIMS, "utf-8")
    return root


def _with_source(casebook: factcheck.Casebook, source: factcheck.Source) -> factcheck.Casebook:
    return attrs.evolve(casebook, sources=[source if s.id == source.id else s
                                           for s in casebook.sources],
                        files=casebook.files, source_files=casebook.source_files)


def _with_claims(casebook: factcheck.Casebook, **changes: object) -> factcheck.Casebook:
    return attrs.evolve(casebook, **changes, files=casebook.files,
                        source_files=casebook.source_files)


def _saved(casebook: factcheck.Casebook, root: Path, file: str) -> str:
    factcheck.save(casebook, root)
    assert casebook == factcheck.load(root)
    return (root / file).read_text("utf-8")


class TestUnchanged:
    """Saving what was loaded changes no byte."""

    def test_hand_written_files(self, book):
        """Comments, TOML dates, inline tables and blank lines all stay as written."""
        before = snapshot(book)

        factcheck.save(factcheck.load(book), book)

        assert before == snapshot(book)

    def test_shipped_casebook(self, tmp_path):
        """The shipped casebook, saved over a copy of itself, is byte-identical."""
        root = tmp_path / "shipped"
        for name in ("sources", "claims"):
            shutil.copytree(ROOT / name, root / name)
        shutil.copy(ROOT / "casebook.toml", root / "casebook.toml")
        before = snapshot(root)

        factcheck.save(factcheck.load(root), root)

        assert before == snapshot(root)


class TestSourceEdits:
    """Edits to a source file touch only what changed."""

    def test_value_added(self, book):
        """A withdrawal is one line added to its excerpt; the rest of the file is as written."""
        casebook = factcheck.load(book)
        wire = casebook.source_by_id["wire"]
        r2 = Revision("r2", When.parse("2023-11-21", "UTC"))
        changed = attrs.evolve(wire, revisions=[*wire.revisions, r2], excerpts=[
            attrs.evolve(wire.excerpts[0], withdrawn_in="r2"), wire.excerpts[1]])

        text = _saved(_with_source(casebook, changed), book, "sources/wire.toml")

        expected = SOURCE.replace(
            "# a TOML date-time, in the file's zone\n",
            "# a TOML date-time, in the file's zone\n\n"
            '[[revisions]]\nid = "r2"\npublished = "2023-11-21 UTC"\n',
        ).replace('stances = { c1 = "asserts" }   # the headline\n',
                  'stances = { c1 = "asserts" }   # the headline\nwithdrawn_in = "r2"\n')
        assert expected == text

    def test_value_changed_and_removed(self, book):
        """A changed value is replaced where it stands, keeping its comment; a value removed
        (here an empty list, left out as a default) goes, with nothing else."""
        casebook = factcheck.load(book)
        wire = casebook.source_by_id["wire"]
        changed = attrs.evolve(wire, title="Wire report, corrected", speaks_for=["acme"])

        text = _saved(_with_source(casebook, changed), book, "sources/wire.toml")

        expected = SOURCE.replace('title = "Wire report"', 'title = "Wire report, corrected"') \
            .replace("speaks_for = []", 'speaks_for = [\n    "acme",\n]')
        assert expected == text

    def test_top_level_key_added(self, book):
        """A key new to the file goes after its last top-level key, before the tables."""
        casebook = factcheck.load(book)
        wire = casebook.source_by_id["wire"]

        text = _saved(_with_source(casebook, attrs.evolve(wire, url="https://example.org/w")),
                      book, "sources/wire.toml")

        assert SOURCE.replace("speaks_for = []\n",
                              'speaks_for = []\nurl = "https://example.org/w"\n') == text

    def test_excerpt_added(self, book):
        """A new excerpt is appended after the last, in the file's style (inline stances), and
        the comment that ended the file still ends it."""
        casebook = factcheck.load(book)
        wire = casebook.source_by_id["wire"]
        new = Excerpt("wire-3", "r1", 'A "new" line\nand another', {"c2": "mentions"},
                      source="wire")

        text = _saved(_with_source(casebook, attrs.evolve(
            wire, excerpts=[*wire.excerpts, new])), book, "sources/wire.toml")

        expected = SOURCE.replace("\n# --- the end ---\n", "") + (
            '\n[[excerpts]]\nid = "wire-3"\nrevision = "r1"\n'
            'quote = """\nA \\"new\\" line\nand another"""\n'
            'stances = { c2 = "mentions" }\n\n# --- the end ---\n')
        assert expected == text

    def test_excerpt_inserted_between(self, book):
        """An excerpt placed between two others is written between them."""
        casebook = factcheck.load(book)
        wire = casebook.source_by_id["wire"]
        new = Excerpt("wire-1b", "r1", "Between.", {"c1": "mentions"}, source="wire")

        text = _saved(_with_source(casebook, attrs.evolve(
            wire, excerpts=[wire.excerpts[0], new, wire.excerpts[1]])), book, "sources/wire.toml")

        expected = SOURCE.replace(
            '# the headline\n\n',
            '# the headline\n\n[[excerpts]]\nid = "wire-1b"\nrevision = "r1"\n'
            'quote = "Between."\nstances = { c1 = "mentions" }\n\n')
        assert expected == text

    def test_excerpt_removed(self, book):
        """A removed excerpt goes; the comment that ended it stays, before what followed."""
        casebook = factcheck.load(book)
        wire = casebook.source_by_id["wire"]

        text = _saved(_with_source(casebook, attrs.evolve(wire, excerpts=[wire.excerpts[0]])),
                      book, "sources/wire.toml")

        start = SOURCE.index("[[excerpts]]\nid = \"wire-2\"")
        expected = SOURCE[:start] + "# --- the end ---\n"
        assert expected == text

    def test_revision_added_before_a_section_comment(self, book):
        """A new revision goes after the last one, and the comment that introduced the excerpts
        still introduces them."""
        casebook = factcheck.load(book)
        wire = casebook.source_by_id["wire"]
        r2 = Revision("r2", When.parse("2023-11-21T08:00", "Asia/Seoul"), label="update")

        text = _saved(_with_source(casebook, attrs.evolve(wire, revisions=[*wire.revisions, r2])),
                      book, "sources/wire.toml")

        assert text.index('id = "r2"') < text.index("# --- excerpts of r1 ---")
        assert ('[[revisions]]\nid = "r2"\npublished = "2023-11-21T08:00 Asia/Seoul"\n'
                'label = "update"\n\n# --- excerpts of r1 ---') in text


class TestClaimFileEdits:
    """Edits to a claim file touch only what changed."""

    def test_expectation_changed(self, book):
        """A changed list of expectations is rewritten whole (with the comments inside it); the
        claims and comments around it stay."""
        casebook = factcheck.load(book)
        c1 = casebook.claim("c1")
        expect = [attrs.evolve(c1.expect[0], status=("confirmed",))]

        text = _saved(_with_claims(casebook, claims=[
            attrs.evolve(c1, expect=expect), casebook.claim("c2")]), book, "claims/acme.toml")

        start, end = CLAIMS.index("expect = ["), CLAIMS.index("]\n\n[[claims]]") + 2
        expected = CLAIMS[:start] + (
            'expect = [\n    { as_of = "2023-11-21", status = "confirmed", tz = "UTC" },\n]\n'
        ) + CLAIMS[end:]
        assert expected == text

    def test_claim_removed_and_added(self, book):
        """One claim goes, another comes; its relation goes with the claim it named."""
        casebook = factcheck.load(book)
        c3 = attrs.evolve(casebook.claim("c2"), id="c3", text="ACME stays.", valid=None)

        files = [attrs.evolve(casebook.files[0], claims=["c1", "c3"], relations=[])]
        changed = attrs.evolve(casebook, claims=[casebook.claim("c1"), c3], relations=[],
                               files=files, source_files=casebook.source_files)

        text = _saved(changed, book, "claims/acme.toml")

        expected = CLAIMS[:CLAIMS.index('[[claims]]\nid = "c2"')] + (
            '[[claims]]\nid = "c3"\nkind = "event"\ntext = "ACME stays."\nsubjects = [\n'
            '    "acme",\n]\nclaimant = "acme"\n')
        assert expected == text


class TestFreshForm:
    """A file in the form saving writes, edited in place, is what saving fresh writes."""

    def test_edit_equals_fresh_save(self, book, tmp_path):
        """A revision and a withdrawal added in place give the bytes of a fresh save."""
        factcheck.save(factcheck.load(book), tmp_path / "fresh")
        casebook = factcheck.load(tmp_path / "fresh")
        wire = casebook.source_by_id["wire"]
        r2 = Revision("r2", When.parse("2023-11-21", "UTC"), label="update")
        changed = _with_source(casebook, attrs.evolve(
            wire, revisions=[*wire.revisions, r2],
            excerpts=[attrs.evolve(wire.excerpts[0], withdrawn_in="r2"), wire.excerpts[1]]))

        factcheck.save(changed, tmp_path / "fresh")
        factcheck.save(changed, tmp_path / "new")

        assert snapshot(tmp_path / "new") == snapshot(tmp_path / "fresh")


class TestNewFiles:
    """A file that is not there yet is written whole, as before."""

    def test_saved_elsewhere_is_fresh(self, book, tmp_path):
        """Saved to an empty folder, the files are the fresh form: no comments, times zoned."""
        factcheck.save(factcheck.load(book), tmp_path / "elsewhere")

        text = (tmp_path / "elsewhere" / "sources" / "wire.toml").read_text("utf-8")
        assert "#" not in text
        assert 'published = "2023-11-20T10:00:00 UTC"' in text

    def test_unreadable_file_is_replaced(self, book, tmp_path):
        """A file there that is not a valid source is written anew rather than patched."""
        target = tmp_path / "other"
        (target / "sources").mkdir(parents=True)
        (target / "sources" / "wire.toml").write_text("this is = = not TOML", "utf-8")

        factcheck.save(factcheck.load(book), target)

        assert factcheck.load(book) == factcheck.load(target)


#: Text as fact-checkers paste it: quotes, backslashes, newlines, carriage returns, Korean, emoji.
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


class TestRandomEdits:
    """Any text written into a hand-written file in place reads back as written."""

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(quote=texts.filter(lambda t: t.strip() != ""), note=texts | st.none(),
           prefix=texts | st.none(), title=texts)
    def test_text_survives(self, quote, note, prefix, title):
        """Quotes, notes, prefixes and titles of any text survive an in-place save, and the
        comments of the file stay."""
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            (root / "sources").mkdir()
            (root / "claims").mkdir()
            (root / "sources" / "wire.toml").write_text(SOURCE, "utf-8")
            (root / "claims" / "acme.toml").write_text(CLAIMS, "utf-8")
            casebook = factcheck.load(root)
            wire = casebook.source_by_id["wire"]
            excerpt = attrs.evolve(wire.excerpts[1], quote=quote, note=note, prefix=prefix)
            new = Excerpt("wire-3", "r1", quote, {"c2": "mentions"}, note=note, source="wire")
            changed = _with_source(casebook, attrs.evolve(
                wire, title=title, excerpts=[wire.excerpts[0], excerpt, new]))

            factcheck.save(changed, root)

            assert changed == factcheck.load(root)
            text = (root / "sources" / "wire.toml").read_text("utf-8")
            assert "# never rename: excerpts are cited by it" in text
