"""Benchmark factcheck at scale, side by side with DuckDB.

    python bench/run.py --claims 10000            # generate, measure, print the table
    python bench/run.py --claims 100000 --jsonl-only   # skip TOML (its parsing takes minutes)
    python bench/run.py --claims 1000000 --seed 7

A synthetic casebook of N claims is generated (seeded: the same N and seed give the same files),
with about five excerpts per claim over a 30-day window, sources with revisions, relations on about
a tenth of the claims, and mixed zones and precisions. It is written as JSON Lines at every size and
as TOML up to 100,000 claims, under bench/out/N-seed/ (reused when already there).

Measured: raw parsing of the files (json / tomllib), factcheck.load, building every timeline, one
point status query (median over batches of random claims and instants), every claim's status at
one instant, the findings, rendering the report, resident memory after loading and after
building, and the peak. The same evidence events go into DuckDB (the `bench` extra), which is
measured on the same tasks: ORDER BY claim, time into a table (the reference for building), an
ASOF JOIN for every claim's latest evidence at T, and one parameterized query per point lookup.
Nothing here asserts a time: the figures are printed for people to read (docs/performance.md).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import sys
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import tomli_w

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import factcheck  # noqa: E402

ZONES = ["Asia/Seoul", "America/Los_Angeles", "Europe/London", "UTC"]
OFFSETS = {"Asia/Seoul": 9, "America/Los_Angeles": -8, "Europe/London": 0, "UTC": 0}
START = 1_700_000_000 - 1_700_000_000 % 86400  # 2023-11-14 00:00 UTC
WINDOW_DAYS = 30
TOML_LIMIT = 100_000
CLAIMS_PER_FILE = 1000
STANCES = ["asserts", "asserts", "supports", "supports", "refutes", "mentions"]
#: Words quotes are made of: about one quote in four is Korean, as in the shipped casebook's
#: sources; every quote is 80-300 characters, as a real excerpt is.
WORDS_EN = (
    "the", "board", "said", "on", "Friday", "that", "it", "had", "lost", "confidence", "in",
    "the", "chief", "executive", "and", "would", "name", "an", "interim", "leader", "while",
    "investors", "pressed", "for", "his", "return", "after", "staff", "threatened", "to",
    "resign", "unless", "directors", "stepped", "down", "within", "days",
)
WORDS_KO = (
    "이사회는", "금요일", "최고경영자에", "대한", "신뢰를", "잃었다고",
    "밝혔으며", "임시", "대표를", "선임하겠다고", "했다", "투자자들은",
    "복귀를", "요구했고", "직원들은", "이사진이", "물러나지", "않으면",
    "사임하겠다고", "경고했다",
)


# -- generating -------------------------------------------------------------------------------


def _local(epoch: int, zone: str) -> time.struct_time:
    """Wall-clock fields in ``zone`` (fixed offsets: the window has no DST change in these)."""
    return time.gmtime(epoch + OFFSETS[zone] * 3600)


def _when(rng: random.Random, epoch: int, zone: str) -> str:
    """A time value written in one of the precisions, in ``zone``."""
    t = _local(epoch, zone)
    day = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
    roll = rng.random()
    if roll < 0.55:
        return f"{day}T{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} {zone}"
    if roll < 0.70:
        return f"{day}T{t.tm_hour:02d}:{t.tm_min:02d} {zone}"
    if roll < 0.80:
        return f"{day}T{t.tm_hour:02d} {zone}"
    if roll < 0.87:
        part = ("night", "morning", "afternoon", "evening")[
            0 if t.tm_hour < 6 else 1 if t.tm_hour < 12 else 2 if t.tm_hour < 18 else
            3 if t.tm_hour < 22 else 0]
        if part == "night" and t.tm_hour < 6:
            # Night before 06:00 belongs to the day before: keep it simple, write the hour.
            return f"{day}T{t.tm_hour:02d} {zone}"
        return f"{day} {part} {zone}"
    if roll < 0.95:
        return f"{day} {zone}"
    end = _local(epoch + 300, zone)
    return (f"{day}T{t.tm_hour:02d}:{t.tm_min:02d}/"
            f"{end.tm_year:04d}-{end.tm_mon:02d}-{end.tm_mday:02d}T{end.tm_hour:02d}:{end.tm_min:02d}"
            f" {zone}")


def _quote(rng: random.Random) -> str:
    """A quote of 80-300 characters, in English or (one in four) Korean."""
    words = WORDS_KO if rng.random() < 0.25 else WORDS_EN
    length = rng.randint(80, 300)
    text = rng.choice(words).capitalize()
    while len(text) < length:
        text += " " + rng.choice(words)
    return text[:length].rstrip() + "."


def generate(n: int, seed: int, out: Path) -> dict[str, int]:
    """Write the casebook of ``n`` claims under ``out`` (JSON Lines; TOML too up to the limit)."""
    rng = random.Random(seed)
    n_stakeholders = max(20, n // 50)
    n_sources = max(10, n // 4)
    stakeholders = [f"p{i}" for i in range(n_stakeholders)]

    claims: list[dict[str, Any]] = []
    for i in range(n):
        zone = rng.choice(ZONES)
        kind = rng.choices(["event", "state", "prediction", "opinion"], [6, 3, 1, 0.5])[0]
        claim: dict[str, Any] = {
            "id": f"c{i}", "kind": kind, "text": f"Synthetic claim number {i}.",
            "subjects": rng.sample(stakeholders, 2), "claimant": rng.choice(stakeholders),
        }
        if kind in ("event", "state"):
            claim["valid"] = f"2023-11-{rng.randint(1, 13):02d} {zone}"
        claims.append(claim)

    # Relations on about a tenth of the claims, inside small clusters of neighbours, always from a
    # later claim to an earlier one, so supports and supersedes cannot form cycles.
    relations: list[dict[str, Any]] = []
    for i in range(0, n - 1, 10):
        j = min(n - 1, i + rng.randint(1, 9))
        kind = rng.choice(["contradicts", "supersedes", "supports"])
        relations.append({"kind": kind, "from": f"c{j}", "to": f"c{i}"})

    # Sources with 1-3 revisions; excerpts spread over them, five per claim on average.
    sources: list[dict[str, Any]] = []
    speaks = {k: [rng.choice(stakeholders)] if rng.random() < 0.05 else []
              for k in range(n_sources)}
    for k in range(n_sources):
        zone = rng.choice(ZONES)
        first = START + rng.randrange(WINDOW_DAYS * 86400)
        revisions = []
        for r in range(rng.choice([1, 1, 2, 3])):
            epoch = first + r * rng.randrange(3600, 4 * 86400)
            revisions.append({"id": f"r{r}", "published": _when(rng, epoch, zone)})
        sources.append({
            "id": f"s{k}", "title": f"Source {k}", "kind": rng.choice(["article", "report",
                                                                      "social-post", "blog"]),
            "publisher": f"Outlet {rng.randrange(max(5, n_sources // 3))}", "language": "en",
            "zone": zone, "speaks_for": speaks[k], "revisions": revisions, "excerpts": [],
        })
    excerpts = 0
    for i in range(n):
        for _ in range(max(1, round(rng.gauss(5, 1.5)))):
            source = sources[rng.randrange(n_sources)]
            revision = rng.choice(source["revisions"])["id"]
            source["excerpts"].append({
                "id": f"e{excerpts}", "revision": revision, "quote": _quote(rng),
                "stances": {f"c{i}": rng.choice(STANCES)},
            })
            excerpts += 1

    out.mkdir(parents=True, exist_ok=True)
    for form in ("jsonl", "toml") if n <= TOML_LIMIT else ("jsonl",):
        root = out / form
        (root / "sources").mkdir(parents=True, exist_ok=True)
        (root / "claims").mkdir(parents=True, exist_ok=True)
        settings = 'title = "Synthetic benchmark casebook"\nzone = "UTC"\n'
        (root / "casebook.toml").write_text(settings, encoding="utf-8")
        stakeholder_rows = [{"id": s, "name": s.upper(), "kind": "person"} for s in stakeholders]
        if form == "jsonl":
            _write_lines(root / "sources" / "sources.jsonl", sources)
            _write_lines(root / "claims" / "claims.jsonl", [
                *({"type": "stakeholder", **s} for s in stakeholder_rows),
                *({"type": "claim", **c} for c in claims),
                *({"type": "relation", **r} for r in relations),
            ])
        else:
            (root / "claims" / "stakeholders.toml").write_text(
                tomli_w.dumps({"stakeholders": stakeholder_rows}), encoding="utf-8")
            for f, lo in enumerate(range(0, n, CLAIMS_PER_FILE)):
                chunk: dict[str, Any] = {"claims": claims[lo:lo + CLAIMS_PER_FILE]}
                rel = [r for r in relations if lo <= int(r["from"][1:]) < lo + CLAIMS_PER_FILE]
                if rel:
                    chunk["relations"] = rel
                (root / "claims" / f"claims-{f:04d}.toml").write_text(
                    tomli_w.dumps(chunk), encoding="utf-8")
            for source in sources:
                (root / "sources" / f"{source['id']}.toml").write_text(
                    tomli_w.dumps(source), encoding="utf-8")
    counts = {"claims": n, "excerpts": excerpts, "sources": n_sources,
              "relations": len(relations)}
    (out / "counts.json").write_text(json.dumps(counts), encoding="utf-8")
    return counts


def _write_lines(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
            f.write("\n")


# -- measuring --------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def live_mib() -> float:
    """Resident memory of this process now, in MiB (after a full collection)."""
    gc.collect()
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # not Linux: the peak is the best there is
        return rss_mib()


def median_of(runs: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """The median time of ``runs`` calls (this machine's timings vary from run to run)."""
    times, result = [], None
    for _ in range(runs):
        elapsed, result = timed(fn)
        times.append(elapsed)
    return statistics.median(times), result


def parse_raw(root: Path) -> int:
    """Parse every file of the casebook with the standard library alone; returns the row count."""
    rows = 0
    for path in sorted(root.rglob("*.jsonl")):
        with path.open("rb") as f:
            for line in f:
                json.loads(line)
                rows += 1
    for path in sorted(root.rglob("*.toml")):
        with path.open("rb") as f:
            tomllib.load(f)
            rows += 1
    return rows


def _batches(values: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def point_queries(casebook: factcheck.Casebook, rng: random.Random, count: int) -> float:
    """Median µs per status query, over batches of random claims and instants."""
    import pendulum

    resolver = casebook.resolver()
    ids = [c.id for c in casebook.claims]
    pairs = [(rng.choice(ids),
              pendulum.from_timestamp(START + rng.randrange(WINDOW_DAYS * 86400), tz="UTC"))
             for _ in range(count)]
    per_call = []
    for batch in _batches(pairs, 1000):
        start = time.perf_counter()
        for claim_id, instant in batch:
            resolver.at(claim_id, instant)
        per_call.append((time.perf_counter() - start) / len(batch) * 1e6)
    return statistics.median(per_call)


def events(casebook: factcheck.Casebook) -> list[tuple[str, int, str, str]]:
    """The evidence events, as a user would put them in a table: claim, time, stance, origin."""
    columns = casebook.resolver().columns  # type: ignore[attr-defined]
    ids, origins = columns.ids, columns.origins
    stances = ("asserts", "supports", "refutes", "mentions")
    return [(ids[c], t // 1_000_000, stances[st], origins[o]) for c, t, st, o in zip(
        columns.claim.tolist(), columns.known_us.tolist(), columns.stance.tolist(),
        columns.origin.tolist(), strict=True)]


def write_events(rows: list[tuple[str, int, str, str]], path: Path) -> None:
    """The evidence events as the CSV file DuckDB reads."""
    with path.open("w", encoding="utf-8") as f:
        for claim_id, t, stance, origin in rows:
            f.write(f"{claim_id},{t},{stance},{origin}\n")


def duckdb_side(rows: list[tuple[str, int, str, str]], ids: list[str], as_of: int,
                rng: random.Random, lookups: int, work: Path) -> dict[str, float]:
    import duckdb

    path = work / "events.csv"
    write_events(rows, path)
    con = duckdb.connect()
    con.execute(f"SET threads TO {os.cpu_count() or 1}")
    con.execute(
        "CREATE TABLE events AS SELECT * FROM read_csv(?, header=false, "
        "columns={'claim': 'VARCHAR', 't': 'BIGINT', 'stance': 'VARCHAR', 'origin': 'VARCHAR'})",
        [str(path)],
    )
    con.execute("CREATE TABLE claims AS SELECT DISTINCT claim FROM events")
    figures: dict[str, float] = {}
    figures["build"], _ = timed(lambda: con.execute(
        "CREATE TABLE sorted AS SELECT * FROM events ORDER BY claim, t"))
    asof = ("SELECT c.claim, e.stance, e.t FROM (SELECT claim, ?::BIGINT AS t FROM claims) c "
            "ASOF LEFT JOIN sorted e ON c.claim = e.claim AND c.t >= e.t")
    figures["all"], _ = median_of(3, lambda: con.execute(asof, [as_of]).fetchall())
    figures["columns"], _ = median_of(3, lambda: con.execute(asof, [as_of]).fetchnumpy())
    query = "SELECT stance, t FROM sorted WHERE claim = ? AND t <= ? ORDER BY t DESC LIMIT 1"
    per_call = []
    for _ in range(max(1, lookups // 50)):
        batch = [(rng.choice(ids), START + rng.randrange(WINDOW_DAYS * 86400)) for _ in range(50)]
        start = time.perf_counter()
        for claim_id, t in batch:
            con.execute(query, [claim_id, t]).fetchall()
        per_call.append((time.perf_counter() - start) / len(batch) * 1e6)
    figures["point"] = statistics.median(per_call)
    con.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=10_000, help="claims to generate")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where casebooks go")
    parser.add_argument("--queries", type=int, default=20_000, help="point queries to time")
    parser.add_argument("--no-duckdb", action="store_true", help="skip the DuckDB side")
    parser.add_argument("--jsonl-only", action="store_true",
                        help="measure JSON Lines only (parsing TOML takes minutes at 100k)")
    parser.add_argument("--report", choices=["text", "markdown", "html", "json"],
                        default="markdown", help="report format to time (default markdown)")
    parser.add_argument("--report-limit", type=int, default=100_000,
                        help="render the report only up to this many claims (default 100,000)")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    out = args.out / f"{args.claims}-{args.seed}"
    if (out / "counts.json").exists():
        counts = json.loads((out / "counts.json").read_text(encoding="utf-8"))
        gen_s = 0.0
    else:
        gen_s, counts = timed(lambda: generate(args.claims, args.seed, out))
    print(f"casebook: {counts['claims']:,} claims, {counts['excerpts']:,} excerpts, "
          f"{counts['sources']:,} sources, {counts['relations']:,} relations "
          f"({f'generated in {gen_s:.1f} s' if gen_s else 'reused'}; {out})", flush=True)

    rows: list[list[str]] = []

    def row(task: str, ours: float | None, theirs: float | None, unit: str, note: str) -> None:
        def fmt(v: float | None) -> str:
            if v is None:
                return "-"
            return f"{v:,.0f}" if v >= 100 else f"{v:.2f}" if v >= 1 else f"{v:.3g}"
        ratio = "-" if ours is None or not theirs else (
            f"{ours / theirs:.2f}" if ours >= theirs / 100 else f"1/{theirs / ours:,.0f}")
        rows.append([task, fmt(ours), fmt(theirs), unit, ratio, note])
        print(f"  {task}: {fmt(ours)} {unit}" + (f" (vs {fmt(theirs)})" if theirs else ""),
              flush=True)

    import numpy  # noqa: F401  (the engine's; imported before the baseline is read)

    live_start = live_mib()
    casebook = None
    for form in ("jsonl",) if args.jsonl_only else ("toml", "jsonl"):
        root = out / form
        if not root.exists():
            continue
        raw_s, _ = median_of(3, lambda root=root: parse_raw(root))
        row(f"raw parse ({form}, json/tomllib)", raw_s, None, "s", "the reference for loading")
        load_s, casebook = timed(lambda root=root: factcheck.load(root))
        row(f"factcheck.load ({form})", load_s, raw_s, "s", "ratio: load / raw parse")
    assert casebook is not None
    live_loaded = live_mib()

    build_s, _ = timed(casebook.resolver)
    live_built = live_mib()
    point_us = point_queries(casebook, rng, args.queries)
    import pendulum

    as_of = pendulum.from_timestamp(START + WINDOW_DAYS * 86400 // 2, tz="UTC")
    all_s, statuses = median_of(3, lambda: casebook.resolver().statuses(as_of))
    assert len(statuses) == counts["claims"]
    del statuses
    columns_s, table = median_of(5, lambda: casebook.status_columns(as_of))
    assert len(table) == counts["claims"]
    del table
    findings_s, found = timed(casebook.findings)
    report_s: float | None = None
    text = ""
    if counts["claims"] <= args.report_limit:
        report_s, text = timed(lambda: factcheck.render_report(casebook, as_of.isoformat(),
                                                     fmt=args.report))
    rss_end = rss_mib()

    theirs: dict[str, float] = {}
    if not args.no_duckdb:
        try:
            import duckdb  # noqa: F401
        except ImportError:
            print("  duckdb not installed (pip install -e '.[bench]'): its column is empty")
        else:
            ev = events(casebook)
            ids = [c.id for c in casebook.claims]
            theirs = duckdb_side(ev, ids, int(as_of.timestamp()), rng, 2000, out)
            del ev

    row("build every timeline", build_s, theirs.get("build"), "s",
        "DuckDB: ORDER BY claim, time into a table")
    row("point status query (median)", point_us, theirs.get("point"), "µs",
        "DuckDB: one parameterized query")
    row("every claim's status at T", all_s, theirs.get("all"), "s",
        "a Resolution each; DuckDB: ASOF JOIN, fetchall")
    row("every claim's status at T, as columns", columns_s, theirs.get("columns"), "s",
        "status_columns; DuckDB: ASOF JOIN, fetchnumpy")
    row("findings (factcheck check)", findings_s, None, "s", f"{len(found):,} findings")
    row(f"report ({args.report})", report_s, None, "s",
        f"{len(text) / 2**20:,.1f} MiB of output" if report_s is not None
        else f"not rendered above --report-limit {args.report_limit:,}")
    jsonl_mib = sum(p.stat().st_size for p in (out / "jsonl").rglob("*.jsonl")) / 2**20
    row("JSON Lines bytes", jsonl_mib, None, "MiB", "the casebook's own files (sources, claims)")
    row("RSS before load", live_start, None, "MiB", "the interpreter and its imports")
    row("RSS after load", live_loaded, jsonl_mib, "MiB",
        "the casebook held (whole process); ratio: × the JSON Lines bytes")
    row("RSS after timelines", live_built, jsonl_mib, "MiB",
        "the casebook and its timelines; ratio: × the JSON Lines bytes")
    row("peak RSS at the end", rss_end, None, "MiB", "whole process, DuckDB not included")

    from tabulate import tabulate

    print()
    print(f"factcheck {factcheck.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores; {counts['claims']:,} claims, {counts['excerpts']:,} excerpts")
    print(tabulate(rows, headers=["task", "factcheck", "DuckDB", "unit", "ratio", "note"],
                   tablefmt="pipe", disable_numparse=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
