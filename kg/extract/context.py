"""Extraction stage: polarity, modality and attribution of a trigger word in its sentence."""

from __future__ import annotations

from spacy.tokens import Token

from kg.docstate import entity_at
from kg.extract import deps as dep
from kg.knowledge import Lexicon
from kg.records import Modality, Polarity

# Links that stay inside one clause: from an event noun up to its light verb, from a
# complement up to the verb that controls it ("plan to hold a meeting").
_IN_CLAUSE = {dep.XCOMP, dep.ACL, dep.DOBJ, dep.POBJ, dep.PREP, dep.ATTR, dep.OPRD, dep.NSUBJPASS, dep.NSUBJ,
              dep.ACOMP, dep.PCOMP, dep.ADVMOD}
_REPORTING = {dep.CCOMP, dep.PARATAXIS}
_COMPLEMENT = {dep.CCOMP, dep.XCOMP, dep.ADVCL}
_MODALITY_ORDER = ("hypothetical", "demanded", "intended", "planned")
# How a time expression hangs off the verb it dates: "met last week", "met on Friday", "met Friday".
_ADVERBIAL = {dep.NPADVMOD, dep.ADVMOD}


def clause_chain(trigger: Token) -> list[Token]:
    """The trigger and the words that govern it within its clause, innermost first."""
    chain = [trigger]
    token = trigger
    while token.dep_ in _IN_CLAUSE and token.head != token:
        token = token.head
        chain.append(token)
    return chain


def _no_longer(child: Token) -> bool:
    return child.lower_ == "longer" and any(g.dep_ == dep.NEG for g in child.children)


def polarity(chain: list[Token]) -> Polarity:
    for token in chain:
        if any(child.dep_ == dep.NEG or _no_longer(child) for child in token.children):
            return Polarity.NEGATIVE
        if token.pos_ == "NOUN" and any(c.lower_ == "no" and c.dep_ == dep.DET for c in token.children):
            return Polarity.NEGATIVE
    return Polarity.POSITIVE


def _conditional_clause(clause: Token, lex: Lexicon) -> bool:
    if clause.dep_ != dep.ADVCL:
        return False
    markers = {c.lower_ for c in clause.children if c.dep_ == dep.MARK}
    markers |= {f"{c.lower_} {g.lower_}" for c in clause.children if c.dep_ == dep.PREP
                for g in c.children if g.dep_ == dep.POBJ}
    return bool(markers & lex.conditional_markers)


def _is_conditional(chain: list[Token], lex: Lexicon) -> bool:
    """The clause is a condition ("if X attacks") or has one ("X will strike if ...")."""
    return any(_conditional_clause(token, lex) or
               any(_conditional_clause(child, lex) for child in token.children)
               for token in chain)


def modality(chain: list[Token], lex: Lexicon) -> Modality:
    if _is_conditional(chain, lex):
        return Modality.CONDITIONAL
    # the verb a clause complements: "denied that X attacked", "claimed to have killed", "called for X to go"
    governors = {token.head.lemma_.lower() for token in chain if token.dep_ in _COMPLEMENT}
    if governors & lex.doubt_verbs:
        return Modality.HYPOTHETICAL
    cues = {child.lemma_.lower() for token in chain for child in token.children
            if child.dep_ == dep.AUX or (child.dep_ in {dep.AMOD, dep.COMPOUND} and token.pos_ == "NOUN")}
    cues |= {token.lemma_.lower() for below, token in zip(chain, chain[1:]) if not _decides(token, below, lex)}
    cues |= governors
    for name in _MODALITY_ORDER:
        if cues & lex.modality[name]:
            return Modality(name)
    return Modality.ASSERTED


def _decides(verb: Token, below: Token, lex: Lexicon) -> bool:
    """"agreed on a package of sanctions", "decided sanctions": a decision verb whose object is the event
    has taken it ("agreed to impose sanctions" only means to)."""
    return verb.lemma_.lower() in lex.decision_verbs and below.dep_ in {dep.PREP, dep.DOBJ}


def speaker(chain: list[Token], lex: Lexicon) -> Token | None:
    """Subject of the verb of saying whose complement holds the clause, if any."""
    token = chain[-1]
    while token.dep_ in _REPORTING | {dep.CONJ} and token.head != token:
        token = token.head
        if token.lemma_.lower() in lex.speech_verbs:
            return next((c for c in token.children if c.dep_ == dep.NSUBJ), None)
    for child in token.children:
        # "NATO is expanding, he said": the speech verb hangs off the clause as parataxis/ccomp
        if child.dep_ in _REPORTING and child.lemma_.lower() in lex.speech_verbs:
            return next((c for c in child.children if c.dep_ == dep.NSUBJ), None)
    return None


def _date_entity(token: Token) -> str:
    if token.ent_type_ != "DATE":
        return ""
    return entity.text if (entity := entity_at(token.doc, token.i)) is not None else ""


def stated_date(chain: list[Token]) -> str:
    """The time expression attached to a verb of the clause ("met on December 17"), not one
    inside a noun phrase ("the 1987 treaty"), which dates the thing rather than the event."""
    for token in chain:
        for child in token.children:
            if child.dep_ in _ADVERBIAL and (text := _date_entity(child)):
                return text
            if child.dep_ == dep.PREP:
                for pobj in child.children:
                    if pobj.dep_ == dep.POBJ and (text := _date_entity(pobj)):
                        return text
    return ""
