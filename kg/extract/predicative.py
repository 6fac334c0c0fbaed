"""Extraction stage: predicative constructions — "called X a threat", "make X its members", "X is a threat",
"X is committed to Y"."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.docstate import words_tagged
from kg.extract import deps as dep
from kg.extract.candidate import Candidate
from kg.extract.context import clause_chain, speaker
from kg.extract.mentions import argument_mentions
from kg.extract.rules import arguments, pairs, slot_tokens, verb_subjects
from kg.knowledge import Gazetteer, Lexicon, Trigger

_COMPLEMENTS = {dep.OPRD, dep.XCOMP, dep.CCOMP, dep.ATTR, dep.DOBJ}


def _complements(verb: Token) -> Iterator[tuple[Token, Token]]:
    """(predicative noun, the thing it is said of): "called [X] [a threat]", "see [X] as [a threat]",
    "make [Ukraine] [its members]" (a small clause whose subject is X)."""
    objects = [c for c in verb.children if c.dep_ == dep.DOBJ]
    for child in verb.children:
        if child.dep_ in _COMPLEMENTS and child.pos_ == "NOUN" and child not in objects[:1]:
            said_of = [c for c in child.children if c.dep_ == dep.NSUBJ] or objects[:1]
            yield from ((child, x) for x in said_of)
        elif child.dep_ == dep.PREP and child.lower_ == "as" and objects:
            yield from ((g, objects[0]) for g in child.children if g.dep_ == dep.POBJ)


def predicative_relations(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"He called the rapprochement between Ukraine and the alliance a threat" -> (he, considers_threat,
    rapprochement ...); "X is a threat to Russia, Antonov wrote" -> (Antonov, considers_threat, X)."""
    for verb in sent:
        lemma = verb.lemma_.lower()
        if lemma in lex.predicative_verbs and verb.pos_ == "VERB":
            for noun, said_of in _complements(verb):
                predicate = lex.predicative_nouns.get(noun.lemma_.lower())
                if predicate is None:
                    continue
                subjects = arguments(verb_subjects(verb, lex), gaz, lex)[0]
                objects, how = arguments([said_of], gaz, lex, predicate)
                yield from pairs(Trigger(lemma, predicate, ()), subjects, objects, "predicative" + how, verb, 0.7)
        elif lemma == "be":
            yield from _copula(verb, gaz, lex)


def _copula(verb: Token, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """A reported copula: the speaker is the one who calls the subject a threat (or an ally)."""
    said_by = speaker(clause_chain(verb), lex)
    if said_by is None:
        return
    for noun in (c for c in verb.children if c.dep_ == dep.ATTR):
        predicate = lex.predicative_nouns.get(noun.lemma_.lower())
        if predicate is None:
            continue
        speakers = argument_mentions(said_by, gaz, lex)
        objects, how = arguments([c for c in verb.children if c.dep_ == dep.NSUBJ], gaz, lex, predicate)
        yield from pairs(Trigger("be", predicate, ()), speakers, objects, "copula-reported" + how, verb, 0.6)


def stance_adjectives(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"Iran remained committed to the talks", "X is opposed to Y": an adjective of stance (lexicon
    adjectives) after a copula says the subject's stance toward its object."""
    for adjective in words_tagged(sent, "ADJ"):
        trigger = lex.adjectives.get(adjective.lower_)
        if trigger is None or adjective.dep_ != dep.ACOMP:
            continue
        subjects, subject_rule = arguments(verb_subjects(adjective.head, lex), gaz, lex)
        objects, object_rule = arguments(slot_tokens(adjective, trigger.object_slots, lex), gaz, lex, trigger.predicate)
        yield from pairs(trigger, subjects, objects, "adjective" + subject_rule + object_rule, adjective, 0.7)
