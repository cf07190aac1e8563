"""``factcheck export parquet PATH --partitioned OUT``: a partitioned Parquet dataset, written in
chunks without loading the casebook whole (docs/scale.md)."""

from __future__ import annotations

import argparse

from ._cliargs import EXIT_OK, UsageError
from ._progress import progress

__all__ = ["add_partitioned_arguments", "export_partitioned_command"]


def add_partitioned_arguments(export: argparse.ArgumentParser) -> None:
    """``--partitioned OUT`` and how big its partitions and reading chunks are."""
    export.add_argument("--partitioned", metavar="OUT",
                        help="parquet: write a partitioned dataset in the folder OUT (for "
                        "`factcheck resolve`), reading the casebook in chunks")
    export.add_argument("--partition-claims", type=int, default=100_000, metavar="N",
                        help="--partitioned: about N claims per partition (default 100000)")
    export.add_argument("--chunk", type=int, default=100_000, metavar="N",
                        help="--partitioned: read N records at a time (default 100000)")


def export_partitioned_command(args: argparse.Namespace) -> int:
    """Write the dataset; the casebook is read record by record, never loaded."""
    if args.kind != "parquet":
        raise UsageError(f"--partitioned writes Parquet: use `export parquet`, not {args.kind}")
    if args.partition_claims < 1 or args.chunk < 1:
        raise UsageError("--partition-claims and --chunk take a whole number, at least 1")
    from ._partition import export_partitioned

    with progress(f"writing {args.partitioned}"):
        counts = export_partitioned(args.path, args.partitioned,
                                    partition_claims=args.partition_claims, chunk=args.chunk)
    print(f"{counts['claims']} claims, {counts['relations']} relations, {counts['sources']} "
          f"sources, {counts['excerpts']} excerpt rows in {counts['partitions']} partitions: "
          f"{args.partitioned}")
    return EXIT_OK
