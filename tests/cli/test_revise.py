"""``factcheck revise`` and ``factcheck diff`` on the shipped newsletter, as a user runs them."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import attrs
import pytest

import factcheck
from factcheck._textnorm import folded

ROOT = Path(__file__).parents[2]
NEWSLETTER = "seed-001"
STATES = {
    "update-1120": ("sources/snapshots/seed-001/update-1120.txt", "2023-11-20",
                    "2023-11-20 업데이트"),
    "update-1122": ("sources/snapshots/001_65c82d30fb48049b.txt", "2023-11-22",
                    "2023-11-22 업데이트"),
}


@pytest.fixture(scope="module")
def shipped() -> factcheck.Casebook:
    return factcheck.load(ROOT)


def _only(casebook: factcheck.Casebook, revisions: list[str]) -> factcheck.Casebook:
    """The casebook as it was when the newsletter had only these revisions (and their excerpts)."""
    source = casebook.source_by_id[NEWSLETTER]
    earlier = attrs.evolve(
        source, revisions=[r for r in source.revisions if r.id in revisions],
        excerpts=[e for e in source.excerpts if e.revision in revisions])
    return attrs.evolve(casebook, sources=[earlier if s.id == NEWSLETTER else s
                                           for s in casebook.sources],
                        files=casebook.files, source_files=casebook.source_files)


@pytest.fixture
def first_day(tmp_path: Path, shipped: factcheck.Casebook) -> Path:
    """A copy of the shipped casebook as it stood on 19 November: the newsletter's original only."""
    root = tmp_path / "book"
    for name in ("sources", "claims"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "casebook.toml", root)
    factcheck.save(_only(shipped, ["original"]), root)
    return root


def _revise(run, root: Path, revision: str, *extra: str):
    snapshot, published, label = STATES[revision]
    return run("revise", NEWSLETTER, root, "--snapshot", root / snapshot, "--published",
               published, "--label", label, "--id", revision, *extra)


class TestShippedNewsletter:
    """The newsletter's three states, revised in turn, give the revisions written by hand."""

    def test_reproduces_the_revisions(self, run, first_day, shipped):
        """Each update, revised from its snapshot, is the revision written by hand, with the same
        (no) withdrawals; between the two, the person adds the excerpts of the first update."""
        first = _revise(run, first_day, "update-1120")
        after_first = factcheck.load(first_day)
        with_excerpts = _only(shipped, ["original", "update-1120"])
        factcheck.save(with_excerpts, first_day)
        second = _revise(run, first_day, "update-1122")

        revised = factcheck.load(first_day).source_by_id[NEWSLETTER]
        by_hand = shipped.source_by_id[NEWSLETTER]
        assert (0, 0) == (first.code, second.code), first.err + second.err
        assert by_hand.revisions[:2] == after_first.source_by_id[NEWSLETTER].revisions
        assert by_hand.revisions == revised.revisions
        assert [e for e in by_hand.excerpts if e.revision != "update-1122"] == \
            list(revised.excerpts)
        assert [] == [e.id for e in revised.excerpts if e.withdrawn_in]
        assert "withdrawn: 0 excerpt(s)" in first.out
        assert "status changes as of 2023-11-21 00:00 KST: 0" in first.out

    @pytest.mark.parametrize("revision", ["update-1120", "update-1122"])
    def test_candidates_hold_the_excerpts_written_by_hand(self, run, first_day, shipped,
                                                          revision):
        """Every excerpt written by hand for an update lies in the passages revise lists."""
        if revision == "update-1122":
            factcheck.save(_only(shipped, ["original", "update-1120"]), first_day)
            shipped_source = shipped.source_by_id[NEWSLETTER]
            source = factcheck.load(first_day).source_by_id[NEWSLETTER]
            assert shipped_source.revisions[1] == source.revisions[1]

        result = _revise(run, first_day, revision, "--dry-run")

        listed = folded(result.out)
        by_hand = [e for e in shipped.source_by_id[NEWSLETTER].excerpts if e.revision == revision]
        assert by_hand
        # A quote of two sentences is listed as two passages.
        assert [] == [e.id for e in by_hand if not all(
            part in listed for part in re.split(r"(?<=[.?!]) ", folded(e.quote)))]

    def test_comments_kept(self, run, first_day):
        """The hand-written file keeps its comments and layout: the revision is added, no more."""
        before = (first_day / "sources" / "seed-001.toml").read_text("utf-8")

        _revise(run, first_day, "update-1120")

        after = (first_day / "sources" / "seed-001.toml").read_text("utf-8")
        assert "# --- the original issue, 19 Nov ---" in after
        assert before.splitlines()[:20] == after.splitlines()[:20]
        assert len(after.splitlines()) - len(before.splitlines()) == 7

    def test_twice_changes_nothing(self, run, first_day):
        """Running it again with the same snapshot says so and changes no file."""
        _revise(run, first_day, "update-1120")
        before = {p: p.read_bytes() for p in first_day.rglob("*") if p.is_file()}

        again = _revise(run, first_day, "update-1120")

        assert 0 == again.code
        assert "holds this snapshot already" in again.out
        assert before == {p: p.read_bytes() for p in first_day.rglob("*") if p.is_file()}

    def test_dry_run_writes_nothing(self, run, first_day):
        """--dry-run prints the same report and writes no file."""
        before = {p: p.read_bytes() for p in first_day.rglob("*") if p.is_file()}

        result = _revise(run, first_day, "update-1120", "--dry-run")

        assert result.out.endswith("dry run: nothing written\n")
        assert before == {p: p.read_bytes() for p in first_day.rglob("*") if p.is_file()}

    def test_status_changes_in_another_zone(self, run, first_day):
        """--tz shows the as-of in the zone asked for."""
        result = _revise(run, first_day, "update-1120", "--dry-run", "--tz",
                         "America/Los_Angeles")

        assert "status changes as of 2023-11-20 07:00 PST: 0" in result.out


def _as_html(text: str) -> str:
    """The page as a newsletter platform serves it: menus, a header, list items, a footer."""
    lines = text.splitlines()
    body = "".join(f"<ul><li>{html.escape(line[2:])}</li></ul>" if line.startswith("- ")
                   else f"<p>{html.escape(line)}</p>" for line in lines[3:-2])
    return (f"<!DOCTYPE html><html><head><title>{html.escape(lines[0])}</title></head><body>"
            '<header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>'
            f"<main><article><h1>{html.escape(lines[0])}</h1><p>{html.escape(lines[1])}</p>"
            f"<time>{html.escape(lines[2])}</time>{body}</article></main>"
            '<footer><a href="/share">Share article</a> <button>Subscribe to my newsletter'
            "</button></footer></body></html>")


class TestHtmlPage:
    """The update saved as the web page it was, not as text."""

    def test_same_reading_as_the_text(self, run, first_day, shipped, tmp_path):
        """From the HTML page, revise reads what it reads from the text: nothing withdrawn,
        nothing to judge, every hand-written excerpt of the update among the passages; the page
        is kept with its text beside it, and the casebook checks without errors."""
        page = tmp_path / "update-1120.html"
        page.write_text(_as_html((first_day / STATES["update-1120"][0]).read_text("utf-8")),
                        "utf-8")

        result = run("revise", NEWSLETTER, first_day, "--snapshot", page, "--published",
                     "2023-11-20", "--id", "update-1120")

        assert 0 == result.code, result.err
        assert "withdrawn: 0 excerpt(s)" in result.out
        assert "to judge: 0 excerpt(s)" in result.out
        listed = folded(result.out)
        by_hand = [e for e in shipped.source_by_id[NEWSLETTER].excerpts
                   if e.revision == "update-1120"]
        assert [] == [e.id for e in by_hand if not all(
            part in listed for part in re.split(r"(?<=[.?!]) ", folded(e.quote)))]
        kept = first_day / "sources" / "snapshots" / "seed-001"
        assert (kept / "update-1120.html").read_bytes() == page.read_bytes()
        assert "Subscribe" not in (kept / "update-1120.html.txt").read_text("utf-8")
        assert [] == [f.line() for f in factcheck.load(first_day).findings()
                      if f.severity.value == "error"]


class TestMistakes:
    """Bad input gets a clear message, not a traceback."""

    def test_unknown_source(self, run, first_day):
        """A misspelt source id is refused with a suggestion."""
        result = run("revise", "seed-01", first_day, "--snapshot", "x", "--published",
                     "2023-11-20")

        assert 2 == result.code
        assert "no source 'seed-01'" in result.err
        assert "seed-001" in result.err

    def test_missing_snapshot(self, run, first_day):
        """A snapshot that is not there is named."""
        result = run("revise", NEWSLETTER, first_day, "--snapshot", first_day / "nope.txt",
                     "--published", "2023-11-20")

        assert 2 == result.code
        assert "cannot read the snapshot" in result.err

    def test_taken_id(self, run, first_day):
        """A revision id already used, with another snapshot, is refused."""
        result = run("revise", NEWSLETTER, first_day, "--snapshot",
                     first_day / STATES["update-1120"][0], "--published", "2023-11-20",
                     "--id", "original")

        assert 2 == result.code
        assert "has a revision 'original' already" in result.err


class TestDiff:
    """``factcheck diff`` on the shipped newsletter."""

    def test_latest_update(self, run):
        """By default, the last update against the one before: what it added, where."""
        result = run("diff", NEWSLETTER, ROOT)

        assert 0 == result.code, result.err
        assert result.out.startswith("seed-001: update-1120 -> update-1122: 1 change(s)\n")
        assert "{+2023-11-22 업데이트: - 돌고 돌아 샘 알트만이" in result.out
        assert "touches: s1u2-new-board, s1u2-only-adam, s1u2-returns" in result.out

    def test_from_original(self, run):
        """--from and --to choose the revisions."""
        result = run("diff", NEWSLETTER, ROOT, "--from", "original", "--to", "update-1120")

        assert result.out.startswith("seed-001: original -> update-1120: 1 change(s)\n")
        assert "@@ line 38 -> line 38" in result.out

    def test_unknown_revision(self, run):
        """An unknown revision is named with the ones there are."""
        result = run("diff", NEWSLETTER, ROOT, "--from", "nope")

        assert 2 == result.code
        assert "has no revision 'nope' (it has original, update-1120, update-1122)" in result.err
