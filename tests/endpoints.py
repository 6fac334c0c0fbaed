"""Shared by the endpoint tests: a queryable in-memory SPARQL store, and kg's read commands compared
between a graph's folder and an endpoint holding the same graph."""

import csv
import io
import urllib.parse
from http.server import ThreadingHTTPServer

import pyoxigraph as ox
from typer.testing import CliRunner

from kg.cli import app
from kg.knowledge import named_queries
from tests.test_push import FakeStore, start_store

runner = CliRunner()
# parameters for the named queries that need them, and others that narrow them to one actor
NAMED_PARAMETERS = {"interactions": ["-p", "a=Russia", "-p", "b=United States"], "posts": ["-p", "of=Russia"]}


class QueryableStore(FakeStore):
    """FakeStore (Graph Store Protocol and SPARQL Update at /store) plus SPARQL queries at /sparql,
    failing as it does (server.user, failure, redirect, trickle), and a web page at /page.
    Its default graph is only the default graph, not the union of all graphs, as in Fuseki."""

    def handle_request(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == "/page":  # a web page where an endpoint was expected
            return self.answer(200, b"<html><body>Welcome</body></html>", {"Content-Type": "text/html"})
        if path != "/sparql":
            return super().handle_request()
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.refused():
            return
        if self.server.trickle:
            return self.trickle(self.server.trickle)
        query = urllib.parse.parse_qs(body.decode())["query"][0]
        try:
            result = self.server.data.query(query)
        except SyntaxError as err:
            return self.answer(400, str(err).encode())
        if isinstance(result, ox.QueryTriples):
            return self.answer(200, result.serialize(format=ox.RdfFormat.N_TRIPLES),
                               {"Content-Type": "application/n-triples"})
        self.answer(200, result.serialize(format=ox.QueryResultsFormat.JSON),
                    {"Content-Type": "application/sparql-results+json"})


def start_queryable_store() -> ThreadingHTTPServer:
    """A QueryableStore on a free loopback port, in a daemon thread: `stop` it when done."""
    server = start_store(QueryableStore)
    server.sparql = server.url.replace("/store", "/sparql")
    return server


def stop(server: ThreadingHTTPServer) -> None:
    server.shutdown()
    server.server_close()


def kg(*args, env=None) -> str:
    result = runner.invoke(app, [str(arg) for arg in args], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _rows(text: str) -> list:
    """CSV rows in order, each cell's ", "-separated parts sorted: rows tied by ORDER BY and the
    parts of a GROUP_CONCAT come in the engine's own order."""
    return sorted(tuple(tuple(sorted(cell.split(", "))) for cell in row) for row in csv.reader(io.StringIO(text)))


def assert_same_as_local(folder, endpoint: str, env=None) -> None:
    """Named queries, cards, an explanation, GraphML (whole and filtered), stats, validation and
    the N-Quads export read from `endpoint` are those read from `folder`."""

    def both(*args):
        return kg(*args, "-g", folder), kg(*args, "--endpoint", endpoint, env=env)

    rows = 0
    for name in named_queries():
        local, remote = both("query", "--named", name, *NAMED_PARAMETERS.get(name, []), "--format", "csv")
        assert _rows(local) == _rows(remote), name
        rows += len(_rows(local)) - 1
    assert rows > 20
    for entity in ("US", "Russia", "NATO"):
        assert len(set(both("show", entity, "--format", "json"))) == 1, entity
    assert len(set(both("explain", "US", "withdraws_from", "INF Treaty", "--format", "json"))) == 1
    for filters in ([], ["--type", "Country", "--since", "2019-01-01"], ["--predicate", "criticizes"]):
        local, remote = both("export", "graphml", *filters)
        assert local == remote and b"<edge" in local.encode(), filters
    assert len(set(both("stats", "--format", "json"))) == 1
    local, remote = both("validate", "--format", "json")
    assert local == remote and '"conforms": true' in local
    local, remote = both("export", "nquads")
    assert sorted(local.splitlines()) == sorted(remote.splitlines())
