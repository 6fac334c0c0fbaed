"""kg: news articles -> a knowledge graph of geopolitical actors (RDF, SPARQL, GraphML).

The public API is kg.api's, also importable from here (`kg.open_graph("output")`); it loads on
first use, so importing `kg` loads nothing heavy (no spaCy).
"""

__version__ = "0.1.0"
__all__ = ["Graph", "KgError", "Table", "build_graph", "named_queries", "open_graph"]


# (the build function is build_graph: `kg.build` is the build stage's module)
def __getattr__(name: str):
    if name in __all__:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
