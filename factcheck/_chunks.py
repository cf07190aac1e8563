"""The records of a casebook's files read a chunk at a time, never the whole casebook at once.

JSON Lines files are split at line feeds (JSON's rule) and each block is decoded by the loader's
own reader, so every record keeps its file and line and every problem is worded as the loader
words it; TOML files, written by hand and small, are read whole and each item made a JSON Lines
record. The partitioned export (:mod:`factcheck._partition`) reads the casebook through this.
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._findings import Finding, error
from ._jsonlines import records

__all__ = ["Lines"]


class Lines:
    """The records of the casebook's files, ``chunk`` at a time, each with file and line; problems
    are kept in ``problems`` (the same words as the loader's)."""

    def __init__(self, root: Path, chunk: int) -> None:
        self.root, self.chunk = root, chunk
        self.problems: list[Finding] = []

    def files(self, folder: str) -> list[Path]:
        where = self.root / folder
        return sorted(p for p in where.iterdir() if p.suffix in (".jsonl", ".toml")
                      and not p.name.startswith(".")) if where.is_dir() else []

    def chunks(self, folder: str) -> Iterator[list[tuple[str, int, dict[str, Any]]]]:
        """Lists of (file, line, record) of at most ``chunk`` records."""
        batch: list[tuple[str, int, dict[str, Any]]] = []
        for path in self.files(folder):
            rel = path.relative_to(self.root).as_posix()
            items = self._toml(path, rel, folder) if path.suffix == ".toml" else self._jsonl(
                path, rel)
            for item in items:
                batch.append(item)
                if len(batch) >= self.chunk:
                    yield batch
                    batch = []
        if batch:
            yield batch

    def _jsonl(self, path: Path, rel: str) -> Iterator[tuple[str, int, dict[str, Any]]]:
        # Lines end at a line feed only (JSON's rule): binary lines are split there and nowhere
        # else; a chunk of them is decoded with the loader's own reader, then renumbered.
        with path.open("rb") as f:
            first, block = 1, []
            for raw in f:
                block.append(raw)
                if len(block) >= self.chunk:
                    yield from self._decode(block, first, rel)
                    first, block = first + len(block), []
            yield from self._decode(block, first, rel)

    def _decode(self, block: list[bytes], first: int, rel: str,
                ) -> Iterator[tuple[str, int, dict[str, Any]]]:
        if not block:
            return
        data = b"".join(block)
        if first == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            self.problems.append(error("unreadable", "cannot read the file: expected UTF-8 text "
                                       f"(lines {first}-{first + len(block) - 1})", rel))
            return
        found: list[Finding] = []
        for number, record in records(text, rel, found):
            yield rel, first + number - 1, record
        for problem in found:
            where, _, line = (problem.file or "").rpartition(":")
            self.problems.append(Finding(problem.severity, problem.code, problem.message,
                                         where, problem.path, first + int(line) - 1))

    def _toml(self, path: Path, rel: str, folder: str,
              ) -> Iterator[tuple[str, int, dict[str, Any]]]:
        # Human-written TOML files are small: read whole, each item made a JSON Lines record.
        try:
            raw = _plain(tomllib.loads(path.read_text("utf-8-sig")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
            self.problems.append(error("broken-toml", f"cannot read the file: {exc}", rel))
            return
        zone = raw.get("zone")
        if folder == "sources":
            yield rel, 0, raw
            return
        for key, kind in (("stakeholders", "stakeholder"), ("properties", "property"),
                          ("claims", "claim"), ("relations", "relation")):
            for item in raw.get(key, []):
                record = {"type": kind, **item}
                if zone is not None:
                    record.setdefault("zone", zone)
                yield rel, 0, record


def _plain(value: Any) -> Any:
    """TOML's own date and time values as the strings the format reads the same way."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    return value
