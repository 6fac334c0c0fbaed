"""Knowledge: the named SPARQL queries shipped under ontologies/queries/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.knowledge.files import KnowledgeError, data_path

PARAMETER_KINDS = ("entity", "class", "predicate", "date", "integer", "string")
_PARAMETER_LINE = re.compile(r"#\s*param\s+(\w+)\s+(\w+)(\s+required)?\s*:\s*(.+)")


@dataclass(frozen=True)
class QueryParameter:
    name: str  # the query variable it binds, without "?"
    kind: str  # one of PARAMETER_KINDS
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query shipped under ontologies/queries/NAME.rq, described by its leading comments."""

    name: str
    description: str
    parameters: tuple[QueryParameter, ...]
    sparql: str


# where a named query's parameters are bound: the opening of its (first) WHERE clause
WHERE_CLAUSE = re.compile(r"\bWHERE\s*\{[ \t]*\n?", re.IGNORECASE)


def _named_query(path: Path) -> NamedQuery:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[:next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))]
    parameters, description = [], []
    for line in header:
        if match := _PARAMETER_LINE.fullmatch(line.strip()):
            name, kind, required, text = match.groups()
            if kind not in PARAMETER_KINDS:
                raise KnowledgeError(f"{path}: parameter {name} has unknown kind {kind!r}")
            parameters.append(QueryParameter(name, kind, bool(required), text.strip()))
        else:
            description.append(line.lstrip("# ").strip())
    if not "".join(description):
        raise KnowledgeError(f"{path}: a named query starts with a comment describing it")
    if parameters and not WHERE_CLAUSE.search("\n".join(lines)):
        raise KnowledgeError(f"{path}: a query with parameters has a WHERE {{ clause, where they are bound")
    return NamedQuery(path.stem, " ".join(d for d in description if d), tuple(parameters), "\n".join(lines) + "\n")


@cache
def named_queries() -> dict[str, NamedQuery]:
    """The bundled named queries, by name (the file name without .rq)."""
    return {path.stem: _named_query(path) for path in sorted(data_path("queries").glob("*.rq"))}
