"""Resolve stage: mentions -> canonical entities (no model)."""

from kg.records import Mention
from kg.resolve import DocumentResolver


def test_capital_acts_for_its_country_but_stays_a_city_as_a_place(gaz):
    resolver = DocumentResolver(gaz, ())
    moscow = Mention("Moscow", 0, 6, "Place")
    assert resolver.entity(moscow, as_actor=True).id == "russia"
    city = resolver.entity(moscow, as_actor=False)
    assert (city.id, city.type) == ("moscow", "City")
    assert gaz.entities["russia"].qid == "Q159" and ("iso3", "RUS") in gaz.entities["russia"].codes


def test_seat_of_government_and_aliases_share_one_node(gaz):
    resolver = DocumentResolver(gaz, ())
    ids = {resolver.entity(Mention(text, 0, 1, "Country", key)).id
           for text, key in [("US", "united_states"), ("U.S.", "united_states"), ("America", "united_states"),
                             ("the White House", "white_house")]}
    assert ids == {"united_states"}
    assert {"US", "U.S.", "America"} <= next(e for e in resolver.entities() if e.id == "united_states").aliases


def test_surname_and_pronoun_resolve_to_the_full_name(gaz):
    full = Mention("Anatoly Antonov", 0, 15, "Person")
    resolver = DocumentResolver(gaz, (full,))
    surname = Mention("Antonov", 30, 37, "Organization")  # the small model often mislabels a lone surname
    pronoun = Mention("he", 40, 42, "Person", refers_to=Mention("Mr. Antonov", 20, 31, "Person"))
    assert {resolver.entity(m).id for m in (full, surname, pronoun)} == {"anatoly_antonov"}
    assert "he" not in next(iter(resolver.entities())).aliases


def test_shared_seat_acts_for_the_actor_named_nearest_before_it(gaz):
    nato, eu = Mention("NATO", 0, 4, "InternationalOrganization", "nato"), \
        Mention("EU", 50, 52, "InternationalOrganization", "european_union")
    brussels_early = Mention("Brussels", 30, 38, "City", "brussels")
    brussels_late = Mention("Brussels", 80, 88, "City", "brussels")
    resolver = DocumentResolver(gaz, (nato, brussels_early, eu, brussels_late))
    assert resolver.entity(brussels_early).id == "nato"
    assert resolver.entity(brussels_late).id == "european_union"
    assert resolver.entity(brussels_late, as_actor=False).id == "brussels"


def test_shared_seat_without_its_actors_named_acts_for_its_country(gaz):
    first = Mention("Brussels", 0, 8, "City", "brussels")
    assert DocumentResolver(gaz, (first, Mention("EU", 40, 42, "InternationalOrganization", "european_union"))
                            ).entity(first).id == "european_union"  # named after it: still the EU
    assert DocumentResolver(gaz, (first,)).entity(first).id == "belgium"


def test_a_capital_stays_a_city_when_it_is_the_capital_of_its_country(gaz):
    from kg.records import Assertion, Document, Extraction, Sentence
    from kg.resolve import resolve

    moscow, russia = Mention("Moscow", 0, 6, "Place", "moscow"), Mention("Russia", 26, 32, "Country", "russia")
    sentence = Sentence("d", "Moscow, the capital of Russia", 0, 32)
    extraction = Extraction(Document("d", sentence.text), (Assertion(moscow, "capital_of", russia, sentence, "capital"),),
                            (moscow, russia))
    [statement] = resolve(extraction, gaz).statements
    assert (statement.subject.id, statement.object.id) == ("moscow", "russia")


def test_one_fact_said_twice_in_a_sentence_is_one_statement(gaz):
    # "Sergei Lavrov met Moon, and Lavrov ...": both surface forms of one person meet one actor in one sentence
    from kg.records import Assertion, Document, Extraction, Sentence
    from kg.resolve import resolve

    full, short = Mention("Sergei Lavrov", 0, 13, "Person"), Mention("Lavrov", 32, 38, "Person")
    moon = Mention("Moon Jae-in", 18, 29, "Person")
    sentence = Sentence("d", "Sergei Lavrov met Moon Jae-in , and Lavrov", 0, 42)
    extraction = Extraction(Document("d", sentence.text),
                            tuple(Assertion(who, "meets_with", moon, sentence, "svo") for who in (full, short)),
                            (full, moon, short))
    [statement] = resolve(extraction, gaz).statements
    assert statement.assertion.subject.text == "Sergei Lavrov"
