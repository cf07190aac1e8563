"""``factcheck check``: the casebook's findings, exit 1 when any is an error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._asof import parse_as_of
from ._cliargs import (
    EXIT_ERRORS,
    EXIT_OK,
    Command,
    UsageError,
    checked_tolerance,
    open_casebook,
    print_json,
    table,
)
from ._errors import LoadError
from ._findings import Severity
from ._progress import progress
from ._serialize import finding_json

__all__ = ["CHECK"]


def _arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("--format", choices=("table", "json"), default="table")
    check.add_argument("--as-of", help="which predictions are past due as of this time "
                       "(default: the latest publication in the casebook)")
    check.add_argument("--tz", help="zone for --as-of without one")
    check.add_argument("--tolerance", type=float, metavar="FRACTION",
                       help="how far an approximate quantity (\"about 700\") reaches either side "
                       "when quantities are compared, as a fraction of its amount (default: the "
                       "casebook's tolerance setting, 0.1)")
    check.add_argument("--snapshot", action="append", default=[], metavar="SOURCE=FILE",
                       help="verify SOURCE's excerpts against the text in FILE (repeatable)")


def _run(args: argparse.Namespace) -> int:
    try:
        casebook = open_casebook(args)
    except LoadError as exc:
        # A CI job reading --format json gets the loading problems as findings, like any other.
        if args.format == "json":
            print_json([finding_json(f) for f in exc.findings])
        raise
    snapshots = {}
    for item in args.snapshot:
        source, sep, file = item.partition("=")
        if not sep or source not in casebook.source_by_id:
            raise UsageError(
                f"--snapshot expects SOURCE=FILE with a known source id, got {item!r}")
        snapshots[source] = Path(file)
    from ._checks import check

    as_of = parse_as_of(args.as_of, args.tz, casebook.zone) if args.as_of else None
    tolerance = checked_tolerance(args.tolerance)
    with progress("checking"):
        findings = check(casebook, as_of, snapshots, tolerance)
    if args.format == "json":
        print_json([finding_json(f) for f in findings])
    elif findings:
        rows = [[f.severity.value, f.code, f.location, f.message] for f in findings]
        print(table(rows, ["severity", "code", "location", "message"]))
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    summary = ", ".join(f"{n} {s.value}(s)" for s, n in counts.items())
    print(f"{casebook.title}: {len(casebook.claims)} claims, {len(casebook.sources)} sources; "
          f"{summary}", file=sys.stderr)
    return EXIT_ERRORS if counts[Severity.ERROR] else EXIT_OK


CHECK = Command("check", "Report the casebook's findings; exit 1 when any is an error.",
                _arguments, _run)
