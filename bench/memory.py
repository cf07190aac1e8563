"""Loading and building one casebook folder, in CPU seconds and resident memory, in one process.

    python bench/memory.py bench/out/100000-1/jsonl
    python bench/memory.py bench/out/100000-1/jsonl --hold-quotes   # quotes held in memory

Printed: the raw ``json.loads`` of every line and ``factcheck.load`` (``time.process_time``, which
other processes on a shared machine do not inflate), their ratio, the build of every timeline,
and the resident memory (``/proc/self/statm`` after a full collection) before loading, after
loading and after building, as MiB and as a multiple of the folder's JSON Lines bytes. Run it
from another checkout (``PYTHONPATH=../other``) for the figures before a change.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

import factcheck


def _rss_mib() -> float:
    gc.collect()
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--hold-quotes", action="store_true", help="load(hold_quotes=True)")
    args = parser.parse_args()
    root: Path = args.folder
    files = sorted(root.glob("*/*.jsonl"))
    size = sum(f.stat().st_size for f in files) / 2**20
    clock = time.process_time
    start = clock()
    for file in files:
        with file.open("rb") as f:
            for line in f:
                json.loads(line)
    raw = clock() - start
    before = _rss_mib()
    start = clock()
    casebook = (factcheck.load(root, hold_quotes=True) if args.hold_quotes
                else factcheck.load(root))
    load = clock() - start
    loaded = _rss_mib()
    start = clock()
    casebook.resolver()
    build = clock() - start
    built = _rss_mib()
    print(f"{factcheck.__file__}: {len(casebook.claims):,} claims, {size:,.0f} MiB of JSON Lines")
    print(f"raw json.loads {raw:.2f} s; factcheck.load {load:.2f} s ({load / raw:.2f}x); "
          f"build every timeline {build:.2f} s (CPU seconds)")
    print(f"RSS before load {before:,.0f} MiB; after load {loaded:,.0f} MiB "
          f"({loaded / size:.2f}x the JSON Lines); after timelines {built:,.0f} MiB "
          f"({built / size:.2f}x)")


if __name__ == "__main__":
    main()
