"""Broken casebooks: each names the file, the key path and what was expected; none loads partly."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

import factcheck
from factcheck import CasebookError, LoadError, Severity
from factcheck._cli import main

from .casebooks import copy_mini, edit

Change = Callable[[Path], None]


def _edit(file: str, old: str, new: str) -> Change:
    return lambda root: edit(root, file, old, new)


def _remove(folder: str) -> Change:
    return lambda root: shutil.rmtree(root / folder)


def _write_bytes(file: str, data: bytes) -> Change:
    return lambda root: (root / file).write_bytes(data)


def _mkdir(folder: str) -> Change:
    return lambda root: (root / folder).mkdir()


def _recode(file: str, encoding: str, old: str = "", new: str = "") -> Change:
    """Rewrite ``file`` in another encoding than UTF-8 (after replacing ``old`` with ``new``)."""
    def change(root: Path) -> None:
        text = (root / file).read_text(encoding="utf-8")
        (root / file).write_bytes(text.replace(old, new).encode(encoding, errors="replace"))
    return change


def _changes(*changes: Change) -> Change:
    def change(root: Path) -> None:
        for one in changes:
            one(root)
    return change


JSONL_CLAIM = ('{"id": "c9", "kind": "opinion", "text": "t", "subjects": ["microsoft"], '
               '"claimant": "microsoft"')


class Broken(NamedTuple):
    """One targeted edit of the mini casebook, and the finding it must produce."""

    id: str
    change: Change
    file: str  # "{root}" stands for the casebook folder
    path: str | None
    fragment: str
    code: str = "invalid-value"
    unreadable: bool = False

    @property
    def exit_code(self) -> int:
        return 2 if self.unreadable else 1


HEADLINE = "claims/headline.toml"
STAKEHOLDERS = "claims/stakeholders.toml"
NADELLA = "sources/nadella.toml"
NEWSLETTER = "sources/newsletter.toml"
OPENAI_X = "sources/openai-x.toml"
JOINS_VALID = 'valid = "2023-11-19T23:53"\n'


def _expect(lines: str) -> Change:
    """Add an expectation to altman-joins-microsoft (claims[1])."""
    return _edit(HEADLINE, JOINS_VALID, f"{JOINS_VALID}\n[[claims.expect]]\n{lines}\n")


CASES = [
    # -- shape: unknown keys, wrong types, missing keys -----------------------------------------
    Broken("unknown-key-in-claim",
           _edit(HEADLINE, 'valid = "2023-11-18 evening"', 'valid = "2023-11-18 evening"\n'
                 'colour = "red"'),
           HEADLINE, "claims[0]", "unknown key(s) colour: not part of the format"),
    Broken("unknown-key-in-revision",
           _edit(NADELLA, 'published = "2023-11-19T23:53:28"',
                 'published = "2023-11-19T23:53:28"\npublisher = "X"'),
           NADELLA, "revisions[0]", "unknown key(s) publisher"),
    Broken("unknown-key-at-top-of-source",
           _edit(NADELLA, 'id = "nadella"', 'id = "nadella"\npublished = "2023-11-19"'),
           NADELLA, None, "unknown key(s) published"),
    Broken("unknown-key-at-top-of-claim-file",
           _edit(HEADLINE, 'zone = "America/Los_Angeles"\n',
                 'zone = "America/Los_Angeles"\ntopic = "headline"\n'),
           HEADLINE, None, "unknown key(s) topic"),
    Broken("unknown-key-in-casebook-toml",
           _edit("casebook.toml", 'zone = "Asia/Seoul"', 'zone = "Asia/Seoul"\nauthor = "me"'),
           "casebook.toml", None, "unknown key(s) author"),
    Broken("unknown-key-in-expectation", _expect('as_of = "2023-11-21"\nstatus = "confirmed"\n'
                                                 'when = "later"'),
           HEADLINE, "claims[1].expect[0]", "unknown key(s) when"),
    Broken("wrong-type-list-of-strings",
           _edit(HEADLINE, 'subjects = ["openai-board", "sam-altman"]', 'subjects = "sam-altman"'),
           HEADLINE, "claims[0].subjects", "expected a list of strings, got a string"),
    Broken("wrong-type-item-in-list",
           _edit(STAKEHOLDERS, 'aliases = ["샘 알트만", "샘 알트먼"]',
                 'aliases = ["샘 알트만", 3]'),
           STAKEHOLDERS, "stakeholders[0].aliases", "item 1 is a number (3)"),
    Broken("wrong-type-string",
           _edit(HEADLINE, 'text = "Altman joins Microsoft."', "text = 42"),
           HEADLINE, "claims[1].text", "expected a string, got a number (42)"),
    Broken("wrong-type-number",
           _edit("casebook.toml", 'zone = "Asia/Seoul"', 'zone = "Asia/Seoul"\n'
                 'corroboration = "two"'),
           "casebook.toml", "corroboration", "expected a whole number, got a string ('two')"),
    Broken("wrong-type-boolean",
           _edit(HEADLINE, 'zone = "America/Los_Angeles"\n', 'zone = "America/Los_Angeles"\n'
                 '[[properties]]\nid = "ceo"\nsingle_valued = "yes"\n'),
           HEADLINE, "properties[0].single_valued", "expected true or false"),
    Broken("wrong-type-table", _edit(HEADLINE, JOINS_VALID, f'{JOINS_VALID}fact = "ceo"\n'),
           HEADLINE, "claims[1].fact", "expected a table, got a string ('ceo')"),
    Broken("wrong-type-list-of-tables",
           _edit(HEADLINE, JOINS_VALID, f'{JOINS_VALID}expect = "confirmed"\n'),
           HEADLINE, "claims[1].expect", "expected a list of tables, got a string"),
    Broken("wrong-type-stances",
           _edit(NADELLA, 'stances = { altman-joins-microsoft = "asserts" }',
                 'stances = "asserts"'),
           NADELLA, "excerpts[0].stances", "expected a table of claim id = stance"),
    Broken("missing-required-key", _edit(HEADLINE, 'text = "Altman joins Microsoft."\n', ""),
           HEADLINE, "claims[1].text", "required key is missing"),
    Broken("missing-fact-key",
           _edit(HEADLINE, JOINS_VALID, f'{JOINS_VALID}fact = {{ subject = "openai", '
                 'value = "x" }\n'),
           HEADLINE, "claims[1].fact.property", "required key is missing"),
    # -- enumerations ----------------------------------------------------------------------------
    Broken("unknown-claim-kind",
           _edit(HEADLINE, 'kind = "event"\ntext = "Altman joins',
                 'kind = "happening"\ntext = "Altman joins'),
           HEADLINE, "claims[1].kind",
           "expected one of event | state | prediction | opinion, got 'happening'"),
    Broken("unknown-source-kind", _edit(NADELLA, 'kind = "social-post"', 'kind = "tweet"'),
           NADELLA, "kind", "expected one of article | newsletter | blog | company-post"),
    Broken("unknown-stance", _edit(NADELLA, '= "asserts"', '= "endorses"'),
           NADELLA, "excerpts[0].stances",
           "expected one of asserts | supports | refutes | mentions, got 'endorses'"),
    Broken("unknown-stakeholder-kind",
           _edit(STAKEHOLDERS, 'kind = "person"\naliases', 'kind = "human"\naliases'),
           STAKEHOLDERS, "stakeholders[0].kind", "expected one of person | organisation | group"),
    Broken("unknown-relation-kind", _edit(HEADLINE, 'kind = "contradicts"', 'kind = "refutes"'),
           HEADLINE, "relations[0].kind",
           "expected one of contradicts | supersedes | corrects | supports"),
    # -- times -----------------------------------------------------------------------------------
    Broken("naive-time-in-claim-file-without-zone",
           _edit(HEADLINE, 'zone = "America/Los_Angeles"\n', ""),
           HEADLINE, "claims[0].valid",
           "time '2023-11-18 evening' has no zone, and its file declares none"),
    Broken("naive-time-in-source-without-zone",
           _edit(NADELLA, 'zone = "America/Los_Angeles"\n', ""),
           NADELLA, "revisions[0].published", "has no zone, and its file declares none"),
    Broken("unparsable-time",
           _edit(HEADLINE, 'valid = "2023-11-19T23:53"', 'valid = "next tuesday"'),
           HEADLINE, "claims[1].valid", "expected a time such as"),
    Broken("impossible-date",
           _edit(NEWSLETTER, 'published = "2023-11-22"', 'published = "2023-11-31"'),
           NEWSLETTER, "revisions[2].published", "'2023-11-31' is not a real time"),
    Broken("toml-local-time", _edit(HEADLINE, 'valid = "2023-11-19T23:53"', "valid = 23:53:00"),
           HEADLINE, "claims[1].valid", "a time of day alone is not a time value"),
    Broken("time-as-number", _edit(HEADLINE, 'valid = "2023-11-19T23:53"', "valid = 2023"),
           HEADLINE, "claims[1].valid", "expected a time such as"),
    Broken("interval-backwards",
           _edit(HEADLINE, 'valid = "2023-11-21T21:55/2023-11-21T22:05"',
                 'valid = "2023-11-21T22:05/2023-11-21T21:55"'),
           HEADLINE, "claims[2].valid", "ends before it starts"),
    Broken("unknown-zone-in-source",
           _edit(NADELLA, 'zone = "America/Los_Angeles"', 'zone = "America/Los_Angles"'),
           NADELLA, "zone", "unknown time zone 'America/Los_Angles'"),
    Broken("unknown-zone-in-time",
           _edit(HEADLINE, 'valid = "2023-11-19T23:53"', 'valid = "2023-11-19T23:53 PST8"'),
           HEADLINE, "claims[1].valid", "unknown time zone 'PST8'"),
    Broken("misspelt-part-of-day",
           _edit(HEADLINE, 'valid = "2023-11-18 evening"', 'valid = "2023-11-18 midday"'),
           HEADLINE, "claims[0].valid",
           "expected a part of day (morning | afternoon | evening | night) or a zone after the "
           "date, got 'midday'"),
    Broken("until-on-an-event",
           _edit(HEADLINE, JOINS_VALID, f'{JOINS_VALID}until = "2023-11-22"\n'),
           HEADLINE, "claims[1].until", "`until` is for claims of kind state"),
    Broken("due-on-an-event", _edit(HEADLINE, JOINS_VALID, f'{JOINS_VALID}due = "2023-11-22"\n'),
           HEADLINE, "claims[1].due", "`due` is for claims of kind prediction"),
    Broken("state-ends-before-it-begins",
           _changes(_edit(HEADLINE, 'kind = "event"\ntext = "Altman joins',
                          'kind = "state"\ntext = "Altman joins'),
                    _edit(HEADLINE, JOINS_VALID, f'{JOINS_VALID}until = "2023-11-01"\n')),
           HEADLINE, "claims[1].until", "a state cannot stop before it begins"),
    Broken("expectation-without-any-zone",
           _changes(_edit("casebook.toml", 'zone = "Asia/Seoul"', ""),
                    _expect('as_of = "2023-11-21"\nstatus = "confirmed"')),
           HEADLINE, "claims[1].expect[0].as_of",
           "as_of has no zone, and the casebook declares none"),
    Broken("unknown-zone-in-casebook",
           _edit("casebook.toml", 'zone = "Asia/Seoul"', 'zone = "Asia/Seol"'),
           "casebook.toml", "zone", "unknown time zone 'Asia/Seol'"),
    # -- ids: duplicates and references ----------------------------------------------------------
    Broken("claim-id-not-an-id",
           _edit(HEADLINE, 'id = "altman-returns-as-ceo"', 'id = "Altman Returns"'),
           HEADLINE, "claims[2].id", "expected an id of lowercase letters, digits and hyphens",
           "invalid-id"),
    Broken("empty-stakeholder-id", _edit(STAKEHOLDERS, 'id = "sam-altman"', 'id = ""'),
           STAKEHOLDERS, "stakeholders[0].id", "got ''", "invalid-id"),
    Broken("excerpt-id-with-underscore",
           _edit(NADELLA, 'id = "nadella-joining"', 'id = "nadella_joining"'),
           NADELLA, "excerpts[0].id", "got 'nadella_joining'", "invalid-id"),
    Broken("duplicate-claim-id",
           _edit(HEADLINE, 'id = "altman-returns-as-ceo"', 'id = "board-accepts-demands"'),
           HEADLINE, "claims[2]", "claim id 'board-accepts-demands' is used 2 times",
           "duplicate-id"),
    Broken("duplicate-excerpt-id-across-sources",
           _edit(OPENAI_X, 'id = "openai-return"', 'id = "nl-returns"'),
           OPENAI_X, "excerpts[0].id", "excerpt id 'nl-returns' is used 2 times", "duplicate-id"),
    Broken("duplicate-source-id", _edit(OPENAI_X, 'id = "openai-x"', 'id = "nadella"'),
           NADELLA, "id", "source id 'nadella' is used 2 times", "duplicate-id"),
    Broken("duplicate-revision-id",
           _edit(NEWSLETTER, 'id = "update-1122"', 'id = "update-1120"'),
           NEWSLETTER, "revisions[2].id", "revision id 'update-1120' is used 2 times",
           "duplicate-id"),
    Broken("duplicate-stakeholder-id",
           _edit(STAKEHOLDERS, 'id = "openai-board"', 'id = "openai"'),
           STAKEHOLDERS, "stakeholders[2]", "stakeholder id 'openai' is used 2 times",
           "duplicate-id"),
    Broken("unknown-claimant", _edit(HEADLINE, 'claimant = "microsoft"', 'claimant = "microsft"'),
           HEADLINE, "claims[1].claimant", "claimant 'microsft' is not a stakeholder",
           "unknown-stakeholder"),
    Broken("unknown-subject",
           _edit(HEADLINE, 'subjects = ["sam-altman", "microsoft"]',
                 'subjects = ["sam-altman", "msft"]'),
           HEADLINE, "claims[1].subjects[1]", "subject 'msft' is not a stakeholder",
           "unknown-stakeholder"),
    Broken("unknown-speaks-for",
           _edit(NADELLA, 'speaks_for = ["microsoft"]', 'speaks_for = ["ms"]'),
           NADELLA, "speaks_for[0]", "speaks_for 'ms' is not a stakeholder", "unknown-stakeholder"),
    Broken("unknown-revision", _edit(NADELLA, 'revision = "post"', 'revision = "repost"'),
           NADELLA, "excerpts[0].revision", "revision 'repost' is not a revision of nadella",
           "unknown-revision"),
    Broken("unknown-withdrawn-in",
           _edit(NADELLA, 'revision = "post"', 'revision = "post"\nwithdrawn_in = "later"'),
           NADELLA, "excerpts[0].withdrawn_in", "revision 'later' is not a revision of nadella",
           "unknown-revision"),
    Broken("no-revisions",
           _edit(OPENAI_X, '[[revisions]]\nid = "post"\n'
                 'published = "2023-11-21T21:55/2023-11-21T22:05"\n', "revisions = []\n"),
           OPENAI_X, "revisions", "a source needs at least one [[revisions]]", "no-revision"),
    Broken("unknown-claim-in-stances",
           _edit(NADELLA, "{ altman-joins-microsoft =", "{ altman-joins-msft ="),
           NADELLA, "excerpts[0].stances.altman-joins-msft",
           "claim 'altman-joins-msft' does not exist", "unknown-claim"),
    Broken("empty-stances",
           _edit(NADELLA, 'stances = { altman-joins-microsoft = "asserts" }', "stances = {}"),
           NADELLA, "excerpts[0].stances", "an excerpt needs a stance toward at least one claim",
           "no-stance"),
    Broken("unknown-via", _edit(NADELLA, 'revision = "post"', 'revision = "post"\nvia = "verge"'),
           NADELLA, "excerpts[0].via", "via 'verge' is not a source", "unknown-source"),
    Broken("via-its-own-source",
           _edit(NADELLA, 'revision = "post"', 'revision = "post"\nvia = "nadella"'),
           NADELLA, "excerpts[0].via", "an excerpt cannot relay its own source", "self-reference"),
    Broken("relation-to-itself",
           _edit(HEADLINE, 'to = "board-accepts-demands"', 'to = "altman-joins-microsoft"'),
           HEADLINE, "relations[0]", "a claim cannot contradict itself", "self-relation"),
    Broken("withdrawn-in-its-own-revision",
           _edit(NADELLA, 'revision = "post"', 'revision = "post"\nwithdrawn_in = "post"'),
           NADELLA, "excerpts[0].withdrawn_in", "is the excerpt's own revision"),
    Broken("withdrawn-in-an-earlier-revision",
           _edit(NEWSLETTER, 'revision = "update-1122"',
                 'revision = "update-1122"\nwithdrawn_in = "original"'),
           NEWSLETTER, "excerpts[2].withdrawn_in",
           "was published before the excerpt's revision 'update-1122'"),
    Broken("sha256-not-hex",
           _edit(NADELLA, 'speaks_for', 'sha256 = "abc"\nspeaks_for'),
           NADELLA, "sha256", "64 hexadecimal digits, got 'abc'"),
    Broken("corroboration-zero",
           _edit("casebook.toml", 'zone = "Asia/Seoul"', 'zone = "Asia/Seoul"\ncorroboration = 0'),
           "casebook.toml", "corroboration", "at least 1, got 0"),
    Broken("unknown-claim-in-relation",
           _edit(HEADLINE, 'to = "board-accepts-demands"', 'to = "board-accepts"'),
           HEADLINE, "relations[0].to", "claim 'board-accepts' does not exist", "unknown-claim"),
    Broken("unknown-property-in-fact",
           _edit(HEADLINE, JOINS_VALID, f'{JOINS_VALID}fact = {{ subject = "openai", '
                 'property = "chairman", value = "x" }\n'),
           HEADLINE, "claims[1].fact.property", "property 'chairman' is not declared",
           "unknown-property"),
    Broken("bad-expectation-status", _expect('as_of = "2023-11-21"\nstatus = "confirmd"'),
           HEADLINE, "claims[1].expect[0].status",
           "expected one of unreported | reported | corroborated | confirmed"),
    Broken("bad-expectation-status-in-list",
           _expect('as_of = "2023-11-21"\nstatus = ["confirmed", "dubious"]'),
           HEADLINE, "claims[1].expect[0].status[1]", "got 'dubious'"),
    Broken("bad-expectation-as-of", _expect('as_of = "soon"\nstatus = "confirmed"'),
           HEADLINE, "claims[1].expect[0].as_of", "expected a time such as"),
    Broken("expectation-empty-status-list", _expect('as_of = "2023-11-21"\nstatus = []'),
           HEADLINE, "claims[1].expect[0].status", "got an empty list"),
    Broken("expectation-negative-origins",
           _expect('as_of = "2023-11-21"\nstatus = "confirmed"\norigins = -1'),
           HEADLINE, "claims[1].expect[0].origins", "at least 1, got -1"),
    Broken("bad-expectation-tz",
           _expect('as_of = "2023-11-21"\ntz = "Mars/Base"\nstatus = "confirmed"'),
           HEADLINE, "claims[1].expect[0].tz", "unknown time zone 'Mars/Base'"),
    # -- unreadable: exit 2 ----------------------------------------------------------------------
    Broken("broken-toml",
           _edit(HEADLINE, 'text = "Altman joins Microsoft."', 'text = "Altman joins Microsoft.'),
           HEADLINE, None, "not valid TOML", "broken-toml", unreadable=True),
    Broken("toml-table-redefined",
           _edit(HEADLINE, 'zone = "America/Los_Angeles"\n',
                 'zone = "America/Los_Angeles"\nclaims = 3\n'),
           HEADLINE, None, "not valid TOML", "broken-toml", unreadable=True),
    Broken("not-utf-8", _write_bytes(STAKEHOLDERS, b'[[stakeholders]]\nid = "\xff"\n'),
           STAKEHOLDERS, None, "expected UTF-8 text: byte 0xff at line 2, column 7",
           "unreadable", unreadable=True),
    Broken("latin-1-file", _recode(STAKEHOLDERS, "latin-1", "샘 알트만", "Sám"),
           STAKEHOLDERS, None, "expected UTF-8 text: byte 0xe1 at line 5, column 14",
           "unreadable", unreadable=True),
    Broken("utf-16-file", _recode(NADELLA, "utf-16"), NADELLA, None,
           "expected UTF-8 text, got UTF-16", "unreadable", unreadable=True),
    Broken("folder-named-like-a-claim-file", _mkdir("claims/extra.toml"), "claims/extra.toml",
           None, "cannot read the file: it is a folder, not a file", "unreadable",
           unreadable=True),
    Broken("folder-named-like-casebook-toml",
           _changes(lambda root: (root / "casebook.toml").unlink(), _mkdir("casebook.toml")),
           "casebook.toml", None, "it is a folder, not a file", "unreadable", unreadable=True),
    # -- JSON Lines: problems named by file and line --------------------------------------------
    Broken("jsonl-broken-line",
           _write_bytes("claims/bulk.jsonl", f"{JSONL_CLAIM}}}\n{{not json\n".encode()),
           "claims/bulk.jsonl:2", None, "not valid JSON", "broken-json", unreadable=True),
    Broken("jsonl-type-not-a-string",
           _write_bytes("claims/bulk.jsonl", f'{JSONL_CLAIM}, "type": 3}}\n'.encode()),
           "claims/bulk.jsonl:1", "type",
           "expected type claim | relation | stakeholder | property, got 3"),
    Broken("jsonl-bad-expectation-named-by-line",
           _write_bytes("claims/bulk.jsonl", f'\n{JSONL_CLAIM}, "expect": [{{"as_of": '
                        '"2023-11-21", "status": "opinon"}]}\n'.encode()),
           "claims/bulk.jsonl:2", "expect[0].status", "got 'opinon'"),
    Broken("jsonl-relation-to-itself-named-by-line",
           _write_bytes("claims/bulk.jsonl", b'{"type": "relation", "kind": "supports", '
                        b'"from": "altman-joins-microsoft", "to": "altman-joins-microsoft"}\n'),
           "claims/bulk.jsonl:1", None, "a claim cannot support itself", "self-relation"),
    Broken("jsonl-unknown-subject-named-by-line",
           _write_bytes("claims/bulk.jsonl",
                        f'{JSONL_CLAIM.replace("microsoft", "msft", 1)}}}\n'.encode()),
           "claims/bulk.jsonl:1", "subjects[0]", "subject 'msft' is not a stakeholder",
           "unknown-stakeholder"),
    Broken("missing-claims-folder", _remove("claims"), "{root}/claims",
           None, "the casebook has no claims/ folder", "missing-folder", unreadable=True),
    Broken("missing-sources-folder", _remove("sources"), "{root}/sources",
           None, "the casebook has no sources/ folder", "missing-folder", unreadable=True),
]


def _broken(tmp_path: Path, case: Broken) -> tuple[Path, str]:
    root = copy_mini(tmp_path)
    case.change(root)
    return root, case.file.format(root=root)


def _where(place) -> str:
    """A place's file as the cases name it: a JSON Lines record as ``file:line``."""
    if place.file is not None and place.file.endswith(".jsonl") and place.lineno is not None:
        return f"{place.file}:{place.lineno}"
    return place.file


def _matching(findings, file: str, case: Broken):
    """The findings of the case's code and message with a place at the case's file and path."""
    return [f for f in findings
            if f.code == case.code and case.fragment in f.message
            and any((_where(p), p.path) == (file, case.path) for p in f.places)]


def _location(file: str, case: Broken) -> str:
    """A pattern for a place as the command prints it: first (``error: LOC: ``) or among a
    grouped finding's other places (``also LOC, ...``); a TOML key path comes with its line."""
    line = r":\d+:\d+" if case.path and file.endswith(".toml") else r"(?::\d+(?::\d+)?)?"
    place = re.escape(file) + line + (f": {re.escape(case.path)}" if case.path else "")
    return f"(?:error: {place}: |(?:also |, ){place}(?:,|\\)| and ))"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
class TestBrokenCasebook:
    """Each broken casebook: one clear finding where the mistake is, and no casebook."""

    def test_load_names_file_and_key_path(self, tmp_path, case):
        """load raises LoadError with a finding naming the file, the key path and what is wrong."""
        root, file = _broken(tmp_path, case)

        with pytest.raises(LoadError) as raised:
            factcheck.load(root)

        found = _matching(raised.value.findings, file, case)
        assert 1 == len(found), "\n".join(f.line() for f in raised.value.findings)
        assert Severity.ERROR == found[0].severity
        assert case.unreadable == raised.value.unreadable
        if case.path and file.endswith(".toml"):
            assert found[0].lineno is not None and found[0].colno is not None

    def test_message_lists_every_finding(self, tmp_path, case):
        """The exception's text carries each finding's line."""
        root, _ = _broken(tmp_path, case)

        with pytest.raises(LoadError) as raised:
            factcheck.load(root)

        text = str(raised.value)
        assert text.startswith(f"{len(raised.value.findings)} problem(s) in the casebook:")
        for finding in raised.value.findings:
            assert finding.line() in text

    def test_check_command(self, tmp_path, case, capsys):
        """`factcheck check` exits 1 (errors) or 2 (unreadable), naming file and key path."""
        root, file = _broken(tmp_path, case)

        code = main(["check", str(root)])

        out, err = capsys.readouterr()
        assert case.exit_code == code
        assert re.search(_location(file, case), err), err
        assert case.fragment in err
        assert "the casebook could not be loaded" in err
        assert "Traceback" not in out + err


class TestSeveralProblems:
    """Every problem is reported at once, not only the first."""

    def test_shape_problems_in_several_files(self, tmp_path):
        """Mistakes in four files give four findings, sorted by file."""
        root = copy_mini(tmp_path)
        edit(root, HEADLINE, 'valid = "2023-11-18 evening"',
             'valid = "2023-11-18 evening"\ncolour = "red"')
        edit(root, NADELLA, '= "asserts"', '= "endorses"')
        edit(root, STAKEHOLDERS, 'kind = "person"\naliases', 'kind = "human"\naliases')
        edit(root, "casebook.toml", 'zone = "Asia/Seoul"', 'zone = "Asia/Seol"')

        with pytest.raises(LoadError) as raised:
            factcheck.load(root)

        assert [
            ("casebook.toml", "zone"),
            (HEADLINE, "claims[0]"),
            (STAKEHOLDERS, "stakeholders[0].kind"),
            (NADELLA, "excerpts[0].stances"),
        ] == [(f.file, f.path) for f in raised.value.findings]
        assert not raised.value.unreadable

    def test_several_problems_in_one_file(self, tmp_path):
        """Two bad values in one claim file are both reported."""
        root = copy_mini(tmp_path)
        edit(root, HEADLINE, 'valid = "2023-11-19T23:53"', 'valid = "next tuesday"')
        edit(root, HEADLINE, 'kind = "contradicts"', 'kind = "refutes"')

        with pytest.raises(LoadError) as raised:
            factcheck.load(root)

        assert [(HEADLINE, "claims[1].valid"), (HEADLINE, "relations[0].kind")] == [
            (f.file, f.path) for f in raised.value.findings]

    def test_reference_problems_in_several_files(self, tmp_path):
        """Dangling references in claims and sources are all reported together."""
        root = copy_mini(tmp_path)
        edit(root, HEADLINE, 'claimant = "microsoft"', 'claimant = "microsft"')
        edit(root, HEADLINE, 'to = "board-accepts-demands"', 'to = "altman-joins-microsoft"')
        edit(root, NADELLA, 'revision = "post"', 'revision = "post"\nvia = "verge"')
        edit(root, OPENAI_X, 'id = "openai-return"', 'id = "nl-returns"')

        with pytest.raises(LoadError) as raised:
            factcheck.load(root)

        assert [
            (HEADLINE, "claims[1].claimant", "unknown-stakeholder", ()),
            (HEADLINE, "relations[0]", "self-relation", ()),
            (NADELLA, "excerpts[0].via", "unknown-source", ()),
            (NEWSLETTER, "excerpts[2].id", "duplicate-id", ((OPENAI_X, "excerpts[0].id"),)),
        ] == [(f.file, f.path, f.code, tuple((p.file, p.path) for p in f.also))
              for f in raised.value.findings]

    def test_broken_toml_and_bad_values(self, tmp_path, capsys):
        """Broken TOML in one file does not hide bad values in others; the exit code is 2."""
        root = copy_mini(tmp_path)
        edit(root, HEADLINE, 'text = "Altman joins Microsoft."', 'text = "Altman joins')
        edit(root, NADELLA, 'kind = "social-post"', 'kind = "tweet"')

        assert 2 == main(["check", str(root)])

        err = capsys.readouterr().err
        assert re.search(f"error: {HEADLINE}:\\d+:\\d+: not valid TOML", err), err
        assert re.search(f"error: {NADELLA}:\\d+:\\d+: kind: expected one of", err), err

    def test_same_findings_every_time(self, tmp_path):
        """The findings come in the same order on every load."""
        root = copy_mini(tmp_path)
        edit(root, HEADLINE, 'zone = "America/Los_Angeles"\n', "")
        edit(root, NADELLA, "{ altman-joins-microsoft =", "{ nope =")

        def findings():
            with pytest.raises(LoadError) as raised:
                factcheck.load(root)
            return raised.value.findings

        assert findings() == findings()


class TestLoadError:
    """The error type users catch."""

    def test_is_a_value_error_and_casebook_error(self, tmp_path):
        """LoadError is both the library's own CasebookError and a ValueError."""
        root = copy_mini(tmp_path)
        edit(root, HEADLINE, 'kind = "contradicts"', 'kind = "refutes"')

        with pytest.raises(ValueError) as raised:
            factcheck.load(root)

        assert isinstance(raised.value, CasebookError)

    def test_missing_casebook(self, tmp_path):
        """A folder that does not exist is unreadable, named in the finding."""
        with pytest.raises(LoadError) as raised:
            factcheck.load(tmp_path / "nowhere")

        assert raised.value.unreadable
        assert [("missing-casebook", str(tmp_path / "nowhere"))] == [
            (f.code, f.file) for f in raised.value.findings]

    def test_both_folders_missing(self, tmp_path):
        """An empty folder lacks both sources/ and claims/: both are reported."""
        with pytest.raises(LoadError) as raised:
            factcheck.load(tmp_path)

        assert [f"{tmp_path}/sources", f"{tmp_path}/claims"] == [
            f.file for f in raised.value.findings]


class TestCommandProcess:
    """The installed command, run as a process: plain lines, no traceback, the documented codes."""

    @pytest.mark.parametrize(
        "case", [c for c in CASES if c.id in {
            "unknown-key-in-claim", "naive-time-in-claim-file-without-zone", "broken-toml",
            "missing-claims-folder", "unknown-claim-in-stances"}],
        ids=lambda c: c.id)
    def test_process(self, tmp_path, case):
        """python -m factcheck check exits 1 or 2 and prints the finding's location."""
        root, file = _broken(tmp_path, case)

        result = subprocess.run([sys.executable, "-m", "factcheck", "check", str(root)],
                                capture_output=True, text=True, check=False)

        assert case.exit_code == result.returncode
        assert re.search(_location(file, case), result.stderr), result.stderr
        assert "Traceback" not in result.stdout + result.stderr


class TestReadingFiles:
    """What editors and file systems do to files: accepted where harmless, else named."""

    def test_byte_order_mark_is_accepted(self, tmp_path):
        """A UTF-8 byte-order mark (Windows editors write one) loads like the plain file."""
        root = copy_mini(tmp_path)
        plain = factcheck.load(root)
        for file in (NADELLA, HEADLINE):
            (root / file).write_bytes(b"\xef\xbb\xbf" + (root / file).read_bytes())

        assert plain == factcheck.load(root)

    def test_byte_order_mark_in_json_lines(self, tmp_path):
        """The same in a JSON Lines file."""
        root = copy_mini(tmp_path)
        (root / "claims" / "bulk.jsonl").write_bytes(
            b"\xef\xbb\xbf" + f"{JSONL_CLAIM}}}\n".encode())

        assert "c9" in factcheck.load(root).claim_by_id

    def test_hidden_files_are_not_read(self, tmp_path):
        """Editors' lock files (".#headline.toml", a dangling link) are not claim files."""
        root = copy_mini(tmp_path)
        (root / "claims" / ".#headline.toml").symlink_to(root / "nowhere")

        assert 3 == len(factcheck.load(root).claims)

    def test_folder_that_cannot_be_listed(self, tmp_path, monkeypatch, capsys):
        """A claims/ folder that cannot be listed is unreadable (exit 2), not empty."""
        import os

        root = copy_mini(tmp_path)
        listdir = os.listdir

        def refuse(path):
            if Path(path).name == "claims":
                raise PermissionError(13, "Permission denied")
            return listdir(path)

        monkeypatch.setattr(os, "listdir", refuse)

        assert 2 == main(["check", str(root)])

        err = capsys.readouterr().err
        assert "error: claims/: cannot list the folder: permission denied [unreadable]" in err
        assert 1 == err.count("cannot list")


class TestExpectationValues:
    """Values of an expectation that mean what they say."""

    def test_as_of_as_a_toml_date(self, tmp_path):
        """`as_of = 2023-11-21` (unquoted, a TOML date) means "2023-11-21"."""
        root = copy_mini(tmp_path)
        _expect('as_of = 2023-11-21\nstatus = "confirmed"')(root)

        assert ("2023-11-21",) == tuple(
            e.as_of for e in factcheck.load(root).claim("altman-joins-microsoft").expect)

    def test_as_of_as_a_toml_offset_datetime(self, tmp_path):
        """An offset date-time keeps its offset."""
        root = copy_mini(tmp_path)
        _expect('as_of = 2023-11-21T18:00:00+09:00\nstatus = "confirmed"')(root)

        assert "2023-11-21T18:00:00+09:00" == factcheck.load(root).claim(
            "altman-joins-microsoft").expect[0].as_of


class TestAsOfWithoutZone:
    """An as-of without a zone, in a casebook without one: an error that says what to do."""

    def test_command_line(self, tmp_path, capsys):
        """`factcheck status --as-of DATE` says to pass --tz, not to set a file's zone."""
        root = copy_mini(tmp_path)
        edit(root, "casebook.toml", 'zone = "Asia/Seoul"', "")

        assert 2 == main(["status", "--as-of", "2023-11-21", "--path", str(root)])

        err = capsys.readouterr().err
        assert "as-of '2023-11-21' has no zone, and the casebook declares none" in err
        assert "--tz" in err
        assert "Traceback" not in err
