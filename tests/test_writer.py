"""The background writer: jobs in order, the first failure stops it and reaches the caller once, and
closing lets go of the target (an open store locks its folder)."""

import gc
import weakref

import pytest

from kg.writer import QUEUED_WRITES, BackgroundWriter


class Target(list):
    """A list that can be weakly referenced."""


def disk_full(target):
    raise OSError(28, "No space left on device")


def test_jobs_run_in_submission_order():
    target = Target()
    writer = BackgroundWriter(target)
    for number in range(5 * QUEUED_WRITES):
        writer.submit(lambda items, number=number: items.append(number))
    writer.wait()
    assert target == list(range(5 * QUEUED_WRITES))
    writer.submit(lambda items: items.append("last"))
    writer.close()
    assert target[-1] == "last"


def test_first_failure_drops_later_jobs_and_is_raised_once():
    target = Target()
    writer = BackgroundWriter(target)
    writer.submit(lambda items: items.append(1))
    writer.submit(disk_full)
    writer.submit(lambda items: items.append(3))
    with pytest.raises(OSError, match="No space left on device"):
        writer.wait()
    writer.submit(lambda items: items.append(4))
    writer.close()
    assert target == [1]


def test_failure_reaches_close_when_nothing_else_is_submitted():
    writer = BackgroundWriter(Target())
    writer.submit(disk_full)
    with pytest.raises(OSError):
        writer.close()


def test_closing_lets_go_of_the_target_even_after_a_failure():
    target = Target()
    alive = weakref.ref(target)
    writer = BackgroundWriter(target)
    writer.submit(disk_full)
    del target
    with pytest.raises(OSError):
        writer.close()
    gc.collect()
    assert alive() is None
