"""Benchmark runner (`make bench`): kg build against bare spaCy, memory at two corpus sizes, gazetteer load,
kg validate, query latencies."""

from __future__ import annotations

import json
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import DEFAULT_SEED, write_corpus
from bench.gazetteer import write_gazetteer
from bench.latency import query_latencies
from bench.machine import machine, versions
from bench.measure import (
    BenchError,
    BuildRun,
    Corpus,
    bare_pipe_seconds,
    build_options,
    load_kg_pipeline,
    pipe_batch_size,
    read_corpus,
    run_build,
    run_validate,
)
from bench.parser import OneLineParser
from bench.report import table
from bench.synthetic import synthetic_graph
from kg.errors import KgError

HERE = Path(__file__).resolve().parent
TARGETS = {"build_vs_bare": 0.85, "jobs2_speedup": 1.6}
JOBS = ("--jobs", "2")
QUICK = {"articles": 10, "quads": 10_000, "repeats": 1, "query_runs": 3, "gazetteer_rows": 3_000}
DEFAULTS = {"articles": 500, "quads": 1_000_000, "repeats": 2, "query_runs": 5, "gazetteer_rows": 300_000}


@dataclass(frozen=True)
class Settings:
    articles: int
    quads: int
    repeats: int
    query_runs: int
    gazetteer_rows: int
    seed: int
    work: Path
    json_path: Path


def parse_settings(argv: list[str] | None) -> Settings:
    parser = OneLineParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--articles", type=int, help="Corpus size in articles (default 500; at least 2).")
    parser.add_argument("--quads", type=int, help="Minimum size of the query store (default 1,000,000).")
    parser.add_argument("--repeats", type=int, help="Interleaved runs of bare spaCy and kg build; the best "
                                                    "counts (default 2).")
    parser.add_argument("--query-runs", type=int, help="Timed runs of each query; the median counts (default 5).")
    parser.add_argument("--gazetteer-rows", type=int, help="Rows of the user gazetteer a one-article build "
                                                           "loads (default 300,000).")
    parser.add_argument("--quick", action="store_true", help="Smoke run: 10 articles, 10,000 quads, one round, "
                                                             "3,000 gazetteer rows.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Corpus seed (default %(default)s).")
    parser.add_argument("--work", type=Path, default=HERE / "work",
                        help="Folder for the corpus, builds and cached stores (default bench/work).")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json", dest="json_path",
                        help="Where to write the results (default bench/results/latest.json).")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else DEFAULTS
    values = {name: getattr(args, name) if getattr(args, name) is not None else default
              for name, default in sizes.items()}
    for name, least in (("articles", 2), ("quads", 1), ("repeats", 1), ("query_runs", 1), ("gazetteer_rows", 1)):
        if values[name] < least:
            parser.error(f"--{name.replace('_', '-')} must be at least {least}")
    return Settings(**values, seed=args.seed, work=args.work, json_path=args.json_path)


def progress(message: str) -> None:
    print(f"bench {time.strftime('%H:%M:%S')}  {message}", file=sys.stderr, flush=True)


def _fresh_build(corpus: Corpus, out: Path, extra: tuple[str, ...] = ()) -> BuildRun:
    shutil.rmtree(out, ignore_errors=True)
    run = run_build([corpus.folder], out, extra)
    if run.documents != len(corpus.documents):
        raise BenchError(f"kg build {' '.join(extra)} added {run.documents} of {len(corpus.documents)} "
                         f"documents ({run.stderr_tail})")
    return run


def _throughput(seconds: list[float], words: int) -> dict:
    return {"seconds": [round(s, 3) for s in seconds], "best_seconds": round(min(seconds), 3),
            "words_per_sec": round(words / min(seconds), 1)}


def _build_figures(runs: list[BuildRun], words: int) -> dict:
    return _throughput([r.seconds for r in runs], words) | {"peak_rss_mb": round(max(r.peak_rss_mb for r in runs), 1)}


def measure_throughput(settings: Settings) -> dict:
    """Bare spaCy and kg build on the same corpus, interleaved round by round, plus a half-size build."""
    half_size = settings.articles // 2
    corpus = read_corpus(write_corpus(settings.work / "corpus" / "full", settings.articles, settings.seed))
    half = read_corpus(write_corpus(settings.work / "corpus" / "half", half_size, settings.seed))
    nlp, load_seconds = load_kg_pipeline()
    batch_size = pipe_batch_size()
    bare_pipe_seconds(nlp, Corpus(corpus.folder, corpus.documents[:2]), batch_size)  # first-call set-up
    variants = {"kg_build": ()} | ({"kg_build_jobs2": JOBS} if "--jobs" in build_options() else {})
    bare, builds = [], {name: [] for name in variants}
    for round_number in range(1, settings.repeats + 1):
        progress(f"round {round_number}/{settings.repeats}: bare spaCy over {corpus.words:,} words")
        bare.append(bare_pipe_seconds(nlp, corpus, batch_size))
        for name, extra in variants.items():
            progress(f"round {round_number}/{settings.repeats}: kg build {' '.join(extra)}".rstrip())
            builds[name].append(_fresh_build(corpus, settings.work / "builds" / name, extra))
    progress(f"kg build of the first {half_size} articles (memory at half the corpus)")
    half_run = _fresh_build(half, settings.work / "builds" / "half")
    results = {
        "corpus": {"articles": len(corpus.documents), "words": corpus.words, "seed": settings.seed},
        "bare_spacy": _throughput(bare, corpus.words) | {"batch_size": batch_size,
                                                         "pipeline_load_seconds": round(load_seconds, 3)},
        "kg_build": _build_figures(builds["kg_build"], corpus.words),
        "kg_build_jobs2": _build_figures(builds["kg_build_jobs2"], corpus.words) if len(variants) > 1 else None,
    }
    results["kg_build"]["ratio_to_bare"] = round(results["kg_build"]["words_per_sec"]
                                                 / results["bare_spacy"]["words_per_sec"], 3)
    if results["kg_build_jobs2"] is not None:
        results["kg_build_jobs2"]["speedup"] = round(results["kg_build_jobs2"]["words_per_sec"]
                                                     / results["kg_build"]["words_per_sec"], 3)
    full_rss = results["kg_build"]["peak_rss_mb"]
    results["memory"] = {"half": {"articles": len(half.documents), "words": half.words,
                                  "peak_rss_mb": round(half_run.peak_rss_mb, 1)},
                         "full": {"articles": len(corpus.documents), "words": corpus.words, "peak_rss_mb": full_rss},
                         "growth": round(full_rss / half_run.peak_rss_mb, 3)}
    return results


def measure_gazetteer(settings: Settings) -> dict:
    """`kg build` of one article with and without a large user gazetteer: what loading it costs."""
    rows = settings.gazetteer_rows
    path = write_gazetteer(settings.work / "gazetteer" / f"rows-{rows}.tsv", rows, settings.seed)
    one = read_corpus(write_corpus(settings.work / "corpus" / "one", 1, settings.seed))
    progress(f"kg build of one article, without and with a gazetteer of {rows:,} rows")
    runs = {name: _fresh_build(one, settings.work / "builds" / "gazetteer", extra)
            for name, extra in (("without", ()), ("with", ("--gazetteer", str(path))))}
    return {"rows": rows} | {name: {"seconds": round(run.seconds, 3), "cpu_seconds": round(run.cpu_seconds, 3),
                                    "peak_rss_mb": round(run.peak_rss_mb, 1)} for name, run in runs.items()}


def measure_validation(settings: Settings, articles: int) -> dict:
    """`kg validate` of the last one-process build of the whole corpus."""
    progress(f"kg validate of the {articles}-article build")
    run = run_validate(settings.work / "builds" / "kg_build")
    return {"articles": articles, "seconds": round(run.seconds, 3), "nodes_checked": run.nodes_checked,
            "conforms": run.conforms}


def measure_queries(settings: Settings) -> dict:
    graph = synthetic_graph(settings.work / "stores", settings.quads, progress=progress)
    progress(f"query latencies on {graph.quads:,} quads, median of {settings.query_runs} runs")
    latencies = query_latencies(graph.folder, graph.query_entity, graph.query_label, settings.query_runs)
    store = {k: v for k, v in asdict(graph).items() if k != "folder"}
    return {"store": store, "runs": settings.query_runs,
            "latencies": {item.query: {"median_ms": round(item.median_ms, 3), "min_ms": round(item.min_ms, 3),
                                       "rows": item.rows} for item in latencies}}


def benchmark(settings: Settings, argv: list[str]) -> dict:
    from kg.settings import DEFAULT_MODEL

    started = time.perf_counter()
    results = {"date": datetime.now(UTC).isoformat(timespec="seconds"),
               "command": " ".join(["python -m bench.run", *argv]),
               "machine": machine(), "versions": versions(DEFAULT_MODEL),
               "settings": {"articles": settings.articles, "quads": settings.quads, "repeats": settings.repeats,
                            "query_runs": settings.query_runs, "gazetteer_rows": settings.gazetteer_rows,
                            "seed": settings.seed},
               "targets": TARGETS}
    results |= measure_throughput(settings)
    results["gazetteer"] = measure_gazetteer(settings)
    results["validate"] = measure_validation(settings, results["corpus"]["articles"])
    results["queries"] = measure_queries(settings)
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    return results


def main(argv: list[str] | None = None) -> None:
    from kg.store import write_atomic

    argv = sys.argv[1:] if argv is None else argv
    settings = parse_settings(argv)
    try:
        results = benchmark(settings, argv)
        write_atomic(settings.json_path, (json.dumps(results, indent=2) + "\n").encode())
    except KgError as err:
        print(f"bench: error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    except OSError as err:
        print(f"bench: error: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    sys.stdout.write(table(results))
    progress(f"wrote {settings.json_path}")


if __name__ == "__main__":
    main()
