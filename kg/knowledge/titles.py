"""Knowledge: titles and the roles they give their holders (titles.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.knowledge.files import KnowledgeError, read_toml


@dataclass(frozen=True)
class TitleRole:
    words: str
    affiliation: str
    target: str
    affiliates: tuple[str, ...] = ()  # spaCy labels the affiliation may have; () = actors
    home: bool = True  # a place the post belongs to is also where the holder is from
    serves_persons: bool = False  # the post may serve a person ("Morsi's lawyer")
    of_state: bool = False  # names a state's post with no state named ("President X")


@cache
def titles() -> dict[str, TitleRole]:
    """Every title's words (lower case) -> the role it gives."""
    found = {}
    for name, spec in read_toml("titles.toml").items():
        if unknown := set(spec.get("state_posts", ())) - set(spec["words"]):
            raise KnowledgeError(f"titles.toml: [{name}] state_posts {sorted(unknown)[0]!r} is none of its words")
        for words in spec["words"]:
            found[words] = TitleRole(words, spec["affiliation"], spec.get("target", spec["affiliation"]),
                                     tuple(spec.get("affiliates", ())), spec.get("home", True),
                                     spec.get("serves_persons", False), words in spec.get("state_posts", ()))
    return found
