"""Loading a casebook folder (TOML, or JSON Lines for bulk data) and saving it back."""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._convert import (
    ClaimFileDoc,
    converter,
    default_zone,
    describe_errors,
    structure_plain,
)
from ._errors import LoadError
from ._findings import Finding, Severity
from ._model import (
    Casebook,
    CasebookSettings,
    Claim,
    ClaimFile,
    ClaimKind,
    Property,
    Relation,
    Source,
    Stakeholder,
    collection_paused,
)
from ._save import save
from ._when import Order, When, zone_of

__all__ = ["load", "save"]


def _error(code: str, message: str, file: str | None, path: str | None = None) -> Finding:
    return Finding(Severity.ERROR, code, message, file, path)


class _Reader:
    """Collects every problem while reading, so the user sees all of them at once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Finding] = []
        self.unreadable = False
        self.listed: dict[Path, list[str]] = {}

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read_text(self, path: Path) -> str | None:
        """The file's text, UTF-8 (a leading byte-order mark is allowed); ``None`` if unreadable."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.unreadable = True
            self.problems.append(_error("unreadable", f"cannot read the file: {_why(exc)}",
                                        self.rel(path)))
            return None
        try:
            # Editors on Windows often start UTF-8 files with a byte-order mark: not a mistake.
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.unreadable = True
            self.problems.append(_error("unreadable", _not_utf8(data, exc), self.rel(path)))
            return None

    def read_toml(self, path: Path) -> dict[str, Any] | None:
        text = self.read_text(path)
        if text is None:
            return None
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            self.unreadable = True
            self.problems.append(_error("broken-toml", f"not valid TOML: {exc}", self.rel(path)))
        return None

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


def _json_lines(reader: _Reader, path: Path) -> Iterable[tuple[str, dict[str, Any]]]:
    """Records of a JSON Lines file, each with its location ``file:line``."""
    rel = reader.rel(path)
    text = reader.read_text(path)
    if text is None:
        return
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            reader.unreadable = True
            reader.problems.append(_error("broken-json", f"not valid JSON: {exc}",
                                          f"{rel}:{number}"))
            continue
        if not isinstance(record, dict):
            reader.problems.append(_error("invalid-value", "expected a JSON object",
                                          f"{rel}:{number}"))
            continue
        yield f"{rel}:{number}", record


def load(path: str | os.PathLike[str] = ".") -> Casebook:
    """Load the casebook in the folder ``path`` (its ``sources/`` and ``claims/``).

    Raises :class:`LoadError` (a ``ValueError``) carrying every problem found, each naming the file,
    the key path and what was expected; nothing is loaded partially.
    """
    with collection_paused():
        return _load(path)


def _load(path: str | os.PathLike[str]) -> Casebook:
    root = Path(path)
    reader = _Reader(root)
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
    for file in reader.files(root / "sources", ".toml"):
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
    for file in reader.files(root / "claims", ".toml"):
        rel = reader.rel(file)
        raw = reader.read_toml(file)
        if raw is None:
            continue
        with default_zone(reader.zone_setting(raw, rel)):
            doc = reader.structure(raw, ClaimFileDoc, rel)
        if doc is not None:
            docs.append((rel, doc, None))

    for file in reader.files(root / "sources", ".jsonl"):
        for where, record in _json_lines(reader, file):
            with default_zone(reader.zone_setting(record, where)):
                source = reader.structure(record, Source, where)
            if source is not None:
                sources.append(_own_excerpts(source))
                source_files[source.id] = reader.rel(file)
                source_places.append(where)
    for file in reader.files(root / "claims", ".jsonl"):
        bulk = ClaimFileDoc()
        rel = reader.rel(file)
        lines: dict[str, list[str]] = {"claims": [], "relations": [], "stakeholders": [],
                                       "properties": []}
        for where, record in _json_lines(reader, file):
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

    if reader.problems:
        raise LoadError(sorted(reader.problems, key=Finding.sort_key), unreadable=reader.unreadable)

    casebook = Casebook(
        settings, stakeholders, sources, claims, relations, properties,
        files=files, source_files=source_files, path=str(path),
    )
    problems = integrity(casebook, source_places, places)
    if problems:
        raise LoadError(sorted(problems, key=Finding.sort_key))
    return casebook


def _own_excerpts(source: Source) -> Source:
    # Each excerpt learns its source's id. They were made just now from the file and nothing else
    # holds them yet, so they are completed in place rather than copied (millions, in bulk form).
    for excerpt in source.excerpts:
        object.__setattr__(excerpt, "source", source.id)
    return source


#: The lists of a claim file whose items are placed by key path (or, in JSON Lines, by line).
_PLACED = ("stakeholders", "properties", "claims", "relations")

#: What an id looks like (docs/format.md, "Ids").
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_SHA256 = re.compile(r"[0-9a-fA-F]{64}", re.ASCII)
_ID_EXPECTED = "expected an id of lowercase letters, digits and hyphens (such as " \
    "'altman-joins-microsoft')"


def _at(where: str, key: str) -> str:
    """``where.key``, or ``key`` alone where ``where`` is a whole record (a JSON Lines line)."""
    return f"{where}.{key}" if where else key


def integrity(
    casebook: Casebook,
    source_places: list[str] | None = None,
    places: dict[str, list[tuple[str | None, str]]] | None = None,
) -> list[Finding]:
    """Problems that make a casebook meaningless: duplicate ids, malformed ids, references to
    nothing, and values that contradict what they belong to.

    ``source_places`` names the file of each source in order (default: by id, from the casebook);
    ``places`` gives (file, key path) of each stakeholder, property, claim and relation in order
    (default: from the casebook's files).
    """
    problems: list[Finding] = []
    if source_places is None or len(source_places) != len(casebook.sources):
        source_places = [casebook.source_files.get(s.id, "") for s in casebook.sources]
    src_files = [place or None for place in source_places]

    def placed(key: str, items: tuple[Any, ...]) -> list[tuple[str | None, str]]:
        given = places.get(key) if places is not None else None
        if given is not None and len(given) == len(items):
            return given
        return _places(casebook, key, items)

    claim_places = placed("claims", casebook.claims)

    def bad_id(value: str, file: str | None, where: str) -> None:
        # Each id is declared once (duplicates are reported apart), so there is nothing to cache:
        # a set of every id seen would hold millions of entries on a bulk casebook.
        if not _ID.fullmatch(value):
            problems.append(_error("invalid-id", f"{_ID_EXPECTED}, got {value!r}", file,
                                   where or None))

    def duplicates(kind: str, ids: list[tuple[str, str | None, str]]) -> None:
        counts = Counter(i for i, _, _ in ids)
        for item_id, file, where in ids:
            if counts[item_id] > 1:
                problems.append(_error(
                    "duplicate-id", f"{kind} id {item_id!r} is used {counts[item_id]} times",
                    file, where or None))

    named: tuple[tuple[str, tuple[Any, ...], str], ...] = (
        ("stakeholder", casebook.stakeholders, "stakeholders"),
        ("property", casebook.properties, "properties"),
        ("claim", casebook.claims, "claims"),
    )
    for kind, items, key in named:
        at = claim_places if key == "claims" else placed(key, items)
        duplicates(kind, [(item.id, file, where)
                          for item, (file, where) in zip(items, at, strict=False)])
        for item, (file, where) in zip(items, at, strict=False):
            bad_id(item.id, file, _at(where, "id"))
    duplicates("source", [(s.id, f, "id")
                          for s, f in zip(casebook.sources, src_files, strict=False)])
    excerpt_ids = Counter(e.id for s in casebook.sources for e in s.excerpts)
    if any(n > 1 for n in excerpt_ids.values()):  # placed only when needed: there may be millions
        duplicates("excerpt", [(e.id, f, f"excerpts[{i}].id")
                               for s, f in zip(casebook.sources, src_files, strict=False)
                               for i, e in enumerate(s.excerpts)])

    stakeholders = casebook.stakeholder_by_id
    for claim, (file, where) in zip(casebook.claims, claim_places, strict=False):
        for i, subject in enumerate(claim.subjects):
            if subject not in stakeholders:
                problems.append(_error("unknown-stakeholder",
                                       f"subject {subject!r} is not a stakeholder", file,
                                       _at(where, f"subjects[{i}]")))
        if claim.claimant not in stakeholders:
            problems.append(_error("unknown-stakeholder",
                                   f"claimant {claim.claimant!r} is not a stakeholder", file,
                                   _at(where, "claimant")))
        if claim.fact is not None and claim.fact.property not in casebook.property_by_id:
            problems.append(_error(
                "unknown-property", f"property {claim.fact.property!r} is not declared in any "
                "claim file's [[properties]]", file, _at(where, "fact.property")))
        problems += _check_times(claim, file, where)
        for i, expectation in enumerate(claim.expect):
            problems += _check_expectation(expectation, file, _at(where, f"expect[{i}]"),
                                           casebook.zone)

    for source, file in zip(casebook.sources, src_files, strict=False):
        bad_id(source.id, file, "id")
        if source.sha256 is not None and not _SHA256.fullmatch(source.sha256):
            problems.append(_error("invalid-value", "expected the sha256 of the snapshot file: "
                                   f"64 hexadecimal digits, got {source.sha256!r}", file,
                                   "sha256"))
        for i, party in enumerate(source.speaks_for):
            if party not in stakeholders:
                problems.append(_error("unknown-stakeholder",
                                       f"speaks_for {party!r} is not a stakeholder", file,
                                       f"speaks_for[{i}]"))
        revision_ids = [r.id for r in source.revisions]
        if not revision_ids:
            problems.append(_error("no-revision", "a source needs at least one [[revisions]]", file,
                                   "revisions"))
        counts = Counter(revision_ids)
        for i, rid in enumerate(revision_ids):
            bad_id(rid, file, f"revisions[{i}].id")
            if counts[rid] > 1:
                problems.append(_error("duplicate-id", f"revision id {rid!r} is used "
                                       f"{counts[rid]} times in this source", file,
                                       f"revisions[{i}].id"))
        published = {r.id: r.published for r in source.revisions}
        for i, excerpt in enumerate(source.excerpts):
            where = f"excerpts[{i}]"
            bad_id(excerpt.id, file, f"{where}.id")
            if excerpt.revision not in counts:
                problems.append(_error("unknown-revision", f"revision {excerpt.revision!r} is not "
                                       f"a revision of {source.id}", file, f"{where}.revision"))
            if excerpt.withdrawn_in is not None and excerpt.withdrawn_in not in counts:
                problems.append(_error("unknown-revision", f"revision {excerpt.withdrawn_in!r} is "
                                       f"not a revision of {source.id}", file,
                                       f"{where}.withdrawn_in"))
            elif excerpt.withdrawn_in is not None and excerpt.revision in counts:
                problems += _check_withdrawal(excerpt, published, file, where)
            if excerpt.via is not None and excerpt.via not in casebook.source_by_id:
                problems.append(_error("unknown-source", f"via {excerpt.via!r} is not a source",
                                       file, f"{where}.via"))
            if excerpt.via == source.id:
                problems.append(_error("self-reference", "an excerpt cannot relay its own source",
                                       file, f"{where}.via"))
            if not excerpt.stances:
                problems.append(_error("no-stance", "an excerpt needs a stance toward at least "
                                       "one claim", file, f"{where}.stances"))
            for claim_id in excerpt.stances:
                if claim_id not in casebook.claim_by_id:
                    problems.append(_error("unknown-claim", f"claim {claim_id!r} does not exist",
                                           file, f"{where}.stances.{claim_id}"))

    relation_places = placed("relations", casebook.relations)
    for relation, (file, where) in zip(casebook.relations, relation_places, strict=False):
        for end, claim_id in (("from", relation.from_), ("to", relation.to)):
            if claim_id not in casebook.claim_by_id:
                problems.append(_error("unknown-claim", f"claim {claim_id!r} does not exist", file,
                                       _at(where, end)))
        if relation.from_ == relation.to:
            verb = relation.kind.value.removesuffix("s")
            problems.append(_error("self-relation", f"a claim cannot {verb} itself", file,
                                   where or None))
    return problems


def _check_times(claim: Claim, file: str | None, where: str) -> list[Finding]:
    """``until`` belongs to states and ends after ``valid``; ``due`` belongs to predictions."""
    found = []
    if claim.until is not None:
        if claim.kind is not ClaimKind.STATE:
            found.append(_error("invalid-value", "`until` is for claims of kind state (when the "
                                "state stops holding); this claim is of kind "
                                f"{claim.kind.value}", file, _at(where, "until")))
        elif claim.valid is not None and claim.until.end <= claim.valid.start:
            found.append(_error("invalid-value", f"until {claim.until} is before valid "
                                f"{claim.valid}: a state cannot stop before it begins", file,
                                _at(where, "until")))
    if claim.due is not None and claim.kind is not ClaimKind.PREDICTION:
        found.append(_error("invalid-value", "`due` is for claims of kind prediction (by when it "
                            f"comes true or not); this claim is of kind {claim.kind.value}", file,
                            _at(where, "due")))
    return found


def _check_withdrawal(
    excerpt: Any, published: dict[str, When], file: str | None, where: str
) -> list[Finding]:
    """An excerpt is withdrawn by a later revision of its source, never by its own or an earlier."""
    if excerpt.withdrawn_in == excerpt.revision:
        return [_error("invalid-value", f"revision {excerpt.withdrawn_in!r} is the excerpt's own "
                       "revision: `withdrawn_in` names the later revision that removes it", file,
                       f"{where}.withdrawn_in")]
    own, later = published[excerpt.revision], published[excerpt.withdrawn_in]
    if later.compare(own) is Order.BEFORE:
        return [_error("invalid-value", f"revision {excerpt.withdrawn_in!r} ({later}) was "
                       f"published before the excerpt's revision {excerpt.revision!r} ({own}): "
                       "`withdrawn_in` names a later revision", file, f"{where}.withdrawn_in")]
    return []


def _check_expectation(
    expectation: Any, file: str | None, where: str, zone: str | None = None
) -> list[Finding]:
    from ._resolution import Status
    from ._when import parse_as_of

    found = []
    if not expectation.status:
        found.append(_error("invalid-value", "expected a status, or a list of one or more "
                            "statuses, got an empty list", file, f"{where}.status"))
    for i, status in enumerate(expectation.status):
        if status not in Status._value2member_map_:
            choices = " | ".join(s.value for s in Status)
            found.append(_error("invalid-value", f"expected one of {choices}, got {status!r}",
                                file, f"{where}.status" + (f"[{i}]" if len(expectation.status) > 1
                                                          else "")))
    if expectation.origins is not None and expectation.origins < 1:
        found.append(_error("invalid-value", "expected a whole number of origins, at least 1, "
                            f"got {expectation.origins}", file, f"{where}.origins"))
    try:
        if expectation.tz is not None:
            zone_of(expectation.tz)
    except ValueError as exc:
        found.append(_error("invalid-value", str(exc), file, f"{where}.tz"))
        return found
    try:
        parse_as_of(expectation.as_of, expectation.tz, zone)
    except ValueError as exc:
        message = str(exc)
        if "has no zone" in message:
            message = (f"as_of {expectation.as_of!r} has no zone, and the casebook declares none: "
                       "give the expectation a `tz`, write the zone in `as_of`, or set `zone` in "
                       "casebook.toml")
        found.append(_error("invalid-value", message, file, f"{where}.as_of"))
    return found


def _places(casebook: Casebook, key: str, items: tuple[Any, ...]) -> list[tuple[str | None, str]]:
    """(file, key path) of each item in order: exact even where two items share an id."""
    places: list[tuple[str | None, str]] = [
        (f.path, f"{key}[{i}]") for f in casebook.files for i in range(len(getattr(f, key)))
    ]
    if len(places) == len(items):
        return places
    return [(None, f"{key}[{i}]") for i in range(len(items))]  # not loaded from files
