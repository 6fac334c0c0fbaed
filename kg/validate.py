"""Validation stage: the built graph checked against the SHACL shapes (ontologies/shapes.ttl) with SPARQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.oxio import solutions
from kg.query import compact
from kg.shapes import CompiledShapes, Constraint, ShapeError, kg_shapes

if TYPE_CHECKING:
    from collections.abc import Callable

    from kg.source import GraphSource

QUERY_THREADS = 2  # Oxigraph answers outside the GIL (and an endpoint over the network): a second core helps
# True when the source's default graph is only its own (Fuseki), not the union of its graphs (a folder,
# `kg serve`, Virtuoso): a triple of a named graph is missing from it.
_UNION_PROBE = "ASK { { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1 } FILTER NOT EXISTS { ?s ?p ?o } }"


@dataclass(frozen=True, order=True)
class Violation:
    focus: str  # the node that breaks a shape
    path: str  # the property, when the constraint is on one
    message: str
    severity: str  # always Violation: the shapes give no sh:severity


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    focus_nodes: int  # nodes the shapes target (entities, statements, sentences, documents)


def _union_query(source: GraphSource) -> Callable[[str], object]:
    """SPARQL over the union of the source's graphs, as SHACL sees one data graph: statements (in the
    documents' graphs) point at entities (in the default graph), and the ontology graph types them.

    Where the default graph is only its own, plain SPARQL 1.1 cannot name that union (constraints such
    as the plain-edge one read across graphs), so the queries run on an in-memory copy of the graphs."""
    if not source.query(_UNION_PROBE):
        return source.query
    copy = ox.Store()
    copy.bulk_load(source.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    return lambda sparql: copy.query(sparql, use_default_graph_as_union=True)


def _solutions(query: Callable[[str], object], constraint: Constraint) -> list[ox.QuerySolution]:
    try:
        return list(solutions(query(constraint.query)))
    except SyntaxError as err:  # from the SPARQL of a sh:sparql constraint
        raise ShapeError(f"a shape's SPARQL does not parse: {str(err).splitlines()[0]}") from None


def _message(template: str, row: ox.QuerySolution, prefixes: dict[str, str]) -> str:
    for placeholder, variable in (("{$this}", "this"), ("{?value}", "value")):
        if placeholder in template:
            template = template.replace(placeholder, compact(row[variable], prefixes))
    return template


def validate(source: GraphSource, shapes: CompiledShapes | None = None) -> ValidationReport:
    """The source checked against the shapes (by default kg's own), one query per constraint."""
    shapes = shapes or kg_shapes()
    query = _union_query(source)
    prefixes = shapes.prefixes | source.prefixes()
    with ThreadPoolExecutor(QUERY_THREADS) as pool:
        answers = pool.map(lambda constraint: _solutions(query, constraint), shapes.constraints)
        violations = tuple(sorted(
            Violation(focus=row["this"].value, path=constraint.path,
                      message=_message(constraint.message, row, prefixes), severity="Violation")
            for constraint, rows in zip(shapes.constraints, answers) for row in rows))
    focus_nodes = int(next(iter(solutions(query(shapes.focus_query))))["n"].value)
    return ValidationReport(not violations, violations, focus_nodes)
