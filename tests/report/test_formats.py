"""The four formats: the same data in each, the same bytes on every run, Markdown for GitHub."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pendulum
import pytest

import factcheck
from factcheck._report._markdown import CELL_LIMIT, cell

from .hostile import write_hostile

FORMATS = ("text", "markdown", "html", "json")


def _claim_statuses(fmt: str, output: str) -> dict[str, str]:
    """Every claim's status as each format shows it, read back from the output."""
    if fmt == "json":
        data = json.loads(output)
        return {c["id"]: c["status"] for c in data["claims"] + data["opinions"]}
    if fmt == "text":
        return dict(re.findall(r"^([a-z0-9-]+)  \[([a-z]+) ", output, re.MULTILINE))
    if fmt == "markdown":
        section = output.split("## Claims", 1)[1].split("## Stakeholders", 1)[0]
        rows = re.findall(r"^\| ([a-z0-9-]+) +\| ([a-z]+) +\|", section, re.MULTILINE)
        return {claim: status for claim, status in rows if claim != "claim"}
    return dict(re.findall(
        r'<article class="card" id="claim-[a-z0-9-]+" data-claim="([a-z0-9-]+)" '
        r'data-status="([a-z]+)"', output))


class TestSameData:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_every_claim_and_status(self, mini: factcheck.Casebook, fmt: str) -> None:
        """Each format shows every claim with its status as of the report's time."""
        expected = {cid: r.status.value for cid, r in mini.statuses("2023-11-22").items()}
        output = factcheck.render_report(mini, "2023-11-22", fmt=fmt)
        assert expected == _claim_statuses(fmt, output)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_hostile_claims_and_statuses(self, hostile: factcheck.Casebook, fmt: str) -> None:
        """Hostile text does not break any format's structure: every claim is still read back."""
        expected = {cid: r.status.value for cid, r in hostile.statuses("2023-11-22").items()}
        output = factcheck.render_report(hostile, "2023-11-22", fmt=fmt)
        assert expected == _claim_statuses(fmt, output)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_sections(self, mini: factcheck.Casebook, fmt: str) -> None:
        """Each format has the header, the changes with their causes, decisions and the picture."""
        output = factcheck.render_report(mini, "2023-11-22", fmt=fmt)
        for needle in ("Mini headline case", factcheck.__version__, "nadella", "from-prevails",
                       "Newsletter", "openai-x"):
            assert needle in output
        if fmt == "json":
            data = json.loads(output)
            assert "2023-11-23T00:00:00+09:00" == data["as_of"]
            assert "2023-11-23 00:00 KST" == data["as_of_text"]
            assert 3 == len(data["picture"]["rows"])
        else:
            assert "2023-11-23 00:00 KST" in output
            assert "Timeline picture" in output
        if fmt == "html":
            assert output.count('<rect class="st-') >= 5
        if fmt in ("text", "markdown"):
            assert re.search(r"^board-accepts-demands +rrrr+X+ X$", output, re.MULTILINE)
            assert output.rstrip().endswith("^") or output.rstrip().endswith("```")

    def test_unknown_format(self, mini: factcheck.Casebook) -> None:
        """An unknown format is refused with the list of known ones."""
        with pytest.raises(ValueError, match="text, markdown, html, json"):
            factcheck.render_report(mini, "2023-11-22", fmt="pdf")

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_generated_only_when_asked(self, mini: factcheck.Casebook, fmt: str) -> None:
        """No generation time by default; a given one is shown."""
        assert "generated" not in factcheck.render_report(mini, "2023-11-22", fmt=fmt).replace(
            '"generated": null', "")
        at = pendulum.datetime(2024, 1, 2, 3, 4, tz="UTC")
        output = factcheck.render_report(mini, "2023-11-22", fmt=fmt, generated=at)
        assert ("2024-01-02T12:04:00+09:00" if fmt == "json" else "2024-01-02 12:04 KST") in output


class TestAsOfHeader:
    @pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
    def test_a_date_reads_as_the_end_of_that_day(self, mini: factcheck.Casebook, fmt: str) -> None:
        """A date as-of is shown as the next 00:00 and named as the end of the day asked for."""
        out = factcheck.render_report(mini, "2023-11-21", tz="America/Los_Angeles", fmt=fmt)
        assert "2023-11-22 00:00 PST, the end of 2023-11-21" in out

    @pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
    def test_a_clock_time_is_shown_as_given(self, mini: factcheck.Casebook, fmt: str) -> None:
        """An as-of at a clock time is that instant, with no day named."""
        out = factcheck.render_report(mini, "2023-11-22T12:00+09:00", tz="Asia/Seoul", fmt=fmt)
        assert "2023-11-22 12:00 KST" in out
        assert "the end of" not in out


class TestDeterminism:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_two_runs_same_bytes(self, mini: factcheck.Casebook, fmt: str) -> None:
        """The same casebook and arguments give byte-identical output."""
        first = factcheck.render_report(mini, "2023-11-22", since="2023-11-20", fmt=fmt)
        again = factcheck.render_report(factcheck.load(mini.path or ""), "2023-11-22",
                                        since="2023-11-20", fmt=fmt)
        assert first.encode() == again.encode()

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_files_copied_in_another_order(self, hostile_path: Path, tmp_path: Path,
                                           fmt: str) -> None:
        """A casebook whose files were written in another order gives the same bytes."""
        other = write_hostile(tmp_path / "hostile", reverse=True)
        first = factcheck.render_report(factcheck.load(hostile_path), "2023-11-22", fmt=fmt)
        again = factcheck.render_report(factcheck.load(other), "2023-11-22", fmt=fmt)
        assert first.encode() == again.encode()

    def test_mini_copied_file_by_file_in_reverse(self, mini: factcheck.Casebook,
                                                 tmp_path: Path) -> None:
        """Copying the mini casebook file by file, last first, changes nothing."""
        source = Path(mini.path or "")
        files = sorted(p for p in source.rglob("*") if p.is_file())
        for path in reversed(files):
            target = tmp_path / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        for fmt in FORMATS:
            assert factcheck.render_report(mini, "2023-11-22", fmt=fmt) == (
                factcheck.render_report(factcheck.load(tmp_path), "2023-11-22", fmt=fmt))


class TestMarkdown:
    def test_cell_escapes_pipes_and_newlines(self) -> None:
        """A cell escapes `|`, turns newlines into <br>, and makes markup inert."""
        assert r"a \| b<br>c &lt;b&gt; &amp; \[x\](javascript:y) \*\*" == cell(
            "a | b\nc <b> & [x](javascript:y) **")

    def test_cell_cut_with_ellipsis(self) -> None:
        """A long cell is cut to the limit, ending in an ellipsis."""
        out = cell("word " * 100)
        assert out.endswith("…")
        assert len(out) <= CELL_LIMIT
        assert "short" == cell("short")

    def test_cut_before_escaping(self) -> None:
        """Cutting never splits an escape: the limit counts the text, not its escapes."""
        out = cell("|" * (CELL_LIMIT + 10))
        assert out.endswith("\\|…")
        assert CELL_LIMIT - 1 == out.count("\\|")

    def test_tables_keep_their_columns(self, hostile: factcheck.Casebook) -> None:
        """Every row of every pipe table has as many cells as its header, hostile text or not."""
        output = factcheck.render_report(hostile, "2023-11-22", fmt="markdown")
        tables = re.findall(r"(?:^\|.*\|\n)+", output, re.MULTILINE)
        assert len(tables) >= 8
        for table in tables:
            widths = {len(re.findall(r"(?<!\\)\|", line)) for line in table.splitlines()}
            assert 1 == len(widths), table

    def test_no_raw_html_from_the_casebook(self, hostile: factcheck.Casebook) -> None:
        """No casebook string reaches the Markdown as HTML; only our own <br> is raw."""
        output = factcheck.render_report(hostile, "2023-11-22", fmt="markdown")
        assert "<script" not in output.lower()
        assert {"<br>"} == set(re.findall(r"<[^<>]*>?", output))
        assert "\\[link\\](javascript:alert(6))" in output
        assert "A long claim text \\| with a pipe<br>and a newline, blah" in output
        # Claims are shown whole in their sections: nothing cut.
        section = output.split("### long-claim", 1)[1].split("\n### ", 1)[0]
        assert "blah " * 79 + "the end." in section
        assert "…" not in section

    def test_numbers_not_parsed(self, mini: factcheck.Casebook) -> None:
        """Table cells are text: tabulate does not right-align or reformat numbers."""
        output = factcheck.render_report(mini, "2023-11-22", fmt="markdown")
        assert "---:" not in output


class TestText:
    def test_no_control_characters(self, hostile: factcheck.Casebook) -> None:
        """Terminal escapes and bidi overrides from the casebook never reach the terminal."""
        output = factcheck.render_report(hostile, "2023-11-22", fmt="text")
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", output)
        assert "\ufffd[31mred" in output


class TestJson:
    def test_valid_json_with_version(self, hostile: factcheck.Casebook) -> None:
        """The JSON report names its schema and version and keeps casebook strings as written."""
        data = json.loads(factcheck.render_report(hostile, "2023-11-22", fmt="json"))
        assert ("factcheck-report", 1) == (data["schema"], data["schema_version"])
        assert "Hostile <script>alert('x')</script> casebook" == data["casebook"]
        evil = next(s for s in data["sources"] if s["id"] == "evil-post")
        assert "javascript:alert(10)" == evil["url"]
