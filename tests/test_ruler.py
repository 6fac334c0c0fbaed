"""The gazetteer ruler: the same entities as spaCy's EntityRuler, patterns made by the tokenizer alone."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.pipeline import EntityRuler

from kg.ruler import PhraseRuler, phrase_tokens

_NLP = spacy.blank("en")  # the English tokenizer rules, no model
# letters, digits, punctuation the English tokenizer splits on or keeps (U.S., don't, 5km, :)),
# and whitespace that is not a plain space
_ALPHABET = "abAB19.,'-()$%:/@&!?\"’—é€° \u00a0\t\u2028\x1c"
_TEXTS = st.text(_ALPHABET, min_size=1, max_size=12)
_TRICKY = ["U.S.", "Acme Corp. (UK)", "don't panic", "cannot stop", "e.g. Group", "5km run", ":) Party",
           "Bob  Smith", "Non\u00a0Breaking", "10-year plan", "$Acme", "Acme's", " lead", "trail "]


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(token.text for token in _NLP.tokenizer(text))


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=1, max_size=40))
def test_names_are_tokenized_as_the_tokenizer_does_whole(texts):
    texts += _TRICKY
    assert phrase_tokens(_NLP.tokenizer, texts) == [_tokens(text) for text in texts]


def _entity_ruler(phrases):
    ruler = EntityRuler(_NLP, overwrite_ents=True)
    ruler.add_patterns([{"label": label, "pattern": text, "id": key} for text, label, key in phrases])
    return ruler


def _entities(doc):
    return [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents], [t.ent_iob_ for t in doc]


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text("abc.- ", min_size=1, max_size=8), min_size=1, max_size=12, unique=True),
       st.lists(st.integers(0, 30), max_size=30), st.data())
def test_the_same_entities_as_spacys_entity_ruler(names, picks, data):
    # one pattern per token sequence: for two, the EntityRuler's choice depends on hash order
    by_tokens = {_tokens(name): name for name in names if _tokens(name)}
    phrases = [(name, "ORG" if i % 2 else "GPE", f"id{i}") for i, name in enumerate(by_tokens.values())]
    pieces = [*by_tokens.values(), "x", "a", "b.", "-"]
    text = " ".join(pieces[p % len(pieces)] for p in picks) or "x"
    ents = data.draw(st.lists(st.integers(0, 3), max_size=2))  # entities already set, to be overwritten
    expected, found = (_entities(ruler(_doc_with_entities(text, ents)))
                       for ruler in (_entity_ruler(phrases), PhraseRuler(_NLP.tokenizer, phrases)))
    assert found == expected


def _doc_with_entities(text, starts):
    doc = _NLP.make_doc(text)
    doc.ents = [spacy.tokens.Span(doc, s, s + 1, label="PERSON") for s in sorted(set(starts)) if s < len(doc)]
    return doc


def test_overlapping_names_the_longest_then_the_leftmost_wins():
    ruler = PhraseRuler(_NLP.tokenizer, [("Acme Corp.", "ORG", "acme"), ("Corp. UK Limited", "ORG", "uk"),
                                         ("UK", "GPE", "united_kingdom"), ("Acme", "ORG", "short")])
    doc = ruler(_NLP.make_doc("Acme Corp. UK Limited and Acme Corp. in the UK"))
    assert [(e.text, e.ent_id_) for e in doc.ents] == [
        ("Acme", "short"), ("Corp. UK Limited", "uk"), ("Acme Corp.", "acme"), ("UK", "united_kingdom")]
    assert doc[4].ent_iob_ == "O"  # "and": set outside, as the EntityRuler leaves it
    twice = PhraseRuler(_NLP.tokenizer, [("ha ha", "ORG", "laugh")])(_NLP.make_doc("ha ha ha"))
    assert [(e.start, e.end) for e in twice.ents] == [(0, 2)]


def test_a_name_given_twice_belongs_to_the_later_entry():
    ruler = PhraseRuler(_NLP.tokenizer, [("Georgia", "GPE", "georgia"), ("Georgia", "GPE", "us_georgia")])
    assert [e.ent_id_ for e in ruler(_NLP.make_doc("in Georgia")).ents] == ["us_georgia"]
    assert len(ruler) == 1
