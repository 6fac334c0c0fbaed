"""pyoxigraph's answers as kg uses them: serializers writing to memory, SELECT queries giving solutions."""

from __future__ import annotations

import pyoxigraph as ox


def in_memory(written: bytes | None) -> bytes:
    """`written`, the return of a pyoxigraph serializer called without an output file, as bytes: its
    stubs say bytes | None for both uses, None being what it returns after writing to a file."""
    if written is None:
        raise TypeError("the serializer wrote to a file, not to memory")
    return written


def solutions(answer: object) -> ox.QuerySolutions:
    """The answer to a SELECT query kg wrote itself, as the solutions it is (queries may also answer
    with a boolean or triples)."""
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError(f"a SELECT query answered with {type(answer).__name__}, not solutions")
    return answer
