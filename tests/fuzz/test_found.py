"""What the fuzzer found, each class as the smallest casebook that showed it (issue #11), run
through the fuzzer's own driver: so each stays found, whatever Hypothesis draws next time.

Each case is the mini casebook (tests/data/mini) changed one way, with the outcome it must have:
``clean`` (it loads, and everything after works), ``load-error`` (refused, every finding naming
a file), or either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .books import MINI, Book, ByteEdit, Raw, as_json_lines
from .drive import run

EITHER = ("clean", "load-error")


def _mini(*steps: Callable[[Book], None], jsonl: bool = False) -> Book:
    book = as_json_lines(MINI) if jsonl else MINI.copy()
    for step in steps:
        step(book)
    return book


def _source(book: Book) -> dict[str, Any]:
    """The nadella source, wherever the book holds it."""
    for path, doc in book.docs.items():
        for table in doc if isinstance(doc, list) else [doc]:
            if path.startswith("sources/") and table.get("id") == "nadella":
                return table
    raise LookupError("nadella")


def _claims(book: Book) -> list[Any]:
    records: list[Any] = book.docs["claims/headline.jsonl"]
    return records


def _set_snapshot(path: str) -> Callable[[Book], None]:
    return lambda book: _source(book).update(snapshot=path)


def _link_out(book: Book) -> None:
    book.links["sources/escape"] = "../../outside"
    _source(book)["snapshot"] = "sources/escape/secret.txt"


def _two_links_out(book: Book) -> None:
    _link_out(book)
    book.docs["sources/newsletter.toml"]["snapshot"] = "sources/escape/secret.txt"


def _link_loop(book: Book) -> None:
    book.links["sources/snapshots/loop.txt"] = "loop.txt"
    _source(book)["snapshot"] = "sources/snapshots/loop.txt"


def _deep_toml(book: Book) -> None:
    assert book.settings is not None
    book.settings["title"] = Raw.both("[" * 1000 + "]" * 1000)


def _deep_jsonl(book: Book) -> None:
    _claims(book)[0]["note"] = Raw.both("[" * 5000 + "]" * 5000)


def _deep_jsonl_table(book: Book) -> None:
    _claims(book)[0]["text"] = Raw.both('{"a": ' * 900 + "1" + "}" * 900)


def _huge_int_toml(book: Book) -> None:
    assert book.settings is not None
    book.settings["corroboration"] = Raw.both("9" * 5000)


def _huge_int_jsonl(book: Book) -> None:
    _claims(book)[0]["note"] = Raw.both("9" * 5000)


def _year_one(book: Book) -> None:
    _source(book)["revisions"][0]["published"] = "0001-01-01 +14:00"


def _lone_surrogate(book: Book) -> None:
    _source(book)["title"] = Raw.both('"Satya \\ud800 Nadella"')


def _line_separator(book: Book) -> None:
    _claims(book)[0]["text"] = "one line\u2028and\u2029another\x85and a third"


def _duplicate_key(book: Book) -> None:
    _claims(book)[0]["claimant"] = Raw.both('"newsletter", "claimant": "openai"')


def _sources_reversed(book: Book) -> None:
    book.docs["sources/bulk.jsonl"].reverse()


def _empty_quote(book: Book) -> None:
    _source(book)["excerpts"][0]["quote"] = ""


def _no_zones(book: Book) -> None:
    assert book.settings is not None
    del book.settings["zone"]


#: name: (the casebook, the outcomes it may have)
CASES: dict[str, tuple[Book, tuple[str, ...]]] = {
    "nesting-toml": (_mini(_deep_toml), ("load-error",)),
    "nesting-jsonl": (_mini(_deep_jsonl, jsonl=True), ("load-error",)),
    "nesting-jsonl-tables": (_mini(_deep_jsonl_table, jsonl=True), ("load-error",)),
    "digits-toml": (_mini(_huge_int_toml), ("load-error",)),
    "digits-jsonl": (_mini(_huge_int_jsonl, jsonl=True), ("load-error",)),
    "year-one-east": (_mini(_year_one), ("load-error",)),
    "snapshot-name-too-long": (_mini(_set_snapshot("x" * 256)), EITHER),
    "snapshot-absolute": (_mini(_set_snapshot("/etc/hostname")), EITHER),
    "snapshot-dotdot": (_mini(_set_snapshot("../outside/secret.txt")), EITHER),
    "snapshot-symlink": (_mini(_link_out), EITHER),
    "snapshot-symlink-loop": (_mini(_link_loop), EITHER),
    "snapshot-symlinks-grouped": (_mini(_two_links_out), EITHER),
    "lone-surrogate": (_mini(_lone_surrogate, jsonl=True), ("load-error",)),
    "line-separators-in-string": (_mini(_line_separator, jsonl=True), ("clean",)),
    "duplicate-key": (_mini(_duplicate_key, jsonl=True), ("load-error",)),
    "sources-out-of-order": (_mini(_sources_reversed, jsonl=True), ("clean",)),
    "empty-quote": (_mini(_empty_quote), EITHER),
    "truncated": (_mini(lambda b: b.edits.append(ByteEdit("claims/headline.toml", "truncate",
                                                           200))), ("load-error",)),
    "utf-16": (_mini(lambda b: b.edits.append(ByteEdit("sources/nadella.toml", "utf-16"))),
               ("load-error",)),
    "no-zone": (_mini(_no_zones), EITHER),
}


#: Classes found but not yet fixed: name -> why.
NOT_YET_FIXED: dict[str, str] = {}


class TestFoundByTheFuzzer:
    """Each class of failure the fuzzer found, as its smallest casebook."""

    @pytest.mark.parametrize("name", [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=NOT_YET_FIXED[name]))
        if name in NOT_YET_FIXED else name for name in sorted(CASES)])
    def test_outcome(self, name: str) -> None:
        """The casebook loads or is refused as it must, and nothing else escapes."""
        book, outcomes = CASES[name]
        assert run(book) in outcomes
