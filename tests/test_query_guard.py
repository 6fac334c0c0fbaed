"""Query guard: nesting counted as the parser sees it (never less), and queries that would crash the engine refused."""

import subprocess
import sys

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.query_guard import MAX_NESTING, nesting_depth, on_deep_stack

DEEP = 3000  # `{` that overflowed pyoxigraph's stack (SIGSEGV) in `kg query` and in serve workers


@pytest.mark.parametrize("sparql, depth", [
    ("SELECT * WHERE { ?s ?p ?o }", 1),
    ("SELECT * WHERE { { ?s ?p ?o } UNION { ?s ?p ?o } }", 2),
    ('SELECT * WHERE { FILTER(STR(?x) = "((({{{") }', 3),
    ("SELECT * WHERE { FILTER(STR(?x) = '''((\n{{ ''') }", 3),
    ('SELECT * WHERE { FILTER(?x = "a\\"((((") }', 2),
    ("SELECT * WHERE { # (((( {{{{\n ?s ?p ?o }", 1),
    ("SELECT * WHERE { ?s <http://example.org/a#b> ?o . ?s <http://en.wikipedia.org/wiki/X_(y)> ?o }", 2),
    ("SELECT * WHERE { ?s ?p [ ?q [ ?r ( 1 ( 2 ) ) ] ] }", 5),
    ("ASK { FILTER(" + "!" * 70 + "true) }", 72),
    ("ASK { FILTER(?a != ?b) }", 3),
    ("SELECT * WHERE " + "{" * DEEP + "}" * DEEP, DEEP),
])
def test_nesting_is_counted_outside_strings_comments_and_iris(sparql, depth):
    assert nesting_depth(sparql) == depth


@pytest.mark.parametrize("disguise", [
    "FILTER(1<'>' || {deep}) #'",  # "<'>" read as an IRI would turn the rest of the line into a string
    "FILTER(?a<'>' || <urn:x#> = {deep}) #'",  # ... and as "less than", the IRI's # into a comment
    "?s geo:a\\' {deep} ?o #'",  # a prefixed name's escaped quote opens no string
    "FILTER('''a'''= {deep}) #'''",
    "FILTER(?a<?b&&{deep}>?c)",
])
def test_ambiguous_text_cannot_hide_nesting(disguise):
    deep = "(" * 100 + "1" + ")" * 100
    assert nesting_depth("ASK { " + disguise.format(deep=deep) + " }") > 100


@pytest.mark.parametrize("text", ["{" * 65, "{<" * 65, "{#\n" * 65, "{" * 64 + "}" * 64 + "{", "!" * 65, "{" * 64])
def test_counting_that_stops_over_the_limit_tells_the_same(text):
    assert (nesting_depth(text, stop_above=MAX_NESTING) > MAX_NESTING) == (nesting_depth(text) > MAX_NESTING)


_NOISE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_LEVEL = st.sampled_from([("{", "}"), ("(", ")"), ("[", "]")])


def _decoy(text: str) -> st.SearchStrategy[str]:
    """Text the parser reads as a string, comment or IRI, holding `text`'s brackets."""
    return st.sampled_from([
        '"' + text.replace("\\", "").replace('"', "").replace("\n", "").replace("\r", "") + '"',
        "'''" + text.replace("\\", "").replace("'", "") + "'''",
        "#" + text.replace("\n", "").replace("\r", "") + "\n",
        "<http://example.org/" + "".join(c for c in text if c.isalnum() or c in "()[]#") + ">",
    ])


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(levels=st.lists(_LEVEL, min_size=1, max_size=40), noise=st.lists(_NOISE, min_size=1, max_size=40),
       data=st.data())
def test_decoys_never_lower_the_count(levels, noise, data):
    """Brackets nested in code, with strings, comments and IRIs full of brackets and quotes between them."""
    decoys = [data.draw(_decoy(text)) for text in noise]
    text = ""
    for index, (opening, _) in enumerate(levels):
        text += f" {decoys[index % len(decoys)]} {opening}"
    for index, (_, closing) in enumerate(reversed(levels)):
        text += f" {closing} {decoys[(index + 1) % len(decoys)]}"
    assert nesting_depth(text) >= len(levels)


@settings(max_examples=200)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters='"\\\r\n'), max_size=200))
def test_brackets_inside_a_string_do_not_count(content):
    assert nesting_depth(f'ASK {{ FILTER(?x = "{content}") }}') == 2


def test_the_deep_stack_runs_flat_chains_that_overflow_the_main_thread():
    # 10,900 `||` (64 KiB) nest that deep in the engine's recursion: SIGSEGV on an 8 MB stack
    sparql = "ASK { FILTER(" + "true||" * 10_900 + "true) }"
    assert bool(on_deep_stack(lambda: ox.Store().query(sparql)))
    with pytest.raises(ZeroDivisionError):
        on_deep_stack(lambda: 1 / 0)


def _kg_query(graph, sparql, tmp_path) -> subprocess.CompletedProcess:
    (tmp_path / "q.rq").write_text(sparql)
    return subprocess.run([sys.executable, "-m", "kg", "query", "-g", str(graph), "--file", str(tmp_path / "q.rq")],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow  # a kg process of its own: a crash must not take the tests with it
def test_kg_query_refuses_deep_nesting_with_one_line_instead_of_crashing(example_graph, tmp_path):
    result = _kg_query(example_graph, "SELECT * WHERE " + "{" * DEEP + "}" * DEEP, tmp_path)
    assert result.returncode == 2
    assert result.stderr == (f"kg: error: the query nests more than {MAX_NESTING} levels deep (brackets or `!`); "
                             "the engine cannot take that\n")


@pytest.mark.slow  # a kg process of its own: a crash must not take the tests with it
def test_kg_query_answers_a_long_flat_chain(example_graph, tmp_path):
    result = _kg_query(example_graph, "ASK { FILTER(" + "true||" * 10_900 + "true) }", tmp_path)
    assert result.returncode == 0 and result.stdout == "true\n"
