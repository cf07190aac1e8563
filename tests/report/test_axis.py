"""The picture's axis on day boundaries in the zone shown, and a quiet stretch cut away."""

from __future__ import annotations

import shutil
from itertools import pairwise
from pathlib import Path

import pendulum
import pytest

import factcheck
from factcheck._report import build_report
from factcheck._report._common import day_marks, zoomed

ROOT = Path(__file__).parents[2]


class TestDayMarks:
    @pytest.mark.parametrize("zone", ["Asia/Seoul", "America/Los_Angeles"])
    def test_starts_of_days_in_the_zone(self, zone: str) -> None:
        """Every mark is a local midnight, across a daylight-saving change too."""
        start = pendulum.datetime(2023, 10, 30, 7, tz=zone)
        marks = day_marks(start, start.add(days=10), zone, 12)
        assert 10 == len(marks)
        for mark in marks:
            local = mark.in_timezone(zone)
            assert (0, 0) == (local.hour, local.minute)

    @pytest.mark.parametrize(("days", "step"), [(7, 1), (20, 3), (60, 14)])
    def test_steps_keep_few_marks(self, days: int, step: int) -> None:
        """A longer range takes a longer step between marks, never more than asked for."""
        start = pendulum.datetime(2023, 11, 18, tz="Asia/Seoul")
        marks = day_marks(start, start.add(days=days), "Asia/Seoul", 8)
        assert len(marks) <= 8
        assert {step} == {(b - a).in_days() for a, b in pairwise(marks)}

    def test_months_and_years(self) -> None:
        """Months start on their first day; a range of centuries marks round years."""
        start = pendulum.datetime(2023, 1, 15, tz="UTC")
        assert all(1 == m.day for m in day_marks(start, start.add(years=1), "UTC", 8))
        edge = day_marks(pendulum.datetime(1, 1, 1, tz="UTC"),
                         pendulum.datetime(9999, 12, 31, tz="UTC"), "Asia/Seoul", 8)
        assert [2000, 4000, 6000, 8000] == [m.in_timezone("Asia/Seoul").year for m in edge]


class TestZoom:
    def test_quiet_stretch_cut(self) -> None:
        """Months after the story, the picture ends the day its last change did; the HTML report
        keeps the full range one click away."""
        casebook = factcheck.load(ROOT)
        report = build_report(casebook, "2024-03-01", tz="Asia/Seoul")
        cut = zoomed(report.picture, "Asia/Seoul")
        assert cut is not None
        assert cut.end < pendulum.datetime(2023, 12, 15, tz="Asia/Seoul")
        assert all(b.end <= cut.end for row in cut.rows for b in row.bands)
        page = factcheck.render_report(casebook, "2024-03-01", tz="Asia/Seoul", fmt="html")
        assert page.count('<details class="full-range">') == 1
        assert "nothing changed from 2023-12-01 00:00 KST to the as-of" in page
        text = factcheck.render_report(casebook, "2024-03-01", tz="Asia/Seoul")
        assert "that quiet stretch is not drawn" in text.replace("\n", " ")

    def test_no_cut_when_the_story_fills_the_picture(self) -> None:
        """As of the end of the week, nothing is cut."""
        report = build_report(factcheck.load(ROOT), "2023-11-22", tz="Asia/Seoul")
        assert zoomed(report.picture, "Asia/Seoul") is None


class TestEdgesOfTheCalendar:
    @pytest.mark.parametrize("as_of", ["0001-01-03", "2023-11-22", "9999-12-29T12:00"])
    def test_every_format_total(self, tmp_path: Path, as_of: str) -> None:
        """Publications in year 1 and year 9999 still give every format: axis, cut picture and
        the page's embedded history included."""
        book = tmp_path / "edge"
        shutil.copytree(ROOT / "tests" / "data" / "mini", book)
        nadella = book / "sources" / "nadella.toml"
        nadella.write_text(nadella.read_text(encoding="utf-8").replace(
            '"2023-11-19T23:53:28"', '"0001-01-02T00:00:01"'), encoding="utf-8")
        letter = book / "sources" / "newsletter.toml"
        letter.write_text(letter.read_text(encoding="utf-8").replace(
            '"2023-11-22"', '"9999-12-29"'), encoding="utf-8")
        casebook = factcheck.load(book)
        for fmt in ("text", "markdown", "html", "json"):
            out = factcheck.render_report(casebook, as_of, fmt=fmt)
            assert "Mini headline case" in out
        page = factcheck.render_report(casebook, as_of, fmt="html")
        assert 'id="factcheck-data"' in page
