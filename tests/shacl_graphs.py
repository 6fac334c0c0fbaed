"""Small kg graphs for the validation tests: one clean document, and nodes that each break one constraint."""

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH

from kg.knowledge import data_path, namespaces
from kg.store import GraphStore

PREFIXES = namespaces().prefixes()
TURTLE_PREFIXES = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items())

ENTITY = {"a": ["geo:Country"], "rdfs:label": ['"Russia"'], "skos:altLabel": ['"Russian Federation"'],
          "owl:sameAs": ["wd:Q159"], "geo:iso3": ['"RUS"'], "geo:gwCode": ['"365"']}
STATEMENT = {"a": ["geo:Statement"], "geo:subject": ["ent:russia"], "geo:predicate": ["geo:withdraws_from"],
             "geo:object": ["ent:inf_treaty"], "geo:polarity": ['"positive"'], "geo:modality": ['"asserted"'],
             "geo:confidence": ["0.9"], "geo:rule": ['"svo"'], "geo:surfaceSubject": ['"Russia"'],
             "geo:surfaceObject": ['"the INF Treaty"'], "geo:attributedTo": ["ent:sergei_lavrov"],
             "dcterms:date": ['"2019-02-02"^^xsd:date'], "geo:dateText": ['"on Saturday"'],
             "prov:wasDerivedFrom": ["sent:a_0"]}
SENTENCE = {"a": ["geo:Sentence"], "geo:text": ['"Russia withdrew from the INF Treaty."'], "geo:start": ["0"],
            "geo:end": ["36"], "dcterms:isPartOf": ["doc:a"]}
DOCUMENT = {"a": ["geo:Document"], "geo:contentHash": [f'"{"0f" * 32}"'], "dcterms:source": ['"a.txt"'],
            "dcterms:title": ['"Russia leaves the treaty"'], "dcterms:date": ['"2019-02-02"^^xsd:date']}
KINDS = {"entity": ENTITY, "statement": STATEMENT, "sentence": SENTENCE, "document": DOCUMENT}

CLEAN_DEFAULT = {"ent:russia": ENTITY,
                 "ent:inf_treaty": {"a": ["geo:Treaty"], "rdfs:label": ['"INF Treaty"']},
                 "ent:sergei_lavrov": {"a": ["geo:Person"], "rdfs:label": ['"Sergei Lavrov"']}}
CLEAN_DOCUMENT = {"doc:a": DOCUMENT, "sent:a_0": SENTENCE, "stmt:clean": STATEMENT}
EDGES = "ent:russia geo:withdraws_from ent:inf_treaty .\n"

# Each node breaks one constraint (some a second one as a consequence): kind, node, changed properties
# (an empty list removes one), and the property at fault ("" for the node itself).
BREAKS = [
    ("entity", "ent:no_label", {"rdfs:label": []}, "rdfs:label"),
    ("entity", "ent:two_labels", {"rdfs:label": ['"Russia"', '"Russian Federation"']}, "rdfs:label"),
    ("entity", "ent:tagged_label", {"rdfs:label": ['"Russia"@en']}, "rdfs:label"),
    ("entity", "ent:empty_label", {"rdfs:label": ['""']}, "rdfs:label"),
    ("entity", "ent:two_classes", {"a": ["geo:Country", "geo:Person"]}, "rdf:type"),
    ("entity", "ent:two_items", {"owl:sameAs": ["wd:Q159", "wd:Q160"]}, "owl:sameAs"),
    ("entity", "ent:literal_item", {"owl:sameAs": ['"http://www.wikidata.org/entity/Q159"']}, "owl:sameAs"),
    ("entity", "ent:other_item", {"owl:sameAs": ["<http://dbpedia.org/resource/Russia>"]}, "owl:sameAs"),
    ("entity", "ent:integer_alias", {"skos:altLabel": ["7"]}, "skos:altLabel"),
    ("entity", "ent:empty_alias", {"skos:altLabel": ['""']}, "skos:altLabel"),
    ("entity", "ent:bad_iso3", {"geo:iso3": ['"ru"']}, "geo:iso3"),
    ("entity", "ent:two_gw_codes", {"geo:gwCode": ['"365"', '"366"']}, "geo:gwCode"),
    ("entity", "ent:bad_gw_code", {"geo:gwCode": ['"G365"']}, "geo:gwCode"),
    ("entity", "[]", {"rdfs:label": ['"Nobody"']}, ""),
    ("statement", "stmt:no_subject", {"geo:subject": []}, "geo:subject"),
    ("statement", "stmt:two_subjects", {"geo:subject": ["ent:russia", "ent:sergei_lavrov"]}, "geo:subject"),
    ("statement", "stmt:document_subject", {"geo:subject": ["doc:a"]}, "geo:subject"),
    ("statement", "stmt:no_predicate", {"geo:predicate": []}, "geo:predicate"),
    ("statement", "stmt:literal_predicate", {"geo:predicate": ['"withdraws_from"']}, "geo:predicate"),
    ("statement", "stmt:two_objects", {"geo:object": ["ent:inf_treaty", "ent:russia"]}, "geo:object"),
    ("statement", "stmt:no_polarity", {"geo:polarity": []}, "geo:polarity"),
    ("statement", "stmt:unknown_polarity", {"geo:polarity": ['"maybe"']}, "geo:polarity"),
    ("statement", "stmt:unknown_modality", {"geo:modality": ['"rumoured"']}, "geo:modality"),
    ("statement", "stmt:two_modalities", {"geo:modality": ['"asserted"', '"planned"']}, "geo:modality"),
    ("statement", "stmt:string_confidence", {"geo:confidence": ['"0.9"']}, "geo:confidence"),
    ("statement", "stmt:negative_confidence", {"geo:confidence": ["-0.5"]}, "geo:confidence"),
    ("statement", "stmt:over_confidence", {"geo:confidence": ["1.5"]}, "geo:confidence"),
    ("statement", "stmt:no_rule", {"geo:rule": []}, "geo:rule"),
    ("statement", "stmt:two_surface_subjects", {"geo:surfaceSubject": ['"Sergei Lavrov"', '"Lavrov"']},
     "geo:surfaceSubject"),
    ("statement", "stmt:empty_surface_object", {"geo:surfaceObject": ['""']}, "geo:surfaceObject"),
    ("statement", "stmt:attributed_to_text", {"geo:attributedTo": ['"Lavrov"']}, "geo:attributedTo"),
    ("statement", "stmt:string_date", {"dcterms:date": ['"2019-02-02"']}, "dcterms:date"),
    ("statement", "stmt:two_date_texts", {"geo:dateText": ['"on Saturday"', '"Saturday"']}, "geo:dateText"),
    ("statement", "stmt:from_document", {"prov:wasDerivedFrom": ["doc:a"]}, "prov:wasDerivedFrom"),
    ("statement", "stmt:no_sentence", {"prov:wasDerivedFrom": []}, "prov:wasDerivedFrom"),
    ("statement", "stmt:no_plain_edge", {"geo:object": ["ent:russia"]}, ""),
    ("sentence", "sent:no_text", {"geo:text": []}, "geo:text"),
    ("sentence", "sent:empty_text", {"geo:text": ['""']}, "geo:text"),
    ("sentence", "sent:negative_start", {"geo:start": ["-1"]}, "geo:start"),
    ("sentence", "sent:backwards", {"geo:start": ["40"], "geo:end": ["36"]}, "geo:start"),
    ("sentence", "sent:decimal_end", {"geo:end": ["36.0"]}, "geo:end"),
    ("sentence", "sent:in_an_entity", {"dcterms:isPartOf": ["ent:russia"]}, "dcterms:isPartOf"),
    ("document", "doc:short_hash", {"geo:contentHash": ['"0f0f"']}, "geo:contentHash"),
    ("document", "doc:no_source", {"dcterms:source": []}, "dcterms:source"),
    ("document", "doc:two_titles", {"dcterms:title": ['"A"', '"B"']}, "dcterms:title"),
    ("document", "doc:string_date", {"dcterms:date": ['"2 February 2019"']}, "dcterms:date"),
]


def expand(name: str) -> str:
    if name == "a":
        name = "rdf:type"
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES else name


def turtle(nodes: dict[str, dict[str, list[str]]]) -> str:
    return "".join(f"{node} " + " ;\n  ".join(f"{p} {', '.join(objects)}" for p, objects in properties.items()
                                              if objects) + " .\n"
                   for node, properties in nodes.items())


def trig(default: dict, document: dict, edges: str = EDGES) -> str:
    return f"{TURTLE_PREFIXES}{turtle(default)}{edges}doc:a {{\n{turtle(document)}}}\n"


def broken(breaks=BREAKS) -> str:
    """The clean graph plus every breaking node: entities in the default graph, the rest in the document's."""
    default, document = dict(CLEAN_DEFAULT), dict(CLEAN_DOCUMENT)
    for kind, node, changes, _ in breaks:
        (default if kind == "entity" else document)[node] = KINDS[kind] | changes
    return trig(default, document)


def load(folder: Path, data: str) -> Path:
    """A kg graph folder (with the ontology graph, as kg build writes it) holding the TriG `data`."""
    with GraphStore.create_or_open(folder) as store:
        store.oxigraph.load(data.encode(), format=ox.RdfFormat.TRIG)
    return folder


def node(term: str) -> str:
    """A node as both validators name it; blank nodes alike whatever their id."""
    return term if ":" in term else "_:"


def pyshacl_results(folder: Path, shapes_ttl: str | None = None) -> tuple[bool, set[tuple[str, str, str]]]:
    """pyshacl's verdict and (focus, path, message) over the union of the folder's graphs: the reference."""
    from pyshacl import validate

    with GraphStore.open(folder) as store:
        quads = ox.parse(store.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        triples = ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES)
    shapes = Graph().parse(data=shapes_ttl, format="turtle") if shapes_ttl else Graph().parse(data_path("shapes.ttl"))
    conforms, report, _ = validate(Graph().parse(data=triples, format="nt"), shacl_graph=shapes, inference="none",
                                   advanced=True)
    return conforms, {(node(str(report.value(r, SH.focusNode))), str(report.value(r, SH.resultPath) or ""),
                       str(report.value(r, SH.resultMessage))) for r in report.subjects(SH.focusNode, None)}
