"""--endpoint URL: kg's read commands against SPARQL endpoints on loopback (kg serve, a pushed-into store)."""

import networkx as nx
import pytest
from typer.testing import CliRunner

import kg as kg_api
from kg.cli import app
from tests.endpoints import assert_same_as_local, kg, start_queryable_store, stop
from tests.test_serve import running

pytestmark = pytest.mark.slow  # servers and their worker processes, seconds each

runner = CliRunner()
LOGIN = {"KG_PUSH_USER": "kg", "KG_PUSH_PASSWORD": "secret"}
BASIC = "Basic a2c6c2VjcmV0"  # kg:secret


@pytest.fixture(scope="module")
def served(example_graph):
    with running(example_graph, timeout=30, max_rows=100_000, workers=1) as server:
        yield server


@pytest.fixture
def store():
    server = start_queryable_store()
    yield server
    stop(server)


@pytest.fixture(autouse=True)
def no_credentials_of_the_machine(monkeypatch, tmp_path):
    """HOME is the test's folder and KG_PUSH_USER / KG_PUSH_PASSWORD unset: no ~/.netrc or
    variable of the machine's takes part."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("KG_PUSH_USER", raising=False)
    monkeypatch.delenv("KG_PUSH_PASSWORD", raising=False)


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


def test_the_push_credentials_open_the_endpoint(store, example_graph, tmp_path):
    """As for `kg push`: the URL's user and password (never shown), or --user / KG_PUSH_USER with
    KG_PUSH_PASSWORD or ~/.netrc; a password on the command line is refused."""
    kg("push", "-g", example_graph, "--endpoint", store.url)
    store.user = BASIC
    local = kg("stats", "--format", "json", "-g", example_graph)
    one_line_error(read("stats", "--endpoint", store.sparql), "HTTP 401 Unauthorized")
    assert kg("stats", "--format", "json", "--endpoint", store.sparql, env=LOGIN) == local
    assert "russia" in kg("query", "--endpoint", store.sparql, "--user", "kg", "SELECT ?c WHERE { ?c a geo:Country }",
                          env={"KG_PUSH_PASSWORD": "secret"})
    one_line_error(read("query", "--endpoint", store.sparql, "--user", "kg", "--password", "secret", "ASK {}"),
                   "a password on the command line is visible to every user of this machine (ps)")
    one_line_error(read("stats", "--endpoint", store.sparql, "--user", "kg"),
                   "no password for kg: set KG_PUSH_PASSWORD or put it in ~/.netrc")
    wrong = read("stats", "--endpoint", store.sparql.replace("http://", "http://kg:s3cr3t@"))
    one_line_error(wrong, f"querying {store.sparql}: HTTP 401 Unauthorized")
    assert "s3cr3t" not in wrong.stderr
    checked = read("validate", "--endpoint", store.sparql.replace("http://", "http://kg:secret@"))
    assert checked.exit_code == 0 and checked.stderr.startswith(f"{store.sparql}: ") and "secret" not in checked.stderr
    netrc = tmp_path / ".netrc"  # tmp_path is HOME
    netrc.write_text("machine 127.0.0.1 login kg password secret\n")
    netrc.chmod(0o600)
    assert kg("stats", "--format", "json", "--endpoint", store.sparql) == local


def test_the_endpoint_is_spoken_to_as_push_speaks_to_a_store(store, example_graph, monkeypatch):
    """kg push's HTTP: redirects refused, one deadline per request, error answers read in part,
    answers past a size refused."""
    kg("push", "-g", example_graph, "--endpoint", store.url)
    store.redirect = store.sparql.replace("/sparql", "/moved")
    one_line_error(read("stats", "--endpoint", store.sparql),
                   f"HTTP 302 Found: the store redirects to {store.redirect}; use the address it names")
    store.redirect, store.failure = None, (500, b"x" * 10_000_000)
    failed = read("stats", "--endpoint", store.sparql)
    one_line_error(failed, f"querying {store.sparql}: HTTP 500 Internal Server Error: xxx")
    assert len(failed.stderr) < 500
    store.failure, store.trickle = None, 0.3  # 20 bytes, one every 0.3 s
    with pytest.raises(kg_api.KgError, match=r"no complete answer within 1 s$"):
        kg_api.open_graph(store.sparql, timeout=1)
    store.trickle = 0
    with kg_api.open_graph(store.sparql) as remote:
        monkeypatch.setattr("kg.endpoint.ANSWER_LIMIT", 10_000)
        with pytest.raises(kg_api.KgError, match="the answer is longer than 10,000 bytes"):
            remote.query("SELECT * WHERE { ?s ?p ?o }")


def test_a_cut_answer_is_an_error_not_a_partial_export(example_graph):
    with running(example_graph, timeout=30, max_rows=1000, workers=1) as server:  # the example graph holds some 1,500 triples
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


def test_the_api_finds_credentials_as_kg_push_does(store, example_graph, monkeypatch):
    kg("push", "-g", example_graph, "--endpoint", store.url)
    store.user = BASIC
    with pytest.raises(kg_api.KgError, match="no password for kg: set KG_PUSH_PASSWORD or put it in ~/.netrc"):
        kg_api.open_graph(store.sparql, user="kg")
    asked = []
    with kg_api.open_graph(store.sparql, user="kg", ask=lambda prompt: asked.append(prompt) or "secret") as remote:
        assert remote.name == store.sparql and asked == ["password for kg"]
    with kg_api.open_graph(store.sparql.replace("http://", "http://kg:secret@")) as remote:
        assert remote.name == store.sparql
    monkeypatch.setenv("KG_PUSH_USER", "kg")
    monkeypatch.setenv("KG_PUSH_PASSWORD", "secret")
    with kg_api.open_graph(store.sparql) as remote, kg_api.open_graph(example_graph) as local:
        assert remote.stats() == local.stats()
