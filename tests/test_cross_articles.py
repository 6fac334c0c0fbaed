"""Across articles (hand-built extractions, no model): nodes merge when normalised names agree and
nothing contradicts, never on a bare surname; every name keeps the documents it came from."""

from dataclasses import replace

from kg.cards import entity_card
from kg.report import entity_card_text
from kg.records import Assertion, Document, Extraction, Mention, Sentence
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
    ("d2", "Paul Ryan met Kim.", [(("Paul Ryan", "Person"), ("Kim", "Person"))]),
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
    assert "  named as  Paul D. Ryan  (1 document: d1)\n            Paul Ryan  (1 document: d2)" in entity_card_text(card)


def test_a_person_named_like_a_country_is_not_the_country(gaz):
    text = "Chad met Chad Smith."
    extraction = _extraction("d5", text, [(("Chad Smith", "Person"), ("Chad", "Country", "chad"))])
    person = Mention("Ivory Coast", 0, 11, "Person")  # a person by that name: not the country whose id it slugs to
    country = replace(gaz.entities["cote_d_ivoire"], id="ivory_coast")
    named = replace(gaz, entities=gaz.entities | {"ivory_coast": country})
    assert DocumentResolver(named, (person,), "Ivory Coast spoke.", doc_id="d6").entity(person).id == "ivory_coast_person"
    assert {e.id for e in resolve(extraction, gaz).entities} == {"chad_smith", "chad"}
