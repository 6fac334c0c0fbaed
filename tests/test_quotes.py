"""Quotations and their speakers on hand-built Docs: "I" and "we" in a quotation are who speaks it."""

from kg.extract.coref import resolve_references
from kg.records import Mention
from tests.conftest import make_doc


def _first_person(doc, lex, named):
    """The labels the first-person pronouns resolve to, named = {entity start: label}."""
    mentions = {start: Mention(label, 0, 0, "Person", label=label) for start, label in named.items()}
    found = resolve_references(doc, mentions, lex)
    return {doc[i].text: m.label for i, m in found.items() if doc[i].lower_ in lex.first_person_pronouns}


def test_we_in_a_quotation_is_the_speaker_named_after_it(lex):
    # " We stand with France , " Obama said .
    doc = make_doc([('"', 2, "punct", "PUNCT"), ("We", 2, "nsubj", "PRON"), ("stand", 8, "ccomp", "VERB"),
                    ("with", 2, "prep", "ADP"), ("France", 3, "pobj", "PROPN"), (",", 2, "punct", "PUNCT"),
                    ('"', 8, "punct", "PUNCT"), ("Obama", 8, "nsubj", "PROPN"), ("said", 8, "ROOT", "VERB", "say"),
                    (".", 8, "punct", "PUNCT")], [(4, 5, "GPE"), (7, 8, "PERSON")])
    assert _first_person(doc, lex, {7: "Barack Obama"}) == {"We": "Barack Obama"}


def test_our_in_a_quotation_after_a_colon_is_the_speaker_of_the_statement_it_is_in(lex):
    # Trudeau issued a statement saying : " Our solidarity is with France . "
    doc = make_doc([("Trudeau", 1, "nsubj", "PROPN"), ("issued", 1, "ROOT", "VERB", "issue"), ("a", 3, "det", "DET"),
                    ("statement", 1, "dobj", "NOUN"), ("saying", 3, "acl", "VERB", "say"), (":", 4, "punct", "PUNCT"),
                    ('"', 8, "punct", "PUNCT"), ("Our", 8, "poss", "PRON"), ("solidarity", 9, "nsubj", "NOUN"),
                    ("is", 4, "ccomp", "AUX", "be"), ("with", 9, "prep", "ADP"), ("France", 10, "pobj", "PROPN"),
                    (".", 9, "punct", "PUNCT"), ('"', 9, "punct", "PUNCT")], [(0, 1, "PERSON"), (11, 12, "GPE")])
    assert _first_person(doc, lex, {0: "Justin Trudeau"}) == {"Our": "Justin Trudeau"}


def test_an_unquoted_statement_after_a_colon_and_a_paragraph_break_is_its_speakers(lex):
    # Gabriel issued the following statement : \n\n We will act .
    doc = make_doc([("Gabriel", 1, "nsubj", "PROPN"), ("issued", 1, "ROOT", "VERB", "issue"), ("the", 4, "det", "DET"),
                    ("following", 4, "amod", "VERB"), ("statement", 1, "dobj", "NOUN"), (":", 1, "punct", "PUNCT"),
                    ("\n\n", 5, "dep", "SPACE"), ("We", 9, "nsubj", "PRON"), ("will", 9, "aux", "AUX"),
                    ("act", 9, "ROOT", "VERB"), (".", 9, "punct", "PUNCT")], [(0, 1, "PERSON")])
    assert _first_person(doc, lex, {0: "Sigmar Gabriel"}) == {"We": "Sigmar Gabriel"}


def test_first_person_with_no_speaker_named_stays_unresolved(lex):
    # " We will act , " the statement read .
    doc = make_doc([('"', 3, "punct", "PUNCT"), ("We", 3, "nsubj", "PRON"), ("will", 3, "aux", "AUX"),
                    ("act", 8, "ccomp", "VERB"), (",", 3, "punct", "PUNCT"), ('"', 8, "punct", "PUNCT"),
                    ("the", 7, "det", "DET"), ("statement", 8, "nsubj", "NOUN"), ("read", 8, "ROOT", "VERB"),
                    (".", 8, "punct", "PUNCT")])
    assert _first_person(doc, lex, {}) == {}


def test_first_person_outside_any_quotation_is_not_the_speakers(lex):
    # Obama said we will act .
    doc = make_doc([("Obama", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB", "say"), ("we", 4, "nsubj", "PRON"),
                    ("will", 4, "aux", "AUX"), ("act", 1, "ccomp", "VERB"), (".", 1, "punct", "PUNCT")],
                   [(0, 1, "PERSON")])
    assert _first_person(doc, lex, {0: "Barack Obama"}) == {}
