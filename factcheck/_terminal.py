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

__all__ = ["DEFAULT_WIDTH", "fit_table", "paragraph", "table", "terminal_width", "width", "wrap"]

#: The width of text written to a file or a pipe: the same everywhere, whatever the terminal.
DEFAULT_WIDTH = 100
_SPACES = re.compile(r"\s+")


def width(text: str) -> int:
    """``text``'s width in terminal columns (a character wcwidth cannot measure counts as one)."""
    measured = wcswidth(text)
    if measured >= 0:
        return measured
    return sum(max(wcwidth(ch), 1) if ch.isprintable() else 1 for ch in text)


def terminal_width(stream: TextIO | None = None) -> int | None:
    """The width to fit output to: ``$COLUMNS`` when set, else the terminal's when ``stream``
    (default: stdout) is one, else None: text for a pipe or a file is not cut to any width."""
    stream = sys.stdout if stream is None else stream
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if stream.isatty():
            return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    except (AttributeError, ValueError, OSError):
        pass
    return None


def paragraph(text: str, stream: TextIO | None = None) -> str:
    """``text`` wrapped to the terminal's width (continued lines indented), or as it is for a
    pipe or a file."""
    columns = terminal_width(stream)
    return text if columns is None else "\n".join(wrap(text, columns, "", "    "))


def table(rows: Sequence[Sequence[str]], headers: Sequence[str],
          stream: TextIO | None = None) -> str:
    """A plain table for ``stream`` (default: stdout): fitted to the terminal's width, long
    cells wrapped; for a pipe or a file, one line per row."""
    columns = terminal_width(stream)
    if columns is None:
        return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)
    return fit_table(rows, headers, columns)


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
    # tabulate pads each header by two: a column is at least its header's width plus two.
    natural = [max([width(w) for w in headers[i].split()] or [0]) + 2 for i in range(count)]
    widths = [max([width(headers[i]) + 2] + [max((width(part) for part in row[i].split("\n")),
                                                 default=0) for row in rows])
              for i in range(count)]
    # Two spaces between columns, as tabulate's "simple" format puts them.
    budget = columns - 2 * (count - 1)
    # First the columns narrow down to their longest word (ids stay whole), at most 16 wide;
    # then, if that is still too wide, down to a few characters.
    longest = [max([natural[i]] + [width(w) for row in rows for w in row[i].split()])
               for i in range(count)]
    # The last column, in these tables the reasons in prose, keeps room to be read.
    for floor in ([max(6, min(n, 16)) for n in longest],
                  [max(6, min(n, 12)) for n in longest[:-1]] + [min(longest[-1], 24)],
                  [4] * count):
        while sum(widths) > budget:
            widest = max(range(count), key=lambda i: (widths[i] - floor[i], -i))
            if widths[widest] <= floor[widest]:
                break
            widths[widest] -= 1
    wrapped = [["\n".join(_cell_lines(cell, widths[i])) for i, cell in enumerate(row)]
               for row in rows]
    heads = ["\n".join(_cell_lines(h, widths[i] - 2)) for i, h in enumerate(headers)]
    return tabulate(wrapped, headers=heads, tablefmt="simple", disable_numparse=True)


def _cell_lines(cell: str, columns: int) -> list[str]:
    out: list[str] = []
    for part in cell.split("\n"):
        out += wrap(part, columns) if width(part) > columns else [part]
    return out
