"""The benchmark runs at a small size in CI, so it cannot rot. No timing is asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROWS = ["raw parse (toml", "factcheck.load (toml)", "raw parse (jsonl", "factcheck.load (jsonl)",
        "build every timeline", "point status query (median)", "every claim's status at T",
        "findings (factcheck check)", "report (markdown)", "peak RSS at the end"]


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The table printed by `python bench/run.py --claims 300`."""
    out = tmp_path_factory.mktemp("bench")
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--claims", "300", "--queries", "2000",
         "--out", str(out)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert 0 == result.returncode, result.stderr
    return result.stdout


def test_every_figure_is_printed(table):
    """Each measured task has a row with a figure in the printed table."""
    lines = [line for line in table.splitlines() if line.startswith("| ")]
    for name in ROWS:
        row = next((line for line in lines if line.startswith(f"| {name}")), None)
        assert row is not None, name
        assert row.split("|")[2].strip() not in ("", "-"), row


def test_duckdb_column_when_installed(table):
    """With the bench extra installed, DuckDB's figures stand beside ours, with the ratios."""
    pytest.importorskip("duckdb")
    lines = [line for line in table.splitlines() if line.startswith("| ")]
    for name in ("build every timeline", "point status query", "every claim's status at T"):
        cells = [c.strip() for c in next(r for r in lines if name in r).split("|")]
        assert cells[3] not in ("", "-") and cells[5] not in ("", "-"), cells


def test_generation_is_seeded(tmp_path):
    """The same size and seed give byte-identical files: runs are comparable."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import run
    finally:
        sys.path.remove(str(ROOT / "bench"))
    run.generate(50, 3, tmp_path / "a")
    run.generate(50, 3, tmp_path / "b")
    for path in sorted((tmp_path / "a").rglob("*.*")):
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.read_bytes() == twin.read_bytes(), path


def test_findings_side_by_side(tmp_path):
    """`python bench/findings.py CASEBOOK --against REV` runs this tree's checks and another
    commit's in one process, and both find the same."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: no other commit to read")
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import run
    finally:
        sys.path.remove(str(ROOT / "bench"))
    run.generate(200, 1, tmp_path)
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "findings.py"), str(tmp_path / "jsonl"),
         "--against", "HEAD", "--runs", "1"],
        capture_output=True, text=True, timeout=600, check=False, cwd=ROOT,
    )
    assert 0 == result.returncode, result.stderr
    assert "findings, this tree:" in result.stdout and "findings, HEAD:" in result.stdout
