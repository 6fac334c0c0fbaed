"""kg push: request building, a pyoxigraph-backed fake store on loopback, errors (no model needed)."""

import socket
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.push import Credentials, PushError, batches, graph_store_requests, push, update_requests
from kg.push_http import server_message
from kg.store import GraphStore
from tests.conftest import serve_in_thread

ENT = "https://geokg.example.org/entity/"
DOC = ox.NamedNode("https://geokg.example.org/doc/d1")
LINES = [f"<urn:s{i}> <urn:p> <urn:o> .".encode() for i in range(5)]


class FakeStore(BaseHTTPRequestHandler):
    """A SPARQL 1.1 store in memory: GSP GET/PUT/POST on ?graph=IRI or ?default, SPARQL Update via
    update=, queries via query=; and the ways a store can fail (server.failure, redirect, drop,
    trickle)."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_request()

    def do_PUT(self):
        self.handle_request()

    def do_POST(self):
        self.handle_request()

    def handle_request(self):
        server = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server.requests.append((self.command, self.path, self.headers.get("Content-Type"), body))
        if self.refused():
            return
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
        graph = ox.NamedNode(params["graph"][0]) if "graph" in params else ox.DefaultGraph()
        form = urllib.parse.parse_qs(body.decode()) if self.command == "POST" else {}
        if "query" in form:
            result = server.data.query(form["query"][0]).serialize(format=ox.QueryResultsFormat.JSON)
            return self.answer(200, result, {"Content-Type": "application/sparql-results+json"})
        if self.command == "GET":
            dump = server.data.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            return self.answer(200, dump, {"Content-Type": "application/n-triples"})
        if server.drop:  # answers as if it took the data
            return self.answer(200, b"")
        if "update" in form:
            server.data.update(form["update"][0])
        else:
            if self.command == "PUT":
                server.data.clear_graph(graph)
            server.data.load(body, format=ox.RdfFormat.TURTLE, to_graph=graph)
        if server.trickle:
            return self.trickle(server.trickle)
        self.answer(200, b"")

    def refused(self) -> bool:
        """Whether the request got a failing store's answer: no credentials, server.failure, a redirect."""
        server = self.server
        if server.user and self.headers.get("Authorization") != server.user:
            self.answer(401, b"Unauthorized\n", {"WWW-Authenticate": 'Basic realm="kg"'})
        elif server.failure:
            self.answer(*server.failure)
        elif server.redirect and self.command != "GET":
            self.answer(302, b"", {"Location": server.redirect})
        else:
            return False
        return True

    def trickle(self, seconds_per_byte: float):
        self.send_response(200)
        self.send_header("Content-Length", "20")
        self.end_headers()
        for _ in range(20):
            if not self.write(b"."):
                return
            time.sleep(seconds_per_byte)

    def write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except (BrokenPipeError, ConnectionResetError):  # the client hung up: as it should
            return False

    def answer(self, status, body, headers=None):
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.write(body)


def start_store(handler: type[FakeStore] = FakeStore) -> ThreadingHTTPServer:
    """A store of `handler`'s on a free loopback port (at /store), in a daemon thread, answering
    as it should until a test sets its ways to fail; shut it down when done."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.data, server.requests, server.user, server.failure = ox.Store(), [], None, None
    server.redirect, server.drop, server.trickle = None, False, 0.0
    server.url = f"http://127.0.0.1:{server.server_address[1]}/store"
    serve_in_thread(server)
    return server


@pytest.fixture
def fake_store():
    server = start_store()
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
    assert {m for m, *_ in fake_store.requests} == {"POST", "GET"}  # merging never PUTs; GET counts


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
    with GraphStore.open(small_graph) as store, pytest.raises(PushError) as err:
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


def _cli_push(fake_store, small_graph, *args, env=None, home=None, endpoint=None):
    # HOME points at a folder of the test's: no ~/.netrc of the machine's takes part
    env = {"HOME": str(home or small_graph.parent), "KG_PUSH_USER": None, "KG_PUSH_PASSWORD": None} | (env or {})
    return runner.invoke(app, ["push", "-g", str(small_graph), "--endpoint", endpoint or fake_store.url, *args], env=env)


def test_cli_push_reports_on_stderr(fake_store, small_graph):
    fake_store.user = "Basic a2c6c2VjcmV0"
    result = _cli_push(fake_store, small_graph, "--protocol", "update",
                       env={"KG_PUSH_USER": "kg", "KG_PUSH_PASSWORD": "secret"})
    assert result.exit_code == 0 and result.stdout == ""
    total = len(local_quads(small_graph))
    assert result.stderr == (f"pushed 3 graphs, {total:,} triples to {fake_store.url} "
                             f"(update; each graph's triples counted on the store)\n")
    assert set(fake_store.data) == local_quads(small_graph)


def test_cli_push_errors(fake_store, small_graph):
    fake_store.failure = (503, b"<html><body><p>store is read-only</p></body></html>")
    result = _cli_push(fake_store, small_graph, "--default-graph", "urn:kg:default")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == (f"kg: error: pushing urn:kg:default to {fake_store.url}: "
                                     "HTTP 503 Service Unavailable: store is read-only")
    for timeout in ("0", "-1", "nan", "inf"):
        result = _cli_push(fake_store, small_graph, "--timeout", timeout)
        assert result.exit_code == 2 and "--timeout must be a number of seconds above 0" in result.stderr


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_a_redirect_is_an_error_not_a_success(fake_store, small_graph, protocol):
    # urllib followed a 302 to a POST with a GET, which dropped the data, and the GET answered 200
    fake_store.redirect = fake_store.url.replace("/store", "/moved")
    result = _cli_push(fake_store, small_graph, "--protocol", protocol)
    assert result.exit_code == 2 and "pushed" not in result.stderr
    assert result.stderr == (f"kg: error: pushing the default graph to {fake_store.url}: HTTP 302 Found: the store "
                             f"redirects to {fake_store.redirect}; use the address it names (kg does not "
                             "follow redirects, which can drop the data)\n")
    assert {method for method, *_ in fake_store.requests} == {"PUT" if protocol == "gsp" else "POST"}


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_a_store_that_answers_200_but_keeps_nothing_is_caught_by_the_count(fake_store, small_graph, protocol):
    fake_store.drop = True
    with GraphStore.open(small_graph) as store:
        with pytest.raises(PushError, match=r"^checking the default graph on .*: the store holds 0 triples there "
                                            r"after the push, not 2; the data did not arrive as sent$"):
            push(store, fake_store.url, protocol=protocol)
        push(store, fake_store.url, protocol=protocol, verify=False)  # what kg did before: success


def test_a_store_that_keeps_old_triples_when_replacing_is_caught(fake_store, small_graph):
    stale = ox.Quad(ox.NamedNode("urn:stale"), ox.NamedNode("urn:p"), ox.Literal("x"), DOC)
    with GraphStore.open(small_graph) as store:
        push(store, fake_store.url)
        fake_store.data.add(stale)
        fake_store.drop = True  # takes nothing, drops nothing: the stale triple stays
        with pytest.raises(PushError, match=r"holds 2 triples there after the push, not 1"):
            push(store, fake_store.url)
        push(store, fake_store.url, replace=False)  # merging: more than was sent is fine


@pytest.mark.slow
def test_a_trickling_answer_is_cut_at_one_deadline(fake_store, small_graph):
    fake_store.trickle = 0.3  # 20 bytes, one every 0.3 s: each read is in time, the whole is not
    with (GraphStore.open(small_graph) as store,
          pytest.raises(PushError, match=r"^pushing the default graph to .*: no complete answer within 1 s$")):
        push(store, fake_store.url, timeout=1)


def test_a_long_error_answer_is_read_only_in_part(fake_store, small_graph):
    fake_store.failure = (500, b"x" * 10_000_000)
    with GraphStore.open(small_graph) as store, pytest.raises(PushError) as err:
        push(store, fake_store.url)
    assert str(err.value).startswith("pushing the default graph") and len(str(err.value)) < 500


def test_credentials_in_the_url_are_used_and_never_shown(fake_store, small_graph):
    fake_store.user = "Basic a2c6c2VjcmV0"  # kg:secret
    with_secret = fake_store.url.replace("http://", "http://kg:secret@")
    result = _cli_push(fake_store, small_graph, endpoint=with_secret)
    assert result.exit_code == 0 and f"triples to {fake_store.url} (gsp;" in result.stderr
    assert "secret" not in result.stderr + result.stdout
    wrong = _cli_push(fake_store, small_graph, endpoint=fake_store.url.replace("http://", "http://kg:s3cr3t@"))
    assert wrong.exit_code == 2 and "HTTP 401" in wrong.stderr and "s3cr3t" not in wrong.stderr
    fake_store.redirect = fake_store.url.replace("http://", "http://kg:s3cr3t@") + "/moved"
    moved = _cli_push(fake_store, small_graph, endpoint=with_secret)
    assert moved.exit_code == 2 and "redirects to http://127.0.0.1" in moved.stderr and "s3cr3t" not in moved.stderr


def test_passwords_come_from_the_environment_or_netrc_never_the_command_line(fake_store, small_graph, tmp_path):
    fake_store.user = "Basic a2c6c2VjcmV0"  # kg:secret
    refused = _cli_push(fake_store, small_graph, "--user", "kg", "--password", "secret")
    assert refused.exit_code == 2 and "KG_PUSH_PASSWORD" in refused.stderr and not fake_store.requests
    asked = _cli_push(fake_store, small_graph, "--user", "kg")
    assert asked.exit_code == 2 and "no password for kg: set KG_PUSH_PASSWORD or put it in ~/.netrc" in asked.stderr
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login kg password secret\n")
    netrc.chmod(0o600)
    for args in ((), ("--user", "kg")):
        result = _cli_push(fake_store, small_graph, *args, home=tmp_path)
        assert result.exit_code == 0, result.stderr
    from_env = _cli_push(fake_store, small_graph, "--user", "kg", env={"KG_PUSH_PASSWORD": "secret"})
    assert from_env.exit_code == 0 and "secret" not in from_env.stderr
