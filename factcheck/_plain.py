"""Plain data, structured directly: the fast path of loading a bulk casebook.

cattrs' generated functions go through a hook per field and a wrapper per table; for a bulk
casebook of millions of excerpts that is most of the loading time. Data that is plainly well
formed (only known keys, every value of exactly the expected type, every required key present)
is structured here directly into the very same values. Anything else, however slightly off, goes
to the converter (``_convert``), which makes the same values or reports every problem with its key
path.
"""

from __future__ import annotations

import enum
import sys
from typing import Any

from ._convert import DEFAULT_ZONE as _DEFAULT_ZONE
from ._due import Due, parse_due
from ._fasttime import parse_when
from ._model import (
    Claim,
    ClaimKind,
    Excerpt,
    Relation,
    RelationKind,
    Revision,
    Source,
    SourceKind,
    Stakeholder,
    StakeholderKind,
    Stance,
    Stances,
)
from ._slots import setters
from ._when import When

__all__ = ["intern", "new_excerpt", "structure_plain"]

#: Ids that recur across records (a claim's id in every stance toward it, stakeholder ids in every
#: claim, revision ids in every excerpt) are interned: one string each, not one per mention.
intern = sys.intern


class _NotPlain(Exception):
    """The data is not plainly well formed: let the converter structure it."""


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw[key]
    if type(value) is not str:
        raise _NotPlain
    return value


def _optional_text(raw: dict[str, Any], key: str) -> str | None:
    value = raw.get(key)
    if value is not None and type(value) is not str:
        raise _NotPlain
    return value


def _texts(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    if key not in raw:
        return ()
    value = raw[key]
    if type(value) is not list or not all(type(item) is str for item in value):
        raise _NotPlain
    return tuple(value)


def _member(cls: type[enum.Enum], raw: dict[str, Any], key: str) -> Any:
    value = raw[key]
    if type(value) is not str:
        raise _NotPlain
    member = cls._value2member_map_.get(value)
    if member is None:
        raise _NotPlain
    return member


def _when(raw: dict[str, Any], key: str, zone: str | None) -> When | None:
    value = raw.get(key)
    if value is None:
        return None
    if type(value) is not str:
        raise _NotPlain
    try:
        return parse_when(value, zone)
    except ValueError:
        raise _NotPlain from None


def _due(raw: dict[str, Any], zone: str | None) -> Due | None:
    value = raw.get("due")
    if value is None:
        return None
    if type(value) is not str:
        raise _NotPlain
    try:
        return parse_due(value, zone)
    except ValueError:
        raise _NotPlain from None


def _needed(when: When | None) -> When:
    if when is None:
        raise _NotPlain
    return when


_REVISION_KEYS = frozenset({"id", "published", "label", "note", "snapshot", "sha256"})
_EXCERPT_KEYS = frozenset({"id", "revision", "quote", "stances", "translation", "via",
                           "withdrawn_in", "note"})
_SOURCE_KEYS = frozenset({"id", "title", "kind", "publisher", "language", "zone", "revisions",
                          "excerpts", "author", "url", "speaks_for", "snapshot", "sha256", "note"})
_CLAIM_KEYS = frozenset({"id", "kind", "text", "subjects", "claimant", "valid", "until", "due",
                         "note"})
_RELATION_KEYS = frozenset({"kind", "from", "to", "note"})
_STAKEHOLDER_KEYS = frozenset({"id", "name", "kind", "aliases", "note"})


def _table(value: Any, keys: frozenset[str]) -> dict[str, Any]:
    if type(value) is not dict or not keys.issuperset(value):
        raise _NotPlain
    return value


def _plain_stances(value: Any) -> Stances:
    if type(value) is not dict or not value:
        raise _NotPlain
    members = Stance._value2member_map_
    flat: list[Any] = []
    for claim_id, stance in value.items():
        member = members.get(stance) if type(stance) is str else None
        if member is None:
            raise _NotPlain
        flat += (intern(claim_id), member)
    return Stances._of(tuple(flat))


def _plain_source(raw: Any, zone: str | None) -> Source:
    raw = _table(raw, _SOURCE_KEYS)
    source_id = _text(raw, "id")
    revisions = raw["revisions"]
    excerpts = raw.get("excerpts", [])
    if type(revisions) is not list or type(excerpts) is not list:
        raise _NotPlain
    made_revisions = []
    for item in revisions:
        item = _table(item, _REVISION_KEYS)
        made_revisions.append(Revision(
            _text(item, "id"), _needed(_when(item, "published", zone)),
            _optional_text(item, "label"), _optional_text(item, "note"),
            _optional_text(item, "snapshot"), _optional_text(item, "sha256")))
    made_excerpts = []
    for item in excerpts:
        item = _table(item, _EXCERPT_KEYS)
        made_excerpts.append(new_excerpt(
            _text(item, "id"), intern(_text(item, "revision")), _text(item, "quote"),
            _plain_stances(item["stances"]), _optional_text(item, "translation"),
            _optional_text(item, "via"), _optional_text(item, "withdrawn_in"),
            _optional_text(item, "note"), source_id))
    return Source(
        source_id, _text(raw, "title"), _member(SourceKind, raw, "kind"), _text(raw, "publisher"),
        _text(raw, "language"), _text(raw, "zone"), tuple(made_revisions), tuple(made_excerpts),
        _optional_text(raw, "author"), _optional_text(raw, "url"), _texts(raw, "speaks_for"),
        _optional_text(raw, "snapshot"), _optional_text(raw, "sha256"), _optional_text(raw, "note"),
    )


def _plain_claim(raw: Any, zone: str | None) -> Claim:
    raw = _table(raw, _CLAIM_KEYS)
    if "subjects" not in raw:
        raise _NotPlain
    return Claim(
        intern(_text(raw, "id")), _member(ClaimKind, raw, "kind"), _text(raw, "text"),
        tuple(map(intern, _texts(raw, "subjects"))), intern(_text(raw, "claimant")),
        _when(raw, "valid", zone),
        _when(raw, "until", zone), _due(raw, zone), None, _optional_text(raw, "note"),
    )


def _plain_relation(raw: Any, zone: str | None) -> Relation:
    raw = _table(raw, _RELATION_KEYS)
    return Relation(_member(RelationKind, raw, "kind"), intern(_text(raw, "from")),
                    intern(_text(raw, "to")),
                    _optional_text(raw, "note"))


def _plain_stakeholder(raw: Any, zone: str | None) -> Stakeholder:
    raw = _table(raw, _STAKEHOLDER_KEYS)
    return Stakeholder(_text(raw, "id"), _text(raw, "name"), _member(StakeholderKind, raw, "kind"),
                       _texts(raw, "aliases"), _optional_text(raw, "note"))


_PLAIN: dict[type, Any] = {
    Source: _plain_source,
    Claim: _plain_claim,
    Relation: _plain_relation,
    Stakeholder: _plain_stakeholder,
}


def structure_plain(raw: Any, kind: type) -> Any | None:
    """``converter.structure(raw, kind)`` for plainly well-formed data; ``None`` for anything else.

    The same value the converter makes, made directly; times without a zone take the zone set by
    :func:`default_zone`. A source's excerpts know their source's id already. ``None`` means: ask
    the converter, which also explains what is wrong.
    """
    plain = _PLAIN.get(kind)
    if plain is None:
        return None
    try:
        return plain(raw, _DEFAULT_ZONE.get())
    except (_NotPlain, KeyError):
        return None


(_x_id, _x_revision, _x_quote, _x_stances, _x_translation, _x_via, _x_withdrawn_in, _x_note,
 _x_prefix, _x_suffix, _x_verbatim, _x_source) = setters(Excerpt, (
    "id", "revision", "quote", "stances", "translation", "via", "withdrawn_in", "note",
    "prefix", "suffix", "verbatim", "source"))


def new_excerpt(
    excerpt_id: str, revision: str, quote: str, stances: Stances,
    translation: str | None, via: str | None, withdrawn_in: str | None, note: str | None,
    source: str, verbatim: bool = True,
) -> Excerpt:
    # Millions of excerpts in a bulk casebook: its slots are filled directly, with the stances
    # already as the model holds them (what Excerpt's converter would make of them).
    excerpt: Excerpt = object.__new__(Excerpt)
    _x_id(excerpt, excerpt_id)
    _x_revision(excerpt, revision)
    _x_quote(excerpt, quote)
    _x_stances(excerpt, stances)
    _x_translation(excerpt, translation)
    _x_via(excerpt, via)
    _x_withdrawn_in(excerpt, withdrawn_in)
    _x_note(excerpt, note)
    _x_prefix(excerpt, None)  # excerpts with a prefix or suffix come through the converter
    _x_suffix(excerpt, None)
    _x_verbatim(excerpt, verbatim)  # here a paraphrase is read by the converter; msgspec's types
    # read it as a bool
    _x_source(excerpt, source)
    return excerpt
