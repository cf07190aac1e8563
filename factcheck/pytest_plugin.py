"""The pytest plugin: ``--casebook``, the ``casebook`` fixture, and claim-file expectations."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._errors import LoadError
from ._load import load
from ._model import Casebook


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--casebook PATH`` and the ini option ``factcheck_casebook``."""
    group = parser.getgroup("factcheck", "claim checking with factcheck")
    group.addoption("--casebook", metavar="PATH", default=None,
                    help="the casebook folder the `casebook` fixture loads")
    parser.addini("factcheck_casebook", "the casebook folder the `casebook` fixture loads",
                  default=None)


def _casebook_path(config: pytest.Config) -> Path:
    option = config.getoption("--casebook")
    if option:
        return Path(option)
    ini = config.getini("factcheck_casebook")
    if ini:
        return config.rootpath / str(ini)
    return config.rootpath


@pytest.fixture(scope="session")
def casebook(pytestconfig: pytest.Config) -> Casebook:
    """The casebook named by ``--casebook`` or ``factcheck_casebook``, loaded once per session."""
    path = _casebook_path(pytestconfig)
    try:
        return load(path)
    except LoadError as exc:
        pytest.fail(f"the casebook at {path} could not be loaded:\n{exc}", pytrace=False)
