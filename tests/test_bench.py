"""The benchmark: its corpus, its synthetic store and a smoke run of `python -m bench.run --quick`.

Nothing here asserts on speed: the smoke run only checks that every figure is there and positive.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from bench.corpus import MAX_WORDS, MIN_WORDS, article, articles
from kg.ingest import make_document
from tests.conftest import ROOT


def _bench(*args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "bench.run", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)


def test_corpus_is_deterministic_and_does_not_depend_on_its_size():
    assert article(3) == article(3)
    assert articles(5)[:3] == articles(3)
    assert article(3, seed=1) != article(3, seed=2)
    assert len({a.name for a in articles(20)}) == 20


def test_articles_read_as_news_with_date_headline_and_dateline():
    for item in articles(10):
        assert re.match(r"date \d{4}-\d{2}-\d{2}\n", item.text)
        document = make_document(item.text, item.name)
        assert document.date == item.text[5:15]
        assert document.title and document.title in item.text.splitlines()[1]
        assert not re.match(r"[A-Z ]+, \w+ \d+\. /", document.text), "the dateline is left to ingest to strip"
        assert re.match(r"[A-Z ]+, \w+ \d+\. /", item.text.split("\n\n")[1])
        # paragraphs are added until the target length is reached, so one paragraph may overshoot
        assert MIN_WORDS <= len(document.text.split()) <= MAX_WORDS + 150


def test_bench_gazetteer_is_a_valid_user_gazetteer(tmp_path):
    from bench.gazetteer import write_gazetteer
    from kg.knowledge import gazetteer

    path = write_gazetteer(tmp_path / "g.tsv", 500, seed=1)
    mine = {key: entity for key, entity in gazetteer((path,)).entities.items() if key.startswith("bench_")}
    assert len(mine) == 500 and all(entity.aliases and entity.qid for entity in mine.values())
    assert path.read_text() == write_gazetteer(tmp_path / "again.tsv", 500, seed=1).read_text()


def test_synthetic_store_is_a_valid_kg_graph_and_is_cached(tmp_path):
    from bench.synthetic import synthetic_graph
    from kg.query import run
    from kg.store import GraphStore
    from kg.validate import validate

    messages = []
    graph = synthetic_graph(tmp_path, 1500, progress=messages.append)
    assert graph.quads >= 1500 and graph.documents > 0
    with GraphStore.open(graph.folder) as store:
        count = next(iter(run(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a geo:Statement } }")))
        assert int(count["n"].value) == graph.statements
        label = next(iter(run(store, f"SELECT ?l WHERE {{ ent:{graph.query_entity} rdfs:label ?l }}")))
        assert label["l"].value == graph.query_label
        report = validate(store)
    assert report.conforms, report.violations[:3]
    assert synthetic_graph(tmp_path, 1500, progress=messages.append) == graph
    assert messages[0].startswith("generating") and messages[1].startswith("reusing")


def test_synthetic_statements_are_one_node_each():
    """Two statements alike but for their confidence were one node with two geo:confidence values: the 1M-quad
    store did not conform (document 521 of seed 1)."""
    from bench.synthetic import _Documents

    documents = _Documents(seed=1)
    for index in range(600):
        keys = [statement.key for statement in documents.result(index).statements]
        assert len(keys) == len(set(keys)), index


def _numbers(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield value


@pytest.mark.model
@pytest.mark.bench
def test_quick_bench_reports_every_figure(tmp_path):
    results_file = tmp_path / "results.json"
    done = _bench("--quick", "--work", str(tmp_path / "work"), "--json", str(results_file))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("kg benchmark")
    for words in ("bare spaCy nlp.pipe", "kg build, one process", "kg build --jobs 2", "peak memory",
                  "user gazetteer of 3,000 rows", "kg validate of the 10-article build", "conforms", "entity_lookup",
                  "two_hop_join", "group_by_predicate"):
        assert words in done.stdout
    assert "wrote " + str(results_file) in done.stderr
    results = json.loads(results_file.read_text())
    assert {"date", "command", "machine", "versions", "settings", "targets", "corpus", "bare_spacy", "kg_build",
            "kg_build_jobs2", "memory", "gazetteer", "validate", "queries", "bench_seconds"} <= set(results)
    assert {"cpu_model", "cpu_count", "ram_gb", "platform", "python"} <= set(results["machine"])
    assert results["corpus"]["articles"] == 10 and results["memory"]["half"]["articles"] == 5
    assert {"words_per_sec", "ratio_to_bare", "peak_rss_mb"} <= set(results["kg_build"])
    assert results["validate"]["articles"] == 10 and results["validate"]["conforms"] is True
    assert results["queries"]["store"]["quads"] >= 10_000
    assert results["gazetteer"]["rows"] == 3_000 and set(results["gazetteer"]) == {"rows", "without", "with"}
    assert set(results["queries"]["latencies"]) == {"entity_lookup", "two_hop_join", "group_by_predicate"}
    assert all(figures["rows"] > 0 for figures in results["queries"]["latencies"].values())
    assert all(number > 0 for number in _numbers(results))


@pytest.mark.parametrize("args, message", [
    (["--articles", "1"], "--articles must be at least 2"),
    (["--quads", "0"], "--quads must be at least 1"),
    (["--repeats", "x"], "invalid int value"),
    (["--gazetteer-rows", "0"], "--gazetteer-rows must be at least 1"),
])
def test_bad_options_are_one_line_errors(args, message):
    done = _bench(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and message in done.stderr


def test_the_corpus_reads_like_real_news():
    """Sentence length, punctuation and paragraphs within 10% of real news (bench/realnews.json)."""
    from bench.realstats import MATCHED, TOLERANCE, generated_texts, targets, text_statistics

    found, real = text_statistics(generated_texts(100)), targets()
    off = {name: (found[name], real[name]) for name in MATCHED if abs(found[name] / real[name] - 1) > TOLERANCE}
    assert not off, off


@pytest.mark.model
def test_the_corpus_names_entities_as_densely_as_real_news():
    from bench.realstats import TOLERANCE, entities_per_100_tokens, generated_texts, targets

    density = entities_per_100_tokens(generated_texts(40))
    assert abs(density / targets()["entities_per_100_tokens"] - 1) <= TOLERANCE, density
