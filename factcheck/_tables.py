"""Tables: every claim's status as of a time, and every step of every timeline, as columns.

One function builds each table's columns (:func:`status_columns`, :func:`step_columns`); CSV,
Parquet and pandas all read those, so the three always agree. pandas and pyarrow are optional
(``pip install 'factcheck-casebook[tables]'``); CSV needs neither.
"""

from __future__ import annotations

import csv
import importlib
import io
from typing import TYPE_CHECKING, Any

import pendulum

from ._model import Casebook
from ._resolution import Resolution
from ._when import parse_as_of, zone_of

if TYPE_CHECKING:
    import pandas

__all__ = [
    "STATUS_COLUMNS",
    "STEP_COLUMNS",
    "csv_text",
    "parquet_bytes",
    "status_columns",
    "statuses_frame",
    "step_columns",
    "steps_frame",
]

#: The columns of the statuses table, in order; times are aware, in the zone asked for.
STATUS_COLUMNS = ("claim", "kind", "status", "as_of", "since", "strength", "refutation",
                  "origins", "origin_names", "may_have_changed", "explanation")
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


def status_columns(casebook: Casebook, as_of: object, tz: str | None = None) -> Columns:
    """Every claim's status as of ``as_of``, by claim id: a dict of equally long columns."""
    instant = parse_as_of(as_of, tz, casebook.zone)
    zone = tz or casebook.zone
    columns: Columns = {name: [] for name in STATUS_COLUMNS}
    statuses = casebook.statuses(instant, zone)
    for claim_id in sorted(statuses):
        r = statuses[claim_id]
        row = {"claim": claim_id, "kind": casebook.claim_by_id[claim_id].kind.value,
               "as_of": _shown(instant, zone), "since": _shown(r.since, zone),
               "origin_names": "; ".join(r.origins), "may_have_changed": r.may_have_changed,
               "explanation": r.explain(zone), **_common(r)}
        for name in STATUS_COLUMNS:
            columns[name].append(row[name])
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


def statuses_frame(casebook: Casebook, as_of: object, tz: str | None = None) -> pandas.DataFrame:
    """Every claim's status as of ``as_of`` as a pandas DataFrame (needs pandas): the columns of
    :data:`STATUS_COLUMNS`, times as timestamps in ``tz`` (default: the casebook's zone)."""
    return _frame(status_columns(casebook, as_of, tz), tz or casebook.zone)


def steps_frame(casebook: Casebook, tz: str | None = None,
                as_of: object | None = None) -> pandas.DataFrame:
    """Every timeline step as a pandas DataFrame (needs pandas): :data:`STEP_COLUMNS`."""
    return _frame(step_columns(casebook, tz, as_of), tz or casebook.zone)
