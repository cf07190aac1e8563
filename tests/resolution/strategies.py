"""Hypothesis strategies: small random casebooks built directly from the model classes."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from factcheck import (
    Casebook,
    CasebookSettings,
    Claim,
    ClaimKind,
    DueIn,
    Excerpt,
    Relation,
    RelationKind,
    Revision,
    Source,
    SourceKind,
    Stakeholder,
    StakeholderKind,
    Stance,
    When,
)
from factcheck._bounds import anchor, parse_time

ZONES = ("Asia/Seoul", "America/Los_Angeles")
BASE = dt.datetime(2023, 11, 17, 0, 0)
PARTIES = ("p0", "p1", "p2")


@st.composite
def when(draw: st.DrawFn, bounds: bool = True) -> When:
    """A time in the week of the case, at a random precision and in Seoul or Los Angeles, some
    known only by a bound (no later than, no earlier than)."""
    moment = BASE + dt.timedelta(minutes=30 * draw(st.integers(0, 6 * 48)))
    zone = draw(st.sampled_from(ZONES))
    form = draw(st.sampled_from(["second", "minute", "hour", "day", "evening", "interval"]))
    day = moment.date().isoformat()
    text = {
        "second": f"{day}T{moment:%H:%M}:17",
        "minute": f"{day}T{moment:%H:%M}",
        "hour": f"{day}T{moment:%H}",
        "day": day,
        "evening": f"{day} evening",
        "interval": f"{day}T{moment:%H:%M}/{(moment + dt.timedelta(hours=2)):%Y-%m-%dT%H:%M}",
    }[form]
    side = draw(st.sampled_from(["", "", "", "<= ", ">= "])) if (
        bounds and form != "interval") else ""
    return parse_time(f"{side}{text} {zone}")


def dues() -> st.SearchStrategy[When | DueIn | None]:
    """A prediction's due: none, a time value in the week, or a span after it is made."""
    return st.one_of(st.none(), when(bounds=False), st.sampled_from(
        ["PT30M", "PT12H", "P1D", "P2D"]).map(DueIn.parse))


def due_instants(casebook: Casebook) -> list:
    """Every instant a prediction of the casebook falls due."""
    resolver = casebook.resolver()
    return [resolver.dues.instant[code] for code in sorted(resolver.dues.instant)]


@st.composite
def casebooks(draw: st.DrawFn, max_claims: int = 5) -> Casebook:
    """A random casebook: a few claims, sources with revisions and excerpts, and relations."""
    n_claims = draw(st.integers(1, max_claims))
    claim_ids = [f"c{i}" for i in range(n_claims)]
    kinds = [ClaimKind.EVENT, ClaimKind.EVENT, ClaimKind.STATE, ClaimKind.PREDICTION,
             ClaimKind.OPINION]
    claims = []
    for cid in claim_ids:
        kind = draw(st.sampled_from(kinds))
        claims.append(Claim(cid, kind, f"claim {cid}", [draw(st.sampled_from(PARTIES))],
                            draw(st.sampled_from(PARTIES)),
                            due=draw(dues()) if kind is ClaimKind.PREDICTION else None))
    sources = []
    excerpt_no = 0
    for s in range(draw(st.integers(1, 4))):
        revisions = [Revision(f"r{r}", draw(when())) for r in range(draw(st.integers(1, 3)))]
        excerpts = []
        for _ in range(draw(st.integers(0, 4))):
            targets = draw(st.lists(st.sampled_from(claim_ids), min_size=1, max_size=2,
                                    unique=True))
            stances = {t: draw(st.sampled_from(list(Stance))) for t in targets}
            withdrawn = draw(st.one_of(st.none(), st.sampled_from([r.id for r in revisions])))
            excerpts.append(Excerpt(f"e{excerpt_no}", draw(st.sampled_from([r.id for r in
                                                                            revisions])),
                                    "quote", stances, withdrawn_in=withdrawn, source=f"s{s}"))
            excerpt_no += 1
        sources.append(Source(
            f"s{s}", f"source {s}", SourceKind.ARTICLE, draw(st.sampled_from(["A", "B", "C"])),
            "en", draw(st.sampled_from(ZONES)), revisions, excerpts,
            speaks_for=draw(st.lists(st.sampled_from(PARTIES), max_size=1)),
        ))
    relations = []
    if n_claims > 1:
        for _ in range(draw(st.integers(0, n_claims))):
            a, b = draw(st.lists(st.sampled_from(claim_ids), min_size=2, max_size=2, unique=True))
            relations.append(Relation(draw(st.sampled_from(list(RelationKind))), a, b))
    stakeholders = [Stakeholder(p, p, StakeholderKind.PERSON) for p in PARTIES]
    return Casebook(CasebookSettings(zone="Asia/Seoul"), stakeholders, sources, claims, relations)


def instants(casebook: Casebook) -> list:
    """Every instant something becomes known or a prediction falls due, and a moment either side
    of each."""
    times = set()
    for source in casebook.sources:
        for revision in source.revisions:
            # A bounded time's own ends are the ends of the calendar: its bound's are what matter.
            written = anchor(revision.published)
            for t in (written.start, written.known_from):
                times |= {t.subtract(seconds=1), t, t.add(seconds=1)}
    for t in due_instants(casebook):
        times |= {t.subtract(seconds=1), t, t.add(seconds=1)}
    return sorted(times, key=lambda t: t.timestamp())


def steps_both_ways(resolver) -> tuple[list, list]:
    """Every claim's timeline steps (time, moment, status, strengths, origin count, since) as the
    resolver holds them, and as the general group resolution makes them for each claim on its own
    (a group of one, no relation): for claims in no relation the two must be equal."""
    from factcheck._groups import Group, GroupSteps, resolve_group

    columns = resolver.columns
    tied = {c for g in resolver.tied for c in g.claims}
    general = GroupSteps()
    held = []
    for code in range(len(columns.ids)):
        if code in tied:
            continue
        resolve_group(columns, Group((code,), ()), general, resolver.dues)
        lo, hi = resolver.step_offsets[code], resolver.step_offsets[code + 1]
        held += [(code, *row) for row in zip(
            resolver.step_time[lo:hi].tolist(), resolver.step_revision[lo:hi].tolist(),
            resolver.step_status[lo:hi].tolist(), resolver.step_support[lo:hi].tolist(),
            resolver.step_refutation[lo:hi].tolist(), resolver.step_origins[lo:hi].tolist(),
            resolver.step_since[lo:hi].tolist(), strict=True)]
    made = list(zip(general.claim, general.time, general.revision, general.status,
                    general.support, general.refutation, general.origins, general.since,
                    strict=True))
    return made, held
