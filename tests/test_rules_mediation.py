"""Mediation and "the two sides" on hand-built Docs (no statistical model): trees as the small English model
parses these sentences, its misattachments included."""

import pytest

from kg.extract.mediation import mediations
from tests.conftest import assertions
from tests.test_coref import sentences


def mediated(doc, gaz, lex):
    return {(a.subject.text, a.predicate, a.object.text) for a in assertions(doc, gaz, lex, mediations)}


# Talks between Sudan and Chad brokered by Qatar ended .
BROKERED_TALKS = ([
    ("Talks", 8, "nsubj", "NOUN", "talk"), ("between", 0, "prep", "ADP"), ("Sudan", 1, "pobj", "PROPN"),
    ("and", 2, "cc", "CCONJ"), ("Chad", 2, "conj", "PROPN"), ("brokered", 0, "acl", "VERB", "broker"),
    ("by", 5, "agent", "ADP"), ("Qatar", 6, "pobj", "PROPN"), ("ended", 8, "ROOT", "VERB", "end"),
    (".", 8, "punct", "PUNCT"),
], [(2, 3, "GPE", "sudan"), (4, 5, "GPE", "chad"), (7, 8, "GPE", "qatar")])

# Talks between Sudan and Chad brokered by Qatar and Egypt ended .  (the participle on Chad, Egypt beside Sudan)
BROKERED_MISATTACHED = ([
    ("Talks", 10, "nsubj", "NOUN", "talk"), ("between", 0, "prep", "ADP"), ("Sudan", 1, "pobj", "PROPN"),
    ("and", 2, "cc", "CCONJ"), ("Chad", 2, "conj", "PROPN"), ("brokered", 4, "acl", "VERB", "broker"),
    ("by", 5, "agent", "ADP"), ("Qatar", 6, "pobj", "PROPN"), ("and", 2, "cc", "CCONJ"),
    ("Egypt", 2, "conj", "PROPN"), ("ended", 10, "ROOT", "VERB", "end"), (".", 10, "punct", "PUNCT"),
], [(2, 3, "GPE", "sudan"), (4, 5, "GPE", "chad"), (7, 8, "GPE", "qatar"), (9, 10, "GPE", "egypt")])

# Qatar mediated between Sudan and Chad .
MEDIATED_BETWEEN = ([
    ("Qatar", 1, "nsubj", "PROPN"), ("mediated", 1, "ROOT", "VERB", "mediate"), ("between", 1, "prep", "ADP"),
    ("Sudan", 2, "pobj", "PROPN"), ("and", 3, "cc", "CCONJ"), ("Chad", 3, "conj", "PROPN"), (".", 1, "punct", "PUNCT"),
], [(0, 1, "GPE", "qatar"), (3, 4, "GPE", "sudan"), (5, 6, "GPE", "chad")])

# Qatar and Egypt brokered a deal .
BROKERED_DEAL = ([
    ("Qatar", 3, "nsubj", "PROPN"), ("and", 0, "cc", "CCONJ"), ("Egypt", 0, "conj", "PROPN"),
    ("brokered", 3, "ROOT", "VERB", "broker"), ("a", 5, "det", "DET"), ("deal", 3, "dobj", "NOUN"),
    (".", 3, "punct", "PUNCT"),
], [(0, 1, "GPE", "qatar"), (2, 3, "GPE", "egypt")])

# Qatar hosted talks between Sudan and Chad .
HOSTED_TALKS = ([
    ("Qatar", 1, "nsubj", "PROPN"), ("hosted", 1, "ROOT", "VERB", "host"), ("talks", 1, "dobj", "NOUN", "talk"),
    ("between", 2, "prep", "ADP"), ("Sudan", 3, "pobj", "PROPN"), ("and", 4, "cc", "CCONJ"), ("Chad", 4, "conj", "PROPN"),
    (".", 1, "punct", "PUNCT"),
], [(0, 1, "GPE", "qatar"), (4, 5, "GPE", "sudan"), (6, 7, "GPE", "chad")])

TALKS_PARTIES = {("Qatar", "negotiates_with", "Sudan"), ("Qatar", "negotiates_with", "Chad")}


@pytest.mark.parametrize("parts, expected", [
    ([BROKERED_TALKS], TALKS_PARTIES),
    ([BROKERED_MISATTACHED], TALKS_PARTIES | {("Egypt", "negotiates_with", "Sudan"), ("Egypt", "negotiates_with", "Chad")}),
    ([MEDIATED_BETWEEN], TALKS_PARTIES),
    ([HOSTED_TALKS], TALKS_PARTIES),
    ([BROKERED_DEAL], set()),  # no parties named: the two brokers are none of each other
])
def test_who_brokers_or_mediates_talks_negotiates_with_each_party(gaz, lex, parts, expected):
    assert mediated(sentences(*parts), gaz, lex) == expected


# Sudan and Chad signed a truce .
SIGNED_TRUCE = ([
    ("Sudan", 3, "nsubj", "PROPN"), ("and", 0, "cc", "CCONJ"), ("Chad", 0, "conj", "PROPN"),
    ("signed", 3, "ROOT", "VERB", "sign"), ("a", 5, "det", "DET"), ("truce", 3, "dobj", "NOUN"),
    (".", 3, "punct", "PUNCT"),
], [(0, 1, "GPE", "sudan"), (2, 3, "GPE", "chad")])

# Egypt hosted talks with Oman and Yemen .
HOSTED_WITH = ([
    ("Egypt", 1, "nsubj", "PROPN"), ("hosted", 1, "ROOT", "VERB", "host"), ("talks", 1, "dobj", "NOUN", "talk"),
    ("with", 2, "prep", "ADP"), ("Oman", 3, "pobj", "PROPN"), ("and", 4, "cc", "CCONJ"),
    ("Yemen", 4, "conj", "PROPN"), (".", 1, "punct", "PUNCT"),
], [(0, 1, "GPE", "egypt"), (4, 5, "GPE", "oman"), (6, 7, "GPE", "yemen")])

# The two sides met under the mediation of Qatar .
SIDES_MET = ([
    ("The", 2, "det", "DET"), ("two", 2, "nummod", "NUM"), ("sides", 3, "nsubj", "NOUN", "side"),
    ("met", 3, "ROOT", "VERB", "meet"), ("under", 3, "prep", "ADP"), ("the", 6, "det", "DET"),
    ("mediation", 4, "pobj", "NOUN"), ("of", 6, "prep", "ADP"), ("Qatar", 7, "pobj", "PROPN"),
    (".", 3, "punct", "PUNCT"),
], [(8, 9, "GPE", "qatar")])


def test_the_two_sides_under_a_mediation_are_the_parties_coordinated_before(gaz, lex):
    assert mediated(sentences(SIGNED_TRUCE, SIDES_MET), gaz, lex) == TALKS_PARTIES
    # the sides are who acted or dealt together, not the last list named ("talks with Oman and Yemen")
    assert mediated(sentences(SIGNED_TRUCE, HOSTED_WITH, SIDES_MET), gaz, lex) == TALKS_PARTIES
    # "two sides" with no parties before them stand for nobody
    assert mediated(sentences(SIDES_MET), gaz, lex) == set()
    # the sides are the parties for every rule: they met each other
    found = {(a.subject.text, a.predicate, a.object.text, a.rule)
             for a in assertions(sentences(SIGNED_TRUCE, SIDES_MET), gaz, lex) if a.sentence.start > 0}
    assert ("Sudan", "meets_with", "Chad", "svo+coordination") in found


# Qatar facilitated trade between Sudan and Chad .
FACILITATED_TRADE = ([
    ("Qatar", 1, "nsubj", "PROPN"), ("facilitated", 1, "ROOT", "VERB", "facilitate"), ("trade", 1, "dobj", "NOUN"),
    ("between", 2, "prep", "ADP"), ("Sudan", 3, "pobj", "PROPN"), ("and", 4, "cc", "CCONJ"), ("Chad", 4, "conj", "PROPN"),
    (".", 1, "punct", "PUNCT"),
], [(0, 1, "GPE", "qatar"), (4, 5, "GPE", "sudan"), (6, 7, "GPE", "chad")])


def test_only_talks_a_deal_or_a_meeting_are_mediated(gaz, lex):
    assert mediated(sentences(FACILITATED_TRADE), gaz, lex) == set()
