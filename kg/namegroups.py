"""Within one document: which mentions name the same person or organisation."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.knowledge import NameForms
from kg.names import (
    Name,
    acronym,
    clean_surface,
    initials,
    is_given_name,
    is_surname,
    name_surface,
    org_key,
    person_name,
    same_person,
    surname_only,
)
from kg.records import Mention

ORGANISATION_TYPES = {"Organization", "InternationalOrganization", "GovernmentBody", "Group", "Entity"}
# What the small model calls a person's name when it mislabels it.
_MISTYPED_PERSON = {"Organization", "Entity", "Place", "City", "Group"}
# "International Committee of the Red Cross (ICRC)", "the Intergovernmental Authority on Development, IGAD,"
_INTRODUCES_ACRONYM = re.compile(r"\s*[(,]\s*")
# The rest of a name that a span cut off: a hyphenated given name ("Moon Jae" + "-in"), or the word
# after a closing particle ("Ursula von der" + " Leyen").
_NAME_TAIL = re.compile(r"-[a-z]+\b")
_AFTER_PARTICLE = re.compile(r"\s[A-Z][\w'-]+")


@dataclass
class Group:
    """The mentions of one actor in one document."""

    type: str
    first: int  # where the document first names it
    names: list[Name] = field(default_factory=list)  # persons: the full names used
    surfaces: list[str] = field(default_factory=list)  # the names as written (titles dropped), in order
    key: str = ""  # a gazetteer id, when a name of the group is in the gazetteer

    @property
    def label(self) -> str:
        """The fullest name written as a name: the most words, the earliest on ties, a form with a
        capitalised caption word ("STREET BEATING Donald Trump") only when there is no other."""
        return max(self.surfaces, key=lambda s: (not any(len(w) > 2 and w.isupper() and w.isalpha() for w in s.split())
                                                 or self.type != "Person", len(s.split())))

    def add(self, name: Name, surface: str) -> None:
        if name and name not in self.names:
            self.names.append(name)
        if surface and surface not in self.surfaces:
            self.surfaces.append(surface)


class NameGroups:
    """Groups the people and organisations of one document by the ways it names them.

    Full names of people (two words or more) are grouped when they can name one person
    (`kg.names.same_person`); a single word is the surname of the first person introduced with it,
    else the first name of the one person introduced with it. Organisations are grouped by their
    name without case, punctuation or company form, and an acronym joins the name it follows in
    brackets or commas, or the one name of the document whose initials it spells."""

    def __init__(self, mentions: tuple[Mention, ...], text: str, forms: NameForms, titles: tuple[str, ...] = (),
                 known_person: Callable[[Name], bool] = lambda name: False):
        self.forms, self.titles, self.text = forms, titles, text
        self._names: dict[tuple[int, int, str], Name] = {}
        self.people: list[Group] = []
        named = [m for m in sorted(mentions, key=lambda m: m.start) if not m.key and m.refers_to is None]
        lone = {name[0] for m in named if m.type == "Person" and len(name := self._name(m)) == 1}
        for m in named:
            name = self._name(m)
            if not surname_only(name, forms) and (m.type == "Person" or m.type in _MISTYPED_PERSON
                                                  and (name[0] in lone or name[-1] in lone or known_person(name))):
                self._add_person(m, name)
        self.organisations: dict[str, Group] = {}
        self.acronyms: dict[str, Group] = {}
        self._group_organisations(sorted(mentions, key=lambda m: m.start), text)

    def _surface(self, m: Mention) -> str:
        if m.type != "Person" or not self.text:
            return m.text
        cut_after_particle = m.text.split()[-1].lower() in self.forms.particles and len(m.text.split()) > 1
        tail = (_AFTER_PARTICLE if cut_after_particle else _NAME_TAIL).match(self.text, m.end)
        return m.text + tail.group() if tail else m.text

    def _name(self, m: Mention) -> Name:
        """A title before a name is dropped only where the span is a person's ("President Putin"):
        title words begin organisations' names too ("International Red Cross")."""
        key = (m.start, m.end, m.type)
        if key not in self._names:
            self._names[key] = person_name(self._surface(m), self.forms, self.titles if m.type == "Person" else ())
        return self._names[key]

    def _add_person(self, m: Mention, name: Name) -> None:
        group = next((g for g in self.people if name in g.names), None)  # the same name again
        if group is None:
            matches = [g for g in self.people if any(same_person(name, other, self.forms) for other in g.names)]
            group = matches[0] if len(matches) == 1 else None
        if group is None:
            group = Group("Person", m.start)
            self.people.append(group)
        group.add(name, name_surface(self._surface(m), self.forms, self.titles))

    def person(self, m: Mention) -> Group | None:
        """The person a mention names, if the document names that person in full."""
        name = self._name(m)
        if m.key or not name:
            return None
        if not surname_only(name, self.forms):
            return next((g for g in self.people if name in g.names), None)
        by_surname = [g for g in self.people if any(is_surname(name, n) for n in g.names)]
        if by_surname:  # news copy calls the main person by the bare surname, relatives by first name
            return by_surname[0]
        by_given = [g for g in self.people if len(name) == 1
                    and any(is_given_name(name[0], n, self.forms) for n in g.names)]
        return by_given[0] if len(by_given) == 1 else None

    def _group_organisations(self, mentions: list[Mention], text: str) -> None:
        full: list[Mention] = []  # organisations named by more than one word, or known to the gazetteer
        for m in mentions:
            if m.type not in ORGANISATION_TYPES or self.person(m) is not None:
                continue
            letters = acronym(clean_surface(m.text))
            if letters and not m.key:
                before = next((f for f in reversed(full) if f.end <= m.start), None)
                if before is not None and _INTRODUCES_ACRONYM.fullmatch(text[before.end:m.start]):
                    self.acronyms.setdefault(letters, self._organisation(before))
            elif m.key or len(m.text.split()) > 1:
                full.append(m)
            self._organisation(m)
        for m in mentions:
            letters = acronym(clean_surface(m.text)) if m.type in ORGANISATION_TYPES and not m.key else ""
            if letters and letters not in self.acronyms:
                spelt = {id(self._organisation(f)): f for f in full if initials(f.text, self.forms) == letters}
                if len(spelt) == 1:
                    self.acronyms[letters] = self._organisation(next(iter(spelt.values())))

    def _organisation(self, m: Mention) -> Group:
        key = m.key or org_key(m.text, self.forms)
        group = self.organisations.get(key)
        if group is None:
            group = self.organisations[key] = Group(m.type, m.start, key=m.key)
        group.add((), clean_surface(m.text))
        return group

    def organisation(self, m: Mention) -> Group | None:
        """The organisation a mention names, when the document names it in other ways too."""
        if m.type not in ORGANISATION_TYPES or m.key:
            return None
        letters = acronym(clean_surface(m.text))
        if letters and letters in self.acronyms:
            return self.acronyms[letters]
        group = self.organisations.get(org_key(m.text, self.forms))
        return group if group is not None and len(group.surfaces) > 1 else None
