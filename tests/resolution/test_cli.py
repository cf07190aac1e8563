"""`factcheck status` and `factcheck timeline` on the small headline casebook."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck._cli import main

MINI = str(Path(__file__).parent.parent / "data" / "mini")


class TestStatusCommand:
    """The status command: table and JSON, zones, and errors."""

    def test_zone_changes_the_answer(self, capsys):
        """The same date in Los Angeles and in Seoul gives confirmed and unreported."""
        answers = {}
        for tz in ("America/Los_Angeles", "Asia/Seoul"):
            assert 0 == main(["status", "altman-returns-as-ceo", "--path", MINI,
                              "--as-of", "2023-11-21", "--tz", tz, "--format", "json"])
            answers[tz] = json.loads(capsys.readouterr().out)[0]
        assert "confirmed" == answers["America/Los_Angeles"]["status"]
        assert "unreported" == answers["Asia/Seoul"]["status"]
        assert "2023-11-21T22:05:00-08:00" == answers["America/Los_Angeles"]["since"]
        assert "2023-11-22T00:00:00-08:00" == answers["America/Los_Angeles"]["as_of"]

    def test_json_has_the_documented_keys(self, capsys):
        """Every object carries claim, status, since and reasons."""
        assert 0 == main(["status", "--path", MINI, "--as-of", "2023-11-22", "--format", "json"])
        rows = json.loads(capsys.readouterr().out)
        assert ["altman-joins-microsoft", "altman-returns-as-ceo", "board-accepts-demands"] == [
            r["claim"] for r in rows]
        for row in rows:
            assert {"claim", "status", "since", "reasons"} <= set(row)

    def test_table_states_the_instant_and_zone(self, capsys):
        """The table opens with the exact as-of instant in the chosen zone."""
        assert 0 == main(["status", "--path", MINI, "--as-of", "2023-11-21", "--tz",
                          "America/Los_Angeles"])
        out = capsys.readouterr().out
        assert out.startswith("as of 2023-11-22 00:00 PST (2023-11-22T00:00:00-08:00)")
        assert "superseded" in out

    def test_unknown_claim_is_a_clear_error(self, capsys):
        """An unknown claim id exits 2 with one line, no traceback."""
        assert 2 == main(["status", "no-such-claim", "--path", MINI, "--as-of", "2023-11-21"])
        err = capsys.readouterr().err
        assert "no claim 'no-such-claim'" in err
        assert "Traceback" not in err

    def test_naive_as_of_without_zone_is_an_error(self, capsys, tmp_path):
        """Without --tz and without a casebook zone, a date is refused, never read as UTC."""
        import shutil

        shutil.copytree(MINI, tmp_path / "cb")
        (tmp_path / "cb" / "casebook.toml").write_text('title = "no zone"\n', encoding="utf-8")
        assert 2 == main(["status", "--path", str(tmp_path / "cb"), "--as-of", "2023-11-21"])
        assert "has no zone" in capsys.readouterr().err

    def test_bad_zone_is_an_error(self, capsys):
        """An unknown --tz exits 2 naming the zone."""
        assert 2 == main(["status", "--path", MINI, "--as-of", "2023-11-21", "--tz", "Mars/Base"])
        assert "Mars/Base" in capsys.readouterr().err


class TestTimelineCommand:
    """The timeline command: one row per status change."""

    def test_json_steps(self, capsys):
        """The acceptance claim goes unreported → reported → refuted, with times in Seoul."""
        assert 0 == main(["timeline", "board-accepts-demands", "--path", MINI,
                          "--format", "json"])
        steps = json.loads(capsys.readouterr().out)
        assert ["unreported", "reported", "refuted"] == [s["status"] for s in steps]
        assert [None, "2023-11-20T00:00:00+09:00", "2023-11-20T16:53:28+09:00"] == [
            s["since"] for s in steps]

    def test_table_in_los_angeles(self, capsys):
        """--tz shows the same steps in Pacific time, zone named."""
        assert 0 == main(["timeline", "board-accepts-demands", "--path", MINI, "--tz",
                          "America/Los_Angeles"])
        assert "2023-11-19 23:53:28 PST" in capsys.readouterr().out
