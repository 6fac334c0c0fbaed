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

from kg.errors import KgError
from kg.records import Document, DocumentResult
from kg.settings import Settings

CHUNK = 8  # documents per task: enough to amortise pickling, few enough to keep every worker busy
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_FROZEN: set[Settings] = set()  # in a worker: the settings whose pipeline it has loaded and frozen


class ParallelError(KgError):
    """Bad --jobs or --dask settings, or a Dask scheduler that cannot be reached."""


def analyse_in_worker(settings: Settings, documents: list[Document]) -> list[DocumentResult]:
    """Runs in a worker: loads the pipeline on first use, then keeps it for every later chunk."""
    from kg.analyse import Pipeline

    pipeline = Pipeline.load(settings)
    if settings not in _FROZEN:
        # the worker process is kg's own: what it has loaded stays to its end, and frozen, it is
        # no longer rescanned by every full garbage collection (the CLI does the same in its process)
        gc.freeze()
        _FROZEN.add(settings)
    return list(pipeline.analyse(documents, parse_ahead=False))


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
class Analysis:
    """Documents in, resolved results out (in input order), however the work is spread."""

    model: str
    run: Callable[[Iterable[Document]], Iterator[DocumentResult]]

    def __call__(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        return self.run(documents)


@contextmanager
def open_analysis(settings: Settings, *, jobs: int = 1, dask: str | None = None) -> Iterator[Analysis]:
    """The analysis of `settings`: in this process (the pipeline loaded here), in `jobs` worker
    processes, or on a Dask cluster ("local" or a scheduler address)."""
    from kg.analyse import Pipeline
    from kg.knowledge import gazetteer
    from kg.nlp import check_model

    if jobs < 1:
        raise ParallelError(f"--jobs must be 1 or more, not {jobs}")
    if jobs == 1 and dask is None:
        pipeline = Pipeline.load(settings)
        yield Analysis(pipeline.model, pipeline.analyse)
        return
    spread = _dask_submitter if dask is not None else _pool_submitter
    with spread(dask or "", jobs, settings) as (submit, workers):
        # checked while the workers start up, so that a bad model or gazetteer fails here, not in a worker
        check_model(settings.model)
        gazetteer(settings.gazetteer_files)
        yield Analysis(settings.model, lambda documents: ordered(_chunks(documents, CHUNK), submit, 2 * workers))


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
def _pool_submitter(_: str, jobs: int, settings: Settings):
    with worker_pool(jobs) as pool:
        yield (lambda chunk: pool.apply_async(analyse_in_worker, (settings, chunk)).get), jobs


@contextmanager
def _dask_submitter(address: str, jobs: int, settings: Settings):
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
        yield (lambda chunk: client.submit(analyse_in_worker, settings, chunk, pure=False).result), workers
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
