"""`factcheck export prov`: W3C PROV-O as JSON-LD, parsed back with rdflib and checked triple by
triple against the casebook."""

from __future__ import annotations

import itertools
import shutil
import warnings
from pathlib import Path

import pendulum
import pytest
import rdflib
from rdflib import RDF, Literal, URIRef

import factcheck
from factcheck._cli import main
from factcheck._prov import PROV, prov_graph

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
AS_OF = "2023-11-22"
P = rdflib.Namespace(PROV)


def uri(kind: str, *parts: str) -> URIRef:
    """The IRI the export gives a thing."""
    return URIRef(":".join(("urn:factcheck", kind, *parts)))


def mini_with(tmp_path: Path, claim: str, line: str) -> Path:
    """A copy of the mini casebook whose newsletter excerpt about ``claim`` gets ``line``."""
    book = Path(shutil.copytree(MINI, tmp_path / "book"))
    newsletter = book / "sources" / "newsletter.toml"
    stance = f'stances = {{ {claim} = "asserts" }}'
    text = newsletter.read_text(encoding="utf-8")
    assert stance in text
    newsletter.write_text(text.replace(stance, f"{stance}\n{line}"), encoding="utf-8")
    return book


@pytest.fixture(scope="module")
def shipped() -> factcheck.Casebook:
    """The shipped casebook."""
    return factcheck.load(ROOT)


@pytest.fixture(scope="module")
def graph(shipped: factcheck.Casebook, tmp_path_factory: pytest.TempPathFactory) -> rdflib.Graph:
    """The shipped casebook's PROV export, as the command writes it, parsed by rdflib."""
    target = tmp_path_factory.mktemp("prov") / "prov.jsonld"
    assert 0 == main(["export", "prov", str(ROOT), "--as-of", AS_OF, "-o", str(target)])
    parsed = rdflib.Graph()
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses a deprecated class inside
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        parsed.parse(target, format="json-ld")
    return parsed


class TestSources:
    """Sources, revisions and excerpts."""

    def test_revisions_chain(self, shipped: factcheck.Casebook, graph: rdflib.Graph) -> None:
        """Each later revision wasRevisionOf the one before; each is a specialization of its
        source, attributed to its publisher."""
        expected = set()
        for source in shipped.sources:
            order = sorted(source.revisions, key=lambda r: (r.published.known_from, r.id))
            expected |= {(uri("source", source.id, "revision", b.id),
                          uri("source", source.id, "revision", a.id))
                         for a, b in itertools.pairwise(order)}
        actual = set(graph.subject_objects(P.wasRevisionOf))

        assert expected == actual
        assert 0 < len(expected)
        for source in shipped.sources:
            for revision in source.revisions:
                iri = uri("source", source.id, "revision", revision.id)
                assert (iri, P.specializationOf, uri("source", source.id)) in graph
                assert (iri, RDF.type, P.Entity) in graph

    def test_generated_at(self, shipped: factcheck.Casebook, graph: rdflib.Graph) -> None:
        """A revision's generatedAtTime is when it was certainly public, the same instant."""
        source = shipped.source_by_id["nadella-x-1119"]
        revision = source.revisions[0]
        value = graph.value(uri("source", source.id, "revision", revision.id),
                            P.generatedAtTime)

        assert isinstance(value, Literal)
        assert revision.published.known_from == pendulum.instance(value.toPython())

    def test_excerpts(self, shipped: factcheck.Casebook, graph: rdflib.Graph) -> None:
        """Every excerpt wasQuotedFrom its revision, holds its quote, and hadPrimarySource its
        origin's source (the relayed one for `via`)."""
        for source in shipped.sources:
            for excerpt in source.excerpts:
                iri = uri("excerpt", excerpt.id)
                origin = excerpt.via or source.id
                assert (iri, P.wasQuotedFrom,
                        uri("source", source.id, "revision", excerpt.revision)) in graph
                assert (iri, P.hadPrimarySource, uri("source", origin)) in graph
                assert Literal(excerpt.quote) == graph.value(iri, P.value)

    def test_relayed(self, tmp_path: Path) -> None:
        """A relayed excerpt (`via`) hadPrimarySource the source it relays, not its own."""
        casebook = factcheck.load(mini_with(tmp_path, "altman-joins-microsoft", 'via = "nadella"'))
        graph = prov_graph(casebook, AS_OF)

        assert "nadella" == casebook.excerpt_by_id["nl-microsoft"].via
        assert uri("source", "nadella") == graph.value(uri("excerpt", "nl-microsoft"),
                                                       P.hadPrimarySource)
        assert uri("source", "newsletter", "revision", "update-1120") == graph.value(
            uri("excerpt", "nl-microsoft"), P.wasQuotedFrom)


class TestStatuses:
    """Each claim's status as of T, derived from the evidence it counts."""

    def test_status_and_derivation(self, shipped: factcheck.Casebook, graph: rdflib.Graph) -> None:
        """The status entity's value is the status; it wasDerivedFrom exactly the counted
        excerpts, and wasGeneratedBy the resolution that ended at T."""
        instant = factcheck.parse_as_of(AS_OF, None, shipped.zone)
        statuses = shipped.statuses(AS_OF)
        for claim_id, resolution in statuses.items():
            iri = uri("status", claim_id)
            counted = {uri("excerpt", e.excerpt) for e in resolution.evidence
                       if e.active(instant)}
            assert Literal(resolution.status.value) == graph.value(iri, P.value)
            assert counted == set(graph.objects(iri, P.wasDerivedFrom))
            activity = graph.value(iri, P.wasGeneratedBy)
            ended = graph.value(activity, P.endedAtTime)
            assert instant == pendulum.instance(ended.toPython())  # type: ignore[union-attr]

    def test_zones(self) -> None:
        """Seoul and Los Angeles: the same instants, whichever zone the times are shown in."""
        casebook = factcheck.load(MINI)
        seoul = prov_graph(casebook, "2023-11-21T12:00+09:00", "Asia/Seoul")
        la = prov_graph(casebook, "2023-11-21T12:00+09:00", "America/Los_Angeles")

        def instants(g: rdflib.Graph) -> set[tuple[object, object]]:
            return {(s, pendulum.instance(o.toPython()))  # type: ignore[union-attr]
                    for s, o in g.subject_objects(P.generatedAtTime)}

        assert instants(seoul) == instants(la)
        assert len(seoul) == len(la)

    def test_withdrawn(self, tmp_path: Path) -> None:
        """An excerpt withdrawn by a later revision wasInvalidatedBy that revision's publication."""
        book = mini_with(tmp_path, "board-accepts-demands", 'withdrawn_in = "update-1122"')
        graph = prov_graph(factcheck.load(book), AS_OF)
        publication = graph.value(uri("excerpt", "nl-accepts"), P.wasInvalidatedBy)

        assert (publication, P.generated,
                uri("source", "newsletter", "revision", "update-1122")) in graph

    def test_deterministic(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The same casebook and arguments give the same bytes."""
        outputs = []
        for _ in range(2):
            assert 0 == main(["export", "prov", str(MINI), "--as-of", AS_OF])
            outputs.append(capsys.readouterr().out)

        assert outputs[0] == outputs[1]
