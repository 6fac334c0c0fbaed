"""Analysis fan-out: worker processes keep to one core each, and results come back in input order."""

import os

import pytest

from kg.parallel import BLAS_THREADS, ordered, worker_pool


def _worker_threads() -> tuple[dict[str, str | None], list[int]]:
    import numpy  # noqa: F401  (loads OpenBLAS, as the pipeline does)
    from threadpoolctl import threadpool_info

    return ({name: os.environ.get(name) for name in BLAS_THREADS},
            [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"])


def test_a_worker_runs_blas_on_one_thread_unless_the_user_said_otherwise(monkeypatch):
    pytest.importorskip("threadpoolctl", reason="threadpoolctl is in the dev extra")
    for name in BLAS_THREADS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")
    with worker_pool(1) as pool:
        environment, blas_threads = pool.apply(_worker_threads)
    assert environment == {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "3"}
    assert blas_threads and set(blas_threads) == {1}


def test_ordered_keeps_input_order_and_a_bounded_number_in_flight():
    submitted, in_flight = [], []

    def submit(chunk):
        submitted.append(chunk)
        in_flight.append(len(submitted) - consumed[0])
        return lambda: [item * 10 for item in chunk]

    consumed = [0]
    results = []
    for result in ordered(([n, n + 1] for n in range(0, 20, 2)), submit, in_flight=3):
        results.append(result)
        consumed[0] = len(results) // 2
    assert results == [n * 10 for n in range(20)]
    assert max(in_flight) <= 3
