"""Public Python API: open a built graph or an endpoint, query, project and inspect it, or build one."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import KgError
from kg.knowledge import NamedQuery
from kg.knowledge import named_queries as _named_queries
from kg.query import QueryError, bind, compact, named_query, run

if TYPE_CHECKING:
    import networkx
    import pandas
    import rdflib

    from kg.build import BuildReport
    from kg.cards import Edge, EntityCard
    from kg.source import GraphSource
    from kg.stats import Stats
    from kg.validate import ValidationReport

__all__ = ["Graph", "KgError", "Table", "build_graph", "named_queries", "open_graph"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {"integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
             "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"}
_READERS: dict[str, Callable[[str], Any]] = {
    **{_XSD + name: int for name in _INTEGERS},
    # decimals too: notebooks compute with floats (a confidence of 0.8 is xsd:decimal)
    **{_XSD + name: float for name in ("decimal", "double", "float")},
    _XSD + "boolean": lambda text: {"true": True, "1": True, "false": False, "0": False}[text],
    _XSD + "date": date.fromisoformat,
    _XSD + "dateTime": datetime.fromisoformat,
}


def _python(term, prefixes: dict[str, str]) -> Any:
    """A SPARQL term as a Python value: IRIs compacted with the project's prefixes ("ent:russia"),
    others in full; literals by datatype (int, float, bool, date, datetime, else str); unbound None."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        reader = _READERS.get(term.datatype.value)
        try:
            return reader(term.value) if reader else term.value
        except (ValueError, KeyError):  # an ill-typed literal ("abc"^^xsd:integer) keeps its text
            return term.value
    text = compact(term, prefixes)
    return text[1:-1] if text.startswith("<") else text


@dataclass(frozen=True)
class Table(Sequence):
    """The rows of a SELECT query, each a dict from variable to Python value.

    >>> table = Table(("who", "n"), ({"who": "ent:russia", "n": 3},))
    >>> table[0]["n"], len(table), table.columns
    (3, 1, ('who', 'n'))
    """

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]

    def __getitem__(self, index):
        return self.rows[index]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def to_dataframe(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame, one column per variable (pandas is imported only here)."""
        try:
            import pandas
        except ImportError:
            raise KgError("Table.to_dataframe needs pandas: pip install pandas") from None
        return pandas.DataFrame.from_records(list(self.rows), columns=list(self.columns))


class Graph:
    """A kg graph opened with `open_graph`: a built folder or a SPARQL endpoint, read-only.

    Use it as a context manager, or call `close()`: a folder's store stays open until then.
    """

    def __init__(self, source: GraphSource):
        self._source = source

    @property
    def name(self) -> str:
        """The folder or the endpoint URL."""
        return self._source.name

    @property
    def source(self) -> GraphSource:
        """The store or endpoint underneath, for kg's stage functions (kg.query.query, kg.cards, ...)."""
        return self._source

    def prefixes(self) -> dict[str, str]:
        """The prefixes every query has declared: geo:, ent:, doc:, rdfs:, ..."""
        return self._source.prefixes()

    def _run(self, sparql: str, form: str):
        result = run(self._source, sparql)
        found = ("SELECT" if isinstance(result, ox.QuerySolutions) else
                 "ASK" if isinstance(result, ox.QueryBoolean) else "CONSTRUCT")
        if found != form:
            raise QueryError(f"not a {form} query but {found}: use query() for SELECT, ask() for ASK and "
                             "construct() for CONSTRUCT or DESCRIBE")
        return result

    def query(self, sparql: str) -> Table:
        """Run a read-only SELECT query over the graph; prefixes are predeclared.

        >>> graph.query("SELECT ?label WHERE { ent:russia rdfs:label ?label }")[0]
        {'label': 'Russia'}
        """
        solutions = self._run(sparql, "SELECT")
        prefixes = self.prefixes()
        columns = tuple(variable.value for variable in solutions.variables)
        return Table(columns, tuple({name: _python(row[name], prefixes) for name in columns} for row in solutions))

    def ask(self, sparql: str) -> bool:
        """Run an ASK query.

        >>> graph.ask("ASK { ent:united_states geo:withdraws_from ent:inf_treaty }")
        True
        """
        return bool(self._run(sparql, "ASK"))

    def construct(self, sparql: str) -> rdflib.Graph:
        """Run a CONSTRUCT or DESCRIBE query; the triples as an rdflib Graph.

        >>> len(graph.construct("CONSTRUCT WHERE { ent:russia rdfs:label ?label }"))
        1
        """
        from rdflib import Graph as RdflibGraph

        triples = ox.serialize(self._run(sparql, "CONSTRUCT"), format=ox.RdfFormat.N_TRIPLES)
        return RdflibGraph().parse(data=triples, format="nt")

    def named(self, name: str, **parameters: str) -> Table:
        """Run a named query (see `named_queries()`), its parameters given by keyword.

        >>> [(row["post"], row["of"]) for row in graph.named("posts", holder="Sergei Lavrov")]
        [('minister_of', 'ent:russia')]
        """
        return self.query(self.named_sparql(name, **parameters))

    def named_sparql(self, name: str, **parameters: str) -> str:
        """The SPARQL of a named query with its parameters bound; an entity parameter may name the
        entity by id, label, alias or surname, as `entity()` does.

        >>> "/sergey_lavrov>" in graph.named_sparql("posts", holder="Lavrov")
        True
        """
        from kg.cards import find_entity

        return bind(named_query(name), parameters, self.prefixes(), lambda value: find_entity(self._source, value))

    def networkx(self, *, types: Iterable[str] = (), predicates: Iterable[str] = (), since: str | None = None,
                 until: str | None = None, min_support: int = 1) -> networkx.MultiDiGraph:
        """The NetworkX projection, with `kg export`'s filters: entities as nodes, truthy relations
        as edges keyed "subject:predicate:object" (predicate, weight, first_date, last_date, sources).

        >>> countries = graph.networkx(types=["Country"])
        >>> countries.nodes["russia"]["label"], {countries.nodes[n]["type"] for n in countries}
        ('Russia', {'Country'})
        >>> countries.edges["united_kingdom", "russia", "united_kingdom:sanctions:russia"]["predicate"]
        'sanctions'
        """
        from kg.projection import edge_filter, to_networkx

        return to_networkx(self._source, edge_filter(types, predicates, since, until, min_support))

    def rdflib(self) -> rdflib.Dataset:
        """A copy of every graph in an rdflib Dataset (the default graph, one per document, the
        ontology), its default graph the union of all as in kg's queries, prefixes bound.

        >>> dataset = graph.rdflib()
        >>> len(dataset.query("SELECT ?country WHERE { ?country a geo:Country }")) > 10
        True
        """
        from rdflib import Dataset

        dataset = Dataset(default_union=True)
        for prefix, iri in self.prefixes().items():
            dataset.bind(prefix, iri, replace=True)
        return dataset.parse(data=self._source.dump(ox.RdfFormat.N_QUADS), format="nquads")

    def entity(self, name: str, limit: int | None = None) -> EntityCard:
        """An entity's card as data: id, label, type, Wikidata id, codes, aliases and the documents
        that use them, and its outgoing and incoming edges with every statement behind them (`kg show`);
        with `limit`, only that many of the best supported edges each way. `name` is an id, label,
        alias or a person's surname.

        >>> card = graph.entity("US")
        >>> card.id, card.wikidata, "inf_treaty" in {e.other for e in card.outgoing if e.predicate == "withdraws_from"}
        ('united_states', 'Q30', True)
        """
        from kg.cards import entity_card

        return entity_card(self._source, name, limit)

    def explain(self, subject: str, predicate: str, object: str) -> Edge:
        """The statements behind one edge, negated, planned and hypothetical ones included (`kg explain`).

        >>> edge = graph.explain("US", "withdraws_from", "INF Treaty")
        >>> edge.support >= 1, any("formally withdrew" in e.quote for e in edge.evidence)
        (True, True)
        """
        from kg.cards import explain

        return explain(self._source, subject, predicate, object)

    def stats(self) -> Stats:
        """Counts of documents, statements, entities by type and relations by predicate (`kg stats`)."""
        from kg.stats import stats

        return stats(self._source)

    def validate(self) -> ValidationReport:
        """The graph checked against the SHACL shapes (`kg validate`)."""
        from kg.validate import validate

        return validate(self._source)

    def export(self, fmt: str, *, types: Iterable[str] = (), predicates: Iterable[str] = (),
               since: str | None = None, until: str | None = None, min_support: int = 1) -> bytes:
        """What `kg export FMT` writes: graphml, gexf, cytoscape (filters apply), turtle, nquads, trig, jsonld."""
        from kg.export import export
        from kg.projection import edge_filter

        return export(self._source, fmt, edge_filter(types, predicates, since, until, min_support))

    def close(self) -> None:
        self._source.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<kg.Graph {self.name}>"


def open_graph(location: str | os.PathLike[str], *, user: str | None = None, password: str | None = None,
               timeout: float = 60.0, ask: Callable[[str], str] | None = None) -> Graph:
    """Open a kg graph to read: a folder `kg build` wrote (read-only, so a build may be writing it
    meanwhile: you see what was stored when it was opened), or the URL of a SPARQL 1.1 endpoint
    holding one as `kg push` wrote it. Its credentials (Basic or Digest) are found as `kg push`
    finds them: the user and password in the URL, else `user` (or KG_PUSH_USER) with `password`,
    KG_PUSH_PASSWORD or the host's ~/.netrc entry, else `ask(prompt)` (`getpass.getpass`, say).
    Each request has `timeout` seconds in all; redirects are errors.

    >>> with open_graph("output") as g:
    ...     g.stats().documents > 0
    True
    """
    from kg.credentials import login
    from kg.endpoint import Endpoint
    from kg.store import GraphStore

    if isinstance(location, str) and "://" in location:
        url, credentials = login(location, user, password, ask=ask)
        return Graph(Endpoint(url, credentials, timeout))
    return Graph(GraphStore.open(location))


def named_queries() -> dict[str, NamedQuery]:
    """The bundled named queries by name: each has a `description` and `parameters` (name, kind,
    required, description).

    >>> sorted(named_queries())[:3]
    ['interactions', 'most_connected', 'opposition']
    """
    return _named_queries()


def build_graph(inputs: Iterable[str | os.PathLike], out: str | os.PathLike = "output", *,
          progress: Callable[[str], None] | None = None, model: str | None = None,
          gazetteer: Iterable[str | os.PathLike] = (), base: str | None = None, jobs: int = 1) -> BuildReport:
    """Build or extend the graph in `out` from files and folders (.txt, .md, .jsonl), as `kg build`
    does: documents already built are skipped. `progress(source)` is called once for each input
    record done ("file.txt", "news.jsonl:3"). This loads spaCy and the model.

    >>> report = build_graph(["examples/"], "output", progress=print)  # doctest: +SKIP
    examples/2019-treaty-withdrawal.txt
    ...
    """
    from kg.build import build as run_build
    from kg.settings import DEFAULT_MODEL, Settings

    settings = Settings(model=model or DEFAULT_MODEL, gazetteer_files=tuple(Path(g) for g in gazetteer))
    return run_build([str(path) for path in inputs], Path(out), settings, base=base,
                     progress=progress or (lambda source: None), jobs=jobs)
