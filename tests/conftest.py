"""Shared fixtures: hand-built spaCy Docs (no model) and one example graph built per session."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.knowledge import gazetteer, lexicon

pytest.register_assert_rewrite("tests.endpoints")  # its checks report like the tests' own asserts

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"


_VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, is_title), no model


def make_doc(tokens: list[tuple], ents: list[tuple] = ()) -> Doc:
    """Doc from rows (word, head index, dep, pos[, lemma]) and ents (start, end, label[, id[, kb_id]])."""
    words = [t[0] for t in tokens]
    doc = Doc(_VOCAB, words=words, heads=[t[1] for t in tokens], deps=[t[2] for t in tokens],
              pos=[t[3] for t in tokens], lemmas=[t[4] if len(t) > 4 else t[0].lower() for t in tokens])
    doc.ents = [Span(doc, e[0], e[1], label=e[2], span_id=e[3] if len(e) > 3 else "",
                     kb_id=e[4] if len(e) > 4 else "") for e in ents]
    return doc


def assertions(doc: Doc, gaz, lex):
    """Everything the extraction stage finds in a hand-built Doc."""
    from kg.extract import extract_doc
    from kg.records import Document

    return extract_doc(doc, Document(id="t", text=doc.text), gaz, lex).assertions


@pytest.fixture(scope="session")
def gaz():
    return gazetteer()


@pytest.fixture(scope="session")
def lex():
    return lexicon()


@pytest.fixture(scope="session")
def example_graph(tmp_path_factory) -> Path:
    """The example articles built once into a temporary folder (needs the spaCy model)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("graph")
    report = build([str(EXAMPLES)], out)
    assert report.documents_added >= 5 and not report.problems
    return out
