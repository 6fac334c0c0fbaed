"""Knowledge: how names vary (names.toml)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kg.knowledge.files import read_toml


@dataclass(frozen=True, eq=False)  # hashed by identity: name functions cache their answers per NameForms
class NameForms:
    """How names vary (names.toml): what to drop before comparing them and which variants agree."""

    honorifics: tuple[str, ...]  # lower case, longest first
    company_suffixes: tuple[str, ...]  # lower case, longest first
    acronym_skips: frozenset[str]
    given_names: dict[str, str]  # variant -> the given name that stands for its list
    particles: frozenset[str]
    bodies: dict[str, str]  # a way of writing an institution -> its canonical name


def _longest_first(phrases: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(phrases), key=lambda p: (-len(p.split()), p)))


@cache
def name_forms() -> NameForms:
    data = read_toml("names.toml")
    bodies = {variant: name for name, variants in data["bodies"].items() for variant in (name, *variants)}
    return NameForms(
        honorifics=_longest_first(data["honorifics"]),
        company_suffixes=_longest_first(data["company_suffixes"]),
        acronym_skips=frozenset(data["acronym_skips"]),
        given_names={variant: names[0] for names in data["given_names"] for variant in names},
        particles=frozenset(data["particles"]),
        bodies=bodies,
    )
