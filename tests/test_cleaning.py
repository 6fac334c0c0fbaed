"""Article cleaning: typography, headline, lines, page furniture and datelines (invented examples)."""

import pytest

from kg.cleaning import clean_article, normalise_characters
from kg.knowledge import KnowledgeError, cleaning_rules
from kg.knowledge.ingest import _compile


def body(raw: str, title: str = "") -> list[str]:
    return clean_article(raw, title)[0].split("\n\n")


# ---- typography ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw, clean", [
    ("Park \u00adGeun-hye met Moon", "Park Geun-hye met Moon"),
    ("Likud\u2019s call", "Likud's call"),
    ("Xi\u2018s visit", "Xi's visit"),
    ("Morsi\u200b sentenced", "Morsi sentenced"),
    ("high\u2011level talks", "high-level talks"),
    ("In 2005\u201a she won", "In 2005, she won"),
    ("what he does\u201a\u201d she said", "what he does,\u201d she said"),
    ("10\u00a0km\u202fwide", "10 km wide"),
])
def test_typography_is_normalised(raw, clean):
    assert normalise_characters(raw) == clean


def test_labels_come_from_normalised_text():
    [paragraph] = body("Park \u00adGeun-hye\u2019s aide met the Likud\u2019s leader on Monday.")
    assert paragraph == "Park Geun-hye's aide met the Likud's leader on Monday."


# ---- headline -----------------------------------------------------------------------------

def test_headline_that_the_text_repeats_is_removed_once():
    text, title, _ = clean_article("Envoys Meet In Vienna Over Talks\n\nEnvoys Meet In Vienna Over Talks\n\n"
                                   "The envoys met on Monday.")
    assert (text, title) == ("The envoys met on Monday.", "Envoys Meet In Vienna Over Talks")


def test_a_headline_written_as_a_sentence_is_read_as_the_first_paragraph():
    from kg.ingest import make_document

    story = "Leaders condemn attack in Lyon\n\nLeaders condemn attack in Lyon\n\nDozens were hurt on Friday."
    document = make_document(story, "t.txt")
    assert (document.title, document.text) == ("Leaders condemn attack in Lyon",
                                               "Leaders condemn attack in Lyon\n\nDozens were hurt on Friday.")
    # one in Title Case is not read: the parser misreads it
    assert make_document("Envoys Meet In Vienna Over Talks\n\nThe envoys met on Monday.", "t.txt").text == \
        "The envoys met on Monday."
    # a title given beside the text counts the same; kept exactly with clean=False
    assert make_document("Dozens were hurt.", "t.jsonl:1", title="Leaders condemn attack in Lyon").text == \
        "Leaders condemn attack in Lyon\n\nDozens were hurt."
    assert make_document("Dozens were hurt.", "t", title="Leaders condemn attack", clean=False).text == "Dozens were hurt."


def test_given_title_repeated_at_the_start_of_the_text_is_cut_off_the_first_sentence():
    assert body("Leaders Condemn Attack In Lyon, France Dozens of people were hurt on Friday.",
                title="Leaders Condemn Attack In Lyon, France") == ["Dozens of people were hurt on Friday."]
    assert body("Leaders condemn attack in Lyon, France\nDozens of people were hurt on Friday.",
                title="Leaders condemn attack in Lyon, France") == ["Dozens of people were hurt on Friday."]


def test_a_sentence_that_only_begins_like_the_title_is_kept():
    assert body("Russia warns NATO over drills near the border, officials said.",
                title="Russia warns NATO") == ["Russia warns NATO over drills near the border, officials said."]


def test_headline_on_the_line_before_the_text_is_the_title():
    text, title, _ = clean_article("Rebels and government sign truce\nThe rebels signed a truce on Sunday.\n"
                                   "Fighting stopped at once.")
    assert title == "Rebels and government sign truce"
    assert text == "The rebels signed a truce on Sunday. Fighting stopped at once."


# ---- lines --------------------------------------------------------------------------------

def test_a_line_without_final_punctuation_is_not_glued_to_the_next():
    assert body("The talks ended on Monday.\nTalks resume in March\nThe envoys left Geneva.") == [
        "The talks ended on Monday.", "The envoys left Geneva."]
    assert body("The summit opened.\nTrade ministers arrive for the summit in a long convoy of official cars\n"
                "The ministers of Chile and Peru signed the accord.") == [
        "The summit opened.", "Trade ministers arrive for the summit in a long convoy of official cars",
        "The ministers of Chile and Peru signed the accord."]


def test_a_line_that_continues_a_sentence_is_joined():
    assert body("The minister said the\nagreement holds.") == ["The minister said the agreement holds."]
    assert body("Chile, Peru,\nBolivia and Ecuador met.") == ["Chile, Peru, Bolivia and Ecuador met."]
    assert body("The long-stand-\ning dispute ended.") == ["The long-stand- ing dispute ended."]


WRAPPED = """The foreign ministers of Chile and Peru met on Monday in Lima with their
Bolivian counterpart to discuss the long dispute over access to the sea,
which both governments described as the main obstacle to closer trade.
Officials said the talks would resume in March after a review by the
United Nations of the maritime boundary drawn by the court in The Hague."""


def test_hard_wrapped_text_is_rejoined_even_before_a_capital():
    assert body(WRAPPED) == [" ".join(WRAPPED.split())]


# ---- furniture ----------------------------------------------------------------------------

# each line is page furniture, dropped whole
FURNITURE = [
    "Image copyright Jane Roe", "Image caption Leaders arrive in Rome", "Photo: Jane Roe/AP",
    "Jane Roe/AP Jane Roe/AP", "Andrew Doe / Reuters", "AFP/Getty Images", "Photo by Jane Roe/EPA", "Reuters",
    "AP Photo", "12 show all Scenes of a Long War",
    "By Jane Roe and John Doe, Staff Correspondents", "By JANE ROE | Daily News", "JOHN DOE | Daily Mail Online",
    "Reporting by Jane Roe in Lima; Editing by John Doe",
    "02:39", "Thursday 10 November 2016 15:34 GMT", "Updated 3 hours ago", "Leaders meet in Rome2:41",
    "Replay", "More Videos ...", "Story highlights", "Media playback is unsupported on your device",
    "Read more: Leaders meet in Rome", "See also Leaders meet in Rome", "Related Coverage", "MOST READ IN NEWS",
    "Sign up for our daily newsletter", "The Morning Brief newsletter", "Enter your email address",
    "Share this article", "Facebook Twitter WhatsApp Email", "Previous Next", "Advertisement",
    "Story continues below", "Editor: Jane Roe", "Our Standards: The Trust Principles.",
    "Daily Wire's John Doe contributed to this report.", "These are external links and will open in a new window",
    "Reuse this content", "Share or comment on this article:", "Comments (12)", "Follow us on Twitter",
    "Like this story? Share it with a friend!", "Click here to get the app",
    "\u00a9 2017 Daily Wire Inc. All Rights Reserved. This material may not be published.",
    "When you subscribe we will use the information you provide to send you these newsletters.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_line_is_dropped(line):
    assert body(f"The envoys met on Monday.\n\n{line}\n\nThey agreed on a date.") == [
        "The envoys met on Monday.", "They agreed on a date."]


# (text, what is left of it): furniture cut out of a line, which is broken where it stood
CUTS = [
    ("Envoys meet as talks resume in the Swiss city for the third time MOSCOW (Reuters) - Russia said the talks "
     "would resume.", ["Envoys meet as talks resume in the Swiss city for the third time",
                       "Russia said the talks would resume."]),
    ("Experts read the leaders' body language in a difficult photo call with the press Click to share on Twitter "
     "(Opens in new window) The leaders met on Monday.",
     ["Experts read the leaders' body language in a difficult photo call with the press",
      "The leaders met on Monday."]),
    ("The leaders met. (Opens in new window)", ["The leaders met."]),
    ("Enlarge this image toggle caption Jane Roe/AP Jane Roe/AP", [""]),
    ("We welcome the release. \u2014 Jane Roe (@janeroe) March 3, 2020", ["We welcome the release."]),
    ("We welcome the release. pic.twitter.com/AbC123", ["We welcome the release."]),
    ("See the statement at https://example.org/a/b today.", ["See the statement at today."]),
    ("JUST WATCHED Leaders meet in Rome Replay More Videos ... MUST WATCH Leaders meet in Rome 02:39 "
     "Rescuers searched the ruins.", ["Rescuers searched the ruins."]),
    ("Rescuers search the ruins of the old town after the earthquake of Monday night Replay More Videos ... "
     "Rescuers searched the ruins.",
     ["Rescuers search the ruins of the old town after the earthquake of Monday night", "Rescuers searched the ruins."]),
    ("02:39 Rescuers searched the ruins.", ["Rescuers searched the ruins."]),
    ("They met. related stories TRADE WAR Chile slams Peru over tariffs FISH FIGHT Peru bans boats "
     "\"We will talk again,\" he said.", ["They met.", "\"We will talk again,\" he said."]),
    ("They met. RELATED ARTICLES Previous 1 Next Chile slams Peru Share this article Share 12 shares "
     "The talks resume in March.", ["They met.", "The talks resume in March."]),
    ("They met. MOST READ Peru bans boats", ["They met."]),
    ("The talks resume in March. Reporting by Jane Roe; Editing by John Doe", ["The talks resume in March."]),
    ("By Jane Roe, Daily Wire Updated 0452 GMT (1252 HKT) July 15, 2016 The talks resumed.",
     ["The talks resumed."]),
    ("3/12 2009 Refugees wait at the border. (Kabul, May 2, 2009) All photos Jane Roe",
     ["Refugees wait at the border. (Kabul, May 2, 2009)"]),
    ("Leaders of seven countries pose on the steps of the old palace in Rome before the summit Jane Roe / Reuters", ["Leaders of seven countries pose on the steps of the old palace in Rome before the summit"]),
    ("Leaders pose in Rome. (Jane Roe/The Daily Post)", ["Leaders pose in Rome."]),
    ("Leaders pose in Rome. REUTERS/Jane Roe/File Photo", ["Leaders pose in Rome."]),
    ("Leaders pose in Rome. Photograph: Jane Roe/AP", ["Leaders pose in Rome."]),
    ("Leaders pose in Rome. Reuters", ["Leaders pose in Rome."]),
    ("FILE PHOTO: Leaders pose in Rome. Slideshow (3 Images)", ["Leaders pose in Rome."]),
    ("Leaders pose in Rome. Credit Jane Roe for The Daily Post", ["Leaders pose in Rome."]),
    ("Media playback is unsupported on your device Media caption Jane Roe: \"We came to sign\"", []),
    ("Published: 10:33 BST, 3 March 2020 | Updated: 11:02 BST, 3 March 2020", []),
    ("Leaders of seven countries pose on the steps of the old palace in Rome before the summit \u00a9Jane Roe (AFP/File)", ["Leaders of seven countries pose on the steps of the old palace in Rome before the summit"]),
]


@pytest.mark.parametrize("text, left", CUTS)
def test_furniture_is_cut_out_of_a_line(text, left):
    assert body(f"The summit opened.\n\n{text}") == ["The summit opened.", *filter(None, left)]


def test_caption_gallery_is_broken_at_each_picture_count_and_loses_its_credits():
    text = ("The leaders met in Rome. EPA 12 Leaders of seven countries pose on the steps of the old palace "
            "before the summit AP:Associated Press 12 Crowds wait outside Reuters 12 The talks lasted two hours. "
            "Getty Images 12 A guard salutes")
    # a short caption without a full stop, before a sentence or at the end, is dropped as a heading
    assert body(text) == ["The leaders met in Rome.",
                          "Leaders of seven countries pose on the steps of the old palace before the summit",
                          "The talks lasted two hours."]


def test_a_number_said_twice_is_no_gallery():
    text = "Article 5 The treaty binds. Article 5 Nobody denies it."
    assert body(text) == [text]


# ---- datelines ----------------------------------------------------------------------------

DATELINES = [
    "KYIV, Ukraine, May 2. / Wire /.", "WASHINGTON, Aug 2 /Staff/", "MOSCOW (Reuters) -",
    "UNITED NATIONS, Sept. 15 (Xinhua) --", "GENEVA (Wire Service) -", "CAIRO --", "ADDIS ABABA -",
    "WASHINGTON, Aug. 2 \u2014", "NEW DELHI:", "Seoul, South Korea (CNN)", "Beijing, Jan. 5 (Xinhua) --",
    "Sofia March 5 (ITAR-TASS) --",
    "(CNN)", "(QHA) -", "Reuters -", "January 23, 2014 (ADDIS ABABA) \u2013",
]


@pytest.mark.parametrize("dateline", DATELINES)
def test_dateline_city_and_agency_are_removed(dateline):
    assert body(f"Headline\n\n{dateline} The envoys met on Monday.") == ["The envoys met on Monday."]


@pytest.mark.parametrize("text", [
    "NATO and Russia met in Vienna on Monday.", "Russia (the host) opened the talks.",
    "US officials said the talks would resume.", "By Monday, the talks had failed.",
])
def test_sentence_openings_are_no_datelines(text):
    assert body(text) == [text]


# ---- prose survives -------------------------------------------------------------------------

PROSE = [
    "The ministers of Chile and Peru signed the accord in Lima on Monday.",
    "Share prices fell 3% in Tokyo after the announcement.",
    "Reporting by state media said the talks would resume in March.",
    "Related talks were held in Geneva on Tuesday.",
    "Photo opportunities were limited, officials said.",
    "The vote, at 10:30 GMT, passed by 12 votes to 3.",
    "Subscribers to the newsletter of the ministry were told on Monday.",
    "Credit Suisse said it would freeze the accounts.", "Follow-up talks are due in March.",
    "Like us, the Germans opposed the plan.", "Follow us, the protesters chanted outside the embassy.",
    "Copyright law was not discussed, the minister said.",
    "By 2020, the two countries had signed 12 agreements.",
    "\"We will not sign,\" the minister said on March 3, 2020.",
    "Leaders condemned the attack (which killed 12) in a joint statement.",
]


def test_prose_lines_are_kept_as_written():
    assert body("\n\n".join(PROSE)) == PROSE


def test_every_pattern_has_an_example_here():
    rules = cleaning_rules()
    texts = [text for text, _ in CUTS]
    datelines = [f"{d} The envoys met." for d in DATELINES]
    assert [p.pattern for p in rules.furniture if not any(p.fullmatch(line) for line in FURNITURE)] == []
    assert [p.pattern for p in rules.cuts if not any(p.search(text) for text in texts)] == []
    assert [p.pattern for p in rules.datelines if not any(p.match(text) for text in datelines)] == []


def test_a_bad_pattern_or_fragment_is_a_knowledge_error():
    with pytest.raises(KnowledgeError, match="bad pattern"):
        _compile("(unclosed", {})
    with pytest.raises(KnowledgeError, match="unknown fragment"):
        _compile("{nowhere}", {})


def test_jsonl_title_repeated_in_the_text_never_reaches_the_first_sentence(tmp_path):
    from kg.ingest import read_inputs

    path = tmp_path / "news.jsonl"
    path.write_text('{"id": "a", "title": "Leaders Condemn Attack In Lyon, France", '
                    '"text": "Leaders Condemn Attack In Lyon, France\\nThe president of Chile condemned the attack."}\n')
    [document] = read_inputs([str(path)])
    assert (document.title, document.text) == ("Leaders Condemn Attack In Lyon, France",
                                               "The president of Chile condemned the attack.")
