"""GraphML export read back by networkx and by an independent reader (python-igraph)."""

import igraph
import networkx as nx

from kg.export import export
from kg.store import GraphStore


def test_graphml_round_trip(example_graph, tmp_path):
    with GraphStore.open(example_graph) as store:
        data = export(store, "graphml")
    path = tmp_path / "graph.graphml"
    path.write_bytes(data)

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
