"""Loading a casebook folder (TOML, or JSON Lines for bulk data) and saving it back."""

from __future__ import annotations

import json
import os
import tomllib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tomli_w

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
    Property,
    Relation,
    Source,
    Stakeholder,
    collection_paused,
)
from ._when import zone_of

__all__ = ["load", "save"]


def _error(code: str, message: str, file: str | None, path: str | None = None) -> Finding:
    return Finding(Severity.ERROR, code, message, file, path)


class _Reader:
    """Collects every problem while reading, so the user sees all of them at once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Finding] = []
        self.unreadable = False

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read_toml(self, path: Path) -> dict[str, Any] | None:
        try:
            with path.open("rb") as handle:
                return tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            self.unreadable = True
            self.problems.append(_error("broken-toml", f"not valid TOML: {exc}", self.rel(path)))
        except (OSError, UnicodeDecodeError) as exc:
            self.unreadable = True
            self.problems.append(_error("unreadable", f"cannot read the file: {exc}", self.rel(path)))
        return None

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


def _json_lines(reader: _Reader, path: Path) -> Iterable[tuple[str, dict[str, Any]]]:
    """Records of a JSON Lines file, each with its location ``file:line``."""
    rel = reader.rel(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reader.unreadable = True
        reader.problems.append(_error("unreadable", f"cannot read the file: {exc}", rel))
        return
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            reader.unreadable = True
            reader.problems.append(_error("broken-json", f"not valid JSON: {exc}", f"{rel}:{number}"))
            continue
        if not isinstance(record, dict):
            reader.problems.append(_error("invalid-value", "expected a JSON object", f"{rel}:{number}"))
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

    sources: list[Source] = []
    source_files: dict[str, str] = {}
    source_places: list[str] = []  # the file of each source, in order, even if two share an id
    for file in sorted((root / "sources").glob("*.toml")):
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
    docs: list[tuple[str, ClaimFileDoc]] = []
    for file in sorted((root / "claims").glob("*.toml")):
        rel = reader.rel(file)
        raw = reader.read_toml(file)
        if raw is None:
            continue
        with default_zone(reader.zone_setting(raw, rel)):
            doc = reader.structure(raw, ClaimFileDoc, rel)
        if doc is not None:
            docs.append((rel, doc))

    for file in sorted((root / "sources").glob("*.jsonl")):
        for where, record in _json_lines(reader, file):
            with default_zone(reader.zone_setting(record, where)):
                source = reader.structure(record, Source, where)
            if source is not None:
                sources.append(_own_excerpts(source))
                source_files[source.id] = reader.rel(file)
                source_places.append(where)
    for file in sorted((root / "claims").glob("*.jsonl")):
        bulk = ClaimFileDoc()
        rel = reader.rel(file)
        for where, record in _json_lines(reader, file):
            kind = record.pop("type", "claim") if isinstance(record.get("type"), str) else "claim"
            targets: dict[str, tuple[Any, list[Any]]] = {
                "claim": (Claim, bulk.claims),
                "relation": (Relation, bulk.relations),
                "stakeholder": (Stakeholder, bulk.stakeholders),
                "property": (Property, bulk.properties),
            }
            target = targets.get(kind)
            if target is None:
                reader.problems.append(_error(
                    "invalid-value", "expected type claim | relation | stakeholder | property, "
                    f"got {kind!r}", where, "type"))
                continue
            with default_zone(reader.zone_setting(record, where)):
                item = reader.structure({k: v for k, v in record.items() if k != "zone"}, target[0],
                                        where)
            if item is not None:
                target[1].append(item)
        docs.append((rel, bulk))

    stakeholders: list[Stakeholder] = []
    properties: list[Property] = []
    claims: list[Claim] = []
    relations: list[Relation] = []
    for rel, doc in docs:
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
    problems = integrity(casebook, source_places)
    if problems:
        raise LoadError(sorted(problems, key=Finding.sort_key))
    return casebook


def _own_excerpts(source: Source) -> Source:
    # Each excerpt learns its source's id. They were made just now from the file and nothing else
    # holds them yet, so they are completed in place rather than copied (millions, in bulk form).
    for excerpt in source.excerpts:
        object.__setattr__(excerpt, "source", source.id)
    return source


def integrity(casebook: Casebook, source_places: list[str] | None = None) -> list[Finding]:
    """Problems that make a casebook meaningless: duplicate ids and references to nothing.

    ``source_places`` names the file of each source in order (default: by id, from the casebook).
    """
    problems: list[Finding] = []
    if source_places is None or len(source_places) != len(casebook.sources):
        source_places = [casebook.source_files.get(s.id, "") for s in casebook.sources]
    src_files = [place or None for place in source_places]

    def duplicates(kind: str, ids: list[tuple[str, str | None, str]]) -> None:
        counts = Counter(i for i, _, _ in ids)
        for item_id, file, where in ids:
            if counts[item_id] > 1:
                problems.append(_error(
                    "duplicate-id", f"{kind} id {item_id!r} is used {counts[item_id]} times",
                    file, where))

    named: tuple[tuple[str, tuple[Any, ...], str], ...] = (
        ("stakeholder", casebook.stakeholders, "stakeholders"),
        ("property", casebook.properties, "properties"),
        ("claim", casebook.claims, "claims"),
    )
    for kind, items, key in named:
        duplicates(kind, [(item.id, file, where)
                          for item, (file, where) in zip(items, _places(casebook, key, items))])
    duplicates("source", [(s.id, f, "id") for s, f in zip(casebook.sources, src_files)])
    excerpt_ids = Counter(e.id for s in casebook.sources for e in s.excerpts)
    if any(n > 1 for n in excerpt_ids.values()):  # placed only when needed: there may be millions
        duplicates("excerpt", [(e.id, f, f"excerpts[{i}].id")
                               for s, f in zip(casebook.sources, src_files)
                               for i, e in enumerate(s.excerpts)])

    stakeholders = casebook.stakeholder_by_id
    for claim, (file, where) in zip(casebook.claims, _places(casebook, "claims", casebook.claims)):
        for i, subject in enumerate(claim.subjects):
            if subject not in stakeholders:
                problems.append(_error("unknown-stakeholder",
                                       f"subject {subject!r} is not a stakeholder", file,
                                       f"{where}.subjects[{i}]"))
        if claim.claimant not in stakeholders:
            problems.append(_error("unknown-stakeholder",
                                   f"claimant {claim.claimant!r} is not a stakeholder", file,
                                   f"{where}.claimant"))
        if claim.fact is not None:
            if claim.fact.property not in casebook.property_by_id:
                problems.append(_error(
                    "unknown-property", f"property {claim.fact.property!r} is not declared in any "
                    "claim file's [[properties]]", file, f"{where}.fact.property"))
        for i, expectation in enumerate(claim.expect):
            problems += _check_expectation(expectation, file, f"{where}.expect[{i}]")

    for source, file in zip(casebook.sources, src_files):
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
            if counts[rid] > 1:
                problems.append(_error("duplicate-id", f"revision id {rid!r} is used "
                                       f"{counts[rid]} times in this source", file,
                                       f"revisions[{i}].id"))
        for i, excerpt in enumerate(source.excerpts):
            where = f"excerpts[{i}]"
            if excerpt.revision not in counts:
                problems.append(_error("unknown-revision", f"revision {excerpt.revision!r} is not "
                                       f"a revision of {source.id}", file, f"{where}.revision"))
            if excerpt.withdrawn_in is not None and excerpt.withdrawn_in not in counts:
                problems.append(_error("unknown-revision", f"revision {excerpt.withdrawn_in!r} is "
                                       f"not a revision of {source.id}", file,
                                       f"{where}.withdrawn_in"))
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

    relation_file = {i: f.path for f in casebook.files for i in f.relations}
    # Each relation's index within its file (the first of a file is computed once per file, not
    # once per relation: a bulk file may hold a hundred thousand).
    relation_index = {i: i - first for f in casebook.files if f.relations
                      for first in (min(f.relations),) for i in f.relations}
    for i, relation in enumerate(casebook.relations):
        file, where = relation_file.get(i), f"relations[{relation_index.get(i, i)}]"
        for end, claim_id in (("from", relation.from_), ("to", relation.to)):
            if claim_id not in casebook.claim_by_id:
                problems.append(_error("unknown-claim", f"claim {claim_id!r} does not exist", file,
                                       f"{where}.{end}"))
        if relation.from_ == relation.to:
            verb = relation.kind.value.removesuffix("s")
            problems.append(_error("self-relation", f"a claim cannot {verb} itself", file,
                                   where))
    return problems


def _check_expectation(expectation: Any, file: str | None, where: str) -> list[Finding]:
    from ._resolution import Status
    from ._when import parse_as_of

    found = []
    for i, status in enumerate(expectation.status):
        if status not in Status._value2member_map_:
            choices = " | ".join(s.value for s in Status)
            found.append(_error("invalid-value", f"expected one of {choices}, got {status!r}",
                                file, f"{where}.status" + (f"[{i}]" if len(expectation.status) > 1
                                                          else "")))
    try:
        if expectation.tz is not None:
            zone_of(expectation.tz)
    except ValueError as exc:
        found.append(_error("invalid-value", str(exc), file, f"{where}.tz"))
        return found
    try:
        parse_as_of(expectation.as_of, expectation.tz, "UTC")
    except ValueError as exc:
        found.append(_error("invalid-value", str(exc), file, f"{where}.as_of"))
    return found


def _places(casebook: Casebook, key: str, items: tuple[Any, ...]) -> list[tuple[str | None, str]]:
    """(file, key path) of each item in order: exact even where two items share an id."""
    places: list[tuple[str | None, str]] = [
        (f.path, f"{key}[{i}]") for f in casebook.files for i in range(len(getattr(f, key)))
    ]
    if len(places) == len(items):
        return places
    return [(None, f"{key}[{i}]") for i in range(len(items))]  # not loaded from files


# -- saving --------------------------------------------------------------------------------------


def save(casebook: Casebook, path: str | os.PathLike[str]) -> None:
    """Write ``casebook`` as TOML under ``path``, into the files it was loaded from.

    Loading the result gives an equal casebook. Comments are not kept (TOML writers cannot), but
    every value is, with every time written out with its zone.
    """
    root = Path(path)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "claims").mkdir(parents=True, exist_ok=True)
    if casebook.settings != CasebookSettings():
        _write(root / "casebook.toml", converter.unstructure(casebook.settings))
    for source in casebook.sources:
        name = Path(casebook.source_files.get(source.id, f"{source.id}.toml")).name
        if not name.endswith(".toml"):
            name = f"{source.id}.toml"
        _write(root / "sources" / name, converter.unstructure(source))
    files = list(casebook.files) or [ClaimFile(
        "claims/casebook.toml", None, [s.id for s in casebook.stakeholders],
        [p.id for p in casebook.properties], [c.id for c in casebook.claims],
        range(len(casebook.relations)))]
    for claim_file in files:
        data: dict[str, Any] = {}
        if claim_file.zone is not None:
            data["zone"] = claim_file.zone
        for key, items in (
            ("stakeholders", [casebook.stakeholder_by_id[i] for i in claim_file.stakeholders]),
            ("properties", [casebook.property_by_id[i] for i in claim_file.properties]),
            ("claims", [casebook.claim_by_id[i] for i in claim_file.claims]),
            ("relations", [casebook.relations[i] for i in claim_file.relations]),
        ):
            if items:
                data[key] = converter.unstructure(items, list[type(items[0])])  # type: ignore[misc]
        name = Path(claim_file.path).name
        if name.endswith(".jsonl"):
            name = name[: -len(".jsonl")] + ".toml"
        _write(root / "claims" / name, data)


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_bytes(tomli_w.dumps(data, multiline_strings=True).encode("utf-8"))
