"""Named queries: ontologies/queries/*.rq, their parameters, and `kg query --named/--list`."""

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.knowledge import KnowledgeError, NamedQuery, QueryParameter, named_queries
from kg.knowledge.queries import _named_query
from kg.query import QueryError, bind, named_query, run
from kg.store import GraphStore

runner = CliRunner()
PREFIXES = {"ent": "https://x.example/entity/", "geo": "https://geokg.example.org/ontology#",
            "rel": "https://x.example/relation/"}


def test_every_named_query_is_described_and_uses_its_parameters():
    queries = named_queries()
    assert {"posts", "opposition", "treaty_withdrawals", "interactions", "most_connected"} <= set(queries)
    for named in queries.values():
        assert len(named.description) > 30, named.name
        for parameter in named.parameters:
            assert f"?{parameter.name}" in named.sparql, (named.name, parameter.name)


def test_every_named_query_runs_on_the_example_graph(example_graph):
    required = {"entity": "russia", "class": "Country", "predicate": "opposes", "date": "2022-01-01",
                "integer": "1", "string": "x"}
    with GraphStore.open(example_graph) as store:
        for named in named_queries().values():
            values = {p.name: required[p.kind] for p in named.parameters if p.required}
            list(run(store, bind(named, values, store.prefixes())))


def test_optional_parameter_narrows_the_answer(example_graph):
    with GraphStore.open(example_graph) as store:
        everyone = [(r["holder"].value, r["of"].value) for r in run(store, bind(named_query("posts"), {}, store.prefixes()))]
        russia = [(r["holder"].value, r["of"].value)
                  for r in run(store, bind(named_query("posts"), {"of": "Russia"}, store.prefixes()))]
    assert russia and set(russia) < set(everyone)
    assert all(of.endswith("/russia") for _, of in russia)
    assert any(holder.endswith("/sergey_lavrov") for holder, _ in russia)


def test_bind_turns_values_into_terms():
    text = bind(named_query("interactions"), {"a": "United States", "b": "ent:nato"}, PREFIXES)
    # the VALUES block opens the WHERE clause: Virtuoso 7 refuses a trailing one over unselected variables
    assert "\nWHERE {\n  VALUES (?a ?b) { (<https://x.example/entity/united_states> <https://x.example/entity/nato>) }\n" in text
    assert text.replace("  VALUES (?a ?b) { (<https://x.example/entity/united_states> <https://x.example/entity/nato>) }\n", "") \
        == named_query("interactions").sparql
    assert "<https://geokg.example.org/ontology#Country>" in bind(named_query("most_connected"), {"type": "geo:Country"}, PREFIXES)


@pytest.mark.parametrize("values, message", [
    ({"a": "russia"}, "needs --param b"),
    ({"a": "russia", "b": "nato", "c": "x"}, "has no parameter 'c'"),
])
def test_bind_refuses_missing_and_unknown_parameters(values, message):
    with pytest.raises(QueryError, match=message):
        bind(named_query("interactions"), values, PREFIXES)


def test_bind_checks_class_names():
    with pytest.raises(QueryError, match="not a class name"):
        bind(named_query("most_connected"), {"type": "Country } DROP ALL"}, PREFIXES)


def test_named_query_file_needs_a_description_and_known_kinds(tmp_path):
    (tmp_path / "bare.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(KnowledgeError, match="comment describing it"):
        _named_query(tmp_path / "bare.rq")
    (tmp_path / "odd.rq").write_text("# Odd.\n# param x colour: a colour\nSELECT ?x WHERE { ?x ?p ?o }\n")
    with pytest.raises(KnowledgeError, match="unknown kind 'colour'"):
        _named_query(tmp_path / "odd.rq")
    (tmp_path / "short.rq").write_text("# Short form.\n# param x entity: one\nSELECT ?x { ?x ?p ?o }\n")
    with pytest.raises(KnowledgeError, match="has a WHERE { clause, where they are bound"):
        _named_query(tmp_path / "short.rq")
    (tmp_path / "free.rq").write_text("# No parameters, no WHERE.\nSELECT ?x { ?x ?p ?o }\n")
    assert _named_query(tmp_path / "free.rq").parameters == ()


def test_cli_list_and_named(example_graph):
    listing = runner.invoke(app, ["query", "--list"])
    assert listing.exit_code == 0 and "treaty_withdrawals\n" in listing.stdout
    assert "--param a=<entity> (required)" in listing.stdout

    result = runner.invoke(app, ["query", "-g", str(example_graph), "--named", "treaty_withdrawals",
                                 "--param", "actor=United States", "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert {row["treatyLabel"]["value"] for row in rows} >= {"Intermediate-Range Nuclear Forces Treaty"}
    assert all(row["actorLabel"]["value"] == "United States" for row in rows)


@pytest.mark.parametrize("args, message", [
    (["--named", "nope"], "no named query 'nope'"),
    (["--named", "interactions", "--param", "a=russia"], "needs --param b"),
    (["--named", "posts", "--param", "holder"], "write KEY=VALUE"),
    (["SELECT * {}", "--named", "posts"], "one of them"),
    (["SELECT * {}", "--param", "a=b"], "--param sets a parameter of a --named query"),
])
def test_cli_named_query_errors(example_graph, args, message):
    result = runner.invoke(app, ["query", "-g", str(example_graph), *args])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("kg: error: ") and message in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("value", ['ent:russia> } ?s ?p ?o . #', 'ent:a"b', "ent:a\\b", "ent:a\nb", "ent:a b"])
def test_bind_refuses_an_entity_id_that_is_no_iri(value):
    # "ent:" is taken as the id itself: a ">" in it closed the IRI and the rest was SPARQL
    with pytest.raises(QueryError, match="parameter actor: .* is not an entity id"):
        bind(named_query("opposition"), {"actor": value}, PREFIXES)


def test_cli_refuses_an_entity_id_that_is_no_iri(example_graph):
    result = runner.invoke(app, ["query", "-g", str(example_graph), "--named", "opposition",
                                 "--param", "actor=ent:russia> } UNION { ?actor ?p ?target } #"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("kg: error: parameter actor: ") and result.stderr.count("\n") == 1


def test_binding_a_named_query_without_a_where_clause_is_a_query_error():
    # the .rq loader refuses such files; a NamedQuery made in code is checked when it is bound
    parameter = QueryParameter("who", "entity", False, "anyone")
    named = NamedQuery("odd", "no WHERE", (parameter,), "ASK { ?who ?p ?o }")
    with pytest.raises(QueryError, match="query odd has no WHERE clause"):
        bind(named, {"who": "x"}, PREFIXES)
