"""One partition of a partitioned casebook, resolved by the engine of one machine.

A partition holds whole relation groups, with every excerpt that bears on its claims, the sources
of those excerpts and the sources they relay, and every stakeholder and property: it is a casebook
of its own. It is written back as a JSON Lines casebook folder (a temporary one) and read with
:func:`factcheck.load`, then resolved with ``Casebook.resolver()``: the same loader, checks and
engine as on one machine. Findings name the original file and line. This module's functions take
and give Arrow tables, so any engine that maps a function over partitions (Dask here, Spark's
``mapInArrow``) can run them.
"""

from __future__ import annotations

import datetime as _dt
import json
import shutil
import tempfile
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from ._errors import LoadError
from ._findings import Finding, Place
from ._groups import BEGINNING
from ._model import Casebook, CasebookSettings
from ._outcome import Status, Strength
from ._partition import FORMAT

__all__ = [
    "LOCAL_FINDINGS",
    "Located",
    "bucket_of",
    "dataset_settings",
    "findings_table",
    "partition_casebook",
    "partition_count",
    "read_partition",
    "read_shared",
    "recorded_latest",
    "resolve_partition",
    "statuses_table",
    "steps_table",
]

#: Checks whose findings depend on one claim, its evidence or its relation group, hence on one
#: partition alone. The others need the whole casebook (docs/scale.md): duplicate ids and
#: dangling references have a distributed pass of their own, and so do undeclared conflicts
#: (``_crossgroup``); snapshots and ignored files are left to ``factcheck check`` on one machine.
LOCAL_FINDINGS: Final = frozenset({"supports-cycle", "supersedes-cycle", "anachronism",
                                   "no-excerpt", "past-due", "withdrawn-before-counted"})
_PARTITIONED: Final = ("claims", "relations", "sources", "excerpts")
_STATUS_LABELS: Final = [s.value for s in Status]
_STRENGTH_LABELS: Final = [s.label for s in Strength]


def dataset_settings(dataset: str | Path) -> tuple[CasebookSettings, int]:
    """The casebook's settings (``casebook.toml``) and the number of partitions of a dataset."""
    root = Path(dataset)
    try:
        meta = json.loads((root / "dataset.json").read_text("utf-8"))
    except (OSError, ValueError):
        meta = None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise LoadError([_error("not-a-dataset", "not a partitioned casebook (no dataset.json "
                                f"of format {FORMAT}): write one with `factcheck export parquet "
                                "PATH --partitioned OUT`", str(dataset))], unreadable=True)
    settings = CasebookSettings()
    toml = root / "casebook.toml"
    if toml.exists():
        raw = tomllib.loads(toml.read_text("utf-8-sig"))
        settings = CasebookSettings(raw.get("title"), raw.get("zone"),
                                    raw.get("corroboration", 2))
    return settings, int(meta["partitions"])


def recorded_latest(dataset: str | Path) -> tuple[bool, Any]:
    """The latest publication the export recorded in ``dataset.json`` (``(True, instant)``, the
    instant ``None`` without revisions), or ``(False, None)`` for a dataset written before it
    was recorded there."""
    import pendulum

    meta = json.loads((Path(dataset) / "dataset.json").read_text("utf-8"))
    if "latest" not in meta:
        return False, None
    value = meta["latest"]
    if not isinstance(value, str):
        return True, None
    return True, pendulum.instance(_dt.datetime.fromisoformat(value)).in_timezone("UTC")


def partition_count(dataset: str | Path) -> int:
    """How many partitions the dataset has."""
    return dataset_settings(dataset)[1]


def _error(code: str, message: str, file: str) -> Finding:
    from ._findings import error

    return error(code, message, file)


def read_partition(dataset: str | Path, part: int) -> dict[str, Any]:
    """Partition ``part``'s rows of every table (and the stakeholders and properties), as Arrow
    tables."""
    import pyarrow.dataset as ds  # type: ignore[import-untyped]

    root = Path(dataset)
    tables = {}
    for name in _PARTITIONED:
        folder = root / name / f"part={part}"
        tables[name] = ds.dataset(folder, format="parquet").to_table() if folder.is_dir() else None
    return {**tables, **read_shared(root)}


def read_shared(dataset: str | Path) -> dict[str, Any]:
    """The tables every partition reads whole (stakeholders and properties), as Arrow tables."""
    import pyarrow.dataset as ds

    tables = {}
    for name in ("stakeholders", "properties"):
        folder = Path(dataset) / name
        tables[name] = ds.dataset(folder, format="parquet").to_table() if folder.is_dir() else None
    return tables


def bucket_of(values: Any, buckets: int) -> Any:
    """Each string's bucket (0..buckets-1) for a shuffle: pandas' hash, the same in every
    process."""
    import numpy as np
    import pandas as pd

    return (pd.util.hash_array(np.asarray(values, dtype=object)) % buckets).astype(np.int64)


def partition_casebook(dataset: str | Path, tables: dict[str, Any]) -> Located:
    """The partition as a casebook, read by :func:`factcheck.load` from a temporary folder.

    Raises :class:`LoadError` with the problems found, each naming the original file and line.
    """
    with tempfile.TemporaryDirectory(prefix="factcheck-part-") as tmp:
        folder = Path(tmp)
        (folder / "claims").mkdir()
        (folder / "sources").mkdir()
        settings = Path(dataset) / "casebook.toml"
        if settings.exists():
            shutil.copyfile(settings, folder / "casebook.toml")
        places: dict[str, list[tuple[str, int]]] = {}
        claim_lines: dict[str, list[tuple[int, str]]] = {}
        for name in ("stakeholders", "properties", "claims", "relations"):
            for file, line, record in _rows(tables.get(name), ("file", "line", "record")):
                claim_lines.setdefault(file, []).append((line, record))
        _write(folder, "claims", claim_lines, places)
        source_lines: dict[str, list[tuple[int, str]]] = {}
        for file, line, record in _sources(tables):
            source_lines.setdefault(file, []).append((line, record))
        _write(folder, "sources", source_lines, places)
        try:
            casebook = _load(folder)
        except LoadError as exc:
            raise LoadError([_relocated(f, places) for f in exc.findings],
                            unreadable=exc.unreadable) from None
        return Located(casebook, places)


def _load(folder: Path) -> Casebook:
    from ._load import load

    # The folder is temporary: its quotes are held in memory, not read from it later.
    return load(folder, hold_quotes=True)


class Located:
    """A partition's casebook, which also knows where each temporary line came from."""

    def __init__(self, casebook: Casebook, places: dict[str, list[tuple[str, int]]]) -> None:
        self.casebook, self.places = casebook, places

    def findings(self, latest: Any) -> list[Finding]:
        found = self.casebook.findings(latest)
        return self.relocated([f for f in found if f.code in LOCAL_FINDINGS])

    def relocated(self, found: Sequence[Finding]) -> list[Finding]:
        """Findings about this casebook, each placed at the original file and line."""
        return [_relocated(f, self.places) for f in found]


def _rows(table: Any, columns: Sequence[str]) -> list[tuple[Any, ...]]:
    if table is None or not table.num_rows:
        return []
    return list(zip(*(table.column(c).to_pylist() for c in columns), strict=True))


def _sources(tables: dict[str, Any]) -> list[tuple[str, int, str]]:
    """Each source of the partition once, with its excerpts in the partition, as one record."""
    excerpts: dict[tuple[str, int], list[tuple[int, Any]]] = {}
    for file, line, record in _rows(tables.get("excerpts"), ("file", "line", "record")):
        item = json.loads(record)
        excerpts.setdefault((file, line), []).append((item["index"], item["excerpt"]))
    rows = sorted(_rows(tables.get("sources"), ("file", "line", "role", "record")),
                  key=lambda r: (r[0], r[1], r[2] != "evidence"))
    made, seen = [], set()
    for file, line, _role, record in rows:
        if (file, line) in seen:
            continue  # relayed, and also holding evidence here: once
        seen.add((file, line))
        shell = json.loads(record)
        shell["excerpts"] = [e for _, e in sorted(excerpts.get((file, line), []),
                                                  key=lambda pair: pair[0])]
        made.append((file, line, json.dumps(shell, ensure_ascii=False)))
    return made


def _write(folder: Path, kind: str, by_file: dict[str, list[tuple[int, str]]],
           places: dict[str, list[tuple[str, int]]]) -> None:
    """One temporary JSON Lines file per original file, in the original order of lines."""
    for index, file in enumerate(sorted(by_file)):
        name = f"{kind}/part-{index:05d}.jsonl"
        rows = sorted(by_file[file], key=lambda r: r[0])
        places[name] = [(file, line) for line, _ in rows]
        (folder / name).write_text("".join(record + "\n" for _, record in rows), "utf-8")


def _relocated(finding: Finding, places: dict[str, list[tuple[str, int]]]) -> Finding:
    """The finding with each temporary place turned back into the original file and line."""

    def back(place: Place) -> Place:
        lines = places.get(place.file or "")
        if not lines:
            return place
        if place.lineno is None or not 0 < place.lineno <= len(lines):
            # Each temporary file holds the lines of one original file.
            return Place(lines[0][0], place.path, None, None)
        file, line = lines[place.lineno - 1]
        return Place(file, place.path, line or None, place.colno if line else None)

    first, *also = [back(p) for p in finding.places]
    return attrs.evolve(finding, file=first.file, path=first.path, lineno=first.lineno,
                        colno=first.colno, also=tuple(also))


def steps_table(resolver: Any) -> Any:
    """Every step of every timeline of ``resolver``, as an Arrow table: claim, at (null for the
    opening step), status, support, refutation, origins, since (null: since the start)."""
    import numpy as np
    import pyarrow as pa

    columns = resolver.columns
    offsets = resolver.step_offsets
    claim = np.repeat(np.arange(len(columns.ids)), np.diff(offsets))
    time = resolver.step_time
    opening = time <= BEGINNING
    since_revision = resolver.step_since
    never = since_revision < 0
    since = (columns.revision_known[np.maximum(since_revision, 0)]
             if len(columns.revision_known) else np.zeros(len(time), np.int64))
    ids = pa.array(columns.ids, pa.string())
    return pa.table({
        "claim": ids.take(pa.array(claim, pa.int64())),
        "at": pa.array(np.where(opening, 0, time), pa.timestamp("us", tz="UTC"), mask=opening),
        "status": pa.array(np.array(_STATUS_LABELS, dtype=object)[resolver.step_status],
                           pa.string()),
        "support": pa.array(np.array(_STRENGTH_LABELS, dtype=object)[resolver.step_support],
                            pa.string()),
        "refutation": pa.array(np.array(_STRENGTH_LABELS, dtype=object)[
            resolver.step_refutation], pa.string()),
        "origins": pa.array(resolver.step_origins, pa.int32()),
        "since": pa.array(since, pa.timestamp("us", tz="UTC"), mask=never),
    })


def statuses_table(casebook: Casebook, instants: Sequence[Any]) -> Any:
    """Every claim's status at each instant (``Casebook.status_columns``), with ``as_of``."""
    import pyarrow as pa

    parts = []
    for instant in instants:
        table = casebook.status_columns(instant)
        for name in ("status", "strength"):  # labels as plain strings: every reader takes them
            table = table.set_column(table.column_names.index(name), name,
                                     table.column(name).cast(pa.string()))
        parts.append(table.append_column("as_of", pa.array(
            [instant] * table.num_rows, pa.timestamp("us", tz="UTC"))))
    return pa.concat_tables(parts) if parts else None


def findings_table(findings: Sequence[Finding]) -> Any:
    """Findings as rows, one per place: severity, code, message, file, line, path."""
    import pyarrow as pa

    rows = [(f.severity.value, f.code, f.message, p.file, p.lineno, p.path)
            for f in findings for p in f.places]
    names = ("severity", "code", "message", "file", "line", "path")
    types = (pa.string(), pa.string(), pa.string(), pa.string(), pa.int64(), pa.string())
    return pa.table({n: pa.array([r[i] for r in rows], t)
                     for i, (n, t) in enumerate(zip(names, types, strict=True))})


def resolve_partition(dataset: str | Path, part: int, instants: Sequence[Any], *,
                      timelines: bool = False, latest: Any = None) -> dict[str, Any]:
    """Partition ``part`` resolved: ``statuses`` at each instant, ``steps`` of every timeline
    (when ``timelines``), and ``findings`` (the local checks; past due as of ``latest``, the
    latest publication of the whole casebook). A partition that cannot be loaded gives its
    problems as ``findings`` and nothing else."""
    try:
        located = partition_casebook(dataset, read_partition(dataset, part))
    except LoadError as exc:
        return {"statuses": None, "steps": None, "findings": findings_table(exc.findings),
                "loaded": False}
    casebook = located.casebook
    return {
        "statuses": statuses_table(casebook, instants),
        "steps": steps_table(casebook.resolver()) if timelines else None,
        "findings": findings_table(located.findings(latest)),
        "loaded": True,
    }
