"""Paths that a casebook names (snapshots of its sources), kept inside the casebook's folder.

A casebook may come from anyone. A path in it must never make ``check``, ``save`` or a report read
or write a file outside the folder: no absolute path, no ``..`` that leaves it, no symbolic link
that points out of it, and no name the file system cannot hold (a part over 255 bytes).
"""

from __future__ import annotations

import errno
from pathlib import Path, PurePosixPath, PureWindowsPath

__all__ = ["MAX_NAME_BYTES", "OutsideCasebook", "path_problem", "within"]

#: The longest file or folder name that common file systems hold (ext4, APFS, NTFS in UTF-16
#: code units is larger; 255 bytes is the common floor).
MAX_NAME_BYTES = 255


class OutsideCasebook(ValueError):
    """A path that leads out of the casebook's folder (through ``..`` or a symbolic link)."""


def path_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a path relative to the casebook folder, or ``None``."""
    if not text.strip():
        return "expected a path relative to the casebook folder, got an empty one"
    if "\x00" in text:
        return "a path cannot hold a NUL character"
    if PurePosixPath(text).is_absolute() or PureWindowsPath(text).anchor or text.startswith("~"):
        return (f"expected a path relative to the casebook folder (such as "
                f"'sources/snapshots/page.txt'), got the absolute path {text!r}")
    depth = 0
    for part in PurePosixPath(text.replace("\\", "/")).parts:
        if len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
            return (f"a part of the path is {len(part.encode('utf-8', 'surrogatepass'))} bytes "
                    f"long; file names hold at most {MAX_NAME_BYTES}")
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return f"the path {text!r} leads out of the casebook folder (through '..')"
    return None


def within(root: str | Path, relative: str) -> Path:
    """``root / relative``, resolved; raises :class:`OutsideCasebook` where it leaves ``root``
    (by its text, or through a symbolic link) and ``OSError`` where the system cannot say."""
    problem = path_problem(relative)
    if problem is not None:
        raise OutsideCasebook(problem)
    try:
        base = Path(root).resolve()
        target = (base / relative).resolve()
    except RuntimeError as exc:  # pathlib's word for a symbolic link loop (ELOOP) before 3.13
        raise OSError(errno.ELOOP, "a symbolic link loop", relative) from exc
    if not target.is_relative_to(base):
        raise OutsideCasebook(f"the path {relative!r} leads out of the casebook folder "
                              "(through a symbolic link)")
    return target
