"""Across articles (hand-built extractions, no model): nodes merge when normalised names agree and
nothing contradicts, never on a bare surname; every name keeps the documents it came from."""

from dataclasses import replace

import pytest

from kg.cards import NotInGraph, entity_card, find_entity
from kg.records import Assertion, Document, Extraction, Mention, Sentence
from kg.report import entity_card_text
from kg.resolve import DocumentResolver, resolve
from kg.store import GraphStore


def _extraction(doc_id, text, pairs):
    """One document whose sentence relates each (subject, object) pair of (surface, type[, key]) spans."""
    def mention(surface, kind, key=""):
        start = text.index(surface)
        return Mention(surface, start, start + len(surface), kind, key)

    sentence = Sentence(doc_id, text, 0, len(text))
    assertions = [Assertion(mention(*s), "meets_with", mention(*o), sentence, "svo") for s, o in pairs]
    mentions = tuple(m for a in assertions for m in (a.subject, a.object))
    return Extraction(Document(doc_id, text, date="2016-11-10"), tuple(assertions), mentions)


ARTICLES = [
    ("d1", "Paul D. Ryan met Moon Jae-in.", [(("Paul D. Ryan", "Person"), ("Moon Jae", "Person"))]),
    ("d2", "Paul Ryan met Kim and Jordan Peterson.", [(("Paul Ryan", "Person"), ("Kim", "Person")),
                                                      (("Paul Ryan", "Person"), ("Jordan Peterson", "Person"))]),
    ("d3", "Ryan met Kim.", [(("Ryan", "Person"), ("Kim", "Person"))]),
    ("d4", "Jordan met Jordan Peterson in Jordan.", [(("Jordan Peterson", "Person"), ("Jordan", "Country", "jordan"))]),
]


def test_names_that_agree_merge_and_lone_names_stay_in_their_article(tmp_path, gaz):
    results = [resolve(_extraction(*article), gaz) for article in ARTICLES]
    ids = [{e.id for e in r.entities} for r in results]
    assert "paul_ryan" in ids[0] and "paul_ryan" in ids[1]  # "Paul D. Ryan" and "Paul Ryan": one node
    assert ids[1] & ids[2] == set()  # "Ryan" and "Kim" alone are nobody beyond their article
    assert {"ryan_in_d3", "kim_in_d3"} == ids[2] and "kim_in_d2" in ids[1]
    with GraphStore.create_or_open(tmp_path) as store:
        for result in results:
            store.add_document(result)
    with GraphStore.open(tmp_path) as store:
        card = entity_card(store, "paul_ryan")
    assert dict(card.named_in) == {"Paul D. Ryan": ("d1",), "Paul Ryan": ("d2",)}
    text = entity_card_text(card)
    assert "  named as  Paul D. Ryan  (1 document: d1)\n            Paul Ryan  (1 document: d2)" in text
    with GraphStore.open(tmp_path) as store:
        assert find_entity(store, "Peterson") == "jordan_peterson"  # a person by surname
        assert find_entity(store, "kim_in_d2") == "kim_in_d2"
        with pytest.raises(NotInGraph, match=r"'Ryan' names 2 entities: paul_ryan \(Paul D. Ryan, Person\); "
                                             r"ryan_in_d3 \(Ryan, Person\); give the id"):
            find_entity(store, "Ryan")
        card = entity_card(store, "paul_ryan", limit=1)
    assert len(card.outgoing) == 1 and card.outgoing_total == 3  # Moon Jae-in, Kim (of d2), Jordan Peterson
    assert "outgoing (1 of 3, the best supported):" in entity_card_text(card)


def test_a_person_named_like_a_country_is_not_the_country(gaz):
    text = "Chad met Chad Smith."
    extraction = _extraction("d5", text, [(("Chad Smith", "Person"), ("Chad", "Country", "chad"))])
    person = Mention("Ivory Coast", 0, 11, "Person")  # a person by that name: not the country whose id it slugs to
    country = replace(gaz.entities["cote_d_ivoire"], id="ivory_coast")
    named = replace(gaz, entities=gaz.entities | {"ivory_coast": country})
    resolver = DocumentResolver(named, (person,), "Ivory Coast spoke.", doc_id="d6")
    assert resolver.entity(person).id == "ivory_coast_person"
    assert {e.id for e in resolve(extraction, gaz).entities} == {"chad_smith", "chad"}


def test_cli_show_by_surname_lists_candidates_and_limits_edges(tmp_path, gaz):
    import json

    from typer.testing import CliRunner

    from kg.cli import app

    with GraphStore.create_or_open(tmp_path) as store:
        for article in ARTICLES:
            store.add_document(resolve(_extraction(*article), gaz))
    runner = CliRunner()
    several = runner.invoke(app, ["show", "Ryan", "-g", str(tmp_path)])
    assert several.exit_code == 2 and several.stdout == "" and several.stderr.count("\n") == 1
    assert several.stderr.startswith("kg: error: 'Ryan' names 2 entities: paul_ryan (Paul D. Ryan, Person)")
    card = runner.invoke(app, ["show", "Peterson", "-g", str(tmp_path), "--limit", "1", "--format", "json"])
    assert card.exit_code == 0 and json.loads(card.stdout)["id"] == "jordan_peterson"
    why = runner.invoke(app, ["explain", "Paul Ryan", "meets_with", "Peterson", "-g", str(tmp_path)])
    assert why.exit_code == 0 and why.stdout.startswith("(paul_ryan, meets_with, jordan_peterson): 1 statement")
    assert runner.invoke(app, ["show", "paul_ryan", "-g", str(tmp_path), "--limit", "0"]).exit_code == 2


def test_a_person_is_found_by_a_surname_with_its_particles(tmp_path, gaz):
    article = ("d5", "Herman Van Rompuy met Angela Merkel.",
               [(("Herman Van Rompuy", "Person"), ("Angela Merkel", "Person"))])
    with GraphStore.create_or_open(tmp_path) as store:
        store.add_document(resolve(_extraction(*article), gaz))
    with GraphStore.open(tmp_path) as store:
        for name in ("Van Rompuy", "van rompuy", "Rompuy"):
            assert find_entity(store, name) == "herman_van_rompuy"
        with pytest.raises(NotInGraph, match="^no entity 'Putin' in "):
            find_entity(store, "Putin")


def test_the_state_of_a_post_no_title_names_is_the_known_persons_if_the_article_names_it(gaz):
    from kg.records import STATE_OF_HOLDER

    text = "President Francois Hollande spoke in France."
    sentence = Sentence("d6", text, 0, len(text))
    hollande = Mention("Francois Hollande", 10, 27, "Person")
    post = Mention("President", 0, 9, "Country")
    france = Mention("France", 38, 44, "Country", "france")
    stated = Assertion(hollande, "leader_of", post, sentence, STATE_OF_HOLDER)
    named = resolve(Extraction(Document("d6", text, date="2016-07-15"), (stated,), (hollande, france)), gaz)
    assert [(s.subject.id, s.assertion.predicate, s.object.id) for s in named.statements] == [
        ("francois_hollande", "leader_of", "france")]
    assert "President" not in next(e for e in named.entities if e.id == "france").aliases
    # an article that names no France leaves the post unplaced: no statement
    alone = resolve(Extraction(Document("d7", text, date="2016-07-15"), (stated,), (hollande,)), gaz)
    assert alone.statements == ()


def test_a_described_person_belongs_to_its_article(gaz):
    spokesman = Mention("Kremlin spokesman", 0, 17, "Person", "", label="Kremlin spokesman")
    first = DocumentResolver(gaz, (spokesman,), "Kremlin spokesman", doc_id="a").entity(spokesman)
    second = DocumentResolver(gaz, (spokesman,), "Kremlin spokesman", doc_id="b").entity(spokesman)
    assert first.id != second.id and first.label == "Kremlin spokesman" and first.type == "Person"
