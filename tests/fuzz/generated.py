"""Small valid casebooks, generated: a few stakeholders, sources with revisions and excerpts,
claims of every kind, properties and relations, as TOML documents (a :class:`~.books.Book`)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from hypothesis import strategies as st

from .books import Book

ZONES = ["Asia/Seoul", "America/Los_Angeles", "UTC", "Europe/London", "Pacific/Kiritimati",
         "Pacific/Pago_Pago", "Australia/Lord_Howe", "Asia/Kathmandu", "+05:45", "-08:00"]
STATUSES = ["unreported", "reported", "corroborated", "confirmed", "disputed", "refuted",
            "superseded", "retracted", "pending", "fulfilled", "failed", "opinion"]
START = dt.datetime(2023, 11, 17)

#: Free text, any of it: letters of every script, markup, control characters, line breaks.
texts = st.text(min_size=1, max_size=40)
#: A quote: free text with more than blanks in it (an empty quote is an error).
quotes = texts.filter(str.strip)


@st.composite
def times(draw: st.DrawFn, zoned: bool, after: dt.datetime = START,
          bounds: bool = True) -> tuple[Any, dt.datetime]:
    """A time value in one of the written forms (``bounds``: bounded ones too), and the naive wall
    time it starts at, which is never before ``after``: a value without a zone only where its file
    has one."""
    moment = after + dt.timedelta(minutes=draw(st.integers(0, 60 * 24 * 8)))
    zone = f" {draw(st.sampled_from(ZONES))}" if zoned or draw(st.booleans()) else ""
    day = moment.strftime("%Y-%m-%d")
    form = draw(st.sampled_from(["day", "minute", "second", "part", "hour", "interval", "offset",
                                 "toml-date", "toml-datetime", "month",
                                 *(["bound"] if bounds else [])]))
    if form == "bound":  # no later / no earlier than a minute
        side = draw(st.sampled_from(["<=", ">=", "<= ", ">= "]))
        return f"{side}{moment:%Y-%m-%dT%H:%M}{zone}", moment
    if form == "day":
        return f"{day}{zone}", moment.replace(hour=0, minute=0)
    if form == "month":
        return f"{moment:%Y-%m}{zone}", moment.replace(day=1, hour=0, minute=0)
    if form == "minute":
        return f"{moment:%Y-%m-%dT%H:%M}{zone}", moment
    if form == "second":
        return f"{moment:%Y-%m-%dT%H:%M:%S}{zone}", moment
    if form == "hour":
        return f"{moment:%Y-%m-%dT%H}{zone}", moment.replace(minute=0)
    if form == "part":
        part = draw(st.sampled_from(["morning", "afternoon", "evening", "night"]))
        return f"{day} {part}{zone}", moment.replace(hour=0, minute=0)
    if form == "interval":
        end = moment + dt.timedelta(minutes=draw(st.integers(1, 600)))
        return f"{moment:%Y-%m-%dT%H:%M}/{end:%Y-%m-%dT%H:%M}{zone}", moment
    if form == "offset":
        return f"{moment:%Y-%m-%dT%H:%M:%S}-08:00", moment
    if form == "toml-date" and not zoned:
        return moment.date(), moment.replace(hour=0, minute=0)
    if form == "toml-datetime" and not zoned:
        return moment.replace(second=0), moment
    offset = dt.timezone(dt.timedelta(hours=9))
    return moment.replace(second=0, tzinfo=offset), moment


@st.composite
def generated(draw: st.DrawFn) -> Book:
    """A small casebook that loads: every reference resolves, every time has a zone."""
    zone = draw(st.sampled_from([*ZONES, None]))
    settings: dict[str, Any] | None = {"title": draw(texts)}
    if zone is not None:
        assert settings is not None
        settings["zone"] = zone
    if draw(st.booleans()):
        assert settings is not None
        settings["corroboration"] = draw(st.integers(1, 3))
    if zone is None and draw(st.booleans()):
        settings = None

    people = [f"party-{i}" for i in range(draw(st.integers(1, 4)))]
    stakeholders = [{"id": p, "name": draw(texts),
                     "kind": draw(st.sampled_from(["person", "organisation", "group"])),
                     "aliases": draw(st.lists(texts, max_size=2))} for p in people]
    claim_zone = draw(st.sampled_from([*ZONES, None]))
    kinds = draw(st.lists(st.sampled_from(["event", "state", "prediction", "opinion"]),
                          min_size=1, max_size=6))
    claims = []
    for i, kind in enumerate(kinds):
        claim: dict[str, Any] = {
            "id": f"claim-{i}", "kind": kind, "text": draw(texts),
            "subjects": draw(st.lists(st.sampled_from(people), min_size=1, max_size=2,
                                      unique=True)),
            "claimant": draw(st.sampled_from(people)),
        }
        if kind in ("event", "state") or draw(st.booleans()):
            claim["valid"], start = draw(times(claim_zone is None))
            if kind == "state" and draw(st.booleans()):
                claim["until"], _ = draw(times(claim_zone is None, start + dt.timedelta(days=33)))
        if kind == "prediction" and draw(st.booleans()):
            claim["due"], _ = draw(times(claim_zone is None, bounds=False))  # "by" already
        if draw(st.booleans()):
            claim["note"] = draw(texts)
        if draw(st.booleans()):
            claim["expect"] = [{"as_of": draw(st.sampled_from(["2023-11-19", "2023-11-25T12:00"])),
                                "tz": draw(st.sampled_from(["Asia/Seoul",
                                                            "America/Los_Angeles"])),
                                "status": draw(st.sampled_from(STATUSES))}]
        claims.append(claim)
    properties = []
    if draw(st.booleans()):
        properties.append({"id": "leader", "single_valued": True, "text": "leader of"})
        for claim in claims[:2]:
            claim["fact"] = {"subject": people[0], "property": "leader",
                             "value": draw(st.sampled_from(people))}
    relations = []
    for _ in range(draw(st.integers(0, 3))):
        if len(claims) < 2:
            break
        older, newer = sorted(draw(st.lists(st.integers(0, len(claims) - 1), min_size=2,
                                            max_size=2, unique=True)))
        relations.append({"kind": draw(st.sampled_from(["contradicts", "supersedes", "supports"])),
                          "from": f"claim-{newer}", "to": f"claim-{older}"})

    docs: dict[str, Any] = {}
    extra: dict[str, bytes] = {}
    publishers = [f"Outlet {i}" for i in range(draw(st.integers(1, 3)))]
    n_sources = draw(st.integers(1, 4))
    for s in range(n_sources):
        revisions = []
        moment = START
        for r in range(draw(st.integers(1, 3))):
            published, moment = draw(times(True, moment))
            revisions.append({"id": f"rev-{r}", "published": published})
            moment += dt.timedelta(days=33)  # the next starts after this one, whatever its form
        excerpts = []
        for e in range(draw(st.integers(0, 3))):
            on = draw(st.integers(0, len(revisions) - 1))
            excerpt: dict[str, Any] = {
                "id": f"source-{s}-excerpt-{e}", "revision": f"rev-{on}",
                "quote": draw(quotes),
                "stances": {c["id"]: draw(st.sampled_from(["asserts", "supports", "refutes",
                                                           "mentions"]))
                            for c in draw(st.lists(st.sampled_from(claims), min_size=1,
                                                   max_size=2, unique_by=lambda c: c["id"]))},
            }
            if on + 1 < len(revisions) and draw(st.booleans()):
                excerpt["withdrawn_in"] = f"rev-{on + 1}"
            if s > 0 and draw(st.booleans()):
                excerpt["via"] = f"source-{draw(st.integers(0, s - 1))}"
            if draw(st.booleans()):
                excerpt["translation"] = draw(texts)
            excerpts.append(excerpt)
        extra.update(_snapshots(draw, s, revisions, excerpts))
        source: dict[str, Any] = {
            "id": f"source-{s}", "title": draw(texts),
            "kind": draw(st.sampled_from(["article", "newsletter", "blog", "company-post",
                                          "social-post", "report", "letter"])),
            "publisher": draw(st.sampled_from(publishers)), "language": "en",
            "zone": draw(st.sampled_from(ZONES)),
            "speaks_for": draw(st.lists(st.sampled_from(people), max_size=1)),
            "revisions": revisions,
        }
        if excerpts:
            source["excerpts"] = excerpts
        if draw(st.booleans()):
            source["snapshot"] = draw(st.sampled_from(sorted(extra) or ["sources/none.txt"]))
            if draw(st.booleans()):
                data = extra.get(source["snapshot"], b"")
                source["sha256"] = draw(st.sampled_from([hashlib.sha256(data).hexdigest(),
                                                         "0" * 64]))
        docs[f"sources/source-{s}.toml"] = source
    claim_doc: dict[str, Any] = {"claims": claims}
    if claim_zone is not None:
        claim_doc["zone"] = claim_zone
    if properties:
        claim_doc["properties"] = properties
    if relations:
        claim_doc["relations"] = relations
    docs["claims/stakeholders.toml"] = {"stakeholders": stakeholders}
    docs["claims/claims.toml"] = claim_doc
    return Book(settings, docs, extra, story=["a generated casebook"])


def _snapshots(draw: st.DrawFn, s: int, revisions: list[dict[str, Any]],
               excerpts: list[dict[str, Any]]) -> dict[str, bytes]:
    """Snapshot files of source ``s``, text or HTML, holding its quotes (or not), the source's
    and some of its revisions'; excerpts pinned with a prefix and suffix now and then."""
    files = {}
    for where in [None, *revisions]:
        if not draw(st.booleans()):
            continue
        parts = []
        for excerpt in excerpts:
            before, after = draw(texts), draw(texts)
            if draw(st.booleans()):
                excerpt["prefix"], excerpt["suffix"] = before, after
            if draw(st.integers(0, 4)):
                parts.append(f"{before}{excerpt['quote']}{after}")
        body = "\n".join(parts)
        html = draw(st.booleans())
        if html:
            body = f"<html><body><main><p>{body}</p></main><footer>menu</footer></body></html>"
        stem = f"sources/snapshots/{s}-{where['id'] if where else 'page'}"
        name = f"{stem}.{'html' if html else 'txt'}"
        data = body.encode("utf-8", "surrogatepass")
        files[name] = data
        if where is not None:
            where["snapshot"] = name
            if draw(st.booleans()):
                where["sha256"] = hashlib.sha256(data).hexdigest()
    return files
