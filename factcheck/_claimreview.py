"""ClaimReview out: each checkable claim's status as of a time, as schema.org ClaimReview JSON-LD.

What Google's fact-check documentation requires (``claimReviewed``, ``reviewRating`` with
``alternateName``, ``url``) and recommends (``author``, ``datePublished``, ``itemReviewed`` as a
``Claim`` with its ``author``, ``appearance`` and ``firstAppearance``; a numeric rating with
``bestRating`` and ``worstRating``). The mapping from status to rating is :data:`RATINGS`, the same
table docs/ecosystem.md shows (a test compares them).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pendulum

from ._asof import parse_as_of
from ._bounds import Bounded, BoundSide, anchor
from ._errors import CasebookError
from ._model import (
    Casebook,
    Claim,
    ClaimKind,
    Excerpt,
    RelationKind,
    Source,
    SourceKind,
    Stakeholder,
    StakeholderKind,
    Stance,
)
from ._resolution import Status
from ._when import PARTS_OF_DAY, Precision, When

__all__ = [
    "BEST",
    "LISTED",
    "RATINGS",
    "RELATION_NAMES",
    "WORST",
    "Rating",
    "claimreview_json",
    "claimreviews",
    "date_text",
    "day_span",
]

#: The numeric scale: 1 (false) to 5 (true), the scale most fact-checkers publish.
WORST, BEST = 1, 5


@attrs.frozen
class Rating:
    """How a status is published: the short verdict Google shows, a number, and what it means."""

    alternate_name: str
    value: int
    meaning: str


#: Each status of a checkable claim as a ClaimReview rating. Opinions are not reviewed, nor claims
#: unreported as of the time asked.
RATINGS: dict[Status, Rating] = {
    Status.CONFIRMED: Rating("True", 5, "confirmed: supported first-party"),
    Status.FULFILLED: Rating("Came true", 5, "fulfilled: a prediction that came true"),
    Status.CORROBORATED: Rating("Mostly true", 4, "corroborated: supported by independent origins"),
    Status.REPORTED: Rating("Unproven", 3, "reported: supported by one origin only"),
    Status.PENDING: Rating("Not yet known", 3, "pending: a prediction without an outcome yet"),
    Status.DISPUTED: Rating("Disputed", 3, "disputed: support and refutation equally strong"),
    Status.SUPERSEDED: Rating("Outdated", 3, "superseded: replaced by a later claim, outdated but "
                                             "not wrong"),
    Status.RETRACTED: Rating("Retracted", 2, "retracted: all its support was withdrawn"),
    Status.CORRECTED: Rating("Corrected", 2, "corrected: wrong as published, corrected by its "
                                             "source or the stakeholder concerned"),
    Status.REFUTED: Rating("False", 1, "refuted: by stronger evidence or a stronger claim"),
    Status.FAILED: Rating("Did not come true", 1, "failed: a prediction that did not come true"),
}

#: How a review names a declared relation to another claim's review (``associatedClaimReview``):
#: what this claim is to the other.
RELATION_NAMES: dict[tuple[RelationKind, bool], str] = {
    (RelationKind.SUPERSEDES, True): "supersedes",
    (RelationKind.SUPERSEDES, False): "superseded by",
    (RelationKind.CONTRADICTS, True): "contradicts",
    (RelationKind.CONTRADICTS, False): "contradicted by",
    (RelationKind.SUPPORTS, True): "supports",
    (RelationKind.SUPPORTS, False): "supported by",
    (RelationKind.CORRECTS, True): "corrects",
    (RelationKind.CORRECTS, False): "corrected by",
}

#: Which works a review lists, by the stance of their excerpts toward the claim: where it was made
#: (``appearance``), the evidence for it (``positiveNotes``) and against it (``negativeNotes``).
#: Mentions are left out (they report a claim without making it); so are fact-check sources.
LISTED = {Stance.ASSERTS: "appearance", Stance.SUPPORTS: "positiveNotes",
          Stance.REFUTES: "negativeNotes"}


def date_text(when: When) -> str:
    """A publication time as ISO 8601 that keeps its precision where ISO can: a day as a date, a
    time to the second, minute or hour with its offset; anything coarser or an interval as the
    moment it was certainly public. A bounded time gives its bound's."""
    when = anchor(when)
    s = when.start
    offset = s.isoformat()[19:]  # "+09:00" (a zone's offset at that time)
    if when.precision is Precision.DAY:
        return s.date().isoformat()
    if when.precision is Precision.SECOND:
        return s.isoformat()
    if when.precision is Precision.MINUTE:
        return f"{s.date().isoformat()}T{s.hour:02d}:{s.minute:02d}{offset}"
    if when.precision is Precision.HOUR:
        return f"{s.date().isoformat()}T{s.hour:02d}{offset}"
    return when.known_from.isoformat()


def _party(stakeholder: Stakeholder | None, name: str) -> dict[str, Any]:
    person = stakeholder is not None and stakeholder.kind is StakeholderKind.PERSON
    kind = "Person" if person else "Organization"
    return {"@type": kind, "name": stakeholder.name if stakeholder else name}


@attrs.frozen
class _Work:
    known: pendulum.DateTime
    source: Source
    published: When
    #: The origin's publisher, and the stakeholder of the claim it speaks for (first-party), if any.
    publisher: str
    speaks_for: str | None


def _works(casebook: Casebook, claim: Claim, as_of: pendulum.DateTime,
           stance: Stance) -> list[_Work]:
    """The sources whose excerpts take ``stance`` toward the claim and count as of ``as_of``:
    one per source, at its first such revision; in order of publication."""
    found: dict[str, _Work] = {}
    parties = {claim.claimant, *claim.subjects}
    for source in casebook.sources:
        if source.kind is SourceKind.FACT_CHECK:
            continue
        for excerpt in source.excerpts:
            if excerpt.stances.get(claim.id) is not stance:
                continue
            published = source.revision(excerpt.revision).published
            if published.known_from > as_of or _withdrawn(source, excerpt, as_of):
                continue
            seen = found.get(source.id)
            if seen is None or published.known_from < seen.known:
                origin = casebook.source_by_id.get(excerpt.via or "", source)
                party = min(parties & set(origin.speaks_for), default=None)
                found[source.id] = _Work(published.known_from, source, published,
                                         origin.publisher, party)
    return sorted(found.values(), key=lambda a: (a.known, a.source.id))


def _withdrawn(source: Source, excerpt: Excerpt, as_of: pendulum.DateTime) -> bool:
    if excerpt.withdrawn_in is None:
        return False
    return source.revision(excerpt.withdrawn_in).published.known_from <= as_of


def _creative_work(casebook: Casebook, work: _Work) -> dict[str, Any]:
    source = work.source
    # A first-party work is the word of a party to the claim: that party is its author. Any other
    # has no author to name, only its publisher: an author always means first-party.
    party = work.speaks_for
    data: dict[str, Any] = {"@type": "CreativeWork"}
    if source.url:
        data["url"] = source.url
    data["name"] = source.title
    if party:
        data["author"] = _party(casebook.stakeholder_by_id.get(party), party)
    data.update({"publisher": {"@type": "Organization", "name": work.publisher},
                 "datePublished": date_text(work.published)})
    if work.published.precision is Precision.DAY:
        data["publication"] = day_span(work.published)
    return data


def day_span(day: When) -> dict[str, str]:
    """A day as the PublicationEvent it was published within: its start and end with their
    offsets, which a date alone (``datePublished``) cannot say, so that the day can be read back
    in its own zone."""
    return {"@type": "PublicationEvent", "startDate": day.start.isoformat(),
            "endDate": day.end.isoformat()}


def _coverage(claim: Claim) -> str | None:
    """When the claim holds, as ISO 8601 (schema.org ``temporalCoverage``): an event's time; a
    state's ``valid/until``, open-ended as ``valid/..``."""
    if claim.valid is None:
        return None
    start = _period_start(claim.valid)
    if claim.kind is not ClaimKind.STATE:
        if isinstance(claim.valid, Bounded):  # ISO 8601's open intervals: "../T", "T/.."
            return f"../{start}" if claim.valid.side is BoundSide.AT_MOST else f"{start}/.."
        return start
    return f"{start}/{_period_start(claim.until) if claim.until else '..'}"


def _period_start(when: When) -> str:
    """A month or a year as ISO 8601 writes it; anything else as :func:`date_text`, except that a
    part of day or an interval is its start (when it may begin), not when it is certainly over.
    A bounded time gives its bound's."""
    when = anchor(when)
    s = when.start
    if when.precision is Precision.YEAR:
        return f"{s.year:04d}"
    if when.precision is Precision.MONTH:
        return f"{s.year:04d}-{s.month:02d}"
    if when.precision in (Precision.INTERVAL, *PARTS_OF_DAY):
        return s.isoformat()
    return date_text(when)


def _item_list(works: list[dict[str, Any]]) -> dict[str, Any]:
    return {"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": i, "item": w} for i, w in enumerate(works, 1)]}


def _settings(casebook: Casebook) -> tuple[str, str | None, str]:
    s = casebook.settings
    missing = [key for key, value in (("reviewer", s.reviewer), ("claim_url", s.claim_url))
               if not value]
    if missing:
        raise CasebookError(
            "casebook.toml: a ClaimReview needs " + " and ".join(f"`{k}`" for k in missing)
            + ' (who reviews, and where each claim\'s page is: claim_url = '
            '"https://example.org/claims/" gives https://example.org/claims/CLAIM-ID); see '
            "docs/format.md")
    assert s.reviewer is not None and s.claim_url is not None
    return s.reviewer, s.reviewer_url, s.claim_url


def claimreviews(casebook: Casebook, as_of: object, tz: str | None = None) -> list[dict[str, Any]]:
    """One ClaimReview (a JSON-LD object) per checkable claim reported by ``as_of``, by claim id."""
    reviewer, reviewer_url, base = _settings(casebook)
    instant = parse_as_of(as_of, tz, casebook.zone)
    zone = tz or casebook.zone
    statuses = casebook.statuses(instant, zone)
    return list(_reviews(casebook, statuses, instant, zone, reviewer, reviewer_url, base))


def _reviews(casebook: Casebook, statuses: Any, instant: pendulum.DateTime, zone: str | None,
             reviewer: str, reviewer_url: str | None, base: str) -> Iterator[dict[str, Any]]:
    author: dict[str, Any] = {"@type": "Organization", "name": reviewer}
    if reviewer_url:
        author["url"] = reviewer_url
    reviewed = {claim_id: RATINGS[r.status] for claim_id, r in statuses.items()
                if r.status in RATINGS
                and casebook.claim_by_id[claim_id].kind is not ClaimKind.OPINION}
    for claim_id in sorted(reviewed):
        resolution = statuses[claim_id]
        claim = casebook.claim_by_id[claim_id]
        rating = reviewed[claim_id]
        item: dict[str, Any] = {
            "@type": "Claim",
            "author": _party(casebook.stakeholder_by_id.get(claim.claimant), claim.claimant),
            "about": [_party(casebook.stakeholder_by_id.get(s), s) for s in claim.subjects],
        }
        coverage = _coverage(claim)
        if coverage:
            item["temporalCoverage"] = coverage
        listed = {key: [_creative_work(casebook, w)
                        for w in _works(casebook, claim, instant, stance)]
                  for stance, key in LISTED.items()}
        if listed["appearance"]:
            item["datePublished"] = listed["appearance"][0]["datePublished"]
            item["appearance"] = listed["appearance"]
            item["firstAppearance"] = listed["appearance"][0]
        published = resolution.since or instant
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": base + claim.id,
            "claimReviewed": claim.text,
            "datePublished": (published.in_timezone(zone) if zone else published).isoformat(),
            "author": author,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": rating.value,
                "bestRating": BEST,
                "worstRating": WORST,
                "alternateName": rating.alternate_name,
                "name": rating.meaning,
            },
            "itemReviewed": item,
        }
        for key in ("positiveNotes", "negativeNotes"):
            if listed[key]:
                review[key] = _item_list(listed[key])
        related = _related(casebook, claim.id, base, reviewed)
        if related:
            review["associatedClaimReview"] = related
        yield review


def _related(casebook: Casebook, claim_id: str, base: str,
             reviewed: Mapping[str, Rating]) -> list[dict[str, Any]]:
    """The declared relations of the claim with other reviewed claims, each as a stub of the other
    claim's review, named by what this claim is to it (:data:`RELATION_NAMES`)."""
    found = []
    for relation in casebook.relations:
        if claim_id not in (relation.from_, relation.to) or relation.from_ == relation.to:
            continue
        outgoing = relation.from_ == claim_id
        other = relation.to if outgoing else relation.from_
        if other not in reviewed:
            continue
        name = RELATION_NAMES[relation.kind, outgoing]
        found.append({"@type": "ClaimReview", "url": base + other, "name": name})
    return sorted(found, key=lambda r: (r["url"], r["name"]))


def claimreview_json(casebook: Casebook, as_of: object, tz: str | None = None) -> str:
    """The ClaimReviews as one JSON-LD document: a list, indented, ending in a newline."""
    return json.dumps(claimreviews(casebook, as_of, tz), ensure_ascii=False, indent=2) + "\n"
