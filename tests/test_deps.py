"""The dependency labels of the extraction rules: one table (kg/extract/deps.py), checked against the parser."""

import re
from pathlib import Path

import pytest
import spacy

from kg.extract import deps
from kg.settings import DEFAULT_MODEL

KG = Path(__file__).parent.parent / "kg"
# a label written as a string where a token's dependency is compared: `t.dep_ == "nsubj"`, `dep_ in {"amod", ...}`
_LOOSE = re.compile(r"""\bdep_\s*(?:==|!=|(?:not\s+)?in)\s*[{(\[]?\s*["']""")


@pytest.mark.model
def test_the_parser_has_every_label_the_rules_read():
    parser_labels = set(spacy.load(DEFAULT_MODEL).get_pipe("parser").labels)
    missing = deps.LABELS - parser_labels
    assert deps.LABELS and not missing, sorted(missing)


def test_the_table_names_each_label_once():
    names = [name for name in vars(deps) if name.isupper() and name != "LABELS"]
    assert len(deps.LABELS) == len(names) and all(getattr(deps, name) == name.lower() for name in names)


def test_no_rule_compares_a_dependency_with_a_string_of_its_own():
    loose = [f"{path.relative_to(KG.parent)}:{number}: {line.strip()}"
             for path in sorted(KG.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if _LOOSE.search(line)]
    assert not loose, "compare with kg.extract.deps constants:\n" + "\n".join(loose)


def test_every_object_slot_of_a_trigger_names_a_label_of_the_table(lex):
    # rules.slot_tokens compares a slot's kind with the dependency: a misspelt kind would never match
    triggers = [*lex.verbs.values(), *lex.nouns.values()]
    kinds = {slot.partition(":")[0] for trigger in triggers for slot in trigger.object_slots}
    assert {"dobj", "prep"} <= kinds and kinds <= deps.LABELS, sorted(kinds - deps.LABELS)
