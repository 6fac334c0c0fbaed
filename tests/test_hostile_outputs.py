"""Characters that break outputs: every export of a graph holding any character stays well formed
for independent readers, and CSV cells cannot run as spreadsheet formulas."""

from __future__ import annotations

import io
import json
import tempfile

import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree
from rdflib import Dataset
from typer.testing import CliRunner

from kg.cli import app
from kg.export import FORMATS, export
from kg.records import Assertion, Document, DocumentResult, Entity, Mention, ResolvedAssertion, Sentence
from kg.results import BY_NAME, serialize
from kg.store import GraphStore

# every C0 and C1 control, DEL, the non-characters U+FFFE/U+FFFF/U+FDD0/U+10FFFF, line and paragraph
# separators, a byte order mark, a bidi override, private use
HOSTILE = ("".join(map(chr, range(32))) + "\x7f" + "".join(map(chr, range(0x80, 0xa0)))
           + "\ufffe\uffff\ufdd0\U0010ffff\u2028\u2029\ufeff\u202e\ue000")
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
            "\t=1", "\r=1", "\uff1d1+1"]


def _mention(entity: Entity, start: int) -> Mention:
    return Mention(entity.label, start, start + len(entity.label), entity.type, entity.id)


def _result(doc_id: str, title: str, text: str, subject: Entity, obj: Entity) -> DocumentResult:
    sentence = Sentence(doc_id, text, 0, len(text))
    assertion = Assertion(_mention(subject, 0), "sanctions", _mention(obj, 0), sentence, "svo",
                          date_text=HOSTILE)
    statement = ResolvedAssertion(assertion, subject, obj, None, "2024-01-02")
    return DocumentResult(Document(doc_id, text, title, "2024-01-02", url=f"http://example.org/{doc_id}"),
                          (statement,), (subject, obj))


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory):
    """A graph whose labels, aliases, titles, sentences and surface forms hold every hostile
    character, and whose titles are spreadsheet formulas."""
    acme = Entity("acme", f"Acme{HOSTILE}", "Organization", aliases=frozenset({f"A{HOSTILE}", "=1+1"}))
    russia = Entity("russia", "Russia", "Country", qid="Q159")
    folder = tmp_path_factory.mktemp("hostile")
    with GraphStore.create_or_open(folder) as store:
        store.add_document(_result("d1", f"Title{HOSTILE}", f"Acme{HOSTILE} sanctioned Russia.", acme, russia))
        for number, formula in enumerate(FORMULAS):
            store.add_document(_result(f"f{number}", formula, f"{formula} text.", russia, acme))
    return folder


def _xml(data: bytes):
    return etree.parse(io.BytesIO(data))


def _rdf(data: bytes, fmt: str, ox_format: ox.RdfFormat) -> int:
    dataset = Dataset()
    dataset.parse(data=data.decode(), format=fmt)
    quads = len(list(dataset.quads((None, None, None, None))))  # len(dataset) counts a triple once over all graphs
    assert len(list(ox.parse(data, format=ox_format))) == quads  # pyoxigraph reads the same
    return quads


def _graphml(data: bytes) -> None:
    import igraph

    _xml(data)
    graph = nx.read_graphml(io.BytesIO(data))
    with tempfile.NamedTemporaryFile(suffix=".graphml") as file:
        file.write(data)
        file.flush()
        assert igraph.Graph.Read_GraphML(file.name).vcount() == graph.number_of_nodes() == 2


READERS = {
    "graphml": _graphml,
    "gexf": lambda data: (_xml(data), nx.read_gexf(io.BytesIO(data))),
    "cytoscape": lambda data: json.loads(data)["elements"]["nodes"],
    "turtle": lambda data: _rdf(data, "turtle", ox.RdfFormat.TURTLE),
    "nquads": lambda data: _rdf(data, "nquads", ox.RdfFormat.N_QUADS),
    "trig": lambda data: _rdf(data, "trig", ox.RdfFormat.TRIG),
    "jsonld": lambda data: (json.loads(data), _rdf(data, "json-ld", ox.RdfFormat.JSON_LD)),
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_of_any_character_is_read_back(hostile_graph, fmt):
    with GraphStore.open(hostile_graph) as store:
        data = export(store, fmt)
    data.decode("utf-8")
    READERS[fmt](data)


def test_rdf_exports_keep_every_character(hostile_graph):
    with GraphStore.open(hostile_graph) as store:
        data = export(store, "nquads")
    labels = {str(o) for s, p, o, g in Dataset().parse(data=data.decode(), format="nquads").quads()
              if str(p).endswith("#label")}
    assert f"Acme{HOSTILE}" in labels


def test_xml_exports_replace_what_xml_cannot_hold(hostile_graph):
    with GraphStore.open(hostile_graph) as store:
        graph = nx.read_graphml(io.BytesIO(export(store, "graphml")))
        gexf = nx.read_gexf(io.BytesIO(export(store, "gexf")))
    label = graph.nodes["acme"]["label"]
    kept = {"\t", "\n", "\r"} | {c for c in HOSTILE if ord(c) >= 0x7f and c not in "\ufffe\uffff"}
    expected = "Acme" + "".join(c if c in kept else "\ufffd" for c in HOSTILE)
    assert label == expected and gexf.nodes["acme"]["label"] == expected


def _csv_cells(text: str) -> list[str]:
    import csv

    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_query_csv_neutralises_spreadsheet_formulas(hostile_graph):
    query = "SELECT ?title WHERE { ?d dcterms:title ?title } ORDER BY ?title"
    result = CliRunner().invoke(app, ["query", query, "-g", str(hostile_graph), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    cells = _csv_cells(result.stdout)
    assert {f"'{formula}" for formula in FORMULAS} <= set(cells)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d")) for cell in cells)


def test_endpoint_csv_neutralises_formulas_and_keeps_numbers(hostile_graph):
    query = ('SELECT ?title ?n WHERE { ?d dcterms:title ?title VALUES ?n { -5 "+1.5e3" } } '
             "ORDER BY ?title ?n")
    with GraphStore.open(hostile_graph) as store:
        result = store.oxigraph.query(query, use_default_graph_as_union=True, prefixes=store.prefixes())
        body, cut = serialize(result, BY_NAME["text/csv"], 100, store.prefixes())
    cells = _csv_cells(body.decode())
    assert not cut and "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells and "'-2+3" in cells
    assert "-5" in cells and "+1.5e3" in cells  # plain numbers are no formulas
    assert body.startswith(b"title,n\r\n")


@pytest.mark.parametrize("query", ["SELECT ?label WHERE { ?e rdfs:label ?label }",
                                   "CONSTRUCT { ?e rdfs:label ?label } WHERE { ?e rdfs:label ?label }"])
def test_xml_query_results_stay_well_formed(hostile_graph, query):
    result = CliRunner().invoke(app, ["query", query, "-g", str(hostile_graph), "--format", "xml"])
    assert result.exit_code == 0, result.stderr
    assert "Acme\ufffd" in etree.tostring(_xml(result.stdout_bytes), encoding="unicode")
    with GraphStore.open(hostile_graph) as store:
        for media in ("application/sparql-results+xml", "application/rdf+xml"):
            if (media == "application/rdf+xml") == query.startswith("CONSTRUCT"):
                answer = store.oxigraph.query(query, use_default_graph_as_union=True, prefixes=store.prefixes())
                _xml(serialize(answer, BY_NAME[media], 100, store.prefixes())[0])
