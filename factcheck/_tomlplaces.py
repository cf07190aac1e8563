"""Where each key path of a TOML text sits, by line and column, so that an error can name the line.

``tomllib`` gives values without positions. This scanner walks a text that ``tomllib`` has already
read without error and records the line and column of every key and array item under the key path
the loader uses in its messages (``claims[3].expect[0].status``), so that editors can jump there.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from ._findings import Finding

__all__ = ["TomlPlaces", "path_segments", "with_lines"]

Segment = str | int
_PATH_PART = re.compile(r"\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\[\"((?:[^\"\\]|\\.)*)\"\]|([^.\[\]]+)")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = re.compile(r"[,\]}\n#]")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def path_segments(path: str) -> tuple[Segment, ...]:
    """``claims[3].stances['x']`` as ``("claims", 3, "stances", "x")``."""
    segments: list[Segment] = []
    for match in _PATH_PART.finditer(path):
        index, single, double, bare = match.groups()
        if index is not None:
            segments.append(int(index))
        else:
            segments.append(_ESCAPE.sub(r"\1", single if single is not None else
                                        double if double is not None else bare))
    return tuple(segments)


class TomlPlaces:
    """The places of one TOML text's keys: ``find("claims[3].valid")`` gives (line, column)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._found: dict[tuple[Segment, ...], int] = {}
        self._tables: dict[tuple[Segment, ...], int] = {}
        self._i = 0
        # A text the scanner cannot follow to its end: the places found so far serve.
        with contextlib.suppress(IndexError, RecursionError, ValueError):
            self._document()

    def find(self, path: str | Iterable[Segment]) -> tuple[int, int] | None:
        """(line, column), both from 1, of ``path`` or of its nearest ancestor that is placed."""
        segments = path_segments(path) if isinstance(path, str) else tuple(path)
        while segments:
            offset = self._found.get(segments)
            if offset is not None:
                line = bisect.bisect_right(self._line_starts, offset)
                return line, offset - self._line_starts[line - 1] + 1
            segments = segments[:-1]
        return None

    # -- scanning -------------------------------------------------------------------------------

    def _record(self, path: tuple[Segment, ...], offset: int) -> None:
        self._found.setdefault(path, offset)

    def _skip(self, newlines: bool) -> None:
        text, n = self._text, len(self._text)
        while self._i < n:
            c = text[self._i]
            if c in " \t\r" or (newlines and c == "\n"):
                self._i += 1
            elif c == "#":
                end = text.find("\n", self._i)
                self._i = n if end < 0 else end
            else:
                return

    def _document(self) -> None:
        text, n = self._text, len(self._text)
        table: tuple[Segment, ...] = ()
        while True:
            self._skip(newlines=True)
            if self._i >= n:
                return
            start = self._i
            if text[self._i] == "[":
                many = text.startswith("[[", self._i)
                self._i += 2 if many else 1
                keys = self._keys()
                self._i += 2 if many else 1
                table = self._header(keys, many)
                self._record(table, start)
                continue
            keys = self._keys()
            self._i += 1  # "="
            self._record_keys(table, keys, start)
            self._value(table + keys)

    def _header(self, keys: tuple[str, ...], many: bool) -> tuple[Segment, ...]:
        path: tuple[Segment, ...] = ()
        for position, key in enumerate(keys):
            path = (*path, key)
            if many and position == len(keys) - 1:
                self._tables[path] = self._tables.get(path, 0) + 1
            if path in self._tables:
                path = (*path, self._tables[path] - 1)
        return path

    def _record_keys(self, base: tuple[Segment, ...], keys: tuple[str, ...], offset: int) -> None:
        for end in range(1, len(keys) + 1):
            self._record(base + keys[:end], offset)

    def _keys(self) -> tuple[str, ...]:
        keys: list[str] = []
        while True:
            self._skip(newlines=False)
            c = self._text[self._i]
            if c in "\"'":
                keys.append(self._string())
            else:
                match = _BARE.match(self._text, self._i)
                if match is None:
                    raise ValueError("not a key")
                keys.append(match.group())
                self._i = match.end()
            self._skip(newlines=False)
            if self._text[self._i] != ".":
                return tuple(keys)
            self._i += 1

    def _value(self, path: tuple[Segment, ...]) -> None:
        self._skip(newlines=False)
        c = self._text[self._i]
        if c == "[":
            self._i += 1
            index = 0
            while True:
                self._skip(newlines=True)
                if self._text[self._i] == "]":
                    self._i += 1
                    return
                self._record((*path, index), self._i)
                self._value((*path, index))
                self._skip(newlines=True)
                if self._text[self._i] == ",":
                    self._i += 1
                index += 1
        elif c == "{":
            self._i += 1
            while True:
                self._skip(newlines=True)
                if self._text[self._i] == "}":
                    self._i += 1
                    return
                start = self._i
                keys = self._keys()
                self._i += 1  # "="
                self._record_keys(path, keys, start)
                self._value(path + keys)
                self._skip(newlines=True)
                if self._text[self._i] == ",":
                    self._i += 1
        elif c in "\"'":
            self._string()
        else:
            match = _SCALAR_END.search(self._text, self._i)
            self._i = len(self._text) if match is None else match.start()

    def _string(self) -> str:
        text, i = self._text, self._i
        quote = text[i]
        if text.startswith(quote * 3, i):
            end = text.find(quote * 3, i + 3)
            if end < 0:
                raise ValueError("unterminated string")
            while quote == '"' and _escaped(text, end):
                end = text.find(quote * 3, end + 1)
            while text.startswith(quote, end + 3):  # up to two quotes may end the content
                end += 1
            self._i = end + 3
            return text[i + 3:end]
        end = i + 1
        while True:
            end = text.index(quote, end)
            if quote == "'" or not _escaped(text, end):
                break
            end += 1
        self._i = end + 1
        raw = text[i + 1:end]
        return _ESCAPE.sub(r"\1", raw) if quote == '"' else raw


def _escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` is escaped by an odd run of backslashes before it."""
    count = 0
    while at - count - 1 >= 0 and text[at - count - 1] == "\\":
        count += 1
    return count % 2 == 1


_JSONL_LINE = re.compile(r"^(?P<file>.+\.jsonl):(?P<line>\d+)$", re.DOTALL)
_TOML_AT = re.compile(r"\(at line (?P<line>\d+), column (?P<column>\d+)\)")


def with_lines(findings: Iterable[Finding], root: str | Path | None) -> list[Finding]:
    """``findings`` with the line (and column) of each place filled in where it can be found:
    a JSON Lines record's line (``claims/bulk.jsonl:17``), the line of a TOML file's key path,
    or the place a TOML parser error names. Files are read from the casebook folder ``root``."""
    texts: dict[str, TomlPlaces | None] = {}

    def toml(file: str) -> TomlPlaces | None:
        if file not in texts:
            texts[file] = None
            if root is not None:
                with contextlib.suppress(OSError, UnicodeDecodeError):
                    texts[file] = TomlPlaces((Path(root) / file).read_text("utf-8-sig"))
        return texts[file]

    placed = []
    for finding in findings:
        file = finding.file
        if finding.lineno is None and file is not None:
            bulk = _JSONL_LINE.match(file)
            at = _TOML_AT.search(finding.message) if finding.code == "broken-toml" else None
            if bulk is not None:
                finding = attrs.evolve(finding, file=bulk["file"], lineno=int(bulk["line"]))
            elif at is not None:
                finding = attrs.evolve(finding, lineno=int(at["line"]), colno=int(at["column"]))
            elif file.endswith(".toml") and finding.path:
                places = toml(file)
                found = places.find(finding.path) if places is not None else None
                if found is not None:
                    finding = attrs.evolve(finding, lineno=found[0], colno=found[1])
        placed.append(finding)
    return placed
