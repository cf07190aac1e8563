"""Benchmark the distributed run against the engine of one machine, in the same process run.

    python bench/scale_out.py --claims 10000
    python bench/scale_out.py --claims 1000000 --workers 1 2

The casebook is bench/run.py's synthetic one (JSON Lines, reused from bench/out/N-seed/). Measured,
each once (wall clock; this machine's timings vary, and other work may share its cores):

- one machine: ``factcheck.load``, every timeline built (``Casebook.resolver()``), every claim's
  status at each instant (``status_columns``), every step as a table;
- ``export parquet --partitioned``: the casebook into a dataset, read in chunks;
- ``factcheck.distributed.resolve`` with statuses at each instant and every step, on a local
  cluster of 1, 2, ... worker processes (one thread each): the cluster's start apart, then the
  whole run (whole-casebook pass, then the partitions);
- the answers compared: statuses at every instant and every step, row for row.

Each row gives the wall-clock time and the CPU time it cost (this process, plus the workers' for a
distributed run): on a shared machine the CPU time says what the work costs, the wall time what a
user waited. Resident memory: this process's peak, and each worker's at the end. Nothing is
asserted about time: the figures are for people to read (docs/scale.md).
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
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


def _worker_state() -> tuple[float, float]:
    """A worker's CPU seconds so far and its resident memory now (MiB)."""
    import psutil

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, psutil.Process().memory_info().rss / 2**20


Row = tuple[str, float, float, str]


def timed(label: str, fn: Any, rows: list[Row], note: str = "") -> Any:
    """Run ``fn``; note its wall-clock and this process's CPU seconds (the machine is shared:
    CPU time says what the work cost, wall time what a user waited)."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    rows.append((label, elapsed, used, note))
    print(f"  {label}: {elapsed:.2f} s wall, {used:.2f} s CPU {note}", file=sys.stderr,
          flush=True)
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
                        help="claims per partition (default: a quarter of the claims, at least "
                        "1000: four partitions, even work for one, two or four workers, and "
                        "fewer copies of the sources their excerpts share)")
    parser.add_argument("--chunk", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--distributed-only", action="store_true",
                        help="measure only the distributed runs, on the dataset an earlier run "
                        "exported (bench/out/N-seed/dataset), without the one machine's part or "
                        "the comparison of answers (for a casebook one machine cannot hold)")
    args = parser.parse_args(argv)
    n = args.claims
    partition_claims = args.partition_claims or max(1000, -(-n // 4))
    base = args.out / f"{n}-{args.seed}"
    if not (base / "jsonl").is_dir():
        print(f"generating {n} claims under {base}", file=sys.stderr, flush=True)
        run.TOML_LIMIT = 0  # JSON Lines only: the distributed run reads that form
        run.generate(n, args.seed, base)
    book = base / "jsonl"
    size = sum(p.stat().st_size for p in book.rglob("*.jsonl"))
    rows: list[Row] = []
    print(f"{n} claims, {size / 2**20:.0f} MiB of JSON Lines", file=sys.stderr, flush=True)
    if args.distributed_only:
        return _distributed_only(args, base / "dataset", rows)

    casebook = timed("one machine: factcheck.load", lambda: factcheck.load(book), rows)
    instants = [factcheck.parse_as_of(a, None, casebook.zone) for a in AS_OF]
    resolver = timed("one machine: build every timeline", casebook.resolver, rows)
    expected_statuses = timed(
        f"one machine: every status at {len(AS_OF)} instants",
        functools.partial(statuses_table, casebook, instants), rows)
    expected_steps = timed("one machine: every step as a table",
                           functools.partial(steps_table, resolver), rows)
    rows.append(("one machine: total", sum(r[1] for r in rows), sum(r[2] for r in rows),
                 f"peak RSS {peak_mib():.0f} MiB"))
    expected_statuses = _canonical(expected_statuses, ["as_of", "claim"])
    expected_steps = _canonical(expected_steps, ["claim", "at"])
    del casebook, resolver
    gc.collect()

    dataset = base / "dataset"
    shutil.rmtree(dataset, ignore_errors=True)
    counts = timed("export parquet --partitioned", lambda: export_partitioned(
        book, dataset, partition_claims=partition_claims, chunk=args.chunk), rows)
    rows[-1] = (*rows[-1][:3], f"{counts['partitions']} partitions, chunks of {args.chunk}; "
                f"peak RSS of this process so far {peak_mib():.0f} MiB")
    for workers in args.workers:
        out = _distributed(dataset, base, workers, rows)
        statuses = _canonical(ds.dataset(out / "statuses", format="parquet").to_table(),
                              ["as_of", "claim"])
        steps = _canonical(ds.dataset(out / "steps", format="parquet").to_table(),
                           ["claim", "at"])
        same = statuses.equals(expected_statuses) and steps.equals(expected_steps)
        rows.append((f"{workers} worker(s): same answers as one machine",
                     0.0, 0.0, f"{'yes' if same else 'NO'}: {statuses.num_rows} statuses, "
                     f"{steps.num_rows} steps, row for row"))
        if not same:
            print("the distributed answers differ from one machine's", file=sys.stderr)
            return 1

    print(f"\n### {n:,} claims, {counts['excerpts']:,} excerpt rows, {counts['partitions']} "
          f"partitions of about {partition_claims:,} claims, {size / 2**20:.0f} MiB of JSON "
          "Lines\n")
    _table(rows)
    return 0


def _distributed(dataset: Path, base: Path, workers: int, rows: list[Row]) -> Path:
    """Resolve ``dataset`` on a local cluster of ``workers`` processes; note the cluster's start
    and the run (with the workers' CPU) in ``rows``. Returns the folder of the results."""
    out = base / f"resolved-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    with cluster(workers) as client:
        rows.append((f"{workers} worker(s): start the local cluster",
                     time.perf_counter() - start, 0.0, ""))
        before = client.run(_worker_state)
        timed(f"{workers} worker(s): resolve (statuses and every step)", functools.partial(
            resolve, dataset, AS_OF, out=out, timelines=True, client=client), rows)
        after = client.run(_worker_state)
        worker_cpu = sum(after[w][0] - before[w][0] for w in after)
        rows[-1] = (rows[-1][0], rows[-1][1], rows[-1][2] + worker_cpu,
                    "CPU: this process and the workers; worker RSS at the end "
                    + ", ".join(f"{after[w][1]:.0f}" for w in sorted(after)) + " MiB")
    print(f"  {rows[-1][0]}: {rows[-1][1]:.2f} s wall, {rows[-1][2]:.2f} s CPU with the "
          "workers'", file=sys.stderr, flush=True)
    return out


def _distributed_only(args: argparse.Namespace, dataset: Path, rows: list[Row]) -> int:
    """The distributed runs alone, on the dataset an earlier run exported."""
    if not (dataset / "dataset.json").exists():
        print(f"no dataset in {dataset}: run once without --distributed-only", file=sys.stderr)
        return 2
    for workers in args.workers:
        out = _distributed(dataset, dataset.parent, workers, rows)
        statuses = ds.dataset(out / "statuses", format="parquet").count_rows()
        steps = ds.dataset(out / "steps", format="parquet").count_rows()
        rows.append((f"{workers} worker(s): results", 0.0, 0.0,
                     f"{statuses} statuses, {steps} steps (not compared: --distributed-only)"))
    print(f"\n### {args.claims:,} claims, the distributed runs alone\n")
    _table(rows)
    return 0


def _table(rows: list[Row]) -> None:
    print(f"load average at the end: {' '.join(str(round(x, 1)) for x in os.getloadavg())}\n")
    print("| task | wall s | CPU s | note |")
    print("|---|---|---|---|")
    for label, seconds, cpu, note in rows:
        wall = f"{seconds:.2f}" if seconds else "-"
        used = f"{cpu:.2f}" if cpu else "-"
        print(f"| {label} | {wall} | {used} | {note} |")


if __name__ == "__main__":
    sys.exit(main())
