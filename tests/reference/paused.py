"""The reference resolver's garbage-collector pause: the loader's own (it was factcheck._model's
before #12; the logic is unchanged)."""

from __future__ import annotations

from factcheck._load import collection_paused

__all__ = ["collection_paused"]
