"""Fixtures for the partitioned form and the distributed run: small casebooks and one cluster."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def shipped() -> Path:
    """The shipped casebook (TOML): relations, withdrawals, predictions, zones."""
    return ROOT


@pytest.fixture(scope="session")
def bulk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bench's synthetic casebook at 400 claims, as JSON Lines (relations on a tenth)."""
    out = tmp_path_factory.mktemp("bulk")
    _bench().generate(400, 7, out)
    shutil.rmtree(out / "toml")
    return out / "jsonl"


@pytest.fixture(scope="session")
def client() -> Iterator[Any]:
    """A local Dask cluster of two workers, threads in this process (quick to start)."""
    from factcheck.distributed import cluster

    with cluster(2, processes=False) as made:
        yield made
