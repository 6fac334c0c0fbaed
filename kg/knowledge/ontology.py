"""Knowledge: the relation vocabulary and entity classes (geopolitics.ttl) and the SHACL shapes (shapes.ttl)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.knowledge.files import data_path
from kg.knowledge.namespaces import namespaces


@dataclass(frozen=True)
class Relation:
    name: str
    label: str
    kind: str  # role | interaction
    symmetric: bool
    plover: str = ""
    cameo: str = ""


@cache
def _ontology():
    """geopolitics.ttl as an rdflib Graph."""
    from rdflib import Graph

    return Graph().parse(data_path("geopolitics.ttl"), format="turtle")


@cache
def vocabulary() -> dict[str, Relation]:
    """Relations declared in geopolitics.ttl, by local name."""
    from rdflib import OWL, RDF, RDFS, Namespace

    geo = Namespace(namespaces().prefixes()["geo"])
    graph = _ontology()
    relations = {}
    for prop in graph.subjects(geo.relationKind, None):
        name = str(prop)[len(str(geo)):]
        relations[name] = Relation(
            name=name,
            label=str(graph.value(prop, RDFS.label)),
            kind=str(graph.value(prop, geo.relationKind)),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
            plover=str(graph.value(prop, geo.ploverType) or ""),
            cameo=str(graph.value(prop, geo.cameoRoot) or ""),
        )
    return relations


@cache
def entity_classes() -> dict[str, frozenset[str]]:
    """Classes of graph nodes (geo:Entity and below) by local name, each with the local names of
    the classes it covers: itself and its subclasses, transitively (Place covers Country and City)."""
    from rdflib import RDFS, Namespace

    geo = Namespace(namespaces().prefixes()["geo"])
    graph = _ontology()

    def local(iri) -> str:
        return str(iri)[len(str(geo)):]

    return {local(cls): frozenset(local(sub) for sub in graph.transitive_subjects(RDFS.subClassOf, cls))
            for cls in graph.transitive_subjects(RDFS.subClassOf, geo.Entity)}


@dataclass(frozen=True)
class TurtleFile:
    triples: tuple  # pyoxigraph Triples
    prefixes: dict[str, str]  # as the file declares them


@cache
def shapes() -> TurtleFile:
    """The SHACL shapes of a built graph (shapes.ttl), read with pyoxigraph: kg validate needs no rdflib."""
    import pyoxigraph

    parser = pyoxigraph.parse(path=str(data_path("shapes.ttl")), format=pyoxigraph.RdfFormat.TURTLE)
    triples = tuple(parser)  # the prefixes are known once the file is read
    return TurtleFile(triples, dict(parser.prefixes))
