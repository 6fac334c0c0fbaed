"""Query stage, guard: how deeply SPARQL text nests (outside strings, IRIs, comments), and a deep stack to run it on."""

from __future__ import annotations

import heapq
import re
import threading
from collections.abc import Callable
from itertools import accumulate
from typing import TypeVar

# pyoxigraph parses and evaluates recursively: a few thousand `{` overflow an 8 MB stack (SIGSEGV). 64 levels
# is far beyond real queries; the deep stack covers flat chains (`1+1+...`, `{} UNION {} ...`), which
# nest in the engine as deeply as they are long: 64 KiB of them need about 40 MB.
MAX_NESTING = 64
DEEP_STACK = 256 * 1024 * 1024

T = TypeVar("T")

_CODE, _IRI = "code", "iri"
# the rest of a comment or string; a string broken by a line end stops there, as the parser does
_ENDS = {"#": re.compile(r"[^\r\n]*[\r\n]"),
         "'": re.compile(r"(?:[^'\\\r\n]|\\[^\r\n])*(?:'|(?=[\r\n]))"),
         '"': re.compile(r'(?:[^"\\\r\n]|\\[^\r\n])*(?:"|(?=[\r\n]))'),
         "'''": re.compile(r"(?:[^'\\]|\\.|'(?!''))*'''", re.DOTALL),
         '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.DOTALL)}
# what changes the mode in code; `\` escapes a character of a prefixed name; `!` runs nest like brackets
_EVENT = re.compile(r"""<|#|'''|\"\"\"|'|"|\\.|(?:!\s*)+""", re.DOTALL)
_NOT_BRACKET = re.compile(r"[^{}()\[\]]+")
_STEP = {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}


def _brackets(code: str, depth: int) -> tuple[int, int]:
    """The deepest level reached in `code` (brackets only) from `depth`, and the level at its end."""
    steps = _NOT_BRACKET.sub("", code)
    if not steps:
        return depth, depth
    # not clamped at 0: on the parser's own reading an unmatched closer is a syntax error, where it stops
    levels = list(accumulate(map(_STEP.__getitem__, steps), initial=depth))
    return max(levels), levels[-1]


def nesting_depth(sparql: str, stop_above: int | None = None) -> int:
    """The deepest nesting of `{ ( [` (and runs of `!`) in `sparql`, never less than the parser sees;
    counting stops once it is over `stop_above`.

    Where the grammar allows two readings, both are followed: `<` opens an IRI or is "less than",
    depending on what precedes it. Each reading keeps its own depth, and readings that meet again keep
    the deeper one. So text the parser reads as code is never skipped as a string, comment or IRI, and
    the count cannot be lowered by making the text ambiguous."""
    pending: dict[tuple[int, str], int] = {}
    heap: list[tuple[int, str]] = []
    deepest, iri_end = 0, -1

    def go(position: int, mode: str, depth: int) -> None:
        key = (position, mode)
        if key not in pending:
            heapq.heappush(heap, key)
        elif pending[key] >= depth:
            return
        pending[key] = depth

    go(0, _CODE, 0)
    while heap:
        position, mode = heapq.heappop(heap)
        depth = pending.pop((position, mode))
        if mode == _IRI:
            if iri_end < position:  # positions only grow, so one search serves every IRI opened before that ">"
                found = sparql.find(">", position)
                iri_end = found if found >= 0 else len(sparql)
            if iri_end < len(sparql):
                go(iri_end + 1, _CODE, depth)
            continue
        event = _EVENT.search(sparql, position)
        reached, depth = _brackets(sparql[position:event.start() if event else len(sparql)], depth)
        deepest = max(deepest, reached)
        if stop_above is not None and deepest > stop_above:
            return deepest
        if event is None:
            continue
        token, after = event.group(), event.end()
        if token in _ENDS:
            end = _ENDS[token].match(sparql, after)
            if end is not None:
                go(end.end(), _CODE, depth)
            elif len(token) == 3:  # a long string that never ends is read as an empty one and a quote
                go(after - 1, _CODE, depth)
        else:
            if token == "<":
                go(after, _IRI, depth)
            elif token.startswith("!"):
                deepest = max(deepest, depth + token.count("!"))
            go(after, _CODE, depth)
    return deepest


_STACK_SIZE = threading.Lock()


def on_deep_stack(work: Callable[[], T]) -> T:
    """`work()` on a thread with a DEEP_STACK stack (virtual memory, used only as deep as the query goes)."""
    value: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            value.append(work())
        except BaseException as err:  # handed to the caller's thread
            error.append(err)

    with _STACK_SIZE:
        previous = threading.stack_size(DEEP_STACK)
        try:
            thread = threading.Thread(target=run, name="kg-deep-stack", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    if error:
        raise error[0]
    return value[0]
