"""``factcheck status`` and ``factcheck timeline``: claims' statuses, with the reasons."""

from __future__ import annotations

import argparse

from ._asof import parse_as_of
from ._cliargs import EXIT_OK, Command, choice, claim, open_casebook, print_json, table
from ._progress import counted, progress
from ._resolution import Resolution, Status
from ._serialize import resolution_json
from ._terminal import paragraph
from ._when import format_instant

__all__ = ["STATUS", "TIMELINE"]


def _resolutions_table(resolutions: list[Resolution], zone: str | None) -> str:
    rows = [[r.claim, r.status.value,
             format_instant(r.since, zone) if r.since else "-",
             r.support.label, str(len(r.origins)), r.explain(zone)] for r in resolutions]
    return table(rows, ["claim", "status", "since", "strength", "origins", "why"])


def _status_arguments(status: argparse.ArgumentParser) -> None:
    status.add_argument("--as-of", required=True, help="a date (end of that day) or time")
    status.add_argument("--tz", help="zone for --as-of without one, and for output")
    status.add_argument("--only", action="append", default=[], metavar="STATUS",
                        help="show only claims with this status (repeatable)")
    status.add_argument("--format", choices=("table", "json"), default="table")


def _status(args: argparse.Namespace) -> int:
    casebook = open_casebook(args)
    only = {Status(choice(s, [x.value for x in Status], "status")) for s in args.only}
    instant = parse_as_of(args.as_of, args.tz, casebook.zone)
    zone = args.tz or casebook.zone
    ids = [claim(casebook, cid).id for cid in args.claims] or sorted(casebook.claim_by_id)
    with progress("building timelines"):
        resolver = casebook.resolver()
    with progress("resolving", unit="claims") as bar:
        resolutions = [resolver.at(cid, instant, zone) for cid in counted(ids, bar)]
    if only:
        resolutions = [r for r in resolutions if r.status in only]
    if args.format == "json":
        print_json([resolution_json(r, zone) for r in resolutions])
    else:
        print(f"as of {format_instant(instant, zone)} ({instant.isoformat()})")
        print(_resolutions_table(resolutions, zone))
    return EXIT_OK


def _timeline_arguments(timeline: argparse.ArgumentParser) -> None:
    timeline.add_argument("--tz", help="zone for output (default: the casebook's)")
    timeline.add_argument("--format", choices=("table", "json"), default="table")


def _timeline(args: argparse.Namespace) -> int:
    casebook = open_casebook(args)
    zone = args.tz or casebook.zone
    the_claim = claim(casebook, args.claim)
    with progress("resolving"):
        timeline = casebook.timeline(the_claim.id, zone)
    if args.format == "json":
        print_json([resolution_json(step.resolution, zone) for step in timeline.steps])
    else:
        rows = [[format_instant(s.since, zone) if s.since else "(start)", s.resolution.status.value,
                 s.resolution.explain(zone)] for s in timeline.steps]
        print(paragraph(f"{the_claim.id}: {the_claim.text}"))
        print(table(rows, ["from", "status", "why"]))
    return EXIT_OK


STATUS = Command("status", "Each claim's status as of a time, with the reasons.",
                 _status_arguments, _status, operands="claims")
TIMELINE = Command("timeline", "A claim's status over known time.",
                   _timeline_arguments, _timeline, operands="claim")
