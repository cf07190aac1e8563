"""JSON Lines records read by a compiled, typed decoder (msgspec): the fast path of bulk loading.

Each line is decoded by msgspec straight into typed structs (``Struct`` classes below, one per kind
of record, with exactly the keys and value types that ``_plain`` accepts as plainly well formed),
and from them into the model's objects, the same values ``_plain`` and the converter make. The
decoder, written in C, checks in one pass what the per-line reader does in Python: JSON syntax,
known keys, required keys, every value's type. A line it accepts needs only the checks of values
(kinds, times, zones) made here.

Any line this path does not accept, for whatever reason, yields ``None``, and the loader reads it
again by the precise path (``_jsonlines`` and ``_load``'s structuring), which gives today's finding
with file, line and key path. So every error is the one it always was; only clean lines are fast.

What msgspec accepts that the casebook refuses, and how each is kept out (docs/format.md,
"Limits"; each tried, tests/load/test_fastlines.py):

- a key given twice in one object: msgspec keeps the last value silently. So the keys are counted
  twice: in the decoded structs (those a line gave: an optional key left out stays ``UNSET``), and
  in the line's bytes, as the ``":`` that end them. A repeated key makes the line hold more of
  those than the structs hold keys; a ``":`` inside a string (an escaped quote before a colon) makes
  it hold more too, and sends a clean line the precise way, which is only slower. A key written
  with space before its colon (``"a" : 1``) would go uncounted: such lines take the precise path.
  Neither count reads a string's characters (re-encoding the structs would have, and made Python
  keep a UTF-8 copy of every non-ASCII quote);
- a lone surrogate, ``NaN``/``Infinity``, a control character: msgspec refuses them itself;
- whole numbers beyond 64 bits, nesting deeper than 32: no record holds a number, and the structs
  nest four levels at most, so the decoder refuses both as values of the wrong type.

Lines are bytes, read from a file known to be UTF-8: decoding bytes, msgspec makes no UTF-8 copy
of the line either.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
from msgspec import UNSET, Struct, UnsetType
from msgspec.structs import astuple

from ._due import parse_due
from ._fasttime import parse_when
from ._model import (
    Claim,
    ClaimKind,
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
from ._plain import intern, new_excerpt
from ._when import When, zone_of

__all__ = ["claims_record", "source_record"]

# Optional keys default to UNSET, which msgspec never encodes: an explicit ``null`` stays None and
# is encoded again, so the structs encode exactly the keys the line gave (see the module's note).
_Text = str | None | UnsetType
_Texts = list[str] | UnsetType


class _Revision(Struct, forbid_unknown_fields=True):
    id: str
    published: str
    label: _Text = UNSET
    note: _Text = UNSET
    snapshot: _Text = UNSET
    sha256: _Text = UNSET


class _Excerpt(Struct, forbid_unknown_fields=True):
    id: str
    revision: str
    quote: str
    stances: dict[str, Stance]
    translation: _Text = UNSET
    via: _Text = UNSET
    withdrawn_in: _Text = UNSET
    note: _Text = UNSET
    verbatim: bool | UnsetType = UNSET


class _Source(Struct, forbid_unknown_fields=True):
    id: str
    title: str
    kind: SourceKind
    publisher: str
    language: str
    zone: str
    revisions: list[_Revision]
    excerpts: list[_Excerpt] | UnsetType = UNSET
    author: _Text = UNSET
    url: _Text = UNSET
    speaks_for: _Texts = UNSET
    snapshot: _Text = UNSET
    sha256: _Text = UNSET
    note: _Text = UNSET


class _Claim(Struct, forbid_unknown_fields=True):
    id: str
    kind: ClaimKind
    text: str
    subjects: list[str]
    claimant: str
    valid: _Text = UNSET
    until: _Text = UNSET
    due: _Text = UNSET
    note: _Text = UNSET
    zone: _Text = UNSET


class _TypedClaim(_Claim, tag_field="type", tag="claim"):
    pass


class _Relation(Struct, forbid_unknown_fields=True, tag_field="type", tag="relation",
                rename={"from_": "from"}):
    kind: RelationKind
    from_: str
    to: str
    note: _Text = UNSET
    zone: _Text = UNSET


class _Stakeholder(Struct, forbid_unknown_fields=True, tag_field="type", tag="stakeholder"):
    id: str
    name: str
    kind: StakeholderKind
    aliases: _Texts = UNSET
    note: _Text = UNSET
    zone: _Text = UNSET


_SOURCE = msgspec.json.Decoder(_Source)
#: A claims file's records name their type; a record without one is a claim.
_TYPED = msgspec.json.Decoder(_TypedClaim | _Relation | _Stakeholder)
_UNTYPED = msgspec.json.Decoder(_Claim)
#: Space between a key and its colon: the key count below would miss such a key.
_SPACED_KEY = re.compile(rb'"[ \t\r]+:')


class _NotFast(Exception):
    """A value the fast path does not take as it is: the precise path reads the line again."""


def _given(struct: Struct, fields: int) -> int:
    """How many keys of its object the line gave ``struct`` (of ``fields`` fields)."""
    return fields - astuple(struct).count(UNSET)


def _whole(line: bytes, keys: int) -> bool:
    """Whether the decoded structs, holding ``keys`` keys, hold every key of ``line``."""
    if line.count(b'":') != keys:
        return False
    return not ((b'" ' in line or b'"\t' in line or b'"\r' in line) and _SPACED_KEY.search(line))


def _text(value: str | UnsetType | None) -> str | None:
    return None if value is UNSET else value


def _texts(value: list[str] | UnsetType) -> tuple[str, ...]:
    return () if value is UNSET else tuple(value)


_zones: set[str] = set()


def _zone(value: str | UnsetType | None) -> str | None:
    """The default zone a record sets: a zone the loader accepts without a word, else _NotFast."""
    if value is UNSET:
        return None
    if type(value) is not str:
        raise _NotFast
    if value not in _zones:
        try:
            zone_of(value)
        except ValueError:
            raise _NotFast from None
        _zones.add(value)
    return value


def _when(value: str | UnsetType | None, zone: str | None) -> When | None:
    if value is None or value is UNSET:
        return None
    try:
        return parse_when(value, zone)
    except ValueError:
        raise _NotFast from None


def _stances(value: dict[str, Stance]) -> Stances:
    # msgspec has made each stance a Stance already; nearly every excerpt has one or two.
    if not value:
        raise _NotFast
    flat: list[Any] = []
    for claim_id, stance in value.items():
        flat += (intern(claim_id), stance)
    return _stances_of(tuple(flat))


_stances_of = Stances._of


def source_record(line: bytes) -> Source | None:
    """The source a line of a ``sources/*.jsonl`` file gives; ``None``: read it the precise way."""
    try:
        return _source(line, _SOURCE.decode(line))
    except (msgspec.DecodeError, RecursionError, _NotFast):
        return None


_SOURCE_FIELDS = len(_Source.__struct_fields__)
_REVISION_FIELDS = len(_Revision.__struct_fields__)
_EXCERPT_FIELDS = len(_Excerpt.__struct_fields__)


def _source(line: bytes, raw: _Source) -> Source:
    keys = _given(raw, _SOURCE_FIELDS)
    zone = _zone(raw.zone)
    source_id = raw.id
    revisions = []
    for item in raw.revisions:
        keys += _given(item, _REVISION_FIELDS)
        published = _when(item.published, zone)
        if published is None:
            raise _NotFast
        revisions.append(Revision(item.id, published, _text(item.label), _text(item.note),
                                  _text(item.snapshot), _text(item.sha256)))
    excerpts = []
    for x in () if raw.excerpts is UNSET else raw.excerpts:
        keys += _given(x, _EXCERPT_FIELDS) + len(x.stances)
        # Millions of these: the optional keys, nearly always unset, are read inline.
        translation, via, withdrawn_in, note = x.translation, x.via, x.withdrawn_in, x.note
        excerpts.append(new_excerpt(
            x.id, intern(x.revision), x.quote, _stances(x.stances),
            None if translation is UNSET else translation, None if via is UNSET else via,
            None if withdrawn_in is UNSET else withdrawn_in, None if note is UNSET else note,
            source_id, x.verbatim is not False))
    if not _whole(line, keys):
        raise _NotFast
    return Source(
        source_id, raw.title, raw.kind, raw.publisher, raw.language,
        raw.zone, tuple(revisions), tuple(excerpts), _text(raw.author), _text(raw.url),
        _texts(raw.speaks_for), _text(raw.snapshot), _text(raw.sha256), _text(raw.note))


def claims_record(line: bytes) -> tuple[str, Any] | None:
    """A line of a ``claims/*.jsonl`` file as (the list it joins, its object): ``("claims",
    Claim)``, ``("relations", Relation)`` or ``("stakeholders", Stakeholder)``; ``None``: read it
    the precise way (properties always are)."""
    try:
        typed = b'"type"' in line
        raw = (_TYPED if typed else _UNTYPED).decode(line)
        # The tag ("type") is a key of the line but no field of the struct.
        if not _whole(line, typed + _given(raw, len(raw.__struct_fields__))):
            return None
        zone = _zone(raw.zone)
        if isinstance(raw, _Claim):
            return "claims", Claim(
                intern(raw.id), raw.kind, raw.text,
                tuple(map(intern, raw.subjects)), intern(raw.claimant), _when(raw.valid, zone),
                _when(raw.until, zone), _due(raw.due, zone), None, _text(raw.note))
        if isinstance(raw, _Relation):
            return "relations", Relation(raw.kind, intern(raw.from_),
                                         intern(raw.to), _text(raw.note))
        return "stakeholders", Stakeholder(raw.id, raw.name, raw.kind,
                                           _texts(raw.aliases), _text(raw.note))
    except (msgspec.DecodeError, RecursionError, _NotFast):
        return None


def _due(value: str | UnsetType | None, zone: str | None) -> Any:
    if value is None or value is UNSET:
        return None
    try:
        return parse_due(value, zone)
    except ValueError:
        raise _NotFast from None
