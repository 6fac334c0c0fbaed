"""Graph stage, storage: an embedded Oxigraph store under the output folder."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph

from kg.errors import KgError
from kg.knowledge import data_path, namespaces
from kg.oxio import in_memory, solutions
from kg.rdf import Iris, document_quads
from kg.records import DocumentResult
from kg.sparql import bind, plain_statement
from kg.writer import BackgroundWriter, Job

STORE_DIR = "store"
META_FILE = "kg.json"
LOCK_FILE = "build.lock"
FORMAT_VERSION = 1
ONTOLOGY_GRAPH = "https://geokg.example.org/ontology"
# RocksDB holds what was written in memory (its memtables) until flushed, so a long build grew with
# every article; flushed every hundred articles' worth or so, it stays flat at the same total cost
# (the flush at close did the same work at once).
FLUSH_EVERY_QUADS = 50_000


# Plain edges that a document's positive, stated statements support and no other document's do.
_UNSUPPORTED_EDGES = """
DELETE { ?s ?p ?o } WHERE {
  GRAPH $graph { ?st geo:subject ?s ; geo:predicate ?p ; geo:object ?o . $plain }
  FILTER NOT EXISTS {
    GRAPH ?other { ?other_st geo:subject ?s ; geo:predicate ?p ; geo:object ?o . $other_plain }
    FILTER(?other != $graph)
  }
}"""


class StoreError(KgError):
    """The output folder holds no usable graph, or cannot be opened."""


def _umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _nameless_file(folder: Path) -> int | None:
    """A file in `folder` with no name yet (Linux O_TMPFILE), with a new file's permissions
    (0666 less the umask): if the writer is killed, nothing is left behind. None where the
    system or the file system has no such files."""
    if not os.path.isdir("/proc/self/fd"):  # the only way to give it a name later
        return None
    try:
        return os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o666)
    except (AttributeError, OSError):
        return None


def _link_nameless(handle: int, name: str) -> None:
    # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N names an O_TMPFILE file; os.link calls linkat,
    # not link (which would link the /proc entry itself), only when given a directory descriptor;
    # the name is then looked up under that folder, so it goes without the folder's path
    folder = os.open(os.path.dirname(name) or ".", os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.link(f"/proc/self/fd/{handle}", os.path.basename(name), src_dir_fd=folder, dst_dir_fd=folder,
                follow_symlinks=True)
    finally:
        os.close(folder)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never a partial one, with
    the permissions a new file gets (or the replaced file's). The content is written before the
    file has a name, where the system allows, so that a killed writer leaves no temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = None
    handle = _nameless_file(path.parent)
    tmp = None
    if handle is None:  # a named temporary file, which mkstemp makes private (0600)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        mode = 0o666 & ~_umask() if mode is None else mode
    try:
        with os.fdopen(handle, "wb") as out:
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            if tmp is None:  # named at the last moment, then renamed over the target
                tmp = str(path.parent / f".{path.name}.{os.getpid()}.tmp")
                Path(tmp).unlink(missing_ok=True)
                _link_nameless(out.fileno(), tmp)
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"--out {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"cannot create {folder}: {err.strerror}") from None


@contextmanager
def build_lock(folder: Path):
    """Held for a whole build, from before the model loads: a second build of the same folder is
    refused at once instead of after a minute of parsing."""
    _make_folder(folder)
    try:
        handle = (folder / LOCK_FILE).open("a+")
    except OSError as err:
        raise StoreError(f"cannot write in {folder}: {err.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            owner = handle.read().strip() or "?"
            raise StoreError(f"{folder} is being built by another kg process (pid {owner}); "
                             "wait for it to finish or build into another --out folder") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield


def _open_oxigraph(path: Path, read_only: bool) -> pyoxigraph.Store:
    try:
        return pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
    except OSError as err:
        message = str(err)
        if "lock" in message.lower():
            raise StoreError(f"{path.parent} is in use by another kg process (store is locked); "
                             "wait for it to finish") from None
        raise StoreError(f"cannot open the graph store in {path.parent}: {message.splitlines()[0]}") from None
    except RuntimeError as err:  # RocksDB reports damaged files as RuntimeError("Corruption: ...")
        raise StoreError(f"the graph store in {path.parent} is damaged ({str(err).splitlines()[0].split('  ')[0]}); "
                         f"rebuild it into a new --out folder or restore a copy") from None


class GraphStore:
    """A built graph: Oxigraph store plus a small metadata file (base IRI, model)."""

    def __init__(self, folder: Path, oxigraph: pyoxigraph.Store, meta: dict, read_only: bool):
        self.folder = folder
        self.name = str(folder)
        self.read_only = read_only
        self.meta = meta
        self.iris = Iris(meta["base"])
        self._oxigraph = oxigraph
        self._writer: BackgroundWriter | None = None  # started by the first write
        self._known_entities: set[str] | None = None
        self._quads_unflushed = 0

    @classmethod
    def open(cls, folder: str | os.PathLike[str], *, read_only: bool = True) -> GraphStore:
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
        meta = {"format": FORMAT_VERSION, "base": base or namespaces().base, "model": model}
        _make_folder(folder)
        oxigraph = _open_oxigraph(folder / STORE_DIR, read_only=False)
        # the ontology rides along in its own graph, so queries can use labels, PLOVER types, ...
        oxigraph.load(path=str(data_path("geopolitics.ttl")), format=pyoxigraph.RdfFormat.TURTLE,
                      to_graph=pyoxigraph.NamedNode(ONTOLOGY_GRAPH))
        write_atomic(folder / META_FILE, json.dumps(meta, indent=2).encode())
        return cls(folder, oxigraph, meta, read_only=False)

    @property
    def oxigraph(self) -> pyoxigraph.Store:
        """The Oxigraph store, once the writes submitted so far are done."""
        if self._writer is not None:
            with self._writing():
                self._writer.wait()
        return self._oxigraph

    def prefixes(self) -> dict[str, str]:
        return namespaces().prefixes(self.meta["base"])

    def query(self, sparql: str):
        """SPARQL over the union of all graphs, prefixes predeclared (kg.source.GraphSource)."""
        return self.oxigraph.query(sparql, use_default_graph_as_union=True, prefixes=self.prefixes())

    def dump(self, format: pyoxigraph.RdfFormat, *, default_graph: bool = False,
             prefixes: dict[str, str] | None = None) -> bytes:
        """Every graph, or only the default graph (kg.source.GraphSource)."""
        return in_memory(self.oxigraph.dump(format=format, prefixes=prefixes,
                                            from_graph=pyoxigraph.DefaultGraph() if default_graph else None))

    def document_hashes(self) -> dict[str, str]:
        """Built documents: id -> content hash."""
        rows = solutions(self.oxigraph.query(
            "SELECT ?doc ?hash WHERE { GRAPH ?doc { ?doc a geo:Document ; geo:contentHash ?hash } }",
            prefixes=self.prefixes()))
        prefix = self.iris.document("").value
        return {row[0].value[len(prefix):]: row[1].value for row in rows}

    def known_entities(self) -> set[str]:
        """Ids of the entities the store holds: their type and label are written once, by the first
        document that mentions them. Read from the store once, then kept up to date by add_document."""
        if self._known_entities is None:
            prefix = self.iris.entity("").value
            rows = solutions(self.oxigraph.query("SELECT DISTINCT ?e WHERE { ?e a ?type }"))  # in the default graph
            self._known_entities = {row[0].value[len(prefix):] for row in rows if row[0].value.startswith(prefix)}
        return self._known_entities

    def add_document(self, result: DocumentResult) -> int:
        """Store one document in a single transaction, written in the background after the writes
        before it; returns the number of quads."""
        known = self.known_entities()
        quads = document_quads(result, self.iris, known)
        self._write(lambda store: store.extend(quads))
        self._quads_unflushed += len(quads)
        if self._quads_unflushed >= FLUSH_EVERY_QUADS:
            self._quads_unflushed = 0
            self._write(lambda store: store.flush())
        known.update(entity.id for entity in result.entities)
        return len(quads)

    def remove_document(self, doc_id: str) -> None:
        """Drop a document's named graph, and the plain edges that no other document supports
        (in the background, after the writes before it).

        The edges go first: a build stopped in between leaves the document with its old content
        hash, so the next build replaces it again."""
        graph = self.iris.document(doc_id)
        unsupported_edges = bind(_UNSUPPORTED_EDGES, graph=graph, plain=plain_statement("?st"),
                                 other_plain=plain_statement("?other_st"))
        drop = bind("DROP SILENT GRAPH $graph", graph=graph)
        prefixes = self.prefixes()

        def remove(store: pyoxigraph.Store) -> None:
            store.update(unsupported_edges, prefixes=prefixes)
            store.update(drop)

        self._write(remove)

    def _write(self, job: Job) -> None:
        if self._writer is None:
            self._writer = BackgroundWriter(self._oxigraph)
        with self._writing():
            self._writer.submit(job)

    @contextmanager
    def _writing(self):
        try:
            yield
        except OSError as err:
            raise StoreError(f"cannot write to the graph store in {self.folder}: {str(err).splitlines()[0]}; "
                             "the documents stored before are kept, run the same build again to continue") from None

    def close(self) -> None:
        writer, self._writer = self._writer, None
        try:
            with self._writing():
                if writer is not None:
                    writer.close()
                if not self.read_only:
                    self._oxigraph.flush()
        finally:
            del self._oxigraph  # the last reference: RocksDB's lock on the folder goes with it

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
