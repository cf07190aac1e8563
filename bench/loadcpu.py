"""Loading JSON Lines against the raw parse, with and without the fast time parser, in CPU seconds.

    python bench/loadcpu.py bench/out/100000-1/jsonl [--rounds 3]
    python bench/loadcpu.py bench/out/10000-1/toml

One process, ``time.process_time``: each round parses every line with ``json.loads`` (the raw
parse; TOML files with ``tomllib``), then loads the casebook with ``factcheck.load`` as it was
before the fast time parser (the loader's callers of ``parse_when`` pointed back at
``When.parse``, which is what they called) and as it is, and parses the casebook's time strings
alone both ways (before and after take turns at going first). Every cache of parsed times is
emptied before each measurement. The best of the rounds is printed, with load / raw parse, so that
other processes on a shared machine distort the comparison little. Run ``bench/run.py`` (or
``run.generate``) first to write the casebook.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import sys
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import factcheck
from factcheck import _bounds, _due, _fasttime, _plain, _when
from factcheck._load import collection_paused
from factcheck._when import When

#: The loader's rooms that call parse_when where they called When.parse before (_fastlines calls
#: _bounds.parse_time, which calls parse_when).
CALLERS = (_plain, _bounds, _due)


def lines(root: Path) -> Iterator[bytes]:
    for path in sorted(root.rglob("*.jsonl")):
        with path.open("rb") as f:
            yield from f


def tomls(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.toml") if p.name != "casebook.toml")


def raw_parse(root: Path) -> int:
    """Every line of every JSON Lines file by ``json.loads``, every TOML file by ``tomllib``."""
    count = 0
    for line in lines(root):
        json.loads(line)
        count += 1
    for path in tomls(root):
        with path.open("rb") as f:
            tomllib.load(f)
        count += 1
    return count


def records(root: Path) -> Iterator[dict[str, Any]]:
    """The casebook's records: a JSON Lines line, a TOML source file, a claim of a TOML file."""
    for line in lines(root):
        yield json.loads(line)
    for path in tomls(root):
        with path.open("rb") as f:
            table = tomllib.load(f)
        yield from table.get("claims", [table])


def time_strings(root: Path) -> list[tuple[str, str | None]]:
    """Every time string the loader parses, with the zone it parses it in, in file order."""
    found: list[tuple[str, str | None]] = []
    for record in records(root):
        zone = record.get("zone")
        for revision in record.get("revisions", ()):
            found.append((revision["published"], zone))
        for key in ("valid", "until"):
            if isinstance(record.get(key), str):
                found.append((record[key], zone))
    return found


def forget() -> None:
    """Empty every cache of parsed times (the load fills them)."""
    _when._parse_text.cache_clear()
    _fasttime._parse_text.cache_clear()
    _bounds._parse_bounded.cache_clear()


def use(parse: Callable[..., When]) -> None:
    for room in CALLERS:
        room.parse_when = parse  # type: ignore[attr-defined]


def parse_all(parse: Callable[..., When], strings: list[tuple[str, str | None]]) -> list[When]:
    return [parse(value, zone) for value, zone in strings]


def cpu(fn: Callable[[], Any]) -> float:
    """CPU seconds of ``fn()``, with the caches of parsed times empty and the cyclic collector
    paused as the loader pauses it (``factcheck.load`` pauses it itself)."""
    forget()
    gc.collect()
    start = time.process_time()
    with collection_paused():
        result = fn()
    spent = time.process_time() - start
    del result
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a JSON Lines casebook (bench/out/N-seed/jsonl)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    root: Path = args.root
    fast = _fasttime.parse_when
    strings = time_strings(root)
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, seconds), seconds)

    for round_ in range(args.rounds):
        keep("raw", cpu(lambda: raw_parse(root)))
        # Before and after take turns at going first, so that neither gains by its place.
        ways = [("before", When.parse), ("after", fast)]
        for name, parse in ways[::-1] if round_ % 2 else ways:
            use(parse)
            keep(f"load {name}", cpu(lambda: factcheck.load(root)))
            keep(f"times {name}", cpu(functools.partial(parse_all, parse, strings)))
        use(fast)
    distinct = len(set(strings))
    files = f"{sum(1 for _ in lines(root)):,} lines, {len(tomls(root)):,} TOML files"
    print(f"{root}: {files}, {len(strings):,} time strings "
          f"({distinct:,} distinct); CPU seconds, best of {args.rounds}")
    raw = best["raw"]
    rows = [
        ("raw json.loads / tomllib of every line/file", raw, ""),
        ("factcheck.load, before (When.parse)", best["load before"],
         f"{best['load before'] / raw:5.2f}x the raw parse"),
        ("factcheck.load, after (parse_when)", best["load after"],
         f"{best['load after'] / raw:5.2f}x the raw parse"),
        ("the time strings alone, When.parse", best["times before"], ""),
        ("the time strings alone, parse_when", best["times after"],
         f"{best['times before'] / best['times after']:5.1f}x faster"),
    ]
    for label, seconds, note in rows:
        print(f"{label:44s} {seconds:7.3f} s  {note}".rstrip())

if __name__ == "__main__":
    main()
