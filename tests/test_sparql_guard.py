"""The read-only guard decides from tokens: SERVICE is refused wherever it stands, never hidden by quotes,
IRIs, comments or escapes; harmless uses of the word pass. Hostile texts are run against a real Oxigraph
store while a loopback server records every request the engine makes: a query the guard lets through must
never reach it."""

from __future__ import annotations

import http.server

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.query import QueryError, check_read_only
from kg.sparql_lexer import tokens
from tests.conftest import serve_in_thread


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        _Recorder.hits.append(self.path)
        body = b'{"head": {"vars": ["x"]}, "results": {"bindings": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def recorder():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    serve_in_thread(server)
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def _fetches(sparql: str) -> bool:
    """Whether Oxigraph itself sends a request to the recorder for this query."""
    before = len(_Recorder.hits)
    try:
        result = ox.Store().query(sparql)
        if isinstance(result, ox.QuerySolutions | ox.QueryTriples):
            list(result)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    return len(_Recorder.hits) > before


def _allowed(sparql: str) -> bool:
    try:
        check_read_only(sparql)
    except QueryError:
        return False
    return True


def test_the_recorder_sees_a_plain_service_call(recorder):
    # the oracle works: without the guard, Oxigraph does fetch
    assert _fetches(f"SELECT * WHERE {{ SERVICE <{recorder}> {{ ?s ?p ?o }} }}")


BYPASSES = [
    # a quote inside an IRI made the old regex read a string running over the SERVICE keyword
    "SELECT * WHERE { <http://a/'> ?p ?o . SERVICE <{url}> { ?s ?p ?o } FILTER(?o != 'x') }",
    # a comment opened inside a string, a string opened inside a comment
    'SELECT * WHERE { ?s ?p "#" . SERVICE <{url}> { ?s ?p ?o } }',
    'SELECT * WHERE { # "\n SERVICE <{url}> { ?s ?p ?o } } # "',
    # an escaped # in a prefixed name is not a comment
    'PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:a\\#b ?o . SERVICE <{url}> { ?s ?p ?o } }',
    # long strings holding quotes, a single-quoted string holding a double quote
    "SELECT * WHERE { ?s ?p '''a\"b''' . SERVICE <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 'a\"' . SERVICE <{url}> { ?s ?p ?o } }",
    'SELECT * WHERE { ?s ?p """a""b""" . SERVICE <{url}> { ?s ?p ?o } }',
    # case, white space, SILENT, a variable service, no space before the IRI
    "select * where { service\t\n<{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE SILENT <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<{url}> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE {SERVICE<{url}>{?s ?p ?o}}",
    # nested in OPTIONAL / UNION / subqueries / EXISTS, and in CONSTRUCT, ASK and DESCRIBE
    "SELECT * WHERE { OPTIONAL { { SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } } } } }",
    "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE <{url}> { ?s ?p ?o } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "ASK { SERVICE <{url}> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    # codepoint escapes (decoded before parsing by the specification)
    "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("template", BYPASSES)
def test_service_is_refused_however_it_is_written(template, recorder):
    sparql = template.replace("{url}", recorder)
    with pytest.raises(QueryError, match="SERVICE"):
        check_read_only(sparql)


HARMLESS = [
    'SELECT * WHERE { ?s ?p "SERVICE <http://x> { }" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x> { }",
    "SELECT ?service WHERE { ?service <http://example.org/SERVICE> ?o }",
    "PREFIX service: <http://e/> SELECT * WHERE { ?s service:SERVICE ?o }",
    "SELECT * WHERE { ?s ?p '''\nSERVICE <http://x> {}\n''' }",
]


@pytest.mark.parametrize("sparql", HARMLESS)
def test_the_word_service_in_data_is_allowed(sparql):
    check_read_only(sparql)


def test_tokens_cover_every_character():
    sparql = 'PREFIX ex: <http://e/> SELECT ?x WHERE { ?x ex:a\\#b "s\\"" . } # c\n'
    assert "".join(token.text for token in tokens(sparql)) == sparql


# Valid SPARQL pieces around a real service call, each holding what misleads a scanner that does not
# tokenize: quotes, #, <, > and braces inside strings, IRIs, prefixed names and comments.
_TRICKY = "\"'#<>{}()\\ SERVICE\n"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "'": "\\'", "\n": "\\n"}


def _literal(text: str, quote: str) -> str:
    return quote + "".join(_ESCAPES.get(char, char) for char in text) + quote


_PIECES = st.one_of(
    st.builds(lambda t: "?s ?p " + _literal(t, '"') + " .", st.text(_TRICKY, max_size=8)),
    st.builds(lambda t: "?s ?p " + _literal(t, "'") + " .", st.text(_TRICKY, max_size=8)),
    st.builds(lambda t: f"?s ?p '''{t}''' .", st.text("\"#<>{} SERVICE\n", max_size=8)),
    st.builds(lambda t: f"?s ?p <http://a/{t}> .", st.sampled_from(["'", "x'", "#'", "(", "S#"])),
    st.builds(lambda t: f"?s ex:a\\{t}b ?o .", st.sampled_from("##'()!$&*+,;=/?@%")),
    st.builds(lambda t: f"#{t}\n", st.text("\"'<>{} SERVICE", max_size=8)),
    st.builds(lambda t: "FILTER(?o != " + _literal(t, '"') + ")", st.text(_TRICKY, max_size=8)),
    st.just("OPTIONAL { ?s ?p ?o }"),
)
_CALLS = st.builds(
    lambda keyword, silent, gap: f"{keyword}{silent}{gap}<URL> {{ ?s ?p ?o }}",
    st.sampled_from(["SERVICE", "service", "Service"]),
    st.sampled_from(["", " SILENT"]),
    st.sampled_from([" ", "\t", "\n", "", " # c\n"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=4), _CALLS, st.lists(_PIECES, max_size=4),
       st.sampled_from(["SELECT * WHERE", "ASK", "CONSTRUCT WHERE"]))
def test_a_service_call_among_hostile_pieces_is_refused(recorder, before, call, after, form):
    # UNION branches are evaluated whatever the others match, so the engine does call a service it parses
    sparql = (f"PREFIX ex: <http://e/> {form} {{ {{ " + " ".join(before) + " } UNION { "
              + call.replace("URL", recorder) + " } UNION { " + " ".join(after) + " } }")
    assert not _allowed(sparql) or not _fetches(sparql), sparql


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, min_size=1, max_size=6))
def test_pieces_without_a_service_call_are_allowed_and_never_fetch(recorder, pieces):
    sparql = "PREFIX ex: <http://e/> SELECT * WHERE { " + " ".join(pieces) + " }"
    assert _allowed(sparql), sparql
    assert not _fetches(sparql)
