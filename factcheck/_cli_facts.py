"""``factcheck facts SUBJECT PROPERTY --valid-at V --as-of T``: a property's value at a valid time,
as known at T, with its reasons."""

from __future__ import annotations

import argparse
from typing import Any

from ._cliargs import (
    EXIT_OK,
    Command,
    UsageError,
    checked_tolerance,
    open_casebook,
    print_json,
    table,
)
from ._convert import converter
from ._facts import FactAnswer, facts
from ._serialize import instant_json

__all__ = ["FACTS"]


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--valid-at", required=True, metavar="V",
                        help='when in the world: a time value ("2023-11-20 evening", '
                             '"2023-11-23T12:00")')
    parser.add_argument("--as-of", required=True, metavar="T",
                        help="as known when: a date (end of that day) or time")
    parser.add_argument("--tz", help="zone for --valid-at and --as-of without one, and for output")
    parser.add_argument("--tolerance", type=float, metavar="FRACTION",
                        help="how far an approximate quantity reaches when quantities are "
                             "compared (default: the casebook's tolerance setting, 0.1)")
    parser.add_argument("--format", choices=("table", "json"), default="table")


def _run(args: argparse.Namespace) -> int:
    if len(args.claims) != 2:
        raise UsageError(f"facts takes a subject and a property after the casebook, got "
                         f"{len(args.claims)} word(s)")
    subject, prop = args.claims
    casebook = open_casebook(args)
    zone = args.tz or casebook.zone
    answer = facts(casebook, subject, prop, args.valid_at, args.as_of, args.tz,
                   checked_tolerance(args.tolerance))
    if args.format == "json":
        print_json(answer_json(answer, zone))
        return EXIT_OK
    print(answer.explain(zone))
    rows = [[r.claim, r.value, r.status.value, r.coverage.value, r.valid.format(zone),
             r.until.format(zone) if r.until is not None else "-"] for r in answer.reasons]
    if rows:
        print(table(rows, ["claim", "value", "status as of then", "at valid time", "valid from",
                           "until"]))
    return EXIT_OK


def answer_json(answer: FactAnswer, zone: str | None) -> dict[str, Any]:
    """The answer as JSON: verdict, values and every claim with how it bore on them."""
    return {
        "subject": answer.subject, "property": answer.property,
        "valid_at": answer.valid_at.text(), "as_of": instant_json(answer.as_of, zone),
        "verdict": answer.verdict.value, "values": list(answer.values),
        "tolerance": answer.tolerance, "explanation": answer.explain(zone),
        "claims": [{"claim": r.claim, "value": r.value,
                    "quantity": converter.unstructure(r.quantity) if r.quantity else None,
                    "status": r.status.value,
                    "coverage": r.coverage.value, "valid": r.valid.text(),
                    "until": r.until.text() if r.until is not None else None,
                    "superseded_by": r.superseded_by} for r in answer.reasons],
    }


FACTS = Command("facts", "A property's value at a valid time, as known at a time, with reasons.",
                _arguments, _run, operands="claims",
                description="Answer what value PROPERTY of SUBJECT had at valid time V, according "
                            "to what was published by T: known, conflicting, indeterminate "
                            "(imprecise times) or unknown, never guessed.")
