"""Every excerpt of a casebook by id (``Casebook.excerpt_by_id``), without a dict of millions.

Excerpts held in tuples are indexed in a dict, as before; excerpts held as columns
(:class:`HeldExcerpts`, a bulk load's) are found through their columns' own index of ids, built the
first time one is looked up. Nothing is built until the mapping is first used: a bulk casebook's
queries never ask for an excerpt by id.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["ExcerptIndex", "HeldExcerpts"]


class HeldExcerpts(Sequence[Any]):
    """A source's excerpts held elsewhere than in a tuple (a bulk load holds them as columns:
    ``_excerptcols``): a read-only sequence, equal to the tuple of the same excerpts, that a
    ``Source`` keeps as it is."""

    __slots__ = ()

    # What a kind of held excerpts answers without making them (``_excerptcols.StoredExcerpts``).

    @abc.abstractmethod
    def storage(self) -> object:
        """What holds these excerpts (sequences that share it are searched together)."""

    @abc.abstractmethod
    def excerpt_id(self, i: int) -> str:
        """The id of excerpt ``i``, read without making the excerpt."""

    @abc.abstractmethod
    def checked_for(self, source: Any) -> bool:
        """Whether each excerpt was checked on its own when it was read (``_integrity``'s checks
        of one excerpt: its id, quote, revision, withdrawal, stances and relayed source not its
        own) as an excerpt of ``source``, as it stands now."""

    @abc.abstractmethod
    def references(self) -> tuple[Sequence[str], Sequence[str]]:
        """The source ids the storage's excerpts relay and the claim ids their stances name."""

    @abc.abstractmethod
    def id_hashes(self) -> npt.NDArray[np.int64]:
        """The ``hash`` of each excerpt's id, in order."""

    @abc.abstractmethod
    def located(self, excerpt_id: str) -> list[tuple[HeldExcerpts, int]]:
        """Every (sequence, place) of an excerpt with this id among the sequences that share
        these excerpts' storage (a whole file's): found by the storage's index."""


class ExcerptIndex(Mapping[str, Any]):
    """The excerpts of ``sources`` by id, in source order; where an id is used twice (which
    ``factcheck check`` reports), the later excerpt."""

    def __init__(self, sources: Sequence[Any]) -> None:
        self._sources = sources
        self._objects: dict[str, Any] | None = None
        self._held: dict[int, int] = {}  # id() of each held sequence: its place among sources
        self._storages: list[HeldExcerpts] = []  # one held sequence of each storage

    def _index(self) -> dict[str, Any]:
        if self._objects is None:
            objects: dict[str, Any] = {}
            storages: dict[int, HeldExcerpts] = {}
            for place, source in enumerate(self._sources):
                if isinstance(source.excerpts, HeldExcerpts):
                    self._held[id(source.excerpts)] = place
                    storages.setdefault(id(source.excerpts.storage()), source.excerpts)
                else:
                    objects.update((e.id, e) for e in source.excerpts)
            self._storages = list(storages.values())
            self._objects = objects
        return self._objects

    def __getitem__(self, excerpt_id: str) -> Any:
        objects = self._index()
        found = objects.get(excerpt_id)
        if isinstance(excerpt_id, str):
            best = -1
            for held in self._storages:
                for sequence, i in held.located(excerpt_id):
                    place = self._held.get(id(sequence), -1)
                    if place > best and self._sources[place].excerpts is sequence:
                        best, found = place, sequence[i]
        if found is None:
            raise KeyError(excerpt_id)
        return found

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for source in self._sources:
            excerpts = source.excerpts
            ids = ((excerpts.excerpt_id(i) for i in range(len(excerpts)))
                   if isinstance(excerpts, HeldExcerpts) else (e.id for e in excerpts))
            for excerpt_id in ids:
                if excerpt_id not in seen:
                    seen.add(excerpt_id)
                    yield excerpt_id

    def __len__(self) -> int:
        return sum(len(source.excerpts) for source in self._sources)
