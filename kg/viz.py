"""Visualisation stage: the NetworkX projection -> Cytoscape.js elements and a self-contained HTML explorer."""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import networkx as nx

from kg.projection import to_networkx
from kg.query import run
from kg.store import GraphStore

ASSETS = Path(__file__).parent / "assets"

_SENTENCES = """
SELECT ?document ?title ?date ?start ?end ?text WHERE {
  GRAPH ?g {
    ?sentence a geo:Sentence ; geo:text ?text ; geo:start ?start ; geo:end ?end ; dcterms:isPartOf ?d .
    OPTIONAL { ?d dcterms:title ?title }
    OPTIONAL { ?d dcterms:date ?date }
  }
  BIND(STRAFTER(STR(?d), STR(doc:)) AS ?document)
}
"""

# Inside <script>, "</script>" or "<!--" in a string would end or corrupt the element; JSON allows
# these characters as \u escapes, and U+2028/2029 are escaped for older JavaScript parsers.
_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                                "\u2028": "\\u2028", "\u2029": "\\u2029"})
_SLOT = re.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True)
class Quote:
    """A sentence some edge was derived from, with its document."""

    document: str
    title: str
    date: str
    start: int
    end: int
    text: str

    @property
    def source(self) -> str:
        """The key the projection's `sources` edge attribute uses: "doc:start-end"."""
        return f"{self.document}:{self.start}-{self.end}"


def cytoscape_elements(graph: nx.MultiDiGraph) -> dict:
    """Cytoscape.js elements: nodes carry the projection's attributes plus `name` (the label, which
    Cytoscape desktop shows) and `degree`; edges carry theirs plus `interaction` (the predicate)."""
    nodes = [{"data": {"id": node, "name": attrs.get("label", node), **attrs, "degree": graph.degree(node)}}
             for node, attrs in graph.nodes(data=True)]
    edges = [{"data": {"id": key, "source": u, "target": v, "interaction": attrs["predicate"], **attrs}}
             for u, v, key, attrs in graph.edges(keys=True, data=True)]
    return {"nodes": nodes, "edges": edges}


def cytoscape_json(graph: nx.MultiDiGraph) -> bytes:
    """The projection as Cytoscape.js JSON, which Cytoscape desktop also imports."""
    elements = cytoscape_elements(graph)
    return (json.dumps({"elements": elements}, indent=1, ensure_ascii=False) + "\n").encode()


def source_quotes(store: GraphStore) -> dict[str, Quote]:
    """Every stored sentence, keyed like the projection's edge sources ("doc:start-end")."""
    quotes = (Quote(row["document"].value, row["title"].value if row["title"] else "",
                    row["date"].value if row["date"] else "", int(row["start"].value), int(row["end"].value),
                    row["text"].value)
              for row in run(store, _SENTENCES))
    return {quote.source: quote for quote in quotes}


def _script_json(value) -> str:
    """JSON that can sit inside a <script> element whatever strings it holds."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_UNSAFE)


def explorer_html(graph: nx.MultiDiGraph, quotes: dict[str, Quote], title: str = "kg graph explorer") -> str:
    """One HTML page with Cytoscape.js, the explorer script and the graph inlined: it needs no network."""
    elements = cytoscape_elements(graph)
    used = {source for edge in elements["edges"] for source in edge["data"]["sources"].split(" | ")}
    data = {"elements": elements, "quotes": {key: asdict(quotes[key]) for key in sorted(used & quotes.keys())}}
    slots = {"title": html.escape(title), "data": _script_json(data),
             "cytoscape": (ASSETS / "cytoscape.min.js").read_text(encoding="utf-8"),
             "explorer": (ASSETS / "explorer.js").read_text(encoding="utf-8")}
    template = (ASSETS / "explorer.html").read_text(encoding="utf-8")
    return _SLOT.sub(lambda match: slots[match.group(1)], template)


def explorer(store: GraphStore) -> str:
    """The explorer page for a built graph, titled after its folder."""
    return explorer_html(to_networkx(store), source_quotes(store), f"kg graph explorer: {store.folder.resolve().name}")
