"""GraphML export: valid against the GraphML schema, read back by networkx and by python-igraph."""

import igraph
import networkx as nx
import pytest
from lxml import etree

from kg.export import export
from kg.projection import edge_filter
from kg.store import GraphStore
from tests.conftest import FIXTURES

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(FIXTURES / "graphml" / "graphml.xsd")))


@pytest.fixture(scope="module")
def graphml(example_graph) -> bytes:
    with GraphStore.open(example_graph) as store:
        return export(store, "graphml")


def test_graphml_round_trip(graphml, tmp_path):
    path = tmp_path / "graph.graphml"
    path.write_bytes(graphml)

    graph = nx.read_graphml(path, force_multigraph=True)
    assert isinstance(graph, nx.MultiDiGraph) and graph.number_of_nodes() > 10
    assert graph.nodes["russia"]["label"] == "Russia" and graph.nodes["russia"]["type"] == "Country"
    assert graph.nodes["russia"]["wikidata"] == "Q159"
    withdrawals = [d for u, v, d in graph.edges(data=True) if (u, v) == ("united_states", "inf_treaty")]
    assert withdrawals and withdrawals[0]["predicate"] == "withdraws_from" and withdrawals[0]["weight"] >= 1
    assert all(isinstance(value, (str, int, float)) for _, _, d in graph.edges(data=True) for value in d.values())

    other = igraph.Graph.Read_GraphML(str(path))
    assert other.vcount() == graph.number_of_nodes() and other.ecount() == graph.number_of_edges()
    assert {"label", "type", "wikidata"} <= set(other.vs.attributes())
    assert {"label", "predicate", "weight"} <= set(other.es.attributes())
    assert "Russia" in other.vs["label"]


@pytest.mark.parametrize("filters", [{}, {"types": ["Country"], "since": "2022-01-01"}, {"predicates": ["sanctions"]}])
def test_graphml_is_valid_against_the_schema(example_graph, schema, filters):
    with GraphStore.open(example_graph) as store:
        document = etree.fromstring(export(store, "graphml", edge_filter(**filters)))
    assert schema.validate(document), schema.error_log
    keys = document.findall(f"{GRAPHML}key")
    assert len({key.get("id") for key in keys}) == len(keys)
    # nodes and edges both have a `label`: two keys of one name, told apart by their id
    assert sorted(key.get("for") for key in keys if key.get("attr.name") == "label") == ["edge", "node"]


def test_schema_refuses_shared_key_ids(graphml, schema):
    """The check can fail: one id for the node and the edge `label` keys breaks the schema."""
    document = etree.fromstring(graphml)
    label_keys = [key for key in document.findall(f"{GRAPHML}key") if key.get("attr.name") == "label"]
    for key in label_keys:
        old = key.get("id")
        key.set("id", "label")
        for data in document.iter(f"{GRAPHML}data"):
            if data.get("key") == old:
                data.set("key", "label")
    assert not schema.validate(document)
    assert "key_id_key" in str(schema.error_log)


def _xml_edge_ids(data: bytes) -> dict[tuple[str, str, str], str]:
    document = etree.fromstring(data)
    predicate_key = next(k.get("id") for k in document.findall(f"{GRAPHML}key")
                         if (k.get("for"), k.get("attr.name")) == ("edge", "predicate"))
    return {(edge.get("source"), edge.find(f"{GRAPHML}data[@key='{predicate_key}']").text, edge.get("target")):
            edge.get("id") for edge in document.iter(f"{GRAPHML}edge")}


def test_edge_ids_are_stable_and_survive_an_igraph_round_trip(example_graph, graphml, tmp_path):
    ids = _xml_edge_ids(graphml)
    assert ids[("united_states", "withdraws_from", "inf_treaty")] == "united_states:withdraws_from:inf_treaty"
    with GraphStore.open(example_graph) as store:
        narrowed = _xml_edge_ids(export(store, "graphml", edge_filter(types=["Country"])))
    assert narrowed and all(ids[edge] == edge_id for edge, edge_id in narrowed.items())

    path, again = tmp_path / "kg.graphml", tmp_path / "igraph.graphml"
    path.write_bytes(graphml)
    first = igraph.Graph.Read_GraphML(str(path))
    first.write_graphml(str(again))
    second = igraph.Graph.Read_GraphML(str(again))
    for graph in (first, second):
        read = {(graph.vs[e.source]["id"], e["predicate"], graph.vs[e.target]["id"]): e["id"] for e in graph.es}
        assert read == ids
    assert {d["id"] for _, _, d in nx.read_graphml(again, force_multigraph=True).edges(data=True)} == set(ids.values())
