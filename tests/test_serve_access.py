"""Serve access: CORS only when asked, the access token, exposure warnings, plain-text errors, clean logs and stops."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.serve import MIN_TOKEN, ServeError, exposure_warning, printable, read_token
from tests.test_serve import LEADERS, request, running
from tests.test_serve_limits import wait_for

pytestmark = pytest.mark.slow  # servers and their worker processes, seconds each

TOKEN = "s3cret-token-0123456789"
ORIGIN = "https://app.example.org"


def raw(server, data: bytes) -> tuple[int, dict[str, str], str]:
    """(status, headers, body) of whatever bytes a client sends."""
    with socket.create_connection(server.server_address[:2], timeout=30) as connection:
        connection.sendall(data)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.decode("latin-1").partition("\r\n\r\n")
    status_line, *fields = head.split("\r\n")
    return int(status_line.split()[1]), dict(field.split(": ", 1) for field in fields), body


@pytest.fixture(scope="module")
def guarded(example_graph):
    lines: list[str] = []
    with running(example_graph, workers=1, cors=[ORIGIN, "http://localhost:8080"], token=TOKEN,
                 log=lines.append) as server:
        server.lines = lines
        yield server


@pytest.fixture(scope="module")
def server(example_graph):
    lines: list[str] = []
    with running(example_graph, workers=1, log=lines.append) as server:
        server.lines = lines
        yield server


def test_cors_answers_only_the_origins_allowed(guarded):
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    status, headers, _ = request(guarded, params={"query": "ASK {}"}, headers={**bearer, "Origin": ORIGIN})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == ORIGIN and headers["Vary"] == "Origin"
    assert "X-Kg-Truncated" in headers["Access-Control-Expose-Headers"]
    status, headers, _ = request(guarded, params={"query": "ASK {}"}, headers={**bearer, "Origin": "https://evil.example"})
    assert status == 200 and "Access-Control-Allow-Origin" not in headers


def test_a_preflight_is_answered_without_the_token_and_only_for_allowed_origins(guarded):
    status, headers, body = request(guarded, "OPTIONS", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert status == 204 and body == "" and headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "Authorization" in headers["Access-Control-Allow-Headers"] and "POST" in headers["Access-Control-Allow-Methods"]
    status, headers, _ = request(guarded, "OPTIONS", headers={"Origin": "https://evil.example"})
    assert status == 204 and "Access-Control-Allow-Origin" not in headers


def test_any_origin_when_asked(example_graph):
    with running(example_graph, workers=1, cors=["*"]) as server:
        status, headers, _ = request(server, params={"query": "ASK {}"}, headers={"Origin": "https://any.example"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("authorization, challenge", [
    (None, 'Bearer realm="kg"'),
    ("Bearer wrong-token-0123456789", 'Bearer realm="kg", error="invalid_token"'),
    (f"Basic {TOKEN}", 'Bearer realm="kg", error="invalid_token"'),
    (f"Bearer {TOKEN}x", 'Bearer realm="kg", error="invalid_token"'),
])
@pytest.mark.parametrize("method, path, body", [("GET", "/sparql?query=ASK%7B%7D", None), ("GET", "/", None),
                                                ("POST", "/sparql", "query=ASK%7B%7D"), ("GET", "/nowhere", None)])
def test_without_the_token_everything_is_401_in_one_line(guarded, authorization, challenge, method, path, body):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if authorization:
        headers["Authorization"] = authorization
    status, got, text = request(guarded, method, path, body=body, headers=headers)
    assert status == 401 and got["WWW-Authenticate"] == challenge and got["Content-Type"] == "text/plain; charset=utf-8"
    assert text == "this endpoint needs its access token: send the header Authorization: Bearer TOKEN\n"


def test_with_the_token_queries_are_answered_and_the_token_is_never_logged(guarded):
    for scheme in ("Bearer", "bearer"):
        status, _, body = request(guarded, params={"query": LEADERS}, headers={"Authorization": f"{scheme} {TOKEN}"})
        assert status == 200 and "emmanuel_macron" in body
    request(guarded, params={"query": "ASK {}"}, headers={"Authorization": f"Bearer {TOKEN}x"})
    assert guarded.lines and not any(TOKEN in line for line in guarded.lines)


def test_the_token_comes_from_a_file_or_the_environment_never_both(tmp_path):
    (tmp_path / "token").write_text(f"  {TOKEN}\nsecond line\n")
    assert read_token(tmp_path / "token", None) == TOKEN
    assert read_token(None, f"{TOKEN}\n") == TOKEN
    assert read_token(None, None) is None
    with pytest.raises(ServeError, match="not both"):
        read_token(tmp_path / "token", TOKEN)
    with pytest.raises(ServeError, match=f"at least {MIN_TOKEN} printable ASCII"):
        read_token(None, "short")
    with pytest.raises(ServeError, match="cannot read the token file"):
        read_token(tmp_path / "missing", None)


@pytest.mark.parametrize("address, warned", [
    ("127.0.0.1", None), ("127.0.0.2", None), ("::1", None),
    ("0.0.0.0", "no access token"), ("::", "no access token"), ("192.168.1.20", "no access token"),
])
def test_listening_beyond_loopback_is_warned(address, warned):
    assert exposure_warning(address, token=False) is None if warned is None else warned in exposure_warning(address, False)
    if warned:
        assert "reverse proxy with TLS" in exposure_warning(address, token=True)


@pytest.mark.parametrize("data, status, message", [
    (b"GARBAGE\r\n\r\n", 400, "Bad request syntax"),
    (b"GET / HTTP/1.1 extra\r\n\r\n", 400, "Bad request"),
    (b"GET / HTTP/x.y\r\n\r\n", 400, "Bad request version"),
    (b"BREW /sparql HTTP/1.1\r\n\r\n", 501, "Unsupported method ('BREW')"),
    (b"GET / HTTP/2.0\r\n\r\n", 505, "Invalid HTTP version"),
    (b"GET / HTTP/1.1\r\nX: " + b"a" * 70_000 + b"\r\n\r\n", 431, "request headers too long"),
    (b"GET / HTTP/1.1\r\n" + b"".join(b"X%d: a\r\n" % n for n in range(101)) + b"\r\n", 431, "request headers too long"),
    (b"GET /sparql?query=" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n", 414, "POST long queries"),
])
def test_http_servers_own_refusals_are_the_same_plain_line(server, data, status, message):
    got_status, headers, body = raw(server, data)
    assert got_status == status and message in body and body.count("\n") == 1
    assert headers["Content-Type"] == "text/plain; charset=utf-8" and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Length"] == str(len(body.encode("latin-1")))


@pytest.mark.parametrize("path, status", [("/sparql?query=ASK%7B%7D", 200), ("/", 200), ("/nowhere", 404)])
def test_head_answers_the_headers_of_get(server, path, status):
    head = request(server, "HEAD", path)
    get = request(server, "GET", path)
    assert head[0] == get[0] == status and head[2] == ""
    assert head[1]["Content-Length"] == get[1]["Content-Length"] and head[1]["Content-Type"] == get[1]["Content-Type"]


def test_the_access_log_escapes_control_characters(server):
    raw(server, b"GET /\x1b[2J\x9b31m\x07\r\n\r\n")
    raw(server, b"GET /bell\x07 HTTP/1.0\r\n\r\n")
    logged = "\n".join(server.lines)
    assert "\\x1b[2J\\x9b31m\\x07" in logged and "/bell\\x07" in logged
    assert not any(ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 for c in logged.replace("\n", ""))


def test_printable_escapes_what_a_terminal_would_act_on():
    assert printable("a\x1b[31mb\\c\u202e\u2028\x85\ufffe ok é 中") == "a\\x1b[31mb\\\\c\\u202e\\u2028\\x85\\ufffe ok é 中"


@pytest.mark.parametrize("args, message", [
    (["serve", "--port", "70000"], "kg: error: --port 70000 is not a port number (0 to 65535; 0 picks a free one)\n"),
    (["serve", "--port", "-1"], "kg: error: --port -1 is not a port number (0 to 65535; 0 picks a free one)\n"),
    (["serve", "--workers", "1000"], "kg: error: --workers 1000 is more than this machine can use: at most "),
    (["build", "examples", "--jobs", "1000"], "kg: error: --jobs 1000 is more than this machine can use: at most "),
    (["serve", "--cors", "evil.example/path"], "kg: error: --cors 'evil.example/path' is not an origin"),
    (["serve", "--worker-memory", "100"], "kg: error: --worker-memory must be at least 1024 (MB), or 0 for no limit\n"),
    (["serve", "--queue-wait", "0"], "kg: error: --queue-wait must be positive\n"),
    (["serve", "--queue-wait", "nan"], "kg: error: --queue-wait must be positive\n"),
    (["serve", "--timeout", "inf"], "kg: error: --timeout must be positive, --max-rows and --workers at least 1\n"),
    (["serve", "--token-file", "/nonexistent/token"], "kg: error: cannot read the token file /nonexistent/token: "),
])
def test_settings_out_of_bounds_are_one_line_errors(example_graph, tmp_path, args, message):
    result = CliRunner().invoke(app, [*args, "-g" if args[0] == "serve" else "--out", str(
        example_graph if args[0] == "serve" else tmp_path / "out")], env={"KG_SERVE_TOKEN": None})
    assert result.exit_code == 2 and result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_kg_serve_reads_the_token_from_the_environment(example_graph, tmp_path):
    (tmp_path / "token").write_text(TOKEN)
    result = CliRunner().invoke(app, ["serve", "-g", str(example_graph)], env={"KG_SERVE_TOKEN": "short"})
    assert result.exit_code == 2 and result.stderr.startswith(f"kg: error: the access token must be at least {MIN_TOKEN}")
    result = CliRunner().invoke(app, ["serve", "-g", str(example_graph), "--token-file", str(tmp_path / "token")],
                                env={"KG_SERVE_TOKEN": TOKEN})
    assert result.exit_code == 2 and "not both" in result.stderr and TOKEN not in result.stderr


def test_serve_errors_print_control_characters_escaped(tmp_path):
    result = CliRunner().invoke(app, ["serve", "-g", str(tmp_path / "no\x1b[2Jgraph"), "--cors", "x\x07"])
    assert result.exit_code == 2 and result.stderr.startswith("kg: error: --cors 'x\\x07' is not an origin")
    result = CliRunner().invoke(app, ["serve", "-g", str(tmp_path / "no\x1b[2Jgraph")])
    assert result.exit_code == 2 and result.stderr.startswith(f"kg: error: no graph in {tmp_path}/no\\x1b[2Jgraph")


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_serving(graph: Path) -> tuple[subprocess.Popen, str, str]:
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "-g", str(graph), "--port", "0", "--timeout", "120"],
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    first = process.stderr.readline()
    return process, first, first.split(" at ")[-1].split()[0]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads worker processes from /proc")
def test_sigterm_stops_the_server_and_its_workers_in_one_line(example_graph, tmp_path):
    graph = tmp_path / "graph\x1b[31m"  # and the graph's name is printed escaped
    shutil.copytree(example_graph, graph)
    process, first, url = start_serving(graph)
    try:
        assert first.startswith(f"serving {tmp_path}/graph\\x1b[31m at http://127.0.0.1:")
        with urllib.request.urlopen(url + "?" + urllib.parse.urlencode({"query": "ASK {}"})) as response:
            assert response.status == 200
        spawned = children(process.pid)
        assert len(spawned) >= 2
        process.send_signal(signal.SIGTERM)
        rest = process.communicate(timeout=60)[1]
    finally:
        process.kill()
    assert process.returncode == 0 and rest.endswith("kg: stopped\n") and "Traceback" not in rest
    wait_for(lambda: not any(alive(pid) for pid in spawned), limit=30)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads worker processes from /proc")
def test_workers_leave_with_a_server_killed_outright_even_mid_query(example_graph):
    from tests.test_serve import SLOW

    process, _, url = start_serving(example_graph)
    try:
        spawned = children(process.pid)
        query = urllib.parse.urlencode({"query": SLOW})
        connection = socket.create_connection(("127.0.0.1", int(url.split(":")[2].split("/")[0])), timeout=30)
        connection.sendall(f"GET /sparql?{query} HTTP/1.0\r\n\r\n".encode())
        time.sleep(0.5)  # the query is in a worker (if not, the test is only weaker, not wrong)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(30)
        wait_for(lambda: not any(alive(pid) for pid in spawned), limit=30)
        connection.close()
    finally:
        process.kill()
