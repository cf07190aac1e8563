"""Hostile input: each class of failure the fuzzer found (issue #11), held by a regression test."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import factcheck
from factcheck import LoadError, TimeValueError
from factcheck._cli import main
from factcheck._limits import MAX_DEPTH

from .casebooks import copy_mini, edit

NADELLA = "sources/nadella.toml"
HEADLINE = "claims/headline.toml"
NADELLA_RECORD = {
    "id": "nadella2", "title": "Satya Nadella on X", "kind": "social-post",
    "publisher": "Satya Nadella", "language": "en", "zone": "America/Los_Angeles",
    "speaks_for": ["microsoft"],
    "revisions": [{"id": "post", "published": "2023-11-19T23:53:28"}],
    "excerpts": [{"id": "nadella2-joining", "revision": "post", "quote": "joining",
                  "stances": {"altman-joins-microsoft": "asserts"}}],
}


def _load_error(root: Path) -> LoadError:
    with pytest.raises(LoadError) as raised:
        factcheck.load(root)
    return raised.value


def _only(error: LoadError, code: str) -> factcheck.Finding:
    found = [f for f in error.findings if f.code == code]
    assert 1 == len(found), "\n".join(f.line() for f in error.findings)
    return found[0]


def _line(file: Path, text: str) -> int:
    """The number (from 1) of the one line of ``file`` that holds ``text``."""
    [number] = [n for n, line in enumerate(file.read_text("utf-8").splitlines(), 1)
                if text in line]
    return number


def _jsonl(root: Path, *lines: str, name: str = "sources/bulk.jsonl") -> None:
    (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


class TestNesting:
    """Class 1: values nested hundreds of levels deep are a finding, not a RecursionError."""

    @pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 300, 3000])
    def test_toml(self, tmp_path, depth):
        """Deep TOML arrays give `too-deep`, naming the file; the CLI exits 2 without traceback."""
        root = copy_mini(tmp_path)
        edit(root, NADELLA, 'language = "en"', 'language = "en"\nx = ' + "[" * depth + "]" * depth)

        finding = _only(_load_error(root), "too-deep")
        assert NADELLA == finding.file
        assert f"more than {MAX_DEPTH} levels" in finding.message

    @pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 3000])
    def test_json_lines(self, tmp_path, depth):
        """A deep JSON Lines record is named by its line."""
        root = copy_mini(tmp_path)
        _jsonl(root, json.dumps(NADELLA_RECORD), '{"x": ' + "[" * depth + "]" * depth + "}")

        finding = _only(_load_error(root), "too-deep")
        assert ("sources/bulk.jsonl", 2) == (finding.file, finding.lineno)

    def test_check_json_is_json(self, tmp_path, capsys):
        """`check --format json` prints valid JSON for a too-deep file."""
        root = copy_mini(tmp_path)
        edit(root, NADELLA, 'language = "en"', 'language = "en"\nx = ' + "[" * 900 + "]" * 900)

        assert 2 == main(["check", str(root), "--format", "json"])
        out, err = capsys.readouterr()
        assert ["too-deep"] == [f["code"] for f in json.loads(out)]
        assert "Traceback" not in err


class TestBigNumbers:
    """Class 2: integers of thousands of digits, and past 64 bits, are findings naming the file."""

    def test_toml_over_4300_digits(self, tmp_path):
        """Python refuses to read such a literal: a finding, not a ValueError without a file."""
        root = copy_mini(tmp_path)
        edit(root, "casebook.toml", 'title = "Mini headline case"',
             'title = "Mini headline case"\ncorroboration = ' + "9" * 5000)

        finding = _only(_load_error(root), "invalid-value")
        assert "casebook.toml" == finding.file
        assert "4300 digits" in finding.message

    def test_json_lines_over_4300_digits(self, tmp_path):
        """The same in JSON Lines, named by line."""
        root = copy_mini(tmp_path)
        _jsonl(root, '{"id": ' + "7" * 5000 + "}")

        finding = _only(_load_error(root), "invalid-value")
        assert ("sources/bulk.jsonl", 1) == (finding.file, finding.lineno)

    def test_past_64_bits(self, tmp_path):
        """A number that fits no 64-bit column names its key path."""
        root = copy_mini(tmp_path)
        edit(root, "casebook.toml", 'title = "Mini headline case"',
             f'title = "Mini headline case"\ncorroboration = {2**64}')

        finding = _only(_load_error(root), "invalid-value")
        assert ("casebook.toml", "corroboration", _line(root / "casebook.toml", "corroboration")
                ) == (finding.file, finding.path, finding.lineno)
        assert "fits in 64 bits" in finding.message


class TestTimeRange:
    """Class 3: times every zone cannot show are refused where they are written."""

    @pytest.mark.parametrize("written", ["0001-01-01 +14:00", "0001-01-01T05:00-14:00",
                                         "9999-12-31 Asia/Seoul", "9999-12-31T20:00-10:00"])
    def test_at_load(self, tmp_path, written):
        """A publication near year 1 or 9999 is a finding with its key path and line."""
        root = copy_mini(tmp_path)
        edit(root, NADELLA, 'published = "2023-11-19T23:53:28"', f'published = "{written}"')

        finding = _only(_load_error(root), "invalid-value")
        assert (NADELLA, "revisions[0].published", 11) == (finding.file, finding.path,
                                                            finding.lineno)
        assert "out of range" in finding.message

    def test_edges_that_every_zone_shows(self, tmp_path):
        """Just inside the range loads, and reports render in Seoul and Los Angeles."""
        root = copy_mini(tmp_path)
        edit(root, NADELLA, 'published = "2023-11-19T23:53:28"', 'published = "0001-01-03"')
        casebook = factcheck.load(root)

        for tz in ("Asia/Seoul", "America/Los_Angeles", "Pacific/Kiritimati", "Etc/GMT+12"):
            for fmt in ("text", "markdown", "html", "json"):
                assert factcheck.render_report(casebook, "2023-11-22", tz=tz, fmt=fmt)

    @pytest.mark.parametrize("as_of", ["0001-01-01T00:00-14:00", "9999-12-31T23:00+14:00",
                                       "0001-01-01"])
    def test_as_of(self, as_of):
        """An as-of out of range is a TimeValueError; the CLI says so in one line, exit 2."""
        casebook = factcheck.load(Path(__file__).parent.parent / "data" / "mini")
        with pytest.raises(TimeValueError, match="out of range"):
            casebook.status("altman-joins-microsoft", as_of)


class TestSnapshotPaths:
    """Class 4 and the snapshot found by hand: a snapshot path never leaves the casebook folder."""

    @pytest.mark.parametrize(("snapshot", "fragment"), [
        ("/etc/hostname", "absolute path"),
        ("../../x", "leads out of the casebook folder"),
        ("sources/../../x", "leads out of the casebook folder"),
        ("C:/Windows/win.ini", "absolute path"),
        ("x" * 300 + ".txt", "304 bytes long"),
        ("", "empty one"),
    ])
    def test_refused_at_load(self, tmp_path, snapshot, fragment):
        """Absolute, escaping, over-long and empty paths are load errors at `snapshot`."""
        root = copy_mini(tmp_path)
        edit(root, NADELLA, 'language = "en"', f'language = "en"\nsnapshot = "{snapshot}"')

        finding = _only(_load_error(root), "invalid-path")
        assert (NADELLA, "snapshot") == (finding.file, finding.path)
        assert fragment in finding.message

    def test_symlink_out_of_the_folder(self, tmp_path):
        """A link inside the folder to a file outside it is not read: an error finding."""
        secret = tmp_path / "secret.txt"
        secret.write_text("will be joining Microsoft", encoding="utf-8")
        root = copy_mini(tmp_path)
        os.symlink(secret, root / "sources" / "page.txt")
        edit(root, NADELLA, 'language = "en"', 'language = "en"\nsnapshot = "sources/page.txt"')

        findings = factcheck.load(root).findings()

        assert ["snapshot-outside"] == [f.code for f in findings if f.severity.value == "error"]

    def test_symlink_inside_the_folder(self, tmp_path):
        """A link that stays inside the folder is followed as before."""
        root = copy_mini(tmp_path)
        (root / "sources" / "real.txt").write_text(
            "will be joining Microsoft to lead a new advanced AI research team", encoding="utf-8")
        os.symlink(root / "sources" / "real.txt", root / "sources" / "page.txt")
        edit(root, NADELLA, 'language = "en"', 'language = "en"\nsnapshot = "sources/page.txt"')

        assert [] == [f for f in factcheck.load(root).findings() if f.severity.value == "error"]

    def test_save_never_reads_outside(self, tmp_path):
        """Saving elsewhere copies a snapshot only from inside the folder."""
        secret = tmp_path / "secret.txt"
        secret.write_text("secret", encoding="utf-8")
        root = copy_mini(tmp_path)
        os.symlink(secret, root / "sources" / "page.txt")
        edit(root, NADELLA, 'language = "en"', 'language = "en"\nsnapshot = "sources/page.txt"')

        factcheck.save(factcheck.load(root), tmp_path / "out")

        assert not (tmp_path / "out" / "sources" / "page.txt").exists()


class TestJsonLines:
    """Classes 5 to 8: JSON Lines read as JSON defines it, and round-tripped in any order."""

    def test_lone_surrogate(self, tmp_path):
        """A lone surrogate escape is refused with its line and key path."""
        root = copy_mini(tmp_path)
        record = dict(NADELLA_RECORD, title="Satya \\ud800")
        _jsonl(root, json.dumps(record).replace("\\\\ud800", "\\ud800"))

        finding = _only(_load_error(root), "invalid-value")
        assert ("sources/bulk.jsonl", 1, "title") == (finding.file, finding.lineno, finding.path)
        assert "lone surrogate" in finding.message

    def test_surrogate_pair_is_a_character(self, tmp_path):
        """A complete pair is one character, kept."""
        root = copy_mini(tmp_path)
        _jsonl(root, json.dumps(dict(NADELLA_RECORD, title="Satya \U0001f600")))

        assert "Satya \U0001f600" == factcheck.load(root).source_by_id["nadella2"].title

    @pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u0085", "\x0c"])
    def test_raw_separators_inside_strings(self, tmp_path, char):
        """Characters that `splitlines` breaks at, raw in a string, load; lines count right."""
        root = copy_mini(tmp_path)
        first = json.dumps(dict(NADELLA_RECORD, title=f"a{char}b"), ensure_ascii=False)
        second = json.dumps(dict(NADELLA_RECORD, id="nadella3", kind="tweet"))
        _jsonl(root, first, second)

        finding = _only(_load_error(root), "invalid-value")
        assert ("sources/bulk.jsonl", 2, "kind") == (finding.file, finding.lineno, finding.path)
        (root / "sources" / "bulk.jsonl").write_text(first + "\r\n", encoding="utf-8")
        assert f"a{char}b" == factcheck.load(root).source_by_id["nadella2"].title

    def test_repeated_key(self, tmp_path):
        """A key given twice in one object is refused, never last-one-wins."""
        root = copy_mini(tmp_path)
        _jsonl(root, json.dumps(NADELLA_RECORD)[:-1] + ', "title": "other"}')

        finding = _only(_load_error(root), "duplicate-key")
        assert ("sources/bulk.jsonl", 1) == (finding.file, finding.lineno)
        assert '"title"' in finding.message

    def test_not_a_number(self, tmp_path):
        """NaN and Infinity are not JSON."""
        root = copy_mini(tmp_path)
        _jsonl(root, '{"id": NaN}')

        assert "NaN is not a JSON number" in _only(_load_error(root), "invalid-value").message

    def test_sources_out_of_order_round_trip(self, tmp_path):
        """Sources in any order in JSON Lines save and load back as an equal casebook."""
        root = copy_mini(tmp_path)
        records = [dict(NADELLA_RECORD, id=name, excerpts=[
            dict(NADELLA_RECORD["excerpts"][0], id=f"{name}-joining")]) for name in ("zz", "aa")]
        _jsonl(root, *(json.dumps(r) for r in records))
        casebook = factcheck.load(root)

        factcheck.save(casebook, tmp_path / "again")

        again = factcheck.load(tmp_path / "again")
        assert [s.id for s in casebook.sources] == sorted(s.id for s in casebook.sources)
        assert casebook.sources == again.sources
        assert casebook.statuses("2023-11-22") == again.statuses("2023-11-22")


class TestEmptyQuote:
    """Found by hand: an empty quote passed the snapshot check (it is in every text)."""

    @pytest.mark.parametrize("quote", ["", "   ", "\\n\\t"])
    def test_refused(self, tmp_path, quote):
        """A blank quote is an error at the excerpt's quote, with its line."""
        root = copy_mini(tmp_path)
        edit(root, NADELLA, 'quote = "will be joining Microsoft to lead a new advanced AI '
             'research team"', f'quote = "{quote}"')

        finding = _only(_load_error(root), "empty-quote")
        assert (NADELLA, "excerpts[0].quote", _line(root / NADELLA, "quote =")) == (
            finding.file, finding.path, finding.lineno)


class TestGroupedErrors:
    """Found by hand: the same problem in hundreds of places is one error with its count."""

    def test_missing_zone(self, tmp_path, capsys):
        """Without the casebook's zone, every expectation's as-of is one finding with a count."""
        root = copy_mini(tmp_path)
        (root / "casebook.toml").write_text('title = "Mini"\n', encoding="utf-8")
        expect = "".join(f'\n[[claims.expect]]\nas_of = "2023-11-{day}"\nstatus = "confirmed"\n'
                         for day in range(10, 30))
        edit(root, HEADLINE, 'valid = "2023-11-19T23:53"\n',
             f'valid = "2023-11-19T23:53"\n{expect}')

        [finding] = _load_error(root).findings
        assert 20 == finding.count == 1 + len(finding.also)
        assert [(HEADLINE, f"claims[1].expect[{i}].as_of") for i in range(20)] == [
            (p.file, p.path) for p in finding.places]
        assert sorted(p.lineno for p in finding.places) == [p.lineno for p in finding.places]

        assert 1 == main(["check", str(root)])
        err = capsys.readouterr().err.splitlines()
        assert 2 == len(err)
        assert err[0].endswith(" and 16 more)")
        assert "(20 places; also claims/headline.toml:" in err[0]


class TestLineNumbers:
    """Found by hand: errors name the line an editor jumps to, not only the key path."""

    def test_toml_key_path(self, tmp_path, capsys):
        """A bad value names file:line:column before its key path, in Finding and in the CLI."""
        root = copy_mini(tmp_path)
        edit(root, NADELLA, 'kind = "social-post"', 'kind = "tweet"')

        finding = _only(_load_error(root), "invalid-value")
        assert (NADELLA, 3, 1, "kind") == (finding.file, finding.lineno, finding.colno,
                                           finding.path)
        main(["check", str(root)])
        assert f"error: {NADELLA}:3:1: kind: expected one of" in capsys.readouterr().err

    def test_inline_table_in_array(self, tmp_path):
        """A value inside an inline table of a multi-line array is placed at its own column."""
        root = copy_mini(tmp_path)
        edit(root, HEADLINE, 'valid = "2023-11-19T23:53"\n',
             'valid = "2023-11-19T23:53"\nexpect = [\n'
             '  { as_of = "2023-11-21", status = "fine" },\n]\n')

        finding = _only(_load_error(root), "invalid-value")
        line = _line(root / HEADLINE, '{ as_of = "2023-11-21"')
        column = (root / HEADLINE).read_text("utf-8").splitlines()[line - 1].index("status") + 1
        assert ("claims[1].expect[0].status", line, column) == (finding.path, finding.lineno,
                                                                finding.colno)


class TestLastResort:
    """The CLI never shows a traceback for what a user can do; a bug of ours exits 3."""

    def _broken_check(self, monkeypatch):
        def fail(*args, **kwargs):
            raise RuntimeError("the engine broke")
        monkeypatch.setattr("factcheck._checks.check", fail)

    def test_internal_error(self, monkeypatch, capsys):
        """An unexpected exception: what happened, the casebook, how to report; exit 3."""
        self._broken_check(monkeypatch)
        mini = str(Path(__file__).parent.parent / "data" / "mini")

        assert 3 == main(["check", mini])

        err = capsys.readouterr().err
        assert "internal error in `factcheck check`: RuntimeError: the engine broke" in err
        assert f"casebook: {mini}" in err
        assert "--debug" in err and "report it" in err
        assert "Traceback" not in err

    def test_internal_error_as_json(self, monkeypatch, capsys):
        """`check --format json` still prints JSON: one internal-error finding."""
        self._broken_check(monkeypatch)

        assert 3 == main(["check", str(Path(__file__).parent.parent / "data" / "mini"),
                          "--format", "json"])

        assert ["internal-error"] == [f["code"] for f in json.loads(capsys.readouterr().out)]

    def test_usage_error_as_json(self, capsys):
        """A bad argument to `check --format json` is JSON too, exit 2."""
        mini = str(Path(__file__).parent.parent / "data" / "mini")
        assert 2 == main(["check", mini, "--format", "json", "--as-of", "soon"])

        assert ["usage"] == [f["code"] for f in json.loads(capsys.readouterr().out)]

    def test_debug_shows_the_traceback(self, monkeypatch):
        """--debug lets the exception through, for the bug report."""
        self._broken_check(monkeypatch)

        with pytest.raises(RuntimeError, match="the engine broke"):
            main(["--debug", "check", str(Path(__file__).parent.parent / "data" / "mini")])

    def test_failure_while_loading_names_the_file(self, tmp_path, monkeypatch, capsys):
        """A bug met while reading a file names that file."""
        root = copy_mini(tmp_path)

        def fail(*args, **kwargs):
            raise RuntimeError("boom")
        monkeypatch.setattr("factcheck._load.structure_plain", fail)

        assert 3 == main(["check", str(root)])

        assert "while reading casebook.toml" in capsys.readouterr().err


class TestSymlinkLoop:
    """Found by the fuzzer: a snapshot that is a link to itself raised RuntimeError from pathlib."""

    def _looping(self, tmp_path: Path) -> Path:
        root = copy_mini(tmp_path)
        os.symlink("loop.txt", root / "sources" / "loop.txt")
        edit(root, NADELLA, 'language = "en"', 'language = "en"\nsnapshot = "sources/loop.txt"')
        return root

    def test_check(self, tmp_path):
        """`check` names the snapshot as unreadable; nothing escapes."""
        findings = factcheck.load(self._looping(tmp_path)).findings()

        assert ["snapshot-unreadable"] == [f.code for f in findings if f.severity.value == "error"]

    def test_save(self, tmp_path):
        """Saving elsewhere leaves the looping snapshot behind and loads back equal."""
        casebook = factcheck.load(self._looping(tmp_path))

        factcheck.save(casebook, tmp_path / "out")

        assert casebook.sources == factcheck.load(tmp_path / "out").sources


class TestSuggestions:
    """A misspelt status or kind in a file gets the nearest known name."""

    def test_expectation_status(self, tmp_path):
        """`confirmd` in an expectation: did you mean 'confirmed'?"""
        root = copy_mini(tmp_path)
        edit(root, HEADLINE, 'valid = "2023-11-19T23:53"\n',
             'valid = "2023-11-19T23:53"\n'
             'expect = [{ as_of = "2023-11-21", status = "confirmd" }]\n')

        message = _only(_load_error(root), "invalid-value").message
        assert message.endswith("got 'confirmd'; did you mean 'confirmed'?")

    def test_enum_value(self, tmp_path):
        """`social-pots` as a source kind: did you mean 'social-post'?"""
        root = copy_mini(tmp_path)
        edit(root, NADELLA, 'kind = "social-post"', 'kind = "social-pots"')

        message = _only(_load_error(root), "invalid-value").message
        assert message.endswith("got 'social-pots'; did you mean 'social-post'?")


class TestJsonLinesNumbers:
    """Whole numbers in JSON Lines are checked as they are read, with the casebook's own limit."""

    @pytest.mark.parametrize("digits", ["9223372036854775808", "-9223372036854775809",
                                        "1" * 40, "7" * 5000])
    def test_past_64_bits(self, tmp_path, digits):
        """Past 64 bits (and past Python's own 4,300-digit limit) names the 64-bit limit."""
        root = copy_mini(tmp_path)
        _jsonl(root, '{"id": ' + digits + "}")

        finding = _only(_load_error(root), "invalid-value")
        assert ("sources/bulk.jsonl", 1) == (finding.file, finding.lineno)
        assert "fits in 64 bits" in finding.message

    def test_brackets_inside_strings_do_not_count(self, tmp_path):
        """A quote full of brackets is text, not nesting: it loads."""
        root = copy_mini(tmp_path)
        record = dict(NADELLA_RECORD, title="[{" * 40 + "}]" * 40)
        _jsonl(root, json.dumps(record))

        assert "[{" * 40 + "}]" * 40 == factcheck.load(root).source_by_id["nadella2"].title


class TestSourceHtmlSnapshot:
    """A source's own HTML snapshot is read by its main text, as a revision's is."""

    def test_text_kept_beside(self, tmp_path):
        """The quote is found in the text kept beside the page, not in the markup."""
        root = copy_mini(tmp_path)
        (root / "sources" / "page.html").write_text(
            "<html><body><p>will be joining <b>Microsoft</b></p></body></html>", encoding="utf-8")
        (root / "sources" / "page.html.txt").write_text(
            "will be joining Microsoft to lead a new advanced AI research team", encoding="utf-8")
        edit(root, NADELLA, 'language = "en"', 'language = "en"\nsnapshot = "sources/page.html"')

        findings = factcheck.load(root).findings()

        assert [] == [f for f in findings if f.severity.value == "error"]
