"""A casebook as a partitioned Parquet dataset, written in chunks without loading it whole.

Every claim gets its relation group (a connected component of the relations, by scipy) and a
partition key; a group falls wholly in one partition, so each partition resolves on its own. The
casebook is read three times, never whole:

1. the claim files, for the claim ids and the relations' ends: held in memory as Arrow string
   arrays (about the ids' bytes plus 4 per id) and two int32 arrays per relation; from them the
   groups and partitions, one int64 and one int32 per claim;
2. the claim files again, then the source files, ``chunk`` lines at a time: each record is written
   to the partitions it belongs to (an excerpt to each partition holding a claim it takes a stance
   toward, with only those stances; a source with every partition of its excerpts);
3. the source files once more for the sources that excerpts relay (``via``), written as origins.

Each row keeps its record as the JSON Lines form writes it (``record``), and its file and line,
so a partition is read back through the same loader, checks and engine as a folder on one machine,
and a problem found there names the original ``claims/bulk.jsonl:17``. Layout: docs/scale.md.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import json
import shutil
from pathlib import Path
from typing import Any, Final

from ._chunks import Lines
from ._errors import LoadError
from ._findings import Finding, Severity, error, grouped

__all__ = ["FORMAT", "TABLES", "export_partitioned", "needs_scale"]

#: Written to ``dataset.json``; a reader refuses any other.
FORMAT: Final = "factcheck-partitioned/1"
#: The tables of a dataset; the first five are partitioned by ``part``.
TABLES: Final = ("claims", "relations", "sources", "revisions", "excerpts", "stakeholders",
                 "properties", "references")
_CLAIM_TYPES: Final = ("claim", "relation", "stakeholder", "property")
#: A revision's row: its source, id, publication as written and the zone it is read in.
_REVISION_COLUMNS: Final = ("source", "id", "published", "zone", "file", "line", "part")


def needs_scale(module: str) -> Any:
    """``module`` (one of the scale extra's), or an ImportError saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:  # pragma: no cover - the scale extra brings it
        raise ImportError(f"{module} is needed here (docs/scale.md): "
                          "pip install 'factcheck-casebook[scale]'") from None


def _pa() -> Any:
    return needs_scale("pyarrow")


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class _Writer:
    """Appends chunks of rows to the dataset's tables (a file per chunk and partition)."""

    def __init__(self, out: Path) -> None:
        self.out, self.count = out, 0

    def write(self, table: str, rows: dict[str, list[Any]], partitioned: bool = True) -> None:
        pa = _pa()
        import pyarrow.dataset as ds  # type: ignore[import-untyped]

        if not rows or not next(iter(rows.values())):
            return
        self.count += 1
        ds.write_dataset(
            pa.table(rows), self.out / table, format="parquet",
            partitioning=ds.partitioning(pa.schema([("part", pa.int32())]), flavor="hive")
            if partitioned else None,
            basename_template=f"chunk-{self.count:06d}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore")


def _compact(folder: Path) -> None:
    """Each partition's chunk files as one file (one partition of one table in memory at once):
    readers then see one piece per partition."""
    if not folder.is_dir():
        return
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    pieces = [folder, *sorted(p for p in folder.iterdir() if p.is_dir())]
    for piece in pieces:
        files = sorted(piece.glob("chunk-*.parquet"))
        if not files:
            continue
        table = ds.dataset(files, format="parquet").to_table()
        pq.write_table(table, piece / "data.parquet")
        for file in files:
            file.unlink()


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def export_partitioned(path: str | Path, out: str | Path, *, partition_claims: int = 100_000,
                       chunk: int = 100_000) -> dict[str, int]:
    """Write the casebook folder ``path`` as a partitioned Parquet dataset in ``out`` (which must
    not exist or be empty), reading it ``chunk`` records at a time; about ``partition_claims``
    claims per partition (a group larger than that is one partition of its own). Returns counts.

    Raises :class:`LoadError` naming each record that cannot be read (``out`` is then removed).
    """
    pa = _pa()
    import numpy as np
    import pyarrow.compute as pc  # type: ignore[import-untyped]
    from scipy.sparse import coo_matrix  # type: ignore[import-untyped]
    from scipy.sparse.csgraph import connected_components  # type: ignore[import-untyped]

    root, target = Path(path), Path(out)
    if not (root / "claims").is_dir() or not (root / "sources").is_dir():
        raise LoadError([error("missing-casebook", "no casebook folder here (expected sources/ "
                               "and claims/)", str(path))], unreadable=True)
    if target.exists() and any(target.iterdir()):
        raise LoadError([error("not-empty", "the dataset folder exists and is not empty: name a "
                               "new folder", str(out))], unreadable=True)
    lines = Lines(root, max(1, chunk))

    # 1. Claim ids and the relations' ends.
    id_parts, ends_from, ends_to = [], [], []
    for batch in lines.chunks("claims"):
        id_parts.append(pa.array([_str(r.get("id")) for _, _, r in batch
                                  if r.get("type", "claim") == "claim"], pa.string()))
        rel = [r for _, _, r in batch if r.get("type") == "relation"]
        ends_from.append(pa.array([_str(r.get("from")) for r in rel], pa.string()))
        ends_to.append(pa.array([_str(r.get("to")) for r in rel], pa.string()))
    ids = pc.unique(pa.chunked_array(id_parts, pa.string()).combine_chunks().drop_null())
    ids = ids.take(pc.sort_indices(ids))
    n = len(ids)

    def codes(values: Any) -> Any:
        """Each id's claim code, -1 where no claim has it (or it is no string)."""
        if not isinstance(values, pa.Array):
            values = pa.array(values, pa.string())
        return pc.index_in(values, value_set=ids).fill_null(-1).to_numpy().astype(np.int64)

    a = codes(pa.chunked_array(ends_from, pa.string()).combine_chunks())
    b = codes(pa.chunked_array(ends_to, pa.string()).combine_chunks())
    both = (a >= 0) & (b >= 0)
    a, b = a[both], b[both]
    graph = coo_matrix((np.ones(len(a), np.int8), (a, b)), shape=(n, n)).tocsr()
    _, group = connected_components(graph, directed=False)
    group = group.astype(np.int64)
    # Groups in order of their smallest claim id; partitions cut that order every
    # ``partition_claims`` claims, a group going whole to the partition where it starts.
    order = np.lexsort((np.arange(n), group))
    first_at = np.full(int(group.max(initial=-1)) + 1, n, np.int64)
    np.minimum.at(first_at, group[order], np.arange(n))
    part = (first_at[group] // max(1, partition_claims)).astype(np.int32)
    partitions = int(part.max(initial=-1)) + 1

    def part_of(values: list[str | None]) -> Any:
        found = codes(values)
        return np.where(found >= 0, part[np.maximum(found, 0)], -1) if n else found

    def group_of(values: list[str | None]) -> Any:
        found = codes(values)
        return np.where(found >= 0, group[np.maximum(found, 0)], -1) if n else found

    if target.exists():
        target.rmdir()
    target.mkdir(parents=True)
    writer = _Writer(target)
    try:
        if (root / "casebook.toml").exists():
            shutil.copyfile(root / "casebook.toml", target / "casebook.toml")
        counts = _write_claims(lines, writer, part_of, group_of)
        latest = _Latest()
        counts.update(_write_sources(lines, writer, part_of, latest))
        if lines.problems:
            raise LoadError(grouped(lines.problems), unreadable=True)
        for table in TABLES:
            _compact(target / table)
        counts.update(claims=n, partitions=partitions)
        (target / "dataset.json").write_text(json.dumps(
            {"format": FORMAT, "partitions": partitions, "counts": counts,
             "latest": latest.iso()}, indent=1,
            sort_keys=True) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return counts


def _write_claims(lines: Lines, writer: _Writer, part_of: Any, group_of: Any) -> dict[str, int]:
    """Claims and relations into their partitions; stakeholders and properties whole."""
    counts = {"relations": 0, "stakeholders": 0, "properties": 0}
    for batch in lines.chunks("claims"):
        by_type: dict[str, list[tuple[str, int, dict[str, Any]]]] = {t: [] for t in _CLAIM_TYPES}
        for file, line, record in batch:
            kind = record.get("type", "claim")
            if kind not in by_type:
                lines.problems.append(Finding(
                    Severity.ERROR, "invalid-value",
                    f"expected type claim | relation | stakeholder | property, got {kind!r}",
                    file, "type", line or None))
                continue
            by_type[kind].append((file, line, record))
        claims = by_type["claim"]
        ids = [_str(r.get("id")) for _, _, r in claims]
        parts, groups = part_of(ids), group_of(ids)
        keep = [i for i in range(len(claims)) if parts[i] >= 0]
        for i in range(len(claims)):
            if parts[i] < 0:
                lines.problems.append(Finding(
                    Severity.ERROR, "invalid-id",
                    "expected a claim id (a string)", claims[i][0], "id", claims[i][1] or None))
        writer.write("claims", {
            "id": [ids[i] for i in keep], "group": [int(groups[i]) for i in keep],
            "kind": [_str(claims[i][2].get("kind")) for i in keep],
            "file": [claims[i][0] for i in keep], "line": [claims[i][1] for i in keep],
            "record": [_dump(claims[i][2]) for i in keep], "part": [int(parts[i]) for i in keep],
        })
        relations = by_type["relation"]
        ends = [_str(r.get("from")) for _, _, r in relations]
        others = [_str(r.get("to")) for _, _, r in relations]
        p_from, p_to, g_from = part_of(ends), part_of(others), group_of(ends)
        # A relation lives with its claims (the same partition at both ends). One naming a claim
        # that does not exist is left to the references (the dangling pass reports it).
        rows = [i for i in range(len(relations)) if p_from[i] >= 0 and p_from[i] == p_to[i]]
        counts["relations"] += len(rows)
        writer.write("relations", {
            "group": [int(g_from[i]) for i in rows],
            "kind": [_str(relations[i][2].get("kind")) for i in rows],
            "from": [ends[i] for i in rows], "to": [others[i] for i in rows],
            "file": [relations[i][0] for i in rows], "line": [relations[i][1] for i in rows],
            "record": [_dump(relations[i][2]) for i in rows],
            "part": [int(p_from[i]) for i in rows],
        })
        refs = [(relations[i][0], relations[i][1], key, value)
                for i in range(len(relations))
                for key, value in (("from", ends[i]), ("to", others[i])) if value is not None]
        _write_references(writer, "claim", refs)
        for kind, table in (("stakeholder", "stakeholders"), ("property", "properties")):
            items = by_type[kind]
            counts[table] += len(items)
            writer.write(table, {
                "id": [_str(r.get("id")) for _, _, r in items],
                "file": [f for f, _, _ in items], "line": [ln for _, ln, _ in items],
                "record": [_dump(r) for _, _, r in items],
            }, partitioned=False)
    return counts


def _write_references(writer: _Writer, kind: str, refs: list[tuple[str, int, str, str]]) -> None:
    """Every reference to a claim or source id, with its place: the dangling pass joins them with
    the ids (a reference to nothing reaches no partition, so only that pass can see it)."""
    writer.write("references", {
        "kind": [kind] * len(refs), "target": [t for _, _, _, t in refs],
        "file": [f for f, _, _, _ in refs], "line": [ln for _, ln, _, _ in refs],
        "path": [p for _, _, p, _ in refs],
    }, partitioned=False)


def _write_sources(lines: Lines, writer: _Writer, part_of: Any,
                   latest: _Latest) -> dict[str, int]:
    """Sources, revisions and excerpts into every partition that needs them; then the sources
    that excerpts relay, into the partitions of those excerpts (as origins). ``latest`` sees each
    source's revisions once."""
    counts = {"sources": 0, "excerpts": 0}
    relayed: dict[str, set[int]] = {}
    for batch in lines.chunks("sources"):
        stance_ids: list[str | None] = []
        for _, _, record in batch:
            for excerpt in _list(record.get("excerpts")):
                stance_ids += list(_stances(excerpt))
        parts = part_of(stance_ids).tolist()
        at = 0
        sources: dict[str, list[Any]] = {k: [] for k in (
            "id", "publisher", "role", "file", "line", "record", "part")}
        revisions: dict[str, list[Any]] = {k: [] for k in _REVISION_COLUMNS}
        excerpts: dict[str, list[Any]] = {k: [] for k in (
            "source", "id", "revision", "claims", "quote", "file", "line", "record", "part")}
        refs: list[tuple[str, int, str, str]] = []
        for file, line, record in batch:
            counts["sources"] += 1
            source_id = _str(record.get("id"))
            by_part: dict[int, list[tuple[int, Any, list[str]]]] = {}
            for index, excerpt in enumerate(_list(record.get("excerpts"))):
                stances = _stances(excerpt)
                mine = parts[at:at + len(stances)]
                at += len(stances)
                named = [c for c in stances if c is not None]
                refs += [(file, line, f"excerpts[{index}].stances.{c}", c) for c in named]
                via = _str(excerpt.get("via")) if isinstance(excerpt, dict) else None
                if via is not None:
                    refs.append((file, line, f"excerpts[{index}].via", via))
                places = sorted({p for p in mine if p >= 0})
                if len(places) == 1 and len(mine) == len(named) and min(mine) >= 0:
                    # Every claim it bears on is in one partition (the common case): as it is.
                    by_part.setdefault(places[0], []).append((index, excerpt, sorted(named)))
                else:
                    for p in places:
                        kept = {c: st for c, st, q in zip(stances, stances.values(), mine,
                                                          strict=True) if q == p}
                        by_part.setdefault(p, []).append(
                            (index, {**excerpt, "stances": kept}, sorted(kept)))
                if via is not None:
                    for p in places:
                        relayed.setdefault(via, set()).add(p)
                if not stances or not isinstance(excerpt, dict):
                    # Nothing to place it by: with the source's first partition, whose loading
                    # then names the problem (an excerpt needs a stance).
                    by_part.setdefault(-1, []).append((index, excerpt, []))
            if -1 in by_part:
                unplaced = by_part.pop(-1)
                by_part.setdefault(min(by_part, default=0), []).extend(unplaced)
            shell = _SourceShell({k: v for k, v in record.items() if k != "excerpts"}, file, line)
            latest.see(shell.revisions)
            for p, items in sorted(by_part.items()):
                counts["excerpts"] += len(items)
                shell.add(sources, revisions, "evidence", p)
                for index, excerpt, claims in sorted(items, key=lambda item: item[0]):
                    fields = excerpt if isinstance(excerpt, dict) else {}
                    excerpts["source"].append(source_id)
                    excerpts["id"].append(_str(fields.get("id")))
                    excerpts["revision"].append(_str(fields.get("revision")))
                    excerpts["claims"].append(claims)
                    excerpts["quote"].append(_str(fields.get("quote")))
                    excerpts["file"].append(file)
                    excerpts["line"].append(line)
                    excerpts["record"].append(_dump({"index": index, "excerpt": excerpt}))
                    excerpts["part"].append(p)
        writer.write("sources", sources)
        writer.write("revisions", revisions)
        writer.write("excerpts", excerpts)
        _write_references(writer, "claim", [r for r in refs if ".stances." in r[2]])
        _write_references(writer, "source", [r for r in refs if r[2].endswith(".via")])
    if relayed:
        for batch in lines.chunks("sources"):
            sources = {k: [] for k in ("id", "publisher", "role", "file", "line", "record",
                                       "part")}
            revisions = {k: [] for k in _REVISION_COLUMNS}
            for file, line, record in batch:
                needed = sorted(relayed.get(_str(record.get("id")) or "", ()))
                if needed:
                    shell = _SourceShell({k: v for k, v in record.items() if k != "excerpts"},
                                         file, line)
                    for p in needed:
                        shell.add(sources, revisions, "origin", p)
            writer.write("sources", sources)
            writer.write("revisions", revisions)
    return counts


class _Latest:
    """When the casebook's last revision was certainly public (``latest_publication``), seen
    source by source as the export reads them once: a distributed run reads it from
    ``dataset.json`` rather than parsing every copy of every revision again."""

    def __init__(self) -> None:
        self.us: int | None = None

    def see(self, revisions: list[dict[str, Any]]) -> None:
        from ._bounds import ever_public, parse_time
        from ._columns import micros

        for revision in revisions:
            if not isinstance(revision["published"], str):
                continue
            try:
                published = parse_time(revision["published"], revision["zone"])
            except (ValueError, TypeError):
                continue  # the partition's loader names the problem
            if not ever_public(published):
                continue  # a lower bound never counts (as ``_checks.latest_publication``)
            known = micros(published.known_from)
            if self.us is None or known > self.us:
                self.us = known

    def iso(self) -> str | None:
        """The instant in UTC, to the microsecond, or ``None`` without any revision."""
        if self.us is None:
            return None
        instant = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC) + _dt.timedelta(microseconds=self.us)
        return instant.isoformat()


class _SourceShell:
    """A source without its excerpts, made into rows once, written to each partition."""

    def __init__(self, shell: dict[str, Any], file: str, line: int) -> None:
        source_id, zone = _str(shell.get("id")), _str(shell.get("zone"))
        self.row = {"id": source_id, "publisher": _str(shell.get("publisher")), "file": file,
                    "line": line, "record": _dump(shell)}
        self.revisions = [{"source": source_id, "id": _str(r.get("id")),
                           "published": _str(r.get("published")), "zone": zone, "file": file,
                           "line": line} for r in _list(shell.get("revisions"))
                          if isinstance(r, dict)]

    def add(self, sources: dict[str, list[Any]], revisions: dict[str, list[Any]], role: str,
            part: int) -> None:
        for key, value in self.row.items():
            sources[key].append(value)
        sources["role"].append(role)
        sources["part"].append(part)
        for revision in self.revisions:
            for key, value in revision.items():
                revisions[key].append(value)
            revisions["part"].append(part)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _stances(excerpt: Any) -> dict[Any, Any]:
    stances = excerpt.get("stances") if isinstance(excerpt, dict) else None
    return {k if isinstance(k, str) else None: v for k, v in stances.items()} if isinstance(
        stances, dict) else {}
