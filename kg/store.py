"""Graph stage, storage: an rdflib Dataset on an embedded Oxigraph store under the output folder."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyoxigraph
from oxrdflib import OxigraphStore
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.knowledge import data_path, namespaces
from kg.rdf import DEFAULT_GRAPH, GEO, Iris, document_quads
from kg.records import DocumentResult
from kg.errors import KgError

STORE_DIR = "store"
META_FILE = "kg.json"
FORMAT_VERSION = 1
ONTOLOGY_GRAPH = "https://geokg.example.org/ontology"


class StoreError(KgError):
    """The output folder holds no usable graph, or cannot be opened."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _open_oxigraph(path: Path, read_only: bool) -> pyoxigraph.Store:
    try:
        return pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
    except OSError as err:
        message = str(err)
        if "lock" in message.lower():
            raise StoreError(f"{path.parent} is in use by another kg process (store is locked)") from None
        raise StoreError(f"cannot open the graph store in {path.parent}: {message.splitlines()[0]}; "
                         f"if it is damaged, rebuild it into a new --out folder") from None


class GraphStore:
    """A built graph: Oxigraph store plus a small metadata file (base IRI, model)."""

    def __init__(self, folder: Path, oxigraph: pyoxigraph.Store, meta: dict, read_only: bool):
        self.folder = folder
        self.read_only = read_only
        self.meta = meta
        self.iris = Iris(meta["base"])
        self.dataset = Dataset(store=OxigraphStore(store=oxigraph), default_union=True)
        for prefix, iri in self.prefixes().items():
            self.dataset.bind(prefix, iri, override=True)

    @classmethod
    def open(cls, folder: str | Path, *, read_only: bool = True) -> GraphStore:
        folder = Path(folder)
        meta_path = folder / META_FILE
        if not meta_path.is_file() or not (folder / STORE_DIR).is_dir():
            raise StoreError(f"no graph in {folder} (run `kg build INPUT --out {folder}` first)")
        try:
            meta = json.loads(meta_path.read_text())
            meta["base"]
        except (ValueError, KeyError, TypeError):
            raise StoreError(f"{meta_path} is damaged; rebuild the graph into a new --out folder") from None
        return cls(folder, _open_oxigraph(folder / STORE_DIR, read_only), meta, read_only)

    @classmethod
    def create_or_open(cls, folder: str | Path, *, base: str | None = None, model: str = "") -> GraphStore:
        folder = Path(folder)
        if (folder / META_FILE).is_file():
            store = cls.open(folder, read_only=False)
            if base and base != store.meta["base"]:
                raise StoreError(f"{folder} was built with base IRI {store.meta['base']}, not {base}")
            return store
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"--out {folder} is a file, not a folder")
        meta = {"format": FORMAT_VERSION, "base": base or namespaces().base, "model": model}
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create {folder}: {err.strerror}") from None
        oxigraph = _open_oxigraph(folder / STORE_DIR, read_only=False)
        # the ontology rides along in its own graph, so queries can use labels, PLOVER types, ...
        oxigraph.load(path=str(data_path("geopolitics.ttl")), format=pyoxigraph.RdfFormat.TURTLE,
                      to_graph=pyoxigraph.NamedNode(ONTOLOGY_GRAPH))
        write_atomic(folder / META_FILE, json.dumps(meta, indent=2).encode())
        return cls(folder, oxigraph, meta, read_only=False)

    @property
    def oxigraph(self) -> pyoxigraph.Store:
        return self.dataset.store._inner

    def prefixes(self) -> dict[str, str]:
        return namespaces().prefixes(self.meta["base"])

    def document_hashes(self) -> dict[str, str]:
        """Built documents: id -> content hash."""
        rows = self.dataset.query(
            "SELECT ?doc ?hash WHERE { GRAPH ?doc { ?doc a geo:Document ; geo:contentHash ?hash } }",
            initNs={"geo": GEO})
        prefix = str(self.iris.document(""))
        return {str(row[0])[len(prefix):]: str(row[1]) for row in rows}

    def known_entities(self, ids: set[str]) -> set[str]:
        if not ids:
            return set()
        values = " ".join(f"<{self.iris.entity(i)}>" for i in sorted(ids))
        rows = self.dataset.query(
            f"SELECT ?e WHERE {{ VALUES ?e {{ {values} }} ?e a ?type }}")
        prefix = str(self.iris.entity(""))
        return {str(row[0])[len(prefix):] for row in rows}

    def add_document(self, result: DocumentResult) -> int:
        """Store one document in a single transaction; returns the number of quads written."""
        known = self.known_entities({e.id for e in result.entities})
        quads = document_quads(result, self.iris, known)
        default = self.dataset.graph(DATASET_DEFAULT_GRAPH_ID)
        graph = self.dataset.graph(self.iris.document(result.document.id))
        self.dataset.addN((s, p, o, default if g is DEFAULT_GRAPH else graph) for s, p, o, g in quads)
        return len(quads)

    def close(self) -> None:
        if not self.read_only:
            self.oxigraph.flush()
        self.dataset.close()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
