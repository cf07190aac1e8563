"""``factcheck import claimreview FILE --into PATH``: fact-checkers' verdicts into a casebook."""

from __future__ import annotations

import argparse
import sys

from ._cliargs import EXIT_ERRORS, EXIT_OK, Command

__all__ = ["IMPORT"]


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=["claimreview"], metavar="KIND",
                        help="what FILE holds: claimreview (JSON-LD: one, a list, or a DataFeed)")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--into", default=".", metavar="PATH",
                        help="the casebook folder to add to (default: .; made if empty or absent)")
    parser.add_argument("--tz", help="zone for dates without an offset (default: the casebook's)")


def _run(args: argparse.Namespace) -> int:
    from ._claimreview_in import import_claimreview

    result = import_claimreview(args.file, args.into, args.tz)
    for finding in result.findings:
        print(finding.line(), file=sys.stderr)
    if result.changed:
        print(f"imported {result.reviews} review(s) into {args.into}: {result.claims} new "
              f"claim(s), {result.stakeholders} new stakeholder(s), {result.relations} new "
              f"relation(s), {result.sources} source(s) "
              "added or extended", file=sys.stderr)
    else:
        print(f"{args.into}: nothing to change ({result.reviews} review(s) already there)",
              file=sys.stderr)
    return EXIT_ERRORS if result.findings else EXIT_OK


IMPORT = Command("import", "Bring other tools' data into a casebook: ClaimReview JSON-LD.",
                 _arguments, _run, casebook=False)
