"""Validation stage: the built graph checked against the SHACL shapes in ontologies/shapes.ttl (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SH

from kg.knowledge import shapes

if TYPE_CHECKING:
    from kg.source import GraphSource


@dataclass(frozen=True, order=True)
class Violation:
    focus: str  # the node that breaks a shape
    path: str  # the property, when the constraint is on one
    message: str
    severity: str  # Violation | Warning | Info


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    focus_nodes: int  # nodes the shapes target (entities, statements, sentences, documents)


def union_graph(store: GraphSource) -> Graph:
    """Every triple of every graph, in one graph: statements (named graphs) point at entities
    (default graph), and the ontology graph types them; pyshacl checks one graph at a time."""
    quads = ox.parse(store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    triples = ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=triples, format="nt")


def validate_graph(data: Graph) -> ValidationReport:
    from pyshacl import validate as shacl_validate  # slow to import: only `kg validate` needs it

    shape_graph = shapes()
    conforms, report, _ = shacl_validate(data, shacl_graph=shape_graph, inference="none", advanced=True,
                                         allow_warnings=True)
    violations = tuple(sorted(
        Violation(focus=str(report.value(result, SH.focusNode)),
                  path=str(report.value(result, SH.resultPath) or ""),
                  message=str(report.value(result, SH.resultMessage) or ""),
                  severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1])
        for result in report.subjects(SH.focusNode, None)))
    targets = {node for shape in shape_graph.subjects(SH.targetClass, None)
               for cls in shape_graph.objects(shape, SH.targetClass)
               for node in _instances(data, cls)}
    return ValidationReport(bool(conforms), violations, len(targets))


def _instances(data: Graph, cls) -> set:
    classes = set(data.transitive_subjects(RDFS.subClassOf, cls))
    return {node for c in classes for node in data.subjects(RDF.type, c)}


def validate(store: GraphSource) -> ValidationReport:
    return validate_graph(union_graph(store))
