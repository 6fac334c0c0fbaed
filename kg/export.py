"""Export stage: the stored graph -> projection formats (GraphML, GEXF, Cytoscape JSON) or RDF."""

from __future__ import annotations

import io
import json
import warnings
from itertools import chain
from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph as ox

from kg.errors import KgError, KgWarning
from kg.formats import EXPORT as FORMATS
from kg.projection import EdgeFilter, to_networkx
from kg.viz import cytoscape_json
from kg.xmlchars import xml_text

if TYPE_CHECKING:
    from kg.source import GraphSource


class ExportError(KgError):
    pass


def xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph, changed in place so that XML can hold its string attributes: characters it
    cannot become U+FFFD. (Node ids are entity ids: plain ASCII names.)"""
    for attrs in chain((a for _, a in graph.nodes(data=True)), (a for *_, a in graph.edges(data=True))):
        attrs.update({key: xml_text(value) for key, value in attrs.items() if isinstance(value, str)})
    return graph


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GraphML whose keys have distinct ids (d0, d1, ...: nodes and edges both have a `label`, and
    the schema wants one id per key); each edge's id, its projection key, is also its `id`
    attribute, because igraph's reader fills its own edge ids from the node ids and keeps the attribute."""
    graph = graph.copy()
    for _, _, key, attributes in graph.edges(keys=True, data=True):
        attributes["id"] = key
    buffer = io.BytesIO()
    nx.write_graphml_lxml(xml_safe(graph), buffer, encoding="utf-8", prettyprint=True, edge_id_from_attribute="id")
    return buffer.getvalue().rstrip(b"\n") + b"\n"  # lxml ends the document without a line break


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 for Gephi: the entity and relation labels become the node and edge `label`, the
    support count the edge `weight`; every other attribute is a string."""
    buffer = io.BytesIO()
    nx.write_gexf(xml_safe(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _by_id(node: dict) -> str:
    return node.get("@id", "")


def jsonld_bytes(store: GraphSource) -> bytes:
    """Everything, like N-Quads and TriG, as one compacted JSON-LD document: an @context of the
    project's prefixes, the default graph's nodes at the top level, each named graph an object
    {"@id": graph, "@graph": [nodes]}; nodes sorted by @id so that exports can be diffed."""
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=store.dump(ox.RdfFormat.N_QUADS), format="nquads")
    document = json.loads(dataset.serialize(format="json-ld", context=store.prefixes(), auto_compact=True))
    context = document.pop("@context")
    items = document.pop("@graph") if "@graph" in document and "@id" not in document else [document]
    # rdflib wraps the default graph in an object with @graph but no @id, which other JSON-LD
    # processors (pyoxigraph, pyld) read as a blank-node named graph: its nodes go to the top level.
    nodes = [node for item in items for node in (item["@graph"] if item.keys() == {"@graph"} else [item])]
    for node in nodes:
        node.get("@graph", []).sort(key=_by_id)
    nodes.sort(key=lambda node: ("@graph" in node, _by_id(node)))
    return (json.dumps({"@context": context, "@graph": nodes}, indent=1, ensure_ascii=False) + "\n").encode()


PROJECTION_WRITERS = {"graphml": graphml_bytes, "gexf": gexf_bytes, "cytoscape": cytoscape_json}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def export(store: GraphSource, fmt: str, edge_filter: EdgeFilter = EdgeFilter()) -> bytes:
    """Serialize the graph. GraphML, GEXF and Cytoscape JSON hold the NetworkX projection, narrowed
    by `edge_filter`; Turtle holds the truthy graph (entities and plain edges, the default graph);
    N-Quads, TriG and JSON-LD hold everything, statements in one named graph per document."""
    if fmt in PROJECTION_WRITERS:
        graph = to_networkx(store, edge_filter)
        if not graph:
            warnings.warn(KgWarning("the export is empty: " + ("no edge passes the filters" if edge_filter.active
                                                               else "the graph holds no entities")), stacklevel=2)
        return PROJECTION_WRITERS[fmt](graph)
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if edge_filter.active:
        raise ExportError(f"filters apply to the {', '.join(PROJECTION_WRITERS)} exports, not to {fmt} "
                          f"(RDF exports hold the whole graph)")
    if fmt == "jsonld":
        return jsonld_bytes(store)
    prefixes = store.prefixes() if fmt in {"turtle", "trig"} else None
    return store.dump(RDF_FORMATS[fmt], default_graph=fmt == "turtle", prefixes=prefixes)
