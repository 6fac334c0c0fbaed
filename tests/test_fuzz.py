"""Random Unicode through ingest and extraction: whatever comes in, no exception escapes."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import Problem, read_bytes
from kg.records import Document

# Text with the characters news scrapers meet: any script, punctuation, controls, newlines.
texts = st.text(st.characters(codec="utf-8"), max_size=400)
wordy = st.lists(st.one_of(texts, st.sampled_from(
    ["Russia", "NATO", "the United States", "said", "on Friday", "Mr. Antonov", "\n\n", ".", "(AP) -", "date 2022-01-01\n"])),
    max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(data=st.one_of(st.binary(max_size=600), texts.map(str.encode), wordy.map(str.encode)), jsonl=st.booleans())
def test_ingest_turns_any_bytes_into_documents_or_problems(data, jsonl):
    for item in read_bytes(data, "fuzz", jsonl=jsonl):
        assert isinstance(item, (Document, Problem))


@pytest.mark.slow
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(texts, wordy))
def test_extraction_survives_any_text(text):
    from kg.analyse import Pipeline
    from kg.settings import Settings

    for result in Pipeline.load(Settings()).analyse([Document(id="fuzz", text=text)]):
        for statement in result.statements:
            a = statement.assertion
            assert text[a.subject.start:a.subject.end] == a.subject.text or a.subject.type == "Issue"
