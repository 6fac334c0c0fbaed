"""Query side: the one interface the read stages use, over a built graph's store or a remote SPARQL endpoint."""

from __future__ import annotations

from typing import Protocol

import pyoxigraph as ox


class GraphSource(Protocol):
    """A kg graph to read: `kg.store.GraphStore` (a folder) or `kg.endpoint.Endpoint` (a URL).

    Queries run over the graph's default graph as `kg push` writes it (entities and plain edges)
    or the union of all graphs, and one named graph per document; the stages in kg.query,
    kg.projection, kg.cards, kg.stats, kg.validate and kg.export take either."""

    name: str  # the folder or the URL, for messages

    def prefixes(self) -> dict[str, str]:
        """The SPARQL prefixes (geo:, ent:, doc:, ...) under this graph's base IRI."""

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list[ox.Triple]:
        """Run a SPARQL query with the prefixes predeclared; kg.query.run checks it is read-only."""

    def dump(self, format: ox.RdfFormat, *, default_graph: bool = False,
             prefixes: dict[str, str] | None = None) -> bytes:
        """Every graph (a dataset format), or only the default graph: entities and plain edges."""

    def close(self) -> None: ...

    def __enter__(self) -> GraphSource: ...

    def __exit__(self, *exc) -> None: ...

