"""kg.sparql: values into SPARQL templates, hostile strings included; the VALUES block."""

from datetime import date

import pyoxigraph as ox
import pytest

from kg import sparql
from kg.records import Modality

HOSTILE = ['a"b', "x\\", '\\"', "line\nbreak\r", '\\u0022) } ; DROP ALL #', "\\\\u0022", "> } <", "'", '"""',
           "$x ?y", "é\u2028\x00\x7f", "\\U0001F600", "<http://evil/> }"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_string_goes_in_as_one_literal_that_reads_back_as_it_was(value):
    query = sparql.bind("SELECT ?x ?n WHERE { BIND($value AS ?x) BIND(1 AS ?n) }", value=value)
    rows = list(ox.Store().query(query))
    assert len(rows) == 1 and rows[0]["x"] == ox.Literal(value) and rows[0]["n"].value == "1"


@pytest.mark.parametrize("value", [">", " ", '"', "\\", "\n", "{", "}", "|", "^", "`"])
def test_an_iri_cannot_hold_what_would_end_it(value):
    with pytest.raises(ValueError):
        sparql.term(ox.NamedNode("https://x.example/entity/a" + value))


def test_terms_of_each_kind():
    assert sparql.term(ox.NamedNode("https://x.example/a")) == "<https://x.example/a>"
    assert sparql.term(date(2019, 2, 1)) == '"2019-02-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert sparql.term(-3) == "-3" and sparql.term(True) == "true"
    assert sparql.term(Modality.REPORTED) == '"reported"'
    assert sparql.term(sparql.Sparql("?s ?p ?o")) == "?s ?p ?o"
    with pytest.raises(TypeError, match="no SPARQL term for float"):
        sparql.term(0.5)


def test_every_slot_is_filled_once_and_values_are_not_read_again():
    assert sparql.bind("$a $b $a", a=1, b="$a") == '1 "$a" 1'
    with pytest.raises(KeyError, match=r"no value for \$b"):
        sparql.bind("$a $b", a=1)
    with pytest.raises(KeyError, match=r"no slot \$c"):
        sparql.bind("$a", a=1, c=2)


def test_values_block_binds_rows():
    block = sparql.values(["s", "n"], [[ox.NamedNode("https://x.example/a"), 1], ['a"b', 2]])
    assert block == 'VALUES (?s ?n) { (<https://x.example/a> 1) ("a\\"b" 2) }'
    rows = list(ox.Store().query(f"SELECT ?s ?n WHERE {{ {block} }}"))
    assert [(r["s"], r["n"].value) for r in rows] == [(ox.NamedNode("https://x.example/a"), "1"),
                                                      (ox.Literal('a"b'), "2")]
