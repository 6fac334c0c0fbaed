"""Evaluation harness and `kg extract`: scoring rules (no model) and the CLI on our own gold fixtures."""

import json

import pytest

from kg.evaluate import Argument, GoldError, Triple, read_gold, score
from kg.evaluate_articles import names_match
from kg.records import Entity
from tests.conftest import EXAMPLES, FIXTURES
from tests.test_cli import kg

GOLD = FIXTURES / "eval" / "relations.jsonl"
SEEDS = FIXTURES / "eval" / "seeds.jsonl"


def arg(start, end, text="x"):
    return Argument(text, ((start, end),))


def test_score_counts_overlapping_spans_and_label_separately():
    gold = [Triple("r", "Kill", arg(0, 10), arg(20, 30), "s"), Triple("r", "Live_In", arg(0, 10), arg(40, 45), "s")]
    predicted = [Triple("r", "Kill", arg(5, 10), arg(25, 28), "s", "svo", "kills"),  # overlaps: found
                 Triple("r", "Live_In", arg(40, 45), arg(0, 10), "s", "svo", "located_in"),  # wrong order
                 Triple("r", "Live_In", arg(40, 45), arg(0, 10), "s", "svo", "x", symmetric=True)]  # either order
    report = score(gold, predicted, ["Kill", "Live_In"], "conll04")
    kill, live = report.per_label
    assert (kill.support, kill.found, kill.predicted, kill.correct) == (1, 1, 1, 1)
    assert (live.support, live.found, live.predicted, live.correct) == (1, 1, 2, 1)
    micro = report.micro
    assert micro.precision == pytest.approx(2 / 3) and micro.recall == 1.0 and micro.f1 == pytest.approx(0.8)
    assert [p.predicate for p in report.false_positives] == ["located_in"] and report.misses == ()


def test_names_match_labels_aliases_and_issue_descriptions():
    us = Entity("united_states", "United States", "Country", aliases=frozenset({"US"}))
    assert names_match("the United States", us, "US") and names_match("US", us, "America")
    assert not names_match("Russia", us, "US")
    issue = Entity("draft_agreements", "draft agreements on security guarantees", "Issue")
    assert names_match("draft agreements on security guarantees", issue, "drafts")
    assert names_match("draft agreements", issue, "")  # one description contains the other
    assert not names_match("NATO expansion", issue, "")


def test_read_gold_refuses_bad_files(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\nnot json\n')
    with pytest.raises(GoldError, match="bad.jsonl:2: malformed JSON"):
        read_gold(bad)
    with pytest.raises(GoldError, match="cannot read gold file"):
        read_gold(tmp_path / "missing.jsonl")


@pytest.mark.model
def test_eval_cli_json_has_the_documented_shape():
    result = kg("eval", GOLD, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"precision", "recall", "f1", "per_relation"} <= set(data) and data["scheme"] == "conll04"
    assert set(data["per_relation"]) == {"Work_For", "Located_In", "OrgBased_In", "Live_In", "Kill"}
    assert set(data["per_relation"]["Kill"]) >= {"precision", "recall", "f1", "support"}
    assert data["support"] == 6 and data["recall"] >= 0.5 and data["precision"] >= 0.6


@pytest.mark.model
def test_eval_cli_table_lists_errors_with_sentences():
    result = kg("eval", GOLD, "--errors", "--scheme", "conll04")
    assert result.exit_code == 0 and "micro" in result.stdout
    assert "misses (" in result.stdout and "false positives (" in result.stdout


@pytest.mark.model
def test_eval_seed_rows_against_example_articles():
    result = kg("eval", SEEDS, "--docs", EXAMPLES, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["must"] == {"found": 2, "total": 2}
    assert data["should"] == {"found": 1, "total": 2}  # Russia deploys_to Europe is not in the text
    assert data["forbid"] == {"respected": 2, "total": 2}  # "He said" is Lavrov's; Washington acts as the US


@pytest.mark.model
def test_eval_errors_are_one_line():
    result = kg("eval", SEEDS)
    assert result.exit_code == 2 and "--docs" in result.stderr and "Traceback" not in result.stderr
    result = kg("eval", GOLD, "--scheme", "nope")
    assert result.exit_code == 2 and "unknown scheme 'nope'" in result.stderr


@pytest.mark.model
def test_extract_prints_statements_with_spans_into_the_record_text(tmp_path):
    record = {"id": "note-7", "text": "Russian Foreign Minister Sergei Lavrov criticized the United States. "
                                      "He said the alliance was a threat."}
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\n")
    result = kg("extract", source, "--raw")
    assert result.exit_code == 0, result.stderr
    [out] = [json.loads(line) for line in result.stdout.splitlines()]
    assert out["id"] == "note-7" and out["text"] == record["text"]
    found = {(s["subject"]["label"], s["predicate"], s["object"]["label"]) for s in out["statements"]}
    assert ("Sergei Lavrov", "criticizes", "United States") in found
    assert ("Sergei Lavrov", "minister_of", "Russia") in found
    for s in out["statements"]:
        for side in ("subject", "object"):
            assert record["text"][s[side]["start"]:s[side]["end"]] == s[side]["text"]
        assert {"polarity", "modality", "rule", "attributed_to", "truthy", "sentence"} <= set(s)


@pytest.mark.model
def test_extract_reports_unreadable_input_and_keeps_going(tmp_path):
    (tmp_path / "good.txt").write_text("NATO criticized Russia.\n")
    (tmp_path / "empty.txt").write_text("")
    result = kg("extract", tmp_path)
    assert result.exit_code == 1 and "empty.txt" in result.stderr
    assert len(result.stdout.splitlines()) == 1


# ---- article-level gold: fact rows judged on plain edges, entity rows on nodes ----------------------

from kg.evaluate_articles import article_gold, normalise, score_article  # noqa: E402
from kg.records import Assertion, Document, DocumentResult, Mention, ResolvedAssertion, Sentence  # noqa: E402

_ROWS = [
    {"doc": "a.txt", "level": "entity", "label": "Kim Jong Un", "type": "Person", "aliases": ["Kim Jong Un", "Kim"]},
    {"doc": "a.txt", "level": "entity", "label": "North Korea", "type": "Country", "aliases": ["North Korea", "Pyongyang"]},
    {"doc": "a.txt", "level": "entity", "label": "South Korea", "type": "Country", "aliases": ["South Korea", "Seoul"]},
    {"doc": "a.txt", "level": "must", "subject": "Kim Jong Un", "relation": ["leader_of"], "object": "North Korea"},
    {"doc": "a.txt", "level": "should", "subject": "North Korea", "relation": ["meets_with"], "object": "South Korea"},
    {"doc": "a.txt", "level": "forbid", "subject": "North Korea", "relation": ["attacks"], "object": "South Korea"},
]


def _statement(subject: Entity, predicate: str, obj: Entity, modality="asserted", surface=None) -> ResolvedAssertion:
    sentence = Sentence("a", "a sentence", 0, 10)
    assertion = Assertion(Mention(surface or subject.label, 0, 1, subject.type), predicate,
                          Mention(obj.label, 2, 3, obj.type), sentence, "svo", modality=modality)
    return ResolvedAssertion(assertion, subject, obj, None, "")


def _symmetric(predicate):
    return predicate == "meets_with"


def test_article_score_counts_plain_edges_rows_duplicates_and_junk():
    kim = Entity("kim_jong_un", "Kim Jong Un", "Person")
    kim_again = Entity("kim", "Kim", "Person")  # the same man as a second node: a duplicate
    north, south = Entity("north_korea", "North Korea", "Country"), Entity("south_korea", "South Korea", "Country")
    president = Entity("president", "President", "Person")  # a title alone: junk
    statements = (
        _statement(kim, "leader_of", north),  # the must row
        _statement(south, "meets_with", north),  # the should row, told the other way round (symmetric)
        _statement(north, "attacks", south),  # forbidden
        _statement(north, "attacks", south, modality="conditional"),  # not a plain edge: judged on nothing
        _statement(kim_again, "criticizes", president),  # a false edge
    )
    result = DocumentResult(Document("a", "text", source="a.txt"), statements,
                            (kim, kim_again, north, south, president))
    gold = article_gold(_ROWS)["a.txt"]
    scored = score_article(gold, result, _symmetric)
    assert [o.ok for o in scored.outcomes] == [True, True, False]
    assert [(e.predicate, e.correct) for e in scored.edges] == [
        ("leader_of", True), ("meets_with", True), ("attacks", False), ("criticizes", False)]
    assert [(label, [e.id for e in nodes]) for label, nodes in scored.duplicates] == [
        ("Kim Jong Un", ["kim_jong_un", "kim"])]
    assert [e.id for e in scored.junk] == ["president"] and scored.found_entities == 3 and scored.nodes == 5


def test_normalise_ignores_typography_that_labels_should_not_carry():
    assert normalise("the Likud’s") == normalise("Likud") == "likud"
    assert normalise("high - level talks") == normalise("high-level talks")
    assert normalise("Park \u00adGeun-hye") == normalise("Park Geun-hye")


@pytest.mark.model
def test_eval_exhaustive_article_gold_reports_precision_recall_duplicates_and_junk():
    result = kg("eval", FIXTURES / "eval" / "treaty.exhaustive.jsonl", "--docs", EXAMPLES, "--format", "json")
    assert result.exit_code == 0, result.stderr
    overall = json.loads(result.stdout)["overall"]
    assert set(overall) >= {"precision", "must_recall", "should_recall", "forbid_violated", "duplicate_rate",
                            "junk_rate", "plain_edges", "nodes"}
    assert overall["must"]["total"] == 7 and overall["must"]["found"] >= 5
    assert overall["precision"] >= 0.8 and overall["forbid_violated"] == 0
    table = kg("eval", FIXTURES / "eval" / "treaty.exhaustive.jsonl", "--docs", EXAMPLES, "--errors")
    assert table.exit_code == 0 and "precision" in table.stdout and "false plain edges (" in table.stdout
    assert "duplicates (" in table.stdout and "junk nodes (" in table.stdout


def test_an_issue_node_is_the_gold_issue_or_treaty_its_description_names():
    rows = [{"doc": "a.txt", "level": "entity", "label": "Cessation of Hostilities Agreement", "type": "Treaty",
             "aliases": ["ceasefire deal"]},
            {"doc": "a.txt", "level": "entity", "label": "NATO expansion", "type": "Issue", "aliases": []}]
    gold = article_gold(rows)["a.txt"]
    assert [g.label for g in gold.identity(Entity("ceasefire", "ceasefire", "Issue"))] == [
        "Cessation of Hostilities Agreement"]
    assert [g.label for g in gold.identity(Entity("expansion_of_nato", "NATO expansion plans", "Issue"))] == [
        "NATO expansion"]
    # a named thing is matched by its names only
    assert gold.identity(Entity("ceasefire", "ceasefire", "Organization")) == ()
