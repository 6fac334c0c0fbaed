"""Entity cards (`kg show`) and edge explanations (`kg explain`) over the example graph."""

import json

import pytest
from typer.testing import CliRunner

from kg.cards import NotInGraph, entity_card, explain, find_entity
from kg.cli import app
from kg.store import GraphStore
from tests.shacl_graphs import CLEAN_DEFAULT, CLEAN_DOCUMENT, STATEMENT, load, trig

runner = CliRunner()


@pytest.fixture(scope="module")
def store(example_graph):
    with GraphStore.open(example_graph) as opened:
        yield opened


@pytest.mark.parametrize("name", ["united_states", "ent:united_states", "United States", "united states", "US"])
def test_find_entity_by_id_label_or_alias(store, name):
    assert find_entity(store, name) == "united_states"


def test_unknown_entity_suggests_close_names(store):
    with pytest.raises(NotInGraph, match="no entity 'Rusia'.*did you mean 'russia'"):
        find_entity(store, "Rusia")


def test_entity_card_has_ids_aliases_and_sourced_edges(store):
    card = entity_card(store, "US")
    assert (card.id, card.label, card.type, card.wikidata) == ("united_states", "United States", "Country", "Q30")
    assert ("iso3", "USA") in card.codes and "US" in card.aliases
    inf = next(e for e in card.outgoing if (e.predicate, e.other) == ("withdraws_from", "inf_treaty"))
    assert inf.support >= 1 and inf.dates[0] == "2019-08-02"
    assert any("withdrew from the Intermediate-Range" in e.quote and e.title for e in inf.evidence)
    russia = entity_card(store, "Russia")
    assert any((e.predicate, e.other) == ("accuses", "nato") for e in russia.incoming)


def test_explain_shows_statements_that_are_not_edges(store):
    edge = explain(store, "Brazil", "signs", "joint declaration")
    assert edge.support == 0 and edge.evidence and {e.polarity for e in edge.evidence} == {"negative"}


def test_explain_without_statements_names_what_the_pair_holds(store):
    with pytest.raises(NotInGraph, match=r"no statement \(united_states, sanctions, inf_treaty\); it holds withdraws_from"):
        explain(store, "United States", "sanctions", "INF Treaty")


def test_cli_show_and_explain(example_graph):
    text = runner.invoke(app, ["show", "Finland", "-g", str(example_graph)])
    assert text.exit_code == 0 and text.stderr == ""
    assert text.stdout.startswith("Finland  (finland, Country)") and "-> joins NATO (nato)" in text.stdout
    card = json.loads(runner.invoke(app, ["show", "finland", "-g", str(example_graph), "--format", "json"]).stdout)
    assert card["wikidata"] == "Q33" and any(e["predicate"] == "joins" for e in card["outgoing"])

    why = runner.invoke(app, ["explain", "brazil", "geo:signs", "joint declaration", "-g", str(example_graph)])
    assert why.exit_code == 0 and "not a plain edge" in why.stdout and "[negative]" in why.stdout
    missing = runner.invoke(app, ["show", "Atlantis", "-g", str(example_graph)])
    assert missing.exit_code == 2 and missing.stdout == ""
    assert missing.stderr.startswith("kg: error: no entity 'Atlantis'") and missing.stderr.count("\n") == 1


@pytest.mark.parametrize("name", ['Russia"> } #', "Russia\\", "Rus\nsia", "ent:russia>", "<Russia>", "$entity"])
def test_cli_hostile_names_are_names_not_sparql(example_graph, name):
    # a name is looked up among the graph's names (or as their slug, "russia"), never put into a query
    for args in (["show", name], ["explain", name, "withdraws_from", "INF Treaty"],
                 ["explain", "United States", name, "INF Treaty"]):
        result = runner.invoke(app, [*args, "-g", str(example_graph)])
        if result.exit_code == 0:
            assert args[0] == "show" and result.stdout.startswith("Russia  (russia, Country)")
        else:
            assert result.exit_code == 2 and result.stdout == ""
            assert result.stderr.startswith("kg: error: ") and result.stderr.count("\n") == 1


def test_cli_show_names_a_statement_of_unknown_modality(tmp_path):
    odd = CLEAN_DOCUMENT | {"stmt:odd": STATEMENT | {"geo:modality": ['"rumoured"']}}
    folder = load(tmp_path / "graph", trig(CLEAN_DEFAULT, odd))
    result = runner.invoke(app, ["show", "Russia", "-g", str(folder)])
    assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("\n") == 1
    assert "holds a statement of modality 'rumoured', not one of asserted, reported, planned" in result.stderr
