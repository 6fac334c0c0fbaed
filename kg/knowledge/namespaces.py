"""Knowledge: the IRI namespaces of the graph (namespaces.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.knowledge.files import read_toml


@dataclass(frozen=True)
class Namespaces:
    base: str
    fixed: tuple[tuple[str, str], ...]
    base_relative: tuple[tuple[str, str], ...]

    def prefixes(self, base: str | None = None) -> dict[str, str]:
        base = base or self.base
        return dict(self.fixed) | {prefix: base + path for prefix, path in self.base_relative}


@cache
def namespaces() -> Namespaces:
    data = read_toml("namespaces.toml")
    return Namespaces(data["base"], tuple(data["prefixes"].items()), tuple(data["base_relative"].items()))
