"""kg push into a real Virtuoso (Debian's virtuoso-opensource), started on loopback by the test."""

import glob
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.knowledge import namespaces
from kg.store import GraphStore
from tests.endpoints import assert_same_as_local

VIRTUOSO = shutil.which("virtuoso-t") or next(iter(sorted(glob.glob("/usr/lib/virtuoso-opensource-*/bin/virtuoso-t"))), None)
pytestmark = [pytest.mark.model, pytest.mark.skipif(
    VIRTUOSO is None, reason="virtuoso-t is not installed (apt-get install virtuoso-opensource; .ci/run does it)")]

# a fresh database in the test's folder; its administrator is dba/dba, who may write through the
# digest-authenticated endpoints /sparql-graph-crud-auth (GSP) and /sparql-auth (SPARQL Update)
INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {folder}
NumberOfBuffers = 2000
MaxDirtyBuffers = 1500
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4
"""
DBA = {"KG_PUSH_USER": "dba", "KG_PUSH_PASSWORD": "dba"}
DEFAULT_GRAPH = "urn:kg:default"  # Virtuoso has no writable default graph: ours goes here
STARTUP_SECONDS = 60

runner = CliRunner()
GEO = namespaces().prefixes()["geo"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sparql(server: str, query: str) -> dict:
    url = f"{server}/sparql?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def wait_until_up(process: subprocess.Popen, server: str, log) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"virtuoso-t exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            sparql(server, "ASK {}")
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    pytest.fail(f"virtuoso-t did not answer within {STARTUP_SECONDS} s: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """The base URL of a Virtuoso of our own on loopback, stopped after the module's tests."""
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    (folder / "virtuoso.ini").write_text(INI.format(folder=folder, sql_port=free_port(), http_port=http_port))
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                                   cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    server = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_up(process, server, log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def local_counts(folder) -> dict[str, int]:
    """Triples per graph, named as on the server."""
    with GraphStore.open(folder) as store:
        graphs = [ox.DefaultGraph(), *store.oxigraph.named_graphs()]
        return {DEFAULT_GRAPH if isinstance(g, ox.DefaultGraph) else g.value:
                len(list(store.oxigraph.quads_for_pattern(None, None, None, g))) for g in graphs}


def remote_counts(server: str, graphs) -> dict[str, int]:
    values = " ".join(f"<{g}>" for g in graphs)
    rows = sparql(server, f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g")
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows["results"]["bindings"]}


def push(graph, endpoint, *options):
    return runner.invoke(app, ["push", "-g", str(graph), "--endpoint", endpoint, *options], env=DBA)


def test_push_example_graph_into_virtuoso(virtuoso, example_graph):
    expected = local_counts(example_graph)
    assert len(expected) >= 7  # default graph, five documents, ontology
    for endpoint, protocol in [("sparql-graph-crud-auth", "gsp"), ("sparql-graph-crud-auth", "gsp"),
                               ("sparql-auth", "update")]:
        result = push(example_graph, f"{virtuoso}/{endpoint}", "--protocol", protocol,
                      "--default-graph", DEFAULT_GRAPH, "--batch-size", "500")
        assert result.exit_code == 0, result.stderr
        assert f"pushed {len(expected)} graphs, {sum(expected.values()):,} triples" in result.stderr
        assert remote_counts(virtuoso, expected) == expected  # the same after pushing again
    with GraphStore.open(example_graph) as store:
        us, inf = store.iris.entity("united_states"), store.iris.entity("inf_treaty")
    rows = sparql(virtuoso, f"SELECT ?o WHERE {{ GRAPH <{DEFAULT_GRAPH}> {{ {us} <{GEO}withdraws_from> ?o }} }}")
    assert inf.value in {row["o"]["value"] for row in rows["results"]["bindings"]}

def test_virtuoso_refusals_are_one_line_errors(virtuoso, example_graph):
    result = push(example_graph, f"{virtuoso}/sparql-graph-crud-auth")
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "HTTP 500" in result.stderr and "not configured to have default graph" in result.stderr
    assert "--default-graph IRI" in result.stderr
    wrong = runner.invoke(app, ["push", "-g", str(example_graph), "--endpoint", f"{virtuoso}/sparql-auth",
                                "--protocol", "update", "--default-graph", DEFAULT_GRAPH],
                          env={"KG_PUSH_USER": "dba", "KG_PUSH_PASSWORD": "wrong"})
    assert wrong.exit_code == 2 and "HTTP 401" in wrong.stderr


def test_kg_commands_read_the_pushed_graph_from_virtuoso(virtuoso, example_graph):
    """What `kg push` wrote is read back through Virtuoso's SPARQL endpoint as from the folder;
    its default graph is the union of its graphs, so it holds the one pushed to DEFAULT_GRAPH."""
    result = push(example_graph, f"{virtuoso}/sparql-graph-crud-auth", "--default-graph", DEFAULT_GRAPH)
    assert result.exit_code == 0, result.stderr
    assert_same_as_local(example_graph, f"{virtuoso}/sparql")
    # the digest-authenticated endpoint, with the push command's credentials
    assert_same_as_local(example_graph, f"{virtuoso}/sparql-auth", env=DBA)
    refused = runner.invoke(app, ["stats", "--endpoint", f"{virtuoso}/sparql-auth"],
                            env={"KG_PUSH_USER": "dba", "KG_PUSH_PASSWORD": "wrong"})
    assert refused.exit_code == 2 and "HTTP 401" in refused.stderr and len(refused.stderr.splitlines()) == 1
