"""The casebook's consistency checks: what a careful fact-checker would flag."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import pendulum

from ._bounds import ever_public
from ._findings import Finding, Severity, grouped
from ._heldchecks import HeldRows
from ._model import Casebook, Claim, ClaimKind, RelationKind, Revision, Source, Stance
from ._quantity import Approx, check_tolerance, values_conflict
from ._snapshots import page_text, quote_findings, revision_findings
from ._textnorm import folded
from ._tomlplaces import with_lines
from ._when import Order, When

__all__ = ["check", "latest_publication"]


def latest_publication(casebook: Casebook) -> pendulum.DateTime | None:
    """When the last revision in the casebook was certainly public."""
    times = [r.published.known_from for s in casebook.sources for r in s.revisions
             if ever_public(r.published)]
    return max(times) if times else None


def check(
    casebook: Casebook,
    as_of: pendulum.DateTime | None = None,
    snapshots: dict[str, Path] | None = None,
    tolerance: float | None = None,
) -> list[Finding]:
    """Every finding, most serious first, in a stable order.

    ``as_of`` decides which predictions are past due (default: the latest publication in the
    casebook, so the result never depends on the day it is run). ``snapshots`` maps source ids to
    snapshot files that override the sources' own ``snapshot``. ``tolerance`` is how far an
    approximate quantity reaches (default: the casebook's ``tolerance`` setting, 0.1).
    """
    found: list[Finding] = []
    held = HeldRows(casebook)  # excerpts held as columns are read as rows, none of them made
    found += _cycles(casebook)
    found += _conflicts(casebook, casebook.settings.tolerance if tolerance is None
                        else check_tolerance(tolerance))
    found += _anachronisms(casebook, held)
    found += _unsupported(casebook, held)
    found += _past_due(casebook, as_of if as_of is not None else latest_publication(casebook))
    found += _quotes(casebook, snapshots or {})
    found += _ignored_files(casebook)
    found += _withdrawn_before_counted(casebook, held)
    found += _lower_bounds(casebook, held)
    # Each with its line where the file says it; the same problem in many places as one finding.
    return grouped(with_lines(set(found), casebook.path))


def _withdrawn_before_counted(casebook: Casebook, held: HeldRows) -> list[Finding]:
    """Excerpts withdrawn by a revision that counts no later than their own: they never count.

    An original known only to the day counts from the end of that day; a timed update the same day
    that removes the excerpt takes it away before it was certainly public.
    """
    found = []
    for place, source in enumerate(casebook.sources):
        if held.holds(place):
            continue  # below, without making its excerpts
        published = {r.id: r.published for r in source.revisions}
        for i, excerpt in enumerate(source.excerpts):
            if excerpt.withdrawn_in:
                found += _withdrawal(casebook, source, i, excerpt.id, excerpt.revision,
                                     excerpt.withdrawn_in, published)
    for source, i, excerpt_id, revision, withdrawn_in in held.withdrawals():
        published = {r.id: r.published for r in source.revisions}
        found += _withdrawal(casebook, source, i, excerpt_id, revision, withdrawn_in, published)
    return found


def _withdrawal(casebook: Casebook, source: Source, i: int, excerpt_id: str, revision: str,
                withdrawn_in: str, published: dict[str, When]) -> list[Finding]:
    """The finding of excerpt ``i`` of ``source``, withdrawn in ``withdrawn_in``, if it never
    counts: ``published`` is each of the source's revisions' time, by id."""
    own, later = published.get(revision), published.get(withdrawn_in)
    if (own is None or later is None or later.known_from > own.known_from
            or not ever_public(own)):  # never counts at all: publication-lower-bound
        return []
    return [Finding(
        Severity.WARNING, "withdrawn-before-counted",
        f"excerpt {excerpt_id} is withdrawn in {withdrawn_in} ({later}), which counts no later "
        f"than its own revision {revision} ({own}, counted from the end of its interval): it "
        "never counts as evidence",
        casebook.source_files.get(source.id), f"excerpts[{i}].withdrawn_in")]


def _lower_bounds(casebook: Casebook, held: HeldRows) -> list[Finding]:
    """Revisions published only "no earlier than" a time: never certainly public, so their excerpts
    never count (and their withdrawals never take effect)."""
    found = []
    for place, source in enumerate(casebook.sources):
        if all(ever_public(r.published) for r in source.revisions):
            continue
        if held.holds(place):
            cited = held.cited_revisions(place)
        else:
            cited = {e.revision for e in source.excerpts} | {
                e.withdrawn_in for e in source.excerpts if e.withdrawn_in}
        for i, revision in enumerate(source.revisions):
            if ever_public(revision.published) or revision.id not in cited:
                continue
            found.append(Finding(
                Severity.WARNING, "publication-lower-bound",
                f"revision {revision.id} is published {revision.published.format()}: known only "
                "by a lower bound, it is never certainly public, so its excerpts never count and "
                "its withdrawals never take effect; give an upper bound (\"<= …\") or an interval",
                casebook.source_files.get(source.id), f"revisions[{i}].published"))
    return found


#: The endings the loader reads in sources/ and claims/ (docs/format.md), and those of notes a desk
#: may keep beside them, which are not mistaken for misnamed casebook files.
_READ = (".toml", ".jsonl")
_NOTES = (".md", ".txt", ".rst")


def _ignored_files(casebook: Casebook) -> list[Finding]:
    """Files in sources/ or claims/ that the loader does not read: a misnamed claim file
    (``board.tml``, ``board.TOML``) would otherwise drop its claims without a word."""
    if casebook.path is None:
        return []
    found = []
    for folder in ("sources", "claims"):
        try:
            entries = sorted(os.scandir(Path(casebook.path) / folder), key=lambda e: e.name)
        except OSError:
            continue  # the loader already said why it could not read the folder
        for entry in entries:
            name = entry.name
            # Dot-files are editors' lock and backup files; folders hold snapshots and the like;
            # a README.md or notes.txt is a desk's notes.
            if (name.startswith(".") or name.endswith(_READ) or name.lower().endswith(_NOTES)
                    or not entry.is_file()):
                continue
            found.append(Finding(
                Severity.WARNING, "ignored-file",
                f"not read: {folder}/ holds files ending in .toml or .jsonl (a mistyped ending "
                "leaves the file's contents out of the casebook)",
                f"{folder}/{name}", None))
    return found


def _claim_location(casebook: Casebook, claim_id: str) -> tuple[str | None, str | None]:
    for f in casebook.files:
        if claim_id in f.claims:
            return f.path, f"claims[{list(f.claims).index(claim_id)}]"
    return None, None


def _relation_location(casebook: Casebook, index: int) -> tuple[str | None, str | None]:
    for f in casebook.files:
        if index in f.relations:
            return f.path, f"relations[{index - min(f.relations)}]"
    return None, None


def _cycles(casebook: Casebook) -> list[Finding]:
    found = []
    for kind in (RelationKind.SUPPORTS, RelationKind.SUPERSEDES, RelationKind.CORRECTS):
        edges: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for i, rel in enumerate(casebook.relations):
            if rel.kind is kind:
                edges[rel.from_].append((rel.to, i))
        for cycle, index in _find_cycles(edges):
            file, where = _relation_location(casebook, index)
            path = " → ".join([*cycle, cycle[0]])
            found.append(Finding(Severity.ERROR, f"{kind.value}-cycle",
                                 f"{kind.value} relations form a cycle: {path}", file, where))
    return found


def _find_cycles(edges: dict[str, list[tuple[str, int]]]) -> list[tuple[list[str], int]]:
    """Each distinct cycle once, with the index of the relation that closes it (depth first)."""
    cycles: list[tuple[list[str], int]] = []
    seen: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt, index in sorted(edges.get(node, [])):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    cycles.append((cycle, index))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return cycles


def _period(claim: Claim) -> tuple[When, When | None] | None:
    return (claim.valid, claim.until) if claim.valid is not None else None


def _conflicts(casebook: Casebook, tolerance: float) -> list[Finding]:
    related = {frozenset((r.from_, r.to)) for r in casebook.relations}
    by_key: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in casebook.claims:
        fact = claim.fact
        if fact is None or claim.kind in (ClaimKind.PREDICTION, ClaimKind.OPINION):
            continue
        prop = casebook.property_by_id.get(fact.property)
        if prop is not None and prop.single_valued:
            by_key[(fact.subject, fact.property)].append(claim)
    found = []
    for (subject, prop_id), claims in sorted(by_key.items()):
        claims = sorted(claims, key=lambda c: c.id)
        for i, a in enumerate(claims):
            for b in claims[i + 1:]:
                assert a.fact is not None and b.fact is not None
                if (not values_conflict(a.fact.compared, b.fact.compared, tolerance)
                        or frozenset((a.id, b.id)) in related):
                    continue
                pa, pb = _period(a), _period(b)
                if pa is None or pb is None:
                    continue
                overlap = _overlap(pa, pb)
                if overlap is None:
                    continue
                file, where = _claim_location(casebook, b.id)
                definite = overlap == "definite"
                found.append(Finding(
                    Severity.ERROR if definite else Severity.WARNING,
                    "undeclared-conflict",
                    f"{a.id} and {b.id} give different values of single-valued {prop_id!r} of "
                    f"{subject!r} ({a.fact.shown!r}, {b.fact.shown!r}{_within(a, b, tolerance)}) "
                    "for "
                    f"{'overlapping' if definite else 'possibly overlapping'} valid times, and no "
                    "relation between them is declared",
                    file, where))
    return found


def _within(a: Claim, b: Claim, tolerance: float) -> str:
    """For approximate quantities, the tolerance they were compared with."""
    approximate = [c.fact.quantity for c in (a, b) if c.fact is not None
                   and c.fact.quantity is not None and c.fact.quantity.approx is not None]
    if not any(q.approx in (Approx.ABOUT, Approx.NEARLY) for q in approximate):
        return ""
    return f", even within the approximation's tolerance of {tolerance * 100:.4g}%"


def _overlap(a: tuple[When, When | None], b: tuple[When, When | None]) -> str | None:
    """``definite`` when the two periods certainly share time, ``possible`` when they may."""
    far = pendulum.DateTime.max.replace(tzinfo=pendulum.UTC)

    def certain(p: tuple[When, When | None]) -> tuple[pendulum.DateTime, pendulum.DateTime]:
        start, until = p
        return start.end, (until.start if until is not None else far)

    def possible(p: tuple[When, When | None]) -> tuple[pendulum.DateTime, pendulum.DateTime]:
        start, until = p
        return start.start, (until.end if until is not None else far)

    (a0, a1), (b0, b1) = certain(a), certain(b)
    if max(a0, b0) < min(a1, b1):
        return "definite"
    (a0, a1), (b0, b1) = possible(a), possible(b)
    if max(a0, b0) < min(a1, b1):
        return "possible"
    return None


def _anachronisms(casebook: Casebook, held: HeldRows) -> list[Finding]:
    found = []
    for place, source in enumerate(casebook.sources):
        if held.holds(place):
            continue  # below, without making its excerpts
        revisions = {r.id: r for r in source.revisions}
        for i, excerpt in enumerate(source.excerpts):
            revision = revisions[excerpt.revision]
            for claim_id, stance in sorted(excerpt.stances.items()):
                claim = casebook.claim_by_id[claim_id]
                if stance in (Stance.ASSERTS, Stance.SUPPORTS):
                    found += _anachronism(casebook, source, i, revision, claim_id, claim)
    for source, i, revision, claim_id, claim in held.reports(casebook.claim_by_id):
        found += _anachronism(casebook, source, i, revision, claim_id, claim)
    return found


def _anachronism(casebook: Casebook, source: Source, i: int, revision: Revision, claim_id: str,
                 claim: Claim) -> list[Finding]:
    """The finding of excerpt ``i`` of ``source`` (of ``revision``), which asserts or supports
    ``claim``, if the claim's valid time begins after the revision was published."""
    if claim.valid is None or claim.kind not in (ClaimKind.EVENT, ClaimKind.STATE):
        return []
    if claim.scheduled:
        return []  # a scheduled event is announced ahead, not reported as past
    if revision.published.compare(claim.valid) is not Order.BEFORE:
        return []
    return [Finding(
        Severity.ERROR, "anachronism",
        f"revision {revision.id!r} (published {revision.published}) reports {claim_id} as having "
        f"happened, but its valid time {claim.valid} begins after the revision was published",
        casebook.source_files.get(source.id), f"excerpts[{i}].stances.{claim_id}")]


def _unsupported(casebook: Casebook, held: HeldRows) -> list[Finding]:
    cited = held.cited_claims()
    cited.update(cid for place, source in enumerate(casebook.sources) if not held.holds(place)
                 for e in source.excerpts for cid in e.stances)
    found = []
    for claim in casebook.claims:
        if claim.id not in cited:
            file, where = _claim_location(casebook, claim.id)
            found.append(Finding(Severity.WARNING, "no-excerpt",
                                 f"claim {claim.id} has no excerpt: nothing in the casebook "
                                 "states, supports, refutes or mentions it", file, where))
    return found


def _past_due(casebook: Casebook, as_of: pendulum.DateTime | None) -> list[Finding]:
    if as_of is None:
        return []
    found = []
    resolver = casebook.resolver()
    for claim in casebook.claims:
        if claim.kind is not ClaimKind.PREDICTION or claim.due is None:
            continue
        res = resolver.at(claim.id, as_of)
        if res.due is None or res.due > as_of:
            continue
        # A made prediction past due has lapsed (failed); one never made is still unreported.
        if res.status.value in ("pending", "unreported"):
            file, where = _claim_location(casebook, claim.id)
            found.append(Finding(
                Severity.WARNING, "past-due",
                f"prediction {claim.id} was due {claim.due} and has no outcome as of "
                f"{as_of.isoformat()}", file, f"{where}.due" if where else None))
    return found


def _quotes(casebook: Casebook, overrides: dict[str, Path]) -> list[Finding]:
    found = []
    root = Path(casebook.path or ".")
    for source in casebook.sources:
        found += revision_findings(casebook, source)
        # Quotes of a revision with a snapshot of its own are checked against that one alone.
        own = {r.id for r in source.revisions if r.snapshot is not None}
        file = casebook.source_files.get(source.id)
        override = overrides.get(source.id)
        if override is None and source.snapshot is None:
            continue
        # Named as the user wrote it (on the command line, or in the source relative to the
        # casebook), never as an absolute path: findings, and the report, are the same anywhere.
        shown = str(override) if override is not None else str(source.snapshot)
        page, problems = page_text(root, shown, source.sha256, file, "", override)
        found += problems
        if page is None:
            continue
        text = folded(page)
        for i, excerpt in enumerate(source.excerpts):
            if excerpt.revision not in own:
                found += quote_findings(text, excerpt, shown, file, f"excerpts[{i}]")
    return found
