"""``factcheck report``: the consistency report, in the format ``-o``'s suffix or --format names."""

from __future__ import annotations

import argparse

import pendulum

from ._cliargs import EXIT_OK, Command, format_for, open_casebook, write_output
from ._progress import progress

__all__ = ["REPORT"]

#: The report format each output suffix means, unless --format says otherwise.
SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
            ".htm": "html", ".json": "json"}


def _arguments(report: argparse.ArgumentParser) -> None:
    report.add_argument("--as-of", required=True, help="a date (end of that day) or time")
    report.add_argument("--since", help="show what changed from this time to --as-of")
    report.add_argument("--tz", help="zone for times without one, and for output")
    report.add_argument("--format", choices=("text", "markdown", "html", "json"),
                        help="default: from -o's suffix (.txt .md .html .json), else text")
    report.add_argument("-o", "--output", help="write to this file (default: stdout)")
    report.add_argument("--generated", action="store_true",
                        help="add the time of writing to the header (default: none, so the same "
                        "casebook gives the same bytes)")


def report_width(args: argparse.Namespace) -> int | None:
    """The text report's width: the terminal's when it goes to one, else the default."""
    from ._terminal import terminal_width

    return None if getattr(args, "output", None) else terminal_width()


def _run(args: argparse.Namespace) -> int:
    from ._report import render_report

    casebook = open_casebook(args)
    generated = pendulum.now("UTC") if args.generated else None
    fmt = format_for(args, SUFFIXES, "text")
    with progress("building timelines"):
        casebook.resolver()  # kept by the casebook for the report: built here, under its own name
    with progress("writing the report", unit="steps") as bar:
        text = render_report(casebook, args.as_of, since=args.since, tz=args.tz, fmt=fmt,
                             generated=generated, width=report_width(args),
                             on_progress=bar.update if bar else None)
    write_output(args, text, "report")
    return EXIT_OK


REPORT = Command("report", "The consistency report: text, Markdown, HTML or JSON.",
                 _arguments, _run)
