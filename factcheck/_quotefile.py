"""Quotes left in their JSON Lines file, and read from it when shown.

A bulk casebook's quotes are most of its bytes, and resolving never reads them: only a report, an
explanation's evidence or a point query shows one. So a quote written in a JSON Lines file without
escapes (as nearly all are) is held as where it lies in the file, 12 bytes, and read from the file
(``os.pread``) when shown; a quote with escapes is held as its text.

The file must stay as it was read. It is identified when read (device, inode, size, modification
and change times); every reading opens it again if needed and checks that it is still that file.
If it is not (edited, replaced, removed), reading a quote raises :class:`CasebookChangedError`,
which says so and asks to load the casebook again: a quote is never read from another version of
the file. A few files are kept open, each checked when opened.
"""

from __future__ import annotations

import collections
import os
import threading
from array import array
from typing import Any

from ._errors import CasebookChangedError
from ._outcome import Quote
from ._slots import setters

__all__ = ["CasebookChangedError", "FileTexts", "identify"]

#: How many files are kept open for reading quotes (each closed when pushed out).
_OPEN_FILES = 16


def identify(fd: int) -> tuple[int, ...]:
    """What identifies a version of an open file: device, inode, size, modification and change
    times (a write changes the change time, whatever is done to the modification time)."""
    st = os.fstat(fd)
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class _OpenFiles:
    """Open file descriptors of the files quotes are read from: the most recently opened few."""

    def __init__(self) -> None:
        self._open: collections.OrderedDict[tuple[str, tuple[int, ...]], int] = (
            collections.OrderedDict())
        self._lock = threading.Lock()

    def fd(self, path: str, identity: tuple[int, ...]) -> int:
        key = (path, identity)
        fd = self._open.get(key)
        if fd is not None:  # opened and checked before (a hit needs no lock)
            return fd
        with self._lock:
            fd = self._open.get(key)
            if fd is not None:
                return fd
            try:
                fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            except OSError as exc:
                raise CasebookChangedError(_changed(path, f"it cannot be opened now: {exc.strerror}"
                                                    )) from None
            if identify(fd) != identity:
                os.close(fd)
                raise CasebookChangedError(_changed(path, "it is not the file that was loaded "
                                                    "(it was edited, replaced or touched since)"))
            self._open[key] = fd
            while len(self._open) > _OPEN_FILES:
                _, old = self._open.popitem(last=False)
                os.close(old)
            return fd



OPEN_FILES = _OpenFiles()


def _changed(path: str, why: str) -> str:
    return (f"{path}: cannot read a quote from this file: {why}. A casebook loaded from JSON "
            "Lines reads its quotes from its files when it shows them: load the casebook again "
            "(or load it with hold_quotes=True to keep every quote in memory)")


class FileTexts:
    """Quotes of one JSON Lines file: where each lies (its UTF-8 bytes, without the JSON
    string's quotation marks), or, for one the file writes with escapes, its text."""

    __slots__ = ("at", "held", "identity", "length", "path")

    def __init__(self, path: str, identity: tuple[int, ...]) -> None:
        self.path, self.identity = path, identity
        self.at: Any = array("q")
        self.length: Any = array("i")
        #: Quotes written with escapes (``\\"``, ``\\u00e9``), by number: their text.
        self.held: dict[int, str] = {}

    def add_at(self, start: int, length: int) -> None:
        """The next quote lies at ``start`` in the file, ``length`` bytes long."""
        self.at.append(start)
        self.length.append(length)

    def add_text(self, text: str) -> None:
        """The next quote is ``text`` (written with escapes)."""
        self.held[len(self.at)] = text
        self.at.append(-1)
        self.length.append(0)

    def __len__(self) -> int:
        return len(self.at)

    def __getitem__(self, i: int) -> str:
        held = self.held.get(i)
        if held is not None:
            return held
        start, length = self.at[i], self.length[i]
        fd = OPEN_FILES.fd(self.path, self.identity)
        data = os.pread(fd, length, start)
        if len(data) != length:  # cut short: the file is not what it was (checked on opening)
            raise CasebookChangedError(_changed(self.path, "it is shorter than when it was loaded"))
        return data.decode("utf-8")

    def truncate(self, n: int) -> None:
        del self.at[n:]
        del self.length[n:]
        for i in [i for i in self.held if i >= n]:
            del self.held[i]

    def seal(self) -> None:
        # At their exact size; still arrays of the standard library, whose items read faster
        # one at a time than NumPy's.
        self.at = array("q", self.at)
        self.length = array("i", self.length)



class _ReadQuote(Quote):
    """A :class:`Quote` whose text is read from its file the first time it is asked for (a point
    query makes one for every piece of evidence; few are ever shown). Equal to, hashed and pickled
    as the ``Quote`` of the same values."""

    __slots__ = ("_got", "_quotes", "_row")
    _got: str | None
    _quotes: FileTexts
    _row: int

    @property
    def text(self) -> str:
        got: str | None = self._got
        if got is None:
            got = self._quotes[self._row]
            object.__setattr__(self, "_got", got)
        return got

    def _values(self) -> tuple[Any, ...]:
        return (self.text, self.translation, self.language, self.title, self.publisher, self.url)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Quote):
            return self._values() == (other.text, other.translation, other.language,
                                      other.title, other.publisher, other.url)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(Quote(*self._values()))

    def __repr__(self) -> str:
        return repr(Quote(*self._values()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Quote, self._values())


_, _TRANSLATION, _LANGUAGE, _TITLE, _PUBLISHER, _URL = setters(
    Quote, ("text", "translation", "language", "title", "publisher", "url"))
_GOT, _QUOTES, _ROW = (getattr(_ReadQuote, name).__set__ for name in _ReadQuote.__slots__)
_new = object.__new__


def read_later(quotes: FileTexts, row: int, translation: str | None, source: Any) -> Quote:
    """The ``Quote`` of quote ``row`` of ``quotes``, its text read when first asked for."""
    made = _new(_ReadQuote)
    _TRANSLATION(made, translation)
    _LANGUAGE(made, source.language)
    _TITLE(made, source.title)
    _PUBLISHER(made, source.publisher)
    _URL(made, source.url)
    _GOT(made, None)
    _QUOTES(made, quotes)
    _ROW(made, row)
    return made
