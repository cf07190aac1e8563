"""A sign of life on standard error while a long step runs, only when a person is watching: a bar
when the step says how far it has come of how much, else a spinner, with the time taken."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO, TypeVar

__all__ = ["Bar", "counted", "progress", "shown"]

T = TypeVar("T")

#: Steps shorter than this show nothing at all.
DELAY = 0.4
_TICK = 0.1
_SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
#: Cells of the bar itself.
_CELLS = 20


class Bar:
    """How far a step has come: the step calls :meth:`update`; ``progress``'s thread draws it.

    ``done`` may be fractional (part of a file read); ``total`` 0 means not known yet (a spinner).
    """

    __slots__ = ("done", "total", "unit")

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.done = 0.0
        self.total = 0

    def update(self, done: float, total: int) -> None:
        """``done`` of ``total`` (``unit``) so far."""
        self.done, self.total = done, total


def shown(label: str, bar: Bar, frame: int, elapsed: float, width: int) -> str:
    """The line for ``label`` at spinner ``frame`` after ``elapsed`` seconds, at most ``width - 1``
    characters (a line as wide as the terminal would wrap, and ``\\r`` could not clear it)."""
    spin = _SPINNER[frame % len(_SPINNER)]
    tail = f" {elapsed:.1f} s"
    if bar.total > 0:
        share = min(max(bar.done / bar.total, 0.0), 1.0)
        full = int(share * _CELLS)
        tail = (f" {'█' * full}{'░' * (_CELLS - full)} {share:4.0%} "
                f"{int(min(bar.done, bar.total))}/{bar.total} {bar.unit}{tail}")
    room = max(width - 1 - len(tail) - 3, 1)
    name = label if len(label) <= room else label[: room - 1] + "…"
    return f"{spin} {name}…{tail}"


@contextmanager
def progress(label: str, stream: TextIO | None = None, *, delay: float | None = None,
             unit: str = "", clock: Callable[[], float] = time.monotonic) -> Iterator[Bar | None]:
    """While the block runs, show ``label`` and the time taken on ``stream`` (default: standard
    error), from ``delay`` seconds on (default: ``DELAY``), and clear the line after.

    The block gets a :class:`Bar` to say how far it has come (in ``unit``), drawn as a bar with a
    share and a count; until it says so, a spinner turns. When ``stream`` is not a terminal the
    block gets ``None`` and nothing is written, so pipes, files and CI logs get exactly the
    command's own output, and the step need not count at all.
    """
    out = sys.stderr if stream is None else stream
    if not _is_terminal(out):
        yield None
        return
    wait = DELAY if delay is None else delay
    bar = Bar(unit)
    done = threading.Event()
    drawn = threading.Event()
    start = clock()
    width = shutil.get_terminal_size((80, 24)).columns

    def draw() -> None:
        if done.wait(wait):
            return
        frame = 0
        while not done.is_set():
            out.write("\r" + shown(label, bar, frame, clock() - start, width))
            out.flush()
            drawn.set()
            frame += 1
            done.wait(_TICK)

    thread = threading.Thread(target=draw, name="factcheck-progress", daemon=True)
    thread.start()
    try:
        yield bar
    finally:
        done.set()
        thread.join()
        if drawn.is_set():
            out.write("\r\x1b[K")
            out.flush()


def counted(items: Sequence[T], bar: Bar | None) -> Iterator[T]:
    """``items`` one by one, telling ``bar`` how many are done (nothing to tell when ``None``)."""
    if bar is None:
        yield from items
        return
    total = len(items)
    for done, item in enumerate(items):
        bar.update(done, total)
        yield item
    bar.update(total, total)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
