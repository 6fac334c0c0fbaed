"""Rule priority (kg/extract/__init__.py RULES): the order is pinned, and of two rules that find the same
statement the earlier one's is kept."""

from kg import extract
from kg.extract.candidate import Candidate
from kg.extract.mentions import mention
from tests.conftest import make_doc

PRIORITY = ("title_roles", "unnamed_holders", "institution_parts", "membership_lists", "member_groups", "allegiances", "stances",
            "verb_relations", "co_agents", "ties",
            "noun_relations", "mediations", "predicative_relations", "stance_adjectives", "demanded_events", "conflicts", "places_in_places",
            "organisation_seats",
            "people_homes", "homes", "capitals", "whereabouts")


def test_the_rules_run_in_the_documented_priority():
    assert tuple(rule.__name__ for rule in extract.RULES) == PRIORITY


def test_of_two_rules_finding_one_statement_the_earlier_ones_is_kept(gaz, lex, monkeypatch):
    doc = make_doc([("Russia", 1, "nsubj", "PROPN"), ("left", 1, "ROOT", "VERB", "leave"), ("NATO", 1, "dobj", "PROPN")],
                   ents=[(0, 1, "GPE", "russia"), (2, 3, "ORG", "nato")])
    russia, nato = (mention(ent, gaz, lex) for ent in doc.ents)

    def rule(name: str, confidence: float):
        return lambda sent, gaz, lex: [Candidate(russia, "withdraws_from", nato, name, None, confidence)]

    monkeypatch.setattr(extract, "RULES", (rule("first", 0.9), rule("second", 0.5)))
    found = extract.extract_sentence(next(doc.sents), "d", gaz, lex)
    assert [(a.rule, a.confidence) for a in found] == [("first", 0.9)]
