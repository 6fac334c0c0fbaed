"""kg push: request building, a pyoxigraph-backed fake store on loopback, errors (no model needed)."""

import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.push import (Credentials, PushError, batches, graph_store_requests, push, server_message,
                     update_requests)
from kg.store import GraphStore

ENT = "https://geokg.example.org/entity/"
DOC = ox.NamedNode("https://geokg.example.org/doc/d1")
LINES = [f"<urn:s{i}> <urn:p> <urn:o> .".encode() for i in range(5)]


class FakeStore(BaseHTTPRequestHandler):
    """A SPARQL 1.1 store in memory: GSP PUT/POST on ?graph=IRI or ?default, SPARQL Update via update=."""

    def log_message(self, *args):
        pass

    def do_PUT(self):
        self.handle_request()

    def do_POST(self):
        self.handle_request()

    def handle_request(self):
        server = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server.requests.append((self.command, self.path, self.headers.get("Content-Type"), body))
        if server.user and self.headers.get("Authorization") != server.user:
            return self.answer(401, b"Unauthorized\n", {"WWW-Authenticate": 'Basic realm="kg"'})
        if server.failure:
            return self.answer(*server.failure)
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
        if "update" in (form := urllib.parse.parse_qs(body.decode())):
            server.data.update(form["update"][0])
        else:
            graph = ox.NamedNode(params["graph"][0]) if "graph" in params else ox.DefaultGraph()
            if self.command == "PUT":
                server.data.clear_graph(graph)
            server.data.load(body, format=ox.RdfFormat.TURTLE, to_graph=graph)
        self.answer(200, b"")

    def answer(self, status, body, headers=None):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def fake_store():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeStore)
    server.data, server.requests, server.user, server.failure = ox.Store(), [], None, None
    server.url = f"http://127.0.0.1:{server.server_address[1]}/store"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def small_graph(tmp_path):
    """A graph built without the model: two entities and an edge, one document graph, the ontology."""
    folder = tmp_path / "graph"
    with GraphStore.create_or_open(folder) as store:
        us, inf = ox.NamedNode(ENT + "united_states"), ox.NamedNode(ENT + "inf_treaty")
        withdraws = ox.NamedNode("https://geokg.example.org/ontology#withdraws_from")
        text = ox.NamedNode("https://geokg.example.org/ontology#text")
        store.oxigraph.extend([
            ox.Quad(us, withdraws, inf),
            ox.Quad(us, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("United States")),
            ox.Quad(ox.NamedNode("https://geokg.example.org/sentence/d1/0-9"), text,
                    ox.Literal("Kyiv’s “bid”\nline two \u2028 _: {}", language="en"), DOC),
        ])
    return folder


def local_quads(folder) -> set:
    with GraphStore.open(folder) as store:
        return set(store.oxigraph)


def test_batches_split_by_size_and_keep_blank_nodes_together():
    assert batches(LINES, 2) == [LINES[:2], LINES[2:4], LINES[4:]]
    assert batches([], 2) == [[]]
    blank = [b"_:b1 <urn:p> <urn:o> .", *LINES]
    assert batches(blank, 2) == [blank]
    with pytest.raises(PushError, match="at least 1"):
        batches(LINES, 0)


def test_graph_store_requests_put_then_post_to_the_graph_iri():
    requests = graph_store_requests("http://h/gsp", "https://g.org/doc/a b", LINES, replace=True, batch_size=2)
    assert [r.method for r in requests] == ["PUT", "POST", "POST"]
    assert {r.url for r in requests} == {"http://h/gsp?graph=https%3A%2F%2Fg.org%2Fdoc%2Fa+b"}
    assert [r.triples for r in requests] == [2, 2, 1] and requests[0].body == LINES[0] + b"\n" + LINES[1] + b"\n"
    merged = graph_store_requests("http://h/gsp?x=1", "", LINES, replace=False, batch_size=10)
    assert [(r.method, r.url) for r in merged] == [("POST", "http://h/gsp?x=1&default")]


def test_update_requests_drop_once_then_insert_data():
    texts = [urllib.parse.parse_qs(r.body.decode())["update"][0]
             for r in update_requests("http://h/sparql", "urn:g", LINES, replace=True, batch_size=3)]
    assert texts[0].startswith("DROP SILENT GRAPH <urn:g> ;\nINSERT DATA { GRAPH <urn:g> {\n<urn:s0>")
    assert texts[1].startswith("INSERT DATA { GRAPH <urn:g> {\n<urn:s3>") and "DROP" not in texts[1]
    default = update_requests("http://h/sparql", "", LINES, replace=True, batch_size=10)
    assert urllib.parse.parse_qs(default[0].body.decode())["update"][0].startswith("DROP SILENT DEFAULT ;\nINSERT DATA {\n")
    assert "DROP" not in update_requests("http://h/sparql", "", LINES, replace=False, batch_size=10)[0].body.decode()


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_push_copies_every_graph_and_replaces_what_was_there(fake_store, small_graph, protocol):
    seen = []
    with GraphStore.open(small_graph) as store:
        report = push(store, fake_store.url, protocol=protocol, batch_size=100,
                      progress=lambda done, total: seen.append((done, total)))
        assert set(fake_store.data) == local_quads(small_graph)
        for graph in (DOC, ox.DefaultGraph()):  # left over from an earlier version of the graph
            fake_store.data.add(ox.Quad(ox.NamedNode("urn:stale"), ox.NamedNode("urn:p"), ox.Literal("x"), graph))
        push(store, fake_store.url, protocol=protocol, batch_size=100)
    assert set(fake_store.data) == local_quads(small_graph)
    assert [g.target for g in report.graphs][:2] == ["", DOC.value]
    assert report.graphs[-1].target == "https://geokg.example.org/ontology"
    assert report.triples == len(local_quads(small_graph)) == seen[-1][0] == seen[-1][1]
    assert len(seen) > len(report.graphs)  # the ontology graph went in several batches


def test_default_graph_into_a_named_graph_and_merge(fake_store, small_graph):
    fake_store.data.add(ox.Quad(ox.NamedNode("urn:other"), ox.NamedNode("urn:p"), ox.Literal("kept"),
                                ox.NamedNode("urn:kg:default")))
    with GraphStore.open(small_graph) as store:
        report = push(store, fake_store.url, default_graph="urn:kg:default", replace=False)
        with pytest.raises(PushError, match="already a named graph"):
            push(store, fake_store.url, default_graph=DOC.value)
        with pytest.raises(PushError, match="not an absolute IRI"):
            push(store, fake_store.url, default_graph="no iri")
    assert report.graphs[0] == report.graphs[0].__class__("", "urn:kg:default", 2)
    assert len(list(fake_store.data.quads_for_pattern(None, None, None, ox.NamedNode("urn:kg:default")))) == 3
    assert not list(fake_store.data.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert {m for m, *_ in fake_store.requests} == {"POST"}


def test_credentials_are_sent_when_the_store_asks(fake_store, small_graph):
    fake_store.user = "Basic a2c6c2VjcmV0"  # kg:secret
    with GraphStore.open(small_graph) as store:
        with pytest.raises(PushError, match=r"^pushing the default graph to .*: HTTP 401 Unauthorized$"):
            push(store, fake_store.url)
        with pytest.raises(PushError, match="HTTP 401"):
            push(store, fake_store.url, credentials=Credentials("kg", "wrong"))
        push(store, fake_store.url, credentials=Credentials("kg", "secret"))
    assert set(fake_store.data) == local_quads(small_graph)


def test_server_errors_are_one_line_with_status_and_message(fake_store, small_graph):
    fake_store.failure = (500, b"Virtuoso 37000 Error SP031: SPARQL compiler: no default graph\n\nSPARQL query:\n...")
    with GraphStore.open(small_graph) as store:
        with pytest.raises(PushError) as err:
            push(store, fake_store.url, protocol="update")
    message = str(err.value)
    assert "HTTP 500" in message and "Error SP031: SPARQL compiler: no default graph" in message
    assert "SPARQL query" not in message and "\n" not in message
    assert "--default-graph IRI" in message  # it failed on the default graph: say how to avoid it


def test_server_message_of_an_html_page():
    page = (b"<!DOCTYPE HTML><html><head><title>SPARQL Graph Protocol request failed</title></head><body>"
            b"<h1>HTTP/1.1 403 Forbidden</h1><h3>Error 42000</h3><xmp>Permission denied &amp; more</xmp></body></html>")
    assert server_message(page) == "Error 42000: Permission denied & more"
    assert server_message(b"\n  first line\nsecond\n") == "first line"


def test_unreachable_store_and_bad_endpoint(small_graph):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    with GraphStore.open(small_graph) as store:
        with pytest.raises(PushError, match="cannot reach the store: Connection refused"):
            push(store, f"http://127.0.0.1:{port}/sparql")
        with pytest.raises(PushError, match="not an http"):
            push(store, "ftp://example.org/sparql")
        with pytest.raises(PushError, match="unknown protocol"):
            push(store, "http://127.0.0.1/sparql", protocol="soap")


runner = CliRunner()


def test_cli_push_reports_on_stderr(fake_store, small_graph):
    fake_store.user = "Basic a2c6c2VjcmV0"
    result = runner.invoke(app, ["push", "-g", str(small_graph), "--endpoint", fake_store.url, "--protocol", "update"],
                           env={"KG_PUSH_USER": "kg", "KG_PUSH_PASSWORD": "secret"})
    assert result.exit_code == 0 and result.stdout == ""
    total = len(local_quads(small_graph))
    assert f"pushed 3 graphs, {total:,} triples to {fake_store.url} (update)" in result.stderr
    assert set(fake_store.data) == local_quads(small_graph)


def test_cli_push_errors(fake_store, small_graph):
    result = runner.invoke(app, ["push", "-g", str(small_graph), "--endpoint", fake_store.url, "--user", "kg"])
    assert result.exit_code == 2 and "give both --user and --password" in result.stderr
    fake_store.failure = (503, b"<html><body><p>store is read-only</p></body></html>")
    result = runner.invoke(app, ["push", "-g", str(small_graph), "--endpoint", fake_store.url,
                                 "--default-graph", "urn:kg:default"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == (f"kg: error: pushing urn:kg:default to {fake_store.url}: "
                                     "HTTP 503 Service Unavailable: store is read-only")
