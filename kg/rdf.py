"""Graph stage, RDF model: DocumentResults -> quads (truthy edges + statement nodes + provenance)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.knowledge import namespaces, vocabulary
from kg.records import DocumentResult, Entity, ResolvedAssertion

DEFAULT_GRAPH = None  # quads with this context go to the store's default graph

GEO = Namespace(namespaces().prefixes()["geo"])
REL = Namespace(namespaces().prefixes()["rel"])
WD = Namespace(namespaces().prefixes()["wd"])


def _date(value: str) -> Literal | None:
    return Literal(value, datatype=XSD.date) if len(value) == 10 and value[4] == "-" else None


@dataclass(frozen=True)
class Iris:
    """IRIs of things under one build's base."""

    base: str

    @cached_property
    def _ns(self) -> dict[str, Namespace]:
        return {k: Namespace(v) for k, v in namespaces().prefixes(self.base).items()}

    def entity(self, entity_id: str) -> URIRef:
        return self._ns["ent"][entity_id]

    def document(self, doc_id: str) -> URIRef:
        return self._ns["doc"][doc_id]

    def sentence(self, doc_id: str, start: int, end: int) -> URIRef:
        return self._ns["sent"][f"{doc_id}/{start}-{end}"]

    def statement(self, key: str) -> URIRef:
        return self._ns["stmt"][hashlib.sha256(key.encode()).hexdigest()[:20]]


def predicate_iri(name: str) -> URIRef:
    return GEO[name] if name in vocabulary() else REL[name]


def entity_triples(entity: Entity, iris: Iris, *, new: bool) -> list[tuple]:
    """Type, label and ids only for an entity the store does not hold yet; aliases always."""
    node = iris.entity(entity.id)
    triples = [(node, SKOS.altLabel, Literal(alias)) for alias in sorted(entity.aliases)
               if alias != entity.label]
    if new:
        triples += [(node, RDF.type, GEO[entity.type]), (node, RDFS.label, Literal(entity.label))]
        if entity.qid:
            triples.append((node, OWL.sameAs, WD[entity.qid]))
        triples += [(node, GEO[{"iso3": "iso3", "gw": "gwCode"}[scheme]], Literal(code))
                    for scheme, code in entity.codes]
    return triples


def statement_triples(statement: ResolvedAssertion, iris: Iris) -> list[tuple]:
    a = statement.assertion
    sentence = iris.sentence(a.sentence.doc_id, a.sentence.start, a.sentence.end)
    key = "|".join(map(str, (a.sentence.doc_id, a.sentence.start, statement.subject.id, a.predicate,
                             statement.object.id, a.polarity, a.modality, a.rule)))
    node = iris.statement(key)
    triples = [
        (node, RDF.type, GEO.Statement),
        (node, GEO.subject, iris.entity(statement.subject.id)),
        (node, GEO.predicate, predicate_iri(a.predicate)),
        (node, GEO.object, iris.entity(statement.object.id)),
        (node, GEO.polarity, Literal(a.polarity)),
        (node, GEO.modality, Literal(a.modality)),
        (node, GEO.confidence, Literal(round(a.confidence, 3), datatype=XSD.decimal)),
        (node, GEO.rule, Literal(a.rule)),
        (node, GEO.surfaceSubject, Literal(a.subject.text)),
        (node, GEO.surfaceObject, Literal(a.object.text)),
        (node, PROV.wasDerivedFrom, sentence),
        (sentence, RDF.type, GEO.Sentence),
        (sentence, GEO.text, Literal(a.sentence.text)),
        (sentence, GEO.start, Literal(a.sentence.start)),
        (sentence, GEO.end, Literal(a.sentence.end)),
        (sentence, DCTERMS.isPartOf, iris.document(a.sentence.doc_id)),
    ]
    if statement.attributed_to is not None:
        triples.append((node, GEO.attributedTo, iris.entity(statement.attributed_to.id)))
    if (date := _date(statement.date)) is not None:
        triples.append((node, DCTERMS.date, date))
    if a.date_text:
        triples.append((node, GEO.dateText, Literal(a.date_text)))
    return triples


def document_quads(result: DocumentResult, iris: Iris, known_entities: set[str]) -> list[tuple]:
    """All quads for one document: its named graph plus entities and truthy edges by default."""
    document = result.document
    graph = iris.document(document.id)
    node = graph
    in_graph = [
        (node, RDF.type, GEO.Document),
        (node, GEO.contentHash, Literal(hashlib.sha256(document.text.encode()).hexdigest())),
        (node, DCTERMS.source, Literal(document.url or document.source)),
    ]
    if document.title:
        in_graph.append((node, DCTERMS.title, Literal(document.title)))
    if (date := _date(document.date)) is not None:
        in_graph.append((node, DCTERMS.date, date))
    for statement in result.statements:
        in_graph += statement_triples(statement, iris)
    default = [t for e in result.entities for t in entity_triples(e, iris, new=e.id not in known_entities)]
    default += [(iris.entity(s.subject.id), predicate_iri(s.assertion.predicate), iris.entity(s.object.id))
                for s in result.statements if s.truthy]
    return [(*t, graph) for t in in_graph] + [(*t, DEFAULT_GRAPH) for t in default]
