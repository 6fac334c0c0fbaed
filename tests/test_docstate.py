"""kg.docstate: one per-Doc state, one answer to "which entity is at this token"."""

import pytest

from kg.docstate import doc_state, entities_in, entity_at, words_tagged
from kg.extract.coref import antecedent_of
from tests.conftest import assertions, make_doc

ROWS = [("Antonov", 1, "nsubj", "PROPN"), ("met", 1, "ROOT", "VERB", "meet"), ("the", 4, "det", "DET"),
        ("US", 4, "compound", "PROPN"), ("envoy", 1, "dobj", "NOUN"), (".", 1, "punct", "PUNCT"),
        ("He", 7, "nsubj", "PRON"), ("left", 7, "ROOT", "VERB", "leave"), (".", 7, "punct", "PUNCT")]


def _doc():
    return make_doc(ROWS, [(0, 1, "PERSON"), (3, 4, "GPE", "united_states")])


def test_the_entity_at_a_token_is_the_same_before_and_after_the_state_is_made():
    doc = _doc()
    before = [(e.start, e.end) if (e := entity_at(doc, i)) is not None else None for i in range(len(doc))]
    assert doc._.kg_state is None  # asking made no state: the pipeline may still change the entities
    doc_state(doc)
    after = [(e.start, e.end) if (e := entity_at(doc, i)) is not None else None for i in range(len(doc))]
    assert before == after == [(0, 1), None, None, (3, 4), None, None, None, None, None]


def test_entities_and_words_of_a_sentence_come_from_the_state():
    doc = _doc()
    first = doc[0:6]
    assert [e.text for e in entities_in(first)] == ["Antonov", "US"]
    assert [t.text for t in words_tagged(first, "VERB")] == ["met"]
    assert [t.text for t in words_tagged(doc[6:9], "VERB")] == ["left"]


def test_asking_for_an_antecedent_before_references_are_resolved_is_an_error(gaz, lex):
    doc = _doc()
    with pytest.raises(RuntimeError, match="resolve_references runs first"):
        antecedent_of(doc[6])
    assertions(doc, gaz, lex)  # the extraction resolves them first
    assert antecedent_of(doc[6]).text == "Antonov"
