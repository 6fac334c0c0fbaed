"""Resolve stage: mentions -> canonical entities (no model)."""

from kg.knowledge import KnownActors
from kg.records import Mention
from kg.resolve import DocumentResolver

NO_KNOWN_ACTORS = KnownActors({}, {}, {})


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


def _mentions(text, spans):
    """Mentions of (surface, type[, key]) found in order in `text`."""
    found, at = [], 0
    for surface, kind, *key in spans:
        start = text.index(surface, at)
        found.append(Mention(surface, start, start + len(surface), kind, *key))
        at = start + 1
    return tuple(found)


def _ids(gaz, text, spans, actors=NO_KNOWN_ACTORS, date=""):
    mentions = _mentions(text, spans)
    resolver = DocumentResolver(gaz, mentions, text, date, actors=actors)
    return [resolver.entity(m).id for m in mentions], resolver


def test_one_person_by_full_name_surname_first_name_and_title(gaz):
    text = ("Kim Jong Un met President Moon Jae-in. Kim said Moon Jae agreed, and Moon smiled. "
            "Barack Obama and Michelle Obama came; the Obamas left and Obama spoke, Michelle too. "
            "Prime Minister Abe Shinzo met Paul D. Ryan. Shinzo Abe and Paul Ryan talked; Abe and Ryan agreed. "
            "Herman Van Rompuy was there, and Van Rompuy met James Mattis. Jim Mattis left; Jim and Mattis smiled.")
    ids, _ = _ids(gaz, text, [
        ("Kim Jong Un", "Person"), ("Moon Jae", "Person"), ("Kim", "Person"), ("Moon Jae", "Person"),
        ("Moon", "Organization"), ("Barack Obama", "Person"), ("Michelle Obama", "Person"), ("Obamas", "Person"),
        ("Obama", "Person"), ("Michelle", "Place"), ("Prime Minister Abe Shinzo", "Person"), ("Paul D. Ryan", "Person"),
        ("Shinzo Abe", "Person"), ("Paul Ryan", "Person"), ("Abe", "Organization"), ("Ryan", "Person"),
        ("Herman Van Rompuy", "Person"), ("Van Rompuy", "Person"), ("James Mattis", "Person"),
        ("Jim Mattis", "Person"), ("Jim", "Person"), ("Mattis", "Person")])
    assert ids == ["kim_jong_un", "moon_jae_in", "kim_jong_un", "moon_jae_in", "moon_jae_in",
                   "barack_obama", "michelle_obama", "barack_obama", "barack_obama", "michelle_obama",
                   "abe_shinzo", "paul_ryan", "abe_shinzo", "paul_ryan", "abe_shinzo", "paul_ryan",
                   "herman_van_rompuy", "herman_van_rompuy"] + ["james_mattis"] * 4


def test_a_person_keeps_every_surface_form_and_the_fullest_label(gaz):
    text = "Moon praised Kim. Kim Jong Un answered."
    ids, resolver = _ids(gaz, text, [("Kim", "Person"), ("Kim Jong Un", "Person")])
    kim = next(e for e in resolver.entities() if e.id == "kim_jong_un")
    assert ids == ["kim_jong_un"] * 2 and kim.label == "Kim Jong Un" and {"Kim", "Kim Jong Un"} <= kim.aliases


def test_a_caption_before_a_name_joins_it_but_does_not_label_it(gaz):
    text = "Donald Trump spoke. STREET BEATING Donald Trump walks."
    ids, resolver = _ids(gaz, text, [("Donald Trump", "Person"), ("STREET BEATING Donald Trump", "Person")])
    assert ids == ["donald_trump"] * 2 and resolver.entities()[0].label == "Donald Trump"


def test_ambiguous_first_name_stays_apart(gaz):
    text = "John Kerry met John Tefft. John left."
    ids, _ = _ids(gaz, text, [("John Kerry", "Person"), ("John Tefft", "Person"), ("John", "Person")])
    assert ids == ["john_kerry", "john_tefft", "john"]


def test_a_mislabelled_name_is_a_person_when_its_surname_is_one(gaz):
    text = "Mallam Garba Shehu said so. Shehu added more."
    ids, resolver = _ids(gaz, text, [("Mallam Garba Shehu", "Organization"), ("Shehu", "Person")])
    assert ids == ["garba_shehu"] * 2 and {e.type for e in resolver.entities()} == {"Person"}


def test_acronym_after_a_name_in_brackets_or_by_its_initials(gaz):
    text = ("The Intergovernmental Authority on Development (IGAD) met. IGAD said the International Committee "
            "of the Red Cross helped; the ICRC agreed. BFM-TV and BFMTV reported.")
    ids, _ = _ids(gaz, text, [
        ("Intergovernmental Authority on Development", "Organization"), ("IGAD", "Organization"),
        ("IGAD", "Organization"), ("International Committee of the Red Cross", "Organization"),
        ("ICRC", "Organization"), ("BFM-TV", "Organization"), ("BFMTV", "Organization")])
    assert ids == ["intergovernmental_authority_on_development"] * 3 + [
        "international_committee_of_the_red_cross"] * 2 + ["bfm_tv"] * 2


def test_acronym_of_a_gazetteer_name_is_that_entity(gaz):
    text = "The Organization for Security and Co-operation in Europe said the OSCE will help."
    ids, _ = _ids(gaz, text, [("Organization for Security and Co-operation in Europe", "InternationalOrganization",
                               "osce"), ("OSCE", "Organization")])  # the acronym as the NER alone tagged it
    assert ids == ["osce", "osce"]


def test_a_ministry_named_three_ways_is_one_body_of_its_country(gaz):
    text = ("China's foreign ministry spoke. The Chinese Foreign Ministry agreed. The Foreign Ministry of China "
            "added more. The Ministry of Foreign Affairs of the People's Republic of China too. China's Defense "
            "Ministry and the Ministry of Defence of Japan objected. The foreign "
            "ministry left.")
    ids, resolver = _ids(gaz, text, [
        ("China's foreign ministry", "GovernmentBody", "china_ministry"),
        ("Chinese Foreign Ministry", "GovernmentBody", "china_foreign_ministry"),
        ("Foreign Ministry of", "Organization"), ("China", "Country", "china"),
        ("Ministry of Foreign Affairs of the People's Republic of China", "Organization"),
        ("China's Defense Ministry", "GovernmentBody", "china_ministry"),
        ("Ministry of Defence of Japan", "Organization"), ("foreign ministry", "Organization")])
    assert ids == ["china_foreign_ministry"] * 3 + ["china", "china_foreign_ministry", "china_defense_ministry",
                                                    "japan_defense_ministry",
                                                    "china_foreign_ministry"]
    assert {e.type for e in resolver.entities() if e.id.endswith("ministry")} == {"GovernmentBody"}


def test_nationality_word_tagged_alone_is_its_country(gaz):
    text = "Zimbabwean officials and S. Korean envoys met."
    ids, _ = _ids(gaz, text, [("Zimbabwean", "Group"), ("S. Korean", "Group")])
    assert ids == ["zimbabwe", "south_korea"]


KNOWN = KnownActors.from_rows([
    ("vladimir_putin", "Vladimir Putin", "Person", "russia", "RUSGOV:1999-12-31/2008-05-07|RUSGOV:2012-05-07/",
     "vladimir putin|vladimir vladimirovich putin", "putin"),
    ("george_bush", "George Bush", "Person", "united_states", "USAGOV:1989-01-20/1993-01-20", "george bush", "bush"),
    ("george_w_bush", "George W. Bush", "Person", "united_states", "USAGOV:2001-01-20/2009-01-20", "george bush",
     "bush"),
    ("kim_jong_il", "Kim Jong Il", "Person", "north_korea", "PRKGOV:1994-07-08/2011-12-17", "kim jong il", "kim"),
    ("kim_dae_jung", "Kim Dae Jung", "Person", "south_korea", "KORGOV:1998-02-25/2003-02-24", "kim dae jung", "kim"),
    ("boko_haram", "Boko Haram", "Group", "nigeria", "NGAREB:/", "boko haram", ""),
    ("mohammad_zarif_khonsari", "Mohammad Zarif Khonsari", "Person", "iran", "IRNGOV:2013-08-15/",
     "mohammad zarif khonsari|mohammad javad zarif", "khonsari|zarif"),
    ("herman_van_rompuy", "Herman Van Rompuy", "Person", "belgium", "BELGOV:2008-12-31/", "herman van rompuy",
     "rompuy|van rompuy"),
])


def test_a_variant_of_a_known_name_links_and_a_middle_name_joins_it(gaz):
    text = "Foreign Minister Javad Zarif spoke; Javad smiled and Zarif left."
    ids, _ = _ids(gaz, text, [("Javad Zarif", "Person"), ("Javad", "Person"), ("Zarif", "Person")], KNOWN)
    assert ids == ["mohammad_zarif_khonsari"] * 3


def test_a_compound_surname_alone_links_and_stays_in_its_article_otherwise(gaz):
    text = "Council President Van Rompuy said so."
    assert _ids(gaz, text, [("Van Rompuy", "Person")], KNOWN)[0] == ["herman_van_rompuy"]
    mentions = _mentions(text, [("Van Rompuy", "Person")])
    resolver = DocumentResolver(gaz, mentions, text, actors=NO_KNOWN_ACTORS, doc_id="d9")
    assert resolver.entity(mentions[0]).id == "van_rompuy_in_d9"


def test_a_name_cut_after_a_particle_gets_its_last_word_back(gaz):
    text = "Ursula von der Leyen spoke."
    ids, resolver = _ids(gaz, text, [("Ursula von der", "Person")])
    assert ids == ["ursula_von_der_leyen"] and resolver.entities()[0].label == "Ursula von der Leyen"


def test_putin_president_putin_and_vladimir_v_putin_are_one_known_person(gaz):
    text = "President Putin spoke. Vladimir V. Putin left."
    ids, _ = _ids(gaz, text, [("President Putin", "Person"), ("Vladimir V. Putin", "Person")], KNOWN)
    assert ids == ["vladimir_putin"] * 2
    ids, resolver = _ids(gaz, "Putin spoke in Moscow.", [("Putin", "Person"), ("Moscow", "Place")], KNOWN)
    assert ids[0] == "vladimir_putin" and resolver.entities()[0].label == "Vladimir Putin"
    # a bare surname links only to someone of a country the article names
    assert _ids(gaz, "Putin spoke in Paris.", [("Putin", "Person"), ("Paris", "Place")], KNOWN)[0][0] == "putin"


def test_namesakes_are_told_apart_by_the_article_date(gaz):
    text = "George Bush spoke. Bush left."
    spans = [("George Bush", "Person"), ("Bush", "Person")]
    assert _ids(gaz, text, spans, KNOWN, "1990-05-01")[0] == ["george_bush"] * 2
    assert _ids(gaz, text, spans, KNOWN, "2005-05-01")[0] == ["george_w_bush"] * 2


def test_bare_surname_links_only_to_one_candidate(gaz):
    assert _ids(gaz, "Kim spoke.", [("Kim", "Person")], KNOWN)[0] == ["kim"]  # two known Kims
    text = "North Korea said Kim spoke."  # the article's country leaves one
    assert _ids(gaz, text, [("North Korea", "Country", "north_korea"), ("Kim", "Person")], KNOWN)[0][1] == "kim_jong_il"


def test_known_armed_group_whatever_the_ner_type(gaz):
    ids, resolver = _ids(gaz, "Boko Haram attacked.", [("Boko Haram", "Person")], KNOWN)
    assert ids == ["boko_haram"] and resolver.entities()[0].type == "Group"


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


def test_a_group_described_in_lower_case_is_the_one_named_before_with_its_noun(gaz):
    text = "Chibok girls were freed; the freed girls met Osinbajo; Russian troops and Ukrainian troops fought."
    spans = ["Chibok girls", "freed girls", "Russian troops", "Ukrainian troops"]
    mentions = [Mention(w, text.index(w), text.index(w) + len(w), "Group", label=w) for w in spans]
    resolver = DocumentResolver(gaz, (), text, actors=NO_KNOWN_ACTORS, doc_id="d9")
    ids = [resolver.entity(m).id for m in mentions]
    assert ids == ["chibok_girls_in_d9", "chibok_girls_in_d9", "russian_troops_in_d9", "ukrainian_troops_in_d9"]
    # "the troops" after two groups of troops is neither
    troops = Mention("troops", len(text) - 7, len(text) - 1, "Group", label="troops")
    assert resolver.entity(troops).id == "troops_in_d9"
