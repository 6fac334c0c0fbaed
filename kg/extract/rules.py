"""Extraction stage: dependency and span rules that find relations in one sentence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.mentions import argument_mentions, country_part, entity_of, mention
from kg.knowledge import Gazetteer, Lexicon, Trigger, vocabulary
from kg.nlp import ACTOR_LABELS, title_before
from kg.records import Mention

_ROLE_PREPS = {"to", "of", "at", "for", "in"}


@dataclass(frozen=True)
class Candidate:
    """A relation found by a rule, before polarity/modality/attribution are read."""

    subject: Mention
    predicate: str
    object: Mention
    rule: str
    trigger: Token | None  # None for static facts (titles, institutions): always asserted
    confidence: float


# ---- roles from titles ------------------------------------------------------------------

def _actor_before(doc, index: int, lower_bound: int) -> Span | None:
    """Actor entity ending at token index-1, skipping a possessive 's."""
    if index - 1 >= lower_bound and doc[index - 1].text in {"'s", "’s"}:
        index -= 1
    if index - 1 < lower_bound:
        return None
    ent = entity_of(doc[index - 1])
    return ent if ent is not None and ent.label_ in ACTOR_LABELS else None


def title_roles(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"Russian Ambassador to the United States Anatoly Antonov", "NATO Secretary General X",
    and appositions "X, Russia's foreign minister," -> role edges."""
    for person in (e for e in sent.ents if e.label_ == "PERSON"):
        found = _title_before(person, sent, lex) or _title_in_apposition(person, lex)
        if not found:
            continue
        title, affiliation, prep, target = found
        who = mention(person, gaz, lex)
        role = lex.titles[title]
        if affiliation is not None:
            yield Candidate(who, role.affiliation, mention(affiliation, gaz, lex), "title", None, 0.9)
        if target is not None:
            predicate = role.target if prep == "to" else role.affiliation
            yield Candidate(who, predicate, mention(target, gaz, lex), "title", None, 0.9)


def _title_before(person: Span, sent: Span, lex: Lexicon):
    """Title words ending just before the name, directly ("Secretary of State Mike Pompeo") or
    through a complement ("Ambassador to the United States Anatoly Antonov")."""
    doc = sent.doc
    end, prep, target = person.start, "", None
    before = _actor_before(doc, end, sent.start)
    if title_before(sent.doc, end, lex, sent.start) is None and before is not None:
        j = before.start - (1 if before.start > sent.start and doc[before.start - 1].lower_ == "the" else 0)
        if j > sent.start and doc[j - 1].lower_ in _ROLE_PREPS and title_before(doc, j - 1, lex, sent.start):
            end, prep, target = j - 1, doc[j - 1].lower_, before
    title = title_before(sent.doc, end, lex, sent.start)
    if title is None:
        return None
    start, words = title
    return words, _actor_before(doc, start, sent.start), prep, target


def _title_in_apposition(person: Span, lex: Lexicon):
    for noun in (c for c in person.root.children if c.dep_ == "appos"):
        words = next((w for n in (3, 2, 1)
                      if (w := " ".join(t.lower_ for t in noun.doc[max(noun.i - n + 1, 0):noun.i + 1]))
                      in lex.titles), None)
        if words is None:
            continue
        affiliation = next((ent for c in noun.children if c.dep_ in {"poss", "amod", "compound"}
                            if (ent := entity_of(c)) is not None and ent.label_ in ACTOR_LABELS), None)
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _ROLE_PREPS):
            target = next((ent for c in prep.children if c.dep_ == "pobj"
                           if (ent := entity_of(c)) is not None and ent.label_ in ACTOR_LABELS), None)
            if target is not None:
                return words, affiliation, prep.lower_, target
        return words, affiliation, "", None
    return None


def institution_parts(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"Russian Foreign Ministry" -> (Russian Foreign Ministry, part_of, Russia)."""
    for gov in (e for e in sent.ents if e.label_ == "GOV"):
        words = country_part(gov, lex)
        country = gaz.entities[gov.kb_id_] if gov.kb_id_ in gaz.entities else None
        if country is None or words is gov:
            continue
        country_mention = Mention(words.text, words.start_char, words.end_char, "Country", country.id)
        yield Candidate(mention(gov, gaz, lex), "part_of", country_mention, "institution", None, 0.95)


# ---- clauses: subject-verb-object --------------------------------------------------------

def _subject_after_fronted_phrase(verb: Token) -> list[Token]:
    """Repair "Against X around Ukraine, Russia and the US are planning ...": the small model
    attaches the real subject as a conjunct inside the fronted phrase, leaving the verb subjectless."""
    left = verb.doc[verb.sent.start:verb.i]
    commas = [t.i for t in left if t.text == ","]
    if not commas:
        return []
    return [t for t in verb.doc[commas[-1] + 1:verb.i]
            if t.dep_ == "conj" and t.head.i < commas[-1] and t.pos_ in {"PROPN", "NOUN"}][:1]


def verb_subjects(verb: Token) -> list[Token]:
    """Subject tokens of a verb, inherited through control and coordination when absent."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects:
        subjects = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if subjects or verb.head == verb:
        return subjects or _subject_after_fronted_phrase(verb)
    if verb.dep_ in {"xcomp", "conj"}:
        return verb_subjects(verb.head)
    if verb.dep_ == "acl" and verb.head.dep_ in {"dobj", "pobj"} and verb.head.head.pos_ == "VERB":
        # "the US prepared plans to strengthen NATO": the planner is the one who strengthens
        return verb_subjects(verb.head.head)
    return []


def slot_tokens(head: Token, slots: tuple[str, ...]) -> list[Token]:
    """Tokens filling the first object slot that is present."""
    for slot in slots:
        kind, _, word = slot.partition(":")
        if kind == "prep":
            found = [g for c in head.children if c.dep_ == "prep" and c.lower_ == word
                     for g in c.children if g.dep_ == "pobj"]
        elif kind == "dobj":
            found = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}]
        else:
            found = [c for c in head.children if c.dep_ == kind]
        if found:
            return found
    return []


def _arguments(tokens: list[Token], gaz: Gazetteer, lex: Lexicon) -> tuple[list[Mention], str]:
    """Mentions for argument tokens; an event noun stands for its agent ("lamented the US withdrawal")."""
    found = [m for t in tokens for m in argument_mentions(t, gaz, lex)]
    if found:
        return found, ""
    for token in tokens:
        if token.lemma_.lower() in lex.nouns:
            agents = noun_subjects(token, gaz, lex)
            if agents:
                return agents, "+event-agent"
    return [], ""


def _pairs(trigger: Trigger, subjects: list[Mention], objects: list[Mention], rule: str,
           token: Token, confidence: float) -> Iterator[Candidate]:
    if not objects and vocabulary()[trigger.predicate].symmetric and len(subjects) > 1:
        # "Russia and the United States will hold talks": coordinated subjects act on each other
        subjects, objects, rule = subjects[:1], subjects[1:], rule + "+coordination"
    for subject in subjects:
        for obj in objects:
            if subject.key and subject.key == obj.key or subject.text == obj.text:
                continue
            yield Candidate(subject, trigger.predicate, obj, rule, token, confidence)


def verb_relations(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    for verb in (t for t in sent if t.pos_ == "VERB"):
        trigger = lex.verbs.get(verb.lemma_.lower())
        if trigger is None:
            continue
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        subject_tokens = verb_subjects(verb)
        subjects, subject_rule = _arguments(subject_tokens, gaz, lex)
        objects, object_rule = _arguments(slot_tokens(verb, trigger.object_slots), gaz, lex)
        rule = ("svo-passive" if passive else "svo") + subject_rule + object_rule
        yield from _pairs(trigger, subjects, objects, rule, verb, 0.6 if object_rule else 0.8)


# ---- event nouns --------------------------------------------------------------------------

def noun_subjects(noun: Token, gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """Agent of an event noun: "Russia's / the Russian / the US withdrawal", "withdrawal by X"."""
    tokens = [c for c in noun.children if c.dep_ in {"poss", "amod", "compound", "nmod"}]
    tokens += [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
               for g in c.children if g.dep_ == "pobj"]
    found = [m for t in tokens if (ent := entity_of(t)) is not None and ent.label_ in ACTOR_LABELS
             for m in argument_mentions(t, gaz, lex)]
    return list({(m.start, m.end): m for m in found}.values())


def noun_relations(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    for noun in (t for t in sent if t.pos_ == "NOUN"):
        trigger = lex.nouns.get(noun.lemma_.lower())
        if trigger is None:
            continue
        subjects, rule = noun_subjects(noun, gaz, lex), "event-noun"
        if not subjects and noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.light_verbs:
            subjects = _arguments(verb_subjects(noun.head), gaz, lex)[0]
            rule = "light-verb"
        objects = [m for t in slot_tokens(noun, trigger.object_slots) for m in argument_mentions(t, gaz, lex)]
        if not subjects and len(objects) > 1 and "prep:between" in trigger.object_slots:
            subjects, objects = objects[:1], objects[1:]
            rule = "event-noun-between"
        yield from _pairs(trigger, subjects, objects, rule, noun, 0.7)


RULES = (title_roles, institution_parts, verb_relations, noun_relations)
