"""Resolve a partitioned casebook on Dask: on a local cluster with no set-up, or on your own.

>>> from factcheck.distributed import resolve                           # doctest: +SKIP
>>> statuses = resolve("dataset", "2023-11-22", out="resolved")          # doctest: +SKIP
>>> statuses.compute()                                                  # doctest: +SKIP

``dataset`` is what ``factcheck export parquet PATH --partitioned OUT`` writes. Each partition
holds whole relation groups, so each is resolved on a worker by the engine of one machine
(``factcheck._partwork``): the same loader, checks and engine. What needs the whole casebook
(duplicate ids and references to nothing; undeclared conflicts, which compare claims across
groups) is a distributed pass of its own: a shuffle of ids, or of the claims with a fact by
(subject, property), never everything gathered on one machine; the latest publication is read
from ``dataset.json``, where the export recorded it. Results are Parquet files in ``out``
(``statuses/``, ``steps/`` with ``timelines=True``, ``findings/``), written by the workers, so
``out`` must be a folder every worker can write (a shared file system on a cluster of machines).
See docs/scale.md.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ._asof import parse_as_of
from ._bounds import ever_public, parse_time
from ._errors import LoadError
from ._findings import Finding, Severity, grouped
from ._partition import needs_scale
from ._partwork import (
    bucket_of,
    dataset_settings,
    findings_table,
    recorded_latest,
    resolve_partition,
)

__all__ = [
    "cluster",
    "cross_group_findings",
    "latest_publication",
    "parquet_frame",
    "resolve",
    "resolve_partition",
    "whole_casebook_findings",
]


def _dd() -> Any:
    return needs_scale("dask.dataframe")


@contextlib.contextmanager
def cluster(workers: int | None = None, scheduler: str | None = None,
            processes: bool = True) -> Iterator[Any]:
    """A Dask client: to the scheduler at ``scheduler`` when given, else to a local cluster of
    ``workers`` workers (default: one per core), one thread each; closed on leaving."""
    from dask.distributed import Client, LocalCluster

    if scheduler is not None:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    # The scheduler's HTTP server (health, metrics) on a free port: never a clash with another
    # cluster on the machine.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                      dashboard_address=":0") as local:  # type: ignore[no-untyped-call]
        try:
            with Client(local) as client:  # type: ignore[no-untyped-call]
                yield client
        finally:
            # The client first (the scheduler forgets its results), then the workers.
            _close_workers(local)


#: Seconds a worker process is given to stop before it is killed (Dask's own default, 5, is too
#: short on a busy machine, and then every close ends with a warning and a killed process).
_CLOSE_SECONDS = 60


def _close_workers(local: Any) -> None:
    """Stop the local cluster's workers, waiting for their processes to end."""
    import asyncio

    async def close() -> None:
        await asyncio.gather(*(w.close(timeout=_CLOSE_SECONDS)
                               for w in list(local.workers.values())))

    local.sync(close)


def _pieces(dataset: str | Path, table: str) -> list[str]:
    """The files of a table (one per partition, or one for a table that is not partitioned)."""
    return sorted(str(p) for p in (Path(dataset) / table).rglob("*.parquet"))


def _scatter(file: str, columns: Sequence[str], by: str, buckets: int,
             where: tuple[str, str] | None = None) -> list[Any]:
    """Map side of the shuffle: the file's rows (only ``where`` = (column, value) when given),
    cut into ``buckets`` tables by the hash of column ``by``."""
    import numpy as np
    import pyarrow.compute as pc  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    table = pq.read_table(file, columns=list(columns))
    if where is not None:
        table = table.filter(pc.equal(table.column(where[0]), where[1]))
    if buckets == 1:
        return [table]
    bucket = bucket_of(table.column(by).to_numpy(zero_copy_only=False), buckets)
    return [table.take(np.flatnonzero(bucket == b)) for b in range(buckets)]


def _repeated(*pieces: Any) -> list[tuple[str, str, int]]:
    """Reduce side: the ids of one bucket used in more than one place, with every place (a row
    copied into several partitions has one place, and counts once)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not pieces:
        return []
    table = pa.concat_tables(pieces)
    table = table.filter(pc.is_valid(table.column("id")))
    places = table.group_by(["id", "file", "line"]).aggregate([])
    counts = places.group_by("id").aggregate([("file", "count")])
    many = counts.filter(pc.greater(counts.column("file_count"), 1)).column("id")
    found = places.filter(pc.is_in(places.column("id"), value_set=many))
    return sorted(zip(*(found.column(c).to_pylist() for c in ("id", "file", "line")),
                      strict=True))


def _dangling(ids: list[Any], refs: list[Any]) -> list[tuple[str, int, str, str]]:
    """Reduce side: the references of one bucket to no id of the same bucket."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not refs:
        return []
    wanted = pa.concat_tables(refs)
    known = pa.concat_tables(ids).column("id") if ids else pa.array([], pa.string())
    missing = wanted.filter(pc.invert(pc.is_in(wanted.column("target"), value_set=known)))
    return sorted(zip(*(missing.column(c).to_pylist() for c in ("file", "line", "path",
                                                                 "target")), strict=True))


def _shuffled(client: Any, files: list[str], columns: Sequence[str], by: str, buckets: int,
              where: tuple[str, str] | None = None) -> list[list[Any]]:
    """Futures of each bucket's pieces, one per file: the rows move to their bucket's reducer,
    never to this machine."""
    import operator

    mapped = client.map(_scatter, files, columns=columns, by=by, buckets=buckets, where=where,
                        pure=False)
    return [[client.submit(operator.getitem, m, b) for m in mapped] for b in range(buckets)]


def whole_casebook_findings(dataset: str | Path, client: Any) -> list[Finding]:
    """Duplicate ids and references to nothing, found on the cluster: the ids (and references)
    are shuffled to ``buckets`` reducers by the hash of the id; each reducer groups its ids, or
    joins its references with its ids; only the problems come back. A row copied into several
    partitions has one place (file and line), and is counted once."""
    root = Path(dataset)
    buckets = max(1, len(client.scheduler_info().get("workers", {})))
    found: list[Finding] = []
    for table, kind in (("claims", "claim"), ("sources", "source"), ("excerpts", "excerpt"),
                        ("stakeholders", "stakeholder"), ("properties", "property")):
        files = _pieces(root, table)
        if not files:
            continue
        reduced = [client.submit(_repeated, *pieces, pure=False)
                   for pieces in _shuffled(client, files, ["id", "file", "line"], "id", buckets)]
        places: dict[str, list[tuple[str, int]]] = {}
        for item_id, file, line in sorted(p for r in client.gather(reduced) for p in r):
            places.setdefault(item_id, []).append((file, line))
        for item_id, where in places.items():
            for file, line in where:
                found.append(Finding(Severity.ERROR, "duplicate-id",
                                     f"{kind} id {item_id!r} is used {len(where)} times",
                                     file, "id", line or None))
    references = _pieces(root, "references")
    for kind, table in (("claim", "claims"), ("source", "sources")) if references else ():
        ids = _shuffled(client, _pieces(root, table), ["id"], "id", buckets)
        refs = _shuffled(client, references, ["kind", "target", "file", "line", "path"],
                         "target", buckets, where=("kind", kind))
        reduced = [client.submit(_dangling, i, r, pure=False)
                   for i, r in zip(ids, refs, strict=True)]
        for file, line, path, target in sorted(p for r in client.gather(reduced) for p in r):
            message = (f"claim {target!r} does not exist" if kind == "claim"
                       else f"via {target!r} is not a source")
            found.append(Finding(Severity.ERROR, f"unknown-{kind}", message, file, path,
                                 line or None))
    return grouped(found)


def cross_group_findings(dataset: str | Path, client: Any,
                         partitions: int | None = None) -> list[Finding]:
    """Undeclared conflicts, found on the cluster (``factcheck._crossgroup``): each partition's
    claims with a fact are shuffled to ``buckets`` reducers by the hash of their (subject,
    property), with the relations between them; each reducer checks its claims as one machine
    does. Only the findings come back."""
    import operator

    from ._crossgroup import conflict_findings, scatter_facts

    if partitions is None:
        partitions = dataset_settings(dataset)[1]
    buckets = max(1, len(client.scheduler_info().get("workers", {})))
    mapped = client.map(scatter_facts, [str(dataset)] * partitions, range(partitions),
                        buckets=buckets, pure=False)
    reduced = [client.submit(conflict_findings, str(dataset),
                             *[client.submit(operator.getitem, m, b) for m in mapped],
                             pure=False) for b in range(buckets)]
    return grouped(f for found in client.gather(reduced) for f in found)


def _latest_of(file: str) -> float | None:
    """The latest instant a revision of the file was certainly public, as a POSIX time."""
    import pyarrow.parquet as pq

    table = pq.read_table(file, columns=["published", "zone"])
    published = [parse_time(p, z) for p, z in zip(
        table.column("published").to_pylist(), table.column("zone").to_pylist(), strict=True)
        if isinstance(p, str)]
    times = [w.known_from.timestamp() for w in published if ever_public(w)]
    return max(times) if times else None


def latest_publication(dataset: str | Path, client: Any) -> Any:
    """When the casebook's last revision was certainly public (``None`` without revisions):
    each file of revisions parsed on a worker, only the maxima brought back."""
    import pendulum

    found = [t for t in client.gather(client.map(_latest_of, _pieces(dataset, "revisions"),
                                                 pure=False)) if t is not None]
    return pendulum.from_timestamp(max(found), tz="UTC") if found else None


def _partition_task(part: int, dataset: str, out: str, instants: Sequence[Any],
                    timelines: bool, latest: Any) -> tuple[int, bool]:
    """Resolve one partition on a worker and write its results; returns (part, loaded)."""
    import pyarrow.parquet as pq

    result = resolve_partition(dataset, part, instants, timelines=timelines, latest=latest)
    name = f"part-{part:05d}.parquet"
    for key, folder in (("statuses", "statuses"), ("steps", "steps"), ("findings", "findings")):
        table = result[key]
        if table is not None:
            (Path(out) / folder).mkdir(parents=True, exist_ok=True)
            pq.write_table(table, Path(out) / folder / name)
    return part, bool(result["loaded"])


def resolve(dataset: str | Path, as_of: object | Sequence[object], *, out: str | Path,
            tz: str | None = None, timelines: bool = False, client: Any = None,
            workers: int | None = None, scheduler: str | None = None) -> Any:
    """Every claim's status at ``as_of`` (one or several instants), as a Dask DataFrame read
    from the Parquet files written in ``out``; every timeline step too with ``timelines``.

    Runs on ``client`` when given, else on the scheduler at ``scheduler``, else on a local
    cluster of ``workers`` processes. Raises :class:`LoadError` with every problem when the
    casebook has errors (duplicate ids, references to nothing, or a partition that cannot be
    loaded): then no statuses are written, and ``out/findings/`` holds the findings.
    """
    settings, partitions = dataset_settings(dataset)
    wanted = [as_of] if isinstance(as_of, (str, bytes)) or not isinstance(
        as_of, Sequence) else list(as_of)
    instants = [parse_as_of(a, tz, settings.zone) for a in wanted]
    target = Path(out)
    for folder in ("statuses", "steps", "findings"):
        shutil.rmtree(target / folder, ignore_errors=True)
    if client is None:
        with cluster(workers, scheduler) as made:
            return resolve(dataset, wanted, out=out, tz=tz, timelines=timelines, client=made)
    whole = whole_casebook_findings(dataset, client)
    if any(f.severity is Severity.ERROR for f in whole):
        _write_findings(target, whole)
        raise LoadError(whole)
    known, latest = recorded_latest(dataset)
    if not known:  # a dataset exported before the export recorded it
        latest = latest_publication(dataset, client)
    futures = client.map(_partition_task, range(partitions), dataset=str(dataset),
                         out=str(target), instants=instants, timelines=timelines,
                         latest=latest, pure=False)
    failed = [part for part, loaded in client.gather(futures) if not loaded]
    _write_findings(target, whole)
    if failed:
        import pyarrow.dataset as ds  # type: ignore[import-untyped]

        rows = ds.dataset(target / "findings", format="parquet").to_table().to_pylist()
        shutil.rmtree(target / "statuses", ignore_errors=True)
        shutil.rmtree(target / "steps", ignore_errors=True)
        raise LoadError(grouped(Finding(Severity(r["severity"]), r["code"], r["message"],
                                        r["file"], r["path"], r["line"])
                                for r in rows if r["severity"] == "error"))
    _write_findings(target, cross_group_findings(dataset, client, partitions), "conflicts")
    return parquet_frame(target / "statuses")


def _pandas(file: str) -> Any:
    import pyarrow.parquet as pq

    return pq.read_table(file).to_pandas()


def parquet_frame(folder: str | Path) -> Any:
    """The Parquet files of ``folder`` as a Dask DataFrame, one partition per file, each read by
    pyarrow where it is computed."""
    import pyarrow.parquet as pq

    files = sorted(str(p) for p in Path(folder).glob("*.parquet"))
    if not files:
        raise FileNotFoundError(f"no Parquet files in {folder}")
    meta = pq.read_schema(files[0]).empty_table().to_pandas()
    return _dd().from_map(_pandas, files, meta=meta, enforce_metadata=False)


def _write_findings(target: Path, findings: Sequence[Finding],
                    name: str = "whole-casebook") -> None:
    import pyarrow.parquet as pq

    (target / "findings").mkdir(parents=True, exist_ok=True)
    pq.write_table(findings_table(findings), target / "findings" / f"{name}.parquet")
