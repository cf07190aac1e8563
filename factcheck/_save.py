"""Saving a casebook as TOML: new files written whole, existing files edited in place.

An existing file is parsed with tomlkit, which keeps its text; only what differs from the casebook
is changed (a value, a key added or removed, a record of ``[[excerpts]]`` or ``[[claims]]`` added or
removed), so comments, key order and layout of everything else stay as the person wrote them.
Whether a value differs is decided on the model, not the text: ``published = 2023-11-19`` in a file
whose zone is Asia/Seoul equals the saved form ``"2023-11-19 Asia/Seoul"`` and is left alone.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import tomli_w
import tomlkit
from tomlkit.items import AoT, Array, Comment, InlineTable, Item, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from ._convert import ClaimFileDoc, converter, default_zone
from ._model import Casebook, CasebookSettings, ClaimFile, Source
from ._paths import OutsideCasebook, within
from ._plain import structure_plain
from ._snapshots import HTML_SUFFIXES, text_beside

__all__ = ["save", "save_source"]

#: How the records of each list are told apart: by id, relations by what they link.
_Key = Callable[[Any], Any]


def _by_id(item: Any) -> Any:
    return item.id


def _relation_key(item: Any) -> Any:
    return (item.kind, item.from_, item.to)


_SOURCE_LISTS: dict[str, _Key] = {"revisions": _by_id, "excerpts": _by_id}
_CLAIM_LISTS: dict[str, _Key] = {"stakeholders": _by_id, "properties": _by_id, "claims": _by_id,
                                 "relations": _relation_key}


def save(casebook: Casebook, path: str | os.PathLike[str]) -> None:
    """Write ``casebook`` as TOML under ``path``, into the files it was loaded from.

    Loading the result gives an equal casebook. A file that is already there is edited in place:
    only the values, keys and records that changed are rewritten, and its comments, key order and
    layout are kept. A new file is written whole, every time value with its zone. Sources'
    snapshot files are copied along when saving to another folder. Nothing is deleted: files
    under ``path`` that the casebook does not write stay as they are.
    """
    root = Path(path)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "claims").mkdir(parents=True, exist_ok=True)
    if casebook.settings != CasebookSettings():
        _save_file(root / "casebook.toml", casebook.settings, CasebookSettings, {})
    for source in casebook.sources:
        save_source(casebook, source, root)
        _copy_snapshots(casebook, source, root)
    files = list(casebook.files) or [ClaimFile(
        "claims/casebook.toml", None, [s.id for s in casebook.stakeholders],
        [p.id for p in casebook.properties], [c.id for c in casebook.claims],
        range(len(casebook.relations)))]
    for claim_file in files:
        doc = ClaimFileDoc(
            claim_file.zone,
            [casebook.stakeholder_by_id[i] for i in claim_file.stakeholders],
            [casebook.property_by_id[i] for i in claim_file.properties],
            [casebook.claim_by_id[i] for i in claim_file.claims],
            [casebook.relations[i] for i in claim_file.relations])
        name = Path(claim_file.path).name
        if name.endswith(".jsonl"):
            name = name[: -len(".jsonl")] + ".toml"
        _save_file(root / "claims" / name, doc, ClaimFileDoc, _CLAIM_LISTS)


def save_source(casebook: Casebook, source: Source, root: Path) -> str:
    """Write one source into its file under ``root`` (edited in place when it is there), as
    :func:`save` does; returns the file, relative to ``root``."""
    name = Path(casebook.source_files.get(source.id, f"{source.id}.toml")).name
    if not name.endswith(".toml"):
        name = f"{source.id}.toml"
    (root / "sources").mkdir(parents=True, exist_ok=True)
    _save_file(root / "sources" / name, source, Source, _SOURCE_LISTS)
    return f"sources/{name}"


def _unstructure(model: Any, kind: type) -> dict[str, Any]:
    if kind is ClaimFileDoc:
        data: dict[str, Any] = {}
        if model.zone is not None:
            data["zone"] = model.zone
        for key in _CLAIM_LISTS:
            items = getattr(model, key)
            if items:
                data[key] = converter.unstructure(items, list[type(items[0])])  # type: ignore[misc]
        return data
    unstructured: dict[str, Any] = converter.unstructure(model)
    return unstructured


def _copy_snapshots(casebook: Casebook, source: Source, root: Path) -> None:
    """Saved elsewhere, a source keeps its snapshot files: each is copied beside it (an HTML
    snapshot with the text kept beside it)."""
    if casebook.path is None:
        return
    for snapshot in _snapshot_paths(source):
        root.mkdir(parents=True, exist_ok=True)
        try:
            original = within(casebook.path, snapshot)
            target = within(root, snapshot)
        except (OutsideCasebook, OSError):
            # Out of the folder, or a link loop: the source names its snapshot, unchanged, and
            # `check` says what is wrong with it there. Nothing outside either folder is touched.
            continue
        if not original.is_file() or (target.exists() and target.samefile(original)):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(original, target)


def _snapshot_paths(source: Source) -> list[str]:
    paths = [source.snapshot] if source.snapshot else []
    paths += [r.snapshot for r in source.revisions if r.snapshot]
    return paths + [text_beside(p) for p in paths if p.lower().endswith(HTML_SUFFIXES)]


# -- one file ------------------------------------------------------------------------------------


def _save_file(path: Path, model: Any, kind: type, lists: dict[str, _Key]) -> None:
    data = _unstructure(model, kind)
    multiline = not _has_carriage_return(data)
    old = _read_existing(path, kind)
    if old is None:
        path.write_bytes(tomli_w.dumps(data, multiline_strings=multiline).encode("utf-8"))
        return
    text, bom, document, old_model = old
    _Editor(multiline).record(document, old_model, model, data, lists)
    updated = document.as_string()
    if updated.endswith("\n\n") and not text.endswith("\n\n"):
        updated = updated.rstrip("\n") + "\n"  # a blank line moved to the end of the file
    if updated != text:
        path.write_bytes((bom + updated).encode("utf-8"))


def _read_existing(path: Path, kind: type) -> tuple[str, str, TOMLDocument, Any] | None:
    """The file's text, byte-order mark, tomlkit document and model; ``None`` when there is no
    such file or it does not read as one (it is then written whole)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text[len(bom):]
    try:
        raw = tomllib.loads(text)
        document = tomlkit.parse(text)
    except Exception:  # tomllib and tomlkit raise their own errors; either way, write it anew
        return None
    zone = raw.get("zone") if isinstance(raw.get("zone"), str) else None
    try:
        with default_zone(zone):
            model = structure_plain(raw, kind)
            if model is None:
                model = converter.structure(raw, kind)
    except Exception:  # not a valid file of this kind: it is replaced, as a fresh save would
        return None
    return text, bom, document, model


class _Editor:
    """Edits a parsed tomlkit document to hold the new values, changing nothing else."""

    def __init__(self, multiline: bool) -> None:
        self.multiline = multiline

    def record(self, table: Any, old: Any, new: Any, data: dict[str, Any],
               lists: dict[str, _Key]) -> None:
        """Make the table (a document, table or inline table) hold ``new`` (whose data is
        ``data``), where it holds ``old`` now; lists named in ``lists`` are edited record by
        record."""
        for key in list(table.keys()):
            if key in lists:
                continue
            if _field(old, key) == _field(new, key):
                continue
            if key in data:
                table[key] = self.value(data[key])
            else:
                del table[key]
        for key, value in data.items():
            if key in lists or key in table:
                continue
            _add_key(table, key, self.value(value))
        for key, ident in lists.items():
            self.records(table, key, list(getattr(old, key)), list(getattr(new, key)),
                         data.get(key, []), ident)

    def records(self, table: Any, key: str, old: list[Any], new: list[Any],
                data: list[dict[str, Any]], ident: _Key) -> None:
        if old == new and key in table:
            return
        if not new:
            if key in table:
                del table[key]
            return
        old_ids, new_ids = [ident(x) for x in old], [ident(x) for x in new]
        container = table.get(key)
        kept = [i for i in old_ids if i in set(new_ids)]
        if (container is None or not isinstance(container, AoT | Array)
                or len(set(old_ids)) < len(old_ids) or len(set(new_ids)) < len(new_ids)
                or kept != [i for i in new_ids if i in set(old_ids)]):
            # No list there yet, or the records were reordered or share ids: written anew.
            if key in table:
                del table[key]
            _add_key(table, key, self.value(data) if not isinstance(table, TOMLDocument | Table)
                     else self.tables(data))
            return
        new_at = {i: n for n, i in enumerate(new_ids)}
        for index in reversed(range(len(old))):
            if old_ids[index] not in new_at:
                _remove_record(container, index)
        for index, ident_ in enumerate(kept):
            n = new_at[ident_]
            before = old[old_ids.index(ident_)]
            if before != new[n]:
                self.record(container[index], before, new[n], data[n], {})
        current = list(kept)  # the records' ids as the container holds them now
        position = 0
        for n, ident_ in enumerate(new_ids):
            if ident_ in current:
                position = current.index(ident_) + 1
                continue
            if isinstance(container, AoT):
                _insert_table(container, position, self.table(data[n]))
            else:
                container.insert(position, self.inline(data[n]))
            current.insert(position, ident_)
            position += 1

    def value(self, value: Any) -> Item:
        """A new value, written as a fresh save writes it (strings escaped by tomli_w); a table
        inside a record is written inline."""
        if isinstance(value, dict):
            return self.inline(value)
        parsed = tomlkit.parse(tomli_w.dumps({"v": value}, multiline_strings=self.multiline))
        item = parsed.item("v")
        assert isinstance(item, Item)  # a key-value, never a table out of order
        return item

    def inline(self, data: dict[str, Any]) -> InlineTable:
        """An inline table, spaced as tomli_w writes one in a list: ``{ c1 = "asserts" }``; its
        strings on one line, as an inline table must be."""
        one_line = _Editor(multiline=False)
        parts = [f"{tomlkit.key(key).as_string()} = {one_line.value(value).as_string()}"
                 for key, value in data.items()]
        text = "{ " + ", ".join(parts) + " }" if parts else "{}"
        table = tomlkit.parse(f"v = {text}\n").item("v")
        assert isinstance(table, InlineTable)
        return table

    def table(self, data: dict[str, Any]) -> Table:
        table = tomlkit.table()
        for key, value in data.items():
            table.append(key, self.value(value))
        return table

    def tables(self, data: list[dict[str, Any]]) -> AoT:
        tables = tomlkit.aot()
        for record in data:
            tables.append(self.table(record))
        return tables


def _field(model: Any, key: str) -> Any:
    """The model's value for a key of its file (``from`` is the attribute ``from_``)."""
    if hasattr(model, key):
        return getattr(model, key)
    return getattr(model, f"{key}_", None)


def _add_key(table: Any, key: str, item: Item) -> None:
    """Add a key after the table's last value, before its sub-tables (``[excerpts.stances]``) and
    before any comments that end it (they introduce what follows, such as the next record)."""
    if isinstance(table, Table) and not isinstance(item, Table | AoT):
        body = table.value.body
        values = [i for i, (k, v) in enumerate(body)
                  if k is not None and not isinstance(v, Table | AoT)]
        tables = [i for i, (k, v) in enumerate(body)
                  if k is not None and isinstance(v, Table | AoT)]
        at = values[-1] + 1 if values else (tables[0] if tables else len(body))
        if at < len(body):
            table.value._insert_at(at, key, item)
            return
    if isinstance(item, AoT) and isinstance(table, TOMLDocument | Table):
        _blank_line_before(table)
    table[key] = item


def _blank_line_before(table: Any) -> None:
    if table.body and not table.as_string().endswith("\n\n"):
        table.add(tomlkit.nl())


def _trailing(table: Table) -> list[tuple[Any, Any]]:
    """The comments and blank lines after a table's last key."""
    body = table.value.body
    last = max((i for i, (k, _) in enumerate(body) if k is not None), default=-1)
    return [x for x in body[last + 1:] if isinstance(x[1], Comment | Whitespace)]


def _remove_record(container: AoT | Array, index: int) -> None:
    """Remove one record; the comments that ended it stay, at the end of the record before."""
    if isinstance(container, AoT):
        tables: Sequence[Table] = container.body
        trailing = _trailing(tables[index])
        comments = [i for i, (_, item) in enumerate(trailing) if isinstance(item, Comment)]
        if index > 0 and comments:
            previous = tables[index - 1]
            if not previous.as_string().endswith("\n\n"):
                previous.value.body.append((None, tomlkit.nl()))
            previous.value.body.extend(trailing[comments[0]:])
    del container[index]


def _insert_table(tables: AoT, position: int, table: Table) -> None:
    """Insert a record, with a blank line before it as in a fresh save. The comments and blank
    lines that ended the record before it introduce what followed it, so they now end the new
    record."""
    before = tables.body[position - 1] if position > 0 else None
    if before is not None:
        trailing = _trailing(before)
        if trailing:
            body = before.value.body
            del body[len(body) - len(trailing):]
            table.value.body.extend(trailing)
            table.trivia.indent = "\n"
        elif before.as_string().endswith("\n\n"):
            # The blank line is inside the record's last sub-table: the new record ends with one.
            table.add(tomlkit.nl())
        else:
            table.trivia.indent = "\n"
    tables.insert(position, table)
    if position < len(tables.body) - 1:
        after = tables.body[position + 1]
        if not after.trivia.indent.startswith("\n") and not table.as_string().endswith("\n\n"):
            after.trivia.indent = "\n" + after.trivia.indent


def _has_carriage_return(value: Any) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_carriage_return(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_carriage_return(v) for v in value)
    return False
