"""Statement dates: the sentence's time expression (hand-built Docs) resolved against the article's date."""

import pytest

from kg.dates import anchored, statement_date
from tests.conftest import assertions, make_doc


@pytest.mark.parametrize("text, article, modality, expected", [
    ("December 17", "2022-01-10", "asserted", "2021-12-17"),  # no year: the last December 17
    ("December 17", "2022-01-10", "planned", "2022-12-17"),  # ... or the next, for a plan
    ("last week", "2022-01-10", "asserted", "2022-01-03"),
    ("yesterday", "2022-01-10", "asserted", "2022-01-09"),
    ("Friday", "2019-08-02", "asserted", "2019-08-02"),  # Friday's paper: that day
    ("Thursday", "2019-08-02", "asserted", "2019-08-01"),
    ("Thursday", "2019-08-02", "planned", "2019-08-08"),
    ("last Friday", "2019-08-02", "asserted", "2019-07-26"),
    ("next Friday", "2019-08-02", "asserted", "2019-08-09"),
    ("Aug. 2, 2019", "2022-01-10", "asserted", "2019-08-02"),
    ("in 2019", "2022-01-10", "asserted", "2019-01-01"),  # a year alone: its first day
    ("March 2021", "2022-01-10", "asserted", "2021-03-01"),
    ("30 years", "2022-01-10", "asserted", "2022-01-10"),  # a duration: the article's date
    ("the 1990s", "2022-01-10", "asserted", "2022-01-10"),
    ("decades", "2022-01-10", "asserted", "2022-01-10"),
    ("", "2022-01-10", "asserted", "2022-01-10"),
    ("last week", "", "asserted", ""),  # nothing to count back from
    ("December 17", "", "asserted", ""),
    ("17 December 2021", "", "asserted", "2021-12-17"),  # states its year: usable without one
])
def test_statement_date(text, article, modality, expected):
    assert statement_date(text, article, modality) == expected


def test_anchored_needs_a_calendar_point():
    assert anchored("on Tuesday") and anchored("two days ago") and anchored("Sept. 3")
    assert not anchored("30 years") and not anchored("decades") and not anchored("the 1990s")


def _withdrawal(gaz, lex, date_words: list[tuple], ents: list[tuple]):
    # The United States withdrew from the 1987 treaty <date words> .
    rows = [("The", 2, "det", "DET"), ("United", 2, "compound", "PROPN"), ("States", 3, "nsubj", "PROPN"),
            ("withdrew", 3, "ROOT", "VERB", "withdraw"), ("from", 3, "prep", "ADP"), ("the", 7, "det", "DET"),
            ("1987", 7, "nummod", "NUM"), ("INF", 8, "compound", "PROPN"), ("Treaty", 4, "pobj", "PROPN")]
    doc = make_doc(rows + date_words + [(".", 3, "punct", "PUNCT")],
                   ents=[(1, 3, "GPE", "united_states"), (6, 7, "DATE"), (7, 9, "LAW", "inf_treaty"), *ents])
    return [a for a in assertions(doc, gaz, lex) if a.predicate == "withdraws_from"]


def test_time_expression_on_the_verb_dates_the_event(gaz, lex):
    found = [a for a in _withdrawal(gaz, lex, [("on", 3, "prep", "ADP"), ("Friday", 9, "pobj", "PROPN")], [(10, 11, "DATE")])]
    assert found and {a.date_text for a in found} == {"Friday"}
    found = [a for a in _withdrawal(gaz, lex, [("last", 10, "amod", "ADJ"), ("week", 3, "npadvmod", "NOUN")],
                                    [(9, 11, "DATE")])]
    assert found and {a.date_text for a in found} == {"last week"}


def test_date_inside_a_noun_phrase_dates_the_thing_not_the_event(gaz, lex):
    found = _withdrawal(gaz, lex, [], [])
    assert found and {a.date_text for a in found} == {""}  # "the 1987 treaty" is not when it withdrew
