"""Casebooks for the fuzzer to mutate, before they are written: the shipped one and small ones.

A :class:`Book` holds a casebook as documents, not text: ``casebook.toml`` as a table, each TOML
file as a table and each JSON Lines file as a list of records, beside the files that are bytes
already (snapshots). Mutations change the documents (a key deleted, a value retyped, a relation
added), the bytes written from them (truncated, re-encoded) and the folder itself (symlinks);
:func:`write` then puts the result in a folder for ``factcheck.load``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from pathlib import Path
from typing import Any

import attrs
import tomli_w

ROOT = Path(__file__).resolve().parents[2]


@attrs.frozen
class Raw:
    """Text written verbatim where a value goes, in TOML and in JSON: what no writer would write
    (a thousand-digit integer, a value nested hundreds of levels, a key given twice)."""

    toml: str
    json: str

    @classmethod
    def both(cls, text: str) -> Raw:
        """The same text in both forms."""
        return cls(text, text)


@attrs.define
class ByteEdit:
    """A change to the bytes written for one file: ``kind`` with a position and some bytes."""

    file: str
    kind: str
    at: int = 0
    data: bytes = b""


@attrs.define(repr=False)
class Book:
    """A casebook as documents: what :func:`write` puts in a folder."""

    #: ``casebook.toml``'s table, or ``None`` for no such file.
    settings: dict[str, Any] | None
    #: Each file by its path in the casebook: a table (``.toml``) or a list of records (``.jsonl``).
    docs: dict[str, Any]
    #: Files written as they are (snapshots), by path.
    extra: dict[str, bytes] = attrs.field(factory=dict)
    #: Symbolic links to make, by path: their target, relative to the casebook folder.
    links: dict[str, str] = attrs.field(factory=dict)
    #: Changes to the bytes of the written files, in order.
    edits: list[ByteEdit] = attrs.field(factory=list)
    #: What was done to it, for the reader of a failure.
    story: list[str] = attrs.field(factory=list)

    def __repr__(self) -> str:
        # Hypothesis shows a failing example by its repr: the story, not a megabyte of documents.
        return "<Book: " + "; ".join(self.story) + ">"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def copy(self) -> Book:
        """A deep copy, so a mutation never changes the casebook it started from."""
        return Book(_deep(self.settings), _deep(self.docs), dict(self.extra), dict(self.links),
                    list(self.edits), list(self.story))


def _deep(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep(v) for v in value]
    return value


# -- the shipped casebook ------------------------------------------------------------------------


def read(root: Path, name: str) -> Book:
    """The casebook in the folder ``root`` (its TOML files, and its snapshots) as a book."""
    settings = tomllib.loads((root / "casebook.toml").read_text(encoding="utf-8"))
    docs = {}
    for folder in ("sources", "claims"):
        for path in sorted((root / folder).glob("*.toml")):
            docs[f"{folder}/{path.name}"] = tomllib.loads(path.read_text(encoding="utf-8"))
    snapshots = root / "sources" / "snapshots"
    extra = {p.relative_to(root).as_posix(): p.read_bytes()
             for p in sorted(snapshots.iterdir() if snapshots.is_dir() else ()) if p.is_file()}
    return Book(settings, docs, extra, story=[name])


#: The casebook at the repository's root (casebook.toml, sources/, claims/).
SHIPPED = read(ROOT, "the shipped casebook")
#: The small headline casebook of tests/data/mini.
MINI = read(ROOT / "tests" / "data" / "mini", "the mini casebook")


# -- TOML files into JSON Lines ------------------------------------------------------------------


def as_json_lines(book: Book, *, sources: bool = True, claims: bool = True) -> Book:
    """The same casebook with its source files as one ``sources/bulk.jsonl`` and each claim file
    as a ``.jsonl`` file of the same name, one record a line, as docs/format.md describes."""
    result = book.copy()
    docs: dict[str, Any] = {}
    bulk: list[Any] = []
    for path, doc in book.docs.items():
        if not path.endswith(".toml") or not isinstance(doc, dict):
            docs[path] = _deep(doc)
        elif path.startswith("sources/") and sources:
            bulk.append(_deep(doc))
        elif path.startswith("claims/") and claims:
            docs[path[: -len(".toml")] + ".jsonl"] = _claim_records(doc)
        else:
            docs[path] = _deep(doc)
    if bulk:
        docs["sources/bulk.jsonl"] = bulk
    result.docs = docs
    result.story.append(f"as JSON Lines (sources: {sources}, claims: {claims})")
    return result


def _claim_records(doc: dict[str, Any]) -> list[Any]:
    records = []
    kinds = {"stakeholders": "stakeholder", "properties": "property", "claims": "claim",
             "relations": "relation"}
    for key, kind in kinds.items():
        for item in doc.get(key, []):
            record = {"type": kind, **_deep(item)}
            if kind == "claim" and "zone" in doc:
                record["zone"] = doc["zone"]
            records.append(record)
    return records


# -- writing -------------------------------------------------------------------------------------


def render(value: Any, form: str) -> bytes:
    """A document's bytes: TOML for a table, JSON Lines for a list of records, with each
    :class:`Raw` value put in verbatim."""
    raws: dict[str, str] = {}

    def mark(node: Any) -> Any:
        if isinstance(node, Raw):
            key = f"@@raw-{len(raws)}@@"
            raws[f'"{key}"'] = node.toml if form == "toml" else node.json
            return key
        if isinstance(node, dict):
            return {k: mark(v) for k, v in node.items()}
        if isinstance(node, list):
            return [mark(v) for v in node]
        return node

    marked = mark(value)
    if form == "toml":
        text = tomli_w.dumps(marked)
    else:
        text = "".join(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n"
                       for record in marked)
    for key, raw in raws.items():
        text = text.replace(key, raw)
    return text.encode("utf-8", "surrogatepass")


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def write(book: Book, root: Path) -> None:
    """Write ``book`` into the folder ``root`` (made here), its files, links and byte edits."""
    files: dict[str, bytes] = dict(book.extra)
    if book.settings is not None:
        files["casebook.toml"] = render(book.settings, "toml")
    for path, doc in book.docs.items():
        if isinstance(doc, bytes):
            files[path] = doc
        else:
            files[path] = render(doc, "json" if path.endswith(".jsonl") else "toml")
    folders = {"sources", "claims"}
    for edit in book.edits:
        data = files.get(edit.file)
        if data is None:
            continue
        if edit.kind == "delete":
            del files[edit.file]
        elif edit.kind == "folder":
            del files[edit.file]
            folders.add(edit.file)
        else:
            files[edit.file] = apply(edit, data)
    for folder in sorted(folders):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for path, target in book.links.items():
        link = root / path
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.exists() and not link.is_symlink():
            os.symlink(target, link)


def apply(edit: ByteEdit, data: bytes) -> bytes:
    """The bytes ``data`` changed as ``edit`` says."""
    at = edit.at % (len(data) + 1)
    if edit.kind == "truncate":
        return data[:at]
    if edit.kind == "empty":
        return b""
    if edit.kind == "insert":
        return data[:at] + edit.data + data[at:]
    if edit.kind == "overwrite":
        return data[:at] + edit.data + data[at + len(edit.data):]
    if edit.kind == "utf-16":
        return data.decode("utf-8", "surrogatepass").encode("utf-16")
    if edit.kind == "utf-16-be":
        return data.decode("utf-8", "surrogatepass").encode("utf-16-be")
    if edit.kind == "latin-1":
        return data.decode("utf-8", "surrogatepass").encode("latin-1", "replace")
    if edit.kind == "bom":
        return b"\xef\xbb\xbf" + data
    if edit.kind == "crlf":
        return data.replace(b"\n", b"\r\n")
    if edit.kind == "cr":
        return data.replace(b"\n", b"\r")
    raise ValueError(f"unknown byte edit {edit.kind!r}")
