"""Tables for people and tools: every claim's status as of a time, and every step of every
timeline, as columns for CSV, Parquet and pandas.

One function builds each table's columns (:func:`status_columns`, :func:`step_columns`); CSV,
Parquet and pandas all read those, so the three always agree. The statuses table starts from the
engine's columnar answer (``Casebook.status_columns``), and adds the columns that need each claim's
resolution (the explanation...) only when asked for details. pandas and pyarrow are optional
(``pip install 'factcheck-casebook[tables]'``); CSV needs neither.
"""

from __future__ import annotations

import csv
import importlib
import io
from typing import TYPE_CHECKING, Any

import pendulum

from ._asof import parse_as_of
from ._model import Casebook
from ._resolution import Resolution
from ._when import zone_of

if TYPE_CHECKING:
    import pandas

__all__ = [
    "BRIEF_COLUMNS",
    "STATUS_COLUMNS",
    "STEP_COLUMNS",
    "csv_text",
    "parquet_bytes",
    "status_columns",
    "statuses_frame",
    "step_columns",
    "steps_frame",
]

#: The columns of the statuses table, in order; times are aware, in the zone asked for. The first
#: seven come from the engine's columnar answer; the rest, the details, from each resolution.
STATUS_COLUMNS = ("claim", "kind", "status", "as_of", "since", "strength", "origins",
                  "refutation", "origin_names", "may_have_changed", "explanation")
BRIEF_COLUMNS = STATUS_COLUMNS[:7]
#: The columns of the steps table: one row per step of each claim's timeline.
STEP_COLUMNS = ("claim", "kind", "step", "since", "until", "status", "strength", "refutation",
                "origins", "explanation")

Columns = dict[str, list[Any]]


def _shown(instant: pendulum.DateTime | None, zone: str | None) -> pendulum.DateTime | None:
    if instant is None:
        return None
    return instant.in_timezone(zone_of(zone)) if zone else instant


def _common(r: Resolution) -> dict[str, Any]:
    return {"status": r.status.value, "strength": r.support.label,
            "refutation": r.refutation.label, "origins": len(r.origins)}


def _engine_columns(answer: Any) -> dict[str, list[Any]]:
    """The engine's columnar answer (an Arrow table, or a dict of NumPy arrays) as lists, with
    ``since`` as aware UTC instants or None."""
    if hasattr(answer, "to_pydict"):
        data: dict[str, list[Any]] = answer.to_pydict()
        data["since"] = [None if v is None else pendulum.instance(v) for v in data["since"]]
        return data
    since = answer["since"]
    return {
        "claim": [str(c) for c in answer["claim"]],
        "status": [str(s) for s in answer["status"]],
        "since": [None if v != v else _from_micros(int(v.astype("datetime64[us]").astype("int64")))
                  for v in since],
        "strength": [str(s) for s in answer["strength"]],
        "origins": [int(n) for n in answer["origins"]],
    }


def _from_micros(us: int) -> pendulum.DateTime:
    seconds, micros = divmod(us, 1_000_000)
    return pendulum.from_timestamp(seconds, tz="UTC").add(microseconds=micros)


def status_columns(casebook: Casebook, as_of: object, tz: str | None = None, *,
                   details: bool = True) -> Columns:
    """Every claim's status as of ``as_of``, by claim id: a dict of equally long columns.

    The engine answers the first columns for every claim at once; ``details`` adds the
    refutation, the origins' names, whether it may have changed and the explanation, which take
    each claim's full resolution.
    """
    instant = parse_as_of(as_of, tz, casebook.zone)
    zone = tz or casebook.zone
    engine = _engine_columns(casebook.status_columns(instant, zone))
    ids = engine["claim"]
    columns: Columns = {
        "claim": ids,
        "kind": [casebook.claim_by_id[c].kind.value for c in ids],
        "status": engine["status"],
        "as_of": [_shown(instant, zone)] * len(ids),
        "since": [_shown(v, zone) for v in engine["since"]],
        "strength": engine["strength"],
        "origins": engine["origins"],
    }
    if not details:
        return columns
    statuses = casebook.statuses(instant, zone)
    resolutions = [statuses[c] for c in ids]
    columns["refutation"] = [r.refutation.label for r in resolutions]
    columns["origin_names"] = ["; ".join(r.origins) for r in resolutions]
    columns["may_have_changed"] = [r.may_have_changed for r in resolutions]
    columns["explanation"] = [r.explain(zone) for r in resolutions]
    return columns


def step_columns(casebook: Casebook, tz: str | None = None,
                 as_of: object | None = None) -> Columns:
    """Every step of every claim's timeline (up to ``as_of`` when given), by claim id then time:
    from ``since`` (empty for the first) to ``until`` (empty for the last)."""
    zone = tz or casebook.zone
    end = parse_as_of(as_of, tz, casebook.zone) if as_of is not None else None
    columns: Columns = {name: [] for name in STEP_COLUMNS}
    for claim_id in sorted(casebook.claim_by_id):
        steps = [s for s in casebook.timeline(claim_id, zone).steps
                 if end is None or s.since is None or s.since <= end]
        kind = casebook.claim_by_id[claim_id].kind.value
        for i, step in enumerate(steps):
            until = steps[i + 1].since if i + 1 < len(steps) else None
            row = {"claim": claim_id, "kind": kind, "step": i, "since": _shown(step.since, zone),
                   "until": _shown(until, zone), "explanation": step.resolution.explain(zone),
                   **_common(step.resolution)}
            for name in STEP_COLUMNS:
                columns[name].append(row[name])
    return columns


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, pendulum.DateTime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_text(columns: Columns) -> str:
    """The table as CSV (RFC 4180, a header row, times as ISO 8601 with offset, empty for none)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = list(columns)
    writer.writerow(names)
    for i in range(len(columns[names[0]]) if names else 0):
        writer.writerow([_cell(columns[n][i]) for n in names])
    return out.getvalue()


def _needs(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"this needs {module}: pip install 'factcheck-casebook[tables]'"
                          ) from None


def _arrow_table(columns: Columns, zone: str | None) -> Any:
    pa = _needs("pyarrow")
    fields, arrays = [], []
    for name, values in columns.items():
        if name in ("as_of", "since", "until"):
            # Parquet keeps instants in UTC with the zone as metadata; shown in `zone` again.
            kind = pa.timestamp("us", tz=zone or "UTC")
            arrays.append(pa.array([v.in_timezone("UTC") if v is not None else None
                                    for v in values], type=kind))
        elif name in ("origins", "step"):
            kind = pa.int64()
            arrays.append(pa.array(values, type=kind))
        elif name == "may_have_changed":
            kind = pa.bool_()
            arrays.append(pa.array(values, type=kind))
        else:
            kind = pa.string()
            arrays.append(pa.array(values, type=kind))
        fields.append(pa.field(name, kind))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def parquet_bytes(columns: Columns, zone: str | None) -> bytes:
    """The table as a Parquet file (needs pyarrow)."""
    pq = _needs("pyarrow.parquet")
    sink = io.BytesIO()
    pq.write_table(_arrow_table(columns, zone), sink)
    return sink.getvalue()


def _frame(columns: Columns, zone: str | None) -> pandas.DataFrame:
    pd = _needs("pandas")
    data: dict[str, Any] = {}
    for name, values in columns.items():
        if name in ("as_of", "since", "until"):
            data[name] = pd.Series(
                [pd.Timestamp(v.in_timezone("UTC")) if v is not None else pd.NaT
                 for v in values], dtype="datetime64[ns, UTC]").dt.tz_convert(zone or "UTC")
        else:
            data[name] = values
    frame: pandas.DataFrame = pd.DataFrame(data, columns=list(columns))
    return frame


def statuses_frame(casebook: Casebook, as_of: object, tz: str | None = None, *,
                   details: bool = True) -> pandas.DataFrame:
    """Every claim's status as of ``as_of`` as a pandas DataFrame (needs pandas): the columns of
    :data:`STATUS_COLUMNS`, times as timestamps in ``tz`` (default: the casebook's zone).

    ``details=False`` keeps the columns the engine answers for every claim at once
    (:data:`BRIEF_COLUMNS`), much faster for a large casebook."""
    return _frame(status_columns(casebook, as_of, tz, details=details), tz or casebook.zone)


def steps_frame(casebook: Casebook, tz: str | None = None,
                as_of: object | None = None) -> pandas.DataFrame:
    """Every timeline step as a pandas DataFrame (needs pandas): :data:`STEP_COLUMNS`."""
    return _frame(step_columns(casebook, tz, as_of), tz or casebook.zone)
