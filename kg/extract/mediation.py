"""Extraction stage: mediation (CAMEO 045) — who brokers, mediates, facilitates or hosts talks or a deal
negotiates with each of its parties."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.docstate import words_tagged
from kg.extract import deps as dep
from kg.extract.candidate import Candidate
from kg.extract.mentions import ACTOR_TYPES, entity_of
from kg.extract.rules import arguments, noun_subjects, pairs, slot_tokens, verb_subjects
from kg.knowledge import Gazetteer, Lexicon, Trigger
from kg.records import Mention

_MEDIATOR_OF = ("of", "by")  # "the mediation of IGAD", "mediation by Qatar"
_DEALINGS = {"negotiates_with", "agrees_with", "meets_with"}


def _between(head: Token, lex: Lexicon) -> list[Token]:
    return slot_tokens(head, ("prep:between",), lex)


def _party_head(token: Token) -> Token | None:
    """The first party of "between A and B" when token is one of them (the top of its coordination)."""
    while token.dep_ == dep.CONJ:
        token = token.head
    return token if token.dep_ == dep.POBJ and token.head.lower_ == "between" else None


def _verb_mediation(verb: Token, gaz: Gazetteer, lex: Lexicon) -> tuple[list[Mention], list[Mention]]:
    """(mediators, parties) of "X brokered talks between A and B", "talks between A and B brokered by
    X", "X mediated between A and B"."""
    passive = verb.dep_ == dep.ACL or any(c.dep_ == dep.AUXPASS for c in verb.children)
    agents = [g for c in verb.children if c.dep_ == dep.AGENT for g in c.children if g.dep_ == dep.POBJ]
    mediators = arguments(agents if passive else verb_subjects(verb, lex), gaz, lex)[0]
    if verb.dep_ == dep.ACL and (first := _party_head(verb.head)) is not None:
        # "between A and B brokered by X and Y": the parser hangs the participle on B and Y beside A and B
        if not _dealings(first.head.head, lex):
            return [], []
        named = arguments([first], gaz, lex)[0]
        return mediators + [m for m in named if m.start > verb.idx], [m for m in named if m.start < verb.idx]
    events = [verb.head] if verb.dep_ == dep.ACL else [c for c in verb.children if c.dep_ == dep.DOBJ]
    # what is brokered is talks, a deal or a meeting; "facilitated trade between A and B" mediates nothing
    parties = _between(verb, lex) or [p for e in events if _dealings(e, lex) for p in _between(e, lex)]
    return mediators, arguments(parties, gaz, lex)[0]


def _dealings(noun: Token, lex: Lexicon) -> bool:
    """Does the noun name parties dealing with each other ("talks", "a deal", "contacts", "a meeting")?"""
    trigger = lex.nouns.get(noun.lemma_.lower())
    return trigger is not None and trigger.predicate in _DEALINGS


def _noun_mediation(noun: Token, gaz: Gazetteer, lex: Lexicon) -> tuple[list[Mention], list[Mention]]:
    """(mediators, parties) of "mediation by X between A and B" and "A and B negotiated under the
    mediation of X" (the parties are who the clause holding it is about)."""
    mediators = noun_subjects(noun, gaz, lex, _MEDIATOR_OF)
    parties = _between(noun, lex)
    holder = noun.head.head if noun.dep_ == dep.POBJ else None
    if not parties and holder is not None:
        parties = _between(holder, lex) or (verb_subjects(holder, lex) if holder.pos_ in {"VERB", "AUX"} else [])
    return mediators, arguments(parties, gaz, lex)[0]


def mediations(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    for token in (*words_tagged(sent, "VERB"), *words_tagged(sent, "NOUN")):
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in lex.mediation_verbs:
            mediators, parties = _verb_mediation(token, gaz, lex)
        elif token.pos_ == "NOUN" and lemma in lex.mediation_nouns and entity_of(token) is None:
            mediators, parties = _noun_mediation(token, gaz, lex)
        else:
            continue
        parties = [m for m in parties if m.type in ACTOR_TYPES]
        mediators = [m for m in mediators if m.type in ACTOR_TYPES]
        if parties:  # with none, coordinated mediators are no parties of each other
            yield from pairs(Trigger(lemma, "negotiates_with", ()), mediators, parties, "mediation", token, 0.7)
