"""Benchmark queries: latency of kg's query API on a large store (entity lookup, 2-hop join, GROUP BY)."""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from kg.query import run
from kg.store import GraphStore

QUERIES = {
    "entity_lookup": "SELECT ?entity ?type WHERE {{ ?entity rdfs:label {label} ; a ?type }}",
    # who is connected to the neighbours of X, over the truthy relation edges
    "two_hop_join": """SELECT ?other (COUNT(*) AS ?paths) WHERE {{
        ent:{entity} ?p ?neighbour . ?p geo:relationKind ?kind .
        ?neighbour ?q ?other . ?q geo:relationKind ?kind2 . FILTER(?other != ent:{entity}) }}
        GROUP BY ?other""",
    "group_by_predicate": """SELECT ?predicate (COUNT(?statement) AS ?statements) WHERE {{
        GRAPH ?g {{ ?statement geo:predicate ?predicate }} }} GROUP BY ?predicate ORDER BY DESC(?statements)""",
}


@dataclass(frozen=True)
class Latency:
    query: str
    median_ms: float
    min_ms: float
    rows: int


def _timed(store: GraphStore, sparql: str) -> tuple[float, int]:
    started = time.perf_counter()
    rows = sum(1 for _ in run(store, sparql))
    return (time.perf_counter() - started) * 1000, rows


def query_latencies(folder: Path, entity: str, label: str, runs: int) -> list[Latency]:
    """Each query once to warm the store up, then `runs` timed runs (every row consumed)."""
    latencies = []
    with GraphStore.open(folder) as store:
        for name, template in QUERIES.items():
            sparql = template.format(entity=entity, label=json.dumps(label))
            _timed(store, sparql)
            times, rows = zip(*(_timed(store, sparql) for _ in range(runs)))
            latencies.append(Latency(name, statistics.median(times), min(times), rows[0]))
    return latencies
