"""Notebook-style example of kg's Python API: build the example articles, rank the most central actors
with networkx, plot who criticises whom over time with matplotlib.

Run it as a script (`python docs/notebook.py [GRAPH_FOLDER [PNG]]`, default output/ and
output/criticism.png) or cell by cell (`# %%`) in Jupyter, VS Code or Spyder. It needs matplotlib:
`pip install -e '.[notebook]'`.
"""

# %% Build the graph of the example articles (documents already built are skipped)
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed: the figure goes to a PNG
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx

import kg

ROOT = Path(__file__).resolve().parent.parent
folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "output"
png = Path(sys.argv[2]) if len(sys.argv) > 2 else folder / "criticism.png"

report = kg.build_graph([ROOT / "examples"], folder, progress=lambda source: print("read", source))
print(f"{report.documents_added} documents added, {report.documents_unchanged} unchanged")
graph = kg.open_graph(folder)

# %% The most central actors: degree and betweenness centrality over the plain edges between actors
# (people, countries, organisations), direction and parallel relations set aside
actors = graph.networkx(types=["Actor"])
network = nx.Graph(actors)
degree, betweenness = nx.degree_centrality(network), nx.betweenness_centrality(network)
central = sorted(network, key=lambda node: (-degree[node], -betweenness[node], node))[:8]
print("\nmost central actors (degree, betweenness centrality):")
for node in central:
    print(f"  {actors.nodes[node]['label']:<28} {degree[node]:.3f}  {betweenness[node]:.3f}")

# %% Who criticises whom, and when: statements of the relations the ontology files under PLOVER ACCUSE
criticism = graph.query("""
SELECT ?date ?critic ?criticLabel ?relation ?targetLabel ?modality WHERE {
  GRAPH <https://geokg.example.org/ontology> { ?p geo:ploverType "ACCUSE" }
  GRAPH ?document { ?st geo:subject ?critic ; geo:predicate ?p ; geo:object ?target ;
                        geo:polarity "positive" ; geo:modality ?modality ; dcterms:date ?date }
  ?critic rdfs:label ?criticLabel . ?target rdfs:label ?targetLabel .
  BIND(STRAFTER(STR(?p), STR(geo:)) AS ?relation)
} ORDER BY ?date ?criticLabel""").to_dataframe()
print("\nwho criticises whom:")
print(criticism[["date", "criticLabel", "relation", "targetLabel", "modality"]].to_string(index=False))

# %% Plot: one row per critic -> target pair, a mark per statement at its date; central actors in bold
pairs = (criticism.criticLabel + " \u2192 " + criticism.targetLabel).tolist()
rows = {pair: i for i, pair in enumerate(dict.fromkeys(pairs))}
criticism["row"] = [rows[pair] for pair in pairs]
critic_of = dict(zip(pairs, criticism.critic.str.removeprefix("ent:")))
figure, axes = plt.subplots(figsize=(9, 1.2 + 0.45 * len(rows)))
for (relation, statements), marker in zip(criticism.groupby("relation"), "os^vD"):
    axes.scatter(statements.date.tolist(), statements.row, marker=marker, s=70, label=relation)
axes.set_yticks(list(rows.values()), list(rows))
for label, pair in zip(axes.get_yticklabels(), rows):
    label.set_fontweight("bold" if critic_of[pair] in central else "normal")
axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
axes.set_title("Who criticises whom over time (kg, example articles)")
axes.legend(loc="lower right")
axes.grid(axis="x", alpha=0.3)
figure.tight_layout()
png.parent.mkdir(parents=True, exist_ok=True)
figure.savefig(png, dpi=120)
print(f"\nwrote {png}")
graph.close()
