"""Storylines: claims tied by relations read together, in the order the story unfolded."""

from __future__ import annotations

from pathlib import Path

import factcheck
from factcheck._report import build_report

from .hostile import write_hostile

ROOT = Path(__file__).parents[2]


class TestStorylines:
    def test_the_leadership_storyline(self) -> None:
        """Murati interim, Shear interim, Altman to Microsoft and Altman's return read together,
        in the order each first changed (DevDay's and Microsoft's November storylines, which
        moved earlier, come before it)."""
        report = build_report(factcheck.load(ROOT), "2023-11-22", tz="Asia/Seoul")
        first = next(s for s in report.storylines if "murati-interim-ceo" in s.claims)
        assert "relations" == first.tie
        order = [c for c in first.claims if c in ("murati-interim-ceo", "shear-interim-ceo",
                                                  "altman-joins-microsoft",
                                                  "altman-returns-as-ceo")]
        assert ["murati-interim-ceo", "shear-interim-ceo", "altman-joins-microsoft",
                "altman-returns-as-ceo"] == order

    def test_every_claim_once(self, hostile: factcheck.Casebook) -> None:
        """Every claim is in exactly one storyline."""
        report = build_report(hostile, "2023-11-22")
        claims = [c for line in report.storylines for c in line.claims]
        assert sorted(hostile.claim_by_id) == sorted(claims)
        assert len(claims) == len(set(claims))

    def test_ordered_by_first_change(self) -> None:
        """Storylines come in the order they first moved; those that never did come last."""
        report = build_report(factcheck.load(ROOT), "2023-11-22", tz="Asia/Seoul")
        firsts = [line.first_change.timestamp() if line.first_change else float("inf")
                  for line in report.storylines]
        assert sorted(firsts) == firsts

    def test_same_whatever_the_file_order(self, hostile_path: Path, tmp_path: Path) -> None:
        """Files written in another order give the same storylines."""
        other = factcheck.load(write_hostile(tmp_path / "again", reverse=True))
        assert (build_report(factcheck.load(hostile_path), "2023-11-22").storylines
                == build_report(other, "2023-11-22").storylines)


class TestMarks:
    def test_marks_name_the_other_claim(self) -> None:
        """The picture marks where another claim superseded or refuted a claim, naming it."""
        report = build_report(factcheck.load(ROOT), "2023-11-22", tz="Asia/Seoul")
        rows = {row.claim: row for row in report.picture.rows}
        assert ["superseded by altman-returns-as-ceo"] == [
            m.words for m in rows["altman-joins-microsoft"].marks]
        words = [m.words for m in rows["board-accepts-demands"].marks]
        assert "refuted by altman-joins-microsoft" in words

    def test_tooltips_name_source_and_moment(self) -> None:
        """A tick's tooltip names the source and says from when it counted, not "published"."""
        casebook = factcheck.load(ROOT)
        page = factcheck.render_report(casebook, "2023-11-22", tz="Asia/Seoul", fmt="html")
        assert "<title>counted from 2023-11-20 16:53:28 KST: nadella-x-1119 post</title>" in page
        assert "<title>published" not in page
        assert ("<title>altman-joins-microsoft: superseded by altman-returns-as-ceo from "
                "2023-11-22 15:05 KST</title>") in page

    def test_text_and_markdown_show_storylines(self) -> None:
        """Text and Markdown list claims by storyline; Markdown opens with a contents list."""
        casebook = factcheck.load(ROOT)
        markdown = factcheck.render_report(casebook, "2023-11-22", tz="Asia/Seoul",
                                           fmt="markdown")
        # The leadership storyline is the third: DevDay's (6 Nov) and Microsoft's (9 Nov) first
        # moved earlier, now that the casebook has their primary sources.
        assert "3. [Storyline 3](#storyline-3): altman-ceo-until-firing and 8 related" in markdown
        assert "\n### Storyline 3\n" in markdown
        assert "-- storyline 3\naltman-ceo-until-firing " in markdown
        text = factcheck.render_report(casebook, "2023-11-22", tz="Asia/Seoul")
        assert "Storyline 3: altman-ceo-until-firing and 8 related claims" in text
