"""``factcheck resolve DATASET``: a partitioned casebook resolved on Dask (docs/scale.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ._cliargs import EXIT_OK, Command, UsageError
from ._progress import progress

__all__ = ["RESOLVE"]


def _arguments(resolve: argparse.ArgumentParser) -> None:
    resolve.add_argument("dataset", metavar="DATASET",
                         help="a dataset written by `factcheck export parquet PATH --partitioned`")
    resolve.add_argument("--as-of", action="append", required=True, metavar="T",
                         help="a date (end of that day) or time; repeat for several instants")
    resolve.add_argument("--tz", help="zone for --as-of without one")
    where = resolve.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="a local Dask cluster of N worker processes (default: one per core)")
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="the Dask scheduler of your cluster (tcp://host:8786)")
    resolve.add_argument("--timelines", action="store_true",
                         help="also write every step of every timeline (OUT/steps/)")
    resolve.add_argument("-o", "--output", required=True, metavar="OUT",
                         help="folder for the results (statuses/, steps/, findings/)")


def _run(args: argparse.Namespace) -> int:
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers takes a whole number, at least 1")
    from .distributed import resolve

    with progress(f"resolving {args.dataset}"):
        resolve(args.dataset, args.as_of, out=args.output, tz=args.tz, timelines=args.timelines,
                workers=args.workers, scheduler=args.scheduler)
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    out = Path(args.output)
    rows = sum(pq.ParquetFile(f).metadata.num_rows for f in sorted(
        (out / "statuses").glob("*.parquet")))
    print(f"{rows} statuses ({len(args.as_of)} instant(s)): {out / 'statuses'}")
    if args.timelines:
        steps = sum(pq.ParquetFile(f).metadata.num_rows for f in sorted(
            (out / "steps").glob("*.parquet")))
        print(f"{steps} timeline steps: {out / 'steps'}")
    findings = sum(pq.ParquetFile(f).metadata.num_rows for f in sorted(
        (out / "findings").glob("*.parquet")))
    print(f"{findings} finding place(s): {out / 'findings'}")
    return EXIT_OK


RESOLVE = Command("resolve", "Resolve a partitioned casebook on Dask (a local cluster or yours).",
                  _arguments, _run, casebook=False)
