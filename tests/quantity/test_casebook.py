"""Quantities in a casebook, end to end: the format, the undeclared-conflict check, ``facts``,
the reports and the command line."""

from __future__ import annotations

import json
import random
import tomllib
from importlib import resources
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck import Approx, Quantity
from factcheck._checks import check
from factcheck._cli import main
from factcheck._report import render_report
from tests.resolution.test_facts import _shuffled, factual_casebooks

CLAIMS = """\
zone = "America/New_York"

[[properties]]
id = "stake"
single_valued = true

[[properties]]
id = "price"
single_valued = true

[[stakeholders]]
id = "fund"
name = "The Fund"
kind = "organisation"

[[stakeholders]]
id = "target"
name = "Target Inc."
kind = "organisation"

[[claims]]
id = "stake-5-3"
kind = "state"
text = "The fund holds 5.3% of Target."
subjects = ["fund", "target"]
claimant = "fund"
valid = "2022-04-04"
fact.subject = "fund"
fact.property = "stake"
fact.quantity = { amount = 5.3, unit = "%", basis = "of shares outstanding" }

[[claims]]
id = "stake-5-1"
kind = "state"
text = "The fund holds 5.1% of Target."
subjects = ["fund", "target"]
claimant = "fund"
valid = "2022-04-04"
fact.subject = "fund"
fact.property = "stake"
fact.quantity = { amount = 5.1, unit = "%", basis = "of shares outstanding" }

[[claims]]
id = "price-about-700"
kind = "state"
text = "The offer values Target at about 700 million dollars."
subjects = ["target"]
claimant = "fund"
valid = "2022-04-04"
fact.subject = "target"
fact.property = "price"
fact.quantity = { amount = 700, unit = "million USD", approx = "about", basis = "equity value" }

[[claims]]
id = "price-738"
kind = "state"
text = "The offer values Target at 738 million dollars."
subjects = ["target"]
claimant = "fund"
valid = "2022-04-04"
fact.subject = "target"
fact.property = "price"
fact.quantity = { amount = 738, unit = "million USD", basis = "equity value" }

[[claims]]
id = "price-with-debt"
kind = "state"
text = "Including debt, the deal is worth 910 million dollars."
subjects = ["target"]
claimant = "fund"
valid = "2022-04-04"
fact.subject = "target"
fact.property = "price"
fact.quantity = { amount = 910, unit = "million USD", basis = "enterprise value" }
"""

SOURCE = """\
id = "paper"
title = "The Paper"
kind = "article"
publisher = "The Paper"
language = "en"
zone = "America/New_York"

[[revisions]]
id = "original"
published = "2022-04-04T09:00:00"

[[excerpts]]
id = "paper-stake"
revision = "original"
quote = "a 5.3% stake"
stances = { stake-5-3 = "asserts", price-about-700 = "asserts", price-with-debt = "asserts" }

[[excerpts]]
id = "paper-restated"
revision = "original"
quote = "5.1% of the shares, at 738 million dollars"
stances = { stake-5-1 = "asserts", price-738 = "asserts" }
"""


def write(root: Path, claims: str = CLAIMS, settings: str = "") -> Path:
    """The casebook folder: one claim file, one source, and casebook.toml's settings."""
    (root / "claims").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "claims" / "deal.toml").write_text(claims, encoding="utf-8")
    (root / "sources" / "paper.toml").write_text(SOURCE, encoding="utf-8")
    (root / "casebook.toml").write_text('zone = "America/New_York"\n' + settings,
                                        encoding="utf-8")
    return root


def conflicts(findings: list[factcheck.Finding]) -> list[tuple[str, str]]:
    """The pairs of claims each undeclared-conflict finding names, with its severity."""
    return [(f.severity.value, " ".join(f.message.split()[:3]))
            for f in findings if f.code == "undeclared-conflict"]


@pytest.fixture
def book(tmp_path: Path) -> factcheck.Casebook:
    return factcheck.load(write(tmp_path))


class TestFormat:
    """A fact's quantity loads from TOML and JSON Lines and saves back exactly."""

    def test_loaded(self, book: factcheck.Casebook) -> None:
        """The table becomes a Quantity; whole numbers stay whole, decimals decimal."""
        fact = book.claim("price-about-700").fact
        assert fact is not None and fact.value is None
        assert Quantity(amount=700, unit="million USD", approx=Approx.ABOUT,
                        basis="equity value") == fact.quantity
        assert isinstance(fact.quantity.amount, int)
        assert "about 700 million USD (equity value)" == fact.shown

    def test_round_trip(self, book: factcheck.Casebook, tmp_path: Path) -> None:
        """Saved and loaded again it is equal, and saving that gives the same bytes."""
        factcheck.save(book, tmp_path / "copy")
        saved = (tmp_path / "copy" / "claims" / "deal.toml").read_bytes()
        again = factcheck.load(tmp_path / "copy")
        assert book == again
        factcheck.save(again, tmp_path / "copy")
        assert saved == (tmp_path / "copy" / "claims" / "deal.toml").read_bytes()

    def test_saved_in_place(self, tmp_path: Path) -> None:
        """A changed amount is rewritten where it stands, in its inline table."""
        inline = CLAIMS.replace(
            'fact.subject = "fund"\nfact.property = "stake"\nfact.quantity = { amount = 5.1, '
            'unit = "%", basis = "of shares outstanding" }',
            'fact = { subject = "fund", property = "stake", quantity = { amount = 5.1, unit = "%" '
            '} }')
        book = factcheck.load(write(tmp_path, inline))
        claim = book.claim("stake-5-1")
        assert claim.fact is not None and claim.fact.quantity is not None
        fact = attrs.evolve(claim.fact, quantity=attrs.evolve(claim.fact.quantity, amount=5.2))
        changed = attrs.evolve(book, claims=[attrs.evolve(c, fact=fact) if c.id == claim.id
                                             else c for c in book.claims])
        factcheck.save(changed, tmp_path)
        text = (tmp_path / "claims" / "deal.toml").read_text(encoding="utf-8")
        assert inline.replace("amount = 5.1,", "amount = 5.2,") == text
        assert changed == factcheck.load(tmp_path)

    def test_json_lines(self, book: factcheck.Casebook, tmp_path: Path) -> None:
        """The same claims as JSON Lines records load to an equal casebook."""
        root = tmp_path / "jsonl"
        write(root)
        (root / "claims" / "deal.toml").unlink()
        lines = [json.dumps({"type": "property", "id": p.id, "single_valued": True})
                 for p in book.properties]
        lines += [json.dumps({"type": "stakeholder", "id": s.id, "name": s.name,
                              "kind": s.kind.value}) for s in book.stakeholders]
        for claim in book.claims:
            record = factcheck._convert.converter.unstructure(claim)
            lines.append(json.dumps(record))
        (root / "claims" / "deal.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert book == factcheck.load(root)

    @pytest.mark.parametrize(("fact", "path", "expected"), [
        ('{ subject = "fund", property = "stake" }', "claims[0].fact",
         "expected exactly one of value and quantity"),
        ('{ subject = "fund", property = "stake", value = "x", quantity = { amount = 1 } }',
         "claims[0].fact", "expected exactly one of value and quantity"),
        ('{ subject = "fund", property = "stake", quantity = { amount = "5.3" } }',
         "claims[0].fact.quantity.amount", "expected a number, got a string"),
        ('{ subject = "fund", property = "stake", quantity = { amount = nan } }',
         "claims[0].fact.quantity.amount", "expected a finite number"),
        ('{ subject = "fund", property = "stake", quantity = { amount = 5, approx = "roughly" } }',
         "claims[0].fact.quantity.approx", "expected one of about | nearly | at least | at most"),
        ('{ subject = "fund", property = "stake", quantity = { low = 9, high = 1 } }',
         "claims[0].fact.quantity", "expected low no greater than high, got 9 and 1"),
        ('{ subject = "fund", property = "stake", quantity = { amount = 5, unit = " " } }',
         "claims[0].fact.quantity.unit", "expected a non-empty text"),
        ('{ subject = "fund", property = "stake", quantity = { amount = 5, basis = 7 } }',
         "claims[0].fact.quantity.basis", "expected a string, got a number"),
        ('{ subject = "fund", property = "stake", quantity = { amount = 5, scale = 2 } }',
         "claims[0].fact.quantity", "unknown key(s) scale"),
    ])
    def test_mistakes(self, tmp_path: Path, fact: str, path: str, expected: str) -> None:
        """Each mistake names the file, the key path and what was expected."""
        claims = CLAIMS.replace(
            'fact.subject = "fund"\nfact.property = "stake"\nfact.quantity = { amount = 5.3, '
            'unit = "%", basis = "of shares outstanding" }', f"fact = {fact}")
        with pytest.raises(factcheck.LoadError) as caught:
            factcheck.load(write(tmp_path, claims))
        (finding,) = caught.value.findings
        assert ("claims/deal.toml", path) == (finding.file, finding.path)
        assert finding.message.startswith(expected), finding.message

    def test_json_lines_mistake(self, tmp_path: Path) -> None:
        """In JSON Lines a mistake names the line and the key path inside the record."""
        write(tmp_path)
        record = {"id": "x", "kind": "state", "text": "x", "subjects": ["fund"],
                  "claimant": "fund", "valid": "2022-04-04 UTC",
                  "fact": {"subject": "fund", "property": "stake",
                           "quantity": {"low": 9, "high": 1, "unit": "%"}}}
        (tmp_path / "claims" / "more.jsonl").write_text(
            "\n" + json.dumps(record) + "\n", encoding="utf-8")
        with pytest.raises(factcheck.LoadError) as caught:
            factcheck.load(tmp_path)
        (finding,) = caught.value.findings
        assert ("claims/more.jsonl", 2, "fact.quantity") == (finding.file, finding.lineno,
                                                              finding.path)
        assert "expected low no greater than high" in finding.message

    @pytest.mark.parametrize("value", ["1.5", '"0.1"', "-0.2", "true"])
    def test_tolerance_setting_mistakes(self, tmp_path: Path, value: str) -> None:
        """casebook.toml's tolerance must be a number from 0 up to 1."""
        with pytest.raises(factcheck.LoadError) as caught:
            factcheck.load(write(tmp_path, settings=f"tolerance = {value}\n"))
        (finding,) = caught.value.findings
        assert ("casebook.toml", "tolerance") == (finding.file, finding.path)
        assert "expected a tolerance from 0 up to (not including) 1" in finding.message


class TestUndeclaredConflict:
    """The check compares quantities: bases apart, approximations within their tolerance."""

    def test_default(self, book: factcheck.Casebook) -> None:
        """5.3% and 5.1% conflict; about 700 and 738 agree at 10%; another basis never conflicts."""
        assert [("error", "stake-5-1 and stake-5-3")] == conflicts(book.findings())
        (finding,) = [f for f in book.findings() if f.code == "undeclared-conflict"]
        assert "('5.1% (of shares outstanding)', '5.3% (of shares outstanding)')" in (
            finding.message)

    def test_casebook_setting(self, tmp_path: Path) -> None:
        """``tolerance = 0.05`` in casebook.toml: about 700 reaches 735, and 738 conflicts."""
        book = factcheck.load(write(tmp_path, settings="tolerance = 0.05\n"))
        assert 0.05 == book.settings.tolerance
        found = sorted(conflicts(book.findings()))
        assert [("error", "price-738 and price-about-700"),
                ("error", "stake-5-1 and stake-5-3")] == found
        (finding,) = [f for f in book.findings() if "price-738" in f.message]
        assert "even within the approximation's tolerance of 5%" in finding.message

    def test_argument(self, book: factcheck.Casebook) -> None:
        """The call's tolerance overrides the casebook's; a wider one makes no new conflict."""
        assert 2 == len(conflicts(book.findings(tolerance=0.05)))
        assert 2 == len(conflicts(check(book, tolerance=0.05)))
        assert 1 == len(conflicts(book.findings(tolerance=0.5)))
        with pytest.raises(ValueError, match="expected a tolerance"):
            book.findings(tolerance=1.0)

    def test_declared_relation(self, tmp_path: Path) -> None:
        """A declared correction between the two stakes leaves no undeclared conflict."""
        book = factcheck.load(write(tmp_path, CLAIMS + '\n[[relations]]\nkind = "corrects"\n'
                                    'from = "stake-5-1"\nto = "stake-5-3"\n'))
        assert [] == conflicts(book.findings())

    def test_plain_against_quantity(self, tmp_path: Path) -> None:
        """A plain value against a quantity of the same property is a conflict (two forms)."""
        claims = CLAIMS.replace(
            'fact.quantity = { amount = 738, unit = "million USD", basis = "equity value" }',
            'fact.value = "738 million"')
        found = conflicts(factcheck.load(write(tmp_path, claims)).findings())
        assert ("error", "price-738 and price-about-700") in found

    @settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.randoms(use_true_random=False), st.sampled_from([0.0, 0.05, 0.1, 0.5]))
    def test_order_of_declarations(self, book: factcheck.Casebook, rng: random.Random,
                                   tolerance: float) -> None:
        """The findings are the same whatever order the claims are declared in."""
        claims = list(book.claims)
        rng.shuffle(claims)
        shuffled = attrs.evolve(book, claims=claims)
        assert ([(f.code, f.message) for f in check(book, tolerance=tolerance)]
                == [(f.code, f.message) for f in check(shuffled, tolerance=tolerance)])


class TestFacts:
    """``facts`` compares quantities as the check does."""

    def test_agreeing(self, book: factcheck.Casebook) -> None:
        """About 700 and 738 of equity value agree, and the enterprise value is of another basis:
        known, all three named, with the tolerance."""
        answer = book.facts("target", "price", valid_at="2022-05-01", as_of="2022-05-01")
        assert ("known", ("738 million USD (equity value)", "910 million USD (enterprise value)",
                          "about 700 million USD (equity value)")) == (
            answer.verdict.value, answer.values)
        assert ("(no two conflict: quantities on different bases or in different units are not "
                "compared, and approximations agree within the tolerance of 10%)"
                in answer.explain())

    def test_conflicting(self, book: factcheck.Casebook) -> None:
        """5.3% and 5.1% are conflicting; at a 5% tolerance so are 700 and 738."""
        stake = book.facts("fund", "stake", valid_at="2022-05-01", as_of="2022-05-01")
        price = book.facts("target", "price", valid_at="2022-05-01", as_of="2022-05-01",
                           tolerance=0.05)
        assert ("conflicting", "conflicting") == (stake.verdict.value, price.verdict.value)

    def test_command_line(self, book: factcheck.Casebook,
                          capsys: pytest.CaptureFixture[str]) -> None:
        """``factcheck facts --format json`` gives each claim's quantity and the tolerance."""
        code = main(["facts", "target", "price", "--path", str(book.path), "--valid-at",
                     "2022-05-01", "--as-of", "2022-05-01", "--tolerance", "0.2", "--format",
                     "json"])
        data = json.loads(capsys.readouterr().out)
        assert (0, "known", 0.2) == (code, data["verdict"], data["tolerance"])
        assert {"amount": 700, "unit": "million USD", "approx": "about",
                "basis": "equity value"} == {c["claim"]: c["quantity"] for c in data["claims"]}[
                    "price-about-700"]


class TestCommandLine:
    """``factcheck check --tolerance``."""

    def test_check(self, book: factcheck.Casebook, capsys: pytest.CaptureFixture[str]) -> None:
        """The flag overrides the casebook's tolerance; a bad one is a usage error."""
        assert 1 == main(["check", "--path", str(book.path), "--tolerance", "0.05", "--format",
                          "json"])
        found = [f["message"] for f in json.loads(capsys.readouterr().out)
                 if f["code"] == "undeclared-conflict"]
        assert 2 == len(found)
        assert 2 == main(["check", "--path", str(book.path), "--tolerance", "1.5"])
        assert "--tolerance: expected a tolerance from 0 up to" in capsys.readouterr().err


class TestReports:
    """Every report shows a claim's fact, escaped."""

    @pytest.fixture
    def hostile(self, tmp_path: Path) -> factcheck.Casebook:
        claims = CLAIMS.replace('basis = "equity value" }\n\n[[claims]]\nid = "price-738"',
                                'basis = "<b>equity</b> & value" }\n\n[[claims]]\n'
                                'id = "price-738"')
        return factcheck.load(write(tmp_path, claims))

    def test_text_and_markdown(self, book: factcheck.Casebook) -> None:
        """The text and Markdown reports carry the fact line."""
        text = render_report(book, "2022-05-01", fmt="text")
        markdown = render_report(book, "2022-05-01", fmt="markdown")
        assert "fact: stake of fund: 5.3% (of shares outstanding)" in text
        assert "Fact: price of target: about 700 million USD (equity value)" in markdown

    def test_html_escaped(self, hostile: factcheck.Casebook) -> None:
        """In HTML the basis is text, never markup."""
        html = render_report(hostile, "2022-05-01", fmt="html")
        assert ("fact:</span> price of target: about 700 million USD (&lt;b&gt;equity&lt;/b&gt; "
                "&amp; value)</p>") in html
        assert "<b>equity</b>" not in html

    def test_json(self, book: factcheck.Casebook) -> None:
        """The JSON report gives the fact's parts and its text."""
        data = json.loads(render_report(book, "2022-05-01", fmt="json"))
        claim = next(c for c in data["claims"] if c["id"] == "price-about-700")
        assert {"subject": "target", "property": "price", "value": None,
                "quantity": {"amount": 700, "low": None, "high": None, "unit": "million USD",
                             "approx": "about", "basis": "equity value"},
                "shown": "about 700 million USD (equity value)"} == claim["fact"]


class TestSchema:
    """The claims and casebook JSON Schemas take quantities, and flag what the loader refuses."""

    @staticmethod
    def schema(name: str) -> dict[str, object]:
        text = resources.files("factcheck").joinpath(f"schemas/{name}.schema.json").read_text()
        return json.loads(text)  # type: ignore[no-any-return]

    def test_valid(self) -> None:
        """The casebook above validates, with a tolerance in casebook.toml."""
        jsonschema.validate(tomllib.loads(CLAIMS), self.schema("claims"))
        jsonschema.validate({"tolerance": 0.05}, self.schema("casebook"))

    @pytest.mark.parametrize("fact", [
        {"subject": "fund", "property": "stake"},
        {"subject": "fund", "property": "stake", "value": "x", "quantity": {"amount": 1}},
        {"subject": "fund", "property": "stake", "quantity": {"amount": 1, "low": 0, "high": 2}},
        {"subject": "fund", "property": "stake", "quantity": {"low": 0}},
        {"subject": "fund", "property": "stake", "quantity": {"amount": "5.3"}},
        {"subject": "fund", "property": "stake", "quantity": {"amount": 5, "approx": "roughly"}},
        {"subject": "fund", "property": "stake", "quantity": {"amount": 5, "unit": ""}},
    ])
    def test_mistakes(self, fact: dict[str, object]) -> None:
        """Neither or both of value and quantity, half a range, a quoted amount: refused."""
        data = tomllib.loads(CLAIMS)
        data["claims"][0]["fact"] = fact
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, self.schema("claims"))

    @pytest.mark.parametrize("tolerance", [1, -0.1, "0.1"])
    def test_tolerance_mistakes(self, tolerance: object) -> None:
        """A tolerance outside [0, 1) is refused."""
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"tolerance": tolerance}, self.schema("casebook"))


class TestGenerated:
    """On generated casebooks (times in Seoul and Los Angeles, plain and quantity facts)."""

    @settings(max_examples=40, deadline=None)
    @given(factual_casebooks(), st.data(), st.sampled_from([0.0, 0.05, 0.1, 0.5]))
    def test_findings_do_not_depend_on_order(self, casebook: factcheck.Casebook,
                                             order: st.DataObject, tolerance: float) -> None:
        """The undeclared conflicts are the same after shuffling every list of the casebook."""
        def found(book: factcheck.Casebook) -> list[tuple[str, str]]:
            return sorted((f.severity.value, f.message) for f in check(book, tolerance=tolerance)
                          if f.code == "undeclared-conflict")

        assert found(casebook) == found(_shuffled(casebook, order))

    @settings(max_examples=40, deadline=None)
    @given(factual_casebooks(), st.integers(0, 98), st.integers(0, 98))
    def test_wider_tolerance_finds_no_more(self, casebook: factcheck.Casebook, t1: int,
                                           t2: int) -> None:
        """Every conflict found at a wider tolerance is found at a narrower one."""
        narrow, wide = sorted((t1 / 100, t2 / 100))

        def pairs(tolerance: float) -> set[str]:
            return {" ".join(f.message.split()[:3]) for f in check(casebook, tolerance=tolerance)
                    if f.code == "undeclared-conflict"}

        assert pairs(wide) <= pairs(narrow)


@pytest.fixture(scope="module")
def shipped() -> factcheck.Casebook:
    return factcheck.load(Path(__file__).parents[2])


class TestShipped:
    """The shipped casebook's letter: "about 700" would quit, 738 of 770 signed by 14:10 PT."""

    def test_no_conflict_at_the_default(self, shipped: factcheck.Casebook) -> None:
        """738 lies within about 700 at 10%: no finding; at 5% it is an undeclared conflict."""
        assert [] == conflicts(shipped.findings())
        assert [("error", "about-700-of-770-would-quit and signatures-738-of-770")] == conflicts(
            shipped.findings(tolerance=0.05))

    def test_facts(self, shipped: factcheck.Casebook) -> None:
        """As known on 22 Nov, the signatories on 21 Nov are known: both figures, agreeing."""
        answer = shipped.facts("openai-employees", "letter-signatories", valid_at="2023-11-21",
                               as_of="2023-11-22", tz="America/Los_Angeles")
        assert ("known", ("738 employees", "about 700 employees")) == (answer.verdict.value,
                                                                     answer.values)
