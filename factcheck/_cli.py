"""The ``factcheck`` command: check, status, timeline, report."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pendulum
from tabulate import tabulate

from ._errors import CasebookError, LoadError
from ._findings import Severity
from ._load import load
from ._model import Casebook
from ._resolution import Resolution
from ._serialize import finding_json, resolution_json
from ._when import format_instant, parse_as_of, zone_of

__all__ = ["main"]

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


class _UsageError(Exception):
    """A mistake in the command line's arguments: reported in one line, exit 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Check claims in news coverage: what was known, when, and why.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_, description=help_)
        return sub

    check = add("check", "Report the casebook's findings; exit 1 when any is an error.")
    check.add_argument("path", nargs="?", default=".", help="casebook folder (default: .)")
    check.add_argument("--format", choices=("table", "json"), default="table")
    check.add_argument("--as-of", help="which predictions are past due as of this time "
                       "(default: the latest publication in the casebook)")
    check.add_argument("--tz", help="zone for --as-of without one")
    check.add_argument("--snapshot", action="append", default=[], metavar="SOURCE=FILE",
                       help="verify SOURCE's excerpts against the text in FILE (repeatable)")

    status = add("status", "Each claim's status as of a time, with the reasons.")
    status.add_argument("claims", nargs="*", metavar="CLAIM", help="claim ids (default: all)")
    status.add_argument("--path", default=".", help="casebook folder (default: .)")
    status.add_argument("--as-of", required=True, help="a date (end of that day) or time")
    status.add_argument("--tz", help="zone for --as-of without one, and for output")
    status.add_argument("--format", choices=("table", "json"), default="table")

    timeline = add("timeline", "A claim's status over known time.")
    timeline.add_argument("claim", metavar="CLAIM")
    timeline.add_argument("--path", default=".", help="casebook folder (default: .)")
    timeline.add_argument("--tz", help="zone for output (default: the casebook's)")
    timeline.add_argument("--format", choices=("table", "json"), default="table")

    report = add("report", "The consistency report: text, Markdown, HTML or JSON.")
    report.add_argument("path", nargs="?", default=".", help="casebook folder (default: .)")
    report.add_argument("--as-of", required=True, help="a date (end of that day) or time")
    report.add_argument("--since", help="show what changed from this time to --as-of")
    report.add_argument("--tz", help="zone for times without one, and for output")
    report.add_argument("--format", choices=("text", "markdown", "html", "json"), default="text")
    report.add_argument("-o", "--output", help="write to this file (default: stdout)")
    report.add_argument("--generated", action="store_true",
                        help="add the time of writing to the header (default: none, so the same "
                        "casebook gives the same bytes)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.tz is not None:
            zone_of(args.tz)
        return int(_COMMANDS[args.command](args))
    except LoadError as exc:
        for finding in exc.findings:
            print(finding.line(), file=sys.stderr)
        print(f"factcheck: the casebook could not be loaded ({len(exc.findings)} problem(s))",
              file=sys.stderr)
        return EXIT_UNREADABLE if exc.unreadable else EXIT_ERRORS
    except (CasebookError, _UsageError, ValueError) as exc:
        print(f"factcheck: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:  # pragma: no cover - `factcheck ... | head`
        return EXIT_OK


def _table(rows: list[list[str]], headers: list[str]) -> str:
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def _cmd_check(args: argparse.Namespace) -> int:
    try:
        casebook = load(args.path)
    except LoadError as exc:
        # A CI job reading --format json gets the loading problems as findings, like any other.
        if args.format == "json":
            _print_json([finding_json(f) for f in exc.findings])
        raise
    snapshots = {}
    for item in args.snapshot:
        source, sep, file = item.partition("=")
        if not sep or source not in casebook.source_by_id:
            raise _UsageError(
                f"--snapshot expects SOURCE=FILE with a known source id, got {item!r}")
        snapshots[source] = Path(file)
    from ._checks import check

    as_of = parse_as_of(args.as_of, args.tz, casebook.zone) if args.as_of else None
    findings = check(casebook, as_of, snapshots)
    if args.format == "json":
        _print_json([finding_json(f) for f in findings])
    elif findings:
        rows = [[f.severity.value, f.code, f.location, f.message] for f in findings]
        print(_table(rows, ["severity", "code", "location", "message"]))
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    summary = ", ".join(f"{n} {s.value}(s)" for s, n in counts.items())
    print(f"{casebook.title}: {len(casebook.claims)} claims, {len(casebook.sources)} sources; "
          f"{summary}", file=sys.stderr)
    return EXIT_ERRORS if counts[Severity.ERROR] else EXIT_OK


def _resolutions_table(resolutions: list[Resolution], zone: str | None) -> str:
    rows = [[r.claim, r.status.value,
             format_instant(r.since, zone) if r.since else "-",
             r.support.label, str(len(r.origins)), r.explain(zone)] for r in resolutions]
    return _table(rows, ["claim", "status", "since", "strength", "origins", "why"])


def _cmd_status(args: argparse.Namespace) -> int:
    casebook = load(args.path)
    instant = parse_as_of(args.as_of, args.tz, casebook.zone)
    zone = args.tz or casebook.zone
    ids = args.claims or sorted(casebook.claim_by_id)
    resolutions = [casebook.resolver().at(casebook.claim(cid).id, instant, zone) for cid in ids]
    if args.format == "json":
        _print_json([resolution_json(r, zone) for r in resolutions])
    else:
        print(f"as of {format_instant(instant, zone)} ({instant.isoformat()})")
        print(_resolutions_table(resolutions, zone))
    return EXIT_OK


def _cmd_timeline(args: argparse.Namespace) -> int:
    casebook = load(args.path)
    zone = args.tz or casebook.zone
    timeline = casebook.timeline(casebook.claim(args.claim).id, zone)
    if args.format == "json":
        _print_json([resolution_json(step.resolution, zone) for step in timeline.steps])
    else:
        rows = [[format_instant(s.since, zone) if s.since else "(start)", s.resolution.status.value,
                 s.resolution.explain(zone)] for s in timeline.steps]
        print(f"{args.claim}: {casebook.claim(args.claim).text}")
        print(_table(rows, ["from", "status", "why"]))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    from ._report import render_report

    casebook: Casebook = load(args.path)
    generated = pendulum.now("UTC") if args.generated else None
    text = render_report(casebook, args.as_of, since=args.since, tz=args.tz, fmt=args.format,
                         generated=generated)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise _UsageError(f"cannot write the report to {args.output}: {exc.strerror}") from None
    else:
        sys.stdout.write(text)
    return EXIT_OK


_COMMANDS = {
    "check": _cmd_check,
    "status": _cmd_status,
    "timeline": _cmd_timeline,
    "report": _cmd_report,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
