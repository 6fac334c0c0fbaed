"""Extraction stage: quotations and their speakers, so that "I" and "we" in a quotation are who speaks it."""

from __future__ import annotations

from collections.abc import Iterator

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from kg.docstate import entity_at
from kg.extract import deps as dep
from kg.knowledge import Lexicon
from kg.records import Mention

QUOTE_MARKS = ('"', "“", "”", "„", "«", "»")
_CLIMB = {dep.ADVCL, dep.XCOMP, dep.ACL, dep.CONJ, dep.DOBJ, dep.PCOMP, dep.POBJ, dep.PREP}


def quoted_speakers(doc: Doc, mentions_by_start: dict[int, Mention], resolved: dict[int, Mention],
                    lex: Lexicon) -> Iterator[tuple[int, int, Mention]]:
    """(first token, end token, speaker) of every quotation whose speaker the text names: '"...," he
    said', 'X said: "..."', 'X tweeted: "..."', and the words after "X issued the following statement:"
    and a paragraph break, quoted or not."""
    for opening, closing in _quotations(doc):
        # words after the quotation in its sentence, before it in its sentence, before a colon leading to it
        around = [doc[closing + 1:doc[closing].sent.end]] if closing < len(doc) else []
        around.append(doc[doc[opening].sent.start:opening])
        colon = _colon_before(doc, opening)
        if colon is not None:
            around.append(doc[doc[colon].sent.start:colon])
        speakers = (_speaker(words, mentions_by_start, resolved, lex) for words in around)
        who = next((m for m in speakers if m is not None), None)
        if who is not None:
            yield opening + 1, closing, who
    for colon in _statement_colons(doc):
        who = _speaker(doc[doc[colon].sent.start:colon], mentions_by_start, resolved, lex)
        if who is not None:
            yield colon + 1, len(doc), who


def quoted_modifiers(head: Token) -> range:
    """Token indices of a quotation hung on a noun, marks included: '"America first"' in 'an "America
    first" policy', a label whose words name the thing and do not act in it."""
    marks = [c.i for c in head.children if c.text in QUOTE_MARKS]
    return range(marks[0], marks[1] + 1) if len(marks) >= 2 else range(0)


def quoted_stretches(text: str, offset: int) -> list[tuple[int, int]]:
    """Character ranges (offset added) between pairs of quotation marks in a text."""
    marks = [offset + i for i, char in enumerate(text) if char in QUOTE_MARKS]
    return list(zip(marks[::2], marks[1::2]))


def _quotations(doc: Doc) -> list[tuple[int, int]]:
    """(opening mark, closing mark or the Doc's end) of each quotation. Marks pair in turn, whatever their
    shape (copy gets “ and ” wrong); a mark opening a paragraph inside a quotation goes on with it."""
    orth = doc.to_array(ORTH)
    marks = numpy.flatnonzero(numpy.isin(orth, [doc.vocab.strings[m] for m in QUOTE_MARKS])).tolist()
    found, opening = [], None
    for i in marks:
        if opening is None:
            opening = i
        elif not _opens_paragraph(doc, i):
            found.append((opening, i))
            opening = None
    if opening is not None:
        found.append((opening, len(doc)))
    return found


def _opens_paragraph(doc: Doc, i: int) -> bool:
    return i > 0 and ("\n" in doc[i - 1].text if doc[i - 1].is_space else "\n" in doc[i - 1].whitespace_)


def _colon_before(doc: Doc, i: int) -> int | None:
    before = i - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    return before if before >= 0 and doc[before].text == ":" else None


def _statement_colons(doc: Doc) -> list[int]:
    """Colons ending a paragraph that a statement's words follow unquoted."""
    found = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if words and words[-1].text == ":" and sent.end < len(doc) and _opens_paragraph(doc, sent.end) \
                and doc[sent.end].text not in QUOTE_MARKS:
            found.append(words[-1].i)
    return found


def _speaker(words: Span, mentions_by_start: dict[int, Mention], resolved: dict[int, Mention],
             lex: Lexicon) -> Mention | None:
    """The named or resolved subject of a verb of saying among the words (or of a verb whose object is a
    statement: "issued a statement saying ...")."""
    for token in words:
        if token.pos_ == "VERB" and _says(token, lex):
            subject = _subject(token)
            if subject is not None:
                ent = entity_at(words.doc, subject.i)
                found = mentions_by_start.get(ent.start) if ent is not None else resolved.get(subject.i)
                if found is not None:
                    return found
    return None


def _says(verb: Token, lex: Lexicon) -> bool:
    return verb.lemma_.lower() in lex.speech_verbs or any(
        c.dep_ == dep.DOBJ and c.lemma_.lower() in lex.statement_nouns for c in verb.children)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the clause it hangs from ("issued a statement saying")."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ == dep.NSUBJ), None)
        if subject is not None or verb.dep_ not in _CLIMB or verb.head is verb:
            return subject
        verb = verb.head
    return None
