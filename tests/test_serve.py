"""Serve: a real SPARQL client against `kg serve` on loopback; hostile requests get clean HTTP errors."""

import json
import multiprocessing
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.client import HTTPConnection

import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import ASK, JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper
from typer.testing import CliRunner

from kg.cli import app
from kg.results import FormatError, acceptable
from kg.serve import SparqlServer, make_server
from tests.conftest import serve_in_thread

LEADERS = "SELECT ?who ?country WHERE { ?who geo:leader_of ?country } ORDER BY ?who"
ENT = "https://geokg.example.org/entity/"
MAX_ROWS = 10  # the example graph has 7 leaders and 17 countries
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@contextmanager
def running(graph, **settings):
    """A server on a free loopback port, serving on a thread until the block ends."""
    server = make_server(graph, "127.0.0.1", 0, **settings)
    thread = serve_in_thread(server)
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def server(example_graph):
    with running(example_graph, timeout=1, max_rows=MAX_ROWS, workers=2) as server:
        yield server


def request(server, method="GET", path="/sparql", params=None, body=None, headers=None):
    """(status, headers, body text) of one raw HTTP request."""
    host, port = server.server_address[:2]
    connection = HTTPConnection(host, port, timeout=30)
    query = f"?{urllib.parse.urlencode(params, doseq=True)}" if params else ""
    connection.request(method, path + query, body=body, headers=headers or {})
    response = connection.getresponse()
    result = response.status, dict(response.getheaders()), response.read().decode()
    connection.close()
    return result


def leaders(server):
    client = SPARQLWrapper(server.url)
    client.setQuery(LEADERS)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    return {(row["who"]["value"], row["country"]["value"]) for row in rows}


def test_select_as_json_and_xml_with_sparqlwrapper(server):
    assert (ENT + "emmanuel_macron", ENT + "france") in leaders(server)
    client = SPARQLWrapper(server.url)
    client.setQuery(LEADERS)
    client.setReturnFormat(XML)
    document = client.query().convert()
    uris = {node.firstChild.data for node in document.getElementsByTagName("uri")}
    assert {ENT + "emmanuel_macron", ENT + "france"} <= uris


@pytest.mark.parametrize("fmt", [JSON, XML])
@pytest.mark.parametrize("method", ["GET", POST, POSTDIRECTLY])
def test_ask_over_get_and_both_posts(server, fmt, method):
    client = SPARQLWrapper(server.url)
    client.setMethod(POST if method == POSTDIRECTLY else method)
    if method == POSTDIRECTLY:
        client.setRequestMethod(POSTDIRECTLY)
    client.setQuery("ASK { ent:finland geo:joins ent:nato }")
    client.setReturnFormat(fmt)
    assert client.queryType == ASK
    result = client.query().convert()
    value = result["boolean"] if fmt == JSON else result.getElementsByTagName("boolean")[0].firstChild.data
    assert value in (True, "true")


def test_construct_as_turtle(server):
    client = SPARQLWrapper(server.url)
    client.setQuery("CONSTRUCT { ?s geo:joins ?o } WHERE { ?s geo:joins ?o }")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert (URIRef(ENT + "finland"), URIRef("https://geokg.example.org/ontology#joins"), URIRef(ENT + "nato")) in graph


@pytest.mark.parametrize("accept, media_type", [
    ("text/csv", "text/csv; charset=utf-8"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ("text/*;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("text/csv;q=0, */*;q=0.1", "application/sparql-results+json"),
    (None, "application/sparql-results+json"),
])
def test_select_by_accept_header(server, accept, media_type):
    status, headers, body = request(server, params={"query": LEADERS}, headers={"Accept": accept} if accept else {})
    assert status == 200 and headers["Content-Type"] == media_type
    assert "Access-Control-Allow-Origin" not in headers  # no web page may read answers unless --cors allows it
    if media_type.startswith("text/csv"):
        assert body.splitlines()[0] == "who,country" and f"{ENT}emmanuel_macron,{ENT}france" in body
    if media_type.startswith("text/tab"):
        assert body.splitlines()[0] == "?who\t?country" and f"<{ENT}emmanuel_macron>\t<{ENT}france>" in body


def test_post_form_with_format_parameter_and_n_triples(server):
    form = urllib.parse.urlencode({"query": "CONSTRUCT WHERE { ?s geo:joins ?o }", "format": "ntriples"})
    status, headers, body = request(server, "POST", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert f"<{ENT}finland> <https://geokg.example.org/ontology#joins> <{ENT}nato> ." in body


def test_long_results_are_cut_and_say_so(server):
    status, headers, body = request(server, params={"query": "SELECT ?s WHERE { ?s a geo:Country }"})
    assert status == 200 and headers["X-Kg-Truncated"] == "true" and headers["X-Kg-Max-Rows"] == str(MAX_ROWS)
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    status, headers, _ = request(server, params={"query": LEADERS})
    assert headers["X-Kg-Truncated"] == "false"


@pytest.mark.parametrize("path", ["/", "/sparql"])
def test_query_page_is_a_self_contained_form(server, path):
    status, headers, body = request(server, path=path)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert '<form method="post" action="/sparql">' in body and "<textarea name=\"query\"" in body
    assert "<select name=\"format\">" in body and "src=" not in body and "href=" not in body


SERVICE = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize("method, path, params, body, headers, status, message", [
    ("POST", "/sparql", None, "query=" + "%20" * 70_000 + "ASK{}", FORM, 413, "the limit is 65,536"),
    ("GET", "/sparql", {"query": "ASK {}" + "#" * 70_000}, None, None, 414, "POST long queries"),
    ("GET", "/sparql", {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, None, None, 403, "INSERT is a SPARQL Update"),
    ("GET", "/sparql", {"query": "LOAD <http://example.org/data.ttl>"}, None, None, 403, "LOAD is a SPARQL Update"),
    ("GET", "/sparql", {"query": SERVICE}, None, None, 403, "SERVICE (federated query) is not allowed"),
    ("POST", "/sparql", None, "update=CLEAR%20ALL", FORM, 403, "SPARQL Update is not allowed"),
    ("POST", "/sparql", None, "DROP ALL", {"Content-Type": "application/sparql-update"}, 403, "SPARQL Update"),
    ("POST", "/sparql", None, "ASK {}", {"Content-Type": "text/plain"}, 415, "application/sparql-query"),
    ("POST", "/sparql", None, b"query=\xff", FORM, 400, "not UTF-8"),
    ("GET", "/sparql", {"query": "SELECT ?x WHERE { ?x"}, None, None, 400, "SPARQL syntax error: error at 1:"),
    ("GET", "/sparql", {"query": ["ASK {}", "ASK {}"]}, None, None, 400, "exactly one query"),
    ("GET", "/sparql", {"query": "ASK {}", "default-graph-uri": "urn:g"}, None, None, 400, "not supported"),
    ("GET", "/sparql", {"query": "ASK {}", "format": "yaml"}, None, None, 400, "unknown format 'yaml'"),
    ("GET", "/sparql", {"query": "ASK {}"}, None, {"Accept": "image/png"}, 406, "allows no result format"),
    ("GET", "/sparql", {"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, None, {"Accept": "text/csv"}, 406,
     "CONSTRUCT/DESCRIBE results are sent as text/turtle"),
    ("GET", "/nowhere", None, None, None, 404, "no such page: /nowhere"),
    ("PUT", "/sparql", None, "x", None, 405, "PUT is not allowed"),
    ("DELETE", "/sparql", None, None, None, 405, "DELETE is not allowed"),
    ("OPTIONS", "/sparql", None, None, None, 405, "OPTIONS is not allowed"),  # no --cors: no preflight
    ("POST", "/", None, "query=ASK%7B%7D", FORM, 405, "POST queries to /sparql"),
    pytest.param("GET", "/sparql", {"query": SLOW}, None, None, 503, "ran longer than the 1 s limit",
                 marks=pytest.mark.slow),
])
def test_hostile_requests_get_a_clean_error_and_the_server_keeps_answering(
        server, method, path, params, body, headers, status, message):
    got_status, got_headers, got_body = request(server, method, path, params, body, headers)
    assert got_status == status and message in got_body
    assert got_headers["Content-Type"] == "text/plain; charset=utf-8" and got_body.count("\n") == 1
    assert got_headers["X-Content-Type-Options"] == "nosniff"
    assert (ENT + "emmanuel_macron", ENT + "france") in leaders(server)


@pytest.mark.slow
def test_a_late_query_kills_its_worker_and_a_new_one_takes_its_place(server):
    before = {process.pid for process in multiprocessing.active_children()}
    assert request(server, params={"query": SLOW})[0] == 503
    after = {process.pid for process in multiprocessing.active_children()}
    assert len(before) == len(after) == 2 + 1 and len(before - after) == 1  # the 2 workers and a standby


@pytest.mark.slow
def test_slow_query_through_sparqlwrapper_is_an_error_not_a_hang(server):
    client = SPARQLWrapper(server.url)
    client.setQuery(SLOW)
    client.setReturnFormat(JSON)
    with pytest.raises(urllib.error.HTTPError) as error:
        client.query()
    assert error.value.code == 503
    assert (ENT + "emmanuel_macron", ENT + "france") in leaders(server)


@pytest.mark.parametrize("accept, formats, expected", [
    ("*/*", [], "application/sparql-results+json"),
    ("text/turtle, */*;q=0.1", [], "text/turtle"),
    ("application/*", [], "application/sparql-results+json"),
    ("application/json", [], "application/json"),
    ("text/csv;q=1.0, text/csv;q=0", [], "text/csv"),
    ("text/csv", ["xml"], "application/sparql-results+xml"),
    ("", ["", "text/tab-separated-values"], "text/tab-separated-values"),
])
def test_negotiation_best_first(accept, formats, expected):
    assert acceptable(accept, formats)[0].name == expected


def test_negotiation_refusals():
    assert acceptable("image/png, text/csv;q=0") == ()
    assert "application/rdf+xml" in [m.name for m in acceptable(None, ["xml"])]
    with pytest.raises(FormatError, match="unknown format 'yaml'"):
        acceptable("*/*", ["yaml"])


def test_serve_without_a_graph_with_bad_limits_or_on_a_busy_port_is_one_line(tmp_path, example_graph, server):
    runner = CliRunner()
    result = runner.invoke(app, ["serve", "-g", str(tmp_path / "none")])
    assert result.exit_code == 2 and result.stderr.startswith("kg: error: no graph in")
    result = runner.invoke(app, ["serve", "-g", str(example_graph), "--timeout", "0"])
    assert result.exit_code == 2
    assert result.stderr == "kg: error: --timeout must be positive, --max-rows and --workers at least 1\n"
    result = runner.invoke(app, ["serve", "-g", str(example_graph), "--port", str(server.server_address[1])])
    assert result.exit_code == 2 and result.stderr.startswith("kg: error: cannot listen on 127.0.0.1:")


@pytest.mark.slow
def test_kg_serve_prints_its_url_and_stops_cleanly_on_ctrl_c(example_graph):
    # the default SIGINT handler, even when the test runner was started with SIGINT ignored
    command = "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); from kg.cli import app; app()"
    process = subprocess.Popen([sys.executable, "-c", command, "serve", "-g", str(example_graph), "--port", "0"],
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        first = process.stderr.readline()
        assert first.startswith(f"serving {example_graph} at http://127.0.0.1:")
        url = first.split(" at ")[1].split()[0]
        with urllib.request.urlopen(url + "?" + urllib.parse.urlencode({"query": "ASK {}"})) as response:
            assert json.load(response)["boolean"] is True
        process.send_signal(signal.SIGINT)
        rest = process.communicate(timeout=30)[1]
    finally:
        process.kill()
    assert process.returncode == 0 and rest.endswith("kg: stopped\n") and "Traceback" not in rest


def test_a_server_not_yet_given_query_workers_refuses_with_503():
    # make_server attaches the workers before it returns; a SparqlServer made directly has none
    server = SparqlServer(("127.0.0.1", 0), b"page")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        status, _, body = request(server, params={"query": "ASK {}"})
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert status == 503 and "no query workers" in body
