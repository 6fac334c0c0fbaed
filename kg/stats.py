"""Report stage: counts of documents, statements, entities by type and relations by predicate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.query import compact, run
from kg.sparql import bind, plain_condition

if TYPE_CHECKING:
    from kg.source import GraphSource

_COUNTS = {
    "documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a geo:Document } }",
    "statements": "SELECT (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a geo:Statement } }",
    "entities": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e rdfs:label ?l ; a ?t "
                "FILTER(STRSTARTS(STR(?e), STR(ent:))) }",
}
_BY_TYPE = """SELECT ?key (COUNT(DISTINCT ?e) AS ?n) WHERE {
                ?e rdfs:label ?l ; a ?key FILTER(STRSTARTS(STR(?e), STR(ent:))) }
              GROUP BY ?key ORDER BY DESC(?n) ?key"""
_BY_PREDICATE = bind("""SELECT ?key (COUNT(?st) AS ?n) (SUM(IF($plain, 1, 0)) AS ?truthy)
  WHERE { GRAPH ?g { ?st geo:predicate ?key ; geo:polarity ?pol ; geo:modality ?m } }
  GROUP BY ?key ORDER BY DESC(?n) ?key""", plain=plain_condition("?pol", "?m"))


@dataclass(frozen=True)
class Stats:
    documents: int
    statements: int
    entities: int
    entities_by_type: dict[str, int]
    statements_by_predicate: dict[str, tuple[int, int]]  # predicate -> (all statements, truthy)

    def as_dict(self) -> dict:
        return {"documents": self.documents, "statements": self.statements, "entities": self.entities,
                "entities_by_type": self.entities_by_type,
                "relations": {p: {"statements": n, "truthy": t}
                              for p, (n, t) in self.statements_by_predicate.items()}}


def stats(store: GraphSource) -> Stats:
    prefixes = store.prefixes()
    counts = {name: int(next(iter(run(store, q)))["n"].value) for name, q in _COUNTS.items()}
    by_type = {compact(r["key"], prefixes): int(r["n"].value) for r in run(store, _BY_TYPE)}
    by_predicate = {compact(r["key"], prefixes): (int(r["n"].value), int(r["truthy"].value))
                    for r in run(store, _BY_PREDICATE)}
    return Stats(counts["documents"], counts["statements"], counts["entities"], by_type, by_predicate)
