"""The groups of the shapes the generated casebook lacks, all at once against one by one.

    python bench/shapes.py bench/out/100000-1/jsonl

The generated casebook's groups are pairs with one relation, none of them a correction, no claim
supported by two, no prediction with a due time. Here the same casebook is given them: every
third relation becomes ``corrects``, every supported claim gets a second supporter from its
cluster, and every prediction falls due three days after it is made. Then the groups are resolved
all at once (``_grouped``) and one by one (``_groups``), CPU seconds of this process, and their
steps compared.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import attrs
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import factcheck
from factcheck import ClaimKind, DueIn, Relation, RelationKind
from factcheck._columns import Columns
from factcheck._grouped import resolve_groups
from factcheck._groups import GroupSteps, groups_of, resolve_group
from factcheck._lapse import Dues


def shaped(casebook: factcheck.Casebook) -> factcheck.Casebook:
    """The casebook with corrections, second supporters and due predictions."""
    relations = []
    for i, relation in enumerate(casebook.relations):
        if i % 3 == 0:
            relation = attrs.evolve(relation, kind=RelationKind.CORRECTS)
        relations.append(relation)
        if relation.kind is RelationKind.SUPPORTS:
            second = f"c{int(relation.to[1:]) + 1}"
            if second != relation.from_:
                relations.append(Relation(RelationKind.SUPPORTS, second, relation.to))
    claims = [attrs.evolve(c, due=DueIn.parse("P3D")) if c.kind is ClaimKind.PREDICTION else c
              for c in casebook.claims]
    return factcheck.Casebook(casebook.settings, casebook.stakeholders, casebook.sources, claims,
                              relations)


def main(path: str) -> None:
    clock = time.process_time
    casebook = shaped(factcheck.load(path))
    columns = Columns(casebook)
    groups = groups_of(len(columns.ids), columns.related(casebook.relations))
    in_group = np.zeros(len(columns.ids), bool)
    for group in groups:
        in_group[list(group.claims)] = True
    dues = Dues(casebook, columns)
    corrects = tuple(RelationKind).index(RelationKind.CORRECTS)
    supports = tuple(RelationKind).index(RelationKind.SUPPORTS)
    print(f"{len(groups):,} groups of {int(in_group.sum()):,} claims: "
          f"{sum(any(k == corrects for k, _, _ in g.relations) for g in groups):,} with a "
          f"correction, {sum(any(c in dues.us for c in g.claims) for g in groups):,} with a "
          f"prediction falling due, "
          f"{sum(sum(k == supports for k, _, _ in g.relations) > 1 for g in groups):,} with a "
          f"claim supported by two")
    start = clock()
    at_once = GroupSteps()
    resolve_groups(columns, groups, at_once, dues)
    lapsed = dict(dues.lapsed)
    middle = clock()
    dues.lapsed.clear()
    one_by_one = GroupSteps()
    for group in groups:
        resolve_group(columns, group, one_by_one, dues)
    done = clock()
    print(f"all at once: {middle - start:.2f} s, {len(at_once.claim):,} steps; "
          f"one by one: {done - middle:.2f} s, {len(one_by_one.claim):,} steps")

    def rows(steps: GroupSteps) -> list[tuple[object, ...]]:
        return sorted(zip(steps.claim, steps.time, steps.revision, steps.status, steps.support,
                          steps.refutation, steps.origins, steps.since, steps.every_reason(),
                          strict=True), key=lambda row: (row[0], row[1]))

    same = rows(at_once) == rows(one_by_one) and lapsed == dues.lapsed
    print(f"the same steps, reasons and lapses: {same} ({len(lapsed):,} lapses)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/out/100000-1/jsonl")
