"""The consistency findings of the resolution issue: cycles, conflicts, anachronisms, and more."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import factcheck
from factcheck import (
    Casebook,
    CasebookSettings,
    Claim,
    ClaimKind,
    Excerpt,
    Revision,
    Severity,
    Source,
    SourceKind,
    Stakeholder,
    StakeholderKind,
    Status,
    When,
)

MINI = Path(__file__).parent.parent / "data" / "mini"

CEO_PROPERTY = """
[[properties]]
id = "ceo"
single_valued = true
text = "chief executive officer of"
"""


def _casebook(tmp_path: Path, extra_claims: str = "", extra_sources: dict[str, str] | None = None):
    """The mini casebook plus the given claim-file text and source files."""
    root = tmp_path / "cb"
    shutil.copytree(MINI, root)
    if extra_claims:
        (root / "claims" / "extra.toml").write_text(extra_claims, encoding="utf-8")
    for name, text in (extra_sources or {}).items():
        (root / "sources" / name).write_text(text, encoding="utf-8")
    return factcheck.load(root)


def _codes(casebook, severity=None):
    return [(f.code, f.file, f.path) for f in casebook.findings()
            if severity is None or f.severity is severity]


def _state(claim_id: str, value: str, valid: str, until: str | None = None) -> str:
    until_line = f'until = "{until}"\n' if until else ""
    return f"""
[[claims]]
id = "{claim_id}"
kind = "state"
text = "{value} is CEO of OpenAI"
subjects = ["openai"]
claimant = "openai"
valid = "{valid}"
{until_line}fact = {{ subject = "openai", property = "ceo", value = "{value}" }}
"""


class TestMini:
    """The small headline casebook is clean but for claims nothing cites."""

    def test_no_errors(self, mini):
        """The mini casebook has no error findings."""
        assert [] == [f for f in mini.findings() if f.severity is Severity.ERROR]


class TestCycles:
    """Cycles in supports or supersedes are errors, reported once with their path."""

    @pytest.mark.parametrize("kind", ["supports", "supersedes"])
    def test_cycle(self, tmp_path, kind):
        """A → B → A is one cycle finding at the relation that closes it."""
        text = f"""
[[relations]]
kind = "{kind}"
from = "board-accepts-demands"
to = "altman-returns-as-ceo"

[[relations]]
kind = "{kind}"
from = "altman-returns-as-ceo"
to = "board-accepts-demands"
"""
        casebook = _casebook(tmp_path, text)
        cycles = [f for f in casebook.findings() if f.code == f"{kind}-cycle"]
        assert 1 == len(cycles)
        assert Severity.ERROR == cycles[0].severity
        assert "claims/extra.toml" == cycles[0].file
        assert "board-accepts-demands" in cycles[0].message


class TestUndeclaredConflicts:
    """Two values of a single-valued property for overlapping valid times."""

    def test_definite_overlap_is_an_error(self, tmp_path):
        """Two CEOs at once, for certain, with no relation declared: an error."""
        text = ('zone = "America/Los_Angeles"\n' + CEO_PROPERTY
                + _state("ceo-murati", "mira-murati", "2023-11-17T12:28", "2023-11-19T23:00")
                + _state("ceo-shear", "emmett-shear", "2023-11-19T21:00"))
        found = [f for f in _casebook(tmp_path, text).findings()
                 if f.code == "undeclared-conflict"]
        assert [(Severity.ERROR, "claims/extra.toml", "claims[1]")] == [
            (f.severity, f.file, f.path) for f in found]

    def test_possible_overlap_is_a_warning(self, tmp_path):
        """Overlap only within the imprecision of the times: a warning, told apart."""
        text = ('zone = "America/Los_Angeles"\n' + CEO_PROPERTY
                + _state("ceo-murati", "mira-murati", "2023-11-17T12:28", "2023-11-19")
                + _state("ceo-shear", "emmett-shear", "2023-11-19 evening"))
        found = [f for f in _casebook(tmp_path, text).findings()
                 if f.code == "undeclared-conflict"]
        assert [Severity.WARNING] == [f.severity for f in found]

    def test_declared_relation_silences_it(self, tmp_path):
        """A declared supersedes between the two states means the conflict is known."""
        text = ('zone = "America/Los_Angeles"\n' + CEO_PROPERTY
                + _state("ceo-murati", "mira-murati", "2023-11-17T12:28", "2023-11-19T23:00")
                + _state("ceo-shear", "emmett-shear", "2023-11-19T21:00")
                + '\n[[relations]]\nkind = "supersedes"\nfrom = "ceo-shear"\nto = "ceo-murati"\n')
        codes = [f.code for f in _casebook(tmp_path, text).findings()]
        assert "undeclared-conflict" not in codes

    def test_disjoint_times_are_fine(self, tmp_path):
        """One CEO after another, certainly apart: no finding."""
        text = ('zone = "America/Los_Angeles"\n' + CEO_PROPERTY
                + _state("ceo-murati", "mira-murati", "2023-11-17T12:28", "2023-11-19T20:00")
                + _state("ceo-shear", "emmett-shear", "2023-11-19T21:00"))
        codes = [f.code for f in _casebook(tmp_path, text).findings()]
        assert "undeclared-conflict" not in codes


class TestAnachronism:
    """A revision reporting as past an event that had not yet happened when it was published."""

    SOURCE = """
id = "early"
title = "Too early"
kind = "article"
publisher = "Early Bird"
language = "en"
zone = "Asia/Seoul"

[[revisions]]
id = "r"
published = "{published}"

[[excerpts]]
id = "early-e"
revision = "r"
quote = "Altman returns"
stances = {{ altman-returns-as-ceo = "asserts" }}
"""

    def test_certainly_before_is_an_error(self, tmp_path):
        """Published on 21 Nov in Seoul, the return (about 15:00 KST on 22 Nov) had not happened."""
        casebook = _casebook(tmp_path, extra_sources={
            "early.toml": self.SOURCE.format(published="2023-11-21")})
        found = [f for f in casebook.findings() if f.code == "anachronism"]
        assert [("sources/early.toml", "excerpts[0].stances.altman-returns-as-ceo")] == [
            (f.file, f.path) for f in found]

    def test_same_day_across_zones_is_not_flagged(self, tmp_path):
        """Dated 22 Nov in Seoul: the return may already have happened, so no finding."""
        casebook = _casebook(tmp_path, extra_sources={
            "early.toml": self.SOURCE.format(published="2023-11-22")})
        assert "anachronism" not in [f.code for f in casebook.findings()]


class TestPredictionsAndCoverage:
    """Predictions past due without outcome, and claims nothing cites."""

    def test_past_due_and_no_excerpt(self, tmp_path):
        """A prediction due before the last publication, cited by nothing, gets both findings;
        once made, it lapses at its due time and is no longer past due but failed."""
        text = """
[[claims]]
id = "openai-collapses"
kind = "prediction"
text = "OpenAI will collapse within days."
subjects = ["openai"]
claimant = "newsletter"
due = "2023-11-20 Asia/Seoul"
"""
        casebook = _casebook(tmp_path, text)
        codes = {f.code for f in casebook.findings() if f.path and f.path.startswith("claims[0]")}
        assert {"no-excerpt", "past-due"} <= codes
        # Made, it lapses at its due time instead (#13): failed, with nothing left to flag.
        source = """
id = "oracle"
title = "Oracle"
kind = "blog"
publisher = "Oracle"
language = "en"
zone = "Asia/Seoul"

[[revisions]]
id = "r"
published = "2023-11-19"

[[excerpts]]
id = "oracle-e"
revision = "r"
quote = "OpenAI will collapse"
stances = { openai-collapses = "asserts" }
"""
        casebook = _casebook(tmp_path / "2", text, {"oracle.toml": source})
        past_due = [f for f in casebook.findings() if f.code == "past-due"]
        assert [] == past_due
        assert "pending" == casebook.status("openai-collapses", "2023-11-20T23:59").status
        lapsed = casebook.status("openai-collapses", "2023-11-21")
        assert ("failed", True) == (lapsed.status, lapsed.lapsed)


class TestSnapshots:
    """Quotes are checked against a source's snapshot, named as the source names it."""

    def _with_snapshot(self, tmp_path: Path, folder: str, text: str | None) -> factcheck.Casebook:
        root = tmp_path / folder
        shutil.copytree(MINI, root)
        source = root / "sources" / "nadella.toml"
        source.write_text(
            source.read_text(encoding="utf-8").replace(
                'speaks_for = ["microsoft"]\n',
                'speaks_for = ["microsoft"]\nsnapshot = "sources/snapshots/nadella.txt"\n'),
            encoding="utf-8")
        if text is not None:
            (root / "sources" / "snapshots").mkdir()
            (root / "sources" / "snapshots" / "nadella.txt").write_text(text, encoding="utf-8")
        return factcheck.load(root)

    def test_missing_snapshot_is_named_relative_to_the_casebook(self, tmp_path):
        """A missing snapshot is reported by its path in the source, the same in any folder."""
        lines = [
            [f.line() for f in self._with_snapshot(tmp_path, folder, None).findings()
             if f.code == "snapshot-missing"]
            for folder in ("desk-a", "elsewhere/desk-b")
        ]
        assert 1 == len(lines[0])
        assert "snapshot sources/snapshots/nadella.txt is not available" in lines[0][0]
        assert lines[0] == lines[1]

    def test_quote_not_in_snapshot(self, tmp_path):
        """A quote the snapshot does not hold is an error at the excerpt's quote."""
        book = self._with_snapshot(tmp_path, "desk", "Nothing Satya Nadella wrote.\n")
        found = [f for f in book.findings() if f.code == "quote-not-found"]
        assert [("sources/nadella.toml", "excerpts[0].quote")] == [(f.file, f.path) for f in found]
        assert "snapshot sources/snapshots/nadella.txt" in found[0].message

    def test_quote_across_a_line_break(self, tmp_path):
        """A quote wrapped over two lines of the snapshot is still found."""
        text = ("Sam Altman and Greg Brockman will be joining Microsoft to lead a new\n"
                "advanced AI research team.\n")
        book = self._with_snapshot(tmp_path, "desk", text)
        assert [] == [f for f in book.findings() if f.code == "quote-not-found"]


class TestIgnoredFiles:
    """Files the loader does not read are named, so a misnamed claim file is not lost silently."""

    def test_mistyped_ending_is_a_warning(self, tmp_path):
        """A claim file ending in .tml is reported where it lies; folders, dot-files and notes
        (README.md) are not."""
        root = tmp_path / "cb"
        shutil.copytree(MINI, root)
        (root / "claims" / "board.tml").write_text("[[claims]]\n", encoding="utf-8")
        (root / "claims" / ".#headline.toml").write_text("", encoding="utf-8")
        (root / "sources" / "snapshots").mkdir()
        (root / "claims" / "README.md").write_text("Desk notes.\n", encoding="utf-8")
        found = [f for f in factcheck.load(root).findings() if f.code == "ignored-file"]
        assert [("claims/board.tml", Severity.WARNING)] == [(f.file, f.severity) for f in found]
        assert "holds files ending in .toml or .jsonl" in found[0].message

    def test_the_shipped_casebook_has_none(self, shipped):
        """Every file in the shipped sources/ and claims/ is read."""
        assert [] == [f for f in shipped.findings() if f.code == "ignored-file"]


class TestWithdrawnBeforeCounted:
    """An excerpt withdrawn before its own revision was certainly public never counts."""

    def test_never_counts_and_is_a_warning(self):
        """Day-precision original, same-day timed update removing it: never support, warned."""
        zone = "Asia/Seoul"
        source = Source("wire", "Wire", SourceKind.ARTICLE, "Wire", "en", zone,
                        [Revision("r1", When.parse(f"2023-11-20 {zone}")),
                         Revision("r2", When.parse(f"2023-11-20T10:00 {zone}"))],
                        [Excerpt("e0", "r1", "q", {"a": "asserts"}, withdrawn_in="r2",
                                 source="wire")])
        book = Casebook(CasebookSettings(zone=zone),
                        [Stakeholder("acme", "Acme", StakeholderKind.ORGANISATION)], [source],
                        [Claim("a", ClaimKind.EVENT, "a", ["acme"], "acme")], [])
        assert [Status.UNREPORTED] == book.timeline("a").statuses()
        found = [f for f in book.findings() if f.code == "withdrawn-before-counted"]
        assert [(Severity.WARNING, "excerpts[0].withdrawn_in")] == [(f.severity, f.path)
                                                                   for f in found]


class TestUnreadableSnapshot:
    def test_read_error_is_a_finding(self, tmp_path, monkeypatch):
        """A snapshot that exists but cannot be read is an error finding, not a traceback."""
        book = TestSnapshots()._with_snapshot(tmp_path, "desk", "text\n")
        real = Path.read_bytes

        def failing(self: Path) -> bytes:
            if self.name == "nadella.txt":
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", failing)
        found = [f for f in book.findings() if f.code == "snapshot-unreadable"]
        assert [("sources/nadella.toml", "snapshot")] == [(f.file, f.path) for f in found]
        assert "snapshot sources/snapshots/nadella.txt cannot be read (Permission denied)" in (
            found[0].message)
