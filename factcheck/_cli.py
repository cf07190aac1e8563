"""The ``factcheck`` command: the subcommands, their parser, and what a failure prints.

Adding a subcommand: declare a :class:`~factcheck._cliargs.Command` in a module of its own and add
it to ``COMMANDS`` (one line). Every command that reads a casebook takes it the same way.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from ._cli_check import CHECK
from ._cli_export import EXPORT
from ._cli_facts import FACTS
from ._cli_import import IMPORT
from ._cli_query import STATUS, TIMELINE
from ._cli_report import REPORT
from ._cli_resolve import RESOLVE
from ._cli_revise import DIFF, REVISE
from ._cli_schemas import SCHEMAS_COMMAND
from ._cliargs import (
    EXIT_ERRORS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNREADABLE,
    Command,
    UsageError,
    add_casebook_arguments,
    print_json,
    settle_operands,
)
from ._errors import CasebookError, LoadError
from ._findings import error
from ._serialize import finding_json
from ._suggest import did_you_mean

__all__ = ["COMMANDS", "main"]

#: Every subcommand, in the order ``factcheck --help`` lists them.
COMMANDS: tuple[Command, ...] = (
    CHECK,
    STATUS,
    TIMELINE,
    FACTS,
    REPORT,
    REVISE,
    DIFF,
    EXPORT,
    IMPORT,
    RESOLVE,
    SCHEMAS_COMMAND,
)

_INVALID_CHOICE = re.compile(r"invalid choice: '(?P<value>[^']*)' \(choose from (?P<choices>.*)\)")


class _Parser(argparse.ArgumentParser):
    """argparse, with "did you mean" for a mistyped subcommand or choice."""

    def error(self, message: str) -> NoReturn:
        found = _INVALID_CHOICE.search(message)
        if found:
            choices = re.findall(r"'([^']*)'", found["choices"])
            message += did_you_mean(found["value"], choices)
        super().error(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factcheck",
        description="Check claims in news coverage: what was known, when, and why.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="on an internal error, show Python's traceback (for a bug report)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=_Parser)
    for command in COMMANDS:
        sub = commands.add_parser(command.name, help=command.help,
                                  description=command.description or command.help)
        command.arguments(sub)  # first: a command's own positionals come before the casebook
        if command.casebook:
            add_casebook_arguments(sub, command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see docs/cli.md)."""
    args = _parser().parse_args(argv)
    command = next(c for c in COMMANDS if c.name == args.command)
    # `check --format json` is read by programs: whatever happens, they get JSON.
    as_json = args.command == "check" and getattr(args, "format", None) == "json"
    try:
        if command.casebook:
            settle_operands(args, command)
        return int(command.run(args))
    except LoadError as exc:
        for finding in exc.findings:
            print(finding.line(), file=sys.stderr)
        print(f"factcheck: the casebook could not be loaded ({len(exc.findings)} problem(s))",
              file=sys.stderr)
        return EXIT_UNREADABLE if exc.unreadable else EXIT_ERRORS
    except (CasebookError, UsageError, ValueError) as exc:
        if as_json:
            print_json([finding_json(error("usage", str(exc), _casebook_named(args)))])
        print(f"factcheck: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:  # pragma: no cover - `factcheck ... | head`
        return EXIT_OK
    except KeyboardInterrupt:
        print("factcheck: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the last resort: a bug of ours, never a traceback for a user
        if args.debug:
            raise
        return _internal_error(exc, args, as_json)


def _casebook_named(args: argparse.Namespace) -> str | None:
    path = getattr(args, "path", None)
    return str(path) if path is not None else None


def _internal_error(exc: Exception, args: argparse.Namespace, as_json: bool) -> int:
    """Say what failed, where, and how to report it; exit 3 (bad input is 2, never this)."""
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    where = [note for note in getattr(exc, "__notes__", ()) if note.startswith("while ")]
    casebook = _casebook_named(args)
    if as_json:
        print_json([finding_json(error("internal-error", what, casebook))])
    lines = [f"factcheck: internal error in `factcheck {args.command}`: {what}"]
    lines += [f"  {note}" for note in where]
    if casebook is not None:
        lines.append(f"  casebook: {casebook}")
    lines.append("This is a bug in factcheck, not a mistake of yours. Please report it with the "
                 "command you ran and, if you can, the casebook (or the file named above); "
                 "run the same command with --debug to see the traceback.")
    print("\n".join(lines), file=sys.stderr)
    return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
