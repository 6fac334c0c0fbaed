"""Knowledge: what ingest removes from scraped text and how it tells English (ingest.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.knowledge.files import KnowledgeError, read_toml


@dataclass(frozen=True)
class CleaningRules:
    """ingest.toml compiled: what kg.cleaning removes from scraped article text."""

    characters: dict[int, str]  # a str.translate table: deleted and replaced characters
    substitutions: tuple[tuple[re.Pattern[str], str], ...]
    datelines: tuple[re.Pattern[str], ...]
    cuts: tuple[re.Pattern[str], ...]
    furniture: tuple[re.Pattern[str], ...]
    furniture_max_chars: int
    boilerplate: tuple[re.Pattern[str], ...]
    gallery_count: re.Pattern[str]
    gallery_repeats: int
    gallery_credit: re.Pattern[str]
    headline_max_capitalised: float  # share of a headline's words; above it, the headline is not analysed


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    """The pattern with each {name} replaced by its fragment, fragments naming fragments included."""
    def fragment(match: re.Match[str]) -> str:
        if match.group(1) not in fragments:
            raise KnowledgeError(f"ingest.toml: unknown fragment {{{match.group(1)}}} in pattern {pattern!r}")
        return _expand(fragments[match.group(1)], fragments)

    return re.sub(r"\{([a-z_]+)\}", fragment, pattern)


def _compile(pattern: str, fragments: dict[str, str]) -> re.Pattern[str]:
    try:
        return re.compile(_expand(pattern, fragments), re.IGNORECASE)
    except re.error as err:
        raise KnowledgeError(f"ingest.toml: bad pattern {pattern!r}: {err}") from None


@cache
def cleaning_rules() -> CleaningRules:
    spec = read_toml("ingest.toml")
    agencies = sorted(spec["agencies"], key=len, reverse=True)  # longest first: "AP Photo" before "AP"
    fragments = spec["fragments"] | {"agency": "(?-i:" + "|".join(map(re.escape, agencies)) + ")"}

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(_compile(p, fragments) for p in spec[key])

    characters = spec["characters"]
    table = {ord(c): "" for c in characters["delete"]} | {ord(c): r for c, r in characters["replace"].items()}
    return CleaningRules(
        characters=table,
        substitutions=tuple((_compile(p, fragments), r) for p, r in characters["substitutions"]),
        datelines=patterns("datelines"), cuts=patterns("cuts"), furniture=patterns("furniture"),
        furniture_max_chars=int(spec["furniture_max_chars"]), boilerplate=patterns("boilerplate"),
        gallery_count=_compile(spec["gallery"]["count"], fragments),
        gallery_repeats=int(spec["gallery"]["min_repeats"]),
        gallery_credit=_compile(spec["gallery"]["credit"], fragments),
        headline_max_capitalised=float(spec["headline_max_capitalised"]))


@dataclass(frozen=True)
class EnglishCheck:
    function_words: frozenset[str]
    min_share: float  # of a text's words that must be function words
    min_words: int  # shorter texts are not judged


@cache
def english_check() -> EnglishCheck:
    spec = read_toml("ingest.toml")["english"]
    return EnglishCheck(frozenset(spec["function_words"]), float(spec["min_share"]), int(spec["min_words"]))
