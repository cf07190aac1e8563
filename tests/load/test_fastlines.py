"""JSON Lines through the compiled decoder (msgspec): clean lines fast, every other line read again
by the precise reader, so that every finding is the one it always was (issue #12, item 5)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import msgspec
import pytest

import factcheck
from factcheck._fastlines import claims_record, source_record

from .casebooks import outcome_both_ways

ROOT = Path(__file__).resolve().parents[2]

SOURCE = {
    "id": "fast-s1", "title": "Source 99", "kind": "article", "publisher": "Outlet 9",
    "language": "en",
    "zone": "Asia/Seoul", "speaks_for": [],
    "revisions": [{"id": "r0", "published": "2023-11-20T09:00"}],
    "excerpts": [{"id": "fast-e1", "revision": "r0", "quote": "He said: it is so.",
                  "stances": {"c0": "asserts"}}],
}
CLAIM = {"type": "claim", "id": "c9", "kind": "event", "text": "Claim nine.",
         "subjects": ["p0"], "claimant": "p1", "valid": "2023-11-02 America/Los_Angeles"}


def _line(record: dict[str, object]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _swap(line: str, old: str, new: str) -> str:
    assert old in line
    return line.replace(old, new, 1)


CLEAN = _line(SOURCE)
#: Source lines the casebook refuses, or that msgspec takes differently: each must leave the fast
#: path (``source_record`` gives None) and be reported as the precise reader reports it.
HOSTILE_SOURCES = {
    "key twice at the top": _swap(CLEAN, '"title":', '"title":"T","title":'),
    "key twice in an excerpt": _swap(CLEAN, '"quote":', '"quote":"q","quote":'),
    "key twice in stances": _swap(CLEAN, '{"c0":"asserts"}', '{"c0":"asserts","c0":"refutes"}'),
    "key twice in a revision": _swap(CLEAN, '"id":"r0"', '"id":"r0","id":"r1"'),
    # An escaped colon gives the decoded line one colon more, a repeated key one fewer.
    "key twice, colon escaped": _swap(_swap(CLEAN, "He said:", "He said\\u003a"),
                                      '"title":', '"title":"T","title":'),
    "key twice, once spaced from its colon": _swap(CLEAN, '"title":', '"title" :"T","title":'),
    "key twice in stances, spaced": _swap(CLEAN, '{"c0":"asserts"}',
                                          '{"c0"\t:"asserts","c0":"refutes"}'),
    # A quote that ends a quotation with a colon: clean, but it looks like one key more.
    "quotation then colon": _swap(CLEAN, "He said:", 'He said \\"so\\":'),
    "lone surrogate": _swap(CLEAN, "it is so", "it \\ud800 is so"),
    "NaN": _swap(CLEAN, '"speaks_for":[]', '"note":NaN,"speaks_for":[]'),
    "Infinity": _swap(CLEAN, '"speaks_for":[]', '"note":-Infinity,"speaks_for":[]'),
    "beyond 64 bits": _swap(CLEAN, '"speaks_for":[]', f'"note":{2**64},"speaks_for":[]'),
    "a number": _swap(CLEAN, '"speaks_for":[]', '"note":7,"speaks_for":[]'),
    "too deep": _swap(CLEAN, '"speaks_for":[]',
                      '"note":' + "[" * 40 + "]" * 40 + ',"speaks_for":[]'),
    "unknown key": _swap(CLEAN, '"speaks_for":[]', '"colour":"red","speaks_for":[]'),
    "unknown zone": _swap(CLEAN, '"Asia/Seoul"', '"Mars/Olympus"'),
    "not a time": _swap(CLEAN, '"2023-11-20T09:00"', '"soon"'),
    "unknown kind": _swap(CLEAN, '"article"', '"scroll"'),
    "unknown stance": _swap(CLEAN, '"asserts"', '"shouts"'),
    "no stances": _swap(CLEAN, '{"c0":"asserts"}', "{}"),
    "speaks_for null": _swap(CLEAN, '"speaks_for":[]', '"speaks_for":null'),
    "excerpts null": _swap(CLEAN, '"excerpts":[', '"excerpts":null,"x":['),
    "trailing comma": _swap(CLEAN, '"speaks_for":[]', '"speaks_for":[],'),
    "an array": "[" + CLEAN + "]",
    "verbatim a number": _swap(CLEAN, '"quote":', '"verbatim":0,"quote":'),
    "verbatim a string": _swap(CLEAN, '"quote":', '"verbatim":"false","quote":'),
    "verbatim null": _swap(CLEAN, '"quote":', '"verbatim":null,"quote":'),
    "verbatim twice": _swap(CLEAN, '"quote":', '"verbatim":true,"verbatim":false,"quote":'),
}
#: Lines among those the fast path leaves that the casebook takes all the same.
TAKEN_SLOWLY = {"quotation then colon"}
#: Clean lines, written in ways a tool might write them: the fast path takes them.
CLEAN_SOURCES = {
    # Bounded times are read as the precise path reads them (``_bounds.parse_time``).
    "a bounded time": _swap(CLEAN, '"2023-11-20T09:00"', '">= 2023-11-20T09:00"'),
    "compact": CLEAN,
    "spaced": json.dumps(SOURCE, indent=None),
    "escaped (ensure_ascii)": json.dumps({**SOURCE, "title": "서울 \u2028 news"}),
    "a note null": _swap(CLEAN, '"speaks_for":[]', '"note":null,"speaks_for":[]'),
    "surrogate pair": _swap(CLEAN, "it is so", "it \\ud83d\\ude00 is so"),
    "tabs around": "\t" + CLEAN + " ",
    "colon escaped": _swap(CLEAN, "He said:", "He said\\u003A"),
    "spaced after colons": _swap(CLEAN, '"title":', '"title": '),
    "a paraphrase": _swap(CLEAN, '"quote":', '"verbatim":false,"quote":'),
    "verbatim said": _swap(CLEAN, '"quote":', '"verbatim":true,"quote":'),
}
HOSTILE_CLAIMS = {
    "type twice": _swap(_line(CLAIM), '"id":', '"type":"claim","id":'),
    "subjects twice": _swap(_line(CLAIM), '"claimant":', '"subjects":[],"claimant":'),
    "text twice, spaced": _swap(_line(CLAIM), '"claimant":', '"text" \r: "x","claimant":'),
    "a property": _line({"type": "property", "id": "x", "claim": "c0", "text": "x"}),
    "unknown type": _swap(_line(CLAIM), '"type":"claim"', '"type":"claimz"'),
    "zone null": _swap(_line(CLAIM), '"id":', '"zone":null,"id":'),
    "zone unknown": _swap(_line(CLAIM), '"id":', '"zone":"Asia/seoul","id":'),
    "no subjects": _line({k: v for k, v in CLAIM.items() if k != "subjects"}),
    "relation from twice": _line({"type": "relation", "kind": "supports", "from": "c0",
                                  "to": "c1"}).replace('"to":', '"from":"c2","to":'),
    "aliases null": _line({"type": "stakeholder", "id": "p9", "name": "P9", "kind": "person",
                           "aliases": None}),
}
CLEAN_CLAIMS = {
    "a bounded time": _swap(_line(CLAIM), '"2023-11-02 America/Los_Angeles"',
                            '"<= 2023-11-02 America/Los_Angeles"'),
    "typed": _line(CLAIM),
    "no type": _line({k: v for k, v in CLAIM.items() if k != "type"}),
    "zone given": _line({**CLAIM, "zone": "Asia/Seoul", "valid": "2023-11-02T10:00"}),
    "relation": _line({"type": "relation", "kind": "supports", "from": "c0", "to": "c1"}),
    "stakeholder": _line({"type": "stakeholder", "id": "p9", "name": "P9", "kind": "person",
                          "aliases": ["Nine"]}),
}


@pytest.fixture(scope="module")
def bench_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated bench casebook in JSON Lines (30 claims)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import run
    finally:
        sys.path.remove(str(ROOT / "bench"))
    out = tmp_path_factory.mktemp("bench")
    run.generate(30, 3, out)
    return out / "jsonl"


def _with_line(book: Path, tmp_path: Path, file: str, line: str) -> Path:
    root = tmp_path / "book"
    for path in book.rglob("*"):
        if path.is_file():
            target = root / path.relative_to(book)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    with (root / file).open("a", encoding="utf-8", newline="") as f:
        f.write(line + "\r\n")
    return root


class TestMsgspecItself:
    """What msgspec does with what the casebook refuses: the reasons for each guard."""

    def test_keeps_the_last_of_a_repeated_key(self):
        """A repeated key is no error to msgspec: the last value silently wins."""
        assert {"a": 2} == msgspec.json.decode(b'{"a":1,"a":2}')

    def test_refuses_a_lone_surrogate_and_nan(self):
        """A lone surrogate escape and NaN are refused by msgspec itself."""
        for text in (b'["\\ud800"]', b"[NaN]", b"[Infinity]"):
            with pytest.raises(msgspec.DecodeError):
                msgspec.json.decode(text)

    def test_takes_whole_numbers_beyond_64_bits(self):
        """msgspec takes a whole number of any size: the structs hold no number at all."""
        assert [2**64] == msgspec.json.decode(str([2**64]).encode())


class TestFastPathTakes:
    """Which lines the fast path takes, and which it leaves to the precise reader."""

    @pytest.mark.parametrize("name", sorted(CLEAN_SOURCES))
    def test_clean_source(self, name):
        """A clean source line is read by msgspec into the model."""
        assert isinstance(source_record(CLEAN_SOURCES[name].encode()), factcheck.Source)

    @pytest.mark.parametrize("name", sorted(HOSTILE_SOURCES))
    def test_hostile_source(self, name):
        """A line the casebook refuses (or msgspec would misread) is left to the precise reader."""
        assert None is source_record(HOSTILE_SOURCES[name].encode())

    @pytest.mark.parametrize("name", sorted(CLEAN_CLAIMS))
    def test_clean_claims_record(self, name):
        """A clean claim, relation or stakeholder line is read by msgspec into the model."""
        assert None is not claims_record(CLEAN_CLAIMS[name].encode())

    @pytest.mark.parametrize("name", sorted(HOSTILE_CLAIMS))
    def test_hostile_claims_record(self, name):
        """A claims line the fast path does not take is left to the precise reader."""
        assert None is claims_record(HOSTILE_CLAIMS[name].encode())


class TestSameOutcome:
    """A casebook loads the same with the fast path and without: the same objects, or the very
    same findings (code, message, file, line, key path)."""

    def test_bench_casebook(self, bench_book):
        """The generated bench casebook: equal casebooks, equal reprs, equal files."""
        fast, precise = outcome_both_ways(bench_book)
        assert "loaded" == fast[0]
        assert precise == fast

    @pytest.mark.parametrize("name", sorted({**HOSTILE_SOURCES, **CLEAN_SOURCES}))
    def test_source_line(self, name, bench_book, tmp_path):
        """A source line, hostile or clean, appended to the bench casebook's sources."""
        line = {**HOSTILE_SOURCES, **CLEAN_SOURCES}[name]
        root = _with_line(bench_book, tmp_path, "sources/sources.jsonl", line)
        fast, precise = outcome_both_ways(root)
        assert precise == fast
        assert ("loaded" if name in {*CLEAN_SOURCES, *TAKEN_SLOWLY} else "refused") == fast[0]

    def test_empty_paraphrase(self, bench_book, tmp_path):
        """An empty paraphrase passes msgspec's types; the fast path, which checks each excerpt on
        its own, leaves it to the precise path, and it is refused the same way."""
        line = _swap(CLEAN, '"quote":"He said: it is so."', '"verbatim":false,"quote":"  "')
        assert None is source_record(line.encode())
        root = _with_line(bench_book, tmp_path, "sources/sources.jsonl", line)
        fast, precise = outcome_both_ways(root)
        assert precise == fast
        assert "refused" == fast[0]
        assert "empty-quote" in repr(fast)

    @pytest.mark.parametrize("name", sorted({**HOSTILE_CLAIMS, **CLEAN_CLAIMS}))
    def test_claims_line(self, name, bench_book, tmp_path):
        """A claims line, hostile or clean, appended to the bench casebook's claims."""
        line = {**HOSTILE_CLAIMS, **CLEAN_CLAIMS}[name]
        root = _with_line(bench_book, tmp_path, "claims/claims.jsonl", line)
        fast, precise = outcome_both_ways(root)
        assert precise == fast

    def test_duplicate_key_named_with_its_line(self, bench_book, tmp_path):
        """The finding of a repeated key names the file and line, as before msgspec."""
        root = _with_line(bench_book, tmp_path, "sources/sources.jsonl",
                          HOSTILE_SOURCES["key twice in stances"])
        lines = (root / "sources" / "sources.jsonl").read_text("utf-8").count("\n")
        with pytest.raises(factcheck.LoadError) as raised:
            factcheck.load(root)
        [finding] = raised.value.findings
        assert ("duplicate-key", "sources/sources.jsonl", lines) == (
            finding.code, finding.file, finding.lineno)
        assert '"c0"' in finding.message
