"""Resolve stage: mentions -> canonical entities (gazetteer ids, metonymy, name variants, government bodies)."""

from __future__ import annotations

from kg import linking
from kg.bodies import Bodies, Body
from kg.dates import statement_date
from kg.knowledge import Gazetteer, KnownActor, KnownActors, Lexicon, known_actors, lexicon, name_forms, slug
from kg.namegroups import ORGANISATION_TYPES, Group, NameGroups
from kg.names import clean_surface, fold, name_key, name_surface, person_name, surname_only
from kg.records import (
    STATE_OF_HOLDER,
    DocumentResult,
    Entity,
    Extraction,
    Mention,
    ResolvedAssertion,
)

_ROLE_RELATIONS_KEEP_SEAT = {"part_of", "located_in", "based_in", "capital_of"}
# Mentions the extraction described rather than named (a label, no key): "the rebels", "a Kremlin spokesman"
_DESCRIBED = {"Group", "Person"}


def _titles(lex: Lexicon) -> tuple[str, ...]:
    """Title phrases, longest first, to drop before a name ("Foreign Minister Sergei Lavrov")."""
    return tuple(sorted(lex.titles, key=lambda t: (-len(t.split()), t)))


class DocumentResolver:
    """Maps one document's mentions to entities; name variants are linked within the document."""

    def __init__(self, gaz: Gazetteer, mentions: tuple[Mention, ...], text: str = "", date: str = "",
                 lex: Lexicon | None = None, actors: KnownActors | None = None, doc_id: str = ""):
        self.gaz, self.date, self.doc_id = gaz, date, doc_id
        self.actors = actors if actors is not None else known_actors()
        lex = lex or lexicon()
        self.forms = forms = name_forms()
        self.titles = _titles(lex)
        self.groups = NameGroups(mentions, text, forms, self.titles,
                                 known_person=lambda name: name_key(name) in self.actors.by_name)
        # the countries the article names: they pick between namesakes of the actor dictionary
        self.countries = {country for m in mentions if (country := self._country(m))}
        self.linked: dict[int, KnownActor | None] = {}  # id of a person's name group -> the known person
        self.bodies = Bodies(gaz, forms, lex.institutions)
        ordered = sorted(mentions, key=lambda m: m.start)
        self.body_at: dict[tuple[int, int], Body] = {}
        for m, after in zip(ordered, [*ordered[1:], None]):
            following = after if after is not None and not text[m.end:after.start].strip() else None
            if (body := self.bodies.of_mention(m, following)) is not None:
                self.body_at[(m.start, m.end)] = body
        self.body_names: dict[str, set[str]] = {}  # institution -> the bodies of that name the document names
        for body in self.body_at.values():
            self.body_names.setdefault(body.name, set()).add(body.id)
        self.named_at: dict[str, list[int]] = {}  # gazetteer id -> where the document names it
        for m in mentions:
            if m.key:
                self.named_at.setdefault(m.key, []).append(m.start)
        self.seen: dict[str, Entity] = {}
        self.aliases: dict[str, set[str]] = {}
        self.group_of: dict[str, Group] = {}  # entity id -> the name group it came from
        self.named_spans: dict[tuple[int, int, str, str], Entity] = {}
        self.named_groups: dict[str, list[Entity]] = {}  # noun -> the groups named with it ("Chibok girls")

    def _country(self, m: Mention) -> str:
        """The country a mention names: by its key, or a capital standing for it ("Moscow")."""
        known = self._known(m)
        if known is not None and known.type != "Country":
            known = self.gaz.entities.get(self.gaz.stands_for.get(known.id, ("",))[-1])
        return known.id if known is not None and known.type == "Country" else ""

    def acting_for(self, seat: str, position: int) -> str | None:
        """The actor a seat stands for at `position`: of its alternatives, the one named nearest before
        it, else the first named after it, else the last alternative."""
        alternatives = self.gaz.stands_for.get(seat, ())
        named = [(at, actor) for actor in alternatives[:-1] for at in self.named_at.get(actor, ())]
        before = [pair for pair in named if pair[0] <= position]
        if before or named:
            return max(before)[1] if before else min(named)[1]
        return alternatives[-1] if alternatives else None

    def _known(self, m: Mention) -> Entity | None:
        """The gazetteer entity a mention names: by its key, a place by its name, a nationality word
        ("Zimbabwean") by its country."""
        known = self.gaz.entities.get(m.key)
        if known is None and m.type in {"Place", "City"}:
            known = self.gaz.named_places.get(clean_surface(m.text))
        if known is None and not m.key:
            country = self.gaz.nationalities.get(clean_surface(m.text)) or self.gaz.demonyms.get(clean_surface(m.text))
            known = self.gaz.entities.get(country or "")
        return known

    def _body(self, m: Mention) -> Body | None:
        """A government body by its name, or a bare institution ("the foreign ministry") when the
        document names one body of that name."""
        body = self.body_at.get((m.start, m.end))
        if body is None and m.type == "GovernmentBody" and m.key:
            body = self.bodies.of_mention(m)  # a description the extraction read as a body
        if body is None and m.type in ORGANISATION_TYPES and not m.key:
            ids = self.body_names.get(self.bodies.canonical(clean_surface(m.text)), set())
            body = next(b for b in self.body_at.values() if b.id in ids) if len(ids) == 1 else None
        return body

    def _named(self, m: Mention) -> Entity:
        """An entity the gazetteer does not know, by the name groups of the document (once per span:
        a mention is an argument of several statements)."""
        span = (m.start, m.end, m.type, m.label)
        if span not in self.named_spans:
            self.named_spans[span] = self._by_name(m)
        return self.named_spans[span]

    def _by_name(self, m: Mention) -> Entity:
        if m.label and not m.key and m.type in _DESCRIBED and self.doc_id:
            # "the rebels", "a Kremlin spokesman": nobody in particular beyond the article, never merged across
            described = Entity(f"{slug(m.label)}_in_{slug(self.doc_id)}", m.label, m.type)
            return self._named_group(described) if m.type == "Group" else described
        if (body := self._body(m)) is not None:
            label = clean_surface(m.text)
            if fold(label) == fold(body.name) and body.country in self.gaz.entities:
                label = f"{self.gaz.entities[body.country].label} {body.name}"  # "the military" of Zimbabwe
            return Entity(body.id, label, "GovernmentBody")
        if m.type in ORGANISATION_TYPES | {"Person"} and not m.key and (
                armed := linking.group(m.text, self.actors, self.countries, self.date)) is not None:
            return Entity(armed.id, clean_surface(m.text), armed.type)
        if (person := self.groups.person(m)) is not None:
            if id(person) not in self.linked:
                self.linked[id(person)] = linking.person(person.names, self.actors, self.forms, self.countries,
                                                         self.date)
            known = self.linked[id(person)]
            main = person_name(person.label, self.forms) or max(person.names, key=len)
            entity = known or self._unclaimed(Entity(slug(name_key(main)), person.label, "Person"))
            return self._from_group(Entity(entity.id, person.label, "Person"), person)
        if m.type == "Person" and surname_only(name := person_name(m.text, self.forms, self.titles), self.forms) and (
                known := linking.person([name], self.actors, self.forms, self.countries, self.date)) is not None:
            return Entity(known.id, known.label, "Person")
        if (organisation := self.groups.organisation(m)) is not None:
            if organisation.key in self.gaz.entities:
                return self.gaz.entities[organisation.key]
            return self._from_group(self._unclaimed(Entity(slug(organisation.label), organisation.label,
                                                           organisation.type)), organisation)
        label = m.label or (name_surface(m.text, self.forms) if m.type == "Person" else clean_surface(m.text))
        if m.type == "Person" and surname_only(person_name(label, self.forms), self.forms) and self.doc_id:
            # a lone surname or first name is nobody in particular beyond its article: never merged across
            return Entity(f"{slug(label)}_in_{slug(self.doc_id)}", label, m.type)
        return self._unclaimed(Entity(id=m.key or slug(label), label=label, type=m.type))

    def _named_group(self, group: Entity) -> Entity:
        """"The freed girls" after "Chibok girls": a group described only in lower-case words is the one
        group of the article named before with the same noun, when there is one."""
        *modifiers, noun = group.label.split()
        named = self.named_groups.setdefault(noun.lower(), [])
        if all(w.islower() for w in modifiers):
            return named[0] if len(named) == 1 else group
        if group not in named:
            named.append(group)
        return group

    def _unclaimed(self, entity: Entity) -> Entity:
        """An entity whose id a known entity of another type holds ("Jordan" the person, not the
        country) gets an id of its own."""
        known = self.gaz.entities.get(entity.id) or self.actors.actor(entity.id)
        if known is None or known.type == entity.type:
            return entity
        return Entity(f"{entity.id}_{slug(entity.type)}", entity.label, entity.type)

    def _from_group(self, entity: Entity, group: Group) -> Entity:
        self.group_of[entity.id] = group
        return entity

    def entity(self, m: Mention, as_actor: bool = True) -> Entity:
        if m.refers_to is not None:  # "he", "the alliance": the antecedent's entity, not a new alias
            return self.entity(m.refers_to, as_actor)
        known = self._known(m)
        if known is not None:
            seat_of = self.acting_for(known.id, m.start)
            entity = self.gaz.entities.get(seat_of, known) if as_actor and seat_of else known
        else:
            entity = self._named(m)
        entity = self.seen.setdefault(entity.id, entity)
        self.aliases.setdefault(entity.id, set()).add(clean_surface(m.text))
        return entity

    def state_of(self, person: Entity) -> Entity | None:
        """The state whose post a person holds when the title names none ("President Francois
        Hollande"): the country the actor dictionary gives the person, if the article names it."""
        known = self.actors.actor(person.id) if person.type == "Person" else None
        state = self.gaz.entities.get(known.country) if known is not None and known.country in self.countries else None
        if state is None:
            return None
        self.aliases.setdefault(state.id, set())
        return self.seen.setdefault(state.id, state)

    def entities(self) -> tuple[Entity, ...]:
        """The entities resolved so far, each with every surface form the document gives it."""
        result = []
        for e in self.seen.values():
            group = self.group_of.get(e.id)
            aliases = self.aliases[e.id] | set(group.surfaces if group is not None else ())
            result.append(Entity(e.id, e.label, e.type, e.qid, e.codes, frozenset(a for a in aliases if fold(a))))
        return tuple(result)


def resolve(extraction: Extraction, gaz: Gazetteer) -> DocumentResult:
    document = extraction.document
    resolver = DocumentResolver(gaz, extraction.mentions, document.text, document.date, doc_id=document.id)
    statements: dict[tuple, ResolvedAssertion] = {}
    for a in extraction.assertions:
        as_actor = a.predicate not in _ROLE_RELATIONS_KEEP_SEAT
        subject = resolver.entity(a.subject, as_actor)
        obj = resolver.state_of(subject) if a.rule == STATE_OF_HOLDER else resolver.entity(a.object, as_actor)
        if obj is None or subject.id == obj.id:
            continue
        speaker = resolver.entity(a.attributed_to) if a.attributed_to else None
        when = statement_date(a.date_text, document.date, a.modality)
        statement = ResolvedAssertion(a, subject, obj, speaker, when)
        statements.setdefault(statement.key, statement)
    return DocumentResult(document, tuple(statements.values()), resolver.entities())
