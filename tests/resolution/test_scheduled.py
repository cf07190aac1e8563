"""Announced in advance: a scheduled event is no anachronism, and reads as announced until due.

The case: the shipped casebook with OpenAI's announcement of 6 September 2023 (a paraphrase, in
``data/``) added, and its DevDay claim marked ``scheduled``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest

import factcheck

ROOT = Path(__file__).parents[2]
ANNOUNCEMENT = Path(__file__).parent / "data" / "openai-devday-announcement.toml"


def _copy(tmp: Path, scheduled: bool) -> factcheck.Casebook:
    for folder in ("claims", "sources"):
        shutil.copytree(ROOT / folder, tmp / folder)
    shutil.copy(ROOT / "casebook.toml", tmp)
    shutil.copy(ANNOUNCEMENT, tmp / "sources")
    claims = tmp / "claims" / "business.toml"
    text = claims.read_text("utf-8")
    if scheduled:
        text = text.replace('valid = "2023-11-06"\n', 'valid = "2023-11-06"\nscheduled = true\n', 1)
    claims.write_text(text, "utf-8")
    return factcheck.load(tmp)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> factcheck.Casebook:
    return _copy(tmp_path_factory.mktemp("scheduled"), scheduled=True)


class TestScheduled:
    """OpenAI's DevDay, announced on 6 September for 6 November 2023."""

    def test_announced_before_its_day(self, book: factcheck.Casebook) -> None:
        """In October it is confirmed as announced, not as done."""
        res = book.status("devday-on-nov-6", "2023-10-01", tz="America/Los_Angeles")
        assert "confirmed" == res
        assert res.explain().startswith(
            "confirmed as announced for 2023-11-06 PST since 2023-09-07 00:00 PDT: first-party: "
            "openai-devday-announcement")

    def test_done_from_its_valid_time(self, book: factcheck.Casebook) -> None:
        """From 6 November (Pacific) on, it reads as done."""
        res = book.status("devday-on-nov-6", "2023-11-06T09:00", tz="America/Los_Angeles")
        assert None is res.announced_for
        assert res.explain().startswith("confirmed since")

    def test_in_every_zone(self, book: factcheck.Casebook) -> None:
        """The valid time starts at midnight in Los Angeles, 17:00 in Seoul."""
        before = book.status("devday-on-nov-6", "2023-11-06T16:59", tz="Asia/Seoul")
        after = book.status("devday-on-nov-6", "2023-11-06T17:00", tz="Asia/Seoul")
        assert (True, False) == (before.announced_for is not None,
                                 after.announced_for is not None)

    def test_no_anachronism(self, book: factcheck.Casebook, tmp_path: Path) -> None:
        """Reported two months ahead, yet not flagged; unscheduled, the same is an error."""
        assert "anachronism" not in [f.code for f in book.findings()]
        unscheduled = _copy(tmp_path, scheduled=False)
        assert "anachronism" in [f.code for f in unscheduled.findings()]

    def test_saved_and_loaded(self, book: factcheck.Casebook, tmp_path: Path) -> None:
        """``scheduled = true`` is written back, and reads back the same."""
        factcheck.save(book, tmp_path / "copy")
        assert "scheduled = true" in (tmp_path / "copy" / "claims" / "business.toml").read_text(
            "utf-8")
        assert book.claim_by_id == factcheck.load(tmp_path / "copy").claim_by_id
        assert attrs.evolve(book.claim_by_id["devday-on-nov-6"], scheduled=False) != (
            book.claim_by_id["devday-on-nov-6"])
