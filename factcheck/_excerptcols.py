"""Excerpts held as columns: what a bulk load keeps of millions of excerpts.

A JSON Lines file of sources is read (``_fastlines``) into one :class:`ExcerptColumns`: each
excerpt's id and quote as UTF-8 in one buffer each, with their offsets; its revision and
withdrawing revision as the place of that revision in its source; its relaying source and its
stances as integer codes (the stances as three columns: where each excerpt's start, the claim,
the stance). Each ``Source`` of the file holds a :class:`StoredExcerpts`: a read-only sequence of
its excerpts that makes an :class:`Excerpt`, equal to the one the converter makes from the same
record, only when one is read. The evidence columns (``_columns``) read the arrays directly, and a
point query reads an id or a quote without making the excerpt at all.

A line being read may still turn out not to be plainly well formed after some of its excerpts
were added: :meth:`ExcerptColumns.mark` and :meth:`ExcerptColumns.rollback` take them back.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator, Sequence
from typing import Any, Final, overload

import numpy as np
import numpy.typing as npt

from ._kinds import Stance
from ._model import Excerpt, HeldExcerpts, Revision, Stances
from ._outcome import Quote
from ._plain import new_excerpt
from ._quotefile import FileTexts, read_later

__all__ = ["STANCE_ORDER", "ExcerptColumns", "StoredExcerpts", "Texts"]

#: Stance codes of the columns, in the order ``Stance`` declares them.
STANCE_ORDER: Final = tuple(Stance)
_STANCES_OF: Final = Stances._of


def _narrow(values: Any) -> Any:
    """Whole numbers as the narrowest of int16, int32 and int64 that holds them all."""
    found = np.array(values, np.int64)
    for kind in (np.int16, np.int32):
        info = np.iinfo(kind)
        if not len(found) or (info.min <= found.min() and found.max() <= info.max):
            return found.astype(kind)
    return found


def _coded(key: str, codes: dict[str, int], keys: list[str]) -> int:
    """``key``'s code in ``codes``, a new one (its place in ``keys``) the first time."""
    code = codes.get(key)
    if code is None:
        code = codes[key] = len(keys)
        keys.append(key)
    return code


class Texts:
    """Strings held as UTF-8 in one buffer: the ``i``-th is ``data[at[i]:at[i + 1]]``."""

    __slots__ = ("at", "data")

    def __init__(self) -> None:
        self.data: bytes | bytearray = bytearray()
        self.at: Any = array("q", [0])

    def add(self, text: bytes | memoryview) -> None:
        self.data += text
        self.at.append(len(self.data))

    def add_text(self, text: str) -> None:
        self.add(text.encode())

    def __len__(self) -> int:
        return len(self.at) - 1

    def __getitem__(self, i: int) -> str:
        at = self.at
        return str(self.data[at[i]:at[i + 1]], "utf-8")

    def truncate(self, n: int) -> None:
        del self.at[n + 1:]
        del self.data[self.at[n]:]  # type: ignore[union-attr]

    def seal(self) -> None:
        """Done adding: the buffer and offsets at their exact size (no room kept for growth; the
        offsets an array of the standard library, whose items read faster one at a time)."""
        self.data = bytes(self.data)
        self.at = array("q", self.at)



class ExcerptColumns:
    """The excerpts of one file's sources, as columns (see the module's note)."""

    def __init__(self, quotes: Texts | FileTexts | None = None) -> None:
        self.ids = Texts()
        #: In memory, or (a bulk load's, by default) left in their file.
        self.quotes: Texts | FileTexts = Texts() if quotes is None else quotes
        #: Each id's ``hash``: finding duplicate ids and looking one up without a dict of them.
        self.hashes: Any = array("q")
        #: The excerpt's revision, and the revision that withdraws it (-1: none), as places in
        #: their source's revisions.
        self.revision: Any = array("i")
        self.withdrawn: Any = array("i")
        #: The source an excerpt relays (-1: none), as a place in ``names``.
        self.via: Any = array("i")
        self.verbatim: Any = array("b")
        #: Excerpt i's stances are rows ``stance_at[i]:stance_at[i + 1]`` of the two below.
        self.stance_at: Any = array("q", [0])
        #: The claim of each stance, as a place in ``claims``; the stance, as a place in STANCES.
        self.stance_claim: Any = array("i")
        self.stance: Any = array("b")
        #: The claim ids stances name, each once, and their places.
        self.claims: list[str] = []
        self.claim_code: dict[str, int] = {}
        #: Source ids that excerpts relay (``via``), each once, and their places.
        self.names: list[str] = []
        self.name_code: dict[str, int] = {}
        #: The rare optional texts, by excerpt.
        self.translation: dict[int, str] = {}
        self.note: dict[int, str] = {}
        self.sealed = False
        #: Each source's sequence of these excerpts, in the order of their rows.
        self.views: list[StoredExcerpts] = []
        self._by_hash: tuple[Any, Any] | None = None

    def __len__(self) -> int:
        return len(self.revision)

    # -- adding ---------------------------------------------------------------------------------

    def claim(self, claim_id: str) -> int:
        """The code of a claim id (given one the first time it is seen)."""
        return _coded(claim_id, self.claim_code, self.claims)

    def name(self, source_id: str) -> int:
        """The code of a relayed source's id."""
        return _coded(source_id, self.name_code, self.names)

    def mark(self) -> tuple[int, int]:
        """Where the excerpts and stances end now: :meth:`rollback` returns to it."""
        return len(self.revision), len(self.stance)

    def rollback(self, mark: tuple[int, int]) -> None:
        """Take back every excerpt added since ``mark``."""
        n, stances = mark
        for column in (self.hashes, self.revision, self.withdrawn, self.via, self.verbatim):
            del column[n:]
        del self.stance_at[n + 1:]
        del self.stance_claim[stances:]
        del self.stance[stances:]
        self.ids.truncate(n)
        self.quotes.truncate(n)
        for rare in (self.translation, self.note):
            for i in [i for i in rare if i >= n]:
                del rare[i]

    def seal(self) -> None:
        """Done adding: every column becomes a NumPy array of its exact size, in the narrowest
        type its values need; what only adding needed is let go."""
        if self.sealed:
            return
        self.ids.seal()
        self.quotes.seal()
        self.hashes = np.array(self.hashes, np.int64)
        self.revision = _narrow(self.revision)
        self.withdrawn = _narrow(self.withdrawn)
        self.via = _narrow(self.via)
        self.verbatim = np.array(self.verbatim, np.bool_)
        self.stance_at = _narrow(self.stance_at)
        self.stance_claim = np.array(self.stance_claim, np.int32)
        self.stance = np.array(self.stance, np.int8)
        self.claim_code, self.name_code = {}, {}
        self.sealed = True

    # -- reading --------------------------------------------------------------------------------

    def excerpt(self, i: int, source: str, revisions: tuple[str, ...]) -> Excerpt:
        """Excerpt ``i`` as the model's object (of ``source``, whose revision ids are
        ``revisions``)."""
        flat: list[Any] = []
        claims, codes, order = self.claims, self.stance_claim, STANCE_ORDER
        for k in range(int(self.stance_at[i]), int(self.stance_at[i + 1])):
            flat += (claims[codes[k]], order[self.stance[k]])
        gone, via = int(self.withdrawn[i]), int(self.via[i])
        return new_excerpt(
            self.ids[i], revisions[self.revision[i]], self.quotes[i], _STANCES_OF(tuple(flat)),
            self.translation.get(i), self.names[via] if via >= 0 else None,
            revisions[gone] if gone >= 0 else None, self.note.get(i), source,
            bool(self.verbatim[i]))

    def rows_of(self, excerpt_id: str) -> list[int]:
        """Every row whose excerpt has this id (its hash sorted once, on first use)."""
        if self._by_hash is None:
            hashes = self.id_hashes()
            order = np.argsort(hashes, kind="stable")
            self._by_hash = (hashes[order], order)
        hashes, order = self._by_hash
        key = hash(excerpt_id)
        lo = int(np.searchsorted(hashes, key, side="left"))
        hi = int(np.searchsorted(hashes, key, side="right"))
        return [row for row in order[lo:hi].tolist() if self.ids[row] == excerpt_id]

    def id_hashes(self) -> npt.NDArray[np.int64]:
        """Each excerpt id's ``hash``."""
        return np.asarray(self.hashes, np.int64)

    def view_of(self, row: int) -> StoredExcerpts:
        """The sequence (source) that holds ``row``."""
        views = self.views
        return views[bisect.bisect_right(views, row, key=lambda v: v.lo) - 1]



class StoredExcerpts(HeldExcerpts):
    """One source's excerpts, rows ``lo:hi`` of an :class:`ExcerptColumns`: a read-only sequence
    equal to the tuple of the same excerpts, each made when read."""

    __slots__ = ("columns", "hi", "lo", "read_with", "revisions", "source")

    def __init__(self, columns: ExcerptColumns, lo: int, hi: int, source: str,
                 revisions: tuple[Revision, ...]) -> None:
        self.columns, self.lo, self.hi = columns, lo, hi
        #: The source's id, its revisions as read, and their ids in order (an excerpt names one
        #: by its place).
        self.source, self.read_with = source, revisions
        self.revisions = tuple(r.id for r in revisions)
        columns.views.append(self)

    def __len__(self) -> int:
        return self.hi - self.lo

    @overload
    def __getitem__(self, index: int) -> Excerpt: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Excerpt, ...]: ...

    def __getitem__(self, index: int | slice) -> Excerpt | tuple[Excerpt, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("excerpt index out of range")
        return self.columns.excerpt(self.lo + index, self.source, self.revisions)

    def __iter__(self) -> Iterator[Excerpt]:
        made, source, revisions = self.columns.excerpt, self.source, self.revisions
        for i in range(self.lo, self.hi):
            yield made(i, source, revisions)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredExcerpts | tuple | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other,
                                                                          strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __add__(self, other: Sequence[Excerpt]) -> tuple[Excerpt, ...]:
        return (*self, *other)

    def __radd__(self, other: Sequence[Excerpt]) -> tuple[Excerpt, ...]:
        return (*other, *self)

    def __repr__(self) -> str:
        return repr(tuple(self))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled, it is the tuple it equals: the columns may be a whole file's.
        return (tuple, (tuple(self),))

    def storage(self) -> object:
        return self.columns

    def checked_for(self, source: Any) -> bool:
        # Read by ``_fastlines``, which checks each excerpt on its own; still so while the
        # source keeps the id and revisions it was read with.
        return bool(source.id == self.source and source.revisions == self.read_with)

    def references(self) -> tuple[Sequence[str], Sequence[str]]:
        return self.columns.names, self.columns.claims

    def id_hashes(self) -> npt.NDArray[np.int64]:
        return self.columns.id_hashes()[self.lo:self.hi]

    def located(self, excerpt_id: str) -> list[tuple[HeldExcerpts, int]]:
        columns = self.columns
        return [(view, row - view.lo) for row in columns.rows_of(excerpt_id)
                for view in (columns.view_of(row),)]

    def excerpt_id(self, i: int) -> str:
        return self.columns.ids[self.lo + i]

    def quote_of(self, i: int, source: Any) -> Quote:
        """Excerpt ``i``'s ``Quote`` (with ``source``'s title, outlet, language and link); a
        quote left in its file is read when its text is first asked for."""
        quotes, row = self.columns.quotes, self.lo + i
        translation = self.columns.translation.get(row)
        if isinstance(quotes, FileTexts):
            return read_later(quotes, row, translation, source)
        return Quote(quotes[row], translation, source.language, source.title, source.publisher,
                     source.url)

