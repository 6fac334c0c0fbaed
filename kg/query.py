"""Query stage: read-only SPARQL over a built graph, with the project's prefixes predeclared."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import sparql
from kg.errors import KgError
from kg.formats import QUERY as FORMATS
from kg.knowledge import WHERE_CLAUSE, NamedQuery, QueryParameter, named_queries, slug, vocabulary
from kg.oxio import in_memory
from kg.query_guard import MAX_NESTING, nesting_depth, on_deep_stack
from kg.results import solutions_csv
from kg.sparql_lexer import keywords, readings
from kg.xmlchars import xml_document

if TYPE_CHECKING:
    from kg.source import GraphSource

_RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                   "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
_GRAPH_FORMATS = {"table": ox.RdfFormat.TURTLE, "csv": ox.RdfFormat.N_TRIPLES,
                  "tsv": ox.RdfFormat.N_TRIPLES, "json": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}

_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
_PROLOGUE = frozenset({"PREFIX", "BASE"})


class QueryError(KgError):
    """A query that is malformed or not allowed (updates, federation)."""


def check_read_only(sparql: str) -> None:
    """Refuse SPARQL Update and SERVICE anywhere, judged from the query's tokens (as written and with
    codepoint escapes decoded): `kg query` never changes or leaves the local graph."""
    for reading in readings(sparql):
        words = keywords(reading)
        first = next((word for word in words if word not in _PROLOGUE), "")
        if first in _UPDATES:
            raise QueryError(f"{first} is a SPARQL Update; queries are read-only")
        if "SERVICE" in words:
            raise QueryError("SERVICE (federated query) is not allowed; queries read only the local graph")


def run(store: GraphSource, sparql: str):
    """Run a read-only query; returns pyoxigraph QuerySolutions or QueryBoolean, or triples."""
    if nesting_depth(sparql, stop_above=MAX_NESTING) > MAX_NESTING:
        raise QueryError(f"the query nests more than {MAX_NESTING} levels deep (brackets or `!`); "
                         "the engine cannot take that")
    check_read_only(sparql)
    try:
        return store.query(sparql)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {str(err).splitlines()[0]}") from None
    except OSError as err:
        raise QueryError(f"query failed: {str(err).splitlines()[0]}") from None


def compact(term, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, iri in sorted(prefixes.items(), key=lambda item: -len(item[1])):
            local = term.value[len(iri):]
            if term.value.startswith(iri) and re.fullmatch(r"[\w.-]*", local):
                return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def table(solutions: ox.QuerySolutions, prefixes: dict[str, str]) -> str:
    names = [v.value for v in solutions.variables]
    rows = [[compact(row[name], prefixes) for name in names] for row in solutions]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def format_result(result, fmt: str, prefixes: dict[str, str]) -> str:
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if isinstance(result, ox.QueryBoolean):
        if fmt in {"json", "xml"}:  # the SPARQL results formats that have a boolean
            return _text(in_memory(result.serialize(format=_RESULT_FORMATS[fmt])), fmt)
        return ("true" if bool(result) else "false") + "\n"
    if not isinstance(result, ox.QuerySolutions):  # CONSTRUCT or DESCRIBE: a local or a remote graph
        turtle = _GRAPH_FORMATS[fmt] == ox.RdfFormat.TURTLE
        written = ox.serialize(result, format=_GRAPH_FORMATS[fmt], prefixes=prefixes if turtle else None)
        return _text(in_memory(written), fmt)
    if fmt == "table":
        return table(result, prefixes)
    if fmt == "csv":
        return solutions_csv(result.variables, result).decode()
    return _text(in_memory(result.serialize(format=_RESULT_FORMATS[fmt])), fmt)


def _text(data: bytes, fmt: str) -> str:
    # pyoxigraph writes into XML the characters XML 1.0 cannot hold, and ends JSON and XML without a line break
    text = (xml_document(data) if fmt == "xml" else data).decode()
    return text if text.endswith("\n") else text + "\n"


def query(store: GraphSource, sparql: str, fmt: str = "table") -> str:
    # results are lazy: the engine recurses while they are formatted, so both happen on the deep stack
    return on_deep_stack(lambda: format_result(run(store, sparql), fmt, store.prefixes()))


def _term(parameter: QueryParameter, value: str, prefixes: dict[str, str], entity_id: Callable[[str], str]):
    """The value of a parameter given on the command line, as kg.sparql.term takes it."""
    if parameter.kind == "entity":
        local = value[4:] if value.startswith("ent:") else entity_id(value)
        try:
            return ox.NamedNode(prefixes["ent"] + local)
        except ValueError:
            raise QueryError(f"parameter {parameter.name}: {value!r} is not an entity id") from None
    if parameter.kind in {"class", "predicate"}:
        local = value.split(":", 1)[1] if value.startswith("geo:") else value
        if not re.fullmatch(r"[A-Za-z]\w*", local):
            raise QueryError(f"parameter {parameter.name}: {value!r} is not a {parameter.kind} name")
        namespace = "rel" if parameter.kind == "predicate" and local not in vocabulary() else "geo"
        return ox.NamedNode(prefixes[namespace] + local)
    if parameter.kind == "date":
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"parameter {parameter.name}: {value!r} is not a date (YYYY-MM-DD)") from None
    if parameter.kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(f"parameter {parameter.name}: {value!r} is not an integer")
        return int(value)
    return value


def bind(named: NamedQuery, values: dict[str, str], prefixes: dict[str, str],
         entity_id: Callable[[str], str] = slug) -> str:
    """The named query with its parameters fixed by a VALUES block opening its WHERE clause; unset
    optional parameters stay free, so the query then covers every value. (A trailing VALUES clause
    would do as much, but Virtuoso 7 refuses one over variables the query does not select.) An entity
    given by name becomes its id with `entity_id` (the graph's lookup of labels and aliases)."""
    known = {p.name: p for p in named.parameters}
    if unknown := sorted(set(values) - set(known)):
        accepted = ", ".join(known) or "none"
        raise QueryError(f"query {named.name} has no parameter {unknown[0]!r} (parameters: {accepted})")
    if missing := [p.name for p in named.parameters if p.required and p.name not in values]:
        raise QueryError(f"query {named.name} needs --param {missing[0]}=VALUE")
    if not values:
        return named.sparql
    names = sorted(values)
    block = sparql.values(names, [[_term(known[name], values[name], prefixes, entity_id) for name in names]])
    if (clause := WHERE_CLAUSE.search(named.sparql)) is None:
        raise QueryError(f"query {named.name} has no WHERE clause to bind its parameters in")
    where = clause.end()
    return f"{named.sparql[:where]}  {block}\n{named.sparql[where:]}"


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; `kg query --list` shows them ({', '.join(queries)})")
    return queries[name]
