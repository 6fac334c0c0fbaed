"""Serve stage, query workers: processes that answer read-only queries and are killed when they run too long."""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.query import QueryError, run
from kg.results import BY_NAME, query_form, serialize
from kg.store import GraphStore

READY = "ready"
STARTUP_LIMIT = 120.0  # seconds a new worker may take to import kg and open the store


class WorkerError(KgError):
    """A query worker could not start (its store did not open)."""


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes
    truncated: bool = False


def refusal(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message + "\n").encode())


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
    except (OSError, SyntaxError, ValueError) as err:
        return refusal(500, f"query failed: {str(err).splitlines()[0] if str(err) else type(err).__name__}")
    charset = "; charset=utf-8" if media.name.startswith("text/") else ""
    return Answer(200, media.name + charset, body, truncated)


def _work(connection, folder: str, max_rows: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's: it stops its workers itself
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
        connection.send(answer(store, job, max_rows))


class _Worker:
    def __init__(self, context, folder: Path, max_rows: int):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_work, args=(child, str(folder), max_rows), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

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
        return message if isinstance(message, Answer) else refusal(500, "a query worker failed to start")

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class QueryPool:
    """Worker processes with the store open read-only; pyoxigraph cannot cancel a query, so a late one is killed."""

    def __init__(self, folder: Path, *, size: int, timeout: float, max_rows: int):
        # spawn, not fork: the server that owns the pool runs threads
        self._context = multiprocessing.get_context("spawn")
        self.folder, self.size, self.timeout, self.max_rows = folder, size, timeout, max_rows
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._start())
        for worker in list(self._workers):
            failure = worker.wait_ready()
            if failure is not None:
                self.close()
                raise WorkerError(failure.body.decode().strip())

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.folder, self.max_rows)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
            if self._closed:
                return
        self._idle.put(self._start())

    def answer(self, job: Job) -> Answer:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return refusal(503, f"all {self.size} query workers are busy; try again later")
        failure = worker.wait_ready()
        if failure is not None:
            self._replace(worker)
            return failure
        try:
            worker.connection.send(job)
            if worker.connection.poll(self.timeout):
                result = worker.connection.recv()
                self._idle.put(worker)
                return result
            result = refusal(503, f"query stopped: it ran longer than the {self.timeout:g} s limit")
        except (EOFError, OSError):
            result = refusal(500, "the query worker died (out of memory?); try again")
        self._replace(worker)
        return result

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._workers)
        for worker in workers:
            worker.stop()
