"""``factcheck export KIND``: the casebook in other tools' languages (ClaimReview, ...)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ._cli_partitioned import add_partitioned_arguments, export_partitioned_command
from ._cliargs import EXIT_OK, Command, open_casebook, write_output
from ._model import Casebook
from ._progress import progress

__all__ = ["EXPORT", "EXPORTERS"]


def _claimreview(casebook: Casebook, args: argparse.Namespace) -> str | bytes:
    from ._claimreview import claimreview_json

    return claimreview_json(casebook, _as_of(args), args.tz)


def _prov(casebook: Casebook, args: argparse.Namespace) -> str | bytes:
    from ._prov import prov_json

    return prov_json(casebook, _as_of(args), args.tz)


def _table(args: argparse.Namespace, casebook: Casebook) -> dict[str, list[object]]:
    from ._status_tables import status_columns, step_columns

    if args.table == "steps":
        return step_columns(casebook, args.tz, args.as_of)
    return status_columns(casebook, _as_of(args), args.tz)


def _csv(casebook: Casebook, args: argparse.Namespace) -> str | bytes:
    from ._status_tables import csv_text

    return csv_text(_table(args, casebook))


def _parquet(casebook: Casebook, args: argparse.Namespace) -> str | bytes:
    from ._cliargs import UsageError
    from ._status_tables import parquet_bytes

    if not args.output:
        raise UsageError("export parquet writes a binary file: name it with -o FILE")
    return parquet_bytes(_table(args, casebook), args.tz or casebook.zone)


def _as_of(args: argparse.Namespace) -> str:
    if args.as_of is None:
        from ._cliargs import UsageError

        raise UsageError(f"export {args.kind} needs --as-of: the time its statuses are as of")
    return str(args.as_of)


#: Each kind of export: what it writes, from a casebook and the arguments.
EXPORTERS: dict[str, Callable[[Casebook, argparse.Namespace], str | bytes]] = {
    "claimreview": _claimreview,
    "prov": _prov,
    "csv": _csv,
    "parquet": _parquet,
}


def _arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("kind", choices=sorted(EXPORTERS), metavar="KIND",
                        help="what to write: " + ", ".join(sorted(EXPORTERS)))
    export.add_argument("--as-of", help="a date (end of that day) or time (for --table steps: "
                        "the steps up to then; default: all)")
    export.add_argument("--table", choices=("statuses", "steps"), default="statuses",
                        help="csv and parquet: every claim's status as of T (default), or every "
                        "step of every timeline")
    export.add_argument("--tz", help="zone for --as-of without one, and for output")
    export.add_argument("-o", "--output", help="write to this file (default: stdout)")
    add_partitioned_arguments(export)


def _run(args: argparse.Namespace) -> int:
    if args.partitioned is not None:
        return export_partitioned_command(args)
    casebook = open_casebook(args)
    with progress(f"exporting {args.kind}"):
        data = EXPORTERS[args.kind](casebook, args)
    write_output(args, data, f"{args.kind} export")
    return EXIT_OK


EXPORT = Command("export", "The casebook for other tools: ClaimReview or PROV-O JSON-LD, CSV, "
                 "Parquet.", _arguments, _run)
