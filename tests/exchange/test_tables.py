"""Tables: `factcheck export csv|parquet` and pandas DataFrames of statuses and timeline steps."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pandas as pd
import pendulum
import pyarrow.parquet as pq
import pytest

import factcheck
from factcheck._cli import main
from factcheck._status_tables import (
    BRIEF_COLUMNS,
    STATUS_COLUMNS,
    STEP_COLUMNS,
    _engine_columns,
)

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2023-11-22"


@pytest.fixture(scope="module")
def shipped() -> factcheck.Casebook:
    """The shipped casebook."""
    return factcheck.load(ROOT)


def export(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run `factcheck export ...`: exit code, stdout, stderr."""
    code = main(["export", *[str(a) for a in argv]])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rows(text: str) -> list[dict[str, str]]:
    """CSV text as dicts."""
    return list(csv.DictReader(io.StringIO(text)))


class TestCsv:
    """CSV of statuses as of T, and of every timeline step."""

    def test_statuses(self, shipped: factcheck.Casebook,
                      capsys: pytest.CaptureFixture[str]) -> None:
        """One row per claim, by id: its status, since (ISO with offset) and origins."""
        code, out, _ = export(capsys, "csv", ROOT, "--as-of", AS_OF)
        table = rows(out)
        statuses = shipped.statuses(AS_OF)

        assert 0 == code
        assert list(STATUS_COLUMNS) == list(table[0])
        assert sorted(statuses) == [r["claim"] for r in table]
        for row in table:
            r = statuses[row["claim"]]
            assert r.status.value == row["status"]
            assert (r.since is None and "" == row["since"]) or r.since == pendulum.parse(
                row["since"])
            assert row["since"] == "" or row["since"].endswith("+09:00")  # the casebook's zone
            assert str(len(r.origins)) == row["origins"]

    def test_steps(self, shipped: factcheck.Casebook, capsys: pytest.CaptureFixture[str]) -> None:
        """One row per step of each timeline; each step ends where the next begins."""
        code, out, _ = export(capsys, "csv", ROOT, "--table", "steps")
        table = rows(out)

        assert 0 == code
        assert list(STEP_COLUMNS) == list(table[0])
        for claim_id in shipped.claim_by_id:
            mine = [r for r in table if r["claim"] == claim_id]
            timeline = shipped.timeline(claim_id)
            assert [s.value for s in timeline.statuses()] == [r["status"] for r in mine]
            assert [r["since"] for r in mine[1:]] == [r["until"] for r in mine[:-1]]
            assert ("", "") == (mine[0]["since"], mine[-1]["until"])

    def test_steps_up_to(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--as-of bounds the steps: none begins after T."""
        _, out, _ = export(capsys, "csv", ROOT, "--table", "steps", "--as-of", "2023-11-19")
        limit = pendulum.parse("2023-11-20T00:00:00+09:00")

        assert all(pendulum.parse(r["since"]) <= limit for r in rows(out) if r["since"])

    def test_deterministic(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The same casebook and arguments give the same bytes."""
        assert export(capsys, "csv", ROOT, "--as-of", AS_OF) == export(
            capsys, "csv", ROOT, "--as-of", AS_OF)


class TestParquet:
    """Parquet: the same table, typed."""

    def test_statuses(self, shipped: factcheck.Casebook, tmp_path: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
        """Timestamps are the same instants, in the casebook's zone; counts are integers."""
        target = tmp_path / "statuses.parquet"
        code, _, err = export(capsys, "parquet", ROOT, "--as-of", AS_OF, "-o", target)
        table = pq.read_table(target)
        statuses = shipped.statuses(AS_OF)

        assert (0, "") == (code, err)
        assert list(STATUS_COLUMNS) == table.column_names
        assert "timestamp[us, tz=Asia/Seoul]" == str(table.schema.field("since").type)
        assert "int64" == str(table.schema.field("origins").type)
        data = table.to_pylist()
        for row in data:
            since = statuses[row["claim"]].since
            assert (since is None and row["since"] is None) or since == row["since"]

    def test_needs_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Binary output is not written to a terminal: -o is required, exit 2."""
        code, out, err = export(capsys, "parquet", ROOT, "--as-of", AS_OF)

        assert (2, "") == (code, out)
        assert "name it with -o FILE" in err

    def test_statuses_need_as_of(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The statuses table needs --as-of."""
        code, _, err = export(capsys, "csv", ROOT)

        assert 2 == code
        assert "export csv needs --as-of" in err


class TestFrames:
    """pandas DataFrames from Python."""

    def test_statuses_frame(self, shipped: factcheck.Casebook) -> None:
        """Columns as in CSV; times are timestamps in the zone asked for; values agree."""
        frame = factcheck.statuses_frame(shipped, AS_OF, tz="America/Los_Angeles")
        statuses = shipped.statuses(AS_OF, tz="America/Los_Angeles")

        assert list(STATUS_COLUMNS) == list(frame.columns)
        assert "America/Los_Angeles" == str(frame["since"].dt.tz)
        assert sorted(statuses) == list(frame["claim"])
        for row in frame.itertuples():
            r = statuses[str(row.claim)]
            assert r.status.value == row.status
            if r.since is None:
                assert pd.isna(row.since)
            else:
                assert r.since == row.since.to_pydatetime()

    def test_zones_same_instants(self, shipped: factcheck.Casebook) -> None:
        """Seoul and Los Angeles frames hold the same instants, shown in each zone."""
        seoul = factcheck.statuses_frame(shipped, "2023-11-21T12:00+09:00", tz="Asia/Seoul")
        la = factcheck.statuses_frame(shipped, "2023-11-21T12:00+09:00",
                                      tz="America/Los_Angeles")

        assert list(seoul["since"].dt.tz_convert("UTC")) == list(la["since"].dt.tz_convert("UTC"))
        assert list(seoul["status"]) == list(la["status"])

    def test_steps_frame(self, shipped: factcheck.Casebook) -> None:
        """One row per timeline step, the same as the CSV's."""
        frame = factcheck.steps_frame(shipped)
        expected = sum(len(shipped.timeline(c).steps) for c in shipped.claim_by_id)

        assert list(STEP_COLUMNS) == list(frame.columns)
        assert expected == len(frame)
        assert "Asia/Seoul" == str(frame["until"].dt.tz)


class TestEngineColumns:
    """The statuses table starts from the engine's columnar answer, with or without pyarrow."""

    def test_brief(self, shipped: factcheck.Casebook) -> None:
        """details=False: the engine's columns only, with the same values as the full table."""
        brief = factcheck.statuses_frame(shipped, AS_OF, details=False)
        full = factcheck.statuses_frame(shipped, AS_OF)

        assert list(BRIEF_COLUMNS) == list(brief.columns)
        assert full[list(BRIEF_COLUMNS)].equals(brief)

    def test_without_pyarrow(self, shipped: factcheck.Casebook,
                             monkeypatch: pytest.MonkeyPatch) -> None:
        """The engine's NumPy answer (no pyarrow) reads the same as its Arrow answer."""
        instant = factcheck.parse_as_of(AS_OF, None, shipped.zone)
        arrow = _engine_columns(shipped.status_columns(instant))
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        answer = shipped.status_columns(instant)
        monkeypatch.undo()

        assert isinstance(answer, dict)
        assert arrow == _engine_columns(answer)
