"""Extraction stage: spaCy Docs -> Assertion records (the only stage that sees spaCy)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.ahead import ahead
from kg.docstate import doc_state
from kg.extract.candidate import Candidate
from kg.extract.clausal import demanded_events
from kg.extract.context import clause_chain, modality, polarity, speaker, stated_date
from kg.extract.coref import resolve_references
from kg.extract.mediation import mediations
from kg.extract.mentions import argument_mentions, entity_of, mention, mentions_within
from kg.extract.places import PLACE_RULES
from kg.extract.predicative import predicative_relations, stance_adjectives
from kg.extract.quotes import quoted_stretches
from kg.extract.rules import (
    allegiances,
    co_agents,
    conflicts,
    institution_parts,
    member_groups,
    membership_lists,
    noun_relations,
    stances,
    ties,
    verb_relations,
)
from kg.extract.titles import title_roles, unnamed_holders
from kg.knowledge import Gazetteer, Lexicon
from kg.records import Assertion, Document, Extraction, Modality, Sentence

# The rules in priority order: where two find the same statement (predicate, subject and object at the
# same places), extract_sentence keeps the earlier rule's, with its rule name, confidence and trigger
# (so its polarity and modality). Titles and institutions read a fixed phrase ("Foreign Minister X",
# "a Kremlin spokesman", "Russian Foreign Ministry") and have no trigger to negate or report (but for
# the verb that appoints someone to a post), so they go first, with the groups an organisation's name
# makes its members ("EU countries"), the allegiances of groups ("rebels loyal to X") and their stances
# ("pro-Russian separatists"); then verbs, those acting along with a verb's subject, what is done to
# ties, event nouns and mediation; then the readings of predicatives, adjectives of stance ("committed
# to") and demanded clauses; the state a conflict is named after ("the Ukraine crisis"); the place rules
# last, so that "Illinois Gov. X" stays the title's located_in. tests/test_rule_order.py pins this order.
RULES = (title_roles, unnamed_holders, institution_parts, membership_lists, member_groups, allegiances, stances,
         verb_relations, co_agents, ties, noun_relations, mediations, predicative_relations, stance_adjectives,
         demanded_events, conflicts, *PLACE_RULES)


def _assertion(candidate: Candidate, sentence: Sentence, gaz: Gazetteer, lex: Lexicon) -> Assertion:
    if candidate.trigger is None:
        return Assertion(candidate.subject, candidate.predicate, candidate.object, sentence,
                         candidate.rule, confidence=candidate.confidence)
    chain = clause_chain(candidate.trigger)
    said_by = speaker(chain, lex)
    attributed = next(iter(argument_mentions(said_by, gaz, lex)), None) if said_by is not None else None
    mood = modality(chain, lex)
    if mood == Modality.ASSERTED and said_by is not None:
        mood = Modality.REPORTED
    return Assertion(candidate.subject, candidate.predicate, candidate.object, sentence, candidate.rule,
                     polarity=polarity(chain), modality=mood, attributed_to=attributed,
                     confidence=candidate.confidence, date_text=stated_date(chain))


def extract_sentence(sent: Span, doc_id: str, gaz: Gazetteer, lex: Lexicon) -> list[Assertion]:
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    sentence = Sentence(doc_id, text, start, start + len(text))
    seen: dict[tuple, Assertion] = {}
    for rule in RULES:
        for candidate in rule(sent, gaz, lex):
            for found in (candidate, *_issue_links(candidate, sent, gaz, lex)):
                key = (found.subject.start, found.predicate, found.object.start)
                seen.setdefault(key, _assertion(found, sentence, gaz, lex))
    return list(seen.values())


def _issue_links(candidate: Candidate, sent: Span, gaz: Gazetteer, lex: Lexicon) -> list[Candidate]:
    """An issue concerns the actors named in it: "draft agreements between Russia and NATO" -> both; a
    town or a place in it is where it happens ("a terror attack in Nice"), no party to it."""
    issue = next((m for m in (candidate.object, candidate.subject) if m.type == "Issue"), None)
    if issue is None:
        return []
    quoted = quoted_stretches(issue.text, issue.start)  # an "America first" policy concerns no America
    return [Candidate(issue, "concerns", inside, "issue-concerns", None, 0.8)
            for inside in mentions_within(sent, issue.start, issue.end, gaz, lex) if inside.type not in _LOCATIONS
            and not any(a < inside.start and inside.end <= b for a, b in quoted)]


_LOCATIONS = {"Place", "City"}


def extract_doc(doc: Doc, document: Document, gaz: Gazetteer, lex: Lexicon) -> Extraction:
    doc_state(doc)  # the pipeline is done: the entities are final, and indexed from here on
    ents = [ent for ent in doc.ents if entity_of(ent.root) is not None]
    mentions = [mention(ent, gaz, lex) for ent in ents]
    resolve_references(doc, {ent.start: m for ent, m in zip(ents, mentions)}, lex)
    assertions = [a for sent in doc.sents for a in extract_sentence(sent, document.id, gaz, lex)]
    return Extraction(document, tuple(assertions), tuple(mentions))


def extract_documents(nlp: Language, documents: Iterable[Document], gaz: Gazetteer, lex: Lexicon,
                      batch_size: int = 32, parse_ahead: bool = True) -> Iterator[Extraction]:
    """Parse documents with nlp.pipe (streaming) and extract their assertions.

    With `parse_ahead`, parsing runs on a background thread up to two batches ahead: most of it
    happens outside the GIL, so extraction and whatever the caller does with each result (such as
    storing it) run beside it on a second core. `documents` is then read on that thread too."""
    parsed = nlp.pipe(((d.text, d) for d in documents), as_tuples=True, batch_size=batch_size)
    if parse_ahead:
        parsed = ahead(parsed, 2 * batch_size, name="kg-parse")
    for doc, document in parsed:
        yield extract_doc(doc, document, gaz, lex)
