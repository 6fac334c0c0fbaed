"""Benchmark measurements: bare spaCy in this process; `kg build` (time, peak RSS) and `kg validate` in a child."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.records import Document

# The installed `kg` script runs exactly this; going through sys.executable keeps the same
# interpreter, virtualenv and PYTHONPATH as the benchmark itself.
KG_COMMAND = (sys.executable, "-c", "import sys; from kg.cli import app; sys.exit(app(prog_name='kg'))")


class BenchError(KgError):
    """The benchmark cannot go on: a `kg` command failed, or its options are unusable."""


@dataclass(frozen=True)
class Corpus:
    """The cleaned documents kg would parse, and their size in whitespace-separated words."""

    folder: Path
    documents: tuple[Document, ...]

    @property
    def words(self) -> int:
        return sum(len(d.text.split()) for d in self.documents)


@dataclass(frozen=True)
class BuildRun:
    seconds: float
    cpu_seconds: float  # user + system time of the build's processes: what a busy machine does not inflate
    peak_rss_mb: float  # of the largest process in the build's process tree
    documents: int
    stderr_tail: str


@dataclass(frozen=True)
class ValidateRun:
    seconds: float
    nodes_checked: int
    conforms: bool


def read_corpus(folder: Path) -> Corpus:
    """The documents exactly as `kg build` sees them: through kg's own ingest stage."""
    from kg.ingest import read_inputs

    return Corpus(folder, tuple(d for d in read_inputs([str(folder)]) if isinstance(d, Document)))


def pipe_batch_size() -> int:
    """The batch size kg's extraction stage hands to nlp.pipe, so the bare run uses the same."""
    from kg.extract import extract_documents

    return inspect.signature(extract_documents).parameters["batch_size"].default


def load_kg_pipeline():
    """kg's spaCy pipeline (default model, gazetteer ruler, kg components) and its load time."""
    from kg.analyse import Pipeline
    from kg.settings import Settings

    started = time.perf_counter()
    nlp = Pipeline.load(Settings()).nlp
    return nlp, time.perf_counter() - started


def bare_pipe_seconds(nlp, corpus: Corpus, batch_size: int) -> float:
    """Wall time of nlp.pipe over the corpus texts, consuming every Doc and nothing else."""
    texts = [d.text for d in corpus.documents]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def build_options() -> str:
    """`kg build --help`, to see which options (such as --jobs) this checkout has."""
    done = subprocess.run([*KG_COMMAND, "build", "--help"], capture_output=True, text=True,
                          env=os.environ | {"COLUMNS": "200"})
    if done.returncode != 0:
        raise BenchError(f"`kg build --help` failed: {done.stderr.strip().splitlines()[-1:]}")
    return done.stdout


def _max_rss_mb(rusage) -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    return rusage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def run_build(inputs: list[Path], out: Path, extra: tuple[str, ...] = ()) -> BuildRun:
    """Run `kg build INPUTS --out OUT` in a child process; wall time and the child's peak RSS.

    os.wait4 gives the resource usage of this one child (and the children it waited for), so
    successive builds are measured separately.
    """
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        child = subprocess.Popen([*KG_COMMAND, "build", *map(str, inputs), "--out", str(out), *extra],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, rusage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        tail = stderr.read().decode(errors="replace").strip().splitlines()[-1:] or [""]
    if child.returncode != 0:
        raise BenchError(f"kg build {' '.join(extra)} exited with {child.returncode}: {tail[0]}")
    return BuildRun(seconds, rusage.ru_utime + rusage.ru_stime, _max_rss_mb(rusage), _documents_added(tail[0]), tail[0])


def _documents_added(summary: str) -> int:
    """From kg build's closing line: "built OUT: N documents added, ..."."""
    words = summary.split(": ", 1)[-1].split()
    return int(words[0]) if words and words[0].isdigit() else 0


def run_validate(folder: Path) -> ValidateRun:
    """`kg validate -g FOLDER` in a child process: its wall time (start-up included) and its verdict."""
    started = time.perf_counter()
    done = subprocess.run([*KG_COMMAND, "validate", "-g", str(folder), "--format", "json"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: the graph does not conform, which the figures say
        tail = done.stderr.strip().splitlines()[-1:] or [""]
        raise BenchError(f"kg validate exited with {done.returncode}: {tail[0]}")
    report = json.loads(done.stdout)
    return ValidateRun(seconds, report["checked"], report["conforms"])
