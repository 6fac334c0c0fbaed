"""Parsing ahead on a background thread: items in order, errors in their place, an early stop stops the
producer, and problems met on the producing thread all reach the consumer."""

import threading
import time

import pytest

from kg.ahead import ahead
from kg.analyse import _results_and_problems
from kg.ingest import Problem
from kg.records import Document


def test_items_come_in_order_from_another_thread():
    threads = []

    def numbers():
        for number in range(100):
            threads.append(threading.get_ident())
            yield number

    assert list(ahead(numbers(), 3)) == list(range(100))
    assert set(threads) == {threads[0]} and threads[0] != threading.get_ident()


def test_an_error_comes_after_the_items_before_it():
    def failing():
        yield 1
        yield 2
        raise OSError("gone")

    got = []
    with pytest.raises(OSError, match="gone"):
        for item in ahead(failing(), 5):
            got.append(item)
    assert got == [1, 2]


def test_closing_early_stops_the_producer_within_its_buffer():
    produced = []
    finished = threading.Event()

    def endless():
        try:
            while True:
                produced.append(len(produced))
                yield produced[-1]
        finally:
            finished.set()

    items = ahead(endless(), 4, name="kg-endless")
    assert next(items) == 0
    items.close()
    # gone by the time close returns: a producer left running native code can abort the interpreter's exit
    assert not any(t.name == "kg-endless" for t in threading.enumerate())
    assert finished.wait(5), "the producer kept running after its consumer closed"
    assert len(produced) <= 1 + 4 + 1  # the one consumed, a full buffer, the one waiting to go in


def test_depth_must_be_positive():
    with pytest.raises(ValueError, match="depth"):
        next(ahead([1], 0))


class ParsingAheadPipeline:
    """Reads its documents on a background thread, as kg's Pipeline does, and slowly."""

    def analyse(self, documents):
        for document in ahead(documents, 2):
            time.sleep(0.001)
            yield document.id


def test_no_problem_met_on_the_parsing_thread_is_lost():
    items = []
    for number in range(200):
        items.append(Document(f"d{number}", f"text {number}", source=f"d{number}.txt"))
        if number % 3 == 0:
            items.append(Problem(f"bad{number}.txt", "unreadable"))
    out = list(_results_and_problems(items, ParsingAheadPipeline()))
    assert [x for x in out if isinstance(x, str)] == [f"d{n}" for n in range(200)]
    assert [x.source for x in out if isinstance(x, Problem)] == [f"bad{n}.txt" for n in range(0, 200, 3)]
