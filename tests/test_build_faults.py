"""Builds that survive faults: interrupted runs, a second build, failing writes, vanishing and oversized
inputs, damaged stores; and the parallel and Dask builds give the same graph as a local one."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.store import LOCK_FILE, STORE_DIR, GraphStore
from kg.validate import validate
from tests.conftest import EXAMPLES, ROOT

runner = CliRunner()
COUNTRIES = ["France", "Germany", "Poland", "Japan", "Canada", "Brazil", "India", "Spain", "Italy", "Sweden"]
VERBS = ["criticized", "supported", "sanctioned", "accused", "opposed", "condemned"]


def write_corpus(folder, count: int):
    """Short wire stories of our own, each with different content."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
        b = b if b != a else COUNTRIES[(i + 5) % 10]
        (folder / f"story{i:04d}.txt").write_text(
            f"date 2022-{1 + i % 12:02d}-{1 + i % 28:02d}\n\n{a} {VERBS[i % 6]} {b} on Monday over a dispute "
            f"about fishing quota number {i}. Officials in {b} said the talks would continue next week.\n")
    return folder


def dump(folder) -> list[bytes]:
    with GraphStore.open(folder) as store:
        return sorted(store.oxigraph.dump(format=ox.RdfFormat.N_QUADS).splitlines())


def documents_in(folder) -> int:
    """Counted through a read-only handle, which works while a build holds the store."""
    store = ox.Store.read_only(str(folder / STORE_DIR))
    return len(list(store.query("SELECT ?d WHERE { GRAPH ?d { ?d a <https://geokg.example.org/ontology#Document> } }")))


def start_build(corpus, out) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)


def wait_for(condition, what: str, limit: float = 60):
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.02)


def _stored_some(out, process) -> bool:
    assert process.poll() is None, "the build ended before it could be interrupted"
    try:
        return documents_in(out) >= 3
    except (OSError, RuntimeError):  # the store is still being created
        return False


@pytest.mark.model
@pytest.mark.parametrize("how", ["kill", "interrupt"])
def test_interrupted_build_is_consistent_and_a_rerun_completes_it(tmp_path, how):
    corpus = write_corpus(tmp_path / "corpus", 150)
    out = tmp_path / "graph"
    process = start_build(corpus, out)
    wait_for(lambda: _stored_some(out, process), "the first documents")
    process.send_signal(signal.SIGKILL if how == "kill" else signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    if how == "interrupt":
        assert process.returncode == 130 and "interrupted; what was already stored is kept" in stderr
        assert "Traceback" not in stderr
    stored = documents_in(out)
    assert 3 <= stored < 150
    with GraphStore.open(out) as store:
        assert validate(store).conforms  # every stored document is whole: statements, sentences, edges

    report = build([str(corpus)], out)
    assert (report.documents_unchanged, report.documents_added) == (stored, 150 - stored)
    clean = tmp_path / "clean"
    build([str(corpus)], clean)
    assert dump(out) == dump(clean)


@pytest.mark.model
def test_second_build_of_the_same_folder_is_refused(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 150)
    out = tmp_path / "graph"
    first = start_build(corpus, out)
    lock = out / LOCK_FILE
    wait_for(lambda: lock.is_file() and lock.read_text() == str(first.pid), "the first build's lock")
    second = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(out)])
    assert second.exit_code == 2 and second.stdout == ""
    assert second.stderr == f"kg: error: {out} is being built by another kg process (pid {first.pid}); " \
                            f"wait for it to finish or build into another --out folder\n"
    assert first.wait(timeout=120) == 0 and documents_in(out) == 150


@pytest.mark.model
def test_changed_document_replaces_its_statements_and_edges(tmp_path):
    records = tmp_path / "news.jsonl"

    def write(first: str):
        records.write_text("\n".join(json.dumps({"id": i, "text": t, "date": "2022-03-01"}) for i, t in
                                     [("x", first), ("y", "Japan criticized Canada on Monday.")]) + "\n")

    write("France sanctioned Germany on Monday. Japan criticized Canada on Tuesday.")
    out = tmp_path / "graph"
    build([str(records)], out)
    write("France supported Germany on Monday.")
    report = build([str(records)], out)
    assert (report.documents_replaced, report.documents_unchanged, report.documents_added) == (1, 1, 0)
    with GraphStore.open(out) as store:
        def ask(sparql):
            return bool(store.oxigraph.query(sparql, use_default_graph_as_union=False, prefixes=store.prefixes()))
        assert not ask("ASK { ent:france geo:sanctions ent:germany }")
        assert ask("ASK { ent:france geo:supports ent:germany }")
        assert ask("ASK { ent:japan geo:criticizes ent:canada }")  # still said by document y
        assert not ask("ASK { GRAPH doc:x { ?st geo:predicate geo:sanctions } }")
        assert validate(store).conforms


class DiskFillsUp:
    """A store whose third write fails as on a full disk."""

    def __init__(self, store):
        self.store = store
        self.writes = 0

    def extend(self, quads):
        self.writes += 1
        if self.writes > 2:
            raise OSError(28, "No space left on device")
        self.store.extend(quads)

    def __getattr__(self, name):
        return getattr(self.store, name)


@pytest.mark.model
def test_failing_write_stops_cleanly_and_keeps_what_was_stored(tmp_path, monkeypatch):
    import kg.store

    corpus = write_corpus(tmp_path / "corpus", 6)
    out = tmp_path / "graph"
    real_open = kg.store._open_oxigraph
    monkeypatch.setattr(kg.store, "_open_oxigraph", lambda path, read_only: DiskFillsUp(real_open(path, read_only)))
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"kg: error: cannot write to the graph store in {out}: ")
    assert "the documents stored before are kept, run the same build again to continue" in result.stderr
    monkeypatch.undo()
    assert documents_in(out) == 2
    assert build([str(corpus)], out).documents_added == 4


@pytest.mark.model
def test_vanishing_and_oversized_inputs_are_skipped(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 3)
    (corpus / "huge.txt").write_bytes(b"a" * (50 * 1024 * 1024))  # 50 MB on one line
    doomed = corpus / "story0002.txt"

    def delete_doomed(source: str) -> None:
        doomed.unlink(missing_ok=True)

    report = build([str(corpus)], tmp_path / "graph", progress=delete_doomed)
    problems = sorted(str(p) for p in report.problems)
    assert report.documents_added == 2
    assert problems == [f"{corpus / 'huge.txt'}: too long (more than 4,000,000 bytes; the limit is 1,000,000 "
                        "characters), skipped",
                        f"{doomed}: cannot read (No such file or directory)"]


@pytest.mark.model
def test_damaged_store_is_detected_at_open(example_graph, tmp_path):
    copy = tmp_path / "graph"
    shutil.copytree(example_graph, copy)
    for table in (copy / STORE_DIR).glob("*.sst"):
        table.write_bytes(b"\0" * 100)
    for args in (["stats", "-g", str(copy)], ["build", str(EXAMPLES), "--out", str(copy)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, args
        assert result.stderr.startswith(f"kg: error: the graph store in {copy} is damaged (Corruption")
        assert "rebuild it into a new --out folder or restore a copy" in result.stderr


def test_output_under_a_file_is_refused(tmp_path):
    (tmp_path / "plain").write_text("x")
    result = runner.invoke(app, ["build", str(EXAMPLES), "--out", str(tmp_path / "plain" / "graph")])
    assert result.exit_code == 2 and result.stderr.startswith("kg: error: cannot create ")


def _isomorphic(left, right) -> bool:
    datasets = []
    for folder in (left, right):
        dataset = Dataset()
        dataset.parse(data=b"\n".join(dump(folder)).decode(), format="nquads")
        datasets.append(dataset)
    names = {g.identifier for g in datasets[0].graphs()} | {g.identifier for g in datasets[1].graphs()}
    return all(isomorphic(datasets[0].graph(name), datasets[1].graph(name)) for name in names)


@pytest.mark.model
def test_parallel_build_gives_the_same_graph(built_example_graph, tmp_path):
    report = build([str(EXAMPLES)], tmp_path / "jobs2", jobs=2)
    assert report.documents_added >= 5 and not report.problems
    assert dump(tmp_path / "jobs2") == dump(built_example_graph)


@pytest.mark.model
def test_dask_local_cluster_build_is_isomorphic_to_a_local_one(built_example_graph, tmp_path):
    pytest.importorskip("dask.distributed", reason="dask is in the dev extra")
    report = build([str(EXAMPLES)], tmp_path / "dask", dask="local", jobs=1)
    assert report.documents_added >= 5 and not report.problems
    assert _isomorphic(tmp_path / "dask", built_example_graph)
