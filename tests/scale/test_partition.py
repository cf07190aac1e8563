"""The partitioned form of a casebook: groups whole in one partition, written in chunks."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest

import factcheck
from factcheck._checks import latest_publication
from factcheck._chunks import Lines
from factcheck._errors import LoadError
from factcheck._partition import export_partitioned
from factcheck._partwork import partition_casebook, read_partition, recorded_latest


def _table(dataset: Path, name: str) -> list[dict[str, object]]:
    rows = ds.dataset(dataset / name, format="parquet", partitioning="hive").to_table()
    return sorted(rows.to_pylist(), key=lambda r: json.dumps(r, sort_keys=True, default=str))


class TestExportPartitioned:
    """export_partitioned: a casebook folder as a Parquet dataset."""

    @pytest.mark.parametrize("name", ["shipped", "bulk"])
    def test_groups_are_the_engines(self, name, request, tmp_path):
        """Claims share a group exactly when the engine resolves them together."""
        path = request.getfixturevalue(name)
        export_partitioned(path, tmp_path / "ds", partition_claims=25, chunk=50)
        claims = _table(tmp_path / "ds", "claims")
        by_group: dict[int, list[str]] = {}
        for row in claims:
            by_group.setdefault(row["group"], []).append(row["id"])
        expected = sorted(factcheck.load(path).resolver().groups)
        assert expected == sorted(sorted(ids) for ids in by_group.values())

    @pytest.mark.parametrize("name", ["shipped", "bulk"])
    def test_every_group_in_one_partition(self, name, request, tmp_path):
        """A group's claims and relations all carry the same partition key."""
        path = request.getfixturevalue(name)
        counts = export_partitioned(path, tmp_path / "ds", partition_claims=25, chunk=50)
        parts: dict[int, set[int]] = {}
        for row in _table(tmp_path / "ds", "claims"):
            parts.setdefault(row["group"], set()).add(row["part"])
        for row in _table(tmp_path / "ds", "relations"):
            parts.setdefault(row["group"], set()).add(row["part"])
        assert {1} == {len(p) for p in parts.values()}
        assert 1 < counts["partitions"]

    @pytest.mark.parametrize("name", ["shipped", "bulk", "bounded"])
    def test_latest_publication_recorded(self, name, request, tmp_path):
        """dataset.json holds the one machine's latest publication, to the microsecond (a
        publication bounded "no earlier than" never counts, as on one machine)."""
        path = (Path(__file__).resolve().parents[1] / "resolution" / "data" / "bounded"
                if name == "bounded" else request.getfixturevalue(name))
        export_partitioned(path, tmp_path / "ds", partition_claims=25, chunk=50)
        expected = latest_publication(factcheck.load(path))
        known, actual = recorded_latest(tmp_path / "ds")
        assert (True, expected) == (known, actual)
        assert "UTC" == actual.timezone_name

    def test_a_partition_is_a_casebook(self, shipped, tmp_path):
        """Every partition loads as a casebook; together they hold every claim once."""
        counts = export_partitioned(shipped, tmp_path / "ds", partition_claims=20)
        ids = []
        for part in range(counts["partitions"]):
            casebook = partition_casebook(tmp_path / "ds", read_partition(tmp_path / "ds", part))
            ids += [c.id for c in casebook.casebook.claims]
        assert sorted(factcheck.load(shipped).claim_by_id) == sorted(ids)

    def test_streaming_gives_the_same_dataset(self, bulk, tmp_path):
        """Read 7 records at a time, the dataset holds the same rows as read 100,000 at a time."""
        export_partitioned(bulk, tmp_path / "small", partition_claims=60, chunk=7)
        export_partitioned(bulk, tmp_path / "large", partition_claims=60, chunk=100_000)
        for name in ("claims", "relations", "sources", "revisions", "excerpts", "stakeholders",
                     "references"):
            assert _table(tmp_path / "large", name) == _table(tmp_path / "small", name)

    def test_never_loaded_whole(self, bulk, tmp_path, monkeypatch):
        """The export reads records a chunk at a time and never calls the loader."""
        batches: list[int] = []
        chunks = Lines.chunks

        def counted(self, folder):
            for batch in chunks(self, folder):
                batches.append(len(batch))
                yield batch

        def refuse(*_args, **_kwargs):
            raise AssertionError("the whole casebook was loaded")

        monkeypatch.setattr(Lines, "chunks", counted)
        monkeypatch.setattr("factcheck._load.load", refuse)
        export_partitioned(bulk, tmp_path / "ds", partition_claims=60, chunk=11)
        assert 11 == max(batches)
        assert 50 < len(batches)

    def test_broken_line_named(self, bulk, tmp_path):
        """A line that is not JSON is named by file and line, and nothing is left written."""
        book = tmp_path / "book"
        import shutil

        shutil.copytree(bulk, book)
        claims = book / "claims" / "claims.jsonl"
        lines = claims.read_text("utf-8").splitlines(keepends=True)
        lines[16] = '{"type": "claim", "id": \n'
        claims.write_text("".join(lines), "utf-8")
        with pytest.raises(LoadError) as caught:
            export_partitioned(book, tmp_path / "ds", chunk=5)
        expected = ("claims/claims.jsonl", 17, "broken-json")
        finding = caught.value.findings[0]
        assert expected == (finding.file, finding.lineno, finding.code)
        assert not (tmp_path / "ds").exists()

    def test_problem_in_a_partition_names_the_original_line(self, bulk, tmp_path):
        """A bad time value in a claim is reported at its line of claims/claims.jsonl."""
        book = tmp_path / "book"
        import shutil

        shutil.copytree(bulk, book)
        claims = book / "claims" / "claims.jsonl"
        lines = claims.read_text("utf-8").splitlines(keepends=True)
        number = next(i for i, line in enumerate(lines) if '"valid"' in line)
        record = json.loads(lines[number])
        record["valid"] = "the day after"
        lines[number] = json.dumps(record) + "\n"
        claims.write_text("".join(lines), "utf-8")
        export_partitioned(book, tmp_path / "ds", partition_claims=60)
        part = next(r["part"] for r in _table(tmp_path / "ds", "claims")
                    if r["id"] == record["id"])
        with pytest.raises(LoadError) as caught:
            partition_casebook(tmp_path / "ds", read_partition(tmp_path / "ds", part))
        expected = ("claims/claims.jsonl", number + 1, "valid")
        finding = caught.value.findings[0]
        assert expected == (finding.file, finding.lineno, finding.path)

    def test_refuses_a_folder_in_use(self, shipped, tmp_path):
        """A dataset folder that holds files is refused, not overwritten."""
        (tmp_path / "ds").mkdir()
        (tmp_path / "ds" / "notes.txt").write_text("mine", "utf-8")
        with pytest.raises(LoadError) as caught:
            export_partitioned(shipped, tmp_path / "ds")
        assert "not-empty" == caught.value.findings[0].code
        assert "mine" == (tmp_path / "ds" / "notes.txt").read_text("utf-8")


class TestExportCommand:
    """`factcheck export parquet PATH --partitioned OUT`: its mistakes are usage errors."""

    @pytest.mark.parametrize(("argv", "expected"), [
        (["export", "csv", "--partitioned", "OUT"], "--partitioned writes Parquet"),
        (["export", "parquet", "--partitioned", "OUT", "--chunk", "0"], "at least 1"),
    ])
    def test_usage(self, argv, expected, shipped, tmp_path, capsys):
        """A mistake is one line and exit 2, and nothing is written."""
        from factcheck._cli import main

        argv = [a.replace("OUT", str(tmp_path / "ds")) for a in argv]
        assert 2 == main([*argv[:2], str(shipped), *argv[2:]])
        assert expected in capsys.readouterr().err
        assert not (tmp_path / "ds").exists()
