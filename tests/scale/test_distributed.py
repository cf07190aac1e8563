"""Resolution on Dask: the same answers as the engine of one machine, row for row."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

import factcheck
from factcheck._errors import LoadError
from factcheck._partition import export_partitioned
from factcheck._partwork import LOCAL_FINDINGS, statuses_table, steps_table
from factcheck.distributed import resolve

#: Instants across zones: Seoul's morning is Los Angeles' evening before.
AS_OF = ["2023-11-18T09:00 Asia/Seoul", "2023-11-20 America/Los_Angeles",
         "2023-11-21T23:30 Asia/Seoul", "2023-11-22T06:00 America/Los_Angeles",
         "2023-12-20 Asia/Seoul"]


def _sorted(table: pa.Table, keys: list[str]) -> list[dict[str, object]]:
    # Nulls (the opening step's time) first.
    return sorted(table.to_pylist(), key=lambda row: tuple(
        (row[k] is not None, row[k] if row[k] is not None else "") for k in keys))


def _read(folder: Path) -> pa.Table:
    return ds.dataset(folder, format="parquet").to_table()


class TestResolve:
    """factcheck.distributed.resolve on a two-worker local cluster."""

    @pytest.mark.parametrize("name", ["shipped", "bulk"])
    def test_same_answers_as_one_machine(self, name, request, client, tmp_path):
        """Statuses at instants in two zones, and every timeline step, equal one machine's."""
        path = request.getfixturevalue(name)
        export_partitioned(path, tmp_path / "ds", partition_claims=40, chunk=100)
        statuses = resolve(tmp_path / "ds", AS_OF, out=tmp_path / "out", timelines=True,
                           client=client)
        casebook = factcheck.load(path)
        instants = [factcheck.parse_as_of(a, None, casebook.zone) for a in AS_OF]
        expected = _sorted(statuses_table(casebook, instants), ["as_of", "claim"])
        got = pa.Table.from_pandas(statuses.compute(), preserve_index=False)
        assert expected == _sorted(got, ["as_of", "claim"])
        assert len(casebook.claims) * len(AS_OF) == len(expected)
        steps = _read(tmp_path / "out" / "steps")
        assert (_sorted(steps_table(casebook.resolver()), ["claim", "at"])
                == _sorted(steps, ["claim", "at"]))

    def test_timelines_read_as_the_engine_tells_them(self, shipped, client, tmp_path):
        """Each claim's changes of status in the steps are its Timeline's, in order."""
        export_partitioned(shipped, tmp_path / "ds", partition_claims=30)
        resolve(tmp_path / "ds", AS_OF[:1], out=tmp_path / "out", timelines=True, client=client)
        steps = _sorted(_read(tmp_path / "out" / "steps"), ["claim", "at"])
        casebook = factcheck.load(shipped)
        for claim in casebook.claims:
            mine = [s["status"] for s in steps if s["claim"] == claim.id]
            changes = [s for i, s in enumerate(mine) if i == 0 or mine[i - 1] != s]
            expected = [step.resolution.status.value for step in
                        casebook.timeline(claim.id).steps]
            assert expected == changes, claim.id

    def test_local_findings_as_one_machine(self, bulk, client, tmp_path):
        """The findings of one claim or group are one machine's, same places."""
        book = tmp_path / "book"
        shutil.copytree(bulk, book)
        with (book / "claims" / "claims.jsonl").open("a", encoding="utf-8") as f:
            f.write('{"type": "claim", "id": "lonely", "kind": "event", "text": "Unsaid.", '
                    '"subjects": ["p0"], "claimant": "p1"}\n')
            f.write('{"type": "relation", "kind": "supports", "from": "c1", "to": "c3"}\n')
            f.write('{"type": "relation", "kind": "supports", "from": "c3", "to": "c1"}\n')
        export_partitioned(book, tmp_path / "ds", partition_claims=60)
        resolve(tmp_path / "ds", AS_OF[:1], out=tmp_path / "out", client=client)
        got = _read(tmp_path / "out" / "findings")
        expected = sorted((f.code, f.message, p.file, p.lineno) for f in
                          factcheck.load(book).findings() if f.code in LOCAL_FINDINGS
                          for p in f.places)
        assert {"no-excerpt", "supports-cycle"} <= {row[0] for row in expected}
        assert expected == sorted(zip(*(got.column(c).to_pylist() for c in (
            "code", "message", "file", "line")), strict=True))

    def test_undeclared_conflicts_as_one_machine(self, bulk, client, tmp_path):
        """Claims of one subject and single-valued property in different partitions and groups
        conflict as on one machine (a declared relation excuses its pair), same places."""
        book = tmp_path / "book"
        shutil.copytree(bulk, book)
        claims = book / "claims" / "claims.jsonl"
        rows = [json.loads(line) for line in claims.read_text("utf-8").splitlines()]
        dated = [r for r in rows if r.get("type", "claim") == "claim" and "valid" in r]
        related = next(r for r in rows if r.get("type") == "relation"
                       and {r["from"], r["to"]} <= {c["id"] for c in dated})
        chosen = dated[::25] + [c for c in dated if c["id"] in (related["from"], related["to"])]
        for i, claim in enumerate(chosen):
            value = "b" if claim["id"] == related["to"] else "ab"[i % 2]
            claim["fact"] = {"subject": "p0", "property": "ceo" if i % 3 else "seat",
                             "value": value}
        chosen[0]["fact"]["property"] = "motto"  # not single-valued: no conflict
        rows += [{"type": "property", "id": "ceo", "single_valued": True},
                 {"type": "property", "id": "seat", "single_valued": True},
                 {"type": "property", "id": "motto"}]
        for claim in chosen:
            if claim["id"] == related["from"]:
                claim["fact"] = {"subject": "p0", "property": "ceo", "value": "a"}
            if claim["id"] == related["to"]:
                claim["fact"] = {"subject": "p0", "property": "ceo", "value": "b"}
        claims.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
        counts = export_partitioned(book, tmp_path / "ds", partition_claims=60)
        resolve(tmp_path / "ds", AS_OF[:1], out=tmp_path / "out", client=client)
        got = _read(tmp_path / "out" / "findings")
        expected = sorted((f.severity.value, f.code, f.message, p.file, p.lineno) for f in
                          factcheck.load(book).findings() if f.code == "undeclared-conflict"
                          for p in f.places)
        assert 10 < len(expected) and 4 < counts["partitions"]
        pair = sorted((related["from"], related["to"]))
        assert not any(e[2].startswith(f"{pair[0]} and {pair[1]} give") for e in expected)
        assert expected == sorted(row for row in zip(*(got.column(c).to_pylist() for c in (
            "severity", "code", "message", "file", "line")), strict=True)
            if row[1] == "undeclared-conflict")

    def test_dataset_without_recorded_latest(self, bulk, client, tmp_path):
        """A dataset written before dataset.json recorded the latest publication gives the same
        findings (past due as of the latest publication, found by a pass over the revisions)."""
        book = tmp_path / "book"
        shutil.copytree(bulk, book)
        with (book / "claims" / "claims.jsonl").open("a", encoding="utf-8") as f:
            f.write('{"type": "claim", "id": "late", "kind": "prediction", "text": "Soon.", '
                    '"subjects": ["p0"], "claimant": "p1", "due": "2023-11-02 Asia/Seoul"}\n')
        export_partitioned(book, tmp_path / "ds", partition_claims=60)
        resolve(tmp_path / "ds", AS_OF[:1], out=tmp_path / "new", client=client)
        meta = json.loads((tmp_path / "ds" / "dataset.json").read_text("utf-8"))
        del meta["latest"]
        (tmp_path / "ds" / "dataset.json").write_text(json.dumps(meta), "utf-8")
        resolve(tmp_path / "ds", AS_OF[:1], out=tmp_path / "old", client=client)
        expected = _sorted(_read(tmp_path / "new" / "findings"), ["code", "file", "line"])
        assert "past-due" in {row["code"] for row in expected}
        assert expected == _sorted(_read(tmp_path / "old" / "findings"), ["code", "file", "line"])

    def test_whole_casebook_problems(self, bulk, client, tmp_path):
        """A duplicate claim id and a dangling stance are found by their own pass, with places."""
        book = tmp_path / "book"
        shutil.copytree(bulk, book)
        claims = book / "claims" / "claims.jsonl"
        lines = claims.read_text("utf-8").splitlines(keepends=True)
        first = next(i for i, line in enumerate(lines) if '"id":"c5"' in line)
        lines.append(lines[first])
        claims.write_text("".join(lines), "utf-8")
        sources = book / "sources" / "sources.jsonl"
        rows = [json.loads(line) for line in sources.read_text("utf-8").splitlines()]
        excerpt = next(s for s in rows if s["excerpts"])["excerpts"][0]
        excerpt["stances"]["nobody-said-this"] = "supports"
        sources.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
        export_partitioned(book, tmp_path / "ds", partition_claims=60)
        with pytest.raises(LoadError) as caught:
            resolve(tmp_path / "ds", AS_OF[:1], out=tmp_path / "out", client=client)
        found = {(f.code, f.message, tuple((p.file, p.lineno) for p in f.places))
                 for f in caught.value.findings}
        expected = {
            ("duplicate-id", "claim id 'c5' is used 2 times",
             (("claims/claims.jsonl", first + 1), ("claims/claims.jsonl", len(lines)))),
            ("unknown-claim", "claim 'nobody-said-this' does not exist",
             (("sources/sources.jsonl", 1),)),
        }
        assert expected == found
        assert not (tmp_path / "out" / "statuses").exists()


class TestLocalCluster:
    """factcheck.distributed.cluster: worker processes, started and closed cleanly."""

    def test_two_worker_processes(self, bulk, tmp_path):
        """resolve() on a cluster of two worker processes (issue 17 item 3) gives one machine's
        statuses and steps; the cluster closes cleanly: no warning (no worker killed, no result
        lost), no process left."""
        import logging
        import multiprocessing

        from factcheck.distributed import cluster

        export_partitioned(bulk, tmp_path / "ds", partition_claims=100)
        warned: list[logging.LogRecord] = []
        handler = logging.Handler(logging.WARNING)
        handler.emit = warned.append  # type: ignore[method-assign]
        logger = logging.getLogger("distributed")
        logger.addHandler(handler)
        try:
            with cluster(2) as client:
                workers = client.scheduler_info()["workers"]
                assert 2 == len(workers)
                assert {1} == {w["nthreads"] for w in workers.values()}
                resolve(tmp_path / "ds", AS_OF[1:3], out=tmp_path / "out", timelines=True,
                        client=client)
        finally:
            logger.removeHandler(handler)
        assert [] == [r.getMessage() for r in warned]
        assert [] == multiprocessing.active_children()
        casebook = factcheck.load(bulk)
        instants = [factcheck.parse_as_of(a, None, casebook.zone) for a in AS_OF[1:3]]
        assert (_sorted(statuses_table(casebook, instants), ["as_of", "claim"])
                == _sorted(_read(tmp_path / "out" / "statuses"), ["as_of", "claim"]))
        assert (_sorted(steps_table(casebook.resolver()), ["claim", "at"])
                == _sorted(_read(tmp_path / "out" / "steps"), ["claim", "at"]))


class TestResolveCommand:
    """`factcheck export parquet --partitioned` then `factcheck resolve`."""

    def test_export_then_resolve(self, shipped, client, tmp_path, capsys):
        """Two commands (the second on a running cluster, by its scheduler's address): the
        statuses land in OUT/statuses as Parquet, as one machine says."""
        from factcheck._cli import main

        assert 0 == main(["export", "parquet", str(shipped), "--partitioned",
                          str(tmp_path / "ds"), "--partition-claims", "40"])
        assert 0 == main(["resolve", str(tmp_path / "ds"), "--as-of", AS_OF[1], "--scheduler",
                          client.scheduler.address, "-o", str(tmp_path / "out")])
        out = capsys.readouterr().out
        casebook = factcheck.load(shipped)
        assert f"{len(casebook.claims)} statuses (1 instant(s))" in out
        instant = factcheck.parse_as_of(AS_OF[1], None, casebook.zone)
        assert (_sorted(statuses_table(casebook, [instant]), ["claim"])
                == _sorted(_read(tmp_path / "out" / "statuses"), ["claim"]))

    def test_not_a_dataset(self, shipped, tmp_path, capsys):
        """A folder that is not a dataset is refused in one line, exit 2."""
        from factcheck._cli import main

        assert 2 == main(["resolve", str(shipped), "--as-of", AS_OF[0], "-o",
                          str(tmp_path / "out")])
        assert "not a partitioned casebook" in capsys.readouterr().err
