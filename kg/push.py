"""Push stage: the built graph loaded into an external SPARQL 1.1 store (Graph Store Protocol or SPARQL Update)."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus

import pyoxigraph as ox

from kg.errors import KgError
from kg.store import GraphStore

PROTOCOLS = ("gsp", "update")
DEFAULT_BATCH_SIZE = 2000  # triples per request: stores cap request bodies and SPARQL texts
_TURTLE = "text/turtle"  # the bodies are N-Triples, a subset of Turtle, which every graph store reads
_FORM = "application/x-www-form-urlencoded"
_HTML_HEAD = re.compile(r"<head\b.*?</head>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")


class PushError(KgError):
    """The remote store refused the data, or could not be reached."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status  # the HTTP status of a refusal


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str


def credentials(user: str | None, password: str | None) -> Credentials | None:
    """Credentials from a user and a password given together (`--user`/`--password`, or
    KG_PUSH_USER/KG_PUSH_PASSWORD), or none."""
    if (user is None) != (password is None):
        raise PushError("give both --user and --password (or KG_PUSH_USER and KG_PUSH_PASSWORD), or neither")
    return Credentials(user, password) if user is not None else None


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
    endpoint: str
    protocol: str
    graphs: tuple[PushedGraph, ...]

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


def graph_store_requests(endpoint: str, target: str, lines: list[bytes], *, replace: bool,
                         batch_size: int) -> list[Request]:
    """Graph Store Protocol: PUT the first batch (replacing the graph), POST (append) the others."""
    query = urllib.parse.urlencode({"graph": target}) if target else "default"
    url = f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
    return [Request("PUT" if replace and i == 0 else "POST", url, _TURTLE, ntriples(batch), len(batch))
            for i, batch in enumerate(batches(lines, batch_size))]


def update_requests(endpoint: str, target: str, lines: list[bytes], *, replace: bool,
                    batch_size: int) -> list[Request]:
    """SPARQL Update: INSERT DATA per batch, the first one preceded by DROP SILENT when replacing."""
    graph = f"GRAPH <{target}>" if target else "DEFAULT"
    requests = []
    for i, batch in enumerate(batches(lines, batch_size)):
        data = ntriples(batch).decode()
        text = f"INSERT DATA {{ GRAPH <{target}> {{\n{data}}} }}" if target else f"INSERT DATA {{\n{data}}}"
        if replace and i == 0:
            text = f"DROP SILENT {graph} ;\n{text}"
        body = urllib.parse.urlencode({"update": text}).encode()
        requests.append(Request("POST", endpoint, _FORM, body, len(batch)))
    return requests


def graph_lines(store: GraphStore, graph: ox.NamedNode | ox.DefaultGraph) -> list[bytes]:
    dump = store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    return [line for line in dump.split(b"\n") if line]  # N-Triples escapes newlines inside literals


def server_message(body: bytes) -> str:
    """The first line of an error response's text (an HTML page's body without its tags)."""
    text = body.decode("utf-8", errors="replace")
    if "<html" not in text[:500].lower():
        return next((line.strip() for line in text.splitlines() if line.strip()), "")
    text = html.unescape(_TAGS.sub("\n", _HTML_HEAD.sub("", text)))
    lines = [line.strip() for line in text.splitlines()]
    # error pages put the status, a code and the message on lines of their own
    return ": ".join(line for line in lines if line and not line.startswith("HTTP/"))[:300]


def opener(credentials: Credentials | None, endpoint: str) -> urllib.request.OpenerDirector:
    if credentials is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, endpoint, credentials.user, credentials.password)
    # the server's challenge picks the scheme: Virtuoso asks for Digest, most others for Basic
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


def status_phrase(code: int, reason: str) -> str:
    """The standard phrase: urllib reports its own reasons ("digest auth failed") for some codes."""
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return reason


def send(client: urllib.request.OpenerDirector, request: Request, timeout: float, what: str,
         accept: str | None = None) -> tuple[Message, bytes]:
    """The answer's headers and body; a refusal or a failure is a PushError saying `what` failed."""
    http = urllib.request.Request(request.url, data=request.body, method=request.method,
                                  headers={"Content-Type": request.content_type})
    if accept:
        http.add_header("Accept", accept)
    try:
        with client.open(http, timeout=timeout) as response:
            return response.headers, response.read()
    except urllib.error.HTTPError as err:
        phrase = status_phrase(err.code, str(err.reason))
        detail = server_message(err.read() if err.fp else b"") or str(err.reason)
        message = f"{what}: HTTP {err.code} {phrase}" + (f": {detail}" if detail != phrase else "")
        raise PushError(message, err.code) from None
    except urllib.error.URLError as err:
        raise PushError(f"{what}: cannot reach the store: {getattr(err.reason, 'strerror', None) or err.reason}") from None
    except TimeoutError:
        raise PushError(f"{what}: no answer within {timeout:g} s") from None
    except OSError as err:
        raise PushError(f"{what}: connection failed: {err.strerror or err}") from None
    except ValueError as err:  # urllib's answer to an authentication scheme it does not speak
        raise PushError(f"{what}: {err}") from None


def check_endpoint(endpoint: str) -> None:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise PushError(f"endpoint {endpoint!r} is not an http(s) URL")


def targets(store: GraphStore, default_graph: str | None) -> list[tuple[ox.NamedNode | ox.DefaultGraph, str]]:
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


def push(store: GraphStore, endpoint: str, *, protocol: str = "gsp", default_graph: str | None = None,
         replace: bool = True, credentials: Credentials | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
         timeout: float = 60.0, progress: Callable[[int, int], None] | None = None) -> PushReport:
    """Send every graph of the store (default graph, one per document, ontology) to `endpoint`,
    keeping graph names. With `replace` each target graph is emptied first, so pushing twice
    leaves the store as after one push; without it triples are added to what is there."""
    if protocol not in PROTOCOLS:
        raise PushError(f"unknown protocol {protocol!r}; choose one of {', '.join(PROTOCOLS)}")
    check_endpoint(endpoint)
    build = graph_store_requests if protocol == "gsp" else update_requests
    plan = [(graph, target, graph_lines(store, graph)) for graph, target in targets(store, default_graph)]
    total, done = sum(len(lines) for _, _, lines in plan), 0
    client = opener(credentials, endpoint)
    pushed = []
    for graph, target, lines in plan:
        what = f"pushing {target or 'the default graph'} to {endpoint}"
        for request in build(endpoint, target, lines, replace=replace, batch_size=batch_size):
            try:
                send(client, request, timeout, what)
            except PushError as err:
                if target or err.status in {None, 401}:
                    raise
                raise PushError(f"{err} (if the store's default graph is not writable, as in Virtuoso, "
                                f"name a graph for it: --default-graph IRI)") from None
            done += request.triples
            if progress is not None:
                progress(done, total)
        source = graph.value if isinstance(graph, ox.NamedNode) else ""
        pushed.append(PushedGraph(source, target, len(lines)))
    return PushReport(endpoint, protocol, tuple(pushed))
