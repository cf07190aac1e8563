"""docs/pytest.md: its examples run as the page says they do."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from .conftest import BookWriter

PAGE = Path(__file__).parents[2] / "docs" / "pytest.md"


def blocks(language: str) -> list[str]:
    """The page's fenced code blocks in ``language``, in order."""
    text = PAGE.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)


def console(command: str) -> list[str]:
    """The output the page shows for the first run of ``command``."""
    for block in blocks("console"):
        lines = block.splitlines()
        if f"$ {command}" in lines:
            return lines[lines.index(f"$ {command}") + 1 :]
    raise AssertionError(f"no run of {command!r} in {PAGE.name}")  # pragma: no cover


def item_ids(lines: list[str]) -> list[str]:
    """The node ids of a ``-v`` run's output."""
    return [line.split(" PASSED")[0] for line in lines if " PASSED" in line]


@pytest.fixture
def expectations() -> dict[str, list[dict[str, object]]]:
    """The expectations of the page's claim file example, by claim id."""
    [claims] = [b for b in blocks("toml") if "expect = [" in b]
    return {c["id"]: c["expect"] for c in tomllib.loads(claims)["claims"]}


class TestExamples:
    """The examples on the page: the same items, with the outcomes shown."""

    def test_expectations(
        self,
        pytester: pytest.Pytester,
        book: BookWriter,
        expectations: dict[str, list[dict[str, object]]],
    ) -> None:
        """``pytest claims/ -v`` in the example casebook collects and passes the items shown."""
        book(expectations, name=".")
        result = pytester.runpytest("claims/", "-v")

        result.assert_outcomes(passed=7)
        assert item_ids(console("python -m pytest claims/ -v")) == item_ids(result.outlines)

    def test_helpers(
        self,
        pytester: pytest.Pytester,
        book: BookWriter,
        expectations: dict[str, list[dict[str, object]]],
    ) -> None:
        """The test file of the page passes with ``--casebook=mini``, as shown."""
        book(expectations, name="mini")
        [test_file] = [b for b in blocks("python") if "def test_" in b]
        pytester.mkdir("desk")
        pytester.path.joinpath("desk", "test_headline.py").write_text(test_file, encoding="utf-8")
        result = pytester.runpytest("--casebook=mini", "-v")

        result.assert_outcomes(passed=12)
        assert item_ids(console("python -m pytest --casebook=mini -v")) == item_ids(result.outlines)

    def test_config(self, pytester: pytest.Pytester, book: BookWriter) -> None:
        """The CI configuration of the page is valid and names the casebook."""
        [config] = [b for b in blocks("toml") if "[tool.pytest.ini_options]" in b]
        book(name=".")
        pytester.path.joinpath("pyproject.toml").write_text(config, encoding="utf-8")
        pytester.mkdir("tests")
        result = pytester.runpytest()

        result.assert_outcomes(passed=1)
        result.stdout.fnmatch_lines(["casebook: .", "testpaths: tests, claims"])
