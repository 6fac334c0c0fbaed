"""Names -> known actors (ontologies/known_actors.tsv); a dictionary role is evidence, never a graph fact."""

from __future__ import annotations

from collections.abc import Collection

from kg.knowledge import KnownActor, KnownActors, NameForms
from kg.names import Name, name_key, phrase_key, same_person, surname, surname_only


def _one(ids: tuple[str, ...], actors: KnownActors, kind: str, countries: Collection[str],
         on: str) -> KnownActor | None:
    """The one candidate left, namesakes told apart by the countries the article names, then by who held
    a post on the article's date."""
    found = [a for i in ids if (a := actors.actor(i)) is not None and a.type == kind]
    if len(found) > 1:
        found = [a for a in found if a.country in countries] or found
    if len(found) > 1 and on:
        found = [a for a in found if a.active(on)] or found
    return found[0] if len(found) == 1 else None


def _variants(name: Name, actors: KnownActors, forms: NameForms) -> tuple[str, ...]:
    """Known people of the same surname that the name can be ("Javad Zarif": Mohammad Javad Zarif)."""
    ids = actors.by_surname.get(name_key(surname(name, forms)), ()) + actors.by_surname.get(name_key(name[-1:]), ())
    return tuple(i for i in dict.fromkeys(ids)
                 if any(same_person(name, tuple(known.split()), forms) for known in actors.names(i)))


def person(names: Collection[Name], actors: KnownActors, forms: NameForms, countries: Collection[str] = (),
           on: str = "") -> KnownActor | None:
    """The known person the names (of one person in one article) are, by the longest that links: a
    full name as the dictionary writes it, else as a variant of one it knows. A surname alone links
    only to someone of a country the article names, or when it is a compound ("Van Rompuy"): the
    dictionary ends in 2014 and knows few people of some countries, so its one "Ryan" is not
    everybody's."""
    for name in sorted(names, key=len, reverse=True):
        if not surname_only(name, forms):
            found = (_one(actors.by_name.get(name_key(name), ()), actors, "Person", countries, on)
                     or _one(_variants(name, actors, forms), actors, "Person", countries, on))
        else:
            found = _one(actors.by_surname.get(name_key(name), ()), actors, "Person", countries, on)
            distinct = found is not None and (found.country in countries or len(name_key(name).split()) > 1)
            found = found if distinct else None
        if found is not None:
            return found
    return None


def group(text: str, actors: KnownActors, countries: Collection[str] = (), on: str = "") -> KnownActor | None:
    """The armed group a name is, when the dictionary knows that name."""
    return _one(actors.by_name.get(phrase_key(text), ()), actors, "Group", countries, on)
