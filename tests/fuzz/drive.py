"""The fuzzer's driver: one casebook folder through everything a user can do with it.

:func:`exercise` loads the folder; a clean load then goes through the checks, every query (in
Asia/Seoul and America/Los_Angeles), every report format, save and load again, and the command
line, run in-process. The property: every outcome is a clean load or a ``LoadError`` whose every
finding names a file; nothing else escapes, and what a clean load promises holds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

import attrs

import factcheck
from factcheck import LoadError, Severity
from factcheck._cli import main

from .books import Book, write

ZONES = ("Asia/Seoul", "America/Los_Angeles")
#: As-ofs for queries: a date (the end of that day in the zone asked), a local time, an instant.
AS_OFS = ("2023-11-19", "2023-11-21T12:00", "2023-11-22T23:59:59+09:00", "2024-01-15")
FORMATS = ("text", "markdown", "html", "json")
#: Commands the command line runs on a clean load, besides ``check``: one an example.
COMMANDS = ("status", "timeline", "report")
#: Exit codes the command line may give: done, errors found, the casebook unreadable.
EXIT_CODES = (0, 1, 2)

#: What a file outside the casebook's folder holds: a snapshot path must never lead to it.
SECRET = "a file outside the casebook folder\n"

#: How each example ended, over the session: ``clean``, ``load-error`` or ``failure``.
OUTCOMES: Counter[str] = Counter()
#: Where the tally goes, as it grows (``FACTCHECK_FUZZ_STATS``); none by default.
STATS = os.environ.get("FACTCHECK_FUZZ_STATS")
#: Failures of a run that keeps going, by class: each casebook's story and what happened.
FAILURES: dict[str, list[str]] = {}


class Failure(AssertionError):
    """The library broke its promise for this casebook: what happened, and where."""


@attrs.frozen
class Asks:
    """What a user asks of a casebook that loads, besides everything the driver always asks."""

    #: The zone reports are shown in.
    zone: str = ZONES[0]
    #: What the command line runs, besides ``check``: status, timeline or report.
    command: str = "status"
    #: An as-of as a user may type it (odd ones included), and a ``--tz`` (or none).
    as_of: str = AS_OFS[1]
    tz: str | None = None
    #: Whether to save it over its own files too (editing them in place: slow on a big casebook).
    in_place: bool = True


def exercise(root: Path, scratch: Path, asks: Asks = Asks()) -> str:
    """Put the casebook in ``root`` through everything; ``clean`` or ``load-error``, else a
    :class:`Failure`. ``scratch`` is an empty folder to save into."""
    try:
        outcome = _exercise(root, scratch, asks)
    except Failure:
        OUTCOMES["failure"] += 1
        raise
    except Exception as exc:
        OUTCOMES["failure"] += 1
        raise Failure(f"{type(exc).__name__} escaped: {exc!s:.500}\n"
                      f"{_last_frames(exc)}") from exc
    return tally(outcome)


def tally(outcome: str) -> str:
    """Count one casebook's outcome (and write the tally out every hundred)."""
    OUTCOMES[outcome] += 1
    if STATS and sum(OUTCOMES.values()) % 100 == 0:
        write_stats(partial=True)
    return outcome


def write_stats(*, partial: bool) -> None:
    """The tally so far into ``FACTCHECK_FUZZ_STATS`` (a long run's figures, even if cut short)."""
    if not STATS:
        return
    data = {
        "profile": os.environ.get("FACTCHECK_FUZZ", "ci"),
        "seed": os.environ.get("FACTCHECK_FUZZ_SEED"),
        "partial": partial,
        "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "casebooks": sum(OUTCOMES.values()),
        **{kind: OUTCOMES[kind] for kind in ("clean", "load-error", "failure")},
        "failure_classes": {kind: {"count": len(cases), "first": cases[0]}
                            for kind, cases in FAILURES.items()},
    }
    Path(STATS).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                           encoding="utf-8")


def run(book: Book, asks: Asks = Asks(), *, keep_going: bool = False) -> str:
    """Write ``book`` into a fresh folder (beside a file it must never read) and exercise it.

    With ``keep_going``, a failure is recorded in :data:`FAILURES` and ends as ``failure``, so a
    long run counts every failure, by class, rather than stopping at the first."""
    with tempfile.TemporaryDirectory() as tmp:
        root, outside = Path(tmp) / "book", Path(tmp) / "outside"
        outside.mkdir()
        (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
        write(book, root)
        (Path(tmp) / "scratch").mkdir()
        try:
            return exercise(root, Path(tmp) / "scratch", asks)
        except Failure as exc:
            if not keep_going:
                raise
            FAILURES.setdefault(failure_class(exc), []).append(f"{book!r}\n{exc}")
            return "failure"


def failure_class(exc: Failure) -> str:
    """A failure's class: its first line, numbers, paths and quoted values left out."""
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    first = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", first)
    return re.sub(r"\d+", "N", first)[:160]



def _last_frames(exc: BaseException, count: int = 4) -> str:
    frames = traceback.extract_tb(exc.__traceback__)[-count:]
    return "".join(traceback.format_list(frames))


def _exercise(root: Path, scratch: Path, asks: Asks) -> str:
    refusals = promised_refusals(root)
    try:
        casebook = factcheck.load(root)
    except LoadError as exc:
        _check_load_error(exc)
        _check_places(exc.findings, root)
        _cli_check(root, loaded=False)
        return "load-error"
    if refusals:
        raise Failure(f"loaded, but should have been refused: {refusals}")
    _check_clean(casebook, root, scratch, asks)
    return "clean"


def _check_load_error(exc: LoadError) -> None:
    if not exc.findings:
        raise Failure("a LoadError with no findings")
    nameless = [f.line() for f in exc.findings for p in f.places if not p.file]
    if nameless:
        raise Failure(f"findings that name no file: {nameless[:5]}")
    for finding in exc.findings:
        finding.line()
    str(exc)


def _check_places(findings: list[factcheck.Finding], root: Path) -> None:
    """Each line and column a finding gives is in its file."""
    lines: dict[str, list[bytes] | None] = {}
    for finding in findings:
        for place in finding.places:
            if place.file is None or place.lineno is None:
                continue
            if place.file not in lines:
                path = root / place.file
                lines[place.file] = path.read_bytes().split(b"\n") if path.is_file() else None
            found = lines[place.file]
            if place.lineno < 1 or (place.colno is not None and place.colno < 1):
                raise Failure(f"a finding at line {place.lineno}, column {place.colno}: "
                              f"{finding.line()}")
            if found is not None and place.lineno > len(found):
                raise Failure(f"a finding at line {place.lineno} of a file of {len(found)} lines: "
                              f"{finding.line()[:300]}")


# -- a clean load --------------------------------------------------------------------------------


def _check_clean(casebook: factcheck.Casebook, root: Path, scratch: Path, asks: Asks) -> None:
    zone = asks.zone
    findings = casebook.findings()
    for finding in findings:
        finding.line()
    _check_places(findings, root)
    _check_snapshots_confined(casebook, root, findings)
    _check_quotes_not_empty(casebook, findings)
    statuses = _statuses(casebook, explain=True)
    for claim in casebook.claims:
        for step in casebook.timeline(claim.id, zone).steps:
            _encodable(step.resolution.explain(zone), "an explanation")
        casebook.status(claim.id, AS_OFS[1], tz=ZONES[1])
    for fmt in FORMATS:
        text = factcheck.render_report(casebook, AS_OFS[2], since=AS_OFS[0], tz=zone, fmt=fmt)
        _encodable(text, f"the {fmt} report")
        if fmt == "json":
            json.loads(text)
    _check_round_trip(casebook, statuses, scratch)
    if asks.in_place:
        _check_saved_in_place(casebook, root, scratch)
    _cli_check(root, loaded=True)
    _ask_odd(casebook, root, asks)
    command = asks.command
    if command == "status":
        _cli(["status", "--path", str(root), "--as-of", AS_OFS[1], "--tz", zone, "--format",
              "json"], json_out=True, codes=(0,))
    elif command == "timeline" and casebook.claims:
        first = sorted(casebook.claim_by_id)[0]
        _cli(["timeline", first, "--path", str(root), "--tz", zone], codes=(0,))
    elif command == "report":
        _cli(["report", str(root), "--as-of", AS_OFS[3], "--tz", zone, "--format", "markdown"],
             codes=(0,))


def _ask_odd(casebook: factcheck.Casebook, root: Path, asks: Asks) -> None:
    """An as-of and a zone as a user may type them: answered, or refused with the library's
    own error (a ``CasebookError``), or on the command line exit 2; nothing else."""
    try:
        for resolution in casebook.statuses(asks.as_of, asks.tz).values():
            _encodable(resolution.explain(asks.tz), "an explanation")
    except factcheck.CasebookError:
        pass
    tz = [] if asks.tz is None else ["--tz", asks.tz]
    _cli(["status", "--path", str(root), "--as-of", asks.as_of, *tz], codes=(0, 2))


def _statuses(casebook: factcheck.Casebook,
              explain: bool = False) -> dict[tuple[str, str], dict[str, str]]:
    result = {}
    for tz in ZONES:
        for as_of in AS_OFS:
            resolutions = casebook.statuses(as_of, tz)
            for resolution in resolutions.values() if explain and as_of == AS_OFS[2] else ():
                _encodable(resolution.explain(tz), "an explanation")
            result[tz, as_of] = {c: r.status.value for c, r in resolutions.items()}
    return result


def _check_round_trip(casebook: factcheck.Casebook,
                      statuses: dict[tuple[str, str], dict[str, str]], scratch: Path) -> None:
    saved = scratch / "saved"
    factcheck.save(casebook, saved)
    try:
        again = factcheck.load(saved)
    except LoadError as exc:
        raise Failure(f"saved, it does not load: {[f.line() for f in exc.findings][:5]}") from exc
    if casebook != again:
        raise Failure("saved and loaded again, the casebook is not equal: "
                      + _difference(casebook, again))
    if statuses != _statuses(again):
        raise Failure("saved and loaded again, the statuses differ")
    twice = scratch / "saved-again"
    factcheck.save(again, twice)
    first, second = _files(saved), _files(twice)
    if first != second:
        changed = sorted(set(first) ^ set(second) | {p for p in first if first[p] != second.get(p)})
        raise Failure(f"saved twice, the files differ: {changed[:5]}")


def _check_saved_in_place(casebook: factcheck.Casebook, root: Path, scratch: Path) -> None:
    """Saved over its own TOML files (edited in place, keeping what the user wrote), a casebook
    loads equal. (A JSON Lines file would be left beside its TOML twin, as docs/format.md says.)"""
    if any(root.glob("*/*.jsonl")):
        return
    copy = scratch / "in-place"
    shutil.copytree(root, copy, symlinks=True)
    factcheck.save(casebook, copy)
    try:
        again = factcheck.load(copy)
    except LoadError as exc:
        raise Failure("saved over its own files, it does not load: "
                      f"{[f.line() for f in exc.findings][:5]}") from exc
    if casebook != again:
        raise Failure("saved over its own files and loaded again, the casebook is not equal: "
                      + _difference(casebook, again))


def _difference(one: factcheck.Casebook, other: factcheck.Casebook) -> str:
    for name in ("settings", "stakeholders", "sources", "claims", "relations", "properties"):
        a, b = getattr(one, name), getattr(other, name)
        if a != b:
            if isinstance(a, tuple) and len(a) == len(b):
                pairs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
                return f"{name}: {pairs[0][0]!r:.300} != {pairs[0][1]!r:.300}"
            return f"{name} differ ({len(a) if isinstance(a, tuple) else a} against " \
                f"{len(b) if isinstance(b, tuple) else b})"
    return "(no field differs)"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _encodable(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise Failure(f"{what} cannot be written as UTF-8: {exc}") from exc


def _check_snapshots_confined(casebook: factcheck.Casebook, root: Path,
                              findings: list[factcheck.Finding]) -> None:
    """A snapshot outside the casebook's folder is an error of that source, never read."""
    inside = root.resolve()
    for source in casebook.sources:
        if source.snapshot is None:
            continue
        try:
            place = (root / source.snapshot).resolve()
        except (OSError, ValueError, RuntimeError):
            continue
        if place.is_relative_to(inside):
            continue
        file = casebook.source_files.get(source.id)
        # The same error for several sources is one finding: this source may be in its `also`.
        named = [f for f in findings if f.severity is Severity.ERROR
                 and any(p.file == file and "snapshot" in (p.path or "") for p in f.places)]
        if not named:
            raise Failure(f"source {source.id}: snapshot {source.snapshot!r} is outside the "
                          "casebook folder, and no error says so")


def _check_quotes_not_empty(casebook: factcheck.Casebook,
                            findings: list[factcheck.Finding]) -> None:
    """An excerpt with an empty quote is refused, or named by a finding."""
    for excerpt in casebook.excerpts():
        if excerpt.quote.strip():
            continue
        if not any(excerpt.id in f.message or any(excerpt.id in (p.path or "") for p in f.places)
                   for f in findings):
            raise Failure(f"excerpt {excerpt.id}: an empty quote, and no finding says so")


# -- what must be refused ------------------------------------------------------------------------


def promised_refusals(root: Path) -> list[str]:
    """What in the folder the loader must refuse, by JSON's own rules: a JSON Lines record with a
    key given twice, or with a lone surrogate in a string."""
    found = []
    for folder in ("sources", "claims"):
        try:
            names = sorted(p for p in (root / folder).iterdir()
                           if p.name.endswith(".jsonl") and not p.name.startswith("."))
        except OSError:
            continue
        for path in names:
            try:
                text = path.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            for number, line in enumerate(text.split("\n"), 1):
                why = _json_refusal(line)
                if why:
                    found.append(f"{folder}/{path.name}:{number}: {why}")
    return found


def _json_refusal(line: str) -> str | None:
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        duplicates.extend(k for k in set(keys) if keys.count(k) > 1)
        return dict(items)

    try:
        value = json.loads(line, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return None
    if duplicates:
        return f"key {duplicates[0]!r} given twice"
    if _has_surrogate(value):
        return "a lone surrogate"
    return None


def _has_surrogate(value: Any) -> bool:
    # A walk with a stack, not recursion: the record may be nested thousands of levels deep.
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str) and any("\ud800" <= ch <= "\udfff" for ch in item):
            return True
        if isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, list):
            stack += item
    return False


# -- the command line, in-process ----------------------------------------------------------------


def _cli_check(root: Path, *, loaded: bool) -> None:
    codes = (0, 1) if loaded else (1, 2)
    _cli(["check", str(root), "--format", "json"], json_out=True, codes=codes)


def _cli(args: list[str], *, json_out: bool = False, codes: tuple[int, ...] = EXIT_CODES) -> str:
    """Run ``factcheck ARGS`` in-process with real UTF-8 streams (strict on stdout, as a pipe is;
    backslash escapes on stderr, as Python sets it); what it printed on stdout."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="backslashreplace")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:  # argparse's own errors
                code = exc.code if isinstance(exc.code, int) else 2
            out.flush()
            err.flush()
    except Exception as exc:
        raise Failure(f"`factcheck {' '.join(args[:1])}`: {type(exc).__name__} escaped: "
                      f"{exc!s:.300}\n{_last_frames(exc)}") from exc
    stdout = out_bytes.getvalue().decode("utf-8")
    stderr = err_bytes.getvalue().decode("utf-8")
    if code not in codes:
        raise Failure(f"`factcheck {' '.join(args[:1])}` exited {code}, expected one of "
                      f"{codes}:\n{stderr[-1500:]}")
    if "Traceback (most recent call last)" in stderr:
        raise Failure(f"`factcheck {args[0]}` printed a traceback:\n{stderr[-1500:]}")
    if json_out:
        try:
            json.loads(stdout)
        except ValueError as exc:
            raise Failure(f"`factcheck {' '.join(args[:1])} --format json` printed no JSON "
                          f"(exit {code}): {stdout[:300]!r}\n{stderr[-800:]}") from exc
    return stdout
