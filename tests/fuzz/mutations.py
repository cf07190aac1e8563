"""How the fuzzer changes a casebook: its documents, the bytes written from them, and its folder.

Each mutation takes Hypothesis's ``draw`` and a :class:`~.books.Book`, changes the book in place
and says what it did in ``book.story``. :func:`mutated` draws a casebook, its form (TOML, JSON
Lines or both) and a few mutations.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from .books import Book, ByteEdit, Raw, as_json_lines

Mutation = Callable[[st.DrawFn, Book], None]

TIME_KEYS = ("published", "valid", "until", "due", "as_of")
ZONE_KEYS = ("zone", "tz")
TEXT_KEYS = ("title", "text", "quote", "translation", "note", "name", "label", "publisher",
             "author", "url", "language")

ODD_TIMES = [
    # The ends of the calendar, with the offsets that push them past it.
    "0001-01-01 +14:00", "0001-01-01T00:00 -14:00", "0001-01-01T00:00-14:00", "0001 UTC",
    "0001-01-02 +14:00", "9999-12-31 -14:00", "9999-12-31T23:59:59 +14:00", "9999 -12:00",
    "9999-12-31 night Pacific/Kiritimati", "0001-01-01 morning Pacific/Pago_Pago", "0000-01-01 UTC",
    # Zones that are not, or are only nearly.
    "2023-11-19 Mars/Olympus", "2023-11-19 utc", "2023-11-19 Asia/seoul", "2023-11-19 +25:00",
    "2023-11-19 +14:01", "2023-11-19 -00:00", "2023-11-19 Z", "2023-11-19 EST",
    "2023-11-19 Etc/GMT+14", "2023-11-19 Etc/GMT-14", "2023-11-19 localtime",
    "2023-11-19 ../../etc/passwd", "2023-11-19 /etc/localtime", "2023-11-19 Factory",
    "2023-11-19 posixrules", "2023-11-19 Asia/Seoul\x00", "2023-11-19 \u202eUTC",
    # Naive times, gaps and folds, impossible clocks.
    "2023-11-19T12:00", "2023-11-19", "2024-03-10T02:30 America/Los_Angeles",
    "2024-11-03T01:30 America/Los_Angeles", "2024-03-31T01:30 Europe/London",
    "2024-03-10T02 America/Los_Angeles", "2023-11-19T24:00 UTC", "2023-02-29 UTC",
    "2024-02-29 UTC", "2023-11-18T25 UTC", "2023-11-18T12:60 UTC", "2023-11-18T12:00:60 UTC",
    "2023-11-18T12:00:00.123456789 UTC", "2023-11-18T12:00+09:00 Asia/Seoul",
    "2023-11-18T12:00-08:00 Asia/Seoul", "2023-00-10 UTC", "2023-13 UTC",
    # Intervals reversed, empty, tripled; parts of day.
    "2023-11-20/2023-11-19 UTC", "2023-11-19T12:00/2023-11-19T12:00 UTC",
    "2023-11-19/2023-11-20/2023-11-21 UTC", "2023-11-19T12:00/2023-11-19T11:00",
    "0001-01-01/9999-12-31 UTC", "2023-11-18 morning", "2023-11-18 night Asia/Seoul",
    "9999-12-31 night UTC", "2023-11-18 midnight UTC", "2023-11-18 Night UTC",
    # Bounds mistyped, doubled, on intervals, at the ends of the calendar.
    "< 2023-11-19 UTC", "=< 2023-11-19 UTC", "\u2264 2023-11-19 UTC", "<=", ">= ", "<= <= 2023 UTC",
    "<= 2023-11-19/2023-11-20 UTC", ">= 9999-12-31 night UTC", "<= 0001-01-01 UTC",
    "<=2023-11-19 localtime", ">= 2023-11-19T12:00",
    # Not times at all, or in other digits.
    "", " ", "now", "yesterday", "2023-11-18\n UTC", "+2023-11-18 UTC", "12023-11-18 UTC",
    "2023-W47 UTC", "２０２３-11-18 UTC", "٢٠٢٣-١١-١٨ UTC", "2023-11-18" + " " * 200 + "UTC",
]
ODD_TOML_TIMES: list[Any] = [
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=-14))),
    dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-14))),
    dt.datetime(9999, 12, 31, 23, 59), dt.datetime(1, 1, 1), dt.date(1, 1, 1),
    dt.date(9999, 12, 31), dt.time(12, 0), dt.datetime(2024, 3, 10, 2, 30),
    dt.datetime(2023, 11, 19, 12, tzinfo=dt.timezone(dt.timedelta(hours=23, minutes=59))),
]
ODD_ZONES: list[Any] = [
    "Mars/Olympus", "", " ", "UTC", "utc", "+14:00", "-14:00", "+99:00", "Etc/GMT+14", "localtime",
    "../../etc/passwd", "/etc/localtime", "Asia/Seoul\x00", "America/Los_Angeles ", "EST5EDT",
    "Factory", "Asia", "Asia/", "zone" * 100, 123, True, ["UTC"], {"name": "UTC"},
]

#: Values of every TOML and JSON type, the awkward ones above all.
values = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "2023-11-19", "asserts", "event", "state", "party-0", "claim-0",
                     "rev-0", "source-0", "sam-altman", "altman-fired", "no-such-id", "UTC",
                     "-08:00", "refuted", "\x00", "\u202e", "Ünïcode", "0"]),
    st.integers(),
    st.integers(min_value=2**63, max_value=2**80),
    st.floats(),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30),
                 timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=14)),
                                            dt.timezone(dt.timedelta(hours=-14))])),
    st.dates(),
    st.times(),
    st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    st.sampled_from([[{}], {}, [], [[]], {"": ""}]),
    st.just(Raw("[]", "null")),
)


# -- finding things in a book --------------------------------------------------------------------


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path inside a document (not the document itself)."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += paths(value, (*prefix, i))
    return found


def tables(book: Book) -> list[dict[str, Any]]:
    """Every table of every document (and ``casebook.toml``), records of JSON Lines included."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(book.settings)
    for doc in book.docs.values():
        walk(doc)
    return found


def with_key(book: Book, *keys: str) -> list[tuple[dict[str, Any], str]]:
    """Each table holding one of ``keys``, with the key."""
    return [(table, key) for table in tables(book) for key in keys if key in table]


def sources(book: Book) -> list[dict[str, Any]]:
    """The source tables: each ``sources/*.toml`` document, each record of ``sources/*.jsonl``."""
    found = []
    for path, doc in book.docs.items():
        if path.startswith("sources/") and isinstance(doc, dict):
            found.append(doc)
        elif path.startswith("sources/") and isinstance(doc, list):
            found += [record for record in doc if isinstance(record, dict)]
    return found


def items(book: Book, key: str) -> list[list[Any]]:
    """Every list named ``key`` (``claims``, ``excerpts``...) of the TOML documents, and the list
    of records of each claims JSON Lines file."""
    found = [table[key] for table, _ in with_key(book, key) if isinstance(table[key], list)]
    found += [doc for path, doc in book.docs.items()
              if path.startswith("claims/") and isinstance(doc, list)]
    return found


def claim_ids(book: Book) -> list[str]:
    """The ids of the book's claims, as written."""
    ids = [c.get("id") for c in tables(book) if c.get("kind") in
           ("event", "state", "prediction", "opinion") and "text" in c]
    return [i for i in ids if isinstance(i, str)] or ["claim-0"]


# -- mutations of documents ----------------------------------------------------------------------


def _pick_place(draw: st.DrawFn, book: Book) -> tuple[Any, Any] | None:
    """A random place in a random document: its container and key (or index)."""
    names = sorted(book.docs) + (["casebook.toml"] if book.settings is not None else [])
    name = draw(st.sampled_from(names))
    doc = book.settings if name == "casebook.toml" else book.docs[name]
    if isinstance(doc, bytes):
        return None
    found = paths(doc)
    if not found:
        return None
    path = draw(st.sampled_from(found))
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    book.story.append(f"{name}: {'.'.join(map(str, path))}")
    return parent, path[-1]


def delete_key(draw: st.DrawFn, book: Book) -> None:
    """A key (or list item) deleted anywhere."""
    place = _pick_place(draw, book)
    if place is not None:
        parent, key = place
        del parent[key]
        book.story.append("deleted")


def retype(draw: st.DrawFn, book: Book) -> None:
    """A value anywhere replaced by one of another type (string, integer, list, table, bool...)."""
    place = _pick_place(draw, book)
    if place is not None:
        parent, key = place
        parent[key] = draw(values)
        book.story.append(f"set to {parent[key]!r}"[:200])


def unknown_key(draw: st.DrawFn, book: Book) -> None:
    """A key the format does not know, in some table."""
    found = tables(book)
    if found:
        table = draw(st.sampled_from(found))
        key = draw(st.one_of(st.text(max_size=8), st.sampled_from(["type", "zone", "ID", "id "])))
        table[key] = draw(values)
        book.story.append(f"added key {key!r}")


def odd_time(draw: st.DrawFn, book: Book) -> None:
    """A time value, or a zone, set to one at the edge: year 1 or 9999 with +-14:00, unknown
    zones, naive times, gaps and folds, reversed intervals, parts of day."""
    found = with_key(book, *TIME_KEYS, *ZONE_KEYS)
    if not found:
        return
    table, key = draw(st.sampled_from(found))
    if key in ZONE_KEYS:
        table[key] = draw(st.sampled_from(ODD_ZONES))
    else:
        table[key] = draw(st.one_of(st.sampled_from(ODD_TIMES), st.sampled_from(ODD_TOML_TIMES)))
    book.story.append(f"{key} = {table[key]!r}")


def no_zones(draw: st.DrawFn, book: Book) -> None:
    """Every ``zone`` of the casebook's files removed: their times are left naive."""
    for table, key in with_key(book, "zone"):
        if draw(st.booleans()):
            del table[key]
    book.story.append("zones removed")


def duplicate_id(draw: st.DrawFn, book: Book) -> None:
    """An item given twice: a claim, stakeholder, excerpt, revision, relation or whole source."""
    lists = [items_ for key in ("claims", "stakeholders", "excerpts", "revisions", "relations",
                                "properties", "expect") for items_ in items(book, key) if items_]
    source_files = [p for p, d in book.docs.items() if p.startswith("sources/")
                    and not isinstance(d, bytes)]
    if source_files and (not lists or draw(st.booleans())):
        path = draw(st.sampled_from(source_files))
        suffix = path.rsplit(".", 1)[1]
        twin = copy.deepcopy(book.docs[path])
        book.docs[f"sources/{draw(st.sampled_from(['a', 'zz', 'copy']))}-twin.{suffix}"] = twin
        book.story.append(f"{path} given twice")
        return
    if lists:
        chosen = draw(st.sampled_from(lists))
        item = draw(st.sampled_from(chosen))
        chosen.insert(draw(st.integers(0, len(chosen))), copy.deepcopy(item))
        book.story.append(f"item given twice: {str(item)[:80]}")


def relation_cycle(draw: st.DrawFn, book: Book) -> None:
    """Relations that go round: a claim to itself, two claims both ways, or three in a ring."""
    ids = claim_ids(book)
    ring = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3))
    kind = draw(st.sampled_from(["supports", "supersedes", "contradicts"]))
    relations = [{"kind": kind, "from": a, "to": b}
                 for a, b in zip(ring, [*ring[1:], ring[0]], strict=True)]
    jsonl = [p for p, d in book.docs.items() if p.startswith("claims/") and isinstance(d, list)]
    tomls = [p for p, d in book.docs.items() if p.startswith("claims/") and isinstance(d, dict)]
    path = draw(st.sampled_from(sorted(jsonl + tomls) or ["claims/cycle.toml"]))
    doc = book.docs.setdefault(path, {})
    if isinstance(doc, list):
        doc += [{"type": "relation", **r} for r in relations]
    elif isinstance(doc, dict):
        if not isinstance(doc.get("relations"), list):
            doc["relations"] = []
        doc["relations"] += relations
    book.story.append(f"{kind} cycle {ring}")


def huge_value(draw: st.DrawFn, book: Book) -> None:
    """A string of 200,000 characters, a value nested hundreds of levels deep, or a number of
    thousands of digits."""
    place = _pick_place(draw, book)
    if place is None:
        return
    parent, key = place
    kind = draw(st.sampled_from(["string", "list", "table", "integer", "float", "special"]))
    depth = draw(st.sampled_from([100, 300, 600, 1000, 3000]))
    digits = draw(st.sampled_from([19, 20, 400, 4300, 4301, 5000, 20000]))
    if kind == "string":
        parent[key] = draw(st.sampled_from(["x", "가", "\U0001f600", "\\", "\"", "\n"])) * draw(
            st.sampled_from([256, 10_000, 200_000]))
    elif kind == "list":
        parent[key] = Raw.both("[" * depth + "]" * depth)
    elif kind == "table":
        parent[key] = Raw("{ a = " * depth + "1" + " }" * depth,
                          '{"a": ' * depth + "1" + "}" * depth)
    elif kind == "integer":
        parent[key] = Raw.both(draw(st.sampled_from(["", "-"])) + "9" * digits)
    elif kind == "float":
        parent[key] = Raw.both("1" + "0" * digits + ".5e" + "9" * min(digits, 50))
    else:
        parent[key] = draw(st.sampled_from([Raw("inf", "Infinity"), Raw("nan", "NaN"),
                                            Raw("-inf", "-Infinity"), Raw("1e400", "1e400"),
                                            Raw("-0.0", "-0.0"), Raw("0x10", "1E2")]))
    book.story.append(f"huge {kind}")


CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x1c", "\x7f", "\x85",
           "\r", "\r\n", "\t", "\u2028", "\u2029", "\u202e", "\ufeff", "\ufffe", "\uffff",
           "\U0010ffff", "\u200b", "<script>", "]]>", "\"", "\\", "'''", '"""', "{{", "%s"]


def control_characters(draw: st.DrawFn, book: Book, keys: tuple[str, ...] = ()) -> None:
    """Control characters (and other troublemakers) inside a string: a text, an id, a zone (or
    only in the ``keys`` given)."""
    found = [(t, k) for t in tables(book) for k, v in t.items()
             if isinstance(v, str) and (not keys or k in keys)]
    if not found:
        return
    table, key = draw(st.sampled_from(found))
    chars = "".join(draw(st.lists(st.sampled_from(CONTROL), min_size=1, max_size=3)))
    at = draw(st.integers(0, len(table[key])))
    table[key] = table[key][:at] + chars + table[key][at:]
    book.story.append(f"{key} = {table[key]!r}"[:200])


def json_lines_strings(draw: st.DrawFn, book: Book) -> None:
    """In a JSON Lines record: a lone surrogate, a key given twice, a raw U+2028, U+2029 or U+0085
    inside a string, a line that is not an object, a blank line."""
    files = [p for p, d in book.docs.items() if p.endswith(".jsonl") and isinstance(d, list)]
    if not files:
        return
    records = book.docs[draw(st.sampled_from(sorted(files)))]
    objects = [r for r in records if isinstance(r, dict)]
    kind = draw(st.sampled_from(["surrogate", "duplicate-key", "separator", "line",
                                 "surrogate-key"]))
    if kind == "line" or not objects:
        records.insert(draw(st.integers(0, len(records))), draw(st.sampled_from([
            Raw.both(""), Raw.both("   "), Raw.both("null"), Raw.both("[]"), Raw.both("1"),
            Raw.both('"text"'), Raw.both("{}"), Raw.both('{"type": "claim"} {}'),
            Raw.both('{"type": "claim",}'), Raw.both("\ufeff{}"), Raw.both("// comment")])))
        book.story.append("an odd line")
        return
    record = draw(st.sampled_from(objects))
    strings = [k for k, v in record.items() if isinstance(v, str)] or ["id"]
    key = draw(st.sampled_from(strings))
    if kind == "surrogate":
        escape = draw(st.sampled_from(["\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83d"]))
        record[key] = Raw.both(f'"{record.get(key, "")}{escape}"'.replace("\n", "\\n"))
    elif kind == "surrogate-key":
        record[key] = Raw.both('"x", "\\ud800": 1')
    elif kind == "duplicate-key":
        other = draw(st.sampled_from(["a-twin", "", 1, None, ["x"]]))
        record[key] = Raw.both(f"{json.dumps(record.get(key))}, {json.dumps(key)}: "
                               f"{json.dumps(other)}")
    else:
        char = draw(st.sampled_from(["\u2028", "\u2029", "\x85", "\u2028\u2029", "\r", "\x1c"]))
        value = record.get(key) if isinstance(record.get(key), str) else ""
        assert isinstance(value, str)
        record[key] = value + char + "after"
    book.story.append(f"JSON Lines {kind} at {key}")


def snapshot_path(draw: st.DrawFn, book: Book) -> None:
    """A source's (or revision's) snapshot path that is absolute, escapes with ``..``, has a part
    over 255 bytes, leads through a symlink out of the folder, or is no file at all."""
    found = sources(book)
    found += [r for s in found if isinstance(s.get("revisions"), list)
              for r in s["revisions"] if isinstance(r, dict)]
    if not found:
        return
    source = draw(st.sampled_from(found))
    kind = draw(st.sampled_from(["absolute", "dotdot", "long", "symlink-folder", "symlink-file",
                                 "odd", "missing"]))
    if kind == "absolute":
        path = draw(st.sampled_from(["/etc/hostname", "/etc/passwd", "/dev/zero", "/proc/self/mem",
                                     "/nonexistent/x.txt", "/", "//etc/hostname"]))
    elif kind == "dotdot":
        path = draw(st.sampled_from(["../outside/secret.txt", "../../x", "sources/../../x",
                                     "sources/snapshots/../../../outside/secret.txt", "..",
                                     "sources/../casebook.toml", "./sources/../claims"]))
    elif kind == "long":
        part = draw(st.sampled_from(["x" * 256, "가" * 86, "x" * 255, "x" * 5000]))
        path = draw(st.sampled_from([part, f"sources/{part}", f"sources/{part}/a.txt"]))
    elif kind == "symlink-folder":
        book.links["sources/escape"] = "../../outside"
        path = "sources/escape/secret.txt"
    elif kind == "symlink-file":
        book.links["sources/snapshots/escape.txt"] = draw(st.sampled_from(
            ["../../../outside/secret.txt", "/etc/hostname", "escape.txt", "../../casebook.toml"]))
        path = "sources/snapshots/escape.txt"
    elif kind == "odd":
        path = draw(st.sampled_from(["", ".", "sources", "sources/snapshots", "a\x00b",
                                     "C:\\Windows\\win.ini", "~/x", "sources\\snapshots\\x.txt",
                                     "sources/snapshots/*.txt", "\u202e.txt"]))
    else:
        path = "sources/snapshots/none.txt"
    source["snapshot"] = path
    if draw(st.booleans()):
        source["sha256"] = draw(st.sampled_from(["0" * 64, "f" * 64, "F" * 64, "xyz", ""]))
    elif "sha256" in source:
        del source["sha256"]
    book.story.append(f"snapshot = {path[:80]!r} ({kind})")


def empty_quote(draw: st.DrawFn, book: Book) -> None:
    """An excerpt whose quote is empty, or only spaces."""
    found = with_key(book, "quote")
    if found:
        table, key = draw(st.sampled_from(found))
        table[key] = draw(st.sampled_from(["", " ", "\n", "\u3000", "\u200b"]))
        book.story.append(f"quote = {table[key]!r}")


def shuffled(draw: st.DrawFn, book: Book) -> None:
    """Sources (and claims, records, files) in another order: new file names, shuffled lists."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    renamed: dict[str, Any] = {}
    for path, doc in book.docs.items():
        if path.startswith("sources/") and path.endswith(".toml"):
            path = f"sources/{rng.randrange(10**6):06d}-{path[len('sources/'):]}"
        renamed[path] = doc
    book.docs = renamed
    records = [d for p, d in book.docs.items() if p.endswith(".jsonl") and isinstance(d, list)]
    for found in [*items(book, "claims"), *items(book, "stakeholders"), *records]:
        rng.shuffle(found)
    book.story.append("shuffled")


def ignored_files(draw: st.DrawFn, book: Book) -> None:
    """Files the loader does not read beside those it does: other endings, dot-files, folders."""
    name = draw(st.sampled_from(["claims/board.tml", "claims/.#lock.toml", "sources/.x.jsonl",
                                 "claims/notes.txt", "sources/README", "claims/sub/x.toml",
                                 "claims/x.TOML", "claims/x.toml~"]))
    book.extra[name] = draw(st.sampled_from([b"", b"\xff\xfe\x00", b"id = 1\n"]))
    book.story.append(f"added {name}")


DOC_MUTATIONS: list[Mutation] = [
    delete_key, retype, unknown_key, odd_time, no_zones, duplicate_id, relation_cycle, huge_value,
    control_characters, json_lines_strings, snapshot_path, empty_quote, shuffled, ignored_files,
]


# -- mutations of bytes and files ----------------------------------------------------------------

BAD_BYTES = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80",
             b"\x00", b"\xc0\xaf", b"\xe2\x80", b"\x1b", b"\r", b"\x0c", b"\xe2\x80\xa8",
             b"\xc2\x85", b"\"", b"[", b"{", b"=", b"\n[[claims]]\n", b"\n\n", b"#", b"\\"]


def byte_edit(draw: st.DrawFn, book: Book) -> None:
    """The bytes of one file changed: truncated, emptied, raw bytes or invalid UTF-8 put in,
    re-encoded as UTF-16 or Latin-1, line ends changed, the file deleted or made a folder."""
    files = sorted(book.docs) + (["casebook.toml"] if book.settings is not None else [])
    files += sorted(book.extra)
    file = draw(st.sampled_from(files))
    kind = draw(st.sampled_from(["truncate", "empty", "insert", "overwrite", "utf-16", "utf-16-be",
                                 "latin-1", "bom", "crlf", "cr", "delete", "folder"]))
    at = draw(st.integers(0, 2**20))
    data = b"".join(draw(st.lists(st.sampled_from(BAD_BYTES), min_size=1, max_size=3)))
    if draw(st.booleans()):
        data = draw(st.binary(min_size=1, max_size=8))
    book.edits.append(ByteEdit(file, kind, at, data))
    book.story.append(f"{file}: {kind} at {at} {data!r}")


# -- the whole ---------------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[Book], *, most: int = 3) -> Book:
    """A casebook drawn from ``base``, in TOML, JSON Lines or both, with up to ``most`` mutations
    of its documents and at most one of its bytes (none at all, a quarter of the time)."""
    book = draw(base).copy()
    form = draw(st.sampled_from(["toml", "jsonl", "mixed"]))
    if form == "jsonl":
        book = as_json_lines(book)
    elif form == "mixed":
        book = as_json_lines(book, sources=draw(st.booleans()), claims=draw(st.booleans()))
    for mutation in draw(st.lists(st.sampled_from(DOC_MUTATIONS), max_size=most)):
        mutation(draw, book)
    if draw(st.integers(0, 5)) == 0:
        byte_edit(draw, book)
    return book
