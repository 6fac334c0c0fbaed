"""Graph stage, projection: the stored graph -> a NetworkX MultiDiGraph of entities and truthy edges."""

from __future__ import annotations

import networkx as nx

from kg.query import run
from kg.store import GraphStore

_NODES = """
SELECT ?e ?label ?type ?qid (GROUP_CONCAT(DISTINCT ?alias; separator=" | ") AS ?aliases) WHERE {
  ?e rdfs:label ?label ; a ?type .
  FILTER(STRSTARTS(STR(?e), STR(ent:)) && STRSTARTS(STR(?type), STR(geo:)))
  OPTIONAL { ?e owl:sameAs ?qid }
  OPTIONAL { ?e skos:altLabel ?alias }
} GROUP BY ?e ?label ?type ?qid
"""

# Edges are the truthy statements (positive, asserted or reported), with their support.
_EDGES = """
SELECT ?s ?p ?o (COUNT(DISTINCT ?st) AS ?support) (MIN(?d) AS ?first) (MAX(?d) AS ?last)
       (GROUP_CONCAT(DISTINCT ?source; separator=" | ") AS ?sources) WHERE {
  GRAPH ?g {
    ?st a geo:Statement ; geo:subject ?s ; geo:predicate ?p ; geo:object ?o ;
        geo:polarity "positive" ; geo:modality ?m ; prov:wasDerivedFrom ?sentence .
    ?sentence geo:start ?start ; geo:end ?end .
    FILTER(?m IN ("asserted", "reported"))
    OPTIONAL { ?st dcterms:date ?d }
  }
  BIND(CONCAT(STRAFTER(STR(?g), STR(doc:)), ":", STR(?start), "-", STR(?end)) AS ?source)
} GROUP BY ?s ?p ?o
"""


def _local(term, prefix: str) -> str:
    return term.value[len(prefix):] if term is not None and term.value.startswith(prefix) else (
        term.value if term is not None else "")


def to_networkx(store: GraphStore) -> nx.MultiDiGraph:
    """Entities as nodes (label, type, wikidata, aliases); truthy relations as edges
    (predicate, weight = support count, first/last date, sources as "doc:start-end | ...")."""
    prefixes = store.prefixes()
    ent, geo, rel, wd = prefixes["ent"], prefixes["geo"], prefixes["rel"], prefixes["wd"]
    graph = nx.MultiDiGraph()
    for row in run(store, _NODES):
        graph.add_node(_local(row["e"], ent), label=row["label"].value, type=_local(row["type"], geo),
                       wikidata=_local(row["qid"], wd), aliases=row["aliases"].value if row["aliases"] else "")
    for number, row in enumerate(run(store, _EDGES)):
        predicate = _local(row["p"], geo) if row["p"].value.startswith(geo) else _local(row["p"], rel)
        graph.add_edge(_local(row["s"], ent), _local(row["o"], ent), key=f"e{number}",
                       predicate=predicate, label=predicate.replace("_", " "),
                       weight=int(row["support"].value), first_date=_local(row["first"], ""),
                       last_date=_local(row["last"], ""), sources=row["sources"].value)
    return graph
