"""Shared fixtures: hand-built spaCy Docs and the example graph from hand-built statements (no model), the
example graph built with the model (tests marked `model`), and the guard that keeps the model out of the rest."""

from __future__ import annotations

import threading
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


def serve_in_thread(server) -> threading.Thread:
    """Run a socketserver's serve_forever on a daemon thread, polling often: shutdown() waits for the
    next poll, half a second by default, which each test with a server would otherwise spend."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    return thread


def make_doc(tokens: list[tuple], ents: list[tuple] = ()) -> Doc:
    """Doc from rows (word, head index, dep, pos[, lemma]) and ents (start, end, label[, id[, kb_id]])."""
    words = [t[0] for t in tokens]
    doc = Doc(_VOCAB, words=words, heads=[t[1] for t in tokens], deps=[t[2] for t in tokens],
              pos=[t[3] for t in tokens], lemmas=[t[4] if len(t) > 4 else t[0].lower() for t in tokens])
    doc.ents = [Span(doc, e[0], e[1], label=e[2], span_id=e[3] if len(e) > 3 else "",
                     kb_id=e[4] if len(e) > 4 else "") for e in ents]
    return doc


def assertions(doc: Doc, gaz, lex, *rules):
    """What the extraction stage finds in a hand-built Doc: by all its rules, or by `rules` alone (functions
    of kg.extract.RULES), so that a rule's test sees its own rule's statements, whatever the others find."""
    from kg import extract
    from kg.records import Document

    with pytest.MonkeyPatch.context() as patch:
        if rules:
            patch.setattr(extract, "RULES", rules)
        return extract.extract_doc(doc, Document(id="t", text=doc.text), gaz, lex).assertions


@pytest.fixture(scope="session")
def gaz():
    return gazetteer()


@pytest.fixture(scope="session")
def lex():
    return lexicon()


class ModelLoaded(AssertionError):
    """A test not marked `model` loaded a spaCy model."""


@pytest.fixture(autouse=True)
def _model_only_when_marked(request, monkeypatch):
    """Loading a spaCy model fails in a test not marked `model`, so `make test-fast` (-m "not model")
    never loads one: such a test belongs on the hand-built graph or Docs, or marked."""
    if request.node.get_closest_marker("model") is None:
        def refuse(name, *args, **kwargs):
            raise ModelLoaded(f"{request.node.nodeid} loads the spaCy model {name!r}: mark it @pytest.mark.model")

        monkeypatch.setattr(spacy.util, "load_model", refuse)


@pytest.fixture(scope="session")
def example_graph(tmp_path_factory) -> Path:
    """The example articles' graph from their hand-built statements (tests/example_statements.py), no model."""
    from tests.example_statements import write_example_graph

    return write_example_graph(EXAMPLES, tmp_path_factory.mktemp("graph"))


@pytest.fixture(scope="session")
def built_example_graph(tmp_path_factory) -> Path:
    """The example articles built once with the spaCy model (for tests marked `model`)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("built")
    report = build([str(EXAMPLES)], out)
    assert report.documents_added >= 5 and not report.problems
    return out
