"""The public API (kg.api, also `kg.*`): README's worked example and the docstrings run as doctests;
no spaCy (nor pandas) needed to read; values, errors; reading while a build writes."""

import doctest
import shutil
import subprocess
import sys
from datetime import date

import pytest

import kg
import kg.api
from tests.conftest import EXAMPLES, ROOT

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.fixture
def graph(example_graph):
    with kg.open_graph(example_graph) as opened:
        yield opened


@pytest.mark.model
def test_readme_worked_example(tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(EXAMPLES)
    monkeypatch.chdir(tmp_path)  # the example builds ./output from ./examples
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=FLAGS)
    assert result.failed == 0 and result.attempted > 20
    assert (tmp_path / "output" / "kg.json").is_file()


def test_docstring_examples(example_graph, tmp_path, monkeypatch, graph):
    (tmp_path / "output").symlink_to(example_graph)
    monkeypatch.chdir(tmp_path)
    result = doctest.testmod(kg.api, extraglobs={"graph": graph}, optionflags=FLAGS)
    assert result.failed == 0 and result.attempted > 15


def test_public_names_are_the_api_s():
    assert kg.__all__ == kg.api.__all__
    assert all(getattr(kg, name) is getattr(kg.api, name) for name in kg.__all__)
    with pytest.raises(AttributeError):
        kg.open_store  # noqa: B018


READER = """
import sys
sys.modules["spacy"] = sys.modules["pandas"] = None  # importing either now fails
import kg
assert "kg.api" not in sys.modules  # `import kg` alone loads nothing
graph = kg.open_graph(sys.argv[1])
assert graph.query("SELECT ?c WHERE { ?c a geo:Country }")
assert graph.named("posts", of="Russia") and graph.networkx(types=["Country"]).number_of_edges()
assert graph.entity("Russia").wikidata == "Q159" and graph.explain("US", "withdraws_from", "INF Treaty").support
assert len(graph.rdflib()) and graph.stats().documents and graph.export("graphml").startswith(b"<?xml")
assert graph.validate().conforms
try:
    graph.named("posts").to_dataframe()
except kg.KgError as err:
    print(err)
print(sorted(name for name, module in sys.modules.items() if module and name.split(".")[0] in {"spacy", "thinc", "pandas"}))
"""


@pytest.mark.slow
def test_reading_needs_neither_spacy_nor_pandas(example_graph):
    done = subprocess.run([sys.executable, "-c", READER, str(example_graph)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Table.to_dataframe needs pandas: pip install pandas\n[]\n"


def test_rows_hold_python_values(graph):
    row = graph.query("""SELECT ?entity ?n ?confidence ?date ?missing ?iri ?flag ?text WHERE {
        { SELECT (COUNT(*) AS ?n) WHERE { ?c a geo:Country } }
        GRAPH ?g { ?st geo:confidence ?confidence ; dcterms:date ?date ; geo:subject ?entity } .
        OPTIONAL { ?entity geo:noSuchProperty ?missing }
        BIND(<http://example.org/elsewhere> AS ?iri) BIND(true AS ?flag) BIND("x"@en AS ?text) } LIMIT 1""")[0]
    assert row["entity"].startswith("ent:") and row["iri"] == "http://example.org/elsewhere"
    assert isinstance(row["n"], int) and row["n"] > 10 and isinstance(row["confidence"], float)
    assert isinstance(row["date"], date) and row["missing"] is None and row["flag"] is True and row["text"] == "x"
    assert graph.query('SELECT ?odd WHERE { BIND("ten"^^xsd:integer AS ?odd) }')[0] == {"odd": "ten"}


def test_a_dataframe_has_a_column_per_variable(graph):
    frame = graph.named("posts").to_dataframe()
    assert list(frame.columns) == ["holder", "holderLabel", "post", "of", "ofLabel", "support", "first", "last"]
    assert len(frame) == len(graph.named("posts")) and frame.support.dtype.kind == "i"


def test_errors_are_kg_errors(graph, tmp_path, monkeypatch):
    with pytest.raises(kg.KgError, match="not a SELECT query but ASK: use query"):
        graph.query("ASK { ?s ?p ?o }")
    with pytest.raises(kg.KgError, match="not a ASK query but SELECT"):
        graph.ask("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(kg.KgError, match="not a CONSTRUCT query but SELECT"):
        graph.construct("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(kg.KgError, match="needs --param b"):
        graph.named("interactions", a="Russia")
    with pytest.raises(kg.KgError, match="DELETE is a SPARQL Update"):
        graph.query("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(kg.KgError, match="unknown entity type 'Contry'"):
        graph.networkx(types=["Contry"])
    with pytest.raises(kg.KgError, match="no graph in"):
        kg.open_graph(tmp_path / "nothing")
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.netrc or password of the machine's
    monkeypatch.delenv("KG_PUSH_PASSWORD", raising=False)
    with pytest.raises(kg.KgError, match="no password for someone: set KG_PUSH_PASSWORD"):
        kg.open_graph("http://127.0.0.1:9/sparql", user="someone")


WRITER = """
import sys
from pathlib import Path

import pyoxigraph as ox
from kg.store import GraphStore, build_lock
folder = Path(sys.argv[1])
with build_lock(folder), GraphStore.open(folder, read_only=False) as store:
    store.oxigraph.add(ox.Quad(ox.NamedNode("urn:writing"), ox.NamedNode("urn:by"), ox.Literal("a build")))
    print("writing", flush=True)
    sys.stdin.readline()
"""


def test_a_graph_opens_while_a_build_writes_it(example_graph, tmp_path):
    folder = tmp_path / "graph"
    shutil.copytree(example_graph, folder)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(folder)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline() == "writing\n"
        with kg.open_graph(folder) as graph:
            assert graph.stats().documents == 5 and graph.entity("Russia").label == "Russia"
    finally:
        writer.communicate("\n", timeout=60)
    assert writer.returncode == 0
    with kg.open_graph(folder) as graph:
        assert graph.ask('ASK { <urn:writing> <urn:by> "a build" }')
