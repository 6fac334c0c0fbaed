"""State institutions as entities, on hand-built Docs: a nationality or a possessive country before an
institution noun makes one government body keyed by country and institution."""

import pytest
import spacy
from spacy.tokens import Span

from kg.nlp import ModelError, institutions
from tests.conftest import make_doc


@pytest.mark.parametrize("words, country_end, expected", [
    (["Russia", "'s", "army", "moved", "."], 1, ("Russia 's army", "russia_army")),
    (["the", "Russian", "Foreign", "Ministry", "said", "."], 2, ("Russian Foreign Ministry", "russia_foreign_ministry")),
    # another way of naming the government is the government (names.toml [bodies])
    (["Russian", "authorities", "said", "."], 1, ("Russian authorities", "russia_government")),
    (["the", "Russian", "Ministry", "of", "Defence", "said", "."], 2, ("Russian Ministry of Defence", "russia_defense_ministry")),
])
def test_country_and_institution_make_one_body(gaz, lex, words, country_end, expected):
    country_start = country_end - 1
    label = "NORP" if words[country_start] == "Russian" else "GPE"
    doc = make_doc([(w, i, "dep", "X") for i, w in enumerate(words)],
                   ents=[(country_start, country_end, label, "russia" if label == "GPE" else "")])
    bodies = [(e.text, e.ent_id_) for e in institutions(doc, lex, gaz).ents if e.label_ == "GOV"]
    assert bodies == [expected]


def test_a_name_gets_back_the_given_name_the_model_left_out(gaz, lex):
    from kg.nlp import title_persons

    # said Minister Eyda Varela de Chinchilla .  (the model tagged only "Varela de Chinchilla")
    words = ["said", "Minister", "Eyda", "Varela", "de", "Chinchilla", "."]
    pos = ["VERB", "PROPN", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"]
    doc = make_doc([(w, 0, "dep", p) for w, p in zip(words, pos)], ents=[(3, 6, "PERSON")])
    assert [e.text for e in title_persons(doc, lex).ents] == ["Eyda Varela de Chinchilla"]  # not the title


def test_a_name_cut_in_two_is_one_name(gaz, lex):
    from kg.nlp import title_persons

    # lawyer Abdel Moneim Abdel Maqsud spoke .  (the model tagged two people)
    words = ["lawyer", "Abdel", "Moneim", "Abdel", "Maqsud", "spoke", "."]
    pos = ["NOUN", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PUNCT"]
    doc = make_doc([(w, 5, "dep", p) for w, p in zip(words, pos)], ents=[(1, 3, "PERSON"), (3, 5, "PERSON")])
    assert [e.text for e in title_persons(doc, lex).ents] == ["Abdel Moneim Abdel Maqsud"]


def test_the_titles_step_outside_load_spacy_is_a_model_error():
    # spaCy makes the step from its factory name; only load_spacy hands it the gazetteer and lexicon
    nlp = spacy.blank("en")
    step = nlp.add_pipe("kg_titles_institutions")
    doc = nlp.make_doc("President Putin went to Moscow")
    doc.ents = [Span(doc, 1, 2, label="PERSON"), Span(doc, 4, 5, label="GPE")]
    with pytest.raises(ModelError, match="runs in a pipeline made by load_spacy"):
        step(doc)
