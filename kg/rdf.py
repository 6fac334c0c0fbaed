"""Graph stage, RDF model: DocumentResults -> pyoxigraph quads (truthy edges + statement nodes + provenance)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, parse

from kg.errors import KgError
from kg.knowledge import data_path, namespaces, vocabulary
from kg.records import DocumentResult, Entity, ResolvedAssertion

# subject, predicate, object of a triple kg writes, before it is placed in a graph
Triple = tuple[NamedNode, NamedNode, NamedNode | Literal]


class UndeclaredTerm(KgError, AttributeError):
    """A term of a closed namespace that its vocabulary does not declare: a misspelling, or data
    naming a class or property the ontology lacks."""


@cache
def ontology_terms() -> frozenset[str]:
    """The local names geopolitics.ttl declares (gives a type) under the geo: namespace."""
    geo, declared = namespaces().prefixes()["geo"], set()
    for triple in parse(path=str(data_path("geopolitics.ttl")), format=RdfFormat.TURTLE):
        subject = triple.subject
        if triple.predicate == _RDF_TYPE and isinstance(subject, NamedNode) and subject.value.startswith(geo):
            declared.add(subject.value[len(geo):])
    return frozenset(declared)


class Namespace:
    """The IRIs under one prefix as pyoxigraph NamedNodes (`GEO.Statement`, `GEO["iso3"]`).

    Each is made once and kept, so use it for vocabularies, not for the open-ended IRIs of
    entities, documents and statements. A closed namespace (given its `declared` names) raises
    UndeclaredTerm for any other name, so a misspelt term is never written into the graph."""

    def __init__(self, iri: str, declared: Callable[[], frozenset[str]] | None = None, source: str = ""):
        self._iri = iri
        self._declared = declared
        self._source = source  # where the declared names are, for the error

    def __getitem__(self, name: str) -> NamedNode:
        term = self.__dict__.get(name)
        if term is None:
            if self._declared is not None and name not in self._declared():
                raise UndeclaredTerm(f"{self._iri}{name} is not a term declared in {self._source}")
            # kept as an attribute, so the next `GEO.<name>` is a plain lookup that skips __getattr__
            term = self.__dict__[name] = NamedNode(self._iri + name)
        return term

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]


_PREFIXES = namespaces().prefixes()
_RDF_TYPE = NamedNode(_PREFIXES["rdf"] + "type")
GEO = Namespace(_PREFIXES["geo"], ontology_terms, "ontologies/geopolitics.ttl")
REL, RDF, RDFS, OWL, XSD, SKOS, DCTERMS, PROV = (
    Namespace(_PREFIXES[name]) for name in ("rel", "rdf", "rdfs", "owl", "xsd", "skos", "dcterms", "prov"))
DEFAULT_GRAPH = DefaultGraph()
_CODE_PREDICATES = {"iso3": GEO.iso3, "gw": GEO.gwCode}


def _date(value: str) -> Literal | None:
    return Literal(value, datatype=XSD.date) if len(value) == 10 and value[4] == "-" else None


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


@dataclass(frozen=True)
class Iris:
    """IRIs of things under one build's base."""

    base: str
    _under: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_under", namespaces().prefixes(self.base))

    def entity(self, entity_id: str) -> NamedNode:
        return NamedNode(self._under["ent"] + entity_id)

    def document(self, doc_id: str) -> NamedNode:
        return NamedNode(self._under["doc"] + doc_id)

    def sentence(self, doc_id: str, start: int, end: int) -> NamedNode:
        return NamedNode(f"{self._under['sent']}{doc_id}/{start}-{end}")

    def statement(self, key: str) -> NamedNode:
        return NamedNode(self._under["stmt"] + hashlib.sha256(key.encode()).hexdigest()[:20])


def predicate_iri(name: str) -> NamedNode:
    return GEO[name] if name in vocabulary() else REL[name]


def entity_triples(entity: Entity, iris: Iris, *, new: bool) -> list[Triple]:
    """Type, label and ids only for an entity the store does not hold yet; aliases always."""
    node = iris.entity(entity.id)
    triples: list[Triple] = [(node, SKOS.altLabel, Literal(alias)) for alias in sorted(entity.aliases)
               if alias != entity.label]
    if new:
        triples += [(node, RDF.type, GEO[entity.type]), (node, RDFS.label, Literal(entity.label))]
        if entity.qid:
            triples.append((node, OWL.sameAs, NamedNode(_PREFIXES["wd"] + entity.qid)))
        triples += [(node, _CODE_PREDICATES[scheme], Literal(code)) for scheme, code in entity.codes]
    return triples


def statement_triples(statement: ResolvedAssertion, iris: Iris) -> list[Triple]:
    a = statement.assertion
    sentence = iris.sentence(a.sentence.doc_id, a.sentence.start, a.sentence.end)
    node = iris.statement("|".join(map(str, statement.key)))
    triples: list[Triple] = [
        (node, RDF.type, GEO.Statement),
        (node, GEO.subject, iris.entity(statement.subject.id)),
        (node, GEO.predicate, predicate_iri(a.predicate)),
        (node, GEO.object, iris.entity(statement.object.id)),
        (node, GEO.polarity, Literal(a.polarity)),
        (node, GEO.modality, Literal(a.modality)),
        (node, GEO.confidence, Literal(str(round(a.confidence, 3)), datatype=XSD.decimal)),
        (node, GEO.rule, Literal(a.rule)),
        (node, GEO.surfaceSubject, Literal(a.subject.text)),
        (node, GEO.surfaceObject, Literal(a.object.text)),
        (node, PROV.wasDerivedFrom, sentence),
        (sentence, RDF.type, GEO.Sentence),
        (sentence, GEO.text, Literal(a.sentence.text)),
        (sentence, GEO.start, _integer(a.sentence.start)),
        (sentence, GEO.end, _integer(a.sentence.end)),
        (sentence, DCTERMS.isPartOf, iris.document(a.sentence.doc_id)),
    ]
    if statement.attributed_to is not None:
        triples.append((node, GEO.attributedTo, iris.entity(statement.attributed_to.id)))
    if (date := _date(statement.date)) is not None:
        triples.append((node, DCTERMS.date, date))
    if a.date_text:
        triples.append((node, GEO.dateText, Literal(a.date_text)))
    return triples


def document_quads(result: DocumentResult, iris: Iris, known_entities: set[str]) -> list[Quad]:
    """All quads for one document, each once: its named graph, plus entities and truthy edges in
    the default graph. A sentence's triples, repeated with each of its statements, count once."""
    document = result.document
    graph = iris.document(document.id)
    in_graph: list[Triple] = [
        (graph, RDF.type, GEO.Document),
        (graph, GEO.contentHash, Literal(hashlib.sha256(document.text.encode()).hexdigest())),
        (graph, DCTERMS.source, Literal(document.url or document.source)),
    ]
    if document.title:
        in_graph.append((graph, DCTERMS.title, Literal(document.title)))
    if document.original_id:
        in_graph.append((graph, DCTERMS.identifier, Literal(document.original_id)))
    if (date := _date(document.date)) is not None:
        in_graph.append((graph, DCTERMS.date, date))
    for statement in result.statements:
        in_graph += statement_triples(statement, iris)
    # the names each document gives an entity, in its own graph: merged nodes keep where each came from
    in_graph += [(iris.entity(e.id), GEO.surfaceForm, Literal(alias))
                 for e in result.entities for alias in sorted(e.aliases)]
    default = [t for e in result.entities for t in entity_triples(e, iris, new=e.id not in known_entities)]
    default += [(iris.entity(s.subject.id), predicate_iri(s.assertion.predicate), iris.entity(s.object.id))
                for s in result.statements if s.truthy]
    quads = [Quad(*t, graph) for t in in_graph] + [Quad(*t, DEFAULT_GRAPH) for t in default]
    return list(dict.fromkeys(quads))
