"""Export formats read back by independent readers: GEXF by networkx, JSON-LD, N-Quads and TriG by
rdflib and pyoxigraph, compared with the store."""

import io
import json
from collections import Counter

import lxml.etree
import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.export import export
from kg.projection import to_networkx
from kg.store import GraphStore


@pytest.fixture(scope="module")
def exports(example_graph) -> dict:
    """Every export of the example graph, the projection, the store's quad counts and prefixes."""
    with GraphStore.open(example_graph) as store:
        data = {fmt: export(store, fmt) for fmt in ("gexf", "turtle", "nquads", "trig", "jsonld")}
        data["projection"] = to_networkx(store)
        data["quads"] = len(store.oxigraph)
        data["default quads"] = len(list(store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())))
        data["prefixes"] = store.prefixes()
    return data


def named_graphs(dataset: Dataset) -> dict[str, Graph]:
    return {str(graph.identifier): graph for graph in dataset.graphs() if len(graph)}


def test_gexf_round_trip(exports):
    projection = exports["projection"]
    graph = nx.read_gexf(io.BytesIO(exports["gexf"]))
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == projection.number_of_nodes() > 10
    assert graph.number_of_edges() == projection.number_of_edges() > 10
    assert {n: d["label"] for n, d in graph.nodes(data=True)} == dict(projection.nodes(data="label"))
    assert graph.nodes["russia"]["type"] == "Country" and graph.nodes["russia"]["wikidata"] == "Q159"
    expected = Counter((u, d["predicate"], v, d["label"], float(d["weight"])) for u, v, d in projection.edges(data=True))
    assert Counter((u, d["predicate"], v, d["label"], d["weight"]) for u, v, d in graph.edges(data=True)) == expected
    assert ("united_states", "withdraws_from", "inf_treaty", "withdraws from", 1.0) in expected


def test_gexf_labels_and_weights_are_what_gephi_reads(exports):
    """Gephi takes a node's and an edge's label, and an edge's weight, from XML attributes."""
    tree = lxml.etree.fromstring(exports["gexf"])
    ns = {"g": tree.nsmap[None]}
    nodes = tree.findall(".//g:nodes/g:node", ns)
    edges = tree.findall(".//g:edges/g:edge", ns)
    assert {node.get("id"): node.get("label") for node in nodes}["russia"] == "Russia"
    assert edges and all(edge.get("label") and float(edge.get("weight")) >= 1 for edge in edges)
    types = {a.get("title"): a.get("type") for a in tree.findall(".//g:attributes/g:attribute", ns)}
    assert types["predicate"] == types["first_date"] == types["type"] == "string"


def test_jsonld_is_compact_with_the_project_context(exports):
    document = json.loads(exports["jsonld"])
    assert document["@context"] == exports["prefixes"]
    top = document["@graph"]
    russia = next(node for node in top if node.get("@id") == "ent:russia")
    assert russia["@type"] == "geo:Country" and russia["rdfs:label"] == "Russia"
    assert russia["owl:sameAs"] == {"@id": "wd:Q159"}
    graphs = {node["@id"]: node["@graph"] for node in top if "@graph" in node}
    assert "doc:finland-joins-nato" in graphs and "https://geokg.example.org/ontology" in graphs
    keys = {key for node in top + [n for g in graphs.values() for n in g] for key in node}
    assert keys and all(key.startswith("@") or ":" in key and not key.startswith("http") for key in keys)
    assert any(node.get("@type") == "geo:Statement" and "geo:predicate" in node for node in graphs["doc:finland-joins-nato"])


def test_jsonld_parses_back_to_the_same_dataset(exports):
    from_jsonld, from_nquads = Dataset(), Dataset()
    from_jsonld.parse(data=exports["jsonld"], format="json-ld")
    from_nquads.parse(data=exports["nquads"], format="nquads")
    truthy = Graph().parse(data=exports["turtle"], format="turtle")
    assert isomorphic(from_jsonld.default_graph, truthy) and len(truthy) == exports["default quads"]
    jsonld_graphs, nquads_graphs = named_graphs(from_jsonld), named_graphs(from_nquads)
    assert jsonld_graphs.keys() == nquads_graphs.keys()
    assert all(isomorphic(jsonld_graphs[name], nquads_graphs[name]) for name in nquads_graphs)
    # a second JSON-LD processor: the default graph's nodes must not land in a blank-node graph
    quads = list(ox.parse(exports["jsonld"], format=ox.RdfFormat.JSON_LD))
    assert len(quads) == exports["quads"]
    assert sum(isinstance(q.graph_name, ox.DefaultGraph) for q in quads) == exports["default quads"]


@pytest.mark.parametrize("fmt, rdf_format", [("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)])
def test_nquads_and_trig_hold_every_quad(exports, fmt, rdf_format):
    assert len(set(ox.parse(exports[fmt], format=rdf_format))) == exports["quads"]
    dataset = Dataset()
    dataset.parse(data=exports[fmt], format=fmt)
    assert len(set(dataset.quads())) == exports["quads"]


def test_turtle_holds_the_truthy_graph(exports):
    assert exports["turtle"].startswith(b"@prefix") and b"geo:Statement" not in exports["turtle"]
    assert len(Graph().parse(data=exports["turtle"], format="turtle")) == exports["default quads"]
