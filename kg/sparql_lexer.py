"""Query stage: a SPARQL tokenizer that knows IRIs, strings, comments and prefixed names, so what a query
may do (update, federate) is decided from its tokens, never from a search over its raw text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# The SPARQL 1.1 grammar's terminals, strict where a looser pattern would swallow code: a quote or `<` that
# does not open a valid string or IRI is a single punctuation token, so nothing after it can be hidden.
_ECHAR = r"""\\[tbnrf\\"']"""
_TOKEN = re.compile(
    rf'''(?P<space>\s+)
       |(?P<comment>\#[^\n\r]*)
       |(?P<string>"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*"""
                  |\'\'\'(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*\'\'\'
                  |"(?:[^"\\\n\r]|{_ECHAR})*"
                  |'(?:[^'\\\n\r]|{_ECHAR})*')
       |(?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
       |(?P<variable>[?$]\w+)
       |(?P<blank>_:[\w.\-]*)
       |(?P<name>(?:[^\W\d][\w.\-]*)?:(?:[\w\-:.]|%[0-9A-Fa-f]{{2}}|\\[_~.\-!$&'()*+,;=/?\#@%])*)
       |(?P<keyword>[^\W\d]\w*)
       |(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
       |(?P<punct>.)''',
    re.VERBOSE | re.DOTALL)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # space, comment, string, iri, variable, blank, name, keyword, number, punct
    text: str


def tokens(sparql: str) -> Iterator[Token]:
    """The query's tokens, comments and white space included, in order; every character belongs to one."""
    for match in _TOKEN.finditer(sparql):
        yield Token(match.lastgroup or "punct", match.group())


def readings(sparql: str) -> tuple[str, ...]:
    """The query as an engine may read it: as written, and with \\u / \\U codepoint escapes decoded (the
    SPARQL 1.1 specification decodes them before parsing; an engine may or may not). A check that must
    hold for the query holds for both."""
    def decode(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()
    decoded = _UNICODE_ESCAPE.sub(decode, sparql)
    return (sparql,) if decoded == sparql else (sparql, decoded)


def keywords(sparql: str) -> list[str]:
    """Upper-cased keywords (bare words that are not prefixed names, variables, strings or IRIs)."""
    return [token.text.upper() for token in tokens(sparql) if token.kind == "keyword"]
