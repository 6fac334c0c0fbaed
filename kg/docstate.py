"""Per-Doc state: what is worked out once per parsed Doc, kept in kg's one Doc extension, registered here."""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

if TYPE_CHECKING:
    from kg.records import Mention

if not Doc.has_extension("kg_state"):
    Doc.set_extension("kg_state", default=None)


class DocState:
    """The Doc's entities, each by the index of its tokens, their starts, its words by part of speech
    and the antecedents of its references. Made by the extraction once the pipeline has fixed the
    entities: rules ask for them thousands of times, and every doc.ents or span.ents call builds all
    the spans anew."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.entities = tuple(doc.ents)
        self.by_token = {i: e for e in self.entities for i in range(e.start, e.end)}
        self.starts = [e.start for e in self.entities]
        self.resolved: dict[int, Mention] | None = None  # set by kg.extract.coref.resolve_references

    @cached_property
    def words(self) -> dict[str, tuple[list[int], list[Token]]]:
        """The tokens by part of speech, in text order, with their indices to bisect (every rule
        walking every sentence made a Token object per word per rule)."""
        index: dict[str, tuple[list[int], list[Token]]] = {}
        for token in self.doc:
            positions, tokens = index.setdefault(token.pos_, ([], []))
            positions.append(token.i)
            tokens.append(token)
        return index

    @property
    def antecedents(self) -> dict[int, Mention]:
        """Token index -> the mention a pronoun or definite description refers back to."""
        if self.resolved is None:
            raise RuntimeError("the Doc's references are not resolved yet: kg.extract.coref.resolve_references "
                               "runs first (kg.extract.extract_doc does)")
        return self.resolved


def doc_state(doc: Doc) -> DocState:
    """The Doc's state, made on first use: only once its entities are final, after the pipeline."""
    state = doc._.kg_state
    if state is None:
        state = doc._.kg_state = DocState(doc)
    return state


def entity_at(doc: Doc, i: int) -> Span | None:
    """The entity token i is part of: from the Doc's state once the extraction has made it, else
    from doc.ents, which the pipeline may still be changing."""
    state = doc._.kg_state
    if state is not None:
        return state.by_token.get(i)
    return next((e for e in doc.ents if e.start <= i < e.end), None) if doc[i].ent_type_ else None


def entities_in(span: Span) -> list[Span]:
    """The entities inside a span (what span.ents gives)."""
    state = doc_state(span.doc)
    first, last = bisect_left(state.starts, span.start), bisect_left(state.starts, span.end)
    return [e for e in state.entities[first:last] if e.end <= span.end]


def words_tagged(sent: Span, pos: str) -> list[Token]:
    """The sentence's tokens with this part of speech."""
    positions, tokens = doc_state(sent.doc).words.get(pos, ([], []))
    first = bisect_left(positions, sent.start)
    return tokens[first:bisect_left(positions, sent.end, first)]
