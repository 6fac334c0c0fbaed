"""Visual explorer and Cytoscape JSON: the page is self-contained, matches the projection, and renders
in a real headless Chromium."""

import json
import re
import shutil
import subprocess

import lxml.html
import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.projection import edge_key, to_networkx
from kg.store import GraphStore
from kg.viz import cytoscape_elements, explorer, explorer_html

runner = CliRunner()
CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run does it)")


@pytest.fixture(scope="module")
def projection(example_graph) -> nx.MultiDiGraph:
    with GraphStore.open(example_graph) as store:
        return to_networkx(store)


@pytest.fixture(scope="module")
def page(example_graph) -> str:
    with GraphStore.open(example_graph) as store:
        return explorer(store)


def embedded_data(page: str) -> dict:
    return json.loads(lxml.html.fromstring(page).get_element_by_id("kg-data").text)


def test_cytoscape_export_mirrors_the_projection(example_graph, projection):
    result = runner.invoke(app, ["export", "cytoscape", "-g", str(example_graph)])
    assert result.exit_code == 0 and result.stderr == ""
    elements = json.loads(result.stdout)["elements"]
    nodes, edges = elements["nodes"], elements["edges"]
    assert len(nodes) == projection.number_of_nodes() and len(edges) == projection.number_of_edges()
    ids = [element["data"]["id"] for element in nodes + edges]
    assert len(ids) == len(set(ids))
    node_ids = {node["data"]["id"] for node in nodes}
    assert all(edge["data"]["source"] in node_ids and edge["data"]["target"] in node_ids for edge in edges)
    russia = next(node["data"] for node in nodes if node["data"]["id"] == "russia")
    assert russia["name"] == "Russia" and russia["type"] == "Country" and russia["wikidata"] == "Q159"
    assert russia["degree"] == projection.degree("russia") > 3
    withdrawal = next(edge["data"] for edge in edges
                      if edge["data"]["id"] == edge_key("united_states", "withdraws_from", "inf_treaty"))
    assert withdrawal["interaction"] == "withdraws_from" and withdrawal["weight"] >= 1


def test_page_is_self_contained_and_matches_the_projection(page, projection):
    assert page.startswith("<!DOCTYPE html>")
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script[@src] | //link | //img | //iframe")
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)
    data = embedded_data(page)
    assert len(data["elements"]["nodes"]) == projection.number_of_nodes()
    assert len(data["elements"]["edges"]) == projection.number_of_edges()
    sources = {s for _, _, d in projection.edges(data=True) for s in d["sources"].split(" | ")}
    assert set(data["quotes"]) == sources
    assert any("withdrew from the Intermediate-Range" in quote["text"] for quote in data["quotes"].values())


def test_embedded_json_cannot_end_the_script_element():
    hostile = "</script><script>alert(1)</script><!-- \u2028 & {{data}}"
    graph = nx.MultiDiGraph()
    graph.add_node("a", label=hostile, type="Country", wikidata="", aliases=hostile)
    graph.add_node("b", label="B", type="Person", wikidata="", aliases="")
    graph.add_edge("a", "b", key="e0", predicate="meets", label="meets", weight=1, first_date="",
                   last_date="", sources="d:0-5")
    page = explorer_html(graph, {}, title=hostile)
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 3
    assert "<script>alert" not in page
    data = embedded_data(page)
    assert data["elements"] == cytoscape_elements(graph) and data["quotes"] == {}
    assert lxml.html.fromstring(page).findtext(".//title") == hostile


def test_viz_cli_writes_stdout_or_file(example_graph, tmp_path):
    result = runner.invoke(app, ["viz", "-g", str(example_graph)])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>") and result.stderr == ""
    target = tmp_path / "graph.html"
    result = runner.invoke(app, ["viz", "-g", str(example_graph), "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == "" and "wrote" in result.stderr
    assert target.read_text(encoding="utf-8") == runner.invoke(app, ["viz", "-g", str(example_graph)]).stdout
    missing = runner.invoke(app, ["viz", "-g", str(tmp_path / "none")])
    assert missing.exit_code == 2 and missing.stdout == ""
    assert missing.stderr.startswith("kg: error: no graph in") and len(missing.stderr.strip().splitlines()) == 1


def chromium(tmp_path, page: str, *args: str) -> str:
    """Load the page from file:// in headless Chromium, let it run, return stdout."""
    path = tmp_path / "graph.html"
    path.write_text(page, encoding="utf-8")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
               "--virtual-time-budget=10000", *args, path.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=300).stdout


@pytest.mark.slow
@needs_chromium
def test_page_renders_and_responds_in_chromium(tmp_path, page, projection):
    body = lxml.html.fromstring(chromium(tmp_path, page, "--dump-dom")).body
    assert body.get("data-rendered") == "true"
    assert int(body.get("data-node-count")) == projection.number_of_nodes()
    assert int(body.get("data-edge-count")) == projection.number_of_edges()
    assert len(body.get_element_by_id("legend")) == len({t for _, t in projection.nodes(data="type")})

    screenshot = tmp_path / "graph.png"
    chromium(tmp_path, page, f"--screenshot={screenshot}", "--window-size=1280,900")
    assert screenshot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and screenshot.stat().st_size > 20_000

    # what a user does: search by an alias, then click the edge United States -> INF Treaty
    actions = f"""<script>
      const search = document.getElementById("search");
      search.value = "kremlin";
      search.dispatchEvent(new Event("input"));
      kgExplorer.getElementById({json.dumps(edge_key("united_states", "withdraws_from", "inf_treaty"))}).emit("tap");
    </script></body>"""
    tree = lxml.html.fromstring(chromium(tmp_path, page.replace("</body>", actions), "--dump-dom"))
    assert tree.get_element_by_id("matches").text_content() == "1 match"  # Russia, by its alias
    card = tree.get_element_by_id("card")
    assert "withdraws_from" in card.text_content()
    quotes = [quote.text_content() for quote in card.iter("blockquote")]
    assert any("withdrew from the Intermediate-Range Nuclear Forces Treaty" in quote for quote in quotes)
