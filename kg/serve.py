"""Serve stage: a read-only SPARQL 1.1 Protocol endpoint over a built graph (HTTP, limits, access, query page)."""

from __future__ import annotations

import hmac
import html
import ipaddress
import math
import re
import socket
import sys
import unicodedata
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from urllib.parse import parse_qs, urlsplit

from kg import __version__
from kg.errors import KgError
from kg.query import QueryError, check_read_only
from kg.query_guard import MAX_NESTING
from kg.query_workers import MEMORY_MB, Answer, Job, QueryPool, refusal
from kg.results import FormatError, acceptable
from kg.store import GraphStore

ENDPOINT = "/sparql"
MAX_QUERY_BYTES = 64 * 1024  # POST bodies; http.server refuses request lines (GET queries) over 64 KiB with 414
MIN_WORKER_MB = 1024  # a worker's address space holds the store's mappings (~0.5 GB) and its deep stack
MIN_TOKEN = 16  # characters of an access token
_DRAIN_LIMIT = 1024 * 1024  # a refused body up to this size is read first, so the client sees the refusal
_LOG_LINE = 300  # characters: a logged request line quotes the query
_MESSAGE = 200  # characters of a client's own text quoted back in an error line
_FORM = "application/x-www-form-urlencoded"
_EXPOSED = "X-Kg-Max-Rows, X-Kg-Truncated, Retry-After"
_COMMON = {"X-Content-Type-Options": "nosniff"}
_PAGE_SECURITY = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"}
_UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_ORIGIN = re.compile(r"https?://[^/\s?#]+")
# what http.server itself refuses, said as the rest of the endpoint says it
_STDLIB_ERRORS = {414: f"request line longer than 65,536 bytes; POST long queries (up to {MAX_QUERY_BYTES:,} bytes)",
                  431: "request headers too long (a line over 65,536 bytes, or more than 100 headers)"}


class ServeError(KgError):
    """The endpoint cannot start: bad limits or access settings, or the address cannot be listened on."""


def _escape(character: str) -> str:
    code = ord(character)
    if character == "\\":  # so that an escape in the output always stands for a character that was escaped
        return "\\\\"
    if unicodedata.category(character) not in _UNPRINTABLE:
        return character
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """`text` with control, format, separator, private and unassigned characters escaped, for a terminal or a log."""
    return "".join(map(_escape, text))


def exposure_warning(address: str, token: bool) -> str | None:
    """What to say when the server listens on `address` (as bound) beyond this machine."""
    try:
        loopback = ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        loopback = False
    if loopback:
        return None
    if not token:
        return (f"listening on {address}, reachable from other machines, with no access token: anyone who can "
                "connect can query the graph (set one with --token-file or KG_SERVE_TOKEN)")
    return (f"listening on {address}, reachable from other machines, over plain HTTP: the access token crosses "
            "the network unencrypted (put a reverse proxy with TLS in front)")


class _Refused(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.answer = refusal(status, message)
        self.headers = headers or {}


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the listen backlog: 50 clients connecting at once are all accepted at once

    pool: QueryPool | None = None  # attached once the socket is bound: a busy port fails before workers start

    def __init__(self, address: tuple[str, int], page: bytes, *, cors: tuple[str, ...] = (), token: str | None = None,
                 log: Callable[[str], None] | None = None):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.page, self.cors, self.token = page, cors, token
        self.log = (lambda line: log(printable(line))) if log else None
        super().__init__(address, _Handler)

    @property
    def host(self) -> str:
        return self.socket.getsockname()[0]

    @property
    def url(self) -> str:
        host, port = self.host, self.socket.getsockname()[1]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}{ENDPOINT}"

    @property
    def warnings(self) -> list[str]:
        warning = exposure_warning(self.host, self.token is not None)
        return [warning] if warning else []

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
    sys_version = ""  # the Server header need not tell which Python to attack
    timeout = 30  # a client that stalls mid-request loses its connection instead of holding a thread
    # HTTP/0.9 answers carry no status line nor headers: a garbled request line would get a bare body
    default_request_version = "HTTP/1.0"
    _body_read = False

    def log_message(self, format: str, *args) -> None:
        if self.server.log:
            self.server.log(f"{self.address_string()} {format % args}"[:_LOG_LINE])

    def _cors(self) -> dict[str, str]:
        origin = getattr(self, "headers", None) and self.headers.get("Origin")
        if "*" in self.server.cors:
            return {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": _EXPOSED}
        if origin and origin in self.server.cors:
            return {"Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": _EXPOSED,
                    "Vary": "Origin"}
        return {}

    def _send(self, answer: Answer, headers: dict[str, str]) -> None:
        self.send_response(answer.status)
        fields = {"Content-Type": answer.media_type, "Content-Length": str(len(answer.body)), **_COMMON,
                  **self._cors(), **headers}
        if answer.retry_after:
            fields["Retry-After"] = str(answer.retry_after)
        for name, value in fields.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (bad request lines, 414, 431, 501, ...) as one plain-text line."""
        self.close_connection = True
        text = _STDLIB_ERRORS.get(code) or message or self.responses.get(code, ("refused",))[0]
        self._send(refusal(code, text[:_MESSAGE]), {"Connection": "close"})

    def _respond(self) -> None:
        try:
            self._authorize()
            answer, headers = self._route()
        except _Refused as refused:
            answer, headers = refused.answer, refused.headers
            self._drain()
        self._send(answer, headers)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = _respond

    def do_OPTIONS(self) -> None:
        if not self.server.cors:  # no cross-origin use allowed: nothing to announce
            self._respond()
            return
        headers = {"Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                   "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization",
                   "Access-Control-Max-Age": "600"}
        self._send(Answer(204, "text/plain", b""), headers if self._cors() else {})

    def _authorize(self) -> None:
        if self.server.token is None:
            return
        scheme, _, given = self.headers.get("Authorization", "").strip().partition(" ")
        expected = self.server.token.encode()
        if not (scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected)):
            challenge = 'Bearer realm="kg"' + (', error="invalid_token"' if given else "")
            raise _Refused(401, "this endpoint needs its access token: send the header Authorization: Bearer TOKEN",
                           {"WWW-Authenticate": challenge})

    def _allowed(self) -> str:
        return "GET, HEAD, POST" + (", OPTIONS" if self.server.cors else "")

    def _route(self) -> tuple[Answer, dict[str, str]]:
        if self.command not in {"GET", "HEAD", "POST"}:
            raise _Refused(405, f"{self.command} is not allowed; the endpoint is read-only", {"Allow": self._allowed()})
        post = self.command == "POST"
        url = urlsplit(self.path)
        if url.path == "/" and not post:
            return self._page()
        if url.path == "/":
            raise _Refused(405, "POST queries to /sparql", {"Allow": "GET, HEAD"})
        if url.path != ENDPOINT:
            raise _Refused(404, f"no such page: {url.path[:_MESSAGE]}; the endpoint is {ENDPOINT}")
        params = parse_qs(url.query, keep_blank_values=True)
        if post:
            params = self._post_params(params)
        elif "query" not in params and "update" not in params:
            return self._page()
        return self._query(params)

    def _page(self) -> tuple[Answer, dict[str, str]]:
        return Answer(200, "text/html; charset=utf-8", self.server.page), _PAGE_SECURITY

    def _length(self) -> int | None:
        try:
            return int(self.headers["Content-Length"])
        except (TypeError, ValueError):
            return None

    def _drain(self) -> None:
        """Read the body of a refused request, up to a limit, so that the client sees the refusal."""
        length = self._length() if hasattr(self, "headers") else None
        if self._body_read or not length:
            return
        self._body_read = True
        if 0 < length <= _DRAIN_LIMIT:
            self.rfile.read(length)
        else:
            self.close_connection = True

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise _Refused(411, "chunked requests are not supported; send a Content-Length")
        length = self._length()
        if length is None:
            raise _Refused(411, "a POST needs a Content-Length")
        if length > MAX_QUERY_BYTES:
            raise _Refused(413, f"request body of {length:,} bytes; the limit is {MAX_QUERY_BYTES:,}")
        self._body_read = True
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
        raise _Refused(415, f"POST a query as {_FORM} or application/sparql-query, not {content_type[:_MESSAGE]}")

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
            raise _Refused(400, str(err)[:_MESSAGE]) from None
        if not media_types:
            raise _Refused(406, "the Accept header allows no result format this endpoint produces")
        pool = self.server.pool
        if pool is None:  # a SparqlServer served before serve() attached its workers
            raise _Refused(503, "the endpoint has no query workers yet")
        answer = pool.answer(Job(sparql, tuple(media.name for media in media_types)), self.client_address[0])
        headers = {}
        if answer.status == 200:
            headers["X-Kg-Max-Rows"] = str(pool.max_rows)
            headers["X-Kg-Truncated"] = "true" if answer.truncated else "false"
        return answer, headers


def _query_page(folder: Path, timeout: float, max_rows: int) -> bytes:
    template = Template((Path(__file__).with_name("serve_page.html")).read_text(encoding="utf-8"))
    return template.substitute(graph=html.escape(str(folder)), endpoint=ENDPOINT, timeout=f"{timeout:g}",
                               max_rows=f"{max_rows:,}", max_kib=MAX_QUERY_BYTES // 1024,
                               max_nesting=MAX_NESTING).encode()


def read_token(path: Path | None, environment: str | None) -> str | None:
    """The access token from a file (its first line) or an environment variable's value; None for neither."""
    if path is not None and environment is not None:
        raise ServeError("give the access token in --token-file or in KG_SERVE_TOKEN, not both")
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise ServeError(f"cannot read the token file {path}: "
                             f"{getattr(err, 'strerror', None) or err}") from None
        token = lines[0].strip() if lines else ""
    elif environment is not None:
        token = environment.strip()
    else:
        return None
    if len(token) < MIN_TOKEN or not re.fullmatch(r"[\x21-\x7e]+", token):
        raise ServeError(f"the access token must be at least {MIN_TOKEN} printable ASCII characters, no spaces "
                         "(make one with: python -c 'import secrets; print(secrets.token_urlsafe())')")
    return token


def _check_settings(port: int, timeout: float, max_rows: int, workers: int, memory_mb: int, queue_wait: float,
                    cors: tuple[str, ...]) -> None:
    if not 0 < timeout < math.inf or max_rows < 1 or workers < 1:  # `not 0 < x` also catches nan
        raise ServeError("--timeout must be positive, --max-rows and --workers at least 1")
    if not 0 <= port <= 65535:
        raise ServeError(f"--port {port} is not a port number (0 to 65535; 0 picks a free one)")
    if not 0 < queue_wait < math.inf:
        raise ServeError("--queue-wait must be positive")
    if memory_mb != 0 and memory_mb < MIN_WORKER_MB:
        raise ServeError(f"--worker-memory must be at least {MIN_WORKER_MB} (MB), or 0 for no limit")
    for origin in cors:
        if origin != "*" and not _ORIGIN.fullmatch(origin):
            raise ServeError(f"--cors '{origin}' is not an origin: give scheme, host and port, "
                             "as in https://example.org or http://localhost:8080, or *")


def make_server(folder: str | Path, host: str = "127.0.0.1", port: int = 7878, *, timeout: float = 10.0,
                max_rows: int = 10_000, workers: int = 2, memory_mb: int = MEMORY_MB, queue_wait: float = 5.0,
                cors: Iterable[str] = (), token: str | None = None, light: float | None = None,
                log: Callable[[str], None] | None = None) -> SparqlServer:
    """A server (serve_forever / shutdown / server_close) answering SPARQL over the graph in `folder`.
    `cors` lists the origins whose pages may query it ("*": any); with a `token`, every request must
    carry `Authorization: Bearer TOKEN`. See kg.query_workers.QueryPool for the other limits."""
    cors = tuple(dict.fromkeys(cors))
    _check_settings(port, timeout, max_rows, workers, memory_mb, queue_wait, cors)
    folder = Path(folder)
    GraphStore.open(folder).close()  # a missing or damaged graph fails here, before anything listens
    try:
        server = SparqlServer((host, port), _query_page(folder, timeout, max_rows), cors=cors, token=token, log=log)
    except OSError as err:
        raise ServeError(f"cannot listen on {host}:{port}: {getattr(err, 'strerror', None) or err}") from None
    try:
        server.pool = QueryPool(folder, size=workers, timeout=timeout, max_rows=max_rows, memory_mb=memory_mb,
                                queue_wait=queue_wait, light=light)
    except BaseException:
        server.server_close()
        raise
    return server
