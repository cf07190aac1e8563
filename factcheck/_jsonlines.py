"""Reading JSON Lines as JSON defines it: one value per line, lines ended by a line feed only.

``str.splitlines`` also breaks at U+2028, U+2029, U+0085 and other characters that JSON allows raw
inside a string, which rejected valid files and named the wrong line. Beyond ``json.loads``, a
record is refused when it repeats a key (the last value would silently win), holds a lone
surrogate (it cannot be written back as UTF-8), or uses ``NaN``/``Infinity`` (not JSON).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ._findings import Finding, error
from ._limits import MAX_DEPTH, MAX_INT, MIN_INT, TOO_DEEP, beyond_limits, too_large

__all__ = ["JSON_WHITESPACE", "byte_lines", "lines", "read_line", "records"]

#: What JSON counts as whitespace between values (RFC 8259): nothing else may pad a line.
JSON_WHITESPACE = " \t\r"

# Cheap signs that a decoded line needs the full walk over its values (a surrogate escape, or
# enough brackets to nest too deep); most lines show neither. Whole numbers are checked as the
# decoder meets them (``_whole``).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))


def _depth(line: str) -> int:
    """How deep the JSON ``line`` nests (strings aside): most lines have too few brackets to
    nest too deep, and the rest are read bracket by bracket with strings taken out."""
    if line.count("[") + line.count("{") <= MAX_DEPTH:
        return 0
    skeleton = _STRING.sub("", line).encode("utf-8", "surrogatepass")
    depth = deepest = 0
    for code in skeleton.translate(None, _NOT_BRACKETS):
        depth += 1 if code in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return record


def _whole(digits: str) -> int:
    # Python refuses literals of over 4,300 digits with a message about its own settings: say
    # what the casebook's limit is instead, without converting what cannot fit.
    if len(digits.lstrip("-")) > 19 or not MIN_INT <= (value := int(digits)) <= MAX_INT:
        raise ValueError(too_large(len(digits.lstrip("-"))))
    return value


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number: write a number, or a string")


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_constant,
                            parse_int=_whole)


def lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of the JSON Lines ``text`` that holds something, with its number (from 1), its
    line end taken off."""
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.removesuffix("\r")
        if line.strip(JSON_WHITESPACE):
            yield number, line


def byte_lines(data: bytes) -> Iterator[tuple[int, int, bytes]]:
    """``lines`` of UTF-8 ``data``, as bytes: each line that holds something, with its number and
    where it starts in ``data``.

    Lines are cut one at a time (a bulk file's lines are never all held at once as objects); a
    line feed is one byte in UTF-8 and never part of another character, so the lines are those
    of the decoded text.
    """
    find, start, number = data.find, 0, 0
    while True:
        number += 1
        end = find(b"\n", start)
        line = (data[start:] if end < 0 else data[start:end]).removesuffix(b"\r")
        if line.strip(_WHITESPACE_BYTES):
            yield number, start, line
        if end < 0:
            return
        start = end + 1


_WHITESPACE_BYTES = JSON_WHITESPACE.encode("ascii")


def records(text: str, rel: str, problems: list[Finding]) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each record of the JSON Lines ``text`` of file ``rel``, with its line number (from 1).

    Problems are appended to ``problems``, each naming ``rel:line`` (and the column, or the key
    path, where known); a line with a problem yields nothing.
    """
    for number, line in lines(text):
        record = read_line(line, f"{rel}:{number}", problems)
        if record is not None:
            yield number, record


def read_line(line: str, where: str, problems: list[Finding]) -> dict[str, Any] | None:
    """The record on one (non-blank) ``line`` of JSON Lines, at ``where`` (``file:line``);
    ``None``, with its problems appended to ``problems``, when the line is not a usable record."""
    try:
        record = _DECODER.decode(line)
    except _RepeatedKey as exc:
        problems.append(error(
            "duplicate-key", f"the key {json.dumps(exc.key, ensure_ascii=False)} is given "
            "twice in one object: the last value would silently win; give each key once",
            where))
        return None
    except json.JSONDecodeError as exc:
        problems.append(error("broken-json", f"not valid JSON: {exc.msg} (column {exc.colno})",
                              where))
        return None
    except RecursionError:
        problems.append(error("too-deep", TOO_DEEP, where))
        return None
    except ValueError as exc:  # NaN, Infinity, or a number of over 4,300 digits
        problems.append(error("invalid-value", f"not a usable JSON value: {exc}", where))
        return None
    if not isinstance(record, dict):
        problems.append(error("invalid-value", "expected a JSON object", where))
        return None
    if (("\\u" in line and _SURROGATE_ESCAPE.search(line))
            or _depth(line) > MAX_DEPTH):
        beyond = beyond_limits(record)
        if beyond:
            problems += [error(code, message, where, path or None)
                         for path, code, message in beyond]
            return None
    return record
