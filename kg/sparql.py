"""SPARQL text from templates and Python values: the one way kg puts a value into a query."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

import pyoxigraph as ox

from kg.records import PLAIN_MODALITIES, PLAIN_POLARITY

_XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
# SPARQL's own `$var` is a variable as `?var` is; kg's templates use `?` for variables, so every
# `$name` is a slot, and a slot left without a value (or a value without a slot) is an error
_SLOT = re.compile(r"\$([A-Za-z_]\w*)")


class Sparql(str):
    """SPARQL text that goes into a template as it is; any other string goes in as a literal."""


def term(value) -> str:
    """The SPARQL term for `value`: pyoxigraph terms as they print (an IRI in <>, which pyoxigraph
    checked when it was made, a literal with its quotes and escapes), a str as a string literal, an
    int as an integer, a date as an xsd:date, Sparql text as it is."""
    if isinstance(value, Sparql):
        return value
    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return str(ox.Literal(value.isoformat(), datatype=_XSD_DATE))
    if isinstance(value, str):
        return str(ox.Literal(value))
    raise TypeError(f"no SPARQL term for {type(value).__name__} {value!r}")


def terms(values: Iterable, separator: str = " ") -> Sparql:
    """Several terms, as a VALUES list or an IN (...) list (separator ", ") holds them."""
    return Sparql(separator.join(term(value) for value in values))


def values(variables: Sequence[str], rows: Iterable[Sequence]) -> Sparql:
    """A VALUES block binding `variables` (names without "?") to each row of values."""
    heads = " ".join(f"?{name}" for name in variables)
    return Sparql(f"VALUES ({heads}) {{ {' '.join(f'({terms(row)})' for row in rows)} }}")


def bind(template: str, **slots) -> Sparql:
    """`template` with each `$name` replaced by the term for slots[name] (see `term`)."""
    used = set(_SLOT.findall(template))
    if missing := sorted(used - set(slots)):
        raise KeyError(f"no value for ${missing[0]} in the SPARQL template")
    if unused := sorted(set(slots) - used):
        raise KeyError(f"the SPARQL template has no slot ${unused[0]}")
    texts = {name: term(value) for name, value in slots.items()}
    return Sparql(_SLOT.sub(lambda match: texts[match[1]], template))


# ---- the plain-edge rule (kg.records.is_plain) in SPARQL -------------------------------------

def plain_condition(polarity: str, modality: str) -> Sparql:
    """An expression over two variables (with their "?") that is true for a plain edge's statement."""
    return bind(f"{polarity} = $polarity && {modality} IN ($modalities)",
                polarity=PLAIN_POLARITY, modalities=terms(PLAIN_MODALITIES, ", "))


def plain_statement(statement: str) -> Sparql:
    """A pattern that holds where the statement node `statement` (a variable) is a plain edge's:
    its polarity in the triple pattern, its modality filtered (as `statement`_modality)."""
    modality = f"{statement}_modality"
    return bind(f"{statement} geo:polarity $polarity ; geo:modality {modality} . FILTER({modality} IN ($modalities))",
                polarity=PLAIN_POLARITY, modalities=terms(PLAIN_MODALITIES, ", "))
