"""The domain model: frozen attrs classes for everything a casebook holds."""

from __future__ import annotations

import builtins
import enum
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol

import attrs

from ._due import Due
from ._errors import UnknownClaimError
from ._excerptindex import ExcerptIndex, HeldExcerpts
from ._findings import Finding
from ._kinds import ClaimKind, RelationKind, Stance
from ._outcome import Evidence, Resolution, Timeline
from ._quantity import DEFAULT_TOLERANCE, Approx, Quantity
from ._registry import Slot
from ._when import When

__all__ = [
    "Approx",
    "Casebook",
    "CasebookSettings",
    "Claim",
    "ClaimKind",
    "Excerpt",
    "Expectation",
    "Fact",
    "HeldExcerpts",
    "Property",
    "Quantity",
    "Relation",
    "RelationKind",
    "Revision",
    "Source",
    "SourceKind",
    "Stakeholder",
    "StakeholderKind",
    "Stance",
]


class StakeholderKind(enum.Enum):
    """What kind of party a stakeholder is."""

    PERSON = "person"
    ORGANISATION = "organisation"
    GROUP = "group"


class SourceKind(enum.Enum):
    """What kind of document a source is."""

    ARTICLE = "article"
    NEWSLETTER = "newsletter"
    BLOG = "blog"
    COMPANY_POST = "company-post"
    SOCIAL_POST = "social-post"
    REPORT = "report"
    LETTER = "letter"
    #: A fact-checker's review of claims (what `factcheck import claimreview` adds).
    FACT_CHECK = "fact-check"


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


def _frozen_map(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(value))


class Stances(Mapping[str, Stance]):
    """An excerpt's stances: a read-only mapping of claim id to :class:`Stance`, in written order.

    It compares equal to any mapping with the same items, such as ``{"a": Stance.ASSERTS}``. A bulk
    casebook holds millions of excerpts, nearly all with a stance toward one claim or two: the
    pairs are kept in one flat tuple, a fraction of what a dict costs.
    """

    __slots__ = ("_flat",)

    def __init__(self, stances: Mapping[str, Any] = MappingProxyType({})) -> None:
        flat: list[Any] = []
        for claim, stance in stances.items():
            # Python callers may write stances as plain strings; the model holds Stance values.
            flat += (claim, Stance(stance))
        self._flat: tuple[Any, ...] = tuple(flat)

    @classmethod
    def _of(cls, flat: tuple[Any, ...]) -> Stances:
        """From ``(claim, Stance, claim, Stance, …)`` already checked (the bulk loader's path)."""
        made = object.__new__(cls)
        made._flat = flat
        return made

    def pairs(self) -> tuple[Any, ...]:
        """The stances as written, flat: ``(claim, Stance, claim, Stance, …)``."""
        return self._flat

    def __getitem__(self, claim: str) -> Stance:
        flat = self._flat
        for i in range(0, len(flat), 2):
            if flat[i] == claim:
                return flat[i + 1]  # type: ignore[no-any-return]
        raise KeyError(claim)

    def __iter__(self) -> Iterator[str]:
        return iter(self._flat[::2])

    def __len__(self) -> int:
        return len(self._flat) // 2

    def __reversed__(self) -> Iterator[str]:
        return iter(self._flat[-2::-2])

    def __reduce__(self) -> tuple[Any, ...]:
        return (Stances._of, (self._flat,))

    def __repr__(self) -> str:
        return f"Stances({dict(self.items())!r})"


def _excerpts(value: Any) -> Sequence[Excerpt]:
    return value if isinstance(value, HeldExcerpts) else tuple(value)


def _stances(value: Mapping[str, Any]) -> Stances:
    return value if type(value) is Stances else Stances(value)


@attrs.frozen
class Stakeholder:
    """A person, organisation or group with a stake in the story."""

    id: str
    name: str
    kind: StakeholderKind
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    note: str | None = None


@attrs.frozen
class Revision:
    """One published state of a source: the original or a dated update."""

    id: str
    published: When
    label: str | None = None
    note: str | None = None
    #: The page as it stood in this revision (text or HTML), relative to the casebook folder.
    snapshot: str | None = None
    #: sha256 of the snapshot file.
    sha256: str | None = None


@attrs.frozen
class Excerpt:
    """A verbatim quote (or, marked so, a paraphrase) from one revision, with its stance toward
    one or more claims."""

    id: str
    revision: str
    quote: str
    stances: Stances = attrs.field(converter=_stances, hash=False)
    translation: str | None = None
    via: str | None = None
    withdrawn_in: str | None = None
    note: str | None = None
    #: Text just before and just after the quote in the page, to pin a quote that occurs more
    #: than once (as in the W3C Web Annotation TextQuoteSelector).
    prefix: str | None = None
    suffix: str | None = None
    #: False for a paraphrase or summary: it counts as evidence, is never checked against a
    #: snapshot, and is shown as a paraphrase, not as a quotation.
    verbatim: bool = True
    #: Set by the loader: the id of the source this excerpt is quoted from.
    source: str = attrs.field(default="", kw_only=True)


@attrs.frozen
class Source:
    """A document, with its revisions and the excerpts quoted from them."""

    id: str
    title: str
    kind: SourceKind
    publisher: str
    language: str
    zone: str
    revisions: tuple[Revision, ...] = attrs.field(converter=_tuple)
    #: A tuple, or (loaded from JSON Lines) a sequence equal to one, backed by columns.
    excerpts: Sequence[Excerpt] = attrs.field(default=(), converter=_excerpts)
    author: str | None = None
    url: str | None = None
    speaks_for: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    snapshot: str | None = None
    sha256: str | None = None
    note: str | None = None

    def revision(self, revision_id: str) -> Revision:
        """The revision with this id (``KeyError`` if none)."""
        for revision in self.revisions:
            if revision.id == revision_id:
                return revision
        raise KeyError(revision_id)


@attrs.frozen
class Fact:
    """A claim's structured form: ``subject`` has ``property`` equal to ``value``, or to a
    ``quantity`` (an amount with a unit, approximate or a range, on a basis)."""

    subject: str
    property: str
    value: str | None = None
    quantity: Quantity | None = None

    def __attrs_post_init__(self) -> None:
        if (self.value is None) == (self.quantity is None):
            raise ValueError("expected exactly one of value and quantity")

    @builtins.property  # the field ``property`` hides the builtin here
    def shown(self) -> str:
        """The value as a reader reads it (a quantity as ``about 700 USD (equity value)``)."""
        return self.value if self.value is not None else self.quantity.text()  # type: ignore[union-attr]

    @builtins.property  # the field ``property`` hides the builtin here
    def compared(self) -> str | Quantity:
        """What the undeclared-conflict check and ``facts`` compare: the value or the quantity."""
        return self.value if self.value is not None else self.quantity  # type: ignore[return-value]


@attrs.frozen
class Expectation:
    """What a desk expects of a claim as of a time: run as a test by the pytest plugin."""

    as_of: str
    status: tuple[str, ...] = attrs.field(converter=_tuple)
    tz: str | None = None
    origins: int | None = None


@attrs.frozen
class Claim:
    """One checkable proposition (or an opinion, kept so the casebook is complete)."""

    id: str
    kind: ClaimKind
    text: str
    subjects: tuple[str, ...] = attrs.field(converter=_tuple)
    claimant: str
    valid: When | None = None
    until: When | None = None
    #: Predictions only: a time value, or a span after the first assertion (``P7D``).
    due: Due | None = None
    fact: Fact | None = None
    note: str | None = None
    expect: tuple[Expectation, ...] = attrs.field(default=(), converter=_tuple)
    #: Announced in advance (a delisting effective next week, a court's deadline): reported
    #: before its valid time, it is no anachronism, and until then it reads as announced.
    scheduled: bool = False


@attrs.frozen
class Relation:
    """A declared link between two claims."""

    kind: RelationKind
    from_: str = attrs.field(alias="from_")
    to: str
    note: str | None = None


@attrs.frozen
class Property:
    """A property that structured claims use; single-valued ones can conflict."""

    id: str
    single_valued: bool = False
    text: str | None = None


@attrs.frozen
class CasebookSettings:
    """The casebook's own settings, from ``casebook.toml``."""

    title: str | None = None
    zone: str | None = None
    corroboration: int = 2
    #: Who publishes the casebook's verdicts (ClaimReview ``author``): a name, and its home page.
    reviewer: str | None = None
    reviewer_url: str | None = None
    #: Where each claim's page is: the claim's id is appended (ClaimReview ``url``).
    claim_url: str | None = None
    #: How far an approximate quantity ("about 700") reaches either side, as a fraction of its
    #: amount, when the undeclared-conflict check and ``facts`` compare quantities.
    tolerance: float = DEFAULT_TOLERANCE


def _index(items: tuple[Any, ...]) -> Mapping[str, Any]:
    return MappingProxyType({item.id: item for item in items})


@attrs.frozen
class ClaimFile:
    """One claim file as written: kept so a casebook saves back to the files it came from."""

    path: str
    zone: str | None = None
    stakeholders: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    properties: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    claims: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    relations: tuple[int, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(repr=False)
class Casebook:
    """One investigation: its stakeholders, sources, claims and relations, indexed by id.

    Build one with :func:`factcheck.load`. Queries (``status``, ``timeline``, ``statuses``,
    ``findings``) are answered from timelines computed once, on first use.
    """

    def __repr__(self) -> str:
        # Short: pytest prints the fixture's value in every failure.
        name = self.title or self.path or "(untitled)"
        return (f"<Casebook {name!r}: {len(self.claims)} claims, "
                f"{len(self.sources)} sources, {len(self.stakeholders)} stakeholders, "
                f"{len(self.relations)} relations>")

    def _repr_html_(self) -> str:
        return _answering.get().html(self)

    settings: CasebookSettings
    stakeholders: tuple[Stakeholder, ...] = attrs.field(converter=_tuple)
    sources: tuple[Source, ...] = attrs.field(converter=_tuple)
    claims: tuple[Claim, ...] = attrs.field(converter=_tuple)
    relations: tuple[Relation, ...] = attrs.field(converter=_tuple)
    properties: tuple[Property, ...] = attrs.field(default=(), converter=_tuple)
    #: Where each item came from (file layout); not part of equality.
    files: tuple[ClaimFile, ...] = attrs.field(default=(), converter=_tuple, eq=False, repr=False)
    source_files: Mapping[str, str] = attrs.field(
        factory=dict, converter=_frozen_map, eq=False, repr=False
    )
    path: str | None = attrs.field(default=None, eq=False)
    stakeholder_by_id: Mapping[str, Stakeholder] = attrs.field(init=False, eq=False, repr=False)
    source_by_id: Mapping[str, Source] = attrs.field(init=False, eq=False, repr=False)
    claim_by_id: Mapping[str, Claim] = attrs.field(init=False, eq=False, repr=False)
    excerpt_by_id: Mapping[str, Excerpt] = attrs.field(init=False, eq=False, repr=False)
    property_by_id: Mapping[str, Property] = attrs.field(init=False, eq=False, repr=False)
    _cache: dict[str, Any] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "stakeholder_by_id", _index(self.stakeholders))
        set_(self, "source_by_id", _index(self.sources))
        set_(self, "claim_by_id", _index(self.claims))
        set_(self, "excerpt_by_id", ExcerptIndex(self.sources))
        set_(self, "property_by_id", _index(self.properties))

    @property
    def zone(self) -> str | None:
        """The casebook's zone: as-of dates and output default to it."""
        return self.settings.zone

    @property
    def title(self) -> str:
        """The casebook's title, or its folder's name."""
        if self.settings.title:
            return self.settings.title
        return self.path.rstrip("/").rsplit("/", 1)[-1] if self.path else "casebook"

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id; :class:`UnknownClaimError` (a ``KeyError``) if none."""
        try:
            return self.claim_by_id[claim_id]
        except KeyError:
            raise UnknownClaimError(f"no claim {claim_id!r} in the casebook") from None

    def excerpts(self) -> list[Excerpt]:
        """Every excerpt of every source, in source order."""
        return [e for s in self.sources for e in s.excerpts]

    # -- questions: answered above the model (``_questions``), which registers how -------------

    def resolver(self) -> Answers:
        """The casebook's resolver: every timeline, built on first use and kept."""
        if "resolver" not in self._cache:
            self._cache["resolver"] = _answering.get().resolver(self)
        resolver: Answers = self._cache["resolver"]
        return resolver

    def status(self, claim_id: str, as_of: object, tz: str | None = None) -> Resolution:
        """The claim's resolution as of ``as_of``.

        ``as_of`` is an aware datetime, an ISO string with offset, or a date or datetime string
        without zone, read in ``tz`` (default: the casebook's zone). A date alone means the end of
        that day, so everything published that day counts. Output is shown in ``tz``.
        """
        return self.resolver().status(claim_id, as_of, tz)

    def statuses(self, as_of: object, tz: str | None = None) -> dict[str, Resolution]:
        """Every claim's resolution as of ``as_of``, keyed by claim id in sorted order."""
        return self.resolver().statuses(as_of, tz)

    def status_columns(self, as_of: object, tz: str | None = None) -> Any:
        """Every claim's status, since, strength and origin count as of ``as_of``, as columns.

        A ``pyarrow.Table`` (one row per claim, in claim id order) when pyarrow is installed, else
        a dict of NumPy arrays; see docs/resolution.md, "Every claim at once, as columns".
        """
        return self.resolver().status_columns(as_of, tz)

    def timeline(self, claim_id: str, tz: str | None = None) -> Timeline:
        """The claim's status over known time: a step per change of status."""
        return self.resolver().timeline(claim_id, tz)

    def facts(self, subject: str, prop: str, *, valid_at: object, as_of: object,
              tz: str | None = None, tolerance: float | None = None) -> Any:
        """What value ``prop`` of ``subject`` had at valid time ``valid_at``, according to what was
        known at ``as_of``: a ``FactAnswer`` (known, conflicting, indeterminate or unknown), with
        the structured claims it rests on and those it sets aside (docs/resolution.md).
        ``tolerance`` is how far an approximate quantity reaches (default: the casebook's)."""
        return _answering.get().facts(self, subject, prop, valid_at, as_of, tz, tolerance)

    def findings(self, as_of: object | None = None, tz: str | None = None,
                 tolerance: float | None = None) -> list[Finding]:
        """The casebook's consistency findings, most serious first.

        ``as_of`` decides which predictions are past due (default: the latest publication in the
        casebook, so the answer does not depend on the day it is asked). ``tolerance`` is how far
        an approximate quantity reaches when quantities are compared (default: the casebook's
        ``tolerance`` setting, 0.1 unless it says otherwise).
        """
        return _answering.get().findings(self, as_of, tz, tolerance)


class Answers(Protocol):
    """What a casebook's resolver answers (``factcheck._resolution.Resolver``)."""

    @property
    def groups(self) -> list[list[str]]:
        """Every claim's group of claims tied by relations, as claim ids."""

    @property
    def evidence(self) -> Mapping[str, tuple[Evidence, ...]]:
        """Each claim's evidence, in the order it counts."""

    def at(self, claim_id: str, instant: Any, tz: str | None = None) -> Resolution:
        """The claim's resolution at an exact instant."""

    def status(self, claim_id: str, as_of: object, tz: str | None = None) -> Resolution:
        """The claim's resolution as of ``as_of``."""

    def statuses(self, as_of: object, tz: str | None = None) -> dict[str, Resolution]:
        """Every claim's resolution as of ``as_of``."""

    def status_columns(self, as_of: object, tz: str | None = None) -> Any:
        """Every claim's status as of ``as_of``, as columns."""

    def timeline(self, claim_id: str, tz: str | None = None) -> Timeline:
        """The claim's status over known time."""


class Answering(Protocol):
    """How casebooks answer questions: registered by ``factcheck._questions``, which sits above
    both the model and the resolution and checks (the model imports neither)."""

    def resolver(self, casebook: Casebook) -> Answers:
        """A new resolver for the casebook."""

    def findings(self, casebook: Casebook, as_of: object | None, tz: str | None,
                 tolerance: float | None = None) -> list[Finding]:
        """The casebook's findings."""

    def facts(self, casebook: Casebook, subject: str, prop: str, valid_at: object,
              as_of: object, tz: str | None, tolerance: float | None = None) -> Any:
        """A property's value at a valid time, as known at ``as_of``."""

    def html(self, casebook: Casebook) -> str:
        """A notebook's HTML view of the casebook."""


_answering: Slot[Answering] = Slot("how casebooks answer questions")
#: Register how casebooks answer questions (``factcheck._questions`` does, on import).
answer_with = _answering.fill
