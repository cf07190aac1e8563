"""The groups resolved by an earlier commit's ``resolve_groups`` and by this tree's, alternately,
in one process: CPU seconds, on the generated casebook and on its shaped variant
(``bench/shapes.py``: corrections, second supporters, predictions falling due).

    python bench/groups_ab.py bench/out/100000-1/jsonl --base cc0d72d --rounds 5

The earlier commit's package is taken from git (``git archive``) into a temporary directory under
another name, so both are imported side by side; both resolve the same groups over the same
columns (the evidence columns did not change between the two).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
import time
from importlib import import_module
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import shapes

import factcheck
from factcheck._columns import Columns
from factcheck._grouped import resolve_groups
from factcheck._groups import GroupSteps, groups_of
from factcheck._lapse import Dues

ROOT = Path(__file__).resolve().parent.parent


def _base(rev: str, into: Path) -> str:
    """The package at ``rev`` unpacked under ``into`` as ``factcheck_base``; its name."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "factcheck"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    (into / "factcheck").rename(into / "factcheck_base")
    sys.path.insert(0, str(into))
    return "factcheck_base"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("casebook")
    parser.add_argument("--base", required=True, help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        name = _base(args.base, Path(tmp))
        base_grouped = import_module(f"{name}._grouped")
        base_groups = import_module(f"{name}._groups")
        loaded = factcheck.load(args.casebook)
        for label, book in (("generated", loaded), ("shaped", shapes.shaped(loaded))):
            columns = Columns(book)
            groups = groups_of(len(columns.ids), columns.related(book.relations))
            before_groups = [base_groups.Group(g.claims, g.relations) for g in groups]
            dues = Dues(book, columns)
            seconds: dict[str, list[float]] = {args.base: [], "this tree": []}
            for _ in range(args.rounds):
                for which in seconds:
                    dues.lapsed.clear()
                    start = time.process_time()
                    if which == args.base:
                        base_grouped.resolve_groups(columns, before_groups,
                                                    base_groups.GroupSteps(), dues)
                    else:
                        resolve_groups(columns, groups, GroupSteps(), dues)
                    seconds[which].append(time.process_time() - start)
            shown = "; ".join(f"{which}: " + " ".join(f"{s:.2f}" for s in runs)
                              for which, runs in seconds.items())
            print(f"{label} ({len(groups):,} groups), CPU seconds: {shown}")


if __name__ == "__main__":
    main()
