"""The HTML page's movable as-of, read from the data it embeds: the same statuses as the library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pendulum
import pytest

import factcheck

ROOT = Path(__file__).parents[2]


def _data(page: str) -> dict[str, Any]:
    block = page.split('<script type="application/json" id="factcheck-data">', 1)[1]
    return dict(json.loads(block.split("</script>", 1)[0]))


def _at(steps: list[list[Any]], ms: int) -> str:
    found = steps[0]
    for step in steps:
        if step[0] is None or step[0] <= ms:
            found = step
    return str(found[1])


@pytest.fixture(scope="module")
def shipped() -> factcheck.Casebook:
    """The shipped casebook."""
    return factcheck.load(ROOT)


class TestEmbeddedHistory:
    @pytest.mark.parametrize("moment", ["2023-11-18T06:00+09:00", "2023-11-20T16:53:27+09:00",
                                        "2023-11-20T16:53:28+09:00", "2023-11-21T12:00-08:00",
                                        "2023-11-22T15:05+09:00"])
    def test_statuses_match_the_library(self, shipped: factcheck.Casebook, moment: str) -> None:
        """At any moment up to the as-of, the embedded history gives each claim the status the
        library gives (read in Seoul and in Los Angeles alike)."""
        for tz in ("Asia/Seoul", "America/Los_Angeles"):
            page = factcheck.render_report(shipped, "2023-11-22", tz="Asia/Seoul", fmt="html")
            data = _data(page)
            ms = int(pendulum.parse(moment).timestamp() * 1000)  # type: ignore[union-attr]
            expected = {cid: r.status.value for cid, r in shipped.statuses(moment, tz).items()}
            assert expected == {cid: _at(steps, ms) for cid, steps in data["claims"].items()}

    def test_range_and_moments(self, shipped: factcheck.Casebook) -> None:
        """The slider spans the picture, ends at the as-of, and steps through every change."""
        page = factcheck.render_report(shipped, "2023-11-22", tz="Asia/Seoul", fmt="html")
        data = _data(page)
        as_of = factcheck.parse_as_of("2023-11-22", "Asia/Seoul")
        assert int(as_of.timestamp() * 1000) == data["end"]
        assert data["start"] < min(data["moments"]) <= max(data["moments"]) <= data["end"]
        assert "2023-11-23 00:00 KST, the end of 2023-11-22" == data["asOfText"]
        assert {"540": "KST"} == data["abbrevs"]

    def test_zone_with_daylight_saving(self, shipped: factcheck.Casebook) -> None:
        """Shown in Los Angeles, the page knows the abbreviation of every offset it may show."""
        page = factcheck.render_report(shipped, "2023-11-22", tz="America/Los_Angeles",
                                       fmt="html")
        assert {"-480": "PST"} == _data(page)["abbrevs"]


class TestStaticPage:
    def test_controls_hidden_without_script(self, shipped: factcheck.Casebook) -> None:
        """The slider and filters are hidden until the script shows them: without scripts the
        page is the static report for its as-of."""
        page = factcheck.render_report(shipped, "2023-11-22", tz="Asia/Seoul", fmt="html")
        assert '<div id="as-of-controls" class="controls needs-script" hidden="">' in page
        assert 'data-claim="board-accepts-demands" data-status="refuted"' in page

    def test_changes_grouped_by_publication(self, shipped: factcheck.Casebook) -> None:
        """A publication that moved several claims heads them once, in every format."""
        for fmt, start, end in (("html", 'id="changes"', 'id="relations"'),
                                ("markdown", "## What changed", "## Contradictions"),
                                ("text", "\nWhat changed", "\nContradictions")):
            out = factcheck.render_report(shipped, "2023-11-22", tz="Asia/Seoul", fmt=fmt)
            changes = out.split(start, 1)[1].split(end, 1)[0]
            assert 1 == changes.count("nadella-x-1119 post (published 2023-11-20 16:53:28 KST)")
