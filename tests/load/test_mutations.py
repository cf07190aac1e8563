"""Random mutations of a valid casebook: the loader answers with a casebook or its own error.

Whatever a user does to the files (a key deleted, a value of the wrong type, an unknown key, a
table where a string belongs, a time without a zone), `factcheck.load` either returns a casebook
whose findings can be computed, or raises `LoadError` naming what is wrong. Never a `TypeError`,
`KeyError` or a traceback from deep inside a library.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck import LoadError

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
FILES = sorted(p.relative_to(MINI).as_posix() for p in MINI.rglob("*.toml"))

#: Values of every TOML type, including the awkward ones: naive and aware datetimes, local times.
values = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "2023-11-19", "2023-11-19 Mars/Olympus", "2023-11-19T25:00 UTC",
                     "refuted", "asserts", "event", "sam-altman", "no-such-claim", "-08:00"]),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30),
                 timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=9))])),
    st.dates(),
    st.times(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(min_size=1, max_size=5), st.text(max_size=5), max_size=2),
    st.just([{}]),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a parsed TOML document."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """One file of the mini casebook, changed in one place."""
    name = draw(st.sampled_from(FILES))
    doc = tomllib.loads((MINI / name).read_text(encoding="utf-8"))
    path = draw(st.sampled_from(_paths(doc)))
    parent = _parent(doc, path)
    key = path[-1]
    action = draw(st.sampled_from(["replace", "delete", "add-key", "duplicate"]))
    if action == "replace":
        parent[key] = draw(values)
    elif action == "delete":
        del parent[key]
    elif action == "add-key" and isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=8))] = draw(values)
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(parent[key])
    else:
        parent[key] = draw(values)
    return name, doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(change=mutations())
def test_a_mutated_casebook_loads_or_raises_load_error(change):
    """A casebook changed anywhere loads, or fails with the library's error naming a file."""
    name, doc = change
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "book"
        shutil.copytree(MINI, root)
        (root / name).write_text(tomli_w.dumps(doc), encoding="utf-8")
        try:
            casebook = factcheck.load(root)
        except LoadError as exc:
            assert exc.findings or exc.unreadable
            assert all(f.file for f in exc.findings), [f.line() for f in exc.findings]
            return
        # Loaded: every query the CLI makes must work too.
        casebook.findings()
        casebook.statuses("2023-11-30", tz="Asia/Seoul")
