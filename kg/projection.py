"""Graph stage, projection: the stored graph -> a NetworkX MultiDiGraph of entities and truthy edges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import networkx as nx

from kg.errors import KgError
from kg.knowledge import entity_classes, vocabulary
from kg.query import run
from kg.rdf import GEO
from kg.sparql import Sparql, bind, plain_statement, terms

if TYPE_CHECKING:
    from kg.source import GraphSource

_NODES = """
SELECT ?e ?label ?type ?qid (GROUP_CONCAT(DISTINCT ?alias; separator=" | ") AS ?aliases) WHERE {
  ?e rdfs:label ?label ; a ?type .
  FILTER(STRSTARTS(STR(?e), STR(ent:)) && STRSTARTS(STR(?type), STR(geo:)))
  OPTIONAL { ?e owl:sameAs ?qid }
  OPTIONAL { ?e skos:altLabel ?alias }
} GROUP BY ?e ?label ?type ?qid
"""

# Edges are the truthy statements (kg.records.is_plain), with their support; a filter narrows the
# statements before they are counted, so support and dates are those of the range.
# Dates are concatenated, not MIN/MAX: one undated statement would make those unbound. (Every
# GROUP_CONCAT names its separator: Virtuoso 7 refuses DISTINCT without one.)
_EDGES = """
SELECT ?s ?p ?o (COUNT(DISTINCT ?st) AS ?support)
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?d), ""); separator=" ") AS ?dates)
       (GROUP_CONCAT(DISTINCT ?source; separator=" | ") AS ?sources) WHERE {
  GRAPH ?g {
    ?st a geo:Statement ; geo:subject ?s ; geo:predicate ?p ; geo:object ?o ; prov:wasDerivedFrom ?sentence .
    $plain
    ?sentence geo:start ?start ; geo:end ?end .
    $dates
  }
  $restrictions
  BIND(CONCAT(STRAFTER(STR(?g), STR(doc:)), ":", STR(?start), "-", STR(?end)) AS ?source)
} GROUP BY ?s ?p ?o $having
"""


class FilterError(KgError):
    """A projection filter names an unknown entity type or relation, or an empty range."""


@dataclass(frozen=True)
class EdgeFilter:
    """Which truthy edges a projection keeps; the default keeps every edge and every entity. An
    active filter also drops the entities it leaves without an edge."""

    types: frozenset[str] = frozenset()  # entity classes (subclasses included) both ends must have
    predicates: frozenset[str] = frozenset()  # relation local names
    since: date | None = None  # inclusive; with either bound, undated statements do not count
    until: date | None = None
    min_support: int = 1  # statements (within the dates) an edge needs

    @property
    def active(self) -> bool:
        return self != EdgeFilter()


def _known_name(value: str, known, kind: str) -> str:
    """`value` as one of the `known` local names; "Country", "country" and "geo:Country" all match."""
    by_lower = {name.lower(): name for name in known}
    name = by_lower.get(value.strip().removeprefix("geo:").lower())
    if name is None:
        raise FilterError(f"unknown {kind} {value!r}; choose from {', '.join(sorted(known))}")
    return name


def _iso_date(option: str, value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value is not None else None
    except ValueError:
        raise FilterError(f"{option} {value!r} is not a date (use YYYY-MM-DD)") from None


def edge_filter(types=(), predicates=(), since: str | None = None, until: str | None = None,
                min_support: int = 1) -> EdgeFilter:
    """An EdgeFilter from command-line words, checked against the ontology's classes and relations."""
    start, end = _iso_date("--since", since), _iso_date("--until", until)
    if start and end and start > end:
        raise FilterError(f"--since {start} is after --until {end}")
    if min_support < 1:
        raise FilterError(f"--min-support must be at least 1, not {min_support}")
    return EdgeFilter(frozenset(_known_name(t, entity_classes(), "entity type") for t in types),
                      frozenset(_known_name(p, vocabulary(), "relation") for p in predicates),
                      start, end, min_support)


def _edges_query(edge_filter: EdgeFilter) -> str:
    bounds = [bind(f"?d {op} $day", day=day)
              for op, day in ((">=", edge_filter.since), ("<=", edge_filter.until)) if day is not None]
    dates = (bind("?st dcterms:date ?d . FILTER($bounds)", bounds=Sparql(" && ".join(bounds))) if bounds
             else "OPTIONAL { ?st dcterms:date ?d }")
    restrictions = []
    if edge_filter.predicates:
        restrictions.append(bind("VALUES ?p { $predicates }",
                                 predicates=terms(GEO[p] for p in sorted(edge_filter.predicates))))
    if edge_filter.types:
        classes = terms((GEO[c] for c in sorted({c for t in edge_filter.types for c in entity_classes()[t]})), ", ")
        restrictions.append(bind("?s a ?subject_type . ?o a ?object_type . "
                                 "FILTER(?subject_type IN ($classes) && ?object_type IN ($classes))", classes=classes))
    having = (bind("HAVING (COUNT(DISTINCT ?st) >= $least)", least=edge_filter.min_support)
              if edge_filter.min_support > 1 else "")
    return bind(_EDGES, plain=plain_statement("?st"), dates=Sparql(dates),
                restrictions=Sparql("\n  ".join(restrictions)), having=Sparql(having))


def _local(term, prefix: str) -> str:
    return term.value[len(prefix):] if term is not None and term.value.startswith(prefix) else (
        term.value if term is not None else "")


def edge_key(source: str, predicate: str, target: str) -> str:
    """The projection's key of an edge, also its id in every export: one edge per (subject,
    predicate, object), and an XML name token (GraphML ids are NMTOKENs; entity ids are slugs)."""
    return f"{source}:{predicate}:{target}"


def _joined(values: str) -> str:
    # GROUP_CONCAT's order is the engine's: sorted, a remote endpoint gives the same export
    return " | ".join(sorted(values.split(" | "))) if values else ""


def to_networkx(store: GraphSource, edge_filter: EdgeFilter = EdgeFilter()) -> nx.MultiDiGraph:
    """Entities as nodes (label, type, wikidata, aliases); truthy relations as edges keyed by
    `edge_key` (predicate, weight = support count, first/last date, sources as "doc:start-end | ..."),
    narrowed by `edge_filter`. Nodes and edges come sorted by id, whatever order the store answers in."""
    prefixes = store.prefixes()
    ent, geo, rel, wd = prefixes["ent"], prefixes["geo"], prefixes["rel"], prefixes["wd"]
    nodes = sorted((_local(row["e"], ent), {"label": row["label"].value, "type": _local(row["type"], geo),
                                            "wikidata": _local(row["qid"], wd),
                                            "aliases": _joined(row["aliases"].value if row["aliases"] else "")})
                   for row in run(store, _NODES))
    edges = []
    for row in run(store, _edges_query(edge_filter)):
        source, target = _local(row["s"], ent), _local(row["o"], ent)
        predicate = _local(row["p"], geo) if row["p"].value.startswith(geo) else _local(row["p"], rel)
        dates = sorted(row["dates"].value.split()) or [""]
        edges.append((edge_key(source, predicate, target), source, target,
                      {"predicate": predicate, "label": predicate.replace("_", " "),
                       "weight": int(row["support"].value), "first_date": dates[0], "last_date": dates[-1],
                       "sources": _joined(row["sources"].value)}))
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    for key, source, target, attributes in sorted(edges):
        graph.add_edge(source, target, key=key, **attributes)
    if edge_filter.active:
        graph.remove_nodes_from(list(nx.isolates(graph)))
    return graph
