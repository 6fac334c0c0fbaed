"""Serve stage, query workers: processes that answer read-only queries, killed when late, too big or in the way."""

from __future__ import annotations

import ctypes
import itertools
import math
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.query import QueryError, run
from kg.query_guard import on_deep_stack
from kg.results import BY_NAME, query_form, serialize
from kg.store import GraphStore

READY = "ready"
STARTUP_LIMIT = 120.0  # seconds a new worker may take to import kg and open the store
MEMORY_MB = 2048  # address space per worker: ~0.5 GB is the store's own mappings, 256 MB the deep stack
_M_ARENA_MAX = -8  # glibc's mallopt parameter
_SLICE = 0.1  # seconds between a long query's checks for clients waiting behind it


class WorkerError(KgError):
    """A query worker could not start (its store did not open)."""


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes
    truncated: bool = False
    retry_after: int = 0  # seconds, for a 503 that a retry can cure


def refusal(status: int, message: str, retry_after: int = 0) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode(), retry_after=retry_after)


@dataclass(frozen=True)
class Job:
    sparql: str
    media_types: tuple[str, ...]  # acceptable ones, best first


def answer(store, job: Job, max_rows: int) -> Answer:
    try:
        result = run(store, job.sparql)
    except QueryError as err:
        return refusal(400, str(err))
    form = query_form(result)
    media = next((BY_NAME[name] for name in job.media_types if form in BY_NAME[name].forms), None)
    if media is None:
        offered = ", ".join(m.name for m in BY_NAME.values() if form in m.forms)
        return refusal(406, f"{form} results are sent as {offered}; the request accepts none of them")
    try:
        body, truncated = serialize(result, media, max_rows, store.prefixes())
    except MemoryError as err:
        if not str(err):  # the worker's memory cap, not one of pyoxigraph's own buffer limits
            raise
        return refusal(500, f"the result cannot be sent: {str(err).splitlines()[0]} (a value too long)")
    except (OSError, SyntaxError, ValueError) as err:
        return refusal(500, f"query failed: {str(err).splitlines()[0] if str(err) else type(err).__name__}")
    charset = "; charset=utf-8" if media.name.startswith("text/") else ""
    return Answer(200, media.name + charset, body, truncated)


def _out_of_memory(memory_mb: int) -> Answer:
    return refusal(503, f"query stopped: it needed more than the {memory_mb:,} MB of memory a query worker may use")


def _cap_memory(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    # glibc reserves 64 MB of address space for each thread's malloc arena: under the cap, the store's
    # threads would take it from the query (and, near the cap, fail to start)
    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
    if mallopt is not None:
        mallopt(_M_ARENA_MAX, 2)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _jobs(connection, folder: str, max_rows: int, memory_mb: int) -> None:
    try:
        store = GraphStore.open(folder)
    except KgError as err:
        connection.send(refusal(500, str(err)))
        return
    connection.send(READY)
    while True:
        try:
            job = connection.recv()
        except EOFError:  # the server is gone
            return
        try:
            result = answer(store, job, max_rows)
        except MemoryError:
            result = _out_of_memory(memory_mb)
        connection.send(result)


def _exit_with_parent() -> None:
    parent = multiprocessing.parent_process()
    assert parent is not None  # run in a worker process, which has a parent
    parent.join()
    os._exit(0)


def _work(connection, folder: str, max_rows: int, memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's: it stops its workers itself
    # the engine's own last words (an allocation failure, a crash) would reach the server's terminal
    # unescaped; the server reports every worker death itself
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    _cap_memory(memory_mb)
    # a server killed outright (SIGKILL) cannot stop its workers: each leaves with it, even mid-query
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    # the deep stack is reserved before the store's threads take their share of the address space
    on_deep_stack(lambda: _jobs(connection, folder, max_rows, memory_mb))


class _Worker:
    def __init__(self, context, folder: Path, max_rows: int, memory_mb: int):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_work, args=(child, str(folder), max_rows, memory_mb), daemon=True)
        self.process.start()
        child.close()
        self.ready, self.memory_mb = False, memory_mb
        # pool.close() and a request's thread may stop a worker at once: its pipe must be closed once
        self._stopping = threading.Lock()

    def wait_ready(self) -> Answer | None:
        """None once the worker has opened the store, else why it could not."""
        if self.ready:
            return None
        try:
            message = self.connection.recv() if self.connection.poll(STARTUP_LIMIT) else None
        except (EOFError, OSError):
            message = None
        if message == READY:
            self.ready = True
            return None
        if isinstance(message, Answer):
            return message
        limit = f" within {self.memory_mb:,} MB of memory (--worker-memory)" if self.memory_mb > 0 else ""
        return refusal(500, f"a query worker failed to start{limit}")

    def stop(self) -> None:
        with self._stopping:
            self.process.kill()
            self.process.join()
            self.connection.close()


def next_turn(waiting: list[tuple[str, int]], running: Counter[str]) -> tuple[str, int]:
    """Which waiting request (client, arrival) goes next: the one whose client has the fewest queries
    running, the earliest of those; one client's burst cannot hold every worker while others wait."""
    return min(waiting, key=lambda ticket: (running[ticket[0]], ticket[1]))


class QueryPool:
    """Worker processes with the store open read-only; pyoxigraph cannot cancel a query, so a query is
    stopped by killing its worker: when it runs past `timeout`, when it outgrows `memory_mb`, or when
    clients wait while every worker runs a long query (longer than `light` seconds): at most size - 1
    long queries keep their workers then, so a light query is answered within about `light` seconds.
    Waiting clients are served fewest-running-queries first, and give up after `queue_wait` seconds."""

    def __init__(self, folder: Path, *, size: int, timeout: float, max_rows: int, memory_mb: int = MEMORY_MB,
                 queue_wait: float = 5.0, light: float | None = None):
        # spawn, not fork: the server that owns the pool runs threads
        self._context = multiprocessing.get_context("spawn")
        self.folder, self.size, self.timeout, self.max_rows = folder, size, timeout, max_rows
        self.memory_mb, self.queue_wait = memory_mb, queue_wait
        self.light = min(1.0, timeout / 2) if light is None else light
        self.retry_after = math.ceil(self.light) + 1
        self._changed = threading.Condition()
        self._workers: set[_Worker] = set()
        self._idle: list[_Worker] = []
        self._waiting: list[tuple[str, int]] = []  # (client, arrival)
        self._arrivals = itertools.count()
        self._running: Counter[str] = Counter()
        self._long: dict[object, float] = {}  # queries running longer than `light`: when each started
        self._yielding = 0  # long queries stopped for waiting clients whose workers are not yet replaced
        self._closed = False
        try:
            for _ in range(size):
                self._idle.append(self._start())
            # starting a worker takes a second or more on a busy machine: one waits, ready, for the next
            # worker stopped, so that its client does not wait for that start
            self._standby = self._start()
            for worker in list(self._workers):
                failure = worker.wait_ready()
                if failure is not None:
                    raise WorkerError(failure.body.decode().strip())
        except BaseException:
            self.close()
            raise

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.folder, self.max_rows, self.memory_mb)
        with self._changed:
            self._workers.add(worker)
        return worker

    def _replace(self, worker: _Worker, yielded: bool = False) -> None:
        worker.stop()
        with self._changed:
            self._workers.discard(worker)
            closed = self._closed
        standby = None if closed else self._start()
        with self._changed:
            self._yielding -= yielded
            if standby is not None:
                self._idle.append(self._standby)
                self._standby = standby
            self._changed.notify_all()

    def _take(self, client: str) -> _Worker | None:
        """An idle worker once it is this client's turn, or None after `queue_wait` seconds."""
        deadline = time.monotonic() + self.queue_wait
        ticket = (client, next(self._arrivals))
        with self._changed:
            self._waiting.append(ticket)
            try:
                while not self._closed:
                    if self._idle and next_turn(self._waiting, self._running) == ticket:
                        self._running[client] += 1
                        return self._idle.pop()
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return None
                    self._changed.wait(remaining)
                return None
            finally:
                self._waiting.remove(ticket)
                self._changed.notify_all()

    def load(self) -> tuple[int, int]:
        """Queries running and requests waiting for a worker."""
        with self._changed:
            return sum(self._running.values()), len(self._waiting)

    def _must_yield(self, query: object) -> bool:
        """Whether this long query should stop so that a waiting client gets its worker: the youngest
        long one does (it has spent the least), when every worker runs a long query."""
        with self._changed:
            short_of = len(self._waiting) - len(self._idle) - self._yielding
            youngest = max(self._long, key=self._long.__getitem__)
            if len(self._long) >= self.size and short_of > 0 and query is youngest:
                self._yielding += 1
                return True
            return False

    def answer(self, job: Job, client: str = "") -> Answer:
        worker = self._take(client)
        if worker is None:
            if self._closed:
                return refusal(503, "the server is stopping")
            return refusal(503, f"all {self.size} query workers stayed busy for {self.queue_wait:g} s "
                                f"({self.load()[1]} other requests waiting); try again in a few seconds",
                           self.retry_after)
        query, result, yielded = object(), None, False
        try:
            result = worker.wait_ready()
            if result is None:
                result, yielded = self._run(worker, job, query)
        finally:
            with self._changed:
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]
                self._long.pop(query, None)
                # a 503 is a query stopped (late, yielding) or out of memory: its worker is replaced
                kept = worker.ready and result is not None and result.status != 503 and worker.process.is_alive()
                if kept:
                    self._idle.append(worker)
                self._changed.notify_all()
            if not kept:
                self._replace(worker, yielded)
        return result

    def _run(self, worker: _Worker, job: Job, query: object) -> tuple[Answer, bool]:
        """The answer, and whether the query was stopped to let waiting clients in."""
        started = time.monotonic()
        try:
            worker.connection.send(job)
            while True:
                elapsed = time.monotonic() - started
                if elapsed >= self.timeout:
                    return refusal(503, f"query stopped: it ran longer than the {self.timeout:g} s limit"), False
                long = query in self._long
                wait = min(self.timeout - elapsed, _SLICE if long else self.light - elapsed)
                if worker.connection.poll(max(wait, 0)):
                    return worker.connection.recv(), False
                if not long and time.monotonic() - started >= self.light:
                    with self._changed:
                        self._long[query] = started
                if query in self._long and self._must_yield(query):
                    return refusal(503, f"query stopped after {time.monotonic() - started:.1f} s: every query "
                                        "worker was busy with a long query while other clients waited; try again",
                                   self.retry_after), True
        except (EOFError, OSError):
            return self._death(worker), False

    def _death(self, worker: _Worker) -> Answer:
        worker.process.join(5)
        if self._closed:
            return refusal(503, "the server is stopping")
        if worker.process.exitcode == -signal.SIGABRT and self.memory_mb > 0:
            return _out_of_memory(self.memory_mb)  # a failed allocation aborts the engine
        return refusal(500, f"the query worker died (exit status {worker.process.exitcode}); try again")

    def close(self) -> None:
        with self._changed:
            self._closed = True
            workers = list(self._workers)
            self._changed.notify_all()
        for worker in workers:
            worker.stop()
