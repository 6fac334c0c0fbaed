"""Validation stage, compiler: each constraint of the SHACL shapes as one SPARQL 1.1 query over all focus nodes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from kg.errors import KgError
from kg.query import compact
from kg.sparql_lexer import keywords

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE = f"<{RDF}type>"
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_NIL = ox.NamedNode(f"{RDF}nil")
_NODE_KINDS = {"IRI": "!isIRI(?value)", "BlankNode": "!isBlank(?value)", "Literal": "!isLiteral(?value)",
               "BlankNodeOrIRI": "isLiteral(?value)", "BlankNodeOrLiteral": "isIRI(?value)",
               "IRIOrLiteral": "isBlank(?value)"}


class ShapeError(KgError):
    """The shapes use SHACL that the compiler does not support, or give a component a malformed value."""


@dataclass(frozen=True)
class Constraint:
    """One constraint of one shape; its query selects ?this (and ?value, where one is at fault) per violation."""

    path: str  # the property's IRI, "" for a constraint on the focus node itself
    query: str
    message: str  # {$this} and {?value} stand for the row's nodes, as in sh:message


@dataclass(frozen=True)
class CompiledShapes:
    constraints: tuple[Constraint, ...]
    focus_query: str  # SELECT (COUNT(DISTINCT ?this) AS ?n): every node some shape targets
    prefixes: dict[str, str]  # the shapes file's, to name its terms in messages


class _Shapes:
    """The shapes graph as subject -> predicate IRI -> objects, and how to read and name its nodes."""

    def __init__(self, triples: Iterable[ox.Triple], prefixes: dict[str, str]):
        self.prefixes = prefixes
        self.values: dict = defaultdict(lambda: defaultdict(list))
        for triple in triples:
            self.values[triple.subject][triple.predicate.value].append(triple.object)

    def name(self, term) -> str:
        return compact(term, self.prefixes)

    def get(self, node, local: str) -> list:
        return self.values[node].get(SH + local, [])

    def one(self, node, predicate: str, where: str):
        found = self.values[node].get(predicate, [])
        if len(found) != 1:
            raise ShapeError(f"{where} needs exactly one {compact(ox.NamedNode(predicate), self.prefixes)}, "
                             f"not {len(found)}")
        return found[0]

    def items(self, head, where: str) -> list:
        """The members of an RDF list, in order."""
        members = []
        while head != _NIL:
            members.append(self.one(head, f"{RDF}first", where))
            head = self.one(head, f"{RDF}rest", where)
        return members

    def check_supported(self, node, allowed: Iterable[str], where: str) -> None:
        for predicate in self.values[node]:
            if predicate.startswith(SH) and predicate[len(SH):] not in allowed:
                raise ShapeError(f"{where} uses sh:{predicate[len(SH):]}, which kg validate does not support")


def _instances(variable: str, cls: str) -> str:
    """A pattern binding `variable` to the SHACL instances of `cls` (an IRI or a variable)."""
    kind = f"{variable}Class_"
    return f"{variable} {_TYPE} {kind} . {kind} {_SUBCLASS}* {cls} ."


def _target(classes: list) -> str:
    return f"VALUES ?targetClass {{ {' '.join(map(str, classes))} }} {_instances('?this', '?targetClass')}"


def _count(term, where: str) -> int:
    if not isinstance(term, ox.Literal) or not term.value.isdigit():
        raise ShapeError(f"{where} is {term}, not a count")
    return int(term.value)


# Components on each value node: the FILTER or MINUS keeping the values that break it, and the message
# pyshacl gives. MINUS, not FILTER NOT EXISTS: Oxigraph evaluates it once, not once per value.
def _node_kind(shapes: _Shapes, kind, where: str) -> tuple[str, str]:
    local = kind.value[len(SH):] if isinstance(kind, ox.NamedNode) and kind.value.startswith(SH) else ""
    if local not in _NODE_KINDS:
        raise ShapeError(f"sh:nodeKind {shapes.name(kind)} of {where} is no SHACL node kind")
    return f"FILTER({_NODE_KINDS[local]})", f"Value is not of Node Kind {shapes.name(kind)}"


def _datatype(shapes: _Shapes, datatype, where: str) -> tuple[str, str]:
    return (f"FILTER(!isLiteral(?value) || datatype(?value) != {datatype})",
            f"Value is not Literal with datatype {shapes.name(datatype)}")


def _min_length(shapes: _Shapes, length, where: str) -> tuple[str, str]:
    least = _count(length, f"sh:minLength of {where}")
    return f"FILTER(isBlank(?value) || STRLEN(STR(?value)) < {least})", f"String length not >= {least}"


def _pattern(shapes: _Shapes, pattern, where: str) -> tuple[str, str]:
    if not isinstance(pattern, ox.Literal):
        raise ShapeError(f"sh:pattern {shapes.name(pattern)} of {where} is no string")
    return (f"FILTER(isBlank(?value) || !REGEX(STR(?value), {ox.Literal(pattern.value)}))",
            f"Value does not match pattern '{pattern.value}'")


def _class(shapes: _Shapes, cls, where: str) -> tuple[str, str]:
    return f"MINUS {{ {_instances('?value', str(cls))} }}", f"Value does not have class {shapes.name(cls)}"


def _in(shapes: _Shapes, head, where: str) -> tuple[str, str]:
    members = shapes.items(head, f"sh:in of {where}")
    allowed = " || ".join(f"sameTerm(?value, {member})" for member in members) or "false"
    listed = ", ".join(shapes.name(member) for member in members)
    return f"FILTER(!({allowed}))", f"Value {{?value}} not in list ({listed})"


def _range(operator: str):
    def component(shapes: _Shapes, bound, where: str) -> tuple[str, str]:
        # an incomparable value (a string against a number) breaks the bound too
        return f"FILTER(!COALESCE(?value {operator} {bound}, false))", f"Value is not {operator} {shapes.name(bound)}"
    return component


_VALUE_COMPONENTS = {"nodeKind": _node_kind, "datatype": _datatype, "minLength": _min_length, "pattern": _pattern,
                     "class": _class, "in": _in, "minInclusive": _range(">="), "maxInclusive": _range("<=")}
_PROPERTY_ONLY = ("path", "minCount", "maxCount", "lessThan", "message")
_NODE_ONLY = ("targetClass", "property", "sparql", "message")
_SPARQL = ("select", "message", "prefixes")


def _message(shapes: _Shapes, node, default: str) -> str:
    given = shapes.get(node, "message")
    return given[0].value if given else default


def _value_faults(shapes: _Shapes, node, where: str) -> list[tuple[str, str]]:
    """(the FILTER or MINUS, the message) for each value component of the shape."""
    return [component(shapes, value, where)
            for local, component in _VALUE_COMPONENTS.items() for value in shapes.get(node, local)]


def _values_query(values: str, fault: str, target: str) -> str:
    """Violations of a value component: the faulty values found first, their focus nodes checked after."""
    return f"SELECT DISTINCT ?this ?value WHERE {{ {{ SELECT ?this ?value WHERE {{ {values} {fault} }} }} {target} }}"


def _node_constraints(shapes: _Shapes, node, target: str, where: str) -> list[Constraint]:
    """The value components of a node shape: the focus node is the value."""
    return [Constraint("", f"SELECT DISTINCT ?this ?value WHERE {{ {target} BIND(?this AS ?value) {fault} }}",
                       _message(shapes, node, default))
            for fault, default in _value_faults(shapes, node, where)]


def _property_constraints(shapes: _Shapes, node, target: str, where: str) -> list[Constraint]:
    path = shapes.one(node, SH + "path", where)
    if not isinstance(path, ox.NamedNode):
        raise ShapeError(f"sh:path of a property of {where} is a property path; kg validate supports a single IRI")
    where = f"the property {shapes.name(path)} of {where}"
    shapes.check_supported(node, (*_PROPERTY_ONLY, *_VALUE_COMPONENTS), where)
    values = f"?this {path} ?value ."
    found = [(_values_query(values, fault, target), default) for fault, default in _value_faults(shapes, node, where)]
    for value in shapes.get(node, "minCount"):
        least = _count(value, f"sh:minCount of {where}")
        if not least:  # sh:minCount 0 asks nothing
            continue
        # one value needs no counting, which would double the cost
        enough = values if least == 1 else (f"SELECT ?this WHERE {{ {values} }} GROUP BY ?this "
                                            f"HAVING (COUNT(DISTINCT ?value) >= {least})")
        found.append((f"SELECT DISTINCT ?this WHERE {{ {target} MINUS {{ {enough} }} }}",
                      f"Less than {least} values on {{$this}}->{shapes.name(path)}"))
    for value in shapes.get(node, "maxCount"):
        most = _count(value, f"sh:maxCount of {where}")
        found.append((f"SELECT DISTINCT ?this WHERE {{ {{ SELECT ?this WHERE {{ {values} }} GROUP BY ?this "
                      f"HAVING (COUNT(DISTINCT ?value) > {most}) }} {target} }}",
                      f"More than {most} values on {{$this}}->{shapes.name(path)}"))
    for other in shapes.get(node, "lessThan"):
        # two scans joined on ?this, not one lookup of the other property per value
        pairs = (f"{{ SELECT ?this ?value WHERE {{ {values} }} }} "
                 f"{{ SELECT ?this ?other WHERE {{ ?this {other} ?other }} }}")
        found.append((_values_query(pairs, "FILTER(!COALESCE(?value < ?other, false))", target),
                      f"Value of {{$this}}->{shapes.name(other)} <= {{?value}}"))
    return [Constraint(path.value, query, _message(shapes, node, default)) for query, default in found]


def _sparql_constraint(shapes: _Shapes, node, target: str, where: str) -> Constraint:
    where = f"sh:sparql of {where}"
    shapes.check_supported(node, _SPARQL, where)
    select = shapes.one(node, SH + "select", where).value
    words = keywords(select)
    if words[:1] != ["SELECT"]:
        raise ShapeError(f"{where} needs a SELECT query that declares no prefixes (give them with sh:prefixes)")
    declared = "".join(f"PREFIX {shapes.one(declaration, SH + 'prefix', where).value}: "
                       f"<{shapes.one(declaration, SH + 'namespace', where).value}>\n"
                       for holder in shapes.get(node, "prefixes") for declaration in shapes.get(holder, "declare"))
    # every focus node at once: the query's own solutions for $this (= ?this), then the targets among them
    query = f"{declared}SELECT DISTINCT ?this WHERE {{ {{ {select} }} {target} }}"
    return Constraint("", query, _message(shapes, node, f"Focus node breaks {where}"))


def compile_shapes(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> CompiledShapes:
    """Every constraint of every shape (a node with a target, or a sh:NodeShape), compiled."""
    shapes = _Shapes(triples, prefixes)
    node_shape = ox.NamedNode(SH + "NodeShape")
    nodes = [node for node, predicates in shapes.values.items()
             if any(p.startswith(SH + "target") for p in predicates) or node_shape in predicates.get(f"{RDF}type", [])]
    constraints, targeted = [], []
    for node in nodes:
        where = shapes.name(node)
        shapes.check_supported(node, (*_NODE_ONLY, *_VALUE_COMPONENTS), where)
        classes = shapes.get(node, "targetClass")
        targeted += classes
        target = _target(classes)
        constraints += _node_constraints(shapes, node, target, where)
        for prop in shapes.get(node, "property"):
            constraints += _property_constraints(shapes, prop, target, where)
        constraints += [_sparql_constraint(shapes, sparql, target, where) for sparql in shapes.get(node, "sparql")]
    focus_query = f"SELECT (COUNT(DISTINCT ?this) AS ?n) WHERE {{ {_target(list(dict.fromkeys(targeted)))} }}"
    return CompiledShapes(tuple(constraints), focus_query, prefixes)


@cache
def kg_shapes() -> CompiledShapes:
    """ontologies/shapes.ttl, compiled once per process."""
    from kg.knowledge import shapes

    turtle = shapes()
    return compile_shapes(turtle.triples, turtle.prefixes)
