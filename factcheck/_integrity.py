"""Integrity of a loaded casebook: duplicate and malformed ids, references to nothing, and values
that contradict what they belong to (`until` before `valid`, a withdrawal before its excerpt)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np

from ._findings import Finding
from ._findings import error as _error
from ._model import Casebook, Claim, ClaimKind, HeldExcerpts
from ._paths import path_problem
from ._suggest import did_you_mean
from ._when import Order, When, zone_of

__all__ = ["ID_PATTERN", "integrity"]


#: What an id looks like (docs/format.md, "Ids"); the bulk loader checks excerpts' ids by it too.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
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
        if not ID_PATTERN.fullmatch(value):
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
    if _excerpt_id_twice(casebook):  # counted and placed only when needed: there may be millions
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

    clean: dict[int, bool] = {}  # each storage of held excerpts: whether its references hold

    def walked(source: Any) -> bool:
        """Whether the source's excerpts need checking one by one: not when they were checked on
        their own as they were read, and every source they relay and claim they name exists."""
        held = source.excerpts
        if not isinstance(held, HeldExcerpts) or not held.checked_for(source):
            return True
        key = id(held.storage())
        if key not in clean:
            relayed, named = held.references()
            clean[key] = (all(s in casebook.source_by_id for s in relayed)
                          and all(c in casebook.claim_by_id for c in named))
        return not clean[key]

    for source, file in zip(casebook.sources, src_files, strict=False):
        bad_id(source.id, file, "id")
        snapshots = [("", source.snapshot, source.sha256)] + [
            (f"revisions[{i}].", r.snapshot, r.sha256) for i, r in enumerate(source.revisions)]
        for where, snapshot, sha256 in snapshots:
            problem = path_problem(snapshot) if snapshot is not None else None
            if problem is not None:
                problems.append(_error("invalid-path", problem, file, f"{where}snapshot"))
            if sha256 is not None and not _SHA256.fullmatch(sha256):
                problems.append(_error("invalid-value", "expected the sha256 of the snapshot "
                                       f"file: 64 hexadecimal digits, got {sha256!r}", file,
                                       f"{where}sha256"))
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
        if not walked(source):
            continue  # every excerpt was checked on its own as it was read (``_fastlines``)
        published = {r.id: r.published for r in source.revisions}
        for i, excerpt in enumerate(source.excerpts):
            where = f"excerpts[{i}]"
            bad_id(excerpt.id, file, f"{where}.id")
            if not excerpt.quote.strip():
                problems.append(_error("empty-quote", "an excerpt's quote is empty: give the "
                                       "words the source used" if excerpt.verbatim else
                                       "an excerpt's paraphrase is empty: say what the source "
                                       "says", file, f"{where}.quote"))
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


def _excerpt_id_twice(casebook: Casebook) -> bool:
    """Whether two excerpts may share an id: their ids' hashes, sorted, have a repeat."""
    hashes = [s.excerpts.id_hashes() if isinstance(s.excerpts, HeldExcerpts)
              else np.array([hash(e.id) for e in s.excerpts], np.int64) for s in casebook.sources]
    if not hashes:
        return False
    every = np.sort(np.concatenate(hashes))
    return bool((every[1:] == every[:-1]).any())


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
    from ._asof import parse_as_of
    from ._resolution import Status

    found = []
    if not expectation.status:
        found.append(_error("invalid-value", "expected a status, or a list of one or more "
                            "statuses, got an empty list", file, f"{where}.status"))
    for i, status in enumerate(expectation.status):
        if status not in Status._value2member_map_:
            choices = " | ".join(s.value for s in Status)
            hint = did_you_mean(status, (s.value for s in Status))
            found.append(_error("invalid-value", f"expected one of {choices}, got {status!r}{hint}",
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
            # One message for every such expectation, so that they group into one finding.
            message = ("as_of has no zone, and the casebook declares none: "
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
