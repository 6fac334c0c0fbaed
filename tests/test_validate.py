"""Validation: the shapes compiled to SPARQL agree with pyshacl on every component; ontology files parse alike."""

import shutil

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.endpoint import Endpoint
from kg.knowledge import data_path, namespaces
from kg.shapes import ShapeError, compile_shapes
from kg.store import STORE_DIR, GraphStore
from kg.validate import validate
from tests.endpoints import kg, start_queryable_store, stop
from tests.shacl_graphs import (
    BREAKS,
    CLEAN_DEFAULT,
    CLEAN_DOCUMENT,
    TURTLE_PREFIXES,
    broken,
    expand,
    load,
    node,
    pyshacl_results,
    trig,
)

runner = CliRunner()
GEO = namespaces().prefixes()["geo"]
SHAPES_PREFIXES = f"{TURTLE_PREFIXES}@prefix sh: <http://www.w3.org/ns/shacl#> .\n"


def _report(folder, shapes=None):
    with GraphStore.open(folder) as store:
        return validate(store, shapes)


def _broken_by(*names: str) -> str:
    return broken([b for b in BREAKS if b[1] in names])


def _found(report) -> set[tuple[str, str, str]]:
    return {(node(v.focus), v.path, v.message) for v in report.violations}


def _shape_messages() -> set[str]:
    return {t.object.value for t in ox.parse(path=str(data_path("shapes.ttl")), format=ox.RdfFormat.TURTLE)
            if t.predicate.value.endswith("#message")}


def test_example_graph_conforms(example_graph):
    report = _report(example_graph)
    assert report.conforms and report.violations == ()
    assert report.focus_nodes > 100  # entities, statements, sentences and documents were all targeted


def test_a_clean_graph_conforms_for_both_validators(tmp_path):
    folder = load(tmp_path / "clean", trig(CLEAN_DEFAULT, CLEAN_DOCUMENT))
    report = _report(folder)
    assert report.conforms and report.violations == ()
    assert report.focus_nodes == 6  # three entities, a statement, a sentence, a document
    assert pyshacl_results(folder) == (True, set())


@pytest.fixture(scope="module")
def broken_graph(tmp_path_factory):
    return load(tmp_path_factory.mktemp("broken"), broken())


def test_every_broken_constraint_is_found_as_pyshacl_finds_it(broken_graph):
    report = _report(broken_graph)
    assert not report.conforms
    found = _found(report)
    focus_and_path = {(focus, path) for focus, path, _ in found}
    for _, name, _, path in BREAKS:
        assert (node(expand(name)), expand(path) if path else "") in focus_and_path, name
    conforms, reference = pyshacl_results(broken_graph)
    assert not conforms
    assert focus_and_path == {(focus, path) for focus, path, _ in reference}
    # the shapes' own messages are given for the same nodes
    messages = _shape_messages()
    assert {r for r in reference if r[2] in messages} == {f for f in found if f[2] in messages} != set()


def test_one_fact_in_two_surface_forms_is_reported_with_its_message(broken_graph):
    report = _report(broken_graph)
    statement = expand("stmt:two_surface_subjects")
    assert [v.message for v in report.violations if v.focus == statement] == [
        "More than 1 values on stmt:two_surface_subjects->geo:surfaceSubject"]


def test_constraints_the_kg_shapes_do_not_use_agree_with_pyshacl(tmp_path):
    shapes = SHAPES_PREFIXES + """[] sh:targetClass geo:Statement ;
           sh:property [ sh:path geo:surfaceSubject ; sh:minCount 2 ] , [ sh:path geo:rule ; sh:minCount 0 ] ;
           sh:class geo:Entity ; sh:in ( stmt:clean ) ."""
    folder = load(tmp_path / "graph", _broken_by("stmt:two_surface_subjects", "stmt:no_rule"))
    report = _report(folder, compile_shapes(ox.parse(shapes.encode(), format=ox.RdfFormat.TURTLE), {}))
    conforms, reference = pyshacl_results(folder, shapes)
    assert {(f, p) for f, p, _ in _found(report)} == {(f, p) for f, p, _ in reference}
    assert {p for _, p, _ in reference} == {"", expand("geo:surfaceSubject")}


def test_a_store_whose_default_graph_is_not_the_union_is_validated_as_the_folder(tmp_path):
    """Fuseki keeps the default graph apart: the plain-edge constraint reads across graphs all the same."""
    folder = load(tmp_path / "graph", _broken_by("stmt:no_plain_edge", "stmt:from_document", "ent:two_labels"))
    server = start_queryable_store()
    try:
        kg("push", "-g", folder, "--endpoint", server.url)
        with Endpoint(server.sparql) as endpoint:
            remote = validate(endpoint)
    finally:
        stop(server)
    local = _report(folder)
    assert remote == local and len({v.focus for v in local.violations}) == 3


@pytest.mark.parametrize("shape, component", [
    ("sh:or ( [ sh:path geo:rule ; sh:minCount 1 ] )", "sh:or"),
    ("sh:property [ sh:path geo:rule ; sh:qualifiedMinCount 1 ]", "sh:qualifiedMinCount"),
    ("sh:property [ sh:path [ sh:inversePath geo:subject ] ; sh:minCount 1 ]", "property path"),
    ("sh:sparql [ sh:select 'PREFIX geo: <x> SELECT $this WHERE { }' ]", "declares no prefixes"),
    ("sh:severity sh:Warning", "sh:severity"),
])
def test_a_shape_the_compiler_cannot_read_is_a_one_line_error(shape, component, example_graph, monkeypatch):
    shapes = f"{SHAPES_PREFIXES}[] sh:targetClass geo:Statement ; {shape} ."
    with pytest.raises(ShapeError, match=component):
        compile_shapes(ox.parse(shapes.encode(), format=ox.RdfFormat.TURTLE), {})
    monkeypatch.setattr("kg.validate.kg_shapes",
                        lambda: compile_shapes(ox.parse(shapes.encode(), format=ox.RdfFormat.TURTLE), {}))
    result = runner.invoke(app, ["validate", "-g", str(example_graph)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("kg: error: ") and len(result.stderr.splitlines()) == 1
    assert component in result.stderr


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
    sentence = next(iter(store.quads_for_pattern(None, ox.NamedNode(GEO + "start"), None)))
    store.add(ox.Quad(sentence.subject, ox.NamedNode(GEO + "start"), ox.Literal("-1", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), sentence.graph_name))
    del store
    result = runner.invoke(app, ["validate", "-g", str(copy)])
    assert result.exit_code == 1 and "does not conform" in result.stderr
    assert sentence.subject.value in result.stdout and "geo:start" in result.stdout
