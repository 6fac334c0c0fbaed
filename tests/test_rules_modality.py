"""Modality and polarity in real copy, on hand-built Docs: denials, claims, calls, 'no longer' and 'against'
keep their statements, but none is a plain edge."""

from tests.conftest import assertions, make_doc


def moods(doc, gaz, lex):
    return {(a.subject.text, a.predicate, a.object.text, a.polarity, a.modality) for a in assertions(doc, gaz, lex)}


def test_a_denied_clause_is_hypothetical(gaz, lex):
    # Moscow denied that Russia attacked Ukraine .
    doc = make_doc([("Moscow", 1, "nsubj", "PROPN"), ("denied", 1, "ROOT", "VERB", "deny"), ("that", 4, "mark", "SCONJ"),
                    ("Russia", 4, "nsubj", "PROPN"), ("attacked", 1, "ccomp", "VERB", "attack"),
                    ("Ukraine", 4, "dobj", "PROPN"), (".", 1, "punct", "PUNCT")],
                   ents=[(0, 1, "GPE", "russia"), (3, 4, "GPE", "russia"), (5, 6, "GPE", "ukraine")])
    assert moods(doc, gaz, lex) == {("Russia", "attacks", "Ukraine", "positive", "hypothetical")}


def test_a_claim_to_have_done_is_hypothetical(gaz, lex):
    # Boko Haram claimed to have killed Shekau .
    doc = make_doc([("Boko", 1, "compound", "PROPN"), ("Haram", 2, "nsubj", "PROPN"), ("claimed", 2, "ROOT", "VERB", "claim"),
                    ("to", 5, "aux", "PART"), ("have", 5, "aux", "AUX"), ("killed", 2, "xcomp", "VERB", "kill"),
                    ("Shekau", 5, "dobj", "PROPN"), (".", 2, "punct", "PUNCT")],
                   ents=[(0, 2, "ORG"), (6, 7, "PERSON")])
    assert moods(doc, gaz, lex) == {("Boko Haram", "kills", "Shekau", "positive", "hypothetical")}


def test_a_call_for_someone_to_act_is_a_demand(gaz, lex):
    # Seoul called for Pyongyang to leave NATO .  (the small model makes the clause an advcl with "for")
    doc = make_doc([("Seoul", 1, "nsubj", "PROPN"), ("called", 1, "ROOT", "VERB", "call"), ("for", 5, "mark", "SCONJ"),
                    ("Pyongyang", 5, "nsubj", "PROPN"), ("to", 5, "aux", "PART"), ("leave", 1, "advcl", "VERB", "leave"),
                    ("NATO", 5, "dobj", "PROPN"), (".", 1, "punct", "PUNCT")],
                   ents=[(0, 1, "GPE"), (3, 4, "GPE"), (6, 7, "ORG", "nato")])
    assert ("Pyongyang", "withdraws_from", "NATO", "positive", "demanded") in moods(doc, gaz, lex)


def test_no_longer_is_negative(gaz, lex):
    # Britain no longer supports NATO .
    doc = make_doc([("Britain", 3, "nsubj", "PROPN"), ("no", 2, "neg", "ADV"), ("longer", 3, "advmod", "ADV"),
                    ("supports", 3, "ROOT", "VERB", "support"), ("NATO", 3, "dobj", "PROPN"), (".", 3, "punct", "PUNCT")],
                   ents=[(0, 1, "GPE", "united_kingdom"), (4, 5, "ORG", "nato")])
    assert moods(doc, gaz, lex) == {("Britain", "supports", "NATO", "negative", "asserted")}


def test_meetings_one_is_against_have_not_happened(gaz, lex):
    # China was against meetings between Japan and Taiwan .
    doc = make_doc([("China", 1, "nsubj", "PROPN"), ("was", 1, "ROOT", "AUX", "be"), ("against", 1, "prep", "ADP"),
                    ("meetings", 2, "pobj", "NOUN", "meeting"), ("between", 3, "prep", "ADP"), ("Japan", 4, "pobj", "PROPN"),
                    ("and", 5, "cc", "CCONJ"), ("Taiwan", 5, "conj", "PROPN"), (".", 1, "punct", "PUNCT")],
                   ents=[(0, 1, "GPE", "china"), (5, 6, "GPE", "japan"), (7, 8, "GPE", "taiwan")])
    assert moods(doc, gaz, lex) == {("Japan", "meets_with", "Taiwan", "positive", "hypothetical")}


def test_negation_reaches_an_event_noun_through_an_adverb(gaz, lex):
    # we will not accept use whatsoever of US sanctions against Iran .  (the parser hangs "of" on "whatsoever")
    doc = make_doc([("we", 3, "nsubj", "PRON"), ("will", 3, "aux", "AUX"), ("not", 3, "neg", "PART"),
                    ("accept", 3, "ROOT", "VERB"), ("use", 3, "dobj", "NOUN"), ("whatsoever", 3, "advmod", "ADV"),
                    ("of", 5, "prep", "ADP"), ("US", 8, "compound", "PROPN"), ("sanctions", 6, "pobj", "NOUN", "sanction"),
                    ("against", 8, "prep", "ADP"), ("Iran", 9, "pobj", "PROPN"), (".", 3, "punct", "PUNCT")],
                   ents=[(7, 8, "GPE", "united_states"), (10, 11, "GPE", "iran")])
    assert moods(doc, gaz, lex) == {("US", "sanctions", "Iran", "negative", "asserted")}


def test_the_one_urged_does_what_it_is_urged_to(gaz, lex):
    # Japan urged China to leave NATO .  /  Japan used its clout to oppose NATO .
    urged = make_doc([("Japan", 1, "nsubj", "PROPN"), ("urged", 1, "ROOT", "VERB", "urge"), ("China", 1, "dobj", "PROPN"),
                      ("to", 4, "aux", "PART"), ("leave", 1, "xcomp", "VERB", "leave"), ("NATO", 4, "dobj", "PROPN"),
                      (".", 1, "punct", "PUNCT")],
                     ents=[(0, 1, "GPE", "japan"), (2, 3, "GPE", "china"), (5, 6, "ORG", "nato")])
    assert ("China", "withdraws_from", "NATO", "positive", "demanded") in moods(urged, gaz, lex)
    used = make_doc([("Japan", 1, "nsubj", "PROPN"), ("used", 1, "ROOT", "VERB", "use"), ("its", 3, "poss", "PRON"),
                     ("clout", 1, "dobj", "NOUN"), ("to", 5, "aux", "PART"), ("oppose", 1, "xcomp", "VERB", "oppose"),
                     ("NATO", 5, "dobj", "PROPN"), (".", 1, "punct", "PUNCT")],
                    ents=[(0, 1, "GPE", "japan"), (6, 7, "ORG", "nato")])
    assert ("Japan", "opposes", "NATO", "positive", "asserted") in moods(used, gaz, lex)


def test_agreeing_on_an_event_decides_it_agreeing_to_act_only_means_to(gaz, lex):
    # The EU agreed on sanctions against Russia .
    decided = make_doc([("The", 1, "det", "DET"), ("EU", 2, "nsubj", "PROPN"), ("agreed", 2, "ROOT", "VERB", "agree"),
                        ("on", 2, "prep", "ADP"), ("sanctions", 3, "pobj", "NOUN", "sanction"),
                        ("against", 4, "prep", "ADP"), ("Russia", 5, "pobj", "PROPN"), (".", 2, "punct", "PUNCT")],
                       ents=[(1, 2, "ORG", "european_union"), (6, 7, "GPE", "russia")])
    assert moods(decided, gaz, lex) == {("EU", "sanctions", "Russia", "positive", "asserted")}
    # The EU agreed to sanction Russia .
    meant = make_doc([("The", 1, "det", "DET"), ("EU", 2, "nsubj", "PROPN"), ("agreed", 2, "ROOT", "VERB", "agree"),
                      ("to", 4, "aux", "PART"), ("sanction", 2, "xcomp", "VERB"), ("Russia", 4, "dobj", "PROPN"),
                      (".", 2, "punct", "PUNCT")],
                     ents=[(1, 2, "ORG", "european_union"), (5, 6, "GPE", "russia")])
    assert moods(meant, gaz, lex) == {("EU", "sanctions", "Russia", "positive", "intended")}
