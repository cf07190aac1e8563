"""A sign of life on standard error while a long step runs, only when a person is watching."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

__all__ = ["progress"]

#: Steps shorter than this show nothing at all.
DELAY = 0.4
_TICK = 0.1
_SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


@contextmanager
def progress(label: str, stream: TextIO | None = None, *, delay: float = DELAY) -> Iterator[None]:
    """While the block runs, show ``label``, a spinner and the time taken on ``stream`` (default:
    standard error), from ``delay`` seconds on, and clear the line after.

    Nothing is written when ``stream`` is not a terminal, so pipes, files and CI logs get exactly
    the command's own output.
    """
    out = sys.stderr if stream is None else stream
    if not _is_terminal(out):
        yield
        return
    done = threading.Event()
    shown = threading.Event()
    start = time.monotonic()

    def spin() -> None:
        if done.wait(delay):
            return
        frame = 0
        while not done.is_set():
            elapsed = time.monotonic() - start
            out.write(f"\r{_SPINNER[frame % len(_SPINNER)]} {label}… {elapsed:.1f} s")
            out.flush()
            shown.set()
            frame += 1
            done.wait(_TICK)

    thread = threading.Thread(target=spin, name="factcheck-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if shown.is_set():
            out.write("\r\x1b[K")
            out.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
