"""Every claim's status at one instant, as columns: read off the step columns all at once.

No ``Resolution`` is made: each claim's step at the instant is found for every claim in one pass,
and its status, since, strength and origin count are gathered from the step columns. The answer is
an Arrow table (pandas, Polars, DuckDB take its buffers without copying) when pyarrow is installed
(``pip install 'factcheck-casebook[arrow]'``), else a dict of NumPy arrays.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from ._outcome import Status, Strength

__all__ = ["COLUMNS", "status_columns"]

#: The columns, in order.
COLUMNS: Final = ("claim", "status", "since", "strength", "origins")
_STATUS_LABELS: Final = [s.value for s in Status]
_STRENGTH_LABELS: Final = [s.label for s in Strength]


def status_columns(resolver: Any, us: int) -> Any:
    """Every claim of ``resolver`` at ``us`` (microseconds since the epoch), by claim id."""
    columns = resolver.columns
    offsets = resolver.step_offsets
    n = len(columns.ids)
    if n:
        # Steps are in claim and time order and every claim opens with one: the steps at or before
        # ``us`` counted per claim give each claim's step.
        counted = np.add.reduceat((resolver.step_time <= us).astype(np.int32), offsets[:-1])
        step = offsets[:-1] + counted - 1
    else:
        step = np.empty(0, np.int64)
    status = resolver.step_status[step]
    strength = resolver.step_support[step]
    origins = resolver.step_origins[step]
    since_revision = resolver.step_since[step]
    never = since_revision < 0
    since = columns.revision_known[np.maximum(since_revision, 0)] if len(
        columns.revision_known) else np.zeros(n, np.int64)
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
    except ImportError:
        return {
            "claim": np.array(columns.ids, dtype=object),
            "status": np.array(_STATUS_LABELS, dtype=object)[status],
            "since": np.where(never, np.datetime64("NaT", "us"), since.astype("datetime64[us]")),
            "strength": np.array(_STRENGTH_LABELS, dtype=object)[strength],
            "origins": origins,
        }
    return pa.table({
        "claim": _claim_array(resolver, pa),
        "status": pa.DictionaryArray.from_arrays(pa.array(status, pa.int8()),
                                                 pa.array(_STATUS_LABELS, pa.string())),
        "since": pa.array(since, pa.timestamp("us", tz="UTC"), mask=never),
        "strength": pa.DictionaryArray.from_arrays(pa.array(strength, pa.int8()),
                                                   pa.array(_STRENGTH_LABELS, pa.string())),
        "origins": pa.array(origins, pa.int32()),
    })


def _claim_array(resolver: Any, pa: Any) -> Any:
    """The claim ids as an Arrow array, made once per resolver."""
    made = getattr(resolver, "_claim_ids_arrow", None)
    if made is None:
        made = pa.array(resolver.columns.ids, pa.string())
        resolver._claim_ids_arrow = made
    return made
