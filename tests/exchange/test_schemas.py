"""The JSON Schemas shipped for editors: they accept the shipped casebook and a report, refuse
mistakes, and list exactly the keys the loader and the report know."""

from __future__ import annotations

import datetime as _dt
import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import factcheck
from factcheck import (
    CasebookSettings,
    Claim,
    Excerpt,
    Expectation,
    Fact,
    Property,
    Quantity,
    Relation,
    Revision,
    Source,
    Stakeholder,
)
from factcheck._cli import main
from factcheck._cli_schemas import SCHEMAS

from . import report_schema

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"


def schema(name: str) -> dict[str, Any]:
    """A schema as the installed package ships it."""
    loaded: dict[str, Any] = json.loads(
        resources.files("factcheck").joinpath(f"schemas/{name}.schema.json").read_text("utf-8"))
    return loaded


def plain(value: Any) -> Any:
    """TOML's values as an editor's schema check sees them: dates and times as ISO strings."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    return value


def toml(path: Path) -> Any:
    """A TOML file, plain."""
    return plain(tomllib.loads(path.read_text(encoding="utf-8-sig")))


def keys(node: dict[str, Any]) -> set[str]:
    """The keys a schema object allows (its own `$schema` line left out)."""
    return set(node["properties"]) - {"$schema"}


class TestShipped:
    """Every schema is valid, shipped as package data, and written out by `factcheck schemas`."""

    @pytest.mark.parametrize("name", sorted(SCHEMAS))
    def test_valid_schema(self, name: str) -> None:
        """Draft 2020-12 accepts each schema."""
        jsonschema.Draft202012Validator.check_schema(schema(name.removesuffix(".schema.json")))

    def test_package_data(self) -> None:
        """pyproject ships the schemas with the package."""
        config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

        assert "schemas/*.json" in config["tool"]["setuptools"]["package-data"]["factcheck"]

    def test_command(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`factcheck schemas DIR` writes them, and prints a Taplo configuration naming them."""
        assert 0 == main(["schemas", str(tmp_path / "s")])
        out = capsys.readouterr().out

        assert sorted(SCHEMAS) == sorted(p.name for p in (tmp_path / "s").iterdir())
        assert f'schema.path = "{tmp_path / "s"}/source.schema.json"' in out
        assert tomllib.loads(out)["rule"][0]["include"] == ["sources/*.toml"]


class TestCasebookFiles:
    """The shipped casebook's files pass; mistakes an editor should flag fail."""

    @pytest.mark.parametrize("book", [ROOT, MINI], ids=["shipped", "mini"])
    def test_files_pass(self, book: Path) -> None:
        """Every source, claim file and casebook.toml validates."""
        for path in sorted((book / "sources").glob("*.toml")):
            jsonschema.validate(toml(path), schema("source"))
        for path in sorted((book / "claims").glob("*.toml")):
            jsonschema.validate(toml(path), schema("claims"))
        jsonschema.validate(toml(book / "casebook.toml"), schema("casebook"))

    @pytest.mark.parametrize(
        ("mistake", "name"),
        [
            (lambda s: s.update(kinnd="article"), "unknown key"),
            (lambda s: s.update(kind="tweet"), "unknown kind"),
            (lambda s: s.update(id="Nadella X"), "bad id"),
            (lambda s: s["revisions"][0].update(published="yesterday"), "bad time"),
            (lambda s: s["excerpts"][0].update(stances={"c": "agrees"}), "bad stance"),
            (lambda s: s.pop("zone"), "missing zone"),
        ],
    )
    def test_source_mistakes(self, mistake: Any, name: str) -> None:
        """A source file with a mistake is refused."""
        data = toml(MINI / "sources" / "nadella.toml")
        mistake(data)

        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, schema("source"))

    def test_claim_mistakes(self) -> None:
        """A claim with an unknown kind or an expected status that is none is refused."""
        data = toml(MINI / "claims" / "headline.toml")
        data["claims"][0]["kind"] = "rumour"
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, schema("claims"))
        data = toml(MINI / "claims" / "headline.toml")
        data["claims"][0]["expect"] = [{"as_of": "2023-11-21", "status": "confimred"}]
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, schema("claims"))

    def test_keys_are_the_loaders(self) -> None:
        """Each table allows exactly the keys of its model class (the loader's keys)."""
        src, cl = schema("source"), schema("claims")
        claim = cl["properties"]["claims"]["items"]

        def fields(cls: type, *, skip: tuple[str, ...] = ()) -> set[str]:
            names = {f.alias if f.name == "from_" else f.name for f in attrs.fields(cls)
                     if f.init and f.name not in skip}
            return {"from" if n == "from_" else n for n in names}

        assert fields(Source) == keys(src)
        assert fields(Revision) == keys(src["properties"]["revisions"]["items"])
        assert fields(Excerpt, skip=("source",)) == keys(src["properties"]["excerpts"]["items"])
        assert fields(Claim) == keys(claim)
        assert fields(Fact) == keys(claim["properties"]["fact"])
        assert fields(Quantity) == keys(claim["properties"]["fact"]["properties"]["quantity"])
        assert fields(Expectation) == keys(claim["properties"]["expect"]["items"])
        assert fields(Stakeholder) == keys(cl["properties"]["stakeholders"]["items"])
        assert fields(Property) == keys(cl["properties"]["properties"]["items"])
        assert fields(Relation) == keys(cl["properties"]["relations"]["items"])
        assert fields(CasebookSettings) == keys(schema("casebook"))
        statuses = set(cl["$defs"]["status"]["enum"])
        assert {s.value for s in factcheck.Status} == statuses
        assert {k.value for k in factcheck.SourceKind} == set(src["properties"]["kind"]["enum"])


class TestReport:
    """The JSON report validates, and the schema has every key docs/report-json.md lists."""

    @pytest.mark.parametrize("since", [None, "2023-11-21"])
    def test_report_passes(self, since: str | None) -> None:
        """The shipped casebook's report, with and without --since."""
        report = json.loads(factcheck.render_report(factcheck.load(ROOT), "2023-11-22",
                                                    since=since, fmt="json"))

        jsonschema.validate(report, schema("report"))

    def test_bad_report_fails(self) -> None:
        """A report with a status that is none, or without a key, is refused."""
        report = json.loads(factcheck.render_report(factcheck.load(MINI), "2023-11-22",
                                                    fmt="json"))
        report["claims"][0]["status"] = "true-ish"
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(report, schema("report"))
        del report["claims"][0]["status"]
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(report, schema("report"))

    def test_written_from_the_docs(self) -> None:
        """The shipped schema is the one docs/report-json.md's tables give, key by key; after
        changing a table, rewrite it with `python tests/exchange/report_schema.py`."""
        doc = (ROOT / "docs" / "report-json.md").read_text(encoding="utf-8")
        documented = report_schema.sections(doc)

        assert 10 < len(documented)
        assert report_schema.build(doc) == schema("report"), (
            "report.schema.json is out of date: run python tests/exchange/report_schema.py")
        for section, rows in documented.items():
            node = schema("report")["$defs"][report_schema.defname(section)]
            assert {k for k, _, _ in rows} == set(node["required"]) == set(node["properties"])
