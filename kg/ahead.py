"""Streaming helper: an iterator run on a background thread, a bounded number of items ahead of its consumer."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

# How often a producer blocked on a full buffer checks whether its consumer has gone.
_POLL_SECONDS = 0.1
# How long a closed iterator waits for its producer to finish the item in hand (a spaCy batch takes
# a second or two). A producer still running native code when the interpreter exits can abort the
# process (libblis did, on interrupted builds); one blocked reading its input (a terminal on stdin)
# is safe to leave behind, so the wait is bounded.
_JOIN_SECONDS = 10.0


@dataclass(frozen=True)
class _End:
    """The producer is done: `items` ran out, or raised `error`."""

    error: BaseException | None


def ahead(items: Iterable[T], depth: int, *, name: str = "kg-ahead") -> Iterator[T]:
    """The items of `items` in order, produced on a background thread at most `depth` ahead.

    Worth it when producing spends its time outside the GIL (spaCy's parser and matrix products
    do): the consumer's Python then runs on another core meanwhile. An error raised by `items` is
    raised here, in order; closing this iterator early (or an exception in the consumer, such as an
    interrupt) stops the producer after the item in hand, and waits for that."""
    if depth < 1:
        raise ValueError(f"depth must be at least 1, not {depth}")
    buffer: queue.Queue[T | _End] = queue.Queue(maxsize=depth)
    stopped = threading.Event()

    def put(entry: T | _End) -> bool:
        while not stopped.is_set():
            try:
                buffer.put(entry, timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as err:  # handed to the consumer, which raises it
            put(_End(err))
        else:
            put(_End(None))

    thread = threading.Thread(target=produce, name=name, daemon=True)
    thread.start()
    try:
        while True:
            entry = buffer.get()
            if not isinstance(entry, _End):
                yield entry
            elif entry.error is None:
                return
            else:
                raise entry.error
    finally:
        stopped.set()
        thread.join(_JOIN_SECONDS)
