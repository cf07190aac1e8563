"""Undeclared conflicts on a cluster: claims compared across relation groups, by a shuffle.

Two claims conflict when they give different values of the same single-valued property of the
same subject for times that overlap, and no relation joins them (``factcheck check``'s
``undeclared-conflict``). The claims of one (subject, property) may sit in any partition, so no
partition can find these alone. Each partition's claims with a structured ``fact`` are sent to a
bucket by the hash of their (subject, property), with the relations between two such claims of the
same key (a relation lives in its claims' partition, so the map side sees it); each bucket is
read back as a casebook of its own (those claims and relations, every stakeholder and property)
and checked by the same function as on one machine (``_checks._conflicts``). Only claims with a
fact move. These functions take and give Arrow tables, so Spark can run them too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ._checks import _conflicts
from ._errors import LoadError
from ._findings import Finding
from ._partwork import bucket_of, partition_casebook, read_shared

__all__ = ["conflict_findings", "scatter_facts"]


def _key(record: str) -> str | None:
    """The claim's (subject, property) as one string, or ``None`` without a structured fact."""
    try:
        fact = json.loads(record).get("fact")
    except (ValueError, AttributeError):
        return None
    if not isinstance(fact, dict):
        return None
    subject, prop = fact.get("subject"), fact.get("property")
    if not isinstance(subject, str) or not isinstance(prop, str):
        return None
    return f"{subject}\x00{prop}"


def _part_table(dataset: str | Path, name: str, part: int) -> Any:
    """Partition ``part``'s rows of table ``name``, or ``None`` when it has none."""
    import pyarrow.dataset as ds  # type: ignore[import-untyped]

    folder = Path(dataset) / name / f"part={part}"
    return ds.dataset(folder, format="parquet").to_table() if folder.is_dir() else None


def scatter_facts(dataset: str | Path, part: int, buckets: int) -> list[tuple[Any, Any]]:
    """Map side: partition ``part``'s claims with a fact, and the relations between two of them
    of the same (subject, property), cut into ``buckets`` pairs of tables (claims, relations)
    by the hash of that key."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    claims = _part_table(dataset, "claims", part)
    if claims is None:
        return [(None, None)] * buckets
    claims = claims.filter(pc.match_substring(claims.column("record"), '"fact"'))
    keys = [_key(r) for r in claims.column("record").to_pylist()]
    has = [k is not None for k in keys]
    claims = claims.filter(pa.array(has, pa.bool_()))
    keys = [k for k in keys if k is not None]
    key_of = dict(zip(claims.column("id").to_pylist(), keys, strict=True))
    relations = _part_table(dataset, "relations", part)
    relation_keys: list[str | None] = []
    if relations is not None:
        relation_keys = [key_of.get(a) if a in key_of and key_of.get(a) == key_of.get(b)
                         else None for a, b in zip(relations.column("from").to_pylist(),
                                                   relations.column("to").to_pylist(),
                                                   strict=True)]
    claim_bucket = bucket_of(np.asarray(keys, dtype=object), buckets)
    joined = [k for k in relation_keys if k is not None]
    relation_bucket = bucket_of(np.asarray(joined, dtype=object), buckets)
    if relations is not None:
        relations = relations.filter(pa.array([k is not None for k in relation_keys],
                                              pa.bool_()))
    return [(claims.take(np.flatnonzero(claim_bucket == b)),
             relations.take(np.flatnonzero(relation_bucket == b))
             if relations is not None else None) for b in range(buckets)]


def conflict_findings(dataset: str | Path, *pieces: tuple[Any, Any]) -> list[Finding]:
    """Reduce side: the undeclared conflicts among one bucket's claims, each placed at its
    original file and line. A bucket that cannot be loaded gives none: its claims' partitions
    report the problem."""
    import pyarrow as pa

    from ._tomlplaces import with_lines

    claims = [c for c, _ in pieces if c is not None and c.num_rows]
    if not claims:
        return []
    relations = [r for _, r in pieces if r is not None and r.num_rows]
    tables = {"claims": pa.concat_tables(claims),
              "relations": pa.concat_tables(relations) if relations else None,
              **read_shared(dataset)}
    try:
        located = partition_casebook(dataset, tables)
    except LoadError:
        return []
    casebook = located.casebook
    found = _conflicts(casebook, casebook.settings.tolerance)  # casebook.toml's tolerance
    return located.relocated(with_lines(set(found), None))
