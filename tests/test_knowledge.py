"""Schema checks for the data files under ontologies/."""

import importlib
import tomllib
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.knowledge import (
    KnowledgeError,
    KnownActors,
    data_path,
    gazetteer,
    label_mapping,
    lexicon,
    namespaces,
    vocabulary,
)
from kg.nlp import SPACY_LABELS


def test_ontology_declares_every_relation_with_label_domain_range():
    graph = Graph().parse(data_path("geopolitics.ttl"))
    relations = vocabulary()
    assert {"ambassador_to", "represents", "withdraws_from", "opposes", "meets_with"} <= set(relations)
    geo = namespaces().prefixes()["geo"]
    for name in relations:
        for prop in (RDFS.label, RDFS.comment, RDFS.domain, RDFS.range):
            assert len(list(graph.objects(URIRef(geo + name), prop))) == 1, (name, prop)
    assert all(r.kind in {"role", "interaction"} for r in relations.values())
    assert all(r.plover for r in relations.values() if r.kind == "interaction" and r.name not in
               {"proposes", "seeks_membership_of", "seeks_to_admit"})


def test_lexicon_maps_only_to_declared_relations():
    lex, relations = lexicon(), vocabulary()
    for trigger in [*lex.verbs.values(), *lex.nouns.values()]:
        assert trigger.predicate in relations, trigger
        for slot in trigger.object_slots:
            kind, _, word = slot.partition(":")
            assert kind in {"dobj", "prep", "dative", "attr"} and (kind != "prep" or word), slot
    for role in lex.titles.values():
        assert role.affiliation in relations and role.target in relations, role
    assert set(lex.modality) == {"planned", "intended", "demanded", "hypothetical"}


def _ontology_classes() -> set[str]:
    graph = Graph().parse(data_path("geopolitics.ttl"))
    geo = namespaces().prefixes()["geo"]
    return {str(c)[len(geo):] for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(geo)}


def test_lexicon_file_has_no_unknown_sections_and_every_value_is_known():
    with data_path("lexicon.toml").open("rb") as handle:
        data = tomllib.load(handle)
    assert set(data) == {"light_verbs", "speech_verbs", "modality", "ner_types", "institutions", "verbs", "nouns",
                         "issue_predicates", "vague_nouns", "predicative_verbs", "predicative_nouns",
                         "definite_descriptions", "person_pronouns", "nominalizations", "date_deixis",
                         "seat_nouns", "culpability_verbs", "home_nouns", "proxy_nouns", "doubt_verbs",
                         "actor_judging", "state_body_words", "hedges", "decision_verbs",
                         "membership_nouns", "object_control_verbs", "group_nouns",
                         "self_standing_groups", "organisation_nouns", "quantifiers", "stance_prefixes",
                         "loyalty_adjectives", "co_agent_markers", "place_nouns", "member_nouns",
                         "thing_pronouns", "expletive_verbs", "past_post_words", "local_post_words",
                         "conflict_nouns", "first_person_pronouns", "statement_nouns", "adjectives", "process_nouns",
                         "mediation_verbs", "mediation_nouns", "side_nouns",
                         "presence_verbs", "backing_participles",
                         "owner_participles", "joint_adjectives", "joint_nouns",
                         "appointment_verbs", "tie_nouns", "tie_verbs"}
    relations, classes = vocabulary(), _ontology_classes()
    for spec in [*data["verbs"].values(), *data["nouns"].values(), *data["adjectives"].values()]:
        assert set(spec) <= {"predicate", "object", "subject", "subject_types", "object_types", "otherwise",
                             "mutual", "by_slot"}, spec
        assert spec.get("subject", "agent") in {"agent", "patient"}, spec
        assert set(spec.get("subject_types", ())) | set(spec.get("object_types", ())) <= classes, spec
        assert spec.get("otherwise", "") in {"", *relations}, spec
    assert set(data["issue_predicates"]) <= set(relations) and set(data["actor_judging"]) <= set(relations)
    assert set(data["predicative_nouns"].values()) <= set(relations)
    assert {c for kinds in data["definite_descriptions"].values() for c in kinds} <= classes
    assert set(data["ner_types"].values()) <= classes
    assert all(isinstance(noun, str) and " " not in noun for noun in data["nominalizations"].values()
               if noun != "sanctions")
    words = [w for group in (data["light_verbs"], data["speech_verbs"], data["vague_nouns"],
                             data["predicative_verbs"], data["person_pronouns"], data["seat_nouns"],
                             data["culpability_verbs"], data["home_nouns"], data["proxy_nouns"],
                             data["doubt_verbs"], data["state_body_words"], data["hedges"],
                             data["decision_verbs"]) for w in group]
    assert all(w == w.lower() and w.strip() == w for w in words)


def test_titles_file_groups_are_well_formed_and_no_title_is_in_two_groups():
    with data_path("titles.toml").open("rb") as handle:
        data = tomllib.load(handle)
    relations, seen = vocabulary(), {}
    for group, spec in data.items():
        assert set(spec) <= {"words", "affiliation", "target", "affiliates", "home", "serves_persons",
                             "state_posts"}, group
        assert isinstance(spec.get("home", True), bool), group
        assert spec["affiliation"] in relations and spec.get("target", spec["affiliation"]) in relations, group
        assert set(spec.get("affiliates", [])) <= set(SPACY_LABELS.values()), group
        for words in spec["words"]:
            assert words == words.lower() and words not in seen, (group, words, seen.get(words))
            seen[words] = group


def test_label_mapping_uses_ontology_relations_and_classes():
    classes = _ontology_classes()
    for labels in label_mapping().values():
        for label in labels.values():
            assert label.predicates <= set(vocabulary())
            assert label.subject_types <= classes and label.object_types <= classes, label


def test_a_mapping_with_an_unknown_relation_is_refused(tmp_path):
    bad = tmp_path / "m.toml"
    bad.write_text('[conll04.Kill]\npredicates = ["murders"]\n')
    with pytest.raises(KnowledgeError, match="unknown: murders"):
        label_mapping(bad)


def test_gazetteer_types_are_ontology_classes_and_links_resolve():
    gaz = gazetteer()
    graph = Graph().parse(data_path("geopolitics.ttl"))
    geo = namespaces().prefixes()["geo"]
    classes = {str(c)[len(geo):] for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(geo)}
    assert {e.type for e in gaz.entities.values()} <= classes
    assert set(SPACY_LABELS) - {"Demonym"} <= classes
    assert all(target in gaz.entities for targets in gaz.stands_for.values() for target in targets)
    assert all(country in gaz.entities for country in gaz.demonyms.values())
    assert gaz.entities["russia"].qid == "Q159" and ("iso3", "RUS") in gaz.entities["russia"].codes
    assert "U.S." in gaz.entities["united_states"].aliases


def test_user_gazetteer_extends_and_overrides(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("id\tlabel\ttype\taliases\tqid\n"
                     "wagner\tWagner Group\tOrganization\tPMC Wagner\t\n"
                     "russia\tRussian Federation\tCountry\tRF\t\n")
    gaz = gazetteer((extra,))
    assert gaz.entities["wagner"].aliases == frozenset({"PMC Wagner"})
    assert gaz.entities["russia"].label == "Russian Federation"
    assert {"RF", "Russia"} <= gaz.entities["russia"].aliases and gaz.entities["russia"].qid == "Q159"


def test_malformed_user_gazetteer_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("name,kind\nx,y\n")
    with pytest.raises(KnowledgeError, match="columns id, label, type"):
        gazetteer((bad,))


def test_state_names_are_linked_not_matched_and_user_rows_override_states(tmp_path):
    gaz = gazetteer()
    forms = {text for text, _, key in gaz.patterns() if key == "us_virginia"}
    assert forms == {"Va."} and gaz.named_places["Virginia"].id == "us_virginia"
    # a name that holds another pattern is one, or "New Jersey" would be the island of Jersey
    assert ("New Jersey", "Place", "us_new_jersey") in gaz.patterns()
    extra = tmp_path / "mine.tsv"
    extra.write_text("id\tlabel\ttype\taliases\nus_virginia\tCommonwealth of Virginia\tPlace\tVirg.\n")
    mine = gazetteer((extra,))
    assert mine.entities["us_virginia"].label == "Commonwealth of Virginia"
    assert {"Va.", "Virg."} <= {text for text, _, key in mine.patterns() if key == "us_virginia"}


@pytest.mark.parametrize("row, message", [
    ("wagner\tWagner Group\tPMC\t\t", "type 'PMC' is not one of City, Country"),
    ("wagner group\tWagner Group\tOrganization\t\t", "id 'wagner group' is not a plain name"),
    ("wagner>\tWagner Group\tOrganization\t\t", "id 'wagner>' is not a plain name"),
    ('wagner\tWagner Group\tOrganization\t\tQ1"', "qid 'Q1\"' is not a Wikidata id"),
    ("wagner\t \tOrganization\t\t", "lacks id, label or type"),
    ("wagner\tWagner Group\tOrganization\t\tQ1\tnowhere land", "stands_for 'nowhere land' is not an id"),
    ("wagner\tWagner Group\tOrganization\t\tQ1\t\textra", "7 tab-separated fields, the header has 6"),
])
def test_a_bad_gazetteer_row_is_an_error_naming_the_file_and_line(tmp_path, row, message):
    bad = tmp_path / "mine.tsv"
    bad.write_text("# my entities\nid\tlabel\ttype\taliases\tqid\tstands_for\n\nok\tOk\tGroup\t\t\t\n" + row + "\n")
    with pytest.raises(KnowledgeError) as caught:
        gazetteer((bad,))
    assert str(caught.value).startswith(f"{bad}:5: {message}") and "\n" not in str(caught.value)


def test_gazetteer_types_are_the_ones_the_ruler_can_label():
    from kg.knowledge import gazetteer_types

    assert gazetteer_types() == set(SPACY_LABELS) - {"Demonym"}


def test_an_unknown_gazetteer_column_is_refused(tmp_path):
    bad = tmp_path / "mine.tsv"
    bad.write_text("id\tlabel\ttype\talias\nx\tX\tGroup\tY\n")
    with pytest.raises(KnowledgeError, match="unknown column 'alias'"):
        gazetteer((bad,))


def test_a_user_gazetteer_puts_a_body_in_its_parent_and_a_parent_it_does_not_know_is_refused(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("id\tlabel\ttype\tpart_of\nbundesrat\tBundesrat\tGovernmentBody\tgermany\n")
    assert gazetteer((mine,)).parents["bundesrat"] == "germany"
    unknown = tmp_path / "unknown.tsv"  # another file: gazetteers are cached by their paths
    unknown.write_text("id\tlabel\ttype\tpart_of\nbundesrat\tBundesrat\tGovernmentBody\tprussia\n")
    with pytest.raises(KnowledgeError, match="part_of names no entity: bundesrat -> prussia"):
        gazetteer((unknown,))


def test_gazetteer_lines_end_at_line_feeds_only(tmp_path):
    # str.splitlines would cut these names at U+2028, \x0b, \x1c, \x85 and a lone \r
    names = ["Line\u2028Sep", "Vertical\x0bTab", "File\x1cSep", "Next\x85Line", "Carriage\rReturn"]
    mine = tmp_path / "mine.tsv"
    mine.write_bytes(("id\tlabel\ttype\taliases\r\n" + "".join(
        f"n{i}\t{name}\tGroup\t{name} alias\r\n" for i, name in enumerate(names))).encode())
    gaz = gazetteer((mine,))
    assert [gaz.entities[f"n{i}"].label for i in range(len(names))] == names
    assert gaz.entities["n0"].aliases == frozenset({"Line\u2028Sep alias"})


def test_a_gazetteer_that_never_ends_a_line_is_refused_without_reading_it_whole():
    with pytest.raises(KnowledgeError, match=r"^/dev/zero:1: a line longer than 1,048,576 characters$"):
        gazetteer((Path("/dev/zero"),))


def test_lexicon_fields_come_from_the_files_structure_and_strays_are_named():
    from kg.knowledge.lexicon import read_keys

    with data_path("lexicon.toml").open("rb") as handle:
        data = tomllib.load(handle)
    values = read_keys(data)
    assert values["hedges"] == frozenset(data["hedges"])
    assert values["nominalizations"] == data["nominalizations"]
    assert values["definite_descriptions"]["alliance"] == frozenset(data["definite_descriptions"]["alliance"])
    with pytest.raises(KnowledgeError, match="^lexicon.toml: unknown key 'hegdes'"):
        read_keys(data | {"hegdes": ["so-called"]})
    with pytest.raises(KnowledgeError, match="^lexicon.toml: key 'hedges' is missing$"):
        read_keys({key: value for key, value in data.items() if key != "hedges"})
    with pytest.raises(KnowledgeError, match="^lexicon.toml: key 'ner_types' is missing$"):
        read_keys({key: value for key, value in data.items() if key != "ner_types"})
    with pytest.raises(KnowledgeError, match="^lexicon.toml: 'hedges' is not a list of words$"):
        read_keys(data | {"hedges": "so-called"})
    with pytest.raises(KnowledgeError, match=r"^lexicon.toml: nominalizations.expand is not a word$"):
        read_keys(data | {"nominalizations": {"expand": ["expansion"]}})
    with pytest.raises(KnowledgeError, match=r"^lexicon.toml: verbs.sign: unknown key 'predicat'"):
        read_keys(data | {"verbs": {"sign": {"predicat": "signs"}}})
    with pytest.raises(KnowledgeError, match=r"^lexicon.toml: verbs.sign: key 'predicate' is missing$"):
        read_keys(data | {"verbs": {"sign": {"object": ["dobj"]}}})
    with pytest.raises(KnowledgeError, match=r"^lexicon.toml: 'verbs.fire.by_slot' is not a table$"):
        read_keys(data | {"verbs": {"fire": {"predicate": "attacks", "by_slot": "prep:over"}}})
    with pytest.raises(KnowledgeError, match=r"^lexicon.toml: verbs.fight: 'mutual' is true or false$"):
        read_keys(data | {"verbs": {"fight": {"predicate": "attacks", "mutual": "yes"}}})


def test_a_known_actors_role_without_dates_is_undated_not_a_crash():
    # roles are code:start/end; a hand-written "code" or "code:start" leaves the missing dates open
    actors = KnownActors.from_rows([("x", "X", "Person", "russia", "RUSGOV|RUSELI:2000-01-01", "x", "x")])
    actor = actors.actor("x")
    assert actor.roles == (("RUSGOV", "", ""), ("RUSELI", "2000-01-01", ""))
    assert actor.active("2010-01-01") and not actor.active("1990-01-01")


def test_a_state_post_must_be_one_of_its_titles_words(monkeypatch):
    titles_module = importlib.import_module("kg.knowledge.titles")  # kg.knowledge.titles is also the function
    monkeypatch.setattr(titles_module, "read_toml", lambda name: {
        "president": {"words": ["president"], "affiliation": "leader_of", "state_posts": ["presidnet"]}})
    titles_module.titles.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match=r"\[president\] state_posts 'presidnet'"):
            titles_module.titles()
    finally:
        titles_module.titles.cache_clear()
