"""Graph stage: the RDF model (compared by isomorphism), truthy edges, idempotent builds."""

import pytest
from pyoxigraph import DefaultGraph, RdfFormat, serialize
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.rdf import Iris, document_quads
from kg.records import Assertion, Document, DocumentResult, Entity, Mention, ResolvedAssertion, Sentence

BASE = "https://test.example/"
TEXT = "Russia does not undermine US security. Russia opposes NATO expansion."


def _result(polarity: str, modality: str) -> DocumentResult:
    document = Document(id="doc1", text=TEXT, title="T", date="2022-01-05", source="t.txt")
    russia = Entity("russia", "Russia", "Country", "Q159", (("iso3", "RUS"),), frozenset({"Russia"}))
    nato = Entity("nato", "NATO", "InternationalOrganization", "Q7184", (), frozenset({"NATO"}))
    sentence = Sentence("doc1", "Russia opposes NATO expansion.", 39, 69)
    assertion = Assertion(Mention("Russia", 39, 45, "Country", "russia"), "opposes",
                          Mention("NATO", 54, 58, "InternationalOrganization", "nato"), sentence, "svo",
                          polarity=polarity, modality=modality)
    statement = ResolvedAssertion(assertion, russia, nato, None, "2022-01-05")
    return DocumentResult(document, (statement,), (russia, nato))


def _dataset(quads) -> Dataset:
    """pyoxigraph quads read into rdflib by way of N-Quads, an independent parser to compare with."""
    dataset = Dataset()
    dataset.parse(data=serialize(quads, format=RdfFormat.N_QUADS).decode(), format="nquads")
    return dataset


def _default_graph(quads) -> Graph:
    return _dataset(quads).graph(DATASET_DEFAULT_GRAPH_ID)


EXPECTED_DEFAULT = """
@prefix geo: <https://geokg.example.org/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://test.example/entity/russia> a geo:Country ; rdfs:label "Russia" ; geo:iso3 "RUS" ;
    owl:sameAs <http://www.wikidata.org/entity/Q159> ; geo:opposes <https://test.example/entity/nato> .
<https://test.example/entity/nato> a geo:InternationalOrganization ; rdfs:label "NATO" ;
    owl:sameAs <http://www.wikidata.org/entity/Q7184> .
"""


def test_positive_asserted_statement_gives_truthy_edge_and_entities():
    quads = document_quads(_result("positive", "asserted"), Iris(BASE), known_entities=set())
    assert isomorphic(_default_graph(quads), Graph().parse(data=EXPECTED_DEFAULT, format="turtle"))


def test_statement_node_carries_context_and_provenance():
    iris = Iris(BASE)
    quads = document_quads(_result("positive", "reported"), iris, known_entities=set())
    named = _dataset(quads).graph(URIRef(iris.document("doc1").value))
    (statement,) = named.subjects(URIRef("https://geokg.example.org/ontology#rule"), Literal("svo"))
    expected = Graph().parse(format="turtle", data=f"""
    @prefix geo: <https://geokg.example.org/ontology#> .
    @prefix prov: <http://www.w3.org/ns/prov#> .
    @prefix dcterms: <http://purl.org/dc/terms/> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <{statement}> a geo:Statement ; geo:subject <{BASE}entity/russia> ; geo:predicate geo:opposes ;
        geo:object <{BASE}entity/nato> ; geo:polarity "positive" ; geo:modality "reported" ;
        geo:confidence "0.8"^^xsd:decimal ; geo:rule "svo" ; geo:surfaceSubject "Russia" ;
        geo:surfaceObject "NATO" ; dcterms:date "2022-01-05"^^xsd:date ;
        prov:wasDerivedFrom <{BASE}sentence/doc1/39-69> .
    <{BASE}sentence/doc1/39-69> a geo:Sentence ; geo:text "Russia opposes NATO expansion." ;
        geo:start 39 ; geo:end 69 ; dcterms:isPartOf <{BASE}doc/doc1> .
    """)
    statement_part = Graph()
    for s, p, o in named:
        if s in {statement, URIRef(f"{BASE}sentence/doc1/39-69")}:
            statement_part.add((s, p, o))
    assert isomorphic(statement_part, expected)


def test_negated_or_hypothetical_statements_have_no_truthy_edge():
    for polarity, modality in [("negative", "asserted"), ("positive", "hypothetical"), ("positive", "conditional")]:
        quads = document_quads(_result(polarity, modality), Iris(BASE), known_entities=set())
        predicates = {str(p) for s, p, o in _default_graph(quads)}
        assert "https://geokg.example.org/ontology#opposes" not in predicates
        assert any(q.object.value == "https://geokg.example.org/ontology#opposes" for q in quads
                   if not isinstance(q.graph_name, DefaultGraph))


def test_known_entities_are_not_relabelled():
    quads = document_quads(_result("positive", "asserted"), Iris(BASE), known_entities={"russia", "nato"})
    labels = [q for q in quads if q.predicate.value.endswith("#label")]
    assert labels == []


def test_rebuilding_the_same_input_changes_nothing(example_graph, tmp_path):
    from kg.build import build
    from kg.store import GraphStore
    from tests.conftest import EXAMPLES

    def dump(folder):
        with GraphStore.open(folder) as store:
            return sorted(store.oxigraph.dump(format=RdfFormat.N_QUADS).splitlines())

    before = dump(example_graph)
    report = build([str(EXAMPLES)], example_graph)
    assert report.documents_added == 0 and report.documents_unchanged >= 5
    assert dump(example_graph) == before
    dataset = Dataset()
    dataset.parse(data=b"\n".join(before).decode(), format="nquads")
    assert len(dataset.graph(DATASET_DEFAULT_GRAPH_ID)) > 0


def test_statement_dates_from_the_sentence_are_xsd_dates(example_graph):
    from kg.query import run
    from kg.store import GraphStore

    # 2019-treaty-withdrawal.txt is dated Friday 2019-08-02 and says the US withdrew "on Friday"
    sparql = """SELECT ?d ?text WHERE { GRAPH ?g { ?st geo:predicate geo:withdraws_from ;
                    geo:subject ent:united_states ; dcterms:date ?d ; geo:dateText ?text } }"""
    with GraphStore.open(example_graph) as store:
        rows = [(row["d"], row["text"].value) for row in run(store, sparql)]
        in_2019 = run(store, """ASK { GRAPH ?g { ?st geo:predicate geo:withdraws_from ; dcterms:date ?d }
                                  FILTER(?d >= "2019-08-01"^^xsd:date && ?d < "2019-08-03"^^xsd:date) }""")
        assert bool(in_2019)
    assert rows and all(d.datatype.value == "http://www.w3.org/2001/XMLSchema#date" for d, _ in rows)
    assert ("2019-08-02", "Friday") in {(d.value, text) for d, text in rows}


def test_a_built_store_holds_what_kg_rdf_says_graph_by_graph(example_graph):
    """The store's write path (each quad written once, on the background writer) keeps exactly
    the quads kg.rdf makes for the same results."""
    from kg.store import ONTOLOGY_GRAPH, GraphStore
    from tests.conftest import EXAMPLES
    from tests.example_statements import example_results

    results = example_results(EXAMPLES)  # what wrote the example graph, in the same order
    quads, known = [], set()
    with GraphStore.open(example_graph) as store:
        for result in results:
            quads += document_quads(result, store.iris, known)
            known |= {e.id for e in result.entities}
        expected = _dataset(quads)
        stored = Dataset()
        stored.parse(data=store.oxigraph.dump(format=RdfFormat.N_QUADS).decode(), format="nquads")
    names = {g.identifier for g in (*expected.graphs(), *stored.graphs()) if len(g)} - {URIRef(ONTOLOGY_GRAPH)}
    assert len(names) == len(results) + 1  # one graph per document and the default graph
    for name in names:
        assert isomorphic(stored.graph(name), expected.graph(name)), name


class _CountingFlushes:
    """An Oxigraph store that counts its flushes."""

    def __init__(self, store):
        self.store, self.flushes = store, 0

    def flush(self):
        self.flushes += 1
        self.store.flush()

    def __getattr__(self, name):
        return getattr(self.store, name)

    def __len__(self):
        return len(self.store)


@pytest.mark.slow
def test_a_long_build_flushes_the_store_as_it_goes_not_only_at_close(tmp_path, monkeypatch):
    """Unflushed writes stay in RocksDB's memory: a build flushes every FLUSH_EVERY_QUADS quads."""
    import kg.store
    from kg.store import GraphStore

    for every, flushed_while_building in [(1, 5), (kg.store.FLUSH_EVERY_QUADS, 0)]:
        monkeypatch.setattr(kg.store, "FLUSH_EVERY_QUADS", every)
        store = GraphStore.create_or_open(tmp_path / str(every), base=BASE)
        counting = store._oxigraph = _CountingFlushes(store._oxigraph)
        for _ in range(5):
            store.add_document(_result("positive", "asserted"))
        assert len(store.oxigraph) > 0  # the writes are done
        assert counting.flushes == flushed_while_building
        store.close()
        assert counting.flushes == flushed_while_building + 1


class _FullDisk(_CountingFlushes):
    def flush(self):
        raise OSError(28, "No space left on device")


def test_a_full_disk_at_the_closing_flush_is_a_store_error(tmp_path):
    from kg.store import GraphStore, StoreError

    store = GraphStore.create_or_open(tmp_path / "g", base=BASE)
    store._oxigraph = _FullDisk(store._oxigraph)
    store.add_document(_result("positive", "asserted"))
    with pytest.raises(StoreError, match="cannot write to the graph store .* No space left on device"):
        store.close()
