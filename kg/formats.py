"""Output format names of the query and export stages, importable without them (the CLI offers them as choices)."""

QUERY = ("table", "csv", "tsv", "json", "xml")
PROJECTION = ("graphml", "gexf", "cytoscape")
RDF = ("turtle", "nquads", "trig", "jsonld")
EXPORT = (*PROJECTION, *RDF)
