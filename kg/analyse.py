"""Analysis stage: Documents -> resolved DocumentResults (nlp, extract, resolve), no store."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kg.records import Document, DocumentResult
from kg.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.ingest import Problem
    from kg.knowledge import Gazetteer, Lexicon


@dataclass(frozen=True, eq=False)
class Pipeline:
    """The loaded pipeline: spaCy with kg's steps, and the gazetteer and lexicon they and the
    extraction use. Loading first means a missing model fails before any write."""

    model: str
    nlp: Language
    gazetteer: Gazetteer
    lexicon: Lexicon

    @staticmethod
    def load(settings: Settings) -> Pipeline:
        """The pipeline for these settings, loaded once per process."""
        return _loaded(settings.model, settings.gazetteer_files)

    def analyse(self, documents: Iterable[Document], *, parse_ahead: bool = True) -> Iterator[DocumentResult]:
        """Parse, extract and resolve documents one at a time (streaming). Parsing on its own thread
        (`parse_ahead`) pays only with a core to spare, which worker processes have not."""
        from kg.extract import extract_documents
        from kg.resolve import resolve

        for extraction in extract_documents(self.nlp, documents, self.gazetteer, self.lexicon, parse_ahead=parse_ahead):
            yield resolve(extraction, self.gazetteer)


@cache
def _loaded(model: str, gazetteer_files: tuple[Path, ...]) -> Pipeline:
    from kg.knowledge import gazetteer, lexicon
    from kg.nlp import load_spacy

    gaz = gazetteer(gazetteer_files)  # a bad row fails at once, not after the model has loaded
    lex = lexicon()
    return Pipeline(model, load_spacy(model, gaz, lex), gaz, lex)


def read_and_analyse(inputs: list[str], stdin: bytes | BinaryIO | None = None, settings: Settings = Settings(), *,
                     loaded: Callable[[], None] = lambda: None) -> Iterator[DocumentResult | Problem]:
    """Results for every readable input; unreadable inputs come out as Problems as they are met.
    `loaded()` is called once the pipeline is loaded, before the first document is read.

    Missing paths and a missing model raise here, before anything is read.
    """
    from kg.ingest import read_inputs

    items = read_inputs(inputs, stdin, clean=settings.clean, max_chars=settings.max_chars)
    pipeline = Pipeline.load(settings)
    loaded()
    return _results_and_problems(items, pipeline)


def _results_and_problems(items: Iterable[Document | Problem], pipeline: Pipeline
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

    for result in pipeline.analyse(documents()):
        yield from problems_so_far()
        yield result
    yield from problems_so_far()
