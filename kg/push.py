"""Push stage: the built graph loaded into an external SPARQL 1.1 store (Graph Store Protocol or
SPARQL Update), each graph's triple count checked on the store afterwards."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.credentials import Credentials
from kg.oxio import in_memory
from kg.push_http import Client, PushError
from kg.sparql import Sparql, bind
from kg.store import GraphStore

PROTOCOLS = ("gsp", "update")
DEFAULT_BATCH_SIZE = 2000  # triples per request: stores cap request bodies and SPARQL texts
_TURTLE = "text/turtle"  # the bodies are N-Triples, a subset of Turtle, which every graph store reads
_FORM = "application/x-www-form-urlencoded"
_RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_RESULTS_ACCEPT = "application/sparql-results+json"
# a graph of the local store, as pyoxigraph names it (kg writes no blank-node graphs, but a store may hold them)
GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


@dataclass(frozen=True)
class Request:
    """One HTTP request of a push."""
    method: str
    url: str
    content_type: str
    body: bytes
    triples: int  # how many of the graph's triples this request carries


@dataclass(frozen=True)
class PushedGraph:
    source: str  # the local graph's IRI, "" for the default graph
    target: str  # the graph's IRI on the server, "" for the server's default graph
    triples: int


@dataclass(frozen=True)
class PushReport:
    endpoint: str  # without the credentials the URL may have held
    protocol: str
    graphs: tuple[PushedGraph, ...]
    verified: bool  # each graph's triples were counted on the store

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)


def batches(lines: list[bytes], size: int) -> list[list[bytes]]:
    """N-Triples lines in requests of at most `size` triples; a graph with blank nodes goes whole,
    because a blank node label means one node only within one request (a literal holding "_:"
    only costs one larger request)."""
    if size < 1:
        raise PushError(f"batch size must be at least 1, not {size}")
    if any(b"_:" in line for line in lines) or not lines:
        return [lines]
    return [lines[i:i + size] for i in range(0, len(lines), size)]


def ntriples(batch: list[bytes]) -> bytes:
    return b"".join(line + b"\n" for line in batch)


def _graph_url(endpoint: str, target: str) -> str:
    query = urllib.parse.urlencode({"graph": target}) if target else "default"
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def graph_store_requests(endpoint: str, target: str, lines: list[bytes], *, replace: bool,
                         batch_size: int) -> list[Request]:
    """Graph Store Protocol: PUT the first batch (replacing the graph), POST (append) the others."""
    url = _graph_url(endpoint, target)
    return [Request("PUT" if replace and i == 0 else "POST", url, _TURTLE, ntriples(batch), len(batch))
            for i, batch in enumerate(batches(lines, batch_size))]


def update_requests(endpoint: str, target: str, lines: list[bytes], *, replace: bool,
                    batch_size: int) -> list[Request]:
    """SPARQL Update: INSERT DATA per batch, the first one preceded by DROP SILENT when replacing."""
    graph = bind("GRAPH $target", target=ox.NamedNode(target)) if target else Sparql("DEFAULT")
    requests = []
    for i, batch in enumerate(batches(lines, batch_size)):
        data = Sparql(ntriples(batch).decode())
        text = (bind("INSERT DATA { $graph {\n$data} }", graph=graph, data=data) if target
                else bind("INSERT DATA {\n$data}", data=data))
        if replace and i == 0:
            text = bind("DROP SILENT $graph ;\n$insert", graph=graph, insert=text)
        body = urllib.parse.urlencode({"update": text}).encode()
        requests.append(Request("POST", endpoint, _FORM, body, len(batch)))
    return requests


def graph_lines(store: GraphStore, graph: GraphName) -> list[bytes]:
    dump = in_memory(store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph))
    return [line for line in dump.split(b"\n") if line]  # N-Triples escapes newlines inside literals


def remote_count(client: Client, protocol: str, endpoint: str, target: str, what: str, limit: int) -> int:
    """How many triples the store holds in `target` ("" its default graph): the graph read back
    (Graph Store Protocol GET, at most `limit` bytes), or counted by a SPARQL query."""
    if protocol == "gsp":
        headers, body = client.request("GET", _graph_url(endpoint, target), what, headers={"Accept": _RDF_ACCEPT},
                                       limit=limit)
        try:
            media = headers.get_content_type() if "Content-Type" in headers else ""
            fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.TURTLE
            return sum(1 for _ in ox.parse(body, format=fmt))
        except (SyntaxError, ValueError) as err:
            raise PushError(f"{what}: cannot read the store's copy of the graph ({str(err).splitlines()[0]})") from None
    pattern = bind("GRAPH $target { ?s ?p ?o }", target=ox.NamedNode(target)) if target else Sparql("?s ?p ?o")
    count = bind("SELECT (COUNT(*) AS ?n) WHERE { $pattern }", pattern=pattern)
    form = urllib.parse.urlencode({"query": count}).encode()
    _, body = client.request("POST", endpoint, what, body=form, limit=64 * 1024,
                             headers={"Content-Type": _FORM, "Accept": _RESULTS_ACCEPT})
    try:
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    except (ValueError, KeyError, IndexError, TypeError):
        raise PushError(f"{what}: the store's answer to a triple count is not a SPARQL JSON count") from None


def targets(store: GraphStore, default_graph: str | None) -> list[tuple[GraphName, str]]:
    """Every local graph with its name on the server: named graphs keep their IRI; the default graph
    goes to the server's default graph, or to `default_graph` where that one is not writable."""
    named = sorted(store.oxigraph.named_graphs(), key=lambda g: g.value)
    if default_graph is not None:
        try:
            ox.NamedNode(default_graph)
        except ValueError:
            raise PushError(f"default graph {default_graph!r} is not an absolute IRI") from None
        if default_graph in {g.value for g in named}:
            raise PushError(f"default graph {default_graph} is already a named graph of the local store")
    return [(ox.DefaultGraph(), default_graph or ""), *((g, g.value) for g in named)]


def _check_count(client: Client, protocol: str, endpoint: str, target: str, lines: list[bytes], exact: bool) -> None:
    what = f"checking {target or 'the default graph'} on {endpoint}"
    sent = sum(len(line) + 1 for line in lines)
    held = remote_count(client, protocol, endpoint, target, what, limit=8 * sent + (1 << 20))
    if held < len(lines) or (exact and held != len(lines)):
        raise PushError(f"{what}: the store holds {held:,} triples there after the push, not {len(lines):,}; "
                        f"the data did not arrive as sent")


def push(store: GraphStore, endpoint: str, *, protocol: str = "gsp", default_graph: str | None = None,
         replace: bool = True, credentials: Credentials | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
         timeout: float = 60.0, verify: bool = True, progress: Callable[[int, int], None] | None = None) -> PushReport:
    """Send every graph of the store (default graph, one per document, ontology) to `endpoint`,
    keeping graph names. With `replace` each target graph is emptied first, so pushing twice
    leaves the store as after one push; without it triples are added to what is there.

    Credentials may also be in the endpoint URL ("http://user:password@host/..."); messages and
    the report show it without them. Each request has `timeout` seconds in all. With `verify`,
    each graph's triples are counted on the store once it is sent: as many as were sent (at least
    as many when merging, or in the store's default graph, which some stores make the union of
    all graphs), or the push fails."""
    if protocol not in PROTOCOLS:
        raise PushError(f"unknown protocol {protocol!r}; choose one of {', '.join(PROTOCOLS)}")
    client = Client(endpoint, credentials, timeout)
    endpoint = client.endpoint
    build = graph_store_requests if protocol == "gsp" else update_requests
    plan = [(graph, target, graph_lines(store, graph)) for graph, target in targets(store, default_graph)]
    total, done = sum(len(lines) for _, _, lines in plan), 0
    pushed = []
    for graph, target, lines in plan:
        what = f"pushing {target or 'the default graph'} to {endpoint}"
        for request in build(endpoint, target, lines, replace=replace, batch_size=batch_size):
            try:
                client.request(request.method, request.url, what, body=request.body,
                               headers={"Content-Type": request.content_type})
            except PushError as err:
                if target or err.status in {None, 401} or err.status < 400:  # no refusal of the graph
                    raise
                raise PushError(f"{err} (if the store's default graph is not writable, as in Virtuoso, "
                                f"name a graph for it: --default-graph IRI)") from None
            done += request.triples
            if progress is not None:
                progress(done, total)
        if verify:
            _check_count(client, protocol, endpoint, target, lines, exact=replace and bool(target))
        source = graph.value if isinstance(graph, ox.NamedNode) else ""
        pushed.append(PushedGraph(source, target, len(lines)))
    return PushReport(endpoint, protocol, tuple(pushed), verify)
