"""Text for a terminal: measured in display columns, wrapped and tabled to the terminal's width.

Korean, Chinese and Japanese characters take two columns, combining marks none: widths come from
``wcwidth`` (which tabulate also uses, once installed, to align its columns), never from ``len``.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Sequence
from typing import TextIO

from tabulate import tabulate
from wcwidth import wcswidth, wcwidth

__all__ = ["DEFAULT_WIDTH", "fit_table", "output_width", "width", "wrap"]

#: The width of text written to a file or a pipe: the same everywhere, whatever the terminal.
DEFAULT_WIDTH = 100
_SPACES = re.compile(r"\s+")


def width(text: str) -> int:
    """``text``'s width in terminal columns (a character wcwidth cannot measure counts as one)."""
    measured = wcswidth(text)
    if measured >= 0:
        return measured
    return sum(max(wcwidth(ch), 1) if ch.isprintable() else 1 for ch in text)


def output_width(stream: TextIO | None = None) -> int:
    """The width to write to ``stream`` (default: stdout): the terminal's when it is one, else
    ``$COLUMNS`` when set, else :data:`DEFAULT_WIDTH`, so a file's bytes do not depend on it."""
    stream = sys.stdout if stream is None else stream
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if stream.isatty():
            return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    except (AttributeError, ValueError, OSError):
        pass
    return DEFAULT_WIDTH


def wrap(text: str, columns: int, indent: str = "", hang: str | None = None) -> list[str]:
    """``text`` in lines of at most ``columns`` display columns: broken at spaces, and inside a
    word only where the word alone is wider than a line (East Asian text, long URLs)."""
    hang = indent if hang is None else hang
    lines: list[str] = []
    line, used = indent, width(indent)
    room = max(columns, width(indent) + 1, width(hang) + 1)
    fresh = True  # nothing but the indent on this line yet
    for word in _SPACES.split(text.strip()):
        if not word:
            continue
        need = width(word) + (0 if fresh else 1)
        if used + need > room and not fresh:
            lines.append(line)
            line, used, fresh = hang, width(hang), True
            need = width(word)
        if used + need <= room:
            line += ("" if fresh else " ") + word
            used += need
            fresh = False
            continue
        # A word wider than a whole line: cut it by display width.
        if not fresh:
            line += " "
            used += 1
        for ch in word:
            w = max(wcwidth(ch), 0)
            if used + w > room and not fresh:
                lines.append(line)
                line, used = hang, width(hang)
            line += ch
            used += w
            fresh = False
    if not fresh or not lines:
        lines.append(line)
    return [item.rstrip() for item in lines]


def fit_table(rows: Sequence[Sequence[str]], headers: Sequence[str], columns: int) -> str:
    """A plain table no wider than ``columns``: the widest columns are narrowed, their cells
    wrapped, until the table fits (each column keeps at least a few characters)."""
    rows = [[str(c) for c in row] for row in rows]
    count = len(headers)
    natural = [max([width(h) for h in headers[i].split()] or [0]) for i in range(count)]
    widths = [max([width(headers[i])] + [max((width(part) for part in row[i].split("\n")),
                                             default=0) for row in rows]) for i in range(count)]
    # Two spaces between columns, as tabulate's "simple" format puts them.
    budget = columns - 2 * (count - 1)
    floor = [max(6, min(n, 12)) for n in natural]
    while sum(widths) > budget:
        widest = max(range(count), key=lambda i: (widths[i] - floor[i], -i))
        if widths[widest] <= floor[widest]:
            break
        widths[widest] -= 1
    wrapped = [["\n".join(_cell_lines(cell, widths[i])) for i, cell in enumerate(row)]
               for row in rows]
    heads = ["\n".join(_cell_lines(h, widths[i])) for i, h in enumerate(headers)]
    return tabulate(wrapped, headers=heads, tablefmt="simple", disable_numparse=True)


def _cell_lines(cell: str, columns: int) -> list[str]:
    out: list[str] = []
    for part in cell.split("\n"):
        out += wrap(part, columns) if width(part) > columns else [part]
    return out
