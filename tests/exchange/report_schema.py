"""The JSON Schema of the report, written from the tables of docs/report-json.md.

The schema ships as ``factcheck/schemas/report.schema.json``; a test fails when the docs' tables
and the shipped schema disagree. After changing a table, rewrite the schema with
``python tests/exchange/report_schema.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "report-json.md"
SHIPPED = ROOT / "factcheck" / "schemas" / "report.schema.json"

_SECTION = re.compile(r"^### `([^`]+)`\n(?:(?!###|\| key).*\n)*?\| key \| type \| meaning \|\n"
                      r"\|---\|---\|---\|\n((?:\|.*\|\n)+)", re.MULTILINE)
_ROW = re.compile(r"^\| `([^`]+)` \| ([^|]+?) \| (.*) \|$", re.MULTILINE)
_INSTANT = {"type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$"}
_STATUSES = ["unreported", "reported", "corroborated", "confirmed", "disputed", "refuted",
             "superseded", "retracted", "pending", "fulfilled", "failed", "opinion", "corrected"]
_STRENGTH = {"enum": ["none", "reported", "corroborated", "first-party"]}
_STATUS_KEYS = {"status", "from", "to", "from_status", "to_status"}
#: Sections whose `from` and `to` are claim ids, not statuses.
_CLAIM_ENDS = {"relations[]"}
#: Object-valued keys that are maps, not documented sections.
_MAPS: dict[str, Any] = {
    "summary.by_status": {"type": "object", "propertyNames": {"$ref": "#/$defs/status"},
                          "additionalProperties": {"type": "integer", "minimum": 0}},
    "sources[].tally": {"type": "object", "propertyNames": {"$ref": "#/$defs/status"},
                        "additionalProperties": {"type": "integer", "minimum": 0}},
    "summary.findings": {"type": "object", "required": ["error", "warning", "info"],
                         "additionalProperties": False,
                         "properties": {k: {"type": "integer", "minimum": 0}
                                        for k in ("error", "warning", "info")}},
}
_ALIASES = {"opinions[]": "claims[]"}


def sections(doc: str) -> dict[str, list[tuple[str, str, str]]]:
    """Each documented table: its section name and its rows (key, type, meaning)."""
    return {m[1]: [(k, t.strip(), meaning) for k, t, meaning in _ROW.findall(m[2])]
            for m in _SECTION.finditer(doc)}


def defname(section: str) -> str:
    """The ``$defs`` name of a section: ``$`` is ``root``, ``changes[].causes[]`` is
    ``changes_causes``."""
    return "root" if section == "$" else re.sub(r"[^A-Za-z0-9]+", "_", section).strip("_")


def build(doc: str) -> dict[str, Any]:
    """The report schema from the docs' tables."""
    tables = sections(doc)

    def ref(name: str) -> dict[str, Any]:
        name = _ALIASES.get(name, name)
        if name in tables:
            return {"$ref": "#/$defs/" + defname(name)}
        if name in _MAPS:
            return dict(_MAPS[name])
        raise ValueError(f"docs/report-json.md: no table for {name!r}")

    def typed(section: str, key: str, written: str) -> dict[str, Any]:
        nullable = written.endswith(" or null")
        base = written.removesuffix(" or null")
        name = key if section == "$" else f"{section}.{key}"
        schema: dict[str, Any]
        if base == "string":
            schema = {"type": "string"}
            if key in _STATUS_KEYS and not (section in _CLAIM_ENDS and key in ("from", "to")):
                schema = {"$ref": "#/$defs/status"}
            elif key in ("strength", "refutation", "from_strength", "to_strength"):
                schema = dict(_STRENGTH)
            elif key == "severity":
                schema = {"enum": ["error", "warning", "info"]}
        elif base in ("integer", "boolean", "number"):
            schema = {"type": base}
        elif base == "instant":
            schema = dict(_INSTANT)
        elif base == "time value":
            schema = {"type": "string"}
        elif base == "object":
            schema = ref(name)
        elif base == "array of string":
            schema = {"type": "array", "items": {"type": "string"}}
        elif base == "array of array of string":
            schema = {"type": "array", "items": {"type": "array", "items": {"type": "string"}}}
        elif base == "array of instant":
            schema = {"type": "array", "items": dict(_INSTANT)}
        elif base == "array" or base.startswith("array of "):
            schema = {"type": "array", "items": ref(name + "[]")}
        else:
            raise ValueError(f"docs/report-json.md: unknown type {written!r} of {name}")
        return {"anyOf": [schema, {"type": "null"}]} if nullable else schema

    defs: dict[str, Any] = {}
    for section, rows in tables.items():
        properties = {key: {**typed(section, key, written), "description": meaning}
                      for key, written, meaning in rows}
        defs[defname(section)] = {"type": "object", "required": [k for k, _, _ in rows],
                                  "properties": properties}
    root = defs["root"]["properties"]
    root["schema"] = {"const": "factcheck-report", "description": root["schema"]["description"]}
    root["schema_version"] = {"const": 1, "description": root["schema_version"]["description"]}
    defs["status"] = {"enum": _STATUSES}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://factcheck-casebook.invalid/schemas/report.schema.json",
        "title": "factcheck's JSON report (factcheck report --format json), schema_version 1",
        "description": "Written from docs/report-json.md, whose tables it follows key by key. "
                       "Readers should ignore keys they do not know: new keys may be added without "
                       "a new schema_version.",
        "$ref": "#/$defs/root",
        "$defs": defs,
    }


def text(doc: str) -> str:
    """The schema file's text."""
    return json.dumps(build(doc), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SHIPPED.write_text(text(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {SHIPPED.relative_to(ROOT)}")
