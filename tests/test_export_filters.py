"""Projection filters (entity types, relations, date range, minimum support), in the library and
on `kg export`."""

import io
import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.projection import EdgeFilter, FilterError, edge_filter, to_networkx
from kg.store import GraphStore

runner = CliRunner()

# The same sentences in articles of 2021, 2022 and of no date: support and dates depend on the
# range counted.
REPEATED = [
    {"id": "a", "date": "2021-05-04", "text": "Canada sanctioned Russia. Japan criticized China."},
    {"id": "b", "date": "2022-05-04", "text": "Canada sanctioned Russia. Japan criticized China."},
    {"id": "c", "date": "2022-09-14", "text": "Canada sanctioned Russia."},
    {"id": "undated", "text": "Canada sanctioned Russia."},
]


@pytest.fixture(scope="module")
def repeated_graph(tmp_path_factory):
    from kg.build import build

    folder = tmp_path_factory.mktemp("repeated")
    (folder / "news.jsonl").write_text("".join(json.dumps(record) + "\n" for record in REPEATED))
    assert build([str(folder / "news.jsonl")], folder / "graph").documents_added == 4
    return folder / "graph"


def project(folder, **options) -> nx.MultiDiGraph:
    with GraphStore.open(folder) as store:
        return to_networkx(store, edge_filter(**options))


def edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    return {(u, d["predicate"], v): d for u, v, d in graph.edges(data=True)}


@pytest.fixture(scope="module")
def unfiltered(example_graph) -> nx.MultiDiGraph:
    return project(example_graph)


def test_support_and_dates_are_counted_within_the_range(repeated_graph):
    everything = edges(project(repeated_graph))
    sanctions = everything[("canada", "sanctions", "russia")]
    assert (sanctions["weight"], sanctions["first_date"], sanctions["last_date"]) == (4, "2021-05-04", "2022-09-14")
    assert edges(project(repeated_graph, since="1900-01-01"))[("canada", "sanctions", "russia")]["weight"] == 3
    in_2022 = edges(project(repeated_graph, since="2022-01-01", until="2022-12-31"))
    sanctions = in_2022[("canada", "sanctions", "russia")]
    assert (sanctions["weight"], sanctions["first_date"], sanctions["last_date"]) == (2, "2022-05-04", "2022-09-14")
    assert sanctions["sources"].count("|") == 1 and "a:" not in sanctions["sources"]
    assert in_2022[("japan", "criticizes", "china")]["weight"] == 1
    assert set(edges(project(repeated_graph, since="2022-06-01"))) == {("canada", "sanctions", "russia")}


def test_min_support_drops_thin_edges_and_their_lone_nodes(repeated_graph):
    graph = project(repeated_graph, min_support=4)
    assert set(edges(graph)) == {("canada", "sanctions", "russia")} and set(graph) == {"canada", "russia"}
    in_2022 = project(repeated_graph, min_support=2, since="2022-01-01")
    assert set(edges(in_2022)) == {("canada", "sanctions", "russia")}


def test_min_support_on_the_examples(example_graph, unfiltered):
    assert any(d["weight"] == 1 for _, _, d in unfiltered.edges(data=True))
    thick = edges(project(example_graph, min_support=2))
    assert thick == {key: d for key, d in edges(unfiltered).items() if d["weight"] >= 2}


def test_type_keeps_edges_between_entities_of_that_type(example_graph, unfiltered):
    graph = project(example_graph, types=["Country"])
    assert {d["type"] for _, d in graph.nodes(data=True)} == {"Country"}
    expected = {key for key in edges(unfiltered)
                if unfiltered.nodes[key[0]]["type"] == unfiltered.nodes[key[2]]["type"] == "Country"}
    assert set(edges(graph)) == expected and ("canada", "sanctions", "russia") in expected
    assert set(graph) == {node for u, _, v in expected for node in (u, v)}


def test_type_covers_subclasses(example_graph):
    actors = project(example_graph, types=["geo:Actor"])
    kinds = {d["type"] for _, d in actors.nodes(data=True)}
    assert {"Person", "Country"} <= kinds and not kinds & {"Treaty", "Issue", "Place"}
    assert ("olaf_scholz", "leader_of", "germany") in edges(actors)
    both = project(example_graph, types=["Person", "Treaty"])
    assert {d["type"] for _, d in both.nodes(data=True)} <= {"Person", "Treaty"}


def test_predicate_keeps_only_that_relation(example_graph, unfiltered):
    graph = project(example_graph, predicates=["geo:sanctions"])
    expected = {key for key in edges(unfiltered) if key[1] == "sanctions"}
    assert set(edges(graph)) == expected and len(expected) >= 2
    assert set(graph) == {node for u, _, v in expected for node in (u, v)}


def test_date_ranges(example_graph, unfiltered):
    assert project(example_graph, since="1990-01-01", until="1990-12-31").number_of_nodes() == 0
    in_2022 = edges(project(example_graph, since="2022-01-01", until="2022-12-31"))
    assert ("canada", "sanctions", "russia") in in_2022
    assert ("united_states", "withdraws_from", "inf_treaty") not in in_2022
    assert all("2022-01-01" <= d["first_date"] <= d["last_date"] <= "2022-12-31" for d in in_2022.values())


def test_active_filter_drops_entities_without_edges(example_graph, unfiltered):
    lone = set(nx.isolates(unfiltered))
    assert lone, "the examples have entities with no truthy edge (negated statements only)"
    wide = project(example_graph, since="1900-01-01")
    assert set(wide) == set(unfiltered) - lone and wide.number_of_edges() == unfiltered.number_of_edges()


@pytest.mark.parametrize("options, message", [
    ({"types": ["Contry"]}, "unknown entity type 'Contry'"),
    ({"types": ["Statement"]}, "unknown entity type"),
    ({"predicates": ["sanction"]}, "unknown relation 'sanction'"),
    ({"since": "2022-13-01"}, "--since '2022-13-01' is not a date"),
    ({"until": "last year"}, "--until 'last year' is not a date"),
    ({"since": "2023-01-01", "until": "2022-01-01"}, "--since 2023-01-01 is after --until 2022-01-01"),
    ({"min_support": 0}, "--min-support must be at least 1"),
])
def test_bad_filters(options, message):
    with pytest.raises(FilterError, match=message):
        edge_filter(**options)


def test_filter_names_are_normalised():
    assert edge_filter(types=["country", "geo:Person"], predicates=["geo:sanctions"]) == EdgeFilter(
        types=frozenset({"Country", "Person"}), predicates=frozenset({"sanctions"}))
    assert not edge_filter().active and edge_filter(min_support=2).active


def kg(*args):
    return runner.invoke(app, ["export", *map(str, args)])


def test_cli_countries_in_2022_for_gephi(example_graph, tmp_path):
    result = kg("gexf", "-g", example_graph, "--type", "Country", "--since", "2022-01-01", "--until",
                "2022-12-31", "-o", tmp_path / "countries.gexf")
    assert result.exit_code == 0 and result.stdout == "" and "wrote" in result.stderr
    graph = nx.read_gexf(tmp_path / "countries.gexf")
    assert graph.number_of_edges() >= 2 and {d["type"] for _, d in graph.nodes(data=True)} == {"Country"}
    assert all(d["first_date"].startswith("2022") and d["last_date"].startswith("2022")
               for _, _, d in graph.edges(data=True))


def test_cli_graphml_filters(example_graph):
    result = kg("graphml", "-g", example_graph, "--predicate", "sanctions", "--predicate", "geo:attacks",
                "--type", "geo:Country", "--min-support", "1")
    assert result.exit_code == 0 and result.stderr == ""
    graph = nx.read_graphml(io.BytesIO(result.stdout_bytes), force_multigraph=True)
    predicates = {d["predicate"] for _, _, d in graph.edges(data=True)}
    assert predicates == {"sanctions", "attacks"}


@pytest.mark.parametrize("args, message", [
    (["graphml", "--type", "Contry"], "unknown entity type 'Contry'"),
    (["gexf", "--predicate", "sanction"], "unknown relation 'sanction'"),
    (["gexf", "--since", "2022-02-30"], "is not a date (use YYYY-MM-DD)"),
    (["graphml", "--since", "2023-01-01", "--until", "2022-01-01"], "is after"),
    (["graphml", "--min-support", "0"], "--min-support must be at least 1"),
    (["trig", "--type", "Country"], "filters apply to the graphml, gexf, cytoscape exports, not to trig"),
    (["jsonld", "--since", "2022-01-01"], "not to jsonld"),
])
def test_cli_bad_filters_are_one_line_errors(example_graph, args, message):
    result = kg(*args, "-g", example_graph)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("kg: error:") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_non_integer_support_is_a_usage_error(example_graph):
    result = kg("graphml", "--min-support", "two", "-g", example_graph)
    assert result.exit_code == 2 and result.stdout == "" and result.stderr.count("\n") == 1
    assert result.stderr.startswith("kg: error: Invalid value for '--min-support'")
    assert result.stderr.endswith("(see `kg export --help`)\n")
