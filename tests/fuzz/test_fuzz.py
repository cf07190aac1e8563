"""The casebook fuzzer: mutated casebooks, shipped and generated, in TOML and JSON Lines, through
load, check, every query, every report, save and load again, and the command line.

The property (issue #11): every outcome is a clean load or a ``LoadError`` whose every finding
names a file; no other exception; a clean load survives save and load equal, resolving the same.
Profiles and the long run: see conftest.py and docs/reliability.md.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import hypothesis
from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck

from .books import SHIPPED, Book, as_json_lines, write
from .conftest import KEEP_GOING
from .drive import COMMANDS, ZONES, run
from .generated import generated
from .mutations import TEXT_KEYS, control_characters, mutated, shuffled

F = TypeVar("F", bound=Callable[..., Any])


def fuzz(share: float = 1.0) -> Callable[[F], F]:
    """The fuzz profile's settings for a test running ``share`` of its examples (and its seed,
    when ``FACTCHECK_FUZZ_SEED`` gives one)."""
    profile = settings.get_profile("factcheck-fuzz")

    def decorate(test: F) -> F:
        test = settings(profile, max_examples=max(1, int(profile.max_examples * share)))(test)
        seed = os.environ.get("FACTCHECK_FUZZ_SEED")
        return hypothesis.seed(int(seed))(test) if seed else test

    return decorate


#: How a fuzzed casebook may end: a long run counts failures and goes on (see conftest.py).
OUTCOMES = ("clean", "load-error", "failure") if KEEP_GOING else ("clean", "load-error")
zones = st.sampled_from(ZONES)
commands = st.sampled_from(COMMANDS)


class TestMutatedShippedCasebook:
    """The shipped casebook, mutated: a clean load or a LoadError naming files, nothing else."""

    @fuzz(share=0.5)
    @given(book=mutated(st.just(SHIPPED)), zone=zones, command=commands)
    def test_loads_or_refuses(self, book: Book, zone: str, command: str) -> None:
        """A mutated copy of the shipped casebook loads and serves everything, or is refused."""
        assert run(book, zone, command, keep_going=KEEP_GOING) in OUTCOMES


class TestMutatedGeneratedCasebook:
    """Small generated casebooks, mutated: a clean load or a LoadError naming files."""

    @fuzz()
    @given(book=mutated(generated()), zone=zones, command=commands)
    def test_loads_or_refuses(self, book: Book, zone: str, command: str) -> None:
        """A mutated generated casebook loads and serves everything, or is refused."""
        assert run(book, zone, command, keep_going=KEEP_GOING) in OUTCOMES


class TestGeneratedCasebook:
    """The generator's casebooks are valid: what the fuzzer mutates starts clean."""

    @fuzz(share=0.25)
    @given(book=generated(), zone=zones, command=commands)
    def test_loads_clean(self, book: Book, zone: str, command: str) -> None:
        """An unmutated generated casebook loads, and survives every query and a round trip."""
        assert run(book, zone, command, keep_going=KEEP_GOING) in ("clean", *OUTCOMES[2:])


@st.composite
def benign(draw: st.DrawFn) -> Book:
    """A generated casebook with troublesome text (control characters, line separators) and its
    items in another order: still valid, in either form."""
    book = draw(generated())
    for _ in range(draw(st.integers(0, 3))):
        control_characters(draw, book, TEXT_KEYS)
    shuffled(draw, book)
    return book


class TestJsonLinesForm:
    """A casebook in JSON Lines is the casebook in TOML: same load, same statuses."""

    @fuzz(share=0.25)
    @given(book=benign())
    def test_same_casebook_as_toml(self, book: Book) -> None:
        """Loaded from JSON Lines, a valid casebook equals itself loaded from TOML."""
        with tempfile.TemporaryDirectory() as tmp:
            toml, jsonl = Path(tmp) / "toml", Path(tmp) / "jsonl"
            write(book, toml)
            write(as_json_lines(book), jsonl)
            expected, actual = factcheck.load(toml), factcheck.load(jsonl)
            assert expected == actual
            at = ("2023-11-21", ZONES[1])
            assert ({c: r.status for c, r in expected.statuses(*at).items()}
                    == {c: r.status for c, r in actual.statuses(*at).items()})

    def test_shipped_casebook(self) -> None:
        """The shipped casebook written as JSON Lines loads equal to the shipped casebook."""
        with tempfile.TemporaryDirectory() as tmp:
            write(as_json_lines(SHIPPED), Path(tmp))
            assert factcheck.load(Path(__file__).parents[2]) == factcheck.load(tmp)
