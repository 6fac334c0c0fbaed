"""Serve stage: a read-only SPARQL 1.1 Protocol endpoint over a built graph (HTTP, limits, query page)."""

from __future__ import annotations

import html
import socket
import sys
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from urllib.parse import parse_qs, urlsplit

from kg import __version__
from kg.errors import KgError
from kg.query import QueryError, check_read_only
from kg.query_workers import Answer, Job, QueryPool, refusal
from kg.results import FormatError, acceptable
from kg.store import GraphStore

ENDPOINT = "/sparql"
MAX_QUERY_BYTES = 64 * 1024  # POST bodies; http.server refuses request lines (GET queries) over 64 KiB with 414
_DRAIN_LIMIT = 1024 * 1024  # a refused body up to this size is read first, so the client sees the refusal
_LOG_LINE = 300  # characters: a logged request line quotes the query
_FORM = "application/x-www-form-urlencoded"
_CORS = {"Access-Control-Allow-Origin": "*",
         "Access-Control-Expose-Headers": "X-Kg-Max-Rows, X-Kg-Truncated"}
_PAGE_SECURITY = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"}


class ServeError(KgError):
    """The endpoint cannot start: bad limits, or the address cannot be listened on."""


class _Refused(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.answer = refusal(status, message)
        self.headers = headers or {}


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    pool: QueryPool | None = None  # attached once the socket is bound: a busy port fails before workers start

    def __init__(self, address: tuple[str, int], page: bytes, log: Callable[[str], None] | None):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.page, self.log = page, log
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}{ENDPOINT}"

    def handle_error(self, request, client_address) -> None:
        # a client that hangs up mid-answer is its own problem: one log line, no traceback
        if self.log:
            self.log(f"{client_address[0]}: connection failed: {sys.exc_info()[1]!r}")

    def server_close(self) -> None:
        super().server_close()
        if self.pool is not None:
            self.pool.close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = f"kg-sparql/{__version__}"
    timeout = 30  # a client that stalls mid-request loses its connection instead of holding a thread

    def log_message(self, format: str, *args) -> None:
        if self.server.log:
            self.server.log(f"{self.address_string()} {format % args}"[:_LOG_LINE])

    def _send(self, answer: Answer, headers: dict[str, str]) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.media_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.body)

    def _respond(self) -> None:
        try:
            answer, headers = self._route()
        except _Refused as refused:
            answer, headers = refused.answer, {**_CORS, **refused.headers}
        self._send(answer, headers)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _respond

    def _route(self) -> tuple[Answer, dict[str, str]]:
        if self.command not in {"GET", "POST"}:
            raise _Refused(405, f"{self.command} is not allowed; the endpoint is read-only", {"Allow": "GET, POST"})
        post = self.command == "POST"
        url = urlsplit(self.path)
        if url.path == "/" and not post:
            return self._page()
        if url.path == "/":
            raise _Refused(405, "POST queries to /sparql", {"Allow": "GET"})
        if url.path != ENDPOINT:
            raise _Refused(404, f"no such page: {url.path}; the endpoint is {ENDPOINT}")
        params = parse_qs(url.query, keep_blank_values=True)
        if post:
            params = self._post_params(params)
        elif "query" not in params and "update" not in params:
            return self._page()
        return self._query(params)

    def do_OPTIONS(self) -> None:
        headers = {**_CORS, "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                   "Access-Control-Allow-Headers": "Content-Type, Accept"}
        self._send(Answer(204, "text/plain", b""), headers)

    def _page(self) -> tuple[Answer, dict[str, str]]:
        return Answer(200, "text/html; charset=utf-8", self.server.page), _PAGE_SECURITY

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise _Refused(411, "chunked requests are not supported; send a Content-Length")
        try:
            length = int(self.headers["Content-Length"])
        except (TypeError, ValueError):
            raise _Refused(411, "a POST needs a Content-Length") from None
        if length > MAX_QUERY_BYTES:
            if length <= _DRAIN_LIMIT:
                self.rfile.read(length)
            self.close_connection = True
            raise _Refused(413, f"request body of {length:,} bytes; the limit is {MAX_QUERY_BYTES:,}")
        return self.rfile.read(max(length, 0))

    def _post_params(self, params: dict[str, list[str]]) -> dict[str, list[str]]:
        content_type = self.headers.get_content_type()
        body = self._body()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _Refused(400, "the request body is not UTF-8") from None
        if content_type == _FORM:
            form = parse_qs(text, keep_blank_values=True)
            return {key: params.get(key, []) + form.get(key, []) for key in params.keys() | form.keys()}
        if content_type == "application/sparql-query":
            return {**params, "query": [text]}
        if content_type == "application/sparql-update":
            raise _Refused(403, "SPARQL Update is not allowed; this endpoint is read-only")
        raise _Refused(415, f"POST a query as {_FORM} or application/sparql-query, not {content_type}")

    def _query(self, params: dict[str, list[str]]) -> tuple[Answer, dict[str, str]]:
        if "update" in params:
            raise _Refused(403, "SPARQL Update is not allowed; this endpoint is read-only")
        if params.keys() & {"default-graph-uri", "named-graph-uri"}:
            raise _Refused(400, "default-graph-uri and named-graph-uri are not supported; "
                                "queries run over the union of all graphs (use GRAPH or FROM in the query)")
        if len(params.get("query", [])) != 1:
            raise _Refused(400, "give exactly one query parameter")
        sparql = params["query"][0]
        try:
            check_read_only(sparql)
            media_types = acceptable(self.headers.get("Accept"), params.get("format", []))
        except QueryError as err:
            raise _Refused(403, str(err)) from None
        except FormatError as err:
            raise _Refused(400, str(err)) from None
        if not media_types:
            raise _Refused(406, "the Accept header allows no result format this endpoint produces")
        answer = self.server.pool.answer(Job(sparql, tuple(media.name for media in media_types)))
        headers = dict(_CORS)
        if answer.status == 200:
            headers["X-Kg-Max-Rows"] = str(self.server.pool.max_rows)
            headers["X-Kg-Truncated"] = "true" if answer.truncated else "false"
        return answer, headers


def _query_page(folder: Path, timeout: float, max_rows: int) -> bytes:
    template = Template((Path(__file__).with_name("serve_page.html")).read_text(encoding="utf-8"))
    return template.substitute(graph=html.escape(str(folder)), endpoint=ENDPOINT, timeout=f"{timeout:g}",
                               max_rows=f"{max_rows:,}", max_kib=MAX_QUERY_BYTES // 1024).encode()


def make_server(folder: str | Path, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = 10.0,
                max_rows: int = 10_000, workers: int = 2,
                log: Callable[[str], None] | None = None) -> SparqlServer:
    """A server (serve_forever / shutdown / server_close) answering SPARQL over the graph in `folder`."""
    if timeout <= 0 or max_rows < 1 or workers < 1:
        raise ServeError("--timeout must be positive, --max-rows and --workers at least 1")
    folder = Path(folder)
    GraphStore.open(folder).close()  # a missing or damaged graph fails here, before anything listens
    try:
        server = SparqlServer((host, port), _query_page(folder, timeout, max_rows), log)
    except OSError as err:
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    try:
        server.pool = QueryPool(folder, size=workers, timeout=timeout, max_rows=max_rows)
    except BaseException:
        server.server_close()
        raise
    return server
