"""Loading a casebook folder (TOML, or JSON Lines for bulk data) and saving it back."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ._convert import (
    ClaimFileDoc,
    converter,
    default_zone,
    describe_errors,
)
from ._errors import LoadError
from ._fastlines import SourceLines, claims_record
from ._findings import Finding, grouped
from ._findings import error as _error
from ._giveback import collection_paused, give_back
from ._integrity import integrity
from ._jsonlines import byte_lines, read_line
from ._limits import TOO_DEEP, beyond_limits
from ._model import (
    Casebook,
    CasebookSettings,
    Claim,
    ClaimFile,
    HeldExcerpts,
    Property,
    Relation,
    Source,
    Stakeholder,
)
from ._plain import structure_plain
from ._quotefile import identify
from ._save import save
from ._tomlplaces import with_lines
from ._when import zone_of

__all__ = ["collection_paused", "load", "save"]


class _Reader:
    """Collects every problem while reading, so the user sees all of them at once."""

    def __init__(self, root: Path, on_read: Callable[[float, int], None] | None = None) -> None:
        self.root = root
        #: Told (files read, files to read) as reading goes on: see ``load``.
        self.on_read = on_read
        self.to_read = 0
        self.opened = 0
        self.problems: list[Finding] = []
        self.unreadable = False
        self.listed: dict[Path, list[str]] = {}
        #: The file being read, for the note on an unexpected failure.
        self.current: str | None = None
        #: Whether quotes of JSON Lines files are held in memory rather than read from the file.
        self.hold_quotes = False
        self.identity: tuple[int, ...] = ()
        self.skipped = 0

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read_text(self, path: Path) -> str | None:
        """The file's text, UTF-8 (a leading byte-order mark is allowed); ``None`` if unreadable."""
        data = self.read_utf8(path)
        return None if data is None else data.decode("utf-8")

    def read_utf8(self, path: Path) -> bytes | None:
        """The file's bytes, once they are known to be UTF-8 text (a leading byte-order mark is
        allowed, and taken off); ``None`` if unreadable."""
        self.current = self.rel(path)
        if self.on_read is not None:
            self.on_read(self.opened, self.to_read)
        self.opened += 1
        try:
            with path.open("rb") as f:
                data = f.read()
                #: The version of the file read (a bulk load reads its quotes from it later).
                self.identity = identify(f.fileno())
        except OSError as exc:
            self.unreadable = True
            self.problems.append(_error("unreadable", f"cannot read the file: {_why(exc)}",
                                        self.rel(path)))
            return None
        try:
            # Editors on Windows often start UTF-8 files with a byte-order mark: not a mistake.
            data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.unreadable = True
            self.problems.append(_error("unreadable", _not_utf8(data, exc), self.rel(path)))
            return None
        #: Bytes of a byte-order mark taken off the start (offsets in the data are from after it).
        self.skipped = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        return data[self.skipped:] if self.skipped else data

    def read_toml(self, path: Path) -> dict[str, Any] | None:
        """The file's TOML as plain values, within the limits of docs/format.md; ``None`` (and
        a problem) when it cannot be read, is not TOML, or goes past a limit."""
        text = self.read_text(path)
        if text is None:
            return None
        rel = self.rel(path)
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            self.fail("broken-toml", f"not valid TOML: {exc}", rel)
            return None
        except RecursionError:
            self.fail("too-deep", TOO_DEEP, rel)
            return None
        except ValueError as exc:  # a whole number of over 4,300 digits, which int() refuses
            self.fail("invalid-value", f"not a usable TOML value: {exc}", rel)
            return None
        beyond = beyond_limits(raw, text=False)  # tomllib refuses lone surrogates itself
        for key, code, message in beyond:
            self.fail(code, message, rel, key)
        return None if beyond else raw

    def fail(self, code: str, message: str, file: str, path: str | None = None) -> None:
        """A problem that leaves the file unread: nothing of it is loaded."""
        self.unreadable = True
        self.problems.append(_error(code, message, file, path or None))

    def files(self, folder: Path, suffix: str) -> list[Path]:
        """The files of ``folder`` ending in ``suffix``, sorted; a folder that cannot be listed
        is a problem (``Path.glob`` would quietly find nothing in it)."""
        if folder not in self.listed:
            try:
                self.listed[folder] = os.listdir(folder)
            except OSError as exc:
                self.unreadable = True
                self.listed[folder] = []
                self.problems.append(_error("unreadable", f"cannot list the folder: {_why(exc)}",
                                            self.rel(folder) + "/"))
        names = self.listed[folder]
        # Names starting with a dot are editors' lock and backup files (".#claims.toml").
        return sorted(folder / name for name in names
                      if name.endswith(suffix) and not name.startswith("."))

    def structure(self, raw: Any, kind: Any, file: str, prefix: str = "") -> Any:
        plain = structure_plain(raw, kind)
        if plain is not None:
            return plain
        try:
            return converter.structure(raw, kind)
        except Exception as exc:  # cattrs wraps every problem; describe_errors lists them all
            for path, message in describe_errors(exc):
                full = ".".join(p for p in (prefix, path) if p).replace(".[", "[")
                self.problems.append(_error("invalid-value", message, file, full or None))
            return None

    def zone_setting(self, raw: dict[str, Any], file: str) -> str | None:
        zone = raw.get("zone")
        if zone is None or not isinstance(zone, str):
            return None
        try:
            zone_of(zone)
        except ValueError as exc:
            self.problems.append(_error("invalid-value", str(exc), file, "zone"))
        # Even when unknown: the file's times then say so, rather than that it declares no zone.
        return zone



def _why(exc: OSError) -> str:
    if isinstance(exc, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "cannot read the file: expected UTF-8 text, got UTF-16 (it starts with a UTF-16 " \
            "byte-order mark): save the file as UTF-8"
    line = data.count(b"\n", 0, exc.start) + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    return (f"cannot read the file: expected UTF-8 text: byte 0x{data[exc.start]:02x} at line "
            f"{line}, column {column} "
            "is not UTF-8 (save the file as UTF-8)")


def _shown_value(value: Any) -> str:
    return repr(value) if isinstance(value, (str, int, float, bool)) else type(value).__name__


def _json_lines(reader: _Reader, path: Path, fast: Callable[[bytes, int], Any] | None,
                ) -> Iterable[tuple[str, Any, dict[str, Any] | None]]:
    """The records of a JSON Lines file, each as (its location ``file:line``, what ``fast`` made
    of the line, its plain record): ``fast`` (``_fastlines``) reads clean lines straight into
    the model; a line it does not take (``None``) is read the precise way into a plain record,
    or into problems that name its line."""
    data = reader.read_utf8(path)
    if data is None:
        return
    if isinstance(fast, SourceLines):
        fast.read_from(reader.identity, reader.skipped)
    rel = reader.rel(path)
    before = len(reader.problems)
    on_read, count = reader.on_read, data.count(b"\n") + 1
    problems = reader.problems
    for number, start, line in byte_lines(data):
        if on_read is not None and number % 256 == 0:  # a bulk file is most of the reading
            on_read(reader.opened - 1 + number / count, reader.to_read)
        where = f"{rel}:{number}"
        made = fast(line, start) if fast is not None else None
        if made is not None:
            yield where, made, None
            continue
        record = read_line(line.decode("utf-8"), where, problems)
        if record is not None:
            yield where, None, record
    if any(p.code != "invalid-value" for p in reader.problems[before:]):
        reader.unreadable = True


#: The compiled decoder's readers of clean lines, of sources (one reader per file, which holds
#: the file's excerpts as columns) and of claims files; set to ``None`` (a test does) and every
#: line is read the precise way.
fast_source: Callable[..., SourceLines] | None = SourceLines
fast_claims: Callable[[bytes, int], tuple[str, Any] | None] | None = claims_record


def load(path: str | os.PathLike[str] = ".", *,
         on_read: Callable[[float, int], None] | None = None,
         hold_quotes: bool = False) -> Casebook:
    """Load the casebook in the folder ``path`` (its ``sources/`` and ``claims/``).

    Raises :class:`LoadError` (a ``ValueError``) carrying every problem found, each naming the file,
    the key path and what was expected; nothing is loaded partially.

    ``on_read``, when given, is called with (files read, files to read) as each file is opened, as
    a JSON Lines file's records go by (a fraction of it read), and once all are read: for a
    progress bar. Checking the casebook as a whole comes after that last call.

    Quotes of ``sources/*.jsonl`` files are read from the file when shown (a bulk casebook's
    quotes are most of its bytes; resolving never reads them), so those files must stay as they
    are while the casebook is used: if one changes, showing a quote from it raises
    :class:`CasebookChangedError` rather than show another version's text. ``hold_quotes=True``
    holds every quote in memory instead (docs/format.md, "JSON Lines").
    """
    reader = _Reader(Path(path), on_read)
    reader.hold_quotes = hold_quotes
    try:
        with collection_paused():
            casebook = _load(path, reader)
        give_back()  # the files' bytes and the decoded records, freed: back to the system
        return casebook
    except LoadError:
        raise
    except Exception as exc:  # a bug of ours: say where, for the report the user will file
        exc.add_note(f"while reading {reader.current or path}")
        raise


def _load(path: str | os.PathLike[str], reader: _Reader) -> Casebook:
    root = reader.root
    if not root.is_dir():
        raise LoadError(
            [_error("missing-casebook", "no casebook folder here (expected sources/ and claims/)",
                    str(path))],
            unreadable=True,
        )
    missing = [name for name in ("sources", "claims") if not (root / name).is_dir()]
    if missing:
        raise LoadError(
            [_error("missing-folder", f"the casebook has no {name}/ folder", f"{path}/{name}")
             for name in missing],
            unreadable=True,
        )

    settings = CasebookSettings()
    settings_file = root / "casebook.toml"
    # Every folder is listed before any file is read, so that the files to read are known.
    listed = [reader.files(root / folder, suffix) for folder, suffix in (
        ("sources", ".toml"), ("claims", ".toml"), ("sources", ".jsonl"), ("claims", ".jsonl"))]
    reader.to_read = sum(map(len, listed)) + settings_file.exists()
    if settings_file.exists():
        raw = reader.read_toml(settings_file)
        if raw is not None:
            settings = reader.structure(raw, CasebookSettings, "casebook.toml") or settings
            reader.zone_setting(raw, "casebook.toml")
            if settings.corroboration < 1:
                reader.problems.append(_error(
                    "invalid-value", "expected a whole number of independent origins, at least 1, "
                    f"got {settings.corroboration}", "casebook.toml", "corroboration"))

    sources: list[Source] = []
    source_files: dict[str, str] = {}
    source_places: list[str] = []  # the file of each source, in order, even if two share an id
    for file in listed[0]:
        rel = reader.rel(file)
        raw = reader.read_toml(file)
        if raw is None:
            continue
        with default_zone(reader.zone_setting(raw, rel)):
            source = reader.structure(raw, Source, rel)
        if source is not None:
            sources.append(_own_excerpts(source))
            source_files[source.id] = rel
            source_places.append(rel)

    files: list[ClaimFile] = []
    #: Each claim file, with the location of each record of a JSON Lines file (``file:line``).
    docs: list[tuple[str, ClaimFileDoc, dict[str, list[str]] | None]] = []
    for file in listed[1]:
        rel = reader.rel(file)
        raw = reader.read_toml(file)
        if raw is None:
            continue
        with default_zone(reader.zone_setting(raw, rel)):
            doc = reader.structure(raw, ClaimFileDoc, rel)
        if doc is not None:
            docs.append((rel, doc, None))

    for file in listed[2]:
        rel = reader.rel(file)
        reading = None
        if fast_source is not None:
            reading = fast_source(None if reader.hold_quotes else str(file.resolve()))
        for where, source, record in _json_lines(reader, file, reading):
            if record is not None:
                with default_zone(reader.zone_setting(record, where)):
                    source = reader.structure(record, Source, where)
            if source is not None:
                sources.append(_own_excerpts(source))
                source_files[source.id] = rel
                source_places.append(where)
        if reading is not None:
            reading.seal()
    for file in listed[3]:
        bulk = ClaimFileDoc()
        rel = reader.rel(file)
        lines: dict[str, list[str]] = {"claims": [], "relations": [], "stakeholders": [],
                                       "properties": []}
        for where, made, record in _json_lines(reader, file, fast_claims):
            if record is None:
                getattr(bulk, made[0]).append(made[1])
                lines[made[0]].append(where)
                continue
            kind = record.pop("type", "claim")
            targets: dict[str, tuple[Any, list[Any], str]] = {
                "claim": (Claim, bulk.claims, "claims"),
                "relation": (Relation, bulk.relations, "relations"),
                "stakeholder": (Stakeholder, bulk.stakeholders, "stakeholders"),
                "property": (Property, bulk.properties, "properties"),
            }
            target = targets.get(kind) if isinstance(kind, str) else None
            if target is None:
                reader.problems.append(_error(
                    "invalid-value", "expected type claim | relation | stakeholder | property, "
                    f"got {_shown_value(kind)}", where, "type"))
                continue
            with default_zone(reader.zone_setting(record, where)):
                item = reader.structure({k: v for k, v in record.items() if k != "zone"}, target[0],
                                        where)
            if item is not None:
                target[1].append(item)
                lines[target[2]].append(where)
        docs.append((rel, bulk, lines))

    stakeholders: list[Stakeholder] = []
    properties: list[Property] = []
    claims: list[Claim] = []
    relations: list[Relation] = []
    places: dict[str, list[tuple[str | None, str]]] = {key: [] for key in _PLACED}
    for rel, doc, record_lines in docs:
        for key in _PLACED:
            if record_lines is None:
                places[key] += [(rel, f"{key}[{i}]") for i in range(len(getattr(doc, key)))]
            else:
                places[key] += [(line, "") for line in record_lines[key]]
        first_relation = len(relations)
        stakeholders += doc.stakeholders
        properties += doc.properties
        claims += doc.claims
        relations += doc.relations
        files.append(ClaimFile(
            rel, doc.zone, [s.id for s in doc.stakeholders], [p.id for p in doc.properties],
            [c.id for c in doc.claims], range(first_relation, len(relations))))

    reader.current = None  # every file is read: what follows concerns the casebook as a whole
    if reader.on_read is not None:
        reader.on_read(reader.opened, reader.to_read)
    if reader.problems:
        raise LoadError(grouped(with_lines(reader.problems, root)), unreadable=reader.unreadable)

    # Sources in order of id, whichever form and file they came from, so that saving (one TOML
    # file per source) and loading again gives the same casebook, and file order never matters.
    order = sorted(range(len(sources)), key=lambda i: sources[i].id)
    sources = [sources[i] for i in order]
    source_places = [source_places[i] for i in order]
    casebook = Casebook(
        settings, stakeholders, sources, claims, relations, properties,
        files=files, source_files=source_files, path=str(path),
    )
    problems = integrity(casebook, source_places, places)
    if problems:
        raise LoadError(grouped(with_lines(problems, root)))
    return casebook


def _own_excerpts(source: Source) -> Source:
    # Each excerpt learns its source's id. They were made just now from the file and nothing else
    # holds them yet, so they are completed in place rather than copied. (Excerpts held as
    # columns are made knowing it.)
    if isinstance(source.excerpts, HeldExcerpts):
        return source
    for excerpt in source.excerpts:
        object.__setattr__(excerpt, "source", source.id)
    return source


#: The lists of a claim file whose items are placed by key path (or, in JSON Lines, by line).
_PLACED = ("stakeholders", "properties", "claims", "relations")
