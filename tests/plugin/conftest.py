"""Fixtures for testing the pytest plugin: pytester, and casebooks written with expectations."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import tomli_w

MINI = Path(__file__).parents[1] / "data" / "mini"

BookWriter = Callable[..., Path]


def pytest_configure(config: pytest.Config) -> None:
    """Make the ``pytester`` fixture available however the suite is started.

    ``pytest_plugins`` is only allowed in the top conftest; when tests/conftest.py gains
    ``pytest_plugins = ["pytester"]`` this does nothing.
    """
    if not config.pluginmanager.has_plugin("pytester"):
        config.pluginmanager.import_plugin("pytester")


def write_book(
    folder: Path,
    expect: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    *,
    extra_claims: str = "",
) -> Path:
    """Copy tests/data/mini into ``folder`` (made if need be), with expectations on its claims.

    ``expect`` maps claim ids to lists of ``[[claims.expect]]`` tables; ``extra_claims`` is TOML
    written as one more claim file, ``claims/extra.toml``.
    """
    shutil.copytree(MINI, folder, dirs_exist_ok=True)
    headline = folder / "claims" / "headline.toml"
    data = tomllib.loads(headline.read_text(encoding="utf-8"))
    for claim in data["claims"]:
        tables = (expect or {}).get(claim["id"])
        if tables:
            claim["expect"] = [dict(t) for t in tables]
    headline.write_text(tomli_w.dumps(data), encoding="utf-8")
    if extra_claims:
        (folder / "claims" / "extra.toml").write_text(extra_claims, encoding="utf-8")
    return folder


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """pytester, whose runs leave out hypothesis's plugin: it re-imports itself on every run.

    The inner runs also forget that they may be on CI: with ``CI`` set, pytest stops cutting the
    short test summary to the terminal's width, and the output the tests read would differ between
    a desk and CI.
    """
    monkeypatch.setenv("PYTEST_ADDOPTS", "-p no:hypothesispytest")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("BUILD_NUMBER", raising=False)
    return pytester


@pytest.fixture
def book(pytester: pytest.Pytester) -> BookWriter:
    """Write the mini casebook, with expectations, into the pytester folder (``book/`` by default).

    ``name="."`` makes the pytester folder itself the casebook.
    """

    def make(
        expect: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
        *,
        name: str = "book",
        extra_claims: str = "",
    ) -> Path:
        return write_book(pytester.path / name, expect, extra_claims=extra_claims)

    return make
