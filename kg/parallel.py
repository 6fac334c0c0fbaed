"""Analysis stage, fan-out: documents analysed here, in local worker processes, or on a Dask cluster."""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from kg.errors import KgError
from kg.records import Document, DocumentResult

CHUNK = 8  # documents per task: enough to amortise pickling, few enough to keep every worker busy
_ANALYSERS: dict[tuple, object] = {}  # one loaded pipeline per worker process (and per model)
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


class ParallelError(KgError):
    """Bad --jobs or --dask settings, or a Dask scheduler that cannot be reached."""


def analyse_chunk(model: str, gazetteer_files: tuple[Path, ...], documents: list[Document]) -> list[DocumentResult]:
    """Runs in a worker: loads the pipeline on first use, then keeps it for every later chunk."""
    from kg.analyse import Analyser

    key = (model, gazetteer_files)
    if key not in _ANALYSERS:
        _ANALYSERS[key] = Analyser(model, gazetteer_files, parse_ahead=False)
    return list(_ANALYSERS[key].run(documents))


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    items = iter(documents)
    while chunk := list(islice(items, size)):
        yield chunk


def ordered(chunks: Iterable[list[Document]], submit: Callable[[list[Document]], Callable[[], list[DocumentResult]]],
            in_flight: int) -> Iterator[DocumentResult]:
    """Results in input order, with at most `in_flight` chunks submitted and not yet consumed, so
    memory stays flat however long the input is."""
    pending: deque[Callable[[], list[DocumentResult]]] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= in_flight:
            yield from pending.popleft()()
    while pending:
        yield from pending.popleft()()


@dataclass(frozen=True)
class Analyse:
    """Documents in, resolved results out (in input order), however the work is spread."""

    model: str
    run: Callable[[Iterable[Document]], Iterator[DocumentResult]]

    def __call__(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        return self.run(documents)


@contextmanager
def analysed(model: str | None, gazetteer_files: tuple[Path, ...] = (), *, jobs: int = 1,
             dask: str | None = None) -> Iterator[Analyse]:
    from kg.analyse import Analyser
    from kg.knowledge import gazetteer
    from kg.nlp import DEFAULT_MODEL, check_model

    if jobs < 1:
        raise ParallelError(f"--jobs must be 1 or more, not {jobs}")
    if jobs == 1 and dask is None:
        analyser = Analyser(model, gazetteer_files)
        yield Analyse(analyser.model, analyser.run)
        return
    model = model or DEFAULT_MODEL
    spread = _dask_submitter if dask is not None else _pool_submitter
    with spread(dask or "", jobs, model, gazetteer_files) as (submit, workers):
        # checked while the workers start up, so that a bad model or gazetteer fails here, not in a worker
        check_model(model)
        if gazetteer_files:
            gazetteer(gazetteer_files)
        gc.freeze()  # as in Analyser: what this process has loaded stays, so collections need not rescan it
        yield Analyse(model, lambda documents: ordered(_chunks(documents, CHUNK), submit, 2 * workers))


def _one_thread_per_worker() -> None:
    """Runs first in each worker process, before the pipeline loads numpy: a worker has a core of its
    own, and BLAS threads (OpenBLAS starts one per core) would only spin against the other workers.
    Dask's nanny sets the same for its workers; a user's own settings are kept."""
    for variable in BLAS_THREADS:
        os.environ.setdefault(variable, "1")


def worker_pool(jobs: int) -> multiprocessing.pool.Pool:
    # spawn, not fork: the parent runs a progress thread, and forking a threaded process can deadlock
    return multiprocessing.get_context("spawn").Pool(jobs, initializer=_one_thread_per_worker)


@contextmanager
def _pool_submitter(_: str, jobs: int, model: str, gazetteer_files: tuple[Path, ...]):
    with worker_pool(jobs) as pool:
        yield (lambda chunk: pool.apply_async(analyse_chunk, (model, gazetteer_files, chunk)).get), jobs


@contextmanager
def _dask_submitter(address: str, jobs: int, model: str, gazetteer_files: tuple[Path, ...]):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ParallelError("--dask needs dask.distributed: pip install 'kg[dask]'") from None
    if address == "local":
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
    else:
        cluster = None
    try:
        client = Client(cluster if cluster is not None else address, timeout="10s")
    except (OSError, TimeoutError) as err:
        raise ParallelError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    try:
        workers = max(1, sum(client.nthreads().values()))
        yield (lambda chunk: client.submit(analyse_chunk, model, gazetteer_files, chunk, pure=False).result), workers
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
