"""CLI: stdout holds data, stderr messages; bad input is one line and a non-zero status."""

import json
import subprocess
import sys

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def kg(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_query_formats(example_graph):
    q = "SELECT ?who ?country WHERE { ?who geo:leader_of ?country } ORDER BY ?who"
    table = kg("query", q, "-g", example_graph)
    assert table.exit_code == 0 and "ent:emmanuel_macron" in table.stdout and table.stderr == ""
    data = json.loads(kg("query", q, "-g", example_graph, "--format", "json").stdout)
    assert {"who", "country"} == set(data["head"]["vars"]) and data["results"]["bindings"]
    csv = kg("query", q, "-g", example_graph, "--format", "csv").stdout
    assert csv.splitlines()[0] == "who,country"
    assert kg("query", "ASK { ent:finland geo:joins ent:nato }", "-g", example_graph).stdout == "true\n"
    construct = kg("query", "CONSTRUCT { ?s geo:joins ?o } WHERE { ?s geo:joins ?o }", "-g", example_graph)
    assert "geo:joins" in construct.stdout or "ontology#joins" in construct.stdout


def test_query_from_file_and_to_output(example_graph, tmp_path):
    (tmp_path / "q.rq").write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s geo:sanctions ?o }")
    result = kg("query", "--file", tmp_path / "q.rq", "-g", example_graph, "--format", "tsv",
                "-o", tmp_path / "out.tsv")
    assert result.exit_code == 0 and result.stdout == ""
    assert (tmp_path / "out.tsv").read_text().startswith("?n")


@pytest.mark.parametrize("query, message", [
    ("SELECT ?x WHERE { ?x", "SPARQL syntax error"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT is a SPARQL Update"),
    ("PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }", "DELETE is a SPARQL Update"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
])
def test_bad_queries_are_one_line_errors(example_graph, query, message):
    result = kg("query", query, "-g", example_graph)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("kg: error:") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_graph_and_missing_input(tmp_path):
    result = kg("query", "ASK {}", "-g", tmp_path / "none")
    assert result.exit_code == 2 and "no graph in" in result.stderr
    result = kg("build", tmp_path / "nope", "--out", tmp_path / "g")
    assert result.exit_code == 2 and "no such file or folder" in result.stderr
    assert not (tmp_path / "g").exists()


@pytest.mark.model
def test_build_reports_bad_inputs_and_keeps_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    (folder / "latin1.txt").write_bytes(b"Caf\xe9 talks")
    (folder / "news.jsonl").write_text('{"id": "ok", "text": "Canada sanctioned Russia on Monday."}\n{oops\n')
    result = kg("build", folder, "--out", tmp_path / "g")
    assert result.exit_code == 1
    assert "news.jsonl:2: malformed JSON" in result.stderr
    assert "binary" in result.stderr and "UTF-8" in result.stderr and "empty" in result.stderr
    assert "1 documents added" in result.stderr and "Traceback" not in result.stderr
    ask = kg("query", "ASK { ent:canada geo:sanctions ent:russia }", "-g", tmp_path / "g")
    assert ask.stdout == "true\n"


@pytest.mark.model
def test_a_user_gazetteer_names_entities_and_a_bad_row_stops_the_build_at_once(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("id\tlabel\ttype\taliases\tqid\nwagner\tWagner Group\tOrganization\tPMC Wagner\tQ1\n")
    text = "Canada sanctioned PMC Wagner on Monday.\n"
    result = kg("build", "-", "--out", tmp_path / "g", "--gazetteer", mine, input=text)
    assert result.exit_code == 0, result.stderr
    assert kg("query", "ASK { ent:canada geo:sanctions ent:wagner }", "-g", tmp_path / "g").stdout == "true\n"
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tlabel\ttype\taliases\tqid\nwagner group\tWagner Group\tOrganization\t\tQ1\n")
    result = kg("build", "-", "--out", tmp_path / "h", "--gazetteer", bad, input=text)
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: {bad}:2: id 'wagner group' is not a plain name (ASCII letters, digits, _ and -, dots between them)\n"


@pytest.mark.model
def test_build_from_stdin(tmp_path):
    result = kg("build", "-", "--out", tmp_path / "g", input="Japan condemned North Korea on Friday.\n")
    assert result.exit_code == 0, result.stderr
    assert kg("query", "ASK { ent:japan geo:criticizes ent:north_korea }", "-g", tmp_path / "g").stdout == "true\n"


def test_export_graphml_and_rdf(example_graph, tmp_path):
    result = kg("export", "graphml", "-g", example_graph, "-o", tmp_path / "g.graphml")
    assert result.exit_code == 0 and "wrote" in result.stderr
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 10
    trig = kg("export", "trig", "-g", example_graph)
    assert trig.exit_code == 0 and "geo:Statement" in trig.stdout
    bad = kg("export", "pdf", "-g", example_graph)
    assert bad.exit_code == 2 and "'pdf' is not one of 'graphml'" in bad.stderr


def test_failed_export_keeps_existing_file(example_graph, tmp_path):
    target = tmp_path / "g.graphml"
    target.write_text("previous")
    assert kg("export", "pdf", "-g", example_graph, "-o", target).exit_code == 2
    assert target.read_text() == "previous"


def test_stats(example_graph):
    result = kg("stats", "-g", example_graph, "--format", "json")
    data = json.loads(result.stdout)
    assert data["documents"] >= 5 and data["entities_by_type"]["geo:Country"] > 5
    assert data["relations"]["geo:withdraws_from"]["truthy"] >= 2


@pytest.mark.slow
def test_query_and_export_do_not_import_spacy(example_graph):
    code = ("import sys; from kg.cli import app; from typer.testing import CliRunner; "
            f"r = CliRunner().invoke(app, ['query', 'ASK {{}}', '-g', {str(example_graph)!r}]); "
            f"CliRunner().invoke(app, ['export', 'graphml', '-g', {str(example_graph)!r}]); "
            "assert r.exit_code == 0, r.output; print('spacy' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


@pytest.mark.model
def test_examples_folder_builds_end_to_end(tmp_path):
    result = kg("build", EXAMPLES, "--out", tmp_path / "g")
    assert result.exit_code == 0 and "documents added" in result.stderr and result.stdout == ""
