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
from typing import Any, Final, cast

import msgspec
from msgspec import UNSET, Raw, Struct, UnsetType
from msgspec.structs import astuple

from ._bounds import parse_time
from ._due import parse_due
from ._excerptcols import STANCE_ORDER, ExcerptColumns, StoredExcerpts, Texts
from ._integrity import ID_PATTERN as _ID
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
)
from ._plain import intern
from ._quotefile import FileTexts
from ._when import Order, When, zone_of

__all__ = ["SourceLines", "claims_record", "source_record"]

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
    #: The quote as the line writes it (a JSON string, quotes and escapes included): most are
    #: kept as UTF-8 without ever being made a ``str``.
    quote: Raw
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
    """A time value as the precise path reads it (bounded times included: ``"<= …"``)."""
    if value is None or value is UNSET:
        return None
    try:
        return parse_time(value, zone)
    except ValueError:
        raise _NotFast from None


_STANCE_CODE: Final = {s: i for i, s in enumerate(STANCE_ORDER)}
_decode_text = msgspec.json.Decoder(str).decode


def _quote(raw: Raw) -> tuple[bytes, str | None]:
    """A quote as the line writes it (a JSON string), and its text if it is written with escapes
    (else ``None``: its text is the bytes between the quotation marks); _NotFast where it is not
    a string, or is empty (``_integrity`` then says so)."""
    written = bytes(raw)
    if written[:1] != b'"':
        raise _NotFast  # a number, a list…: the precise path names the type
    if b"\\" in written:
        text = _decode_text(written)
        if not text.strip():
            raise _NotFast
        return written, text
    first = written[1] if len(written) > 2 else 0x20
    # A first byte that is ASCII and not a space (JSON allows no raw control character) means
    # text; otherwise ask str.strip, which knows every Unicode space.
    if (first <= 0x20 or first >= 0x80) and not str(written[1:-1], "utf-8").strip():
        raise _NotFast
    return written, None


_QUOTE_KEY = b'"quote":'


def _placed(line: bytes, written: bytes, cursor: int) -> int:
    """Where in ``line``, from ``cursor`` on, the quote ``written`` is the value of a ``quote``
    key. Any place found holds those very bytes, so reading it there gives that quote."""
    find, startswith = line.find, line.startswith
    key = find(_QUOTE_KEY, cursor)
    while key >= 0:
        at = key + len(_QUOTE_KEY)
        while line[at:at + 1] in (b" ", b"\t", b"\r"):
            at += 1
        if startswith(written, at):
            return at
        key = find(_QUOTE_KEY, key + 1)
    raise _NotFast


class SourceLines:
    """Reads the lines of one ``sources/*.jsonl`` file: call it with a line's bytes and where the
    line starts in the file, for the source it gives (``None``: read it the precise way). Its
    excerpts go to :attr:`columns`, which :meth:`seal` closes when the file is read.

    Given the file's ``path``, quotes are left in the file (``_quotefile``): call
    :meth:`read_from` with the version of the file read before the first line. Without, they are
    held in memory.
    """

    def __init__(self, path: str | None = None) -> None:
        self.columns = ExcerptColumns(FileTexts(path, ()) if path is not None else None)
        self.skipped = 0

    def read_from(self, identity: tuple[int, ...], skipped: int = 0) -> None:
        """The version of the file read (``_quotefile.identify``), and how many bytes before
        the data the lines are cut from (a byte-order mark)."""
        if isinstance(self.columns.quotes, FileTexts):
            self.columns.quotes.identity = identity
        self.skipped = skipped

    def __call__(self, line: bytes, start: int = 0) -> Source | None:
        columns = self.columns
        mark = columns.mark()
        try:
            return _source(line, _SOURCE.decode(line), columns,
                           start + self.skipped)
        except (msgspec.DecodeError, RecursionError, _NotFast):
            columns.rollback(mark)
            return None

    def seal(self) -> None:
        self.columns.seal()


def source_record(line: bytes) -> Source | None:
    """The source one line of a ``sources/*.jsonl`` file gives (its excerpts in columns of their
    own); ``None``: read it the precise way."""
    lines = SourceLines()
    source = lines(line, 0)
    lines.seal()
    return source


_SOURCE_FIELDS = len(_Source.__struct_fields__)
_REVISION_FIELDS = len(_Revision.__struct_fields__)
#: An excerpt's keys that are always given (id, revision, quote, stances): the rest are optional.
_EXCERPT_REQUIRED = len(_Excerpt.__struct_fields__) - len(_Excerpt.__struct_defaults__)


def _source(line: bytes, raw: _Source, columns: ExcerptColumns, start: int) -> Source:
    """The source of a line, its excerpts added to ``columns``: quotes left in the file (where
    ``columns`` holds them so) placed from ``start``, where the line starts in the file."""
    keys = _given(raw, _SOURCE_FIELDS)
    zone = _zone(raw.zone)
    source_id = raw.id
    revisions: list[Revision] = []
    places: dict[str, int] = {}
    for item in raw.revisions:
        keys += _given(item, _REVISION_FIELDS)
        published = _when(item.published, zone)
        if published is None or item.id in places:
            raise _NotFast
        places[item.id] = len(revisions)
        revisions.append(Revision(item.id, published, _text(item.label), _text(item.note),
                                  _text(item.snapshot), _text(item.sha256)))
    first = len(columns)
    # Millions of these: each excerpt goes straight into the columns. What ``_integrity`` checks
    # of one excerpt alone is checked here (a line that fails goes the precise way, for its
    # finding); what it checks across records (relayed sources, claims, duplicate ids) is left
    # to it, over the columns.
    add_id, add_hash = columns.ids.add, columns.hashes.append
    add_revision, add_withdrawn, add_via, add_verbatim = (
        columns.revision.append, columns.withdrawn.append, columns.via.append,
        columns.verbatim.append)
    add_claim, add_stance, stance_at = (
        columns.stance_claim.append, columns.stance.append, columns.stance_at)
    claim_code, code_of = columns.claim_code, _STANCE_CODE
    cursor, quotes = 0, columns.quotes
    in_file = quotes if isinstance(quotes, FileTexts) else None
    in_memory = cast(Texts, quotes)  # where not in_file
    for x in () if raw.excerpts is UNSET else raw.excerpts:
        # The optional keys, nearly always unset, are read inline, and so are the keys the
        # excerpt gave counted: its four required ones, its stances, the optional ones given.
        withdrawn_in, via, translation, note, verbatim = (
            x.withdrawn_in, x.via, x.translation, x.note, x.verbatim)
        stances = x.stances
        keys += (_EXCERPT_REQUIRED + len(stances) + (withdrawn_in is not UNSET)
                 + (via is not UNSET) + (translation is not UNSET) + (note is not UNSET)
                 + (verbatim is not UNSET))
        excerpt_id = x.id
        own = places.get(x.revision)
        if own is None or not stances or not _ID.fullmatch(excerpt_id):
            raise _NotFast
        gone = -1
        if withdrawn_in is not UNSET and withdrawn_in is not None:
            gone = places.get(withdrawn_in, -1)
            if gone < 0 or gone == own or revisions[gone].published.compare(
                    revisions[own].published) is Order.BEFORE:
                raise _NotFast
        relayed = -1
        if via is not UNSET and via is not None:
            if via == source_id:
                raise _NotFast
            relayed = columns.name(via)
        i = len(columns)
        written, text = _quote(x.quote)
        if text is not None:
            quotes.add_text(text)
        elif in_file is not None:
            at = _placed(line, written, cursor)
            cursor = at + len(written)
            in_file.add_at(start + at + 1, len(written) - 2)
        else:
            in_memory.add(memoryview(written)[1:-1])
        add_id(excerpt_id.encode())
        add_hash(hash(excerpt_id))
        add_revision(own)
        add_withdrawn(gone)
        add_via(relayed)
        add_verbatim(verbatim is not False)
        if translation is not UNSET and translation is not None:
            columns.translation[i] = translation
        if note is not UNSET and note is not None:
            columns.note[i] = note
        for claim_id, stance in stances.items():
            code = claim_code.get(claim_id)
            add_claim(columns.claim(claim_id) if code is None else code)
            add_stance(code_of[stance])
        stance_at.append(len(columns.stance))
    if not _whole(line, keys):
        raise _NotFast
    return Source(
        source_id, raw.title, raw.kind, raw.publisher, raw.language,
        raw.zone, tuple(revisions),
        StoredExcerpts(columns, first, len(columns), source_id, tuple(revisions)),
        _text(raw.author), _text(raw.url), _texts(raw.speaks_for), _text(raw.snapshot),
        _text(raw.sha256), _text(raw.note))


def claims_record(line: bytes, start: int = 0) -> tuple[str, Any] | None:
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
