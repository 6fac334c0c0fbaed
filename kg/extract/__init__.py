"""Extraction stage: spaCy Docs -> Assertion records (the only stage that sees spaCy)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.context import clause_chain, modality, polarity, speaker
from kg.extract.mentions import argument_mentions, entity_of, mention
from kg.extract.candidate import Candidate
from kg.extract.rules import RULES
from kg.knowledge import Gazetteer, Lexicon, lexicon
from kg.records import Assertion, Document, Extraction, Sentence


def _assertion(candidate: Candidate, sentence: Sentence, gaz: Gazetteer, lex: Lexicon) -> Assertion:
    if candidate.trigger is None:
        return Assertion(candidate.subject, candidate.predicate, candidate.object, sentence,
                         candidate.rule, confidence=candidate.confidence)
    chain = clause_chain(candidate.trigger)
    said_by = speaker(chain, lex)
    attributed = next(iter(argument_mentions(said_by, gaz, lex)), None) if said_by is not None else None
    mood = modality(chain, lex)
    if mood == "asserted" and said_by is not None:
        mood = "reported"
    return Assertion(candidate.subject, candidate.predicate, candidate.object, sentence, candidate.rule,
                     polarity=polarity(chain), modality=mood, attributed_to=attributed,
                     confidence=candidate.confidence)


def extract_sentence(sent: Span, doc_id: str, gaz: Gazetteer, lex: Lexicon) -> list[Assertion]:
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    sentence = Sentence(doc_id, text, start, start + len(text))
    seen: dict[tuple, Assertion] = {}
    for rule in RULES:
        for candidate in rule(sent, gaz, lex):
            key = (candidate.subject.start, candidate.predicate, candidate.object.start)
            seen.setdefault(key, _assertion(candidate, sentence, gaz, lex))
    return list(seen.values())


def extract_doc(doc: Doc, document: Document, gaz: Gazetteer, lex: Lexicon) -> Extraction:
    assertions = [a for sent in doc.sents for a in extract_sentence(sent, document.id, gaz, lex)]
    mentions = [mention(ent, gaz, lex) for ent in doc.ents if entity_of(ent.root) is not None]
    return Extraction(document, tuple(assertions), tuple(mentions))


def extract_documents(nlp: Language, documents: Iterable[Document], gaz: Gazetteer,
                      batch_size: int = 32) -> Iterator[Extraction]:
    """Parse documents with nlp.pipe (streaming) and extract their assertions."""
    lex = lexicon()
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_doc(doc, document, gaz, lex)
