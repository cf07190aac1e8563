"""The casebook fuzzer: mutated casebooks, shipped and generated, in TOML and JSON Lines, through
load, check, every query, every report, save and load again, and the command line.

The property (issue #11): every outcome is a clean load or a ``LoadError`` whose every finding
names a file; no other exception; a clean load survives save and load equal, resolving the same.
Profiles and the long run: see conftest.py and docs/reliability.md.
"""

from __future__ import annotations

import json
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
from .conftest import KEEP_GOING, examples
from .drive import AS_OFS, COMMANDS, ZONES, Asks, run, tally
from .generated import generated
from .mutations import ODD_TIMES, ODD_ZONES, TEXT_KEYS, control_characters, mutated, shuffled

F = TypeVar("F", bound=Callable[..., Any])


def fuzz(name: str) -> Callable[[F], F]:
    """The fuzz profile's settings, with the examples it gives the test ``name`` (and its seed,
    when ``FACTCHECK_FUZZ_SEED`` gives one)."""
    profile = settings.get_profile("factcheck-fuzz")

    def decorate(test: F) -> F:
        test = settings(profile, max_examples=examples(name))(test)
        seed = os.environ.get("FACTCHECK_FUZZ_SEED")
        return hypothesis.seed(int(seed))(test) if seed else test

    return decorate


#: How a fuzzed casebook may end: a long run counts failures and goes on (see conftest.py).
OUTCOMES = ("clean", "load-error", "failure") if KEEP_GOING else ("clean", "load-error")
#: What a user asks of a casebook that loads: a zone, a command, and an as-of and --tz as typed.
questions = st.builds(Asks, zone=st.sampled_from(ZONES), command=st.sampled_from(COMMANDS),
                 as_of=st.sampled_from(AS_OFS + tuple(ODD_TIMES)),
                 tz=st.sampled_from((None, *ZONES, *(z for z in ODD_ZONES if isinstance(z, str)))),
                 in_place=st.integers(0, 2).map(lambda n: n == 0))


class TestMutatedShippedCasebook:
    """The shipped casebook, mutated: a clean load or a LoadError naming files, nothing else."""

    @fuzz("shipped")
    @given(book=mutated(st.just(SHIPPED)), asks=questions)
    def test_loads_or_refuses(self, book: Book, asks: Asks) -> None:
        """A mutated copy of the shipped casebook loads and serves everything, or is refused."""
        assert run(book, asks, keep_going=KEEP_GOING) in OUTCOMES


class TestMutatedGeneratedCasebook:
    """Small generated casebooks, mutated: a clean load or a LoadError naming files."""

    @fuzz("generated")
    @given(book=mutated(generated()), asks=questions)
    def test_loads_or_refuses(self, book: Book, asks: Asks) -> None:
        """A mutated generated casebook loads and serves everything, or is refused."""
        assert run(book, asks, keep_going=KEEP_GOING) in OUTCOMES


class TestGeneratedCasebook:
    """The generator's casebooks are valid: what the fuzzer mutates starts clean."""

    @fuzz("clean")
    @given(book=generated(), asks=questions)
    def test_loads_clean(self, book: Book, asks: Asks) -> None:
        """An unmutated generated casebook loads, and survives every query and a round trip."""
        assert run(book, asks, keep_going=KEEP_GOING) in ("clean", *OUTCOMES[2:])


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

    @fuzz("forms")
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
        tally("clean")

    def test_shipped_casebook(self) -> None:
        """The shipped casebook written as JSON Lines loads equal to the shipped casebook."""
        with tempfile.TemporaryDirectory() as tmp:
            write(as_json_lines(SHIPPED), Path(tmp))
            assert factcheck.load(Path(__file__).parents[2]) == factcheck.load(tmp)


def _answers(casebook: factcheck.Casebook) -> dict[str, Any]:
    """Everything a casebook answers that must not depend on the order of files or items: each
    status, each timeline, the findings (what, not where) and the report but for its findings."""
    report = json.loads(factcheck.render_report(casebook, AS_OFS[2], tz=ZONES[1], fmt="json"))
    del report["findings"]
    return {
        "statuses": {(tz, as_of): {c: r.status for c, r in casebook.statuses(as_of, tz).items()}
                     for tz in ZONES for as_of in AS_OFS},
        "timelines": {c.id: [(s.since, s.resolution.status, s.resolution.explain(ZONES[0]))
                             for s in casebook.timeline(c.id).steps] for c in casebook.claims},
        "findings": sorted((f.severity.value, f.code) for f in casebook.findings()),
        "report": report,
    }


@st.composite
def reordered(draw: st.DrawFn) -> tuple[Book, Book]:
    """A generated casebook, and the same with its files renamed and its items shuffled."""
    book = draw(generated())
    if draw(st.booleans()):
        book = as_json_lines(book)
    other = book.copy()
    shuffled(draw, other)
    return book, other


class TestOrder:
    """Nothing a casebook answers depends on the order of its files or declarations."""

    @fuzz("order")
    @given(books=reordered())
    def test_same_answers_in_any_order(self, books: tuple[Book, Book]) -> None:
        """Shuffled, a casebook gives the same statuses, timelines, findings and report."""
        with tempfile.TemporaryDirectory() as tmp:
            one, other = Path(tmp) / "one" / "book", Path(tmp) / "other" / "book"
            write(books[0], one)
            write(books[1], other)
            assert _answers(factcheck.load(one)) == _answers(factcheck.load(other))
        tally("clean")
