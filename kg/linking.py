"""Linking names to known actors (ontologies/known_actors.tsv): a full name, or a bare surname that
the article or the dictionary leaves to one candidate. Countries the article names and the article's
date pick between namesakes; a dictionary role is evidence for the link, never a fact of the graph."""

from __future__ import annotations

from collections.abc import Collection

from kg.knowledge import KnownActor, KnownActors
from kg.names import Name, name_key, phrase_key


def _one(ids: tuple[str, ...], actors: KnownActors, kind: str, countries: Collection[str], on: str) -> KnownActor | None:
    found = [a for i in ids if (a := actors.actor(i)) is not None and a.type == kind]
    if len(found) > 1:
        found = [a for a in found if a.country in countries] or found
    if len(found) > 1 and on:
        found = [a for a in found if a.active(on)] or found
    return found[0] if len(found) == 1 else None


def person(names: Collection[Name], actors: KnownActors, countries: Collection[str] = (), on: str = "") -> KnownActor | None:
    """The known person the names (of one person in one article) are, by the longest that links. A
    single word links as a surname, and only to someone of a country the article names: the
    dictionary ends in 2014 and knows few people of some countries, so its one "Ryan" is not
    everybody's."""
    for name in sorted(names, key=len, reverse=True):
        if len(name) > 1:
            found = _one(actors.by_name.get(name_key(name), ()), actors, "Person", countries, on)
        else:
            found = _one(actors.by_surname.get(name_key(name), ()), actors, "Person", countries, on)
            found = found if found is not None and found.country in countries else None
        if found is not None:
            return found
    return None


def group(text: str, actors: KnownActors, countries: Collection[str] = (), on: str = "") -> KnownActor | None:
    """The armed group a name is, when the dictionary knows that name."""
    return _one(actors.by_name.get(phrase_key(text), ()), actors, "Group", countries, on)
