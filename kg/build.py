"""Build stage: ingest -> analyse -> store, streaming one document at a time."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.ingest import MAX_CHARS, Problem, read_inputs
from kg.records import Document

ProgressCallback = Callable[[str], None]


@dataclass
class BuildReport:
    documents_added: int = 0
    documents_replaced: int = 0  # built before with other content; their statements were replaced
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
          stdin: bytes | None = None, progress: ProgressCallback = lambda source: None,
          jobs: int = 1, dask: str | None = None, max_chars: int = MAX_CHARS) -> BuildReport:
    """Add the documents in `inputs` to the graph in `out` (created if absent).

    Documents already built with the same content are skipped, so a rebuild is a no-op and an
    interrupted build continues where it stopped; a document whose content changed is replaced.
    `jobs` > 1 analyses in that many local processes, `dask` ("local" or a scheduler address) on
    a Dask cluster; either way the store is written here, in input order.
    """
    from kg.parallel import analysed
    from kg.store import GraphStore, build_lock

    out = Path(out)
    items = read_inputs(inputs, stdin, max_chars=max_chars)  # raises for a missing path before the store is touched
    report = BuildReport()
    with build_lock(out), analysed(model, gazetteer_files, jobs=jobs, dask=dask) as analyse:
        with GraphStore.create_or_open(out, base=base, model=analyse.model) as store:
            built = store.document_hashes()
            for result in analyse(_new_documents(items, built, report, progress)):
                if result.document.id in built:
                    store.remove_document(result.document.id)
                    report.documents_replaced += 1
                else:
                    report.documents_added += 1
                report.quads += store.add_document(result)
                report.statements += len(result.statements)
                progress(result.document.source)
    return report
