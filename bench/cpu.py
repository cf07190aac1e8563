"""The build and the point query, ours and DuckDB's, in CPU seconds: ratios a shared machine does
not distort (``bench/run.py`` measures wall time, which other processes inflate unevenly).

    python bench/cpu.py bench/out/100000-1

``time.process_time`` of this process, which counts every thread of it, DuckDB's included. Run
``bench/run.py`` first: it generates the casebook (and the events file DuckDB reads, written here
when missing).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pendulum
from run import START, WINDOW_DAYS, events, write_events

import factcheck

QUERIES = 20_000


def _per_call(calls: list[Any], fn: Any, batch: int) -> float:
    """Median CPU µs per call over batches of ``batch`` calls."""
    clock = time.process_time
    medians = []
    for i in range(0, len(calls), batch):
        part = calls[i:i + batch]
        start = clock()
        for args in part:
            fn(*args)
        medians.append((clock() - start) / len(part) * 1e6)
    return statistics.median(medians)


def main(folder: str) -> None:
    import duckdb

    root = Path(folder)
    clock = time.process_time
    casebook = factcheck.load(root / "jsonl")
    start = clock()
    resolver = casebook.resolver()
    build = clock() - start
    rng = random.Random(1)
    ids = [c.id for c in casebook.claims]
    pairs = [(rng.choice(ids), pendulum.from_timestamp(
        START + rng.randrange(WINDOW_DAYS * 86400), tz="UTC")) for _ in range(QUERIES)]
    ours = _per_call(pairs, resolver.at, 1000)

    if not (root / "events.csv").exists():
        write_events(events(casebook), root / "events.csv")
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE events AS SELECT * FROM read_csv(?, header=false, "
        "columns={'claim': 'VARCHAR', 't': 'BIGINT', 'stance': 'VARCHAR', 'origin': 'VARCHAR'})",
        [str(root / "events.csv")])
    start = clock()
    con.execute("CREATE TABLE sorted AS SELECT * FROM events ORDER BY claim, t")
    sort = clock() - start
    query = "SELECT stance, t FROM sorted WHERE claim = ? AND t <= ? ORDER BY t DESC LIMIT 1"
    lookups = [(rng.choice(ids), START + rng.randrange(WINDOW_DAYS * 86400))
               for _ in range(QUERIES // 10)]
    theirs = _per_call(lookups, lambda c, t: con.execute(query, [c, t]).fetchall(), 50)
    print(f"{len(ids):,} claims; CPU seconds (this process, every thread)")
    print(f"build every timeline: {build:.3f} s; DuckDB ORDER BY claim, t: {sort:.3f} s; "
          f"ratio {build / sort:.1f}")
    print(f"point status query: {ours:.2f} µs; DuckDB parameterized query: {theirs:.1f} µs; "
          f"ours is 1/{theirs / ours:.0f} of theirs")


if __name__ == "__main__":
    main(sys.argv[1])
