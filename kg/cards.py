"""Inspection stage: entity cards (`kg show`) and the statements behind one edge (`kg explain`)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import pyoxigraph as ox

from kg.errors import KgError
from kg.knowledge import known_actors, name_forms, slug, vocabulary
from kg.names import person_name, surname
from kg.query import run
from kg.records import Modality, Polarity, is_plain
from kg.sparql import bind, terms

K = TypeVar("K", Polarity, Modality)

if TYPE_CHECKING:
    from kg.source import GraphSource


class NotInGraph(KgError):
    """An entity or relation the graph does not hold, or a name that fits several entities."""


class MalformedStatement(KgError):
    """A statement whose polarity or modality is none of kg's (a graph that breaks shapes.ttl)."""


@dataclass(frozen=True)
class Evidence:
    """One statement: what a sentence of a document says, and how (polarity, modality, speaker)."""

    subject: str  # entity ids
    predicate: str
    object: str
    polarity: Polarity
    modality: Modality
    date: str
    document: str
    title: str
    quote: str
    rule: str
    confidence: float
    attributed_to: str = ""  # label of the speaker, for reported statements

    @property
    def truthy(self) -> bool:
        return is_plain(self.polarity, self.modality)


@dataclass(frozen=True)
class Edge:
    """All statements with one predicate between the card's entity and one other entity."""

    predicate: str
    other: str  # id
    other_label: str
    evidence: tuple[Evidence, ...]

    @property
    def support(self) -> int:
        return sum(e.truthy for e in self.evidence)

    @property
    def dates(self) -> tuple[str, str]:
        dates = sorted(e.date for e in self.evidence if e.date)
        return (dates[0], dates[-1]) if dates else ("", "")


@dataclass(frozen=True)
class EntityCard:
    id: str
    label: str
    type: str
    wikidata: str
    codes: tuple[tuple[str, str], ...]
    aliases: tuple[str, ...]
    outgoing: tuple[Edge, ...]
    incoming: tuple[Edge, ...]
    named_in: tuple[tuple[str, tuple[str, ...]], ...] = ()  # each name the documents give it, with those documents
    outgoing_total: int = 0  # edges before --limit
    incoming_total: int = 0
    known_country: str = ""  # a known actor's country and dated roles (ontologies/known_actors.tsv)
    known_roles: tuple[tuple[str, str, str], ...] = ()


_ENTITIES = """SELECT ?e ?label ?type (GROUP_CONCAT(?alias; separator="\\u001f") AS ?aliases) WHERE {
  ?e rdfs:label ?label ; a ?type . FILTER(STRSTARTS(STR(?e), STR(ent:)) && STRSTARTS(STR(?type), STR(geo:)))
  OPTIONAL { ?e skos:altLabel ?alias } } GROUP BY ?e ?label ?type"""

_ENTITY = """SELECT ?label ?type ?qid ?iso3 ?gw (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases) WHERE {
  VALUES ?e { $entity }
  ?e rdfs:label ?label ; a ?type . FILTER(STRSTARTS(STR(?type), STR(geo:)))
  OPTIONAL { ?e owl:sameAs ?qid } OPTIONAL { ?e geo:iso3 ?iso3 } OPTIONAL { ?e geo:gwCode ?gw }
  OPTIONAL { ?e skos:altLabel ?alias } } GROUP BY ?label ?type ?qid ?iso3 ?gw"""

_NAMED_IN = "SELECT ?alias ?doc WHERE { GRAPH ?doc { $entity geo:surfaceForm ?alias } } ORDER BY ?alias ?doc"
_LABELS = "SELECT ?e ?label WHERE { VALUES ?e { $entities } ?e rdfs:label ?label }"

_STATEMENTS = """SELECT ?s ?p ?o ?polarity ?modality ?date ?doc ?title ?quote ?rule ?confidence ?speaker WHERE {
  GRAPH ?doc {
    ?st a geo:Statement ; geo:subject ?s ; geo:predicate ?p ; geo:object ?o ; geo:polarity ?polarity ;
        geo:modality ?modality ; geo:rule ?rule ; geo:confidence ?confidence ; prov:wasDerivedFrom ?sentence .
    ?sentence geo:text ?quote .
    OPTIONAL { ?st dcterms:date ?date }
    OPTIONAL { ?doc dcterms:title ?title }
  }
  OPTIONAL { GRAPH ?doc { ?st geo:attributedTo ?who } ?who rdfs:label ?speaker }
  FILTER($condition)
} ORDER BY ?date ?doc ?quote ?s ?p ?o ?polarity ?modality ?rule ?speaker"""  # a total order: any store, one card


def _local(term, prefix: str) -> str:
    if term is None:
        return ""
    return term.value[len(prefix):] if term.value.startswith(prefix) else term.value


def _value(term) -> str:
    return "" if term is None else term.value


def find_entity(store: GraphSource, name: str) -> str:
    """The id of the entity named by an id ("russia", "ent:russia"), label or alias (any case), or a
    person's surname ("Lavrov"); when several match, the error lists them."""
    prefix, geo = store.prefixes()["ent"], store.prefixes()["geo"]
    wanted = name[4:] if name.startswith("ent:") else name
    names: dict[str, set[str]] = {}
    surnames: dict[str, set[str]] = {}
    described: dict[str, str] = {}  # id -> "label, type"
    for row in run(store, _ENTITIES):
        entity, kind = _local(row["e"], prefix), _local(row["type"], geo)
        described[entity] = f"{row['label'].value}, {kind}"
        forms = [row["label"].value, *_value(row["aliases"]).split("\x1f")]
        for text in (entity, *forms):
            if text:
                names.setdefault(text.casefold(), set()).add(entity)
        if kind == "Person":
            for words in (person_name(form, name_forms()) for form in forms if form):
                # the last word, and with the particles before it: "Leyen" and "von der Leyen"
                for last in {words[-1:], surname(words, name_forms())} if words else ():
                    surnames.setdefault(" ".join(last), set()).add(entity)
    if wanted in described:
        return wanted
    key = wanted.casefold()
    matches = (names.get(key, set()) | surnames.get(" ".join(person_name(wanted, name_forms())), set())) \
        or names.get(slug(wanted), set())
    if len(matches) == 1:
        return matches.pop()
    if matches:
        listed = "; ".join(f"{m} ({described[m]})" for m in sorted(matches))
        raise NotInGraph(f"{name!r} names {len(matches)} entities: {listed}; give the id")
    close = difflib.get_close_matches(wanted.casefold(), list(names), n=3, cutoff=0.75)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise NotInGraph(f"no entity {name!r} in {store.name}{hint}")


def _evidence(store: GraphSource, condition: str, **slots) -> list[Evidence]:
    """The statements for which `condition`, a SPARQL template over ?s ?p ?o, holds."""
    prefixes = store.prefixes()
    ent, doc = prefixes["ent"], prefixes["doc"]
    return [Evidence(subject=_local(row["s"], ent), predicate=_predicate(row["p"], prefixes),
                     object=_local(row["o"], ent), polarity=_kind(Polarity, row["polarity"], store),
                     modality=_kind(Modality, row["modality"], store),
                     date=_value(row["date"]), document=_local(row["doc"], doc), title=_value(row["title"]),
                     quote=row["quote"].value, rule=row["rule"].value, confidence=float(row["confidence"].value),
                     attributed_to=_value(row["speaker"]))
            for row in run(store, bind(_STATEMENTS, condition=bind(condition, **slots)))]


def _kind(kind: type[K], term: ox.Literal, store: GraphSource) -> K:
    try:
        return kind(term.value)
    except ValueError:
        raise MalformedStatement(f"{store.name} holds a statement of {kind.__name__.lower()} {term.value!r}, "
                                 f"not one of {', '.join(kind)}; `kg validate` lists such statements") from None


def _predicate(term: ox.NamedNode, prefixes: dict[str, str]) -> str:
    for namespace in ("geo", "rel"):
        if term.value.startswith(prefixes[namespace]):
            return term.value[len(prefixes[namespace]):]
    return term.value


def _labels(store: GraphSource, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    ent = store.prefixes()["ent"]
    entities = terms(ox.NamedNode(ent + i) for i in sorted(ids))
    return {_local(row["e"], ent): row["label"].value for row in run(store, bind(_LABELS, entities=entities))}


def _edges(evidence: list[Evidence], entity: str, outgoing: bool, labels: dict[str, str]) -> tuple[Edge, ...]:
    groups: dict[tuple[str, str], list[Evidence]] = {}
    for e in evidence:
        if (e.subject if outgoing else e.object) == entity:
            groups.setdefault((e.predicate, e.object if outgoing else e.subject), []).append(e)
    edges = [Edge(predicate, other, labels.get(other, other), tuple(items))
             for (predicate, other), items in groups.items()]
    return tuple(sorted(edges, key=lambda edge: (-edge.support, edge.predicate, edge.other_label)))


def _named_in(store: GraphSource, iri: ox.NamedNode) -> tuple[tuple[str, tuple[str, ...]], ...]:
    doc = store.prefixes()["doc"]
    found: dict[str, list[str]] = {}
    for row in run(store, bind(_NAMED_IN, entity=iri)):
        found.setdefault(row["alias"].value, []).append(_local(row["doc"], doc))
    return tuple((alias, tuple(docs)) for alias, docs in found.items())


def entity_card(store: GraphSource, name: str, limit: int | None = None) -> EntityCard:
    """The card of an entity; with `limit`, only that many of its best supported edges each way."""
    entity = find_entity(store, name)
    prefixes = store.prefixes()
    iri = ox.NamedNode(prefixes["ent"] + entity)
    row = next(iter(run(store, bind(_ENTITY, entity=iri))))
    evidence = _evidence(store, "?s = $entity || ?o = $entity", entity=iri)
    labels = _labels(store, {e.subject for e in evidence} | {e.object for e in evidence})
    codes = tuple((scheme, _value(row[key])) for scheme, key in (("iso3", "iso3"), ("gw", "gw")) if row[key])
    kind = _local(row["type"], prefixes["geo"])
    known = known_actors().actor(entity)
    known = known if known is not None and known.type == kind else None
    outgoing, incoming = _edges(evidence, entity, True, labels), _edges(evidence, entity, False, labels)
    return EntityCard(
        id=entity, label=row["label"].value, type=kind,
        wikidata=_local(row["qid"], prefixes["wd"]), codes=codes,
        aliases=tuple(sorted(set(_value(row["aliases"]).split("\x1f")) - {"", row["label"].value})),
        outgoing=outgoing[:limit], incoming=incoming[:limit], outgoing_total=len(outgoing),
        incoming_total=len(incoming), named_in=_named_in(store, iri), known_country=known.country if known else "",
        known_roles=known.roles if known else ())


def explain(store: GraphSource, subject: str, predicate: str, obj: str) -> Edge:
    """Every statement of `subject predicate obj`, whatever its polarity or modality."""
    s, o = find_entity(store, subject), find_entity(store, obj)
    prefixes = store.prefixes()
    name = slug(predicate.split(":", 1)[1] if predicate.startswith(("geo:", "rel:")) else predicate)
    namespace = "geo" if name in vocabulary() else "rel"
    ends = {"subject": ox.NamedNode(prefixes["ent"] + s), "object": ox.NamedNode(prefixes["ent"] + o)}
    pair = "?s = $subject && ?o = $object"
    evidence = _evidence(store, pair + " && ?p = $predicate", predicate=ox.NamedNode(prefixes[namespace] + name),
                         **ends)
    if not evidence:
        between = {e.predicate for e in _evidence(store, pair, **ends)}
        hint = f"; it holds {', '.join(sorted(between))}" if between else ""
        raise NotInGraph(f"the graph has no statement ({s}, {name}, {o}){hint}")
    return Edge(name, o, _labels(store, {o}).get(o, o), tuple(evidence))
