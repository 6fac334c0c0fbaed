"""kg: news articles -> a knowledge graph of geopolitical actors (RDF, SPARQL, GraphML).

Library entry points: kg.build.build, kg.store.GraphStore, kg.query.query, kg.export.export,
kg.projection.to_networkx, kg.stats.stats. Importing `kg` loads nothing heavy (no spaCy).
"""

__version__ = "0.1.0"
