"""The casebook's findings (``factcheck check``), in CPU seconds: this tree's checks and, with
``--against REV``, the checks of another commit, side by side in one process on one load.

    python bench/findings.py bench/out/100000-1/jsonl --against fab7e3b

The other commit's ``_checks.py`` and ``_snapshots.py`` are read from git and imported beside this
tree's (the rest of the library is this tree's). Each is run ``--runs`` times, alternately; the
findings of both must be equal. Run ``bench/run.py`` first: it generates the casebook.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import factcheck
from factcheck import _checks

ROOT = Path(__file__).resolve().parent.parent


def _module(rev: str, name: str, text: str | None = None) -> ModuleType:
    """``factcheck/{name}.py`` of ``rev``, imported as ``factcheck.{name}_at``."""
    if text is None:
        text = subprocess.run(["git", "show", f"{rev}:factcheck/{name}.py"], cwd=ROOT,
                              check=True, capture_output=True, text=True).stdout
    spec = importlib.util.spec_from_loader(f"factcheck.{name}_at", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "factcheck"
    sys.modules[spec.name] = module
    exec(compile(text, f"{rev}:factcheck/{name}.py", "exec"), module.__dict__)
    return module


def _checks_of(rev: str) -> Any:
    """The ``check`` function of ``rev``, with that commit's snapshot checks."""
    _module(rev, "_snapshots")
    text = subprocess.run(["git", "show", f"{rev}:factcheck/_checks.py"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout
    return _module(rev, "_checks", text.replace("from ._snapshots import",
                                                "from ._snapshots_at import")).check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("casebook")
    parser.add_argument("--against", metavar="REV", help="another commit's checks, side by side")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    clock = time.process_time
    start = clock()
    casebook = factcheck.load(args.casebook)
    print(f"load: {clock() - start:.2f} s CPU; {len(casebook.claims):,} claims, "
          f"{sum(len(s.excerpts) for s in casebook.sources):,} excerpts")
    casebook.resolver()  # built once, outside the measurements: both ask it of past-due claims
    checks = {"this tree": _checks.check}
    if args.against:
        checks[args.against] = _checks_of(args.against)
    times: dict[str, list[float]] = {name: [] for name in checks}
    found: dict[str, list[Any]] = {}
    for _ in range(args.runs):
        for name, check in checks.items():
            start = clock()
            found[name] = check(casebook)
            times[name].append(clock() - start)
    for name, spent in times.items():
        print(f"findings, {name}: {min(spent):.2f} s CPU (best of {len(spent)}: "
              f"{', '.join(f'{t:.2f}' for t in spent)}); {len(found[name])} findings")
    if len(set(map(repr, found.values()))) > 1:
        raise SystemExit("the findings differ")


if __name__ == "__main__":
    main()
