"""Validation: SHACL shapes over the built graph, and the ontology read by an independent parser."""

import shutil

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.knowledge import data_path, namespaces
from kg.store import STORE_DIR, GraphStore
from kg.validate import union_graph, validate, validate_graph

runner = CliRunner()
GEO = Namespace(namespaces().prefixes()["geo"])


def test_example_graph_conforms(example_graph):
    with GraphStore.open(example_graph) as store:
        report = validate(store)
    assert report.conforms and report.violations == ()
    assert report.focus_nodes > 100  # entities, statements, sentences and documents were all targeted


@pytest.fixture(scope="module")
def union(example_graph) -> Graph:
    with GraphStore.open(example_graph) as store:
        return union_graph(store)


def _messages(graph: Graph) -> set[str]:
    report = validate_graph(graph)
    assert not report.conforms
    return {v.message for v in report.violations}


def _statement(graph: Graph, predicate: URIRef):
    return next(s for s in graph.subjects(GEO.predicate, predicate)
                if (s, GEO.polarity, Literal("positive")) in graph and (s, GEO.modality, Literal("asserted")) in graph)


def test_statement_without_subject_is_reported(union):
    broken = Graph() + union
    broken.remove((_statement(broken, GEO.withdraws_from), GEO.subject, None))
    assert "a statement has one subject, an entity" in _messages(broken)


def test_missing_plain_edge_is_reported(union):
    broken = Graph() + union
    statement = _statement(broken, GEO.withdraws_from)
    broken.remove((broken.value(statement, GEO.subject), GEO.withdraws_from, broken.value(statement, GEO.object)))
    assert any("has its plain edge" in m for m in _messages(broken))


def test_entity_with_two_labels_and_a_bad_code_is_reported(union):
    broken = Graph() + union
    russia = next(s for s in broken.subjects(GEO.iso3, Literal("RUS")))
    broken.add((russia, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Russian Federation")))
    broken.set((russia, GEO.iso3, Literal("ru")))
    assert {"an entity has exactly one non-empty label", "geo:iso3 is one ISO 3166-1 alpha-3 code"} <= _messages(broken)


@pytest.mark.parametrize("name", ["geopolitics.ttl", "shapes.ttl"])
def test_ontology_files_parse_with_an_independent_parser(name):
    path = data_path(name)
    oxigraph_triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    by_rdflib = Graph().parse(path, format="turtle")
    assert len(oxigraph_triples) == len(by_rdflib) > 50
    by_oxigraph = Graph().parse(data=ox.serialize(oxigraph_triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    assert isomorphic(by_oxigraph, by_rdflib)


def test_cli_validate(example_graph, tmp_path):
    result = runner.invoke(app, ["validate", "-g", str(example_graph)])
    assert result.exit_code == 0 and result.stdout == "" and "conforms" in result.stderr

    copy = tmp_path / "graph"
    shutil.copytree(example_graph, copy)
    store = ox.Store(str(copy / STORE_DIR))
    sentence = next(iter(store.quads_for_pattern(None, ox.NamedNode(str(GEO.start)), None)))
    store.add(ox.Quad(sentence.subject, ox.NamedNode(str(GEO.start)), ox.Literal("-1", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), sentence.graph_name))
    del store
    result = runner.invoke(app, ["validate", "-g", str(copy)])
    assert result.exit_code == 1 and "does not conform" in result.stderr
    assert sentence.subject.value in result.stdout and "geo:start" in result.stdout
