"""Evaluation harness and `kg extract`: scoring rules (no model) and the CLI on our own gold fixtures."""

import json

import pytest

from kg.evaluate import Argument, GoldError, Triple, names_match, read_gold, score
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


def test_eval_cli_json_has_the_documented_shape():
    result = kg("eval", GOLD, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"precision", "recall", "f1", "per_relation"} <= set(data) and data["scheme"] == "conll04"
    assert set(data["per_relation"]) == {"Work_For", "Located_In", "OrgBased_In", "Live_In", "Kill"}
    assert set(data["per_relation"]["Kill"]) >= {"precision", "recall", "f1", "support"}
    assert data["support"] == 6 and data["recall"] >= 0.5 and data["precision"] >= 0.6


def test_eval_cli_table_lists_errors_with_sentences():
    result = kg("eval", GOLD, "--errors", "--scheme", "conll04")
    assert result.exit_code == 0 and "micro" in result.stdout
    assert "misses (" in result.stdout and "false positives (" in result.stdout


def test_eval_seed_rows_against_example_articles():
    result = kg("eval", SEEDS, "--docs", EXAMPLES, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["must"] == {"found": 2, "total": 2}
    assert data["should"] == {"found": 1, "total": 2}  # Russia deploys_to Europe is not in the text
    assert data["forbid"] == {"respected": 2, "total": 2}  # "He said" is Lavrov's; Washington acts as the US


def test_eval_errors_are_one_line():
    result = kg("eval", SEEDS)
    assert result.exit_code == 2 and "--docs" in result.stderr and "Traceback" not in result.stderr
    result = kg("eval", GOLD, "--scheme", "nope")
    assert result.exit_code == 2 and "unknown scheme 'nope'" in result.stderr


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


def test_extract_reports_unreadable_input_and_keeps_going(tmp_path):
    (tmp_path / "good.txt").write_text("NATO criticized Russia.\n")
    (tmp_path / "empty.txt").write_text("")
    result = kg("extract", tmp_path)
    assert result.exit_code == 1 and "empty.txt" in result.stderr
    assert len(result.stdout.splitlines()) == 1
