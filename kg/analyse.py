"""Analysis stage: Documents -> resolved DocumentResults (nlp, extract, resolve), no store."""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.records import Document, DocumentResult

if TYPE_CHECKING:
    from kg.ingest import Problem


class Analyser:
    """A loaded pipeline plus gazetteer; loading first means a missing model fails before any write."""

    def __init__(self, model: str | None = None, gazetteer_files: tuple[Path, ...] = (), *,
                 parse_ahead: bool = True):
        from kg.knowledge import gazetteer
        from kg.nlp import DEFAULT_MODEL, load_pipeline

        self.model = model or DEFAULT_MODEL
        self.nlp = load_pipeline(self.model, gazetteer_files)
        self.gazetteer = gazetteer(gazetteer_files)
        # parsing on its own thread pays only with a core to spare, which worker processes have not
        self.parse_ahead = parse_ahead
        # What is loaded by now (modules, pipeline, gazetteer) stays to the end of the process;
        # frozen, it is no longer rescanned by every full garbage collection.
        gc.freeze()

    def run(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Parse, extract and resolve documents one at a time (streaming)."""
        from kg.extract import extract_documents
        from kg.resolve import resolve

        for extraction in extract_documents(self.nlp, documents, self.gazetteer, parse_ahead=self.parse_ahead):
            yield resolve(extraction, self.gazetteer)


def analyse_inputs(inputs: list[str], stdin: bytes | None = None, *, model: str | None = None,
                   gazetteer_files: tuple[Path, ...] = (), clean: bool = True) -> Iterator[DocumentResult | Problem]:
    """Results for every readable input; unreadable inputs come out as Problems as they are met.

    Missing paths and a missing model raise here, before anything is read.
    """
    from kg.ingest import read_inputs

    items = read_inputs(inputs, stdin, clean=clean)
    return _results_and_problems(items, Analyser(model, gazetteer_files))


def _results_and_problems(items: Iterable[Document | Problem], analyser: Analyser
                          ) -> Iterator[DocumentResult | Problem]:
    from kg.ingest import Problem

    # filled on the parsing thread while results come out here: a deque hands them over safely
    problems: deque[Problem] = deque()

    def documents() -> Iterator[Document]:
        for item in items:
            if isinstance(item, Problem):
                problems.append(item)
            else:
                yield item

    def problems_so_far() -> Iterator[Problem]:
        while problems:
            yield problems.popleft()

    for result in analyser.run(documents()):
        yield from problems_so_far()
        yield result
    yield from problems_so_far()
