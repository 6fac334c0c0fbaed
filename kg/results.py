"""Serve stage, results: the media types a SPARQL result is sent as, negotiation, serialization under a row limit."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

import pyoxigraph as ox

from kg.errors import KgError
from kg.oxio import in_memory
from kg.xmlchars import xml_document

SOLUTIONS, BOOLEAN, TRIPLES = "SELECT", "ASK", "CONSTRUCT/DESCRIBE"


class FormatError(KgError):
    """A `format=` value that names no media type this endpoint produces."""


@dataclass(frozen=True)
class MediaType:
    name: str
    format: ox.QueryResultsFormat | ox.RdfFormat
    forms: frozenset[str]


_RESULTS = frozenset({SOLUTIONS, BOOLEAN})
F = TypeVar("F", ox.QueryResultsFormat, ox.RdfFormat)
# the first acceptable one wins when a client accepts several equally (*/*: JSON results, Turtle graphs)
MEDIA_TYPES = (
    MediaType("application/sparql-results+json", ox.QueryResultsFormat.JSON, _RESULTS),
    MediaType("application/sparql-results+xml", ox.QueryResultsFormat.XML, _RESULTS),
    MediaType("text/csv", ox.QueryResultsFormat.CSV, frozenset({SOLUTIONS})),
    MediaType("text/tab-separated-values", ox.QueryResultsFormat.TSV, frozenset({SOLUTIONS})),
    MediaType("text/turtle", ox.RdfFormat.TURTLE, frozenset({TRIPLES})),
    MediaType("application/n-triples", ox.RdfFormat.N_TRIPLES, frozenset({TRIPLES})),
    MediaType("application/rdf+xml", ox.RdfFormat.RDF_XML, frozenset({TRIPLES})),
    # generic JSON clients ask for this rather than the SPARQL media type
    MediaType("application/json", ox.QueryResultsFormat.JSON, _RESULTS),
)
BY_NAME = {media.name: media for media in MEDIA_TYPES}
# `format=` short names, as SPARQLWrapper and HTML forms send them ("xml" serves results and graphs)
FORMAT_NAMES = {"json": ("application/sparql-results+json",),
                "xml": ("application/sparql-results+xml", "application/rdf+xml"),
                "csv": ("text/csv",), "tsv": ("text/tab-separated-values",),
                "turtle": ("text/turtle",), "n3": ("text/turtle",), "ntriples": ("application/n-triples",),
                "rdf": ("application/rdf+xml",), "rdf+xml": ("application/rdf+xml",)}


def _quality(media: str, accept: list[tuple[str, float]]) -> float:
    """q of the most specific Accept range that covers `media` (0 when none does)."""
    kind = media.split("/")[0] + "/*"
    for pattern in (media, kind, "*/*"):
        qualities = [q for name, q in accept if name == pattern]
        if qualities:
            return max(qualities)
    return 0.0


def _parse_accept(header: str) -> list[tuple[str, float]]:
    ranges = []
    for part in header.split(","):
        name, *params = [field.strip() for field in part.split(";")]
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        if name:
            ranges.append((name.lower(), q))
    return ranges


def acceptable(accept: str | None, formats: Sequence[str] = ()) -> tuple[MediaType, ...]:
    """Media types the client takes, best first: `format=` values if given, else the Accept header's q-values."""
    wanted = [value.strip().lower() for value in formats if value.strip()]
    if wanted:
        names: list[str] = []
        for value in wanted:
            if value not in FORMAT_NAMES and value not in BY_NAME:
                raise FormatError(f"unknown format {value!r}; use {', '.join(FORMAT_NAMES)} or a media type")
            names += FORMAT_NAMES.get(value, (value,))
        return tuple(BY_NAME[name] for name in dict.fromkeys(names))
    ranges = _parse_accept(accept or "*/*") or [("*/*", 1.0)]
    scored = [(-_quality(media.name, ranges), index, media) for index, media in enumerate(MEDIA_TYPES)]
    return tuple(media for score, _, media in sorted(scored) if score < 0)


def query_form(result) -> str:
    if isinstance(result, ox.QueryBoolean):
        return BOOLEAN
    return TRIPLES if isinstance(result, ox.QueryTriples) else SOLUTIONS


def _solutions_tsv(variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> str:
    """SPARQL TSV writes terms as N-Triples, which is how pyoxigraph prints them."""
    lines = ["\t".join(f"?{v.value}" for v in variables)]
    lines += ["\t".join("" if row[v] is None else str(row[v]) for v in variables) for row in rows]
    return "\n".join(lines) + "\n"


# A spreadsheet opening a CSV file runs a cell that starts with one of these as a formula
# (=HYPERLINK(...), @SUM(...), -2+3+cmd|...): such a cell gets a leading apostrophe, which
# spreadsheets hide. Plain numbers ("-5", "+1.5e3") stay as they are.
_FORMULA_STARTS = tuple("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def csv_cell(text: str) -> str:
    """One CSV field: formulas neutralised, quoted when it holds a comma, quote or line break."""
    if text.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        text = "'" + text
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in ',"\r\n') else text


def _csv_term(term) -> str:
    """A term as SPARQL CSV results write it (and pyoxigraph: a triple term as its three terms)."""
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return " ".join(_csv_term(part) for part in (term.subject, term.predicate, term.object))
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def solutions_csv(variables: list[ox.Variable], rows) -> bytes:
    """SPARQL 1.1 CSV results as pyoxigraph writes them, but safe to open in a spreadsheet."""
    lines = [",".join(csv_cell(v.value) for v in variables)]
    lines += [",".join(csv_cell(_csv_term(row[v])) for v in variables) for row in rows]
    return "".join(line + "\r\n" for line in lines).encode()


def serialize(result, media: MediaType, max_rows: int, prefixes: dict[str, str]) -> tuple[bytes, bool]:
    """The result in `media`, cut to `max_rows` rows or triples; also whether it was cut."""
    if isinstance(result, ox.QueryBoolean):
        return in_memory(result.serialize(format=_format(media, ox.QueryResultsFormat))), False
    rows = list(islice(result, max_rows + 1))
    kept = rows[:max_rows]
    if isinstance(result, ox.QueryTriples):
        written = ox.serialize(kept, format=_format(media, ox.RdfFormat), prefixes=prefixes)
        return _xml_safe(media, in_memory(written)), len(rows) > max_rows
    if media.format == ox.QueryResultsFormat.CSV:
        return solutions_csv(result.variables, kept), len(rows) > max_rows
    # pyoxigraph serializes only whole result streams: the kept rows go back through its TSV parser
    solutions = ox.parse_query_results(_solutions_tsv(result.variables, kept), ox.QueryResultsFormat.TSV)
    written = solutions.serialize(format=_format(media, ox.QueryResultsFormat))
    return _xml_safe(media, in_memory(written)), len(rows) > max_rows


def _format(media: MediaType, kind: type[F]) -> F:
    """The media type's pyoxigraph format, of the kind the result needs (the caller picked a media
    type for the result's form: SPARQL results for solutions and booleans, RDF for graphs)."""
    if not isinstance(media.format, kind):
        raise FormatError(f"{media.name} cannot carry these results")
    return media.format


def _xml_safe(media: MediaType, body: bytes) -> bytes:
    # pyoxigraph writes into XML the characters XML 1.0 cannot hold
    return xml_document(body) if media.name.endswith("xml") else body
