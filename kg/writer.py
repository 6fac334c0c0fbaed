"""Graph stage, storage: store writes run in order on one background thread, beside the next document's analysis."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

# Writes waiting at most: enough to ride out one slow write, few enough that an interrupted build
# finishes them (each in its own transaction) at once, and that memory stays flat.
QUEUED_WRITES = 4

Job = Callable[[Any], object]  # gets the writer's target


class BackgroundWriter:
    """Runs jobs on `target` one at a time, in submission order, on its own thread.

    Oxigraph releases the GIL while it writes, so with a second core a document's transaction
    costs the parsing thread nothing. The first job that fails stops the writer: the jobs after it
    are dropped, and its error is raised in the submitting thread by the next submit, wait or close.
    Jobs get the target as their argument and the writer lets go of it when closed, so no
    reference to it outlives the writer (an open Oxigraph store keeps its folder locked)."""

    def __init__(self, target: Any) -> None:
        self._target = target
        self._jobs: queue.Queue[Job | None] = queue.Queue(maxsize=QUEUED_WRITES)
        self._failed = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                if not self._failed:
                    job(self._target)
            except BaseException as err:
                # raised again in the submitting thread, without this thread's frames (they hold the target)
                self._failed, self._error = True, err.with_traceback(None)
            finally:
                self._jobs.task_done()

    def _raise_error(self) -> None:
        error, self._error = self._error, None
        if error is not None:
            raise error

    def submit(self, job: Job) -> None:
        self._raise_error()
        self._jobs.put(job)

    def wait(self) -> None:
        """Return once every job submitted so far has run."""
        self._jobs.join()
        self._raise_error()

    def close(self) -> None:
        """Run the queued jobs, then end the thread and let go of the target."""
        self._jobs.put(None)
        self._thread.join()
        self._target = None
        self._raise_error()
