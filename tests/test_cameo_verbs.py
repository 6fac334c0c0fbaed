"""tools/cameo_verbs.py: the CAMEO verb dictionary becomes ontologies/cameo_verbs.toml, merged under the lexicon."""

import importlib.util
import sys
import tomllib

import pytest

from kg.knowledge import lexicon, vocabulary
from kg.knowledge.files import read_toml
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("cameo_verbs", ROOT / "tools" / "cameo_verbs.py")
cameo = sys.modules["cameo_verbs"] = importlib.util.module_from_spec(_spec)  # dataclasses look their module up
_spec.loader.exec_module(cameo)

# A dictionary in PETRARCH's format: blocks of verbs with codes, irregular forms in braces, "+" phrases and
# patterns whose comment names the verb they came from.
DICTIONARY = """\
&SYNSET_BEFORE_THE_VERBS
+NOT_A_VERB

####### VERB PATTERNS #######

---  ACCUSE   [112]  ---
ACCUSE
CHARGE
INDICT  [173]  # coder's note
+BLAME_FOR {+BLAMED_FOR +BLAMES_FOR} [112]
+TAKE_LEAVE [112]
- * (OF ABUSE)                                        [1122]        # ACCUSE

---  CONSULT   [040]  ---
CONSULT
CONFER {CONFERS CONFERRED CONFERRING }
- * (WITH)                                            [046:046]     # CONFER

---  PRAISE   [051]  ---
PRAISE
HAIL
- * VICTORY                                           [051]         # PRAISE
- * ARMY                                              [051]         # PRAISE
- * LEADER                                            [051]         # PRAISE
- * FAILURE                                           [111]         # PRAISE
- * FAILURE                                           [111]         # HAIL
- * VICTORY                                           [051]         # HAIL

---  TALK   [---]  ---
TALK
- * (WITH)                                            [046]         # TALK
- * (BETWEEN)                                         [046]         # TALK
- * PEACE                                             [046]         # TALK
- * TOUGH                                             [130]         # TALK

---  PARDON   [080]  ---
PARDON

---  STATE   [010]  ---
STATE

######## TRANSFORMATIONS ##########
"""


@pytest.fixture(scope="module")
def mined():
    text = cameo.convert(DICTIONARY)
    return text, tomllib.loads(text)["verbs"]


def test_a_block_code_goes_to_its_head_and_the_verbs_coders_used_not_bulk_synonyms(mined):
    _, verbs = mined
    assert verbs["accuse"] == {"predicate": "accuses"}  # the head, with the pattern's 1122 agreeing
    assert verbs["indict"] == {"predicate": "coerces"}  # a code of its own: 173 arrest, charge
    assert "charge" not in verbs  # a synonym listed with no code and no pattern of its own


def test_verb_preposition_entries_and_bare_prepositional_patterns_are_slots(mined):
    _, verbs = mined
    assert verbs["blame"] == {"predicate": "accuses", "object": ["prep:for"]}
    # no code on its line: only its prepositions' objects ("talk tough", 130, is outvoted)
    assert verbs["talk"] == {"predicate": "negotiates_with", "object": ["prep:between", "prep:with"]}
    assert "take" not in verbs  # "+TAKE_LEAVE": a particle phrase, not a preposition's object


def test_symmetric_relations_take_their_counterpart_with_with(mined):
    _, verbs = mined
    assert verbs["consult"] == {"predicate": "meets_with", "object": ["dobj", "prep:with"]}


def test_a_verb_whose_senses_disagree_is_left_out_and_listed_unless_one_dominates(mined):
    text, verbs = mined
    assert verbs["praise"] == {"predicate": "supports"}  # 051 four times, 111 once
    assert "hail" not in verbs and "#   confer (meets_with 1, negotiates_with 1), hail (supports 2, criticizes 1)" in text
    assert "confer" not in verbs


def test_codes_with_no_fitting_predicate_and_skipped_verbs_are_left_out(mined):
    text, verbs = mined
    assert "state" not in verbs  # 010 make a statement
    assert "pardon" not in verbs and "pardon" in cameo.SKIP  # the one pardoned is not who one yields to


def test_the_output_keeps_the_mit_notice_and_names_the_cameo_codes(mined):
    text, _ = mined
    assert "# The MIT License (MIT)" in text and "# Copyright (c) 2015 Open Event Data Alliance" in text
    assert 'indict = { predicate = "coerces" }  # CAMEO 173' in text


def test_the_tool_writes_the_file_and_reports_a_missing_dictionary(tmp_path, capsys):
    source, target = tmp_path / "CAMEO.txt", tmp_path / "out" / "cameo_verbs.toml"
    source.write_text(DICTIONARY, encoding="utf-8")
    target.parent.mkdir()
    assert cameo.main([str(source), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == cameo.convert(DICTIONARY)
    assert cameo.main([str(tmp_path / "missing.txt"), "-o", str(target)]) == 2
    assert capsys.readouterr().err.startswith("cameo_verbs: error: cannot read")


@pytest.mark.skipif(not cameo.SOURCE.is_file(), reason=f"{cameo.SOURCE} is not beside the checkout")
def test_the_committed_file_is_what_the_converter_makes_of_the_dictionary():
    expected = cameo.convert(cameo.SOURCE.read_text(encoding="utf-8"))
    assert cameo.TARGET.read_text(encoding="utf-8") == expected, "re-run tools/cameo_verbs.py"


def test_every_mined_predicate_is_in_the_ontology():
    mined = read_toml("cameo_verbs.toml")["verbs"]
    assert mined and {spec["predicate"] for spec in mined.values()} <= set(vocabulary())


def test_the_lexicon_merges_mined_verbs_under_the_hand_written_ones():
    mined, hand, verbs = read_toml("cameo_verbs.toml")["verbs"], read_toml("lexicon.toml")["verbs"], lexicon().verbs
    assert mined["kill"]["predicate"] == "attacks" and verbs["kill"].predicate == "kills"  # the hand entry wins
    for lemma, spec in mined.items():
        assert verbs[lemma].predicate == (hand.get(lemma) or spec)["predicate"], lemma
