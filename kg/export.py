"""Export stage: the stored graph -> GraphML (projection) or RDF serializations."""

from __future__ import annotations

import io

import networkx as nx
import pyoxigraph as ox

from kg.projection import to_networkx
from kg.store import GraphStore
from kg.errors import KgError
from kg.viz import cytoscape_json

RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
FORMATS = ("graphml", "cytoscape", *RDF_FORMATS)


class ExportError(KgError):
    pass


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml_lxml(graph, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


def export(store: GraphStore, fmt: str) -> bytes:
    """Serialize the graph. Turtle holds the truthy graph (entities and plain edges, the default
    graph); N-Quads, TriG and JSON-LD hold everything, statements in one named graph per document."""
    if fmt == "graphml":
        return graphml_bytes(to_networkx(store))
    if fmt == "cytoscape":
        return cytoscape_json(store)
    if fmt not in RDF_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    from_graph = ox.DefaultGraph() if fmt == "turtle" else None
    prefixes = store.prefixes() if fmt in {"turtle", "trig"} else None
    return store.oxigraph.dump(format=RDF_FORMATS[fmt], from_graph=from_graph, prefixes=prefixes)
