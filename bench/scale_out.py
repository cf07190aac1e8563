"""Benchmark the distributed run against the engine of one machine, in the same process run.

    python bench/scale_out.py --claims 10000
    python bench/scale_out.py --claims 1000000 --workers 1 2 --partition-claims 100000

The casebook is bench/run.py's synthetic one (JSON Lines, reused from bench/out/N-seed/). Measured,
each once (wall clock; this machine's timings vary, and other work may share its cores):

- one machine: ``factcheck.load``, every timeline built (``Casebook.resolver()``), every claim's
  status at each instant (``status_columns``), every step as a table;
- ``export parquet --partitioned``: the casebook into a dataset, read in chunks;
- ``factcheck.distributed.resolve`` with statuses at each instant and every step, on a local
  cluster of 1, 2, ... worker processes (one thread each): the cluster's start apart, then the
  whole run (whole-casebook pass, then the partitions);
- the answers compared: statuses at every instant and every step, row for row.

Resident memory: this process's peak, and each worker's peak (``ru_maxrss``). Nothing is asserted
about time: the figures are for people to read (docs/scale.md).
"""

from __future__ import annotations

import argparse
import functools
import gc
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import pyarrow as pa  # noqa: E402
import pyarrow.dataset as ds  # noqa: E402
import run  # noqa: E402

import factcheck  # noqa: E402
from factcheck._partition import export_partitioned  # noqa: E402
from factcheck._partwork import statuses_table, steps_table  # noqa: E402
from factcheck.distributed import cluster, resolve  # noqa: E402

#: Instants across zones, inside the synthetic casebook's 30 days.
AS_OF = ["2023-11-20T09:00 Asia/Seoul", "2023-11-28 America/Los_Angeles",
         "2023-12-10T18:00 Asia/Seoul"]


def peak_mib() -> float:
    """This process's peak resident memory so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, fn: Any, rows: list[tuple[str, float, str]], note: str = "") -> Any:
    gc.collect()
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    rows.append((label, elapsed, note))
    print(f"  {label}: {elapsed:.2f} s {note}", file=sys.stderr, flush=True)
    return result


def _canonical(table: pa.Table, keys: list[str]) -> pa.Table:
    # The same order on both sides (nulls, the opening step's time, last): compared row for row.
    return table.sort_by([(k, "ascending") for k in keys]).combine_chunks()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partition-claims", type=int, default=None,
                        help="claims per partition (default: a tenth of the claims, at least "
                        "1000)")
    parser.add_argument("--chunk", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    n = args.claims
    partition_claims = args.partition_claims or max(1000, n // 10)
    base = args.out / f"{n}-{args.seed}"
    if not (base / "jsonl").is_dir():
        print(f"generating {n} claims under {base}", file=sys.stderr, flush=True)
        run.TOML_LIMIT = 0  # JSON Lines only: the distributed run reads that form
        run.generate(n, args.seed, base)
    book = base / "jsonl"
    size = sum(p.stat().st_size for p in book.rglob("*.jsonl"))
    rows: list[tuple[str, float, str]] = []
    print(f"{n} claims, {size / 2**20:.0f} MiB of JSON Lines", file=sys.stderr, flush=True)

    casebook = timed("one machine: factcheck.load", lambda: factcheck.load(book), rows)
    instants = [factcheck.parse_as_of(a, None, casebook.zone) for a in AS_OF]
    resolver = timed("one machine: build every timeline", casebook.resolver, rows)
    expected_statuses = timed(
        f"one machine: every status at {len(AS_OF)} instants",
        functools.partial(statuses_table, casebook, instants), rows)
    expected_steps = timed("one machine: every step as a table",
                           functools.partial(steps_table, resolver), rows)
    single = sum(r[1] for r in rows)
    rows.append(("one machine: total", single, f"peak RSS {peak_mib():.0f} MiB"))
    expected_statuses = _canonical(expected_statuses, ["as_of", "claim"])
    expected_steps = _canonical(expected_steps, ["claim", "at"])
    del casebook, resolver
    gc.collect()

    dataset = base / "dataset"
    shutil.rmtree(dataset, ignore_errors=True)
    counts = timed("export parquet --partitioned", lambda: export_partitioned(
        book, dataset, partition_claims=partition_claims, chunk=args.chunk), rows)
    rows[-1] = (rows[-1][0], rows[-1][1],
                f"{counts['partitions']} partitions, chunks of {args.chunk}; "
                f"peak RSS {peak_mib():.0f} MiB")
    for workers in args.workers:
        out = base / f"resolved-{workers}"
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        with cluster(workers) as client:
            rows.append((f"{workers} worker(s): start the local cluster",
                         time.perf_counter() - start, ""))
            timed(f"{workers} worker(s): resolve (statuses and every step)", functools.partial(
                resolve, dataset, AS_OF, out=out, timelines=True, client=client), rows)
            peaks = client.run(_worker_peak)
            rows[-1] = (rows[-1][0], rows[-1][1], "worker peak RSS " + ", ".join(
                f"{v:.0f}" for v in sorted(peaks.values())) + " MiB")
        statuses = _canonical(ds.dataset(out / "statuses", format="parquet").to_table(),
                              ["as_of", "claim"])
        steps = _canonical(ds.dataset(out / "steps", format="parquet").to_table(),
                           ["claim", "at"])
        same = statuses.equals(expected_statuses) and steps.equals(expected_steps)
        rows.append((f"{workers} worker(s): same answers as one machine",
                     0.0, f"{'yes' if same else 'NO'}: {statuses.num_rows} statuses, "
                     f"{steps.num_rows} steps, row for row"))
        if not same:
            print("the distributed answers differ from one machine's", file=sys.stderr)
            return 1

    print(f"\n### {n:,} claims, {counts['excerpts']:,} excerpt rows, {counts['partitions']} "
          f"partitions of about {partition_claims:,} claims, {size / 2**20:.0f} MiB of JSON "
          "Lines\n")
    print("| task | seconds | note |")
    print("|---|---|---|")
    for label, seconds, note in rows:
        shown = f"{seconds:.2f}" if seconds else "-"
        print(f"| {label} | {shown} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
