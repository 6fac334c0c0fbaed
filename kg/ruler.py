"""Gazetteer ruler: the entities a list of names marks in a Doc, its patterns made by the tokenizer alone."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain

import numpy
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

_BATCH = 20_000  # words tokenized in one text: bounds the memory of one Doc
_WORDS = re.compile(r"\S+(?: \S+)*")  # \s is str.isspace, as in spaCy's tokenizer


def _word_tokens(tokenizer: Tokenizer, words: list[str]) -> Iterator[tuple[str, ...]]:
    """Each word's token texts. Many words go to one tokenizer call, and the tokens are read
    from their offsets, not as Token objects: one Doc per word, or a Token per token, costs more
    than tokenizing."""
    for first in range(0, len(words), _BATCH):
        batch = words[first:first + _BATCH]
        token_starts = tokenizer("\n".join(batch)).to_array("IDX")
        ends = numpy.cumsum([len(word) + 1 for word in batch]) - 1  # where each word's line break is
        starts = ends - numpy.fromiter(map(len, batch), dtype=ends.dtype, count=len(batch))
        # a word holds no whitespace: its tokens are the ones starting inside it, end to end
        firsts = numpy.searchsorted(token_starts, starts).tolist()
        afters = numpy.searchsorted(token_starts, ends).tolist()
        for word, start, a, b in zip(batch, starts.tolist(), firsts, afters):
            if b - a == 1:  # one token: the word's own string, so each word is in memory once
                yield (word,)
            else:
                cuts = [offset - start for offset in token_starts[a:b].tolist()] + [len(word)]
                yield tuple(word[i:j] for i, j in zip(cuts, cuts[1:]))


def _whole(tokenizer: Callable[[str], Doc], text: str) -> tuple[str, ...]:
    return tuple(token.text for token in tokenizer(text))


def phrase_tokens(tokenizer: Callable[[str], Doc], texts: list[str]) -> list[tuple[str, ...]]:
    """Each text's token texts, as `tokenizer(text)` gives them.

    spaCy's Tokenizer cuts a text at whitespace first and tokenizes each piece on its own (its
    cache is keyed by the piece), so the distinct words of all texts are tokenized once. A text
    with other whitespace than single spaces between words is tokenized whole, and so is every
    text for another kind of tokenizer."""
    if not isinstance(tokenizer, Tokenizer):
        return [_whole(tokenizer, text) for text in texts]
    # a copy with a vocabulary of its own: the lexemes of the names' words (shape, norm, flags:
    # half the time) are not made in the pipeline's vocabulary, where they would stay
    scratch = Tokenizer(Vocab()).from_bytes(tokenizer.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    plain = [_WORDS.fullmatch(text) is not None for text in texts]
    # the texts are split twice rather than kept split: millions of short strings cost more
    words = list(dict.fromkeys(chain.from_iterable(text.split(" ") for text, ok in zip(texts, plain) if ok)))
    pieces = dict(zip(words, _word_tokens(scratch, words)))
    return [tuple(chain.from_iterable(map(pieces.__getitem__, text.split(" ")))) if ok else _whole(scratch, text)
            for text, ok in zip(texts, plain)]


class PhraseRuler:
    """Marks every occurrence of the phrases as an entity with the phrase's label and id, as
    spaCy's EntityRuler does with phrase patterns matched on ORTH and overwrite_ents: where
    matches overlap the longest, then the leftmost, is kept, and it replaces the entities it
    overlaps. The EntityRuler runs its patterns through the pipeline before it (tagger, parser),
    which large gazetteers cannot afford; token texts need only the tokenizer.

    Two phrases with the same tokens are one pattern: the later one's label and id count."""

    def __init__(self, tokenizer: Callable[[str], Doc], phrases: Iterable[tuple[str, str, str]]):
        phrases = list(phrases)
        self._phrases: dict[tuple[str, ...], tuple[str, str]] = {}
        for words, (_, label, key) in zip(phrase_tokens(tokenizer, [text for text, _, _ in phrases]), phrases):
            if words:
                self._phrases[words] = (label, key)
        lengths: dict[str, set[int]] = {}
        for words in self._phrases:
            lengths.setdefault(words[0], set()).add(len(words))
        self._lengths = {word: tuple(sorted(counts, reverse=True)) for word, counts in lengths.items()}

    def __len__(self) -> int:
        return len(self._phrases)

    def matches(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """(start, end, label, id) of every occurrence, longest first, then leftmost."""
        words = [token.text for token in doc]
        found = [(start, start + n, *self._phrases[phrase]) for start, word in enumerate(words)
                 for n in self._lengths.get(word, ()) if start + n <= len(words)
                 and (phrase := tuple(words[start:start + n])) in self._phrases]
        return sorted(found, key=lambda match: (match[0] - match[1], match[0]))

    def __call__(self, doc: Doc) -> Doc:
        taken: set[int] = set()
        spans = []
        for start, end, label, key in self.matches(doc):
            if taken.isdisjoint(range(start, end)):
                spans.append(Span(doc, start, end, label=label, span_id=key))
                taken.update(range(start, end))
        # set even when nothing matched, as the EntityRuler does: the tokens become "outside"
        doc.ents = [e for e in doc.ents if taken.isdisjoint(range(e.start, e.end))] + spans
        return doc
