"""Serve under load and abuse: deep queries, slow ones hogging workers, memory, many clients at once."""

import multiprocessing
import socket
import threading
import time
from collections import Counter
from multiprocessing.pool import ThreadPool

import pytest

from kg.query_guard import MAX_NESTING
from kg.query_workers import Job, QueryPool, next_turn
from kg.serve import make_server
from tests.test_serve import ENT, LEADERS, SLOW, leaders, request, running

pytestmark = pytest.mark.slow  # servers and their worker processes, seconds each

SPARQL_QUERY = {"Content-Type": "application/sparql-query"}


def workers() -> set[int]:
    return {process.pid for process in multiprocessing.active_children() if process.name.startswith("Spawn")}


def wait_for(condition, limit: float = 60.0) -> None:
    """Until `condition()` holds (a bound for a broken server to fail by, not a measure of speed)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "the server never got there"
        time.sleep(0.02)


def in_background(server, query: str, results: list) -> threading.Thread:
    thread = threading.Thread(target=lambda: results.append(request(server, params={"query": query})), daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("query, status, message", [
    ("SELECT * WHERE " + "{" * 3000 + "}" * 3000, 400, f"nests more than {MAX_NESTING} levels deep"),
    ("SELECT * WHERE { FILTER(" + "(" * 20_000 + "1" + ")" * 20_000 + ") }", 400, "nests more than"),
    ("ASK { FILTER(" + "true||" * 10_900 + "true) }", 200, '"boolean":true'),  # flat, 64 KiB: the deep stack
])
def test_deep_and_long_queries_are_answered_without_losing_a_worker(example_graph, query, status, message):
    with running(example_graph, workers=1) as server:
        before = workers()
        got_status, headers, body = request(server, "POST", body=query, headers=SPARQL_QUERY)
        assert (got_status, body.count("\n") <= 1) == (status, True) and message in body
        assert workers() == before and (ENT + "emmanuel_macron", ENT + "france") in leaders(server)


def test_a_light_query_is_answered_while_every_worker_runs_a_slow_one(example_graph):
    slow: list = []
    with running(example_graph, workers=2, timeout=120, light=0.5) as server:
        threads = [in_background(server, SLOW, slow) for _ in range(2)]
        wait_for(lambda: server.pool.load() == (2, 0))
        status, _, body = request(server, params={"query": LEADERS})
        assert status == 200 and f"{ENT}emmanuel_macron" in body
        wait_for(lambda: len(slow) == 1)  # the 503 of the slow query put aside may reach its client after ours
        assert sum(thread.is_alive() for thread in threads) == 1  # one slow query still runs: nobody waited for it
        stopped = slow[0]
        assert stopped[0] == 503 and "other clients waited" in stopped[2] and int(stopped[1]["Retry-After"]) >= 1
    for thread in threads:
        thread.join(30)


def test_a_request_waits_for_a_worker_only_so_long_then_503_with_retry_after(example_graph):
    slow: list = []
    with running(example_graph, workers=1, timeout=120, light=120, queue_wait=0.3) as server:
        thread = in_background(server, SLOW, slow)
        wait_for(lambda: server.pool.load() == (1, 0))
        status, headers, body = request(server, params={"query": LEADERS})
        assert status == 503 and "all 1 query workers stayed busy for 0.3 s (0 other requests waiting)" in body
        assert int(headers["Retry-After"]) >= 1 and body.count("\n") == 1
    thread.join(30)


def test_waiting_clients_go_fewest_running_first_then_in_order():
    assert next_turn([("a", 0), ("b", 1)], Counter({"a": 1})) == ("b", 1)
    assert next_turn([("a", 0), ("b", 1)], Counter()) == ("a", 0)
    assert next_turn([("a", 3), ("b", 4), ("c", 5)], Counter({"a": 2, "b": 1, "c": 1})) == ("b", 4)


def doubling(times: int) -> str:
    """A query whose string doubles `times` times from 1 KiB (22: 4 GiB)."""
    binds = " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(times))
    return f'SELECT (STRLEN(?x{times}) AS ?n) WHERE {{ BIND("{"a" * 1024}" AS ?x0) {binds} }}'


def test_a_query_outgrowing_the_worker_memory_gets_503_and_the_worker_is_replaced(example_graph):
    with running(example_graph, workers=1, memory_mb=1024) as server:
        assert request(server, params={"query": doubling(10)})[0] == 200  # 1 MiB is fine
        before = workers()
        status, headers, body = request(server, params={"query": doubling(22)})
        assert status == 503 and body == "query stopped: it needed more than the 1,024 MB of memory a query worker may use\n"
        assert workers() != before and (ENT + "emmanuel_macron", ENT + "france") in leaders(server)


def test_a_value_too_long_for_pyoxigraphs_buffers_is_not_taken_for_the_memory_cap(example_graph):
    with running(example_graph, workers=1) as server:
        before = workers()
        status, _, body = request(server, params={"query": doubling(14).replace("(STRLEN(?x14) AS ?n)", "?x14")})
        assert status == 500 and body.startswith("the result cannot be sent: Reached the buffer maximal size")
        assert workers() == before


def test_fifty_clients_at_once_are_all_answered(example_graph):
    with running(example_graph, workers=2) as server, ThreadPool(50) as clients:
        statuses = clients.map(lambda _: request(server, params={"query": "ASK {}"})[0], range(50))
    assert statuses == [200] * 50


def test_the_listen_backlog_takes_fifty_connections_before_any_is_accepted(example_graph):
    server = make_server(example_graph, "127.0.0.1", 0, workers=1)  # listening, not yet accepting
    connections = []
    try:
        for _ in range(50):
            # a connection beyond a full backlog is not refused but left hanging: the 5 s bound catches it
            connections.append(socket.create_connection(server.server_address[:2], timeout=5))
    finally:
        for connection in connections:
            connection.close()
        server.server_close()
    assert len(connections) == 50


def test_closing_the_pool_answers_waiting_requests(example_graph):
    pool = QueryPool(example_graph, size=1, timeout=120, max_rows=10, light=120, queue_wait=60)
    answers: list = []
    running_job = threading.Thread(target=lambda: answers.append(pool.answer(Job(SLOW, ("text/csv",)), "a")))
    running_job.start()
    wait_for(lambda: pool.load() == (1, 0))
    waiting_job = threading.Thread(target=lambda: answers.append(pool.answer(Job("ASK {}", ("text/csv",)), "b")))
    waiting_job.start()
    wait_for(lambda: pool.load() == (1, 1))
    pool.close()
    running_job.join(30)
    waiting_job.join(30)
    assert sorted(answer.body for answer in answers) == [b"the server is stopping\n"] * 2


def test_a_worker_stopped_by_two_threads_at_once_closes_its_pipe_once(monkeypatch):
    """pool.close() and a request's thread may stop one worker together: its pipe was closed twice
    (EBADF, or another file's descriptor closed since)."""
    from multiprocessing import connection

    from kg.query_workers import _Worker

    class Context:
        Pipe = staticmethod(multiprocessing.Pipe)

        class Process:
            def __init__(self, **settings):
                self.start = self.kill = self.join = lambda: None

    closed = []
    close = connection.Connection._close

    def slow_close(self, *args):
        time.sleep(0.05)  # both threads get in before the handle is cleared
        closed.append(self)
        close(self, *args)

    monkeypatch.setattr(connection.Connection, "_close", slow_close)
    worker, errors = _Worker(Context, None, 0, 0), []

    def stop():
        try:
            worker.stop()
        except OSError as err:
            errors.append(err)

    stoppers = [threading.Thread(target=stop) for _ in range(2)]
    for thread in stoppers:
        thread.start()
    for thread in stoppers:
        thread.join()
    assert errors == [] and closed.count(worker.connection) == 1
