"""Build stage: ingest -> analyse -> store, streaming one document at a time."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.ingest import Problem, read_inputs
from kg.records import Document

ProgressCallback = Callable[[str], None]


@dataclass
class BuildReport:
    documents_added: int = 0
    documents_unchanged: int = 0
    statements: int = 0
    quads: int = 0
    problems: list[Problem] = field(default_factory=list)


def _new_documents(items: Iterable[Document | Problem], built: dict[str, str],
                   report: BuildReport, progress: ProgressCallback) -> Iterator[Document]:
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Problem):
            report.problems.append(item)
            progress(item.source)
            continue
        digest = hashlib.sha256(item.text.encode()).hexdigest()
        if built.get(item.id) == digest or item.id in seen:
            report.documents_unchanged += 1
            progress(item.source)
            continue
        seen.add(item.id)
        yield item


def build(inputs: list[str], out: str | Path, *, model: str | None = None,
          gazetteer_files: tuple[Path, ...] = (), base: str | None = None,
          stdin: bytes | None = None, progress: ProgressCallback = lambda source: None) -> BuildReport:
    """Add the documents in `inputs` to the graph in `out` (created if absent).

    Documents already built with the same content are skipped, so a rebuild is a no-op.
    """
    from kg.analyse import Analyser
    from kg.store import GraphStore

    items = read_inputs(inputs, stdin)  # raises for a missing path before the store is touched
    analyser = Analyser(model, gazetteer_files)
    report = BuildReport()
    with GraphStore.create_or_open(out, base=base, model=analyser.model) as store:
        documents = _new_documents(items, store.document_hashes(), report, progress)
        for result in analyser.run(documents):
            report.quads += store.add_document(result)
            report.statements += len(result.statements)
            report.documents_added += 1
            progress(result.document.source)
    return report

