"""Extraction stage: clausal demands ("X needs Y to commit that NATO does not expand": X opposes NATO expansion)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.docstate import words_tagged
from kg.extract import deps as dep
from kg.extract.candidate import Candidate
from kg.extract.context import clause_chain, polarity
from kg.extract.mentions import argument_mentions
from kg.extract.rules import arguments, verb_subjects
from kg.knowledge import Gazetteer, Lexicon
from kg.records import Mention

_UP = {dep.CCOMP, dep.XCOMP, dep.ADVCL}
_MAX_STEPS = 3


def _demanding_verb(verb: Token, lex: Lexicon) -> Token | None:
    """The verb of demanding that governs this clause within a few steps ("needs ... to commit that ...")."""
    token = verb
    for _ in range(_MAX_STEPS):
        if token.dep_ not in _UP or token.head == token:
            return None
        token = token.head
        if token.pos_ == "VERB" and token.lemma_.lower() in lex.modality["demanded"]:
            return token
    return None


def demanded_events(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """An event verb with a nominalisation ("expand" -> "expansion") in a demanded clause becomes an
    issue named after its actor; the demander opposes it when the clause is negated, else demands it."""
    for verb in (t for t in words_tagged(sent, "VERB") if t.lemma_.lower() in lex.nominalizations):
        demander = _demanding_verb(verb, lex)
        if demander is None:
            continue
        actors = [m for s in verb_subjects(verb, lex) for m in argument_mentions(s, gaz, lex)]
        subjects = arguments(verb_subjects(demander, lex), gaz, lex)[0]
        predicate = "opposes" if polarity(clause_chain(verb)[:1]) == "negative" else "demands"
        for actor in actors:
            name = actor.refers_to.text if actor.refers_to is not None else actor.text
            issue = Mention(actor.text + " " + verb.text, actor.start, verb.idx + len(verb.text), "Issue", "",
                            label=f"{name} {lex.nominalizations[verb.lemma_.lower()]}")
            for subject in subjects:
                yield Candidate(subject, predicate, issue, "demanded-event", demander, 0.6)
