"""Build stage: ingest -> analyse -> store, streaming one document at a time."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kg.errors import KgError
from kg.ingest import Problem, read_inputs
from kg.records import Document
from kg.settings import Settings

ProgressCallback = Callable[[str], None]


class BuildError(KgError):
    """The build cannot start: its output folder is not one to build in."""


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
    first_seen: dict[str, str] = {}  # id -> where this run met it first
    for item in items:
        if isinstance(item, Document) and item.id in first_seen:
            # a second document under one id would replace the first: it is reported instead
            item = Problem(item.source, f"duplicate id {item.original_id or item.id!r} (first in "
                                        f"{first_seen[item.id]}), skipped")
        if isinstance(item, Problem):
            report.problems.append(item)
            progress(item.source)
            continue
        first_seen[item.id] = item.source
        if built.get(item.id) == hashlib.sha256(item.text.encode()).hexdigest():
            report.documents_unchanged += 1
            progress(item.source)
            continue
        yield item


def check_output_folder(out: str | Path, force: bool = False) -> Path:
    """The --out folder, refused when empty or when it holds files kg did not write (unless
    `force`): a slip such as `--out ~` would otherwise put a store among someone's files."""
    from kg.store import LOCK_FILE, META_FILE, STORE_DIR

    if not str(out).strip():
        raise BuildError("--out is empty; name the folder to build the graph in")
    folder = Path(out)
    if force or not folder.is_dir() or (folder / META_FILE).is_file():
        return folder
    # hidden entries (.gitkeep, .DS_Store) do not count
    foreign = sorted(p.name for p in folder.iterdir()
                     if p.name not in {STORE_DIR, LOCK_FILE} and not p.name.startswith("."))
    if foreign:
        raise BuildError(f"--out {folder} holds files kg did not write ({', '.join(foreign[:3])}"
                         f"{', ...' if len(foreign) > 3 else ''}); build in a new or empty folder, or add --force")
    return folder


def _check_base(base: str) -> None:
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(base + "entity/x")  # the IRIs of entities, documents, ... start with it
    except ValueError as err:
        raise BuildError(f"--base {base!r} is not an absolute IRI ({err})") from None


def build(inputs: list[str], out: str | Path, settings: Settings = Settings(), *, base: str | None = None,
          stdin: bytes | BinaryIO | None = None, progress: ProgressCallback = lambda source: None,
          jobs: int = 1, dask: str | None = None, force: bool = False,
          loaded: Callable[[], None] = lambda: None) -> BuildReport:
    """Add the documents in `inputs` to the graph in `out` (created if absent; a folder holding
    other files only with `force`).

    Documents already built with the same content are skipped, so a rebuild is a no-op and an
    interrupted build continues where it stopped; a document whose content changed is replaced;
    a second document with the id of one met before in this run is reported and skipped.
    `jobs` > 1 analyses in that many local processes, `dask` ("local" or a scheduler address) on
    a Dask cluster; either way the store is written here, in input order. `loaded()` is called
    once the analysis is ready, before the first document.
    """
    from kg.parallel import open_analysis
    from kg.store import GraphStore, build_lock

    out = check_output_folder(out, force)
    if base is not None:
        _check_base(base)
    # raises for a missing path before the store is touched
    items = read_inputs(inputs, stdin, clean=settings.clean, max_chars=settings.max_chars)
    report = BuildReport()
    with build_lock(out), open_analysis(settings, jobs=jobs, dask=dask) as analyse:
        loaded()
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
