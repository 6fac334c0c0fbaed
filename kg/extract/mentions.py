"""Extraction stage: spaCy tokens and entity spans -> Mention records."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.knowledge import Gazetteer, Lexicon
from kg.records import Mention

# Prepositions that introduce examples of a noun: "treaties such as X, Y and Z".
_LIST_MARKERS = {"including", "like"}


def entity_of(token: Token) -> Span | None:
    if not token.ent_type_ or token.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY",
                                                   "MONEY", "PERCENT"}:
        return None
    doc = token.doc
    return next((ent for ent in doc.ents if ent.start <= token.i < ent.end), None)


def ontology_type(span: Span, gaz: Gazetteer, lex: Lexicon) -> str:
    if span.label_ == "GOV":
        return "GovernmentBody"
    known = gaz.entities.get(span.ent_id_)
    if known:
        return known.type
    return lex.ner_types.get(span.label_, "Entity")


def mention(span: Span, gaz: Gazetteer, lex: Lexicon) -> Mention:
    start = span.start + 1 if span[0].lower_ == "the" and len(span) > 1 else span.start
    end = span.end - 1 if span[-1].text in {"'s", "’s"} else span.end
    body = span.doc[start:end]
    return Mention(text=body.text, start=body.start_char, end=body.end_char,
                   type=ontology_type(span, gaz, lex), key=span.ent_id_)


def _examples(token: Token) -> list[Token]:
    """Heads of "such as" / "including" lists hanging off a common noun."""
    found = []
    for child in token.children:
        is_such_as = child.lower_ == "as" and any(c.lower_ == "such" for c in child.children)
        if child.dep_ == "prep" and (is_such_as or child.lower_ in _LIST_MARKERS):
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def coordinated(token: Token) -> list[Token]:
    """The token and the conjuncts that hang below it ("Russia and the US" from "Russia")."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found.extend(coordinated(child))
    return found


def argument_mentions(token: Token, gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """Mentions an argument token stands for, expanding conjunctions and example lists."""
    found: list[Mention] = []
    for head in coordinated(token):
        ent = entity_of(head)
        if ent is not None:
            found.append(mention(ent, gaz, lex))
        elif head.pos_ in {"NOUN", "PROPN"}:
            for example in _examples(head):
                found.extend(argument_mentions(example, gaz, lex))
    unique = {(m.start, m.end): m for m in found}
    return list(unique.values())


def country_part(gov: Span, lex: Lexicon) -> Span:
    """The country words of an institution span: "Russian" in "Russian Foreign Ministry"."""
    for i in range(gov.start + 1, gov.end):
        rest = " ".join(t.lower_ for t in gov.doc[i:gov.end])
        if rest in lex.institutions:
            end = i - 1 if gov.doc[i - 1].text in {"'s", "’s"} else i
            return gov.doc[gov.start:end]
    return gov

