"""HTTP to a SPARQL store (kg push, --endpoint): a deadline per request, no redirects, answers read within bounds."""

from __future__ import annotations

import contextlib
import html
import http.client
import math
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from http import HTTPStatus

from kg.credentials import Credentials, redacted, split_credentials
from kg.errors import KgError

ERROR_BODY_LIMIT = 64 * 1024  # of an error answer, only the first line is shown
_CHUNK = 64 * 1024
_HTML_HEAD = re.compile(r"<head\b.*?</head>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")


class PushError(KgError):
    """The store refused the data, could not be reached, answered late or not as expected, or
    does not hold what was sent."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status  # the HTTP status of a refusal


class Deadline:
    """Shuts the sockets of one request when its time is up. A socket timeout bounds each read
    only, so a store sending a byte every few seconds would hold a request for ever."""

    def __init__(self, seconds: float):
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # closed already
        sock.shutdown(socket.SHUT_RDWR)  # a blocked read returns at once


class _HTTPConnection(http.client.HTTPConnection):
    """A connection that hands its socket to the request's deadline once connected."""

    deadline: Deadline

    def connect(self) -> None:
        super().connect()
        self.deadline.watch(self.sock)


class _HTTPSConnection(_HTTPConnection, http.client.HTTPSConnection):
    pass


def _connections(kind: type, handler):
    def connection(host: str, **options):
        made = kind(host, **options)
        made.deadline = handler.deadline
        return made
    return connection


class _HTTPHandler(urllib.request.HTTPHandler):
    deadline: Deadline

    def http_open(self, req):
        return self.do_open(_connections(_HTTPConnection, self), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    deadline: Deadline

    def https_open(self, req):  # made without an SSL context: the connection makes the default one
        return self.do_open(_connections(_HTTPSConnection, self), req)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: urllib would follow a 302 to a POST with a GET, dropping the data,
    and report the success of the page it landed on."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Client:
    """HTTP requests to one store: Basic or Digest authentication as the store asks, one deadline
    per request (authentication retries included), no redirects followed.

    The user and password the endpoint URL may hold ("http://user:password@host/") win over
    `credentials`; `endpoint` is the URL without them, for messages."""

    def __init__(self, endpoint: str, credentials: Credentials | None, timeout: float):
        endpoint, user, password = split_credentials(endpoint)
        if user is not None:
            credentials = Credentials(user, password or "")
        parts = urllib.parse.urlsplit(endpoint)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise PushError(f"endpoint {endpoint!r} is not an http(s) URL")
        self.endpoint = endpoint
        if not (timeout > 0 and math.isfinite(timeout)):
            raise PushError(f"--timeout must be a number of seconds above 0, not {timeout:g}")
        self.timeout = timeout
        self._transports = (_HTTPHandler(), _HTTPSHandler())
        handlers = [*self._transports, _NoRedirects()]
        if credentials is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, endpoint, credentials.user, credentials.password)
            # the server's challenge picks the scheme: Virtuoso asks for Digest, most others for Basic
            handlers += [urllib.request.HTTPDigestAuthHandler(passwords),
                         urllib.request.HTTPBasicAuthHandler(passwords)]
        self._opener = urllib.request.build_opener(*handlers)

    def request(self, method: str, url: str, what: str, *, body: bytes | None = None,
                headers: dict[str, str] | None = None, limit: int = 0) -> tuple[Message, bytes]:
        """(headers, body) of the answer; a body longer than `limit` bytes is an error (0:
        it is read and dropped). Refusals, redirects, late answers and unreachable stores raise
        PushError, its message starting with `what`."""
        deadline = Deadline(self.timeout)
        for transport in self._transports:
            transport.deadline = deadline
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                answer = response.headers, _read(response, limit, what)
            if deadline.expired:  # the shut socket read as the end of the answer
                raise TimeoutError
            return answer
        except urllib.error.HTTPError as err:
            raise _refusal(err, what) from None
        except (OSError, http.client.HTTPException) as err:
            if deadline.expired or TimeoutError in (type(err), type(getattr(err, "reason", None))):
                raise PushError(f"{what}: no complete answer within {self.timeout:g} s") from None
            raise _failure(err, what) from None
        except ValueError as err:  # urllib's answer to an authentication scheme it does not speak
            raise PushError(f"{what}: {err}") from None
        finally:
            deadline.cancel()


def _read(response, limit: int, what: str) -> bytes:
    if not limit:
        while response.read(_CHUNK):
            pass
        return b""
    body = response.read(limit + 1)
    if len(body) > limit:
        raise PushError(f"{what}: the answer is longer than {limit:,} bytes")
    return body


def _failure(err: Exception, what: str) -> PushError:
    if isinstance(err, urllib.error.URLError):
        return PushError(f"{what}: cannot reach the store: {getattr(err.reason, 'strerror', None) or err.reason}")
    return PushError(f"{what}: connection failed: {getattr(err, 'strerror', None) or err or type(err).__name__}")


def status_phrase(code: int, reason: str) -> str:
    """The standard phrase: urllib reports its own reasons ("digest auth failed") for some codes."""
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return reason


def _refusal(err: urllib.error.HTTPError, what: str) -> PushError:
    phrase = status_phrase(err.code, str(err.reason))
    if 300 <= err.code < 400:
        target = redacted(err.headers.get("Location") or "")
        return PushError(f"{what}: HTTP {err.code} {phrase}: the store redirects to {target or 'another address'}; "
                         f"use the address it names (kg does not follow redirects, which can drop the data)",
                         err.code)
    try:
        body = err.read(ERROR_BODY_LIMIT) if err.fp else b""
    except (OSError, http.client.HTTPException):  # cut off by the deadline: the status says enough
        body = b""
    detail = server_message(body) or str(err.reason)
    return PushError(f"{what}: HTTP {err.code} {phrase}" + (f": {detail}" if detail != phrase else ""), err.code)


def server_message(body: bytes) -> str:
    """The first line of an error answer's text (an HTML page's body without its tags), at most
    300 characters."""
    text = body.decode("utf-8", errors="replace")
    if "<html" not in text[:500].lower():
        return next((line.strip() for line in text.splitlines() if line.strip()), "")[:300]
    text = html.unescape(_TAGS.sub("\n", _HTML_HEAD.sub("", text)))
    lines = [line.strip() for line in text.splitlines()]
    # error pages put the status, a code and the message on lines of their own
    return ": ".join(line for line in lines if line and not line.startswith("HTTP/"))[:300]
