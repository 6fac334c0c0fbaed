"""--endpoint URL: kg's read commands against SPARQL endpoints on loopback (kg serve, a pushed-into store)."""

import threading
from contextlib import contextmanager

import networkx as nx
import pytest
from typer.testing import CliRunner

import kg as kg_api

from kg.cli import app
from kg.serve import make_server
from tests.endpoints import assert_same_as_local, kg, start_queryable_store, stop

runner = CliRunner()
LOGIN = {"KG_PUSH_USER": "kg", "KG_PUSH_PASSWORD": "secret"}
BASIC = "Basic a2c6c2VjcmV0"  # kg:secret


@contextmanager
def serving(graph, max_rows: int):
    """`kg serve` over a graph on a free loopback port, stopped on leaving."""
    server = make_server(graph, "127.0.0.1", 0, timeout=30, max_rows=max_rows, workers=1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def served(example_graph):
    with serving(example_graph, max_rows=100_000) as server:
        yield server


@pytest.fixture
def store():
    server = start_queryable_store()
    yield server
    stop(server)


def read(*args, env=None):
    return runner.invoke(app, [str(arg) for arg in args], env=env)


def one_line_error(result, text: str) -> None:
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and text in result.stderr, result.stderr


def test_kg_serve_answers_as_the_folder_does(served, example_graph):
    assert_same_as_local(example_graph, served.url)


def test_a_graph_pushed_into_a_store_whose_default_graph_is_not_the_union(store, example_graph):
    """`kg push` puts the default graph into the store's default graph (as Fuseki keeps it): every
    command still reads what it needs, statements by document graph and the ontology by name."""
    kg("push", "-g", example_graph, "--endpoint", store.url)
    assert_same_as_local(example_graph, store.sparql)


def test_the_push_credentials_open_the_endpoint(store, example_graph):
    kg("push", "-g", example_graph, "--endpoint", store.url)
    store.user = BASIC
    one_line_error(read("stats", "--endpoint", store.sparql), "HTTP 401 Unauthorized")
    assert kg("stats", "--json", "--endpoint", store.sparql, env=LOGIN) == kg("stats", "--json", "-g", example_graph)
    assert "russia" in kg("query", "--endpoint", store.sparql, "--user", "kg", "--password", "secret",
                          "SELECT ?c WHERE { ?c a geo:Country }")
    one_line_error(read("stats", "--endpoint", store.sparql, "--user", "kg"), "give both --user and --password")


def test_a_cut_answer_is_an_error_not_a_partial_export(example_graph):
    with serving(example_graph, max_rows=1000) as server:  # the example graph holds some 1,500 triples
        assert kg("stats", "--endpoint", server.url)
        one_line_error(read("export", "nquads", "--endpoint", server.url), "cut the answer to its row limit (X-Kg-Truncated: true)")


def test_endpoint_errors_are_one_line(store, served, example_graph, tmp_path):
    one_line_error(read("stats", "--endpoint", store.sparql), "holds no kg graph")
    kg("push", "-g", example_graph, "--endpoint", store.url, "--default-graph", "urn:kg:default")
    one_line_error(read("show", "US", "--endpoint", store.sparql), "entities of its kg graph are not in its default graph")
    one_line_error(read("query", "--endpoint", served.url, "SELECT ?x WHERE {"), "HTTP 400 Bad Request: SPARQL syntax error")
    one_line_error(read("query", "--endpoint", served.url, "DELETE WHERE { ?s ?p ?o }"), "DELETE is a SPARQL Update")
    one_line_error(read("show", "Atlantis", "--endpoint", served.url), f"no entity 'Atlantis' in {served.url}")
    one_line_error(read("stats", "--endpoint", "ftp://example.org/sparql"), "is not an http(s) URL")
    one_line_error(read("stats", "--endpoint", "http://127.0.0.1:9/sparql"), "cannot reach the store")
    one_line_error(read("stats", "--endpoint", served.url, "-g", example_graph), "give --graph FOLDER or --endpoint URL, not both")
    one_line_error(read("stats", "--endpoint", f"{served.url.rsplit('/', 1)[0]}/"), "HTTP 405 Method Not Allowed")
    one_line_error(read("stats", "--endpoint", store.sparql.replace("/sparql", "/page")),
                   "the answer is text/html, not SPARQL results or RDF")


def test_the_api_opens_an_endpoint_as_a_folder(served, store, example_graph):
    with kg_api.open_graph(served.url) as remote, kg_api.open_graph(example_graph) as local:
        assert remote.name == served.url and remote.prefixes() == local.prefixes()
        assert sorted(map(str, remote.named("posts"))) == sorted(map(str, local.named("posts")))
        assert remote.entity("US") == local.entity("US")
        assert remote.explain("US", "withdraws_from", "INF Treaty") == local.explain("US", "withdraws_from", "INF Treaty")
        assert nx.utils.graphs_equal(remote.networkx(types=["Country"]), local.networkx(types=["Country"]))
        assert len(remote.rdflib()) == len(local.rdflib()) > 1000
        assert len(remote.construct("CONSTRUCT WHERE { ent:russia ?p ?o }")) == len(
            local.construct("CONSTRUCT WHERE { ent:russia ?p ?o }")) > 5
    kg("push", "-g", example_graph, "--endpoint", store.url)
    store.user = BASIC
    with kg_api.open_graph(store.sparql, user="kg", password="secret") as remote:
        assert remote.ask("ASK { ent:united_states geo:withdraws_from ent:inf_treaty }")
