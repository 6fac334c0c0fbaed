"""Resolve stage: mentions -> canonical entities (gazetteer ids, metonymy, person name variants)."""

from __future__ import annotations

import re

from kg.dates import statement_date
from kg.knowledge import Gazetteer, slug
from kg.records import Entity, Extraction, DocumentResult, Mention, ResolvedAssertion

_HONORIFICS = re.compile(r"^(?:mr|mrs|ms|dr|sir|madam)\.?\s+", re.IGNORECASE)
_ROLE_RELATIONS_KEEP_SEAT = {"part_of", "located_in", "based_in", "capital_of"}


def clean_label(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)
    return re.sub(r"[’']s$", "", text).strip()


class DocumentResolver:
    """Maps one document's mentions to entities; name variants are linked within the document."""

    def __init__(self, gaz: Gazetteer, mentions: tuple[Mention, ...]):
        self.gaz = gaz
        self.surnames: dict[str, str] = {}
        for m in mentions:
            words = _HONORIFICS.sub("", clean_label(m.text)).split()
            if m.type == "Person" and len(words) > 1:
                self.surnames.setdefault(words[-1], " ".join(words))
        self.named_at: dict[str, list[int]] = {}  # gazetteer id -> where the document names it
        for m in mentions:
            if m.key:
                self.named_at.setdefault(m.key, []).append(m.start)
        self.seen: dict[str, Entity] = {}
        self.aliases: dict[str, set[str]] = {}

    def acting_for(self, seat: str, position: int) -> str | None:
        """The actor a seat stands for at `position`: of its alternatives, the one named nearest before
        it, else the first named after it, else the last alternative."""
        alternatives = self.gaz.stands_for.get(seat, ())
        named = [(at, actor) for actor in alternatives[:-1] for at in self.named_at.get(actor, ())]
        before = [pair for pair in named if pair[0] <= position]
        if before or named:
            return max(before)[1] if before else min(named)[1]
        return alternatives[-1] if alternatives else None

    def entity(self, m: Mention, as_actor: bool = True) -> Entity:
        if m.refers_to is not None:  # "he", "the alliance": the antecedent's entity, not a new alias
            return self.entity(m.refers_to, as_actor)
        known = self.gaz.entities.get(m.key)
        if known is None and m.type in {"Place", "City"}:
            known = self.gaz.named_places.get(clean_label(m.text))
        if known is not None:
            seat_of = self.acting_for(known.id, m.start)
            entity = self.gaz.entities.get(seat_of, known) if as_actor and seat_of else known
        else:
            label = m.label or _HONORIFICS.sub("", clean_label(m.text))
            kind = m.type
            if label in self.surnames:  # the small model often tags a lone surname ORG or GPE
                label, kind = self.surnames[label], "Person"
            entity = Entity(id=m.key or slug(label), label=label, type=kind)
        entity = self.seen.setdefault(entity.id, entity)
        self.aliases.setdefault(entity.id, set()).add(clean_label(m.text))
        return entity

    def entities(self) -> tuple[Entity, ...]:
        return tuple(Entity(e.id, e.label, e.type, e.qid, e.codes, frozenset(self.aliases[e.id]))
                     for e in self.seen.values())


def resolve(extraction: Extraction, gaz: Gazetteer) -> DocumentResult:
    resolver = DocumentResolver(gaz, extraction.mentions)
    statements: dict[tuple, ResolvedAssertion] = {}
    for a in extraction.assertions:
        as_actor = a.predicate not in _ROLE_RELATIONS_KEEP_SEAT
        subject = resolver.entity(a.subject, as_actor)
        obj = resolver.entity(a.object, as_actor)
        if subject.id == obj.id:
            continue
        speaker = resolver.entity(a.attributed_to) if a.attributed_to else None
        when = statement_date(a.date_text, extraction.document.date, a.modality)
        statement = ResolvedAssertion(a, subject, obj, speaker, when)
        statements.setdefault(statement.key, statement)
    return DocumentResult(extraction.document, tuple(statements.values()), resolver.entities())
