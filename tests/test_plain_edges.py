"""One meaning of a plain edge: kg.records.is_plain, and every SPARQL text that spells it out held to it."""

import itertools

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from kg.knowledge import data_path, lexicon, named_queries, namespaces
from kg.records import Modality, Polarity, is_plain
from kg.shapes import kg_shapes
from kg.sparql import bind, plain_condition, plain_statement
from kg.stats import _BY_PREDICATE
from kg.store import ONTOLOGY_GRAPH

PREFIXES = namespaces().prefixes()
GEO, ENT = PREFIXES["geo"], PREFIXES["ent"]
COMBINATIONS = list(itertools.product(Polarity, Modality))
PLAIN = {i for i, (polarity, modality) in enumerate(COMBINATIONS) if is_plain(polarity, modality)}


def test_the_rule():
    assert {COMBINATIONS[i] for i in PLAIN} == {(Polarity.POSITIVE, Modality.ASSERTED),
                                                (Polarity.POSITIVE, Modality.REPORTED)}


@pytest.fixture(scope="module")
def statements() -> ox.Store:
    """One document per combination of polarity and modality, saying that actor_I accuses target_I and
    leads it, with no plain edges written: what selects statements sees each combination once."""
    store = ox.Store()
    store.load(path=str(data_path("geopolitics.ttl")), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    node = ox.NamedNode
    for i, (polarity, modality) in enumerate(COMBINATIONS):
        graph = node(f"{PREFIXES['doc']}d{i}")
        actor, target = node(f"{ENT}actor_{i}"), node(f"{ENT}target_{i}")
        for entity in (actor, target):
            store.add(ox.Quad(entity, node(PREFIXES["rdfs"] + "label"), ox.Literal(entity.value[len(ENT):])))
            store.add(ox.Quad(entity, node(PREFIXES["rdf"] + "type"), node(GEO + "Country")))
        for predicate in ("accuses", "leader_of"):
            st = node(f"{PREFIXES['stmt']}{predicate}_{i}")
            for p, o in (("rdf:type", node(GEO + "Statement")), ("geo:subject", actor), ("geo:predicate", node(GEO + predicate)),
                         ("geo:object", target), ("geo:polarity", ox.Literal(polarity)),
                         ("geo:modality", ox.Literal(modality))):
                prefix, local = p.split(":")
                store.add(ox.Quad(st, node(PREFIXES[prefix] + local), o, graph))
    return store


def _index(term: ox.NamedNode) -> int:
    return int(term.value.rsplit("_", 1)[1])


def _selected(store: ox.Store, query: str, variable: str) -> set[int]:
    return {_index(row[variable]) for row in store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)}


@pytest.mark.parametrize("name, variable", [("opposition", "actor"), ("posts", "holder")])
def test_named_queries_keep_the_plain_statements(statements, name, variable):
    assert _selected(statements, named_queries()[name].sparql, variable) == PLAIN


def test_the_shapes_ask_a_plain_edge_of_the_plain_statements(statements):
    [constraint] = [c for c in kg_shapes().constraints if "plain edge" in c.message]
    assert _selected(statements, constraint.query, "this") == PLAIN


def test_the_sparql_forms_of_the_rule(statements):
    pattern = bind("SELECT ?st WHERE { GRAPH ?g { $plain } }", plain=plain_statement("?st"))
    condition = bind("SELECT ?st WHERE { GRAPH ?g { ?st geo:polarity ?p ; geo:modality ?m FILTER($plain) } }",
                     plain=plain_condition("?p", "?m"))
    assert _selected(statements, pattern, "st") == _selected(statements, condition, "st") == PLAIN
    counts = {row["key"].value: int(row["truthy"].value)
              for row in statements.query(_BY_PREDICATE, prefixes=PREFIXES, use_default_graph_as_union=True)}
    assert counts == {GEO + "accuses": len(PLAIN), GEO + "leader_of": len(PLAIN)}


def test_the_shapes_and_the_lexicon_name_the_enums():
    shapes = Graph().parse(data_path("shapes.ttl"), format="turtle")
    for prop, enum in (("polarity", Polarity), ("modality", Modality)):
        [node] = shapes.subjects(SH.path, URIRef(GEO + prop))
        assert [str(v) for v in Collection(shapes, shapes.value(node, SH["in"]))] == list(enum)
    assert set(lexicon().modality) <= set(Modality)
