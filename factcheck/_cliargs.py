"""What every subcommand of ``factcheck`` shares: how a command is declared, how it names the
casebook, reads a zone, a claim id or a format, and writes its output."""

from __future__ import annotations

import argparse
import json
import re
import sys
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs
import pendulum

from ._bounds import anchor
from ._errors import TimeValueError
from ._load import load
from ._model import Casebook, Claim
from ._progress import progress
from ._quantity import check_tolerance
from ._suggest import did_you_mean
from ._when import When, format_instant, zone_of

__all__ = [
    "EXIT_ERRORS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "Command",
    "UsageError",
    "abbreviations",
    "add_casebook_arguments",
    "casebook_zones",
    "checked_tolerance",
    "choice",
    "claim",
    "format_for",
    "open_casebook",
    "print_json",
    "resolve_zone",
    "settle_operands",
    "table",
    "write_output",
]

#: Exit codes (documented in docs/cli.md): 3, an unexpected failure, is the command's last resort.
EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
#: Interrupted by the user (Ctrl-C): what shells report for SIGINT.
EXIT_INTERRUPTED = 130


class UsageError(ValueError):
    """A mistake in the command line's arguments: reported in one line, exit 2."""


#: How a command takes positional arguments besides the casebook: none, one claim, or any number.
Operands = Literal["none", "claim", "claims"]


@attrs.frozen
class Command:
    """One subcommand: its name and help, the arguments it adds, and what it runs.

    A command that reads a casebook (``casebook=True``) takes it as its first positional argument
    (default ``.``) or as ``--path``; ``operands`` says which claim ids may follow. The command's
    ``run`` gets the arguments with ``args.path`` set, and returns the exit code.
    """

    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    casebook: bool = True
    operands: Operands = "none"
    description: str | None = None


def add_casebook_arguments(parser: argparse.ArgumentParser, command: Command) -> None:
    """The positional casebook (and claim ids) and ``--path``, the same for every command."""
    if command.operands == "none":
        parser.add_argument("path_arg", nargs="?", metavar="PATH",
                            help="casebook folder (default: .)")
    else:
        metavar = "CLAIM" if command.operands == "claim" else "CLAIM ..."
        parser.add_argument("operands", nargs="*", metavar=f"[PATH] {metavar}",
                            help="the casebook folder (default: .), then claim ids")
    parser.add_argument("--path", dest="path_opt", metavar="PATH",
                        help="casebook folder, as an option (the same as the positional PATH)")


_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _names_casebook(word: str) -> bool:
    """A positional names the casebook when it cannot be an id, or is a casebook folder."""
    if not _ID_RE.match(word):
        return True
    folder = Path(word)
    return folder.is_dir() and any(
        (folder / part).exists() for part in ("casebook.toml", "sources", "claims"))


def settle_operands(args: argparse.Namespace, command: Command) -> None:
    """Set ``args.path`` (and ``args.claims`` or ``args.claim``) from the positionals and --path."""
    positional: str | None
    if command.operands == "none":
        positional = args.path_arg
    else:
        operands = list(args.operands)
        positional = None
        wanted_one = command.operands == "claim"
        if operands and (_names_casebook(operands[0]) or (wanted_one and len(operands) == 2)):
            positional = operands.pop(0)
        if wanted_one:
            if len(operands) != 1:
                raise UsageError(f"{command.name} takes one claim id after the casebook, "
                                 f"got {len(operands)}")
            args.claim = operands[0]
        else:
            args.claims = operands
    if positional is not None and args.path_opt is not None and positional != args.path_opt:
        raise UsageError(f"the casebook is named twice ({positional!r} and --path "
                         f"{args.path_opt!r}): name it once")
    args.path = positional or args.path_opt or "."


def open_casebook(args: argparse.Namespace) -> Casebook:
    """Load ``args.path`` (a sign of progress on a terminal), then read ``args.tz`` against it."""
    with progress(f"loading {args.path}", unit="files") as bar:
        casebook = load(args.path, on_read=bar.update if bar is not None else None)
    if getattr(args, "tz", None) is not None:
        args.tz = resolve_zone(args.tz, casebook)
    return casebook


# -- zones ------------------------------------------------------------------------------------


def casebook_zones(casebook: Casebook) -> set[str]:
    """Every zone the casebook names: its own, its files', its sources' and its time values'."""
    zones = {casebook.zone} | {f.zone for f in casebook.files}
    for source in casebook.sources:
        zones.add(source.zone)
        zones.update(r.published.zone for r in source.revisions)
    for c in casebook.claims:
        zones.update(w.zone for w in (c.valid, c.until, c.due) if isinstance(w, When))
    return {z for z in zones if z}


def _years(casebook: Casebook) -> range:
    years = [anchor(r.published).start.year for s in casebook.sources for r in s.revisions]
    return range(min(years), max(years) + 1) if years else range(2000, 2001)


def abbreviations(zone: str, years: Iterable[int]) -> set[str]:
    """The names output gives ``zone`` in these years (``KST``; ``PST`` and ``PDT``)."""
    return {
        format_instant(pendulum.datetime(year, month, 1, 12, tz="UTC"), zone).rsplit(" ", 1)[-1]
        for year in years for month in (1, 7)
    }


def resolve_zone(name: str, casebook: Casebook) -> str:
    """A zone name as given, or the one zone of the casebook's that ``name`` abbreviates.

    ``KST`` means ``Asia/Seoul`` in a casebook whose only zone printed ``KST`` is Asia/Seoul; an
    abbreviation that fits none or several of the casebook's zones is refused, naming them.
    """
    try:
        zone_of(name)
        return name
    except TimeValueError as exc:
        error = str(exc)
    years = _years(casebook)
    zones = sorted(casebook_zones(casebook))
    matching = [z for z in zones if name.upper() in abbreviations(z, years)]
    if len(matching) == 1:
        return matching[0]
    if matching:
        raise UsageError(f"time zone {name!r} may mean any of {', '.join(matching)} in this "
                         "casebook: name one")
    known = set(zones) | zoneinfo.available_timezones()
    raise UsageError(error + did_you_mean(name, known, cutoff=0.8))


# -- claims, formats, output -------------------------------------------------------------------


def claim(casebook: Casebook, claim_id: str) -> Claim:
    """The claim with this id, or a usage error suggesting the nearest ids."""
    found = casebook.claim_by_id.get(claim_id)
    if found is None:
        raise UsageError(f"no claim {claim_id!r} in the casebook"
                         + did_you_mean(claim_id, casebook.claim_by_id))
    return found


def checked_tolerance(value: float | None) -> float | None:
    """``--tolerance`` as given, or a usage error saying what it must be."""
    if value is None:
        return None
    try:
        return check_tolerance(value)
    except ValueError as exc:
        raise UsageError(f"--tolerance: {exc}") from None


def choice(value: str, known: Iterable[str], what: str) -> str:
    """``value`` when it is one of ``known``, else a usage error suggesting the nearest."""
    names = list(known)
    if value in names:
        return value
    raise UsageError(f"unknown {what} {value!r}: expected one of {', '.join(names)}"
                     + did_you_mean(value, names))


def format_for(args: argparse.Namespace, by_suffix: Mapping[str, str], default: str) -> str:
    """``--format`` when given, else the one ``-o``'s suffix names (``.md``: markdown), else
    ``default``."""
    if args.format is not None:
        return str(args.format)
    if getattr(args, "output", None):
        suffix = Path(args.output).suffix.lower()
        if suffix in by_suffix:
            return by_suffix[suffix]
    return default


def write_output(args: argparse.Namespace, data: str | bytes, what: str) -> None:
    """Write to ``-o FILE`` when given, else to standard output; an unwritable file is exit 2."""
    if not getattr(args, "output", None):
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    target = Path(args.output)
    try:
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write the {what} to {args.output}: {exc.strerror}") from None


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain text table, numbers left as written, fitted to the terminal (factcheck._terminal)."""
    from ._terminal import table as fitted

    return fitted(rows, headers)


def print_json(data: Any) -> None:
    """JSON on standard output, indented, non-ASCII kept."""
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))
