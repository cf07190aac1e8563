"""Where building every timeline spends its time: CPU seconds of each phase of the engine.

    python bench/phases.py bench/out/100000-1/jsonl

CPU time of this process (``time.process_time``), not wall time: on a shared machine the phases
are then comparable from run to run. Run ``bench/run.py`` first to generate the casebook.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import factcheck
from factcheck._alone import alone_states, steps_of
from factcheck._columns import Columns
from factcheck._grouped import resolve_groups
from factcheck._groups import GroupSteps, groups_of, resolve_group
from factcheck._kinds import RelationKind
from factcheck._lapse import Dues


def main(path: str) -> None:
    clock = time.process_time
    start = clock()
    casebook = factcheck.load(path)
    loaded = clock()
    print(f"load: {loaded - start:.2f} s")
    columns = Columns(casebook)
    built = clock()
    print(f"evidence columns (from the loaded objects): {built - loaded:.2f} s, "
          f"{len(columns.claim):,} rows")
    groups = groups_of(len(columns.ids), columns.related(casebook.relations))
    grouped = clock()
    tied = sum(len(g.claims) for g in groups)
    print(f"groups (union-find): {grouped - built:.2f} s, {len(groups):,} groups of "
          f"{tied:,} claims")
    in_group = np.zeros(len(columns.ids), bool)
    for group in groups:
        in_group[list(group.claims)] = True
    dues = Dues(casebook, columns)
    alone, _ = steps_of(alone_states(columns, np.flatnonzero(~in_group), dues))
    vectorised = clock()
    print(f"claims alone, vectorised: {vectorised - grouped:.2f} s, "
          f"{len(columns.ids) - tied:,} claims, {len(alone.claim):,} steps")
    steps = GroupSteps()
    resolve_groups(columns, groups, steps, dues)
    at_once = clock()
    corrects = tuple(RelationKind).index(RelationKind.CORRECTS)
    shaped = sum(any(c in dues.us for c in g.claims)
                 or any(k == corrects for k, _, _ in g.relations) for g in groups)
    print(f"groups resolved at once: {at_once - vectorised:.2f} s, {len(steps.claim):,} steps "
          f"({shaped:,} groups with a correction or a prediction falling due)")
    steps = GroupSteps()
    for group in groups:
        resolve_group(columns, group, steps, dues)
    done = clock()
    print(f"(the same groups one by one: {done - at_once:.2f} s, {len(steps.claim):,} steps)")
    casebook.resolver()
    print(f"the whole resolver, for comparison: {clock() - done:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1])
