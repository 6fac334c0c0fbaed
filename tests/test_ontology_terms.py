"""The geo: namespace is closed against ontologies/geopolitics.ttl: in code, in queries and in shapes."""

import re
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.rdf import GEO, REL, UndeclaredTerm, ontology_terms

ROOT = Path(__file__).resolve().parent.parent
# GEO.name in Python, geo:name in SPARQL and Turtle (not inside an IRI: "http://geo:...")
_USE = re.compile(r"(?<![\w/])geo:([A-Za-z_]\w*)|\bGEO\.([A-Za-z_]\w*)")


def test_a_misspelt_term_raises():
    assert GEO.Statement.value.endswith("#Statement") and GEO["withdraws_from"].value.endswith("#withdraws_from")
    with pytest.raises(AttributeError, match="Statment is not a term declared in ontologies/geopolitics.ttl"):
        _ = GEO.Statment
    with pytest.raises(KgError, match="Contry"):  # data naming an unknown class: a one-line error
        GEO["Contry"]
    assert not hasattr(GEO, "Statment") and isinstance(UndeclaredTerm("x"), KgError)
    assert REL.anything.value.endswith("anything")  # relations outside the ontology stay open


def test_the_declared_terms_are_the_ontology_s_classes_and_properties():
    terms = ontology_terms()
    assert {"Entity", "Country", "Statement", "subject", "polarity", "modality", "ploverType", "accuses"} <= terms
    assert not {"ontology", "", "Ontology"} & terms


def test_every_geo_term_the_code_and_data_use_is_declared():
    files = [*(ROOT / "kg").rglob("*.py"), *(ROOT / "ontologies" / "queries").glob("*.rq"),
             ROOT / "ontologies" / "shapes.ttl", ROOT / "ontologies" / "geopolitics.ttl", ROOT / "README.md"]
    used = {}
    for path in files:
        for match in _USE.finditer(path.read_text(encoding="utf-8")):
            used.setdefault(match[1] or match[2], set()).add(path.relative_to(ROOT).as_posix())
    assert len(used) > 30
    assert {term: sorted(paths) for term, paths in used.items() if term not in ontology_terms()} == {}
