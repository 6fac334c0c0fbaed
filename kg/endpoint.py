"""Query side, remote: a kg graph in a SPARQL 1.1 endpoint, as `kg push` wrote it, read like a local store."""

from __future__ import annotations

import urllib.parse

import pyoxigraph as ox

from kg.credentials import Credentials
from kg.errors import KgError
from kg.knowledge import namespaces
from kg.oxio import in_memory
from kg.push_http import Client, PushError
from kg.query import QueryError
from kg.sparql import bind
from kg.store import ONTOLOGY_GRAPH

_FORM = "application/x-www-form-urlencoded"
# one Accept for every query form: the endpoint answers SELECT and ASK with results, CONSTRUCT with RDF
_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
           "application/n-triples;q=0.9, text/turtle;q=0.8")
_RESULTS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
            "application/json": ox.QueryResultsFormat.JSON,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML}
# an answer is read whole before it is parsed: past this size it is refused, not held in memory
ANSWER_LIMIT = 1 << 30
# headers by which endpoints say they cut a result to their row limit: Virtuoso's, `kg serve`'s
_TRUNCATED = {"X-SPARQL-MaxRows": None, "X-Kg-Truncated": "true"}

# A statement's subject: its IRI gives the graph's base; its label, that entities are in the default graph.
_SAMPLE = """SELECT ?entity ?label WHERE {
  GRAPH ?g { ?st a geo:Statement ; geo:subject ?entity } OPTIONAL { ?entity rdfs:label ?label } } LIMIT 1"""
# The local store's graphs rebuilt: the default graph (entities and plain edges, whose subjects are
# all entities) wherever the push put it, and the document and ontology graphs by name. A document graph
# says which names it used for an entity (geo:surfaceForm); kg writes no triple in both kinds of graph, so
# what a document graph holds is not the default graph's, even where that is the union of all (a store
# may keep the pushed default graph as a named graph of its own: Virtuoso does).
_DEFAULT_GRAPH = """SELECT DISTINCT ?s ?p ?o WHERE {
  ?s ?p ?o FILTER(STRSTARTS(STR(?s), STR(ent:)))
  FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), STR(doc:))) } }"""
_NAMED_GRAPHS = bind("""SELECT ?g ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), STR(doc:)) || ?g = $ontology) }""",
                     ontology=ox.NamedNode(ONTOLOGY_GRAPH))


class EndpointError(KgError):
    """The endpoint cannot be reached, refuses a request, or holds no kg graph."""


class Endpoint:
    """A kg graph in a SPARQL 1.1 endpoint (kg.source.GraphSource).

    Queries go as SPARQL 1.1 Protocol POSTs with the project's prefixes declared, over the
    endpoint's default graph: the default graph `kg push` wrote (the store's own), or the union of
    all graphs where that is the endpoint's default graph (Virtuoso, GraphDB), which also holds a
    default graph pushed into a named one (`kg push --default-graph IRI`).

    HTTP as in `kg push` (kg.push_http): the user and password in the URL or `credentials`,
    `timeout` seconds for each request in all, redirects refused, error answers read in part."""

    def __init__(self, url: str, credentials: Credentials | None = None, timeout: float = 60.0):
        self._client = Client(url, credentials, timeout)
        self.name = self.url = self._client.endpoint  # without the user and password
        self._prefixes = namespaces().prefixes()  # the sample query needs only geo: and rdfs:, under no base
        self._prefixes = namespaces().prefixes(self._base())

    def _base(self) -> str:
        rows = list(self.query(_SAMPLE))
        if not rows:
            raise EndpointError(f"{self.url} holds no kg graph: no named graph has a geo:Statement "
                                "(`kg push` puts one there)")
        entity = rows[0]["entity"].value
        if rows[0]["label"] is None:
            raise EndpointError(f"{self.url}: the entities of its kg graph are not in its default graph; kg reads "
                                "the default graph `kg push` wrote, or the union of all graphs (as in Virtuoso)")
        head = entity[:entity.rindex("/") + 1]  # entity ids are slugs: no "/"
        under = dict(namespaces().base_relative)["ent"]
        if not head.endswith(under):
            raise EndpointError(f"{self.url}: {entity} is not a kg entity IRI (BASE{under}ID)")
        return head[:-len(under)]

    def prefixes(self) -> dict[str, str]:
        return dict(self._prefixes)

    def query(self, sparql: str):
        # declared on the query's first line, so that the endpoint's error messages give its line numbers
        declared = "".join(f"PREFIX {prefix}: <{iri}> " for prefix, iri in self._prefixes.items())
        body = urllib.parse.urlencode({"query": declared + sparql}).encode()
        what = f"querying {self.url}"
        try:
            headers, answer = self._client.request("POST", self.url, what, body=body, limit=ANSWER_LIMIT,
                                                   headers={"Content-Type": _FORM, "Accept": _ACCEPT})
        except PushError as err:
            raise (QueryError if err.status == 400 else EndpointError)(str(err)) from None
        for header, value in _TRUNCATED.items():
            if headers.get(header) and value in {None, headers[header].lower()}:
                raise EndpointError(f"{what}: the endpoint cut the answer to its row limit ({header}: "
                                    f"{headers[header]}); raise the limit there")
        media = headers.get_content_type()
        try:
            if media in _RESULTS:
                return ox.parse_query_results(answer, format=_RESULTS[media])
            if (rdf := ox.RdfFormat.from_media_type(media)) is not None:
                return list(ox.parse(answer, format=rdf))
        except (SyntaxError, ValueError) as err:
            raise EndpointError(f"{what}: malformed {media} answer: {str(err).splitlines()[0]}") from None
        raise EndpointError(f"{what}: the answer is {media}, not SPARQL results or RDF")

    def dump(self, format: ox.RdfFormat, *, default_graph: bool = False,
             prefixes: dict[str, str] | None = None) -> bytes:
        rows = list(self.query(_DEFAULT_GRAPH))
        if default_graph:
            return in_memory(ox.serialize([ox.Triple(row["s"], row["p"], row["o"]) for row in rows], format=format,
                                          prefixes=prefixes))
        rows += self.query(_NAMED_GRAPHS)
        quads = [ox.Quad(row["s"], row["p"], row["o"], row["g"] or ox.DefaultGraph()) for row in rows]
        return in_memory(ox.serialize(quads, format=format, prefixes=prefixes))

    def close(self) -> None:
        """Nothing to release: each query is one request."""

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
