"""The JSON report against its documented schema (docs/report-json.md): every key, both ways."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import factcheck
from factcheck._report import SCHEMA_VERSION

DOC = Path(__file__).parents[2] / "docs" / "report-json.md"


def _documented() -> dict[str, set[str]]:
    """Object path (``$``, ``claims[]``, ``changes[].causes[]``) → its documented keys."""
    tables: dict[str, set[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.fullmatch(r"### `([^`]+)`", line)
        if heading:
            current = heading.group(1)
            tables[current] = set()
            continue
        row = re.match(r"\| `([a-z_]+)` \|", line)
        if row and current is not None:
            tables[current].add(row.group(1))
    return tables


def _objects(data: Any, path: str = "$") -> list[tuple[str, dict[str, Any]]]:
    """Every object in ``data`` with its path; maps keyed by status or severity are left out."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(data, dict):
        found.append((path, data))
        for key, value in data.items():
            if key in ("by_status", "findings", "tally") and isinstance(value, dict):
                continue
            child = key if path == "$" else f"{path}.{key}"
            found += _objects(value, child)
    elif isinstance(data, list):
        for item in data:
            found += _objects(item, f"{path}[]")
    return found


@pytest.fixture(scope="module", params=["mini", "hostile"])
def data(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The JSON report of the mini and the hostile casebooks, parsed."""
    casebook: factcheck.Casebook = request.getfixturevalue(request.param)
    return dict(json.loads(factcheck.render_report(casebook, "2023-11-22", since="2023-11-20",
                                                   fmt="json")))


class TestSchema:
    def test_version(self, data: dict[str, Any]) -> None:
        """The output names the schema and the version the docs describe."""
        assert "factcheck-report" == data["schema"]
        assert SCHEMA_VERSION == data["schema_version"] == 1
        assert "now **1**" in DOC.read_text(encoding="utf-8")

    def test_every_key_documented(self, data: dict[str, Any]) -> None:
        """Every object in the output has exactly the keys its table documents."""
        documented = _documented()
        seen = set()
        for path, obj in _objects(data):
            path = re.sub(r"^opinions\[\]", "claims[]", path)
            assert path in documented, f"{path} is not documented"
            assert documented[path] == set(obj), path
            seen.add(path)
        assert {"$", "summary", "claims[]", "claims[].excerpts[]", "changes[]",
                "changes[].causes[]", "relations[]",
                "sources[]", "sources[].asserted[]", "picture", "picture.rows[]",
                "picture.rows[].bands[]"} <= seen

    def test_every_table_is_an_object(self) -> None:
        """Every documented table names a path the output can have."""
        paths = set(_documented())
        assert "$" in paths and "findings[]" in paths and "predictions[]" in paths
        assert all(re.fullmatch(r"\$|[a-z_]+(\[\])?(\.[a-z_]+(\[\])?)*", p) for p in paths)

    def test_maps(self, data: dict[str, Any]) -> None:
        """Counts by status and severity list every status and severity."""
        assert [s.value for s in factcheck.Status] == list(data["summary"]["by_status"])
        assert ["error", "warning", "info"] == list(data["summary"]["findings"])
