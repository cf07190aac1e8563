"""ClaimReview in: fact-checkers' verdicts (JSON-LD) brought into a casebook as sources.

Each review becomes a source whose publisher is the fact-checker, with one excerpt (the verdict)
supporting, refuting or mentioning the reviewed claim as :data:`STANCES` says; each appearance of
the claim becomes a source that asserts it. The claim is matched by its page's URL or its id, else
added, with its author and subjects as stakeholders. Ids derive from the input alone, so importing
the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs

from ._claimreview import LISTED, RATINGS, RELATION_NAMES
from ._claimreview_read import (
    Problems,
    day_from_span,
    listed,
    rating_note,
    read,
    required_text,
    reviews,
)
from ._errors import LoadError, TimeValueError
from ._findings import Finding, Severity
from ._load import load, save
from ._model import (
    Casebook,
    CasebookSettings,
    Claim,
    ClaimFile,
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
)
from ._resolution import Status
from ._when import When

__all__ = ["IMPORTED_CLAIMS", "STANCES", "Imported", "import_claimreview"]

#: Where imported claims and stakeholders are written, beside the casebook's own claim files.
IMPORTED_CLAIMS = "claims/claimreview.toml"

_SUPPORTS = ("true", "mostly true", "correct", "accurate", "came true")
_REFUTES = ("false", "mostly false", "incorrect", "inaccurate", "pants on fire", "fake",
            "did not come true")
_NEITHER = ("unproven", "not yet known", "disputed", "outdated", "retracted", "half true",
            "mixture", "misleading", "unverified", "needs context", "missing context")

#: A rating's verdict (``alternateName``, compared without case or surrounding spaces) -> the
#: stance of the fact-checker's excerpt. Any other verdict is reported and its review not imported.
STANCES: dict[str, Stance] = {
    **{name: Stance.SUPPORTS for name in _SUPPORTS},
    **{name: Stance.REFUTES for name in _REFUTES},
    **{name: Stance.MENTIONS for name in _NEITHER},
}

#: Verdicts that say a claim stands (it has support and nothing defeats it): a claim rated so
#: still defeats a claim that contradicts it, even when outdated or only reported.
_STANDING = {*_SUPPORTS, *(RATINGS[s].alternate_name.lower() for s in
                          (Status.REPORTED, Status.SUPERSEDED))}

#: What a related review's ``name`` says when the two claims contradict each other.
_CONTRADICTS = {RELATION_NAMES[RelationKind.CONTRADICTS, True],
                RELATION_NAMES[RelationKind.CONTRADICTS, False]}

#: Verdicts about predictions: a claim added for one of them is a prediction.
_PREDICTION = {RATINGS[s].alternate_name.lower() for s in
               (Status.FULFILLED, Status.FAILED, Status.PENDING)}


@attrs.frozen
class Imported:
    """What an import did: the counts of what it added, and what it reported."""

    reviews: int
    claims: int
    sources: int
    stakeholders: int
    relations: int
    findings: tuple[Finding, ...]
    changed: bool


def _slug(text: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "x"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:10]


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _Builder:
    """The casebook as it stands, and what the import adds to it."""

    def __init__(self, casebook: Casebook, zone: str, problems: Problems) -> None:
        self.casebook = casebook
        self.zone = zone
        self.problems = problems
        self.sources: dict[str, Source] = {}
        self.claims: dict[str, Claim] = {}
        self.stakeholders: dict[str, Stakeholder] = {}
        self.relations: list[Relation] = []
        #: Relations named by reviews (claim, what it is to the other, other's URL, key path),
        #: read once every review's claim is known.
        self.pending: list[tuple[str, str, str, str]] = []
        #: Each review's verdict by claim: (its source, the verdict as written, its stance).
        self.verdicts: dict[str, list[tuple[str, str, Stance]]] = {}
        #: The works each claim's reviews name as where it was made or evidence for it.
        self.backing: dict[str, list[str]] = {}
        self.reviews = 0

    # -- lookups --------------------------------------------------------------------------------

    def source(self, source_id: str) -> Source | None:
        return self.sources.get(source_id) or self.casebook.source_by_id.get(source_id)

    def claim(self, claim_id: str) -> Claim | None:
        return self.claims.get(claim_id) or self.casebook.claim_by_id.get(claim_id)

    def stakeholder(self, party: Any, path: str) -> str | None:
        name = party.get("name") if isinstance(party, dict) else party
        if not isinstance(name, str) or not name.strip():
            self.problems.error(path, "expected a Person or Organization with a name, "
                                f"got {party!r}")
            return None
        name = name.strip()
        for s in [*self.casebook.stakeholders, *self.stakeholders.values()]:
            if name.casefold() in {s.name.casefold(), *(a.casefold() for a in s.aliases)}:
                return s.id
        kind = (StakeholderKind.PERSON if isinstance(party, dict) and party.get("@type") == "Person"
                else StakeholderKind.ORGANISATION)
        sid = _slug(name)
        if sid in self.casebook.stakeholder_by_id or sid in self.stakeholders:
            sid = f"{sid}-{_digest(name)[:6]}"
        self.stakeholders[sid] = Stakeholder(sid, name, kind)
        return sid

    def when(self, value: Any, path: str) -> When | None:
        if not isinstance(value, str):
            self.problems.error(path, f"expected a date such as \"2023-11-21\" or "
                                f"\"2023-11-21T18:00:00+09:00\", got {value!r}")
            return None
        try:
            return When.parse(value.strip(), self.zone)
        except TimeValueError as exc:
            self.problems.error(path, str(exc))
            return None

    # -- one review -----------------------------------------------------------------------------

    def add(self, path: str, review: dict[str, Any]) -> None:
        p = self.problems
        before = len(p.errors)
        text = required_text(review, "claimReviewed", path, p, "the claim reviewed, as text")
        verdict = required_text(review, "reviewRating.alternateName", path, p,
                        "the rating's verdict, such as \"False\"")
        url = required_text(review, "url", path, p, "the URL of the fact-check")
        checker = required_text(review, "author.name", path, p, "the fact-checker's name")
        published = self.when(review.get("datePublished"), f"{path}.datePublished".lstrip("."))
        item = review.get("itemReviewed")
        item = item if isinstance(item, dict) else {}
        if len(p.errors) > before or None in (text, verdict, url, checker, published):
            return
        assert text and verdict and url and checker and published
        stance = STANCES.get(" ".join(verdict.lower().split()))
        if stance is None:
            p.warn(f"{path}.reviewRating.alternateName".lstrip("."),
                   f"unknown rating {verdict!r}: this review is not imported (known ratings: "
                   + ", ".join(sorted({*_SUPPORTS, *_REFUTES, *_NEITHER})) + ")",
                   "unknown-rating")
            return
        claim_id = self._claim(path, review, item, text, verdict, published)
        if claim_id is None:
            return
        self.reviews += 1
        sid = f"review-{_slug(checker, 24)}-{_digest(url)}"
        self.verdicts.setdefault(claim_id, []).append((sid, verdict, stance))
        self._source(Source(
            sid, str(review.get("name") or f"Fact check: {text}"), SourceKind.FACT_CHECK, checker,
            str(review.get("inLanguage") or "und"), self.zone,
            (Revision("published", published),), (), url=url,
        ), Excerpt(f"{sid}-verdict", "published", verdict, {claim_id: stance.value},
                   note=rating_note(review)))
        for j, appearance in enumerate(self._appearances(item)):
            self._work(f"{path}.itemReviewed.appearance[{j}]".lstrip("."), appearance,
                       claim_id, text, item, Stance.ASSERTS)
        for stance, key in LISTED.items():
            if stance is Stance.ASSERTS:
                continue
            for j, work in enumerate(listed(review.get(key))):
                self._work(f"{path}.{key}.itemListElement[{j}].item".lstrip("."), work,
                           claim_id, text, item, stance)
        related = review.get("associatedClaimReview")
        for j, other in enumerate(related if isinstance(related, list) else [related]):
            if (isinstance(other, dict) and isinstance(other.get("url"), str)
                    and other.get("name") in _RELATIONS):
                where = f"{path}.associatedClaimReview[{j}]".lstrip(".")
                self.pending.append((claim_id, str(other["name"]), other["url"], where))

    def relate(self) -> None:
        """Add the relations reviews name between claims that are both in the casebook now."""
        known = {(r.kind, r.from_, r.to) for r in self.casebook.relations}
        for claim_id, name, url, where in self.pending:
            other = self._declared([url])
            if other is None:
                self.problems.warn(where, f"{url!r} is no claim of the casebook or the file: the "
                                   f"relation ({name}) is not imported", "unknown-claim")
                continue
            kind, outgoing = _RELATIONS[name]
            key = (kind, claim_id, other) if outgoing else (kind, other, claim_id)
            if key not in known:
                known.add(key)
                self.relations.append(Relation(kind, key[1], key[2]))
            if name in _CONTRADICTS:
                self._relay(claim_id, other)

    def _relay(self, claim_id: str, other: str) -> None:
        """A review that refutes a claim another standing claim contradicts rests on that claim's
        evidence: its verdict relays each work the other claim's reviews name for it (one excerpt
        each, with the work as its origin), so the refutation is as strong as the reasons the
        fact-checker gives, and counts from the review's own date."""
        if not any(" ".join(v.lower().split()) in _STANDING
                   for _, v, _ in self.verdicts.get(other, ())):
            return
        for sid, verdict, stance in self.verdicts.get(claim_id, ()):
            review = self.source(sid)
            if stance is not Stance.REFUTES or review is None:
                continue
            for work in sorted(set(self.backing.get(other, ()))):
                self._source(review, Excerpt(
                    f"{sid}-via-{_digest(work, claim_id)}", "published", verdict,
                    {claim_id: Stance.REFUTES.value}, via=work,
                    note=f"The verdict rests on {other}, which contradicts this claim and stands: "
                         "this excerpt relays a work its review names for it."))

    def _declared(self, values: list[str]) -> str | None:
        base = self.casebook.settings.claim_url
        for value in values:
            if base and value.startswith(base) and self.claim(value[len(base):]):
                return value[len(base):]
            if self.claim(value):
                return value
            tail = value.rstrip("/").rsplit("/", 1)[-1]
            if _ID.match(tail) and self.claim(tail):
                return tail
        return None

    def _claim(self, path: str, review: dict[str, Any], item: dict[str, Any], text: str,
               verdict: str, published: When) -> str | None:
        declared = [x for x in (item.get("@id"), item.get("url"), review.get("url"))
                    if isinstance(x, str)]
        matched = self._declared(declared)
        if matched is not None:
            return matched
        tail = declared[-1].rstrip("/").rsplit("/", 1)[-1] if declared else ""
        claim_id = tail if _ID.match(tail) else _slug(text, 60)
        existing = self.claim(claim_id)
        if existing is not None:
            if existing.text == text:
                return claim_id
            claim_id = f"{claim_id[:48]}-{_digest(text)}"
            if self.claim(claim_id):
                return claim_id
        where = f"{path}.itemReviewed".lstrip(".")
        claimant = self.stakeholder(item.get("author"), f"{where}.author")
        about = item.get("about")
        about = about if isinstance(about, list) else [about] if about else []
        subjects = [self.stakeholder(a, f"{where}.about[{i}]") for i, a in enumerate(about)]
        if claimant is None or None in subjects:
            return None
        kind, valid, until = self._coverage(item, where, published)
        if prediction := verdict.lower() in _PREDICTION:
            kind, until = ClaimKind.PREDICTION, None
            # A prediction's time is optional: only what the review says, never a guess.
            valid = valid if "temporalCoverage" in item else None
        if valid is None and not prediction:
            return None
        self.claims[claim_id] = Claim(
            claim_id, kind, text, [s for s in subjects if s] or [claimant], claimant,
            valid=valid, until=until,
            note="Added by `factcheck import claimreview`."
                 + ("" if "temporalCoverage" in item else " `valid` is when the claim first "
                    "appeared, as the review gives it."))
        return claim_id

    def _coverage(self, item: dict[str, Any], where: str,
                  published: When) -> tuple[ClaimKind, When | None, When | None]:
        """The claim's kind and valid time from ``temporalCoverage`` (``T``: an event; ``T/U`` or
        ``T/..``: a state), else an event at the claim's first appearance or the review's date."""
        coverage = item.get("temporalCoverage")
        if isinstance(coverage, str) and coverage.strip():
            start, sep, end = coverage.strip().partition("/")
            valid = self.when(start, f"{where}.temporalCoverage")
            if not sep:
                return ClaimKind.EVENT, valid, None
            until = None if end in ("", "..") else self.when(end, f"{where}.temporalCoverage")
            return ClaimKind.STATE, valid, until
        if isinstance(item.get("datePublished"), str):
            return ClaimKind.EVENT, self.when(item["datePublished"], f"{where}.datePublished"), None
        return ClaimKind.EVENT, published, None

    @staticmethod
    def _appearances(item: dict[str, Any]) -> list[Any]:
        found = item.get("appearance")
        found = found if isinstance(found, list) else [found] if found else []
        first = item.get("firstAppearance")
        if first and first not in found:
            found.insert(0, first)
        return found

    def _work(self, path: str, appearance: Any, claim_id: str, text: str,
              item: dict[str, Any], stance: Stance) -> None:
        work = appearance if isinstance(appearance, dict) else {"url": appearance}
        url = work.get("url") if isinstance(work.get("url"), str) else None
        name = work.get("name") if isinstance(work.get("name"), str) else None
        if not (url or name):
            self.problems.error(path, f"expected a URL or a CreativeWork with a url or name, "
                                f"got {appearance!r}")
            return
        author = _name(work.get("author"))
        publisher = _name(work.get("publisher")) or author or (
            urlsplit(url).hostname if url else None) or "unknown"
        date = work.get("datePublished") or item.get("datePublished")
        try:
            # The span says the zone of the work's own date, not of the claim's it falls back on.
            span = work.get("publication") if work.get("datePublished") else None
            day = day_from_span(date, span, self.zone)
        except TimeValueError as exc:
            self.problems.error(f"{path}.publication", str(exc))
            return
        published = day or self.when(date, f"{path}.datePublished")
        if published is None:
            return
        claim = self.claim(claim_id)
        parties = {claim.claimant, *claim.subjects} if claim else set()
        speaks = [s for s in parties if author and self._named(s, author)]
        sid = f"work-{_slug(publisher, 24)}-{_digest(url or name or '', date or '')}"
        if stance in (Stance.ASSERTS, Stance.SUPPORTS):
            self.backing.setdefault(claim_id, []).append(sid)
        self._source(Source(
            sid, name or url or publisher, SourceKind.ARTICLE, publisher, "und",
            day.zone if day else self.zone,
            (Revision("published", published),), (), url=url, speaks_for=tuple(sorted(speaks)),
            note="A work a ClaimReview names: where a claim appeared, or evidence for or against "
                 "it. Each quote is the review's summary of the claim, not the work's own words.",
        ), Excerpt(f"{sid}-{_digest(claim_id, stance.value)}", "published", text,
                   {claim_id: stance.value}))

    def _named(self, stakeholder_id: str, name: str) -> bool:
        s = self.casebook.stakeholder_by_id.get(stakeholder_id) or self.stakeholders.get(
            stakeholder_id)
        return s is not None and name.casefold() in {s.name.casefold(),
                                                     *(a.casefold() for a in s.aliases)}

    def _source(self, source: Source, excerpt: Excerpt) -> None:
        existing = self.source(source.id)
        base = existing if existing is not None else source
        # A work several reviews name speaks for each party of their claims it is the word of,
        # whichever review comes first.
        speaks = tuple(sorted({*base.speaks_for, *source.speaks_for}))
        if any(e.id == excerpt.id for e in base.excerpts) and speaks == base.speaks_for:
            return
        excerpts = base.excerpts
        if not any(e.id == excerpt.id for e in excerpts):
            excerpts = (*excerpts, attrs.evolve(excerpt, source=source.id))
        self.sources[source.id] = attrs.evolve(base, excerpts=excerpts, speaks_for=speaks)


def _name(party: Any) -> str | None:
    """The name of a Person or Organization (or the text given for one), if any."""
    name = party.get("name") if isinstance(party, dict) else party
    return name.strip() if isinstance(name, str) and name.strip() else None


#: What a related review's ``name`` says this claim is to the other: (relation, outgoing).
_RELATIONS = {name: key for key, name in RELATION_NAMES.items()}


def _target(into: Path) -> Casebook:
    if not into.exists() or (into.is_dir() and not any(into.iterdir())):
        (into / "sources").mkdir(parents=True, exist_ok=True)
        (into / "claims").mkdir(parents=True, exist_ok=True)
    return load(into)


def import_claimreview(file: str | Path, into: str | Path, tz: str | None = None) -> Imported:
    """Bring the ClaimReviews of ``file`` into the casebook at ``into`` (made if empty or absent).

    Times without an offset are read in ``tz``, else the casebook's zone. Raises
    :class:`LoadError` with every problem (nothing is written) when the file cannot be read or a
    review lacks what an import needs; a review whose rating is unknown is reported (a warning in
    ``findings``) and left out.
    """
    file, into = Path(file), Path(into)
    problems = Problems(str(file))
    data = read(file, problems)
    if problems.errors:
        raise LoadError(problems.errors, unreadable=True)
    casebook = _target(into)
    zone = tz or casebook.zone
    if zone is None:
        raise LoadError([Finding(Severity.ERROR, "no-zone", "the casebook declares no zone: give "
                                 "one with --tz for the reviews' dates without an offset",
                                 str(into / "casebook.toml"), "zone")])
    builder = _Builder(casebook, zone, problems)
    for path, review in reviews(data, problems):
        builder.add(path, review)
    builder.relate()
    if problems.errors:
        raise LoadError(problems.errors)
    changed = bool(builder.sources or builder.claims or builder.stakeholders or builder.relations)
    if changed:
        _write(casebook, builder, into)
    return Imported(builder.reviews, len(builder.claims), len(builder.sources),
                    len(builder.stakeholders), len(builder.relations), tuple(problems.found),
                    changed)


def _write(casebook: Casebook, builder: _Builder, into: Path) -> None:
    """Save what changed: the new and grown sources, and the file of imported claims (whole)."""
    previous = next((f for f in casebook.files if f.path == IMPORTED_CLAIMS), None)
    old_claims = [casebook.claim_by_id[c] for c in previous.claims] if previous else []
    # What the import adds goes in order of id, so the order of reviews in the file changes
    # nothing written.
    relations = [*(casebook.relations[i] for i in (previous.relations if previous else ())),
                 *sorted(builder.relations, key=lambda r: (r.from_, r.to, r.kind.value))]
    old_stakeholders = ([casebook.stakeholder_by_id[s] for s in previous.stakeholders]
                        if previous else [])
    claims = [*old_claims, *sorted(builder.claims.values(), key=lambda c: c.id)]
    stakeholders = [*old_stakeholders,
                    *sorted(builder.stakeholders.values(), key=lambda s: s.id)]
    sources = [_added_in_order(casebook.source_by_id.get(s.id), s)
               for s in sorted(builder.sources.values(), key=lambda s: s.id)]
    # save() writes every claim file it is given, and a default one when given none: always give it
    # the imported claims' file, whole, so no other claim file is touched.
    files = [ClaimFile(IMPORTED_CLAIMS, None, [s.id for s in stakeholders], [],
                       [c.id for c in claims], range(len(relations)))]
    part = Casebook(CasebookSettings(), stakeholders, sources, claims, relations, files=files,
                    source_files={s.id: casebook.source_files.get(s.id, f"sources/{s.id}.toml")
                                  for s in sources})
    save(part, into)


def _added_in_order(before: Source | None, after: Source) -> Source:
    """``after`` with the excerpts it had ``before`` first, as they were, then new ones by id."""
    kept = len(before.excerpts) if before else 0
    added = sorted(after.excerpts[kept:], key=lambda e: e.id)
    return attrs.evolve(after, excerpts=(*after.excerpts[:kept], *added))
