"""``factcheck export KIND``: the casebook in other tools' languages.

``export parquet PATH --partitioned OUT`` writes the casebook as a partitioned Parquet dataset, in
chunks, never loading it whole (docs/scale.md).
"""

from __future__ import annotations

import argparse

from ._cliargs import EXIT_OK, Command, UsageError
from ._progress import progress

__all__ = ["EXPORT"]


def _arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("kind", choices=("parquet",), metavar="KIND", help="what to write: parquet")
    export.add_argument("--partitioned", metavar="OUT",
                        help="parquet: write a partitioned dataset in the folder OUT (for "
                        "`factcheck resolve`), reading the casebook in chunks")
    export.add_argument("--partition-claims", type=int, default=100_000, metavar="N",
                        help="--partitioned: about N claims per partition (default 100000)")
    export.add_argument("--chunk", type=int, default=100_000, metavar="N",
                        help="--partitioned: read N records at a time (default 100000)")


def _run(args: argparse.Namespace) -> int:
    if args.partitioned is None:
        raise UsageError("export parquet writes a partitioned dataset: give --partitioned OUT")
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


EXPORT = Command("export", "The casebook for other tools: Parquet (a partitioned dataset).",
                 _arguments, _run)
