"""Statistics of news text as kg's ingest cleans it: sentence length, punctuation, paragraphs, entities.

`python -m bench.realstats ../shared/eval/realnews/articles ../shared/seeds --entities` measures real news
(bench/realnews.json holds the result the benchmark corpus is made to match); `--generated N` measures
N articles of the benchmark corpus instead. Only figures are printed, never text.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

from bench.parser import OneLineParser

TARGETS = Path(__file__).with_name("realnews.json")
DASHES = {"-", "--", "—", "–"}
# figures a generated corpus must come within TOLERANCE of (relative): those a blank tokenizer gives
MATCHED = ("tokens_per_sentence", "tokens_per_sentence_p50", "tokens_per_sentence_p90", "punctuation_per_sentence",
           "commas_per_sentence", "quotes_per_sentence", "brackets_per_sentence", "dashes_per_sentence",
           "sentences_per_paragraph")
TOLERANCE = 0.10


@cache
def _splitter():
    """English tokenizer rules and a punctuation sentence splitter: no model, the same for any text."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _percentile(values: list[int], fraction: float) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))])


def text_statistics(texts: Iterable[str]) -> dict[str, float]:
    """Per sentence: tokens (mean, median, 90th percentile), punctuation, commas, quote marks,
    brackets, dashes; sentences per paragraph (blank-line separated); words per article."""
    lengths, punctuation, commas, quotes, brackets, dashes, paragraphs, words = [], 0, 0, 0, 0, 0, [], []
    for doc in _splitter().pipe(list(texts)):
        words.append(len(doc.text.split()))
        for sent in doc.sents:
            tokens = [t for t in sent if not t.is_space]
            if not tokens:
                continue
            lengths.append(len(tokens))
            punctuation += sum(t.is_punct for t in tokens)
            commas += sum(t.text == "," for t in tokens)
            quotes += sum(t.is_quote for t in tokens)
            brackets += sum(t.is_bracket for t in tokens)
            dashes += sum(t.text in DASHES for t in tokens)
        paragraphs += [len(list(_splitter()(p.strip()).sents)) for p in doc.text.split("\n\n") if p.strip()]
    count = len(lengths)
    return {"articles": len(words), "sentences": count, "words_per_article": round(statistics.mean(words), 1),
            "tokens_per_sentence": round(statistics.mean(lengths), 2),
            "tokens_per_sentence_p50": _percentile(lengths, 0.5), "tokens_per_sentence_p90": _percentile(lengths, 0.9),
            "punctuation_per_sentence": round(punctuation / count, 3), "commas_per_sentence": round(commas / count, 3),
            "quotes_per_sentence": round(quotes / count, 3), "brackets_per_sentence": round(brackets / count, 3),
            "dashes_per_sentence": round(dashes / count, 3),
            "sentences_per_paragraph": round(statistics.mean(paragraphs), 2)}


def entities_per_100_tokens(texts: Iterable[str]) -> float:
    """Named entities the default model's NER finds, per 100 tokens (loads the model)."""
    import spacy

    from kg.settings import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL, disable=["lemmatizer"])
    entities = tokens = 0
    for doc in nlp.pipe(list(texts), batch_size=32):
        entities += len(doc.ents)
        tokens += sum(not t.is_space for t in doc)
    return round(100 * entities / tokens, 2)


def cleaned_texts(folders: list[Path]) -> list[str]:
    """The article bodies as kg build reads them (ingest's cleaning: no headline, dateline or furniture)."""
    from kg.ingest import read_inputs
    from kg.records import Document

    return [d.text for d in read_inputs([str(f) for f in folders]) if isinstance(d, Document)]


def generated_texts(count: int) -> list[str]:
    from bench.corpus import articles
    from kg.ingest import make_document

    return [make_document(a.text, a.name).text for a in articles(count)]


def targets() -> dict[str, float]:
    return json.loads(TARGETS.read_text(encoding="utf-8"))["statistics"]


def main(argv: list[str] | None = None) -> None:
    parser = OneLineParser(prog="python -m bench.realstats", description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="Folders of articles (.txt, .md, .jsonl).")
    parser.add_argument("--generated", type=int, metavar="N", help="Measure N benchmark-corpus articles instead.")
    parser.add_argument("--entities", action="store_true", help="Also count entities with the spaCy model.")
    parser.add_argument("--write", action="store_true", help=f"Write the figures to {TARGETS.name} as the targets.")
    args = parser.parse_args(argv)
    if bool(args.folders) == bool(args.generated):
        parser.error("give folders of articles or --generated N")
    texts = generated_texts(args.generated) if args.generated else cleaned_texts(args.folders)
    if not texts:
        parser.error("no articles found")
    figures = text_statistics(texts)
    if args.entities:
        figures["entities_per_100_tokens"] = entities_per_100_tokens(texts)
    if args.write:
        record = {"source": "kg ingest's text of " + ", ".join(str(f) for f in args.folders),
                  "method": "tokens: spaCy's English tokenizer rules (spacy.blank('en')); sentences: its sentencizer; "
                            "paragraphs: blank-line separated; entities: the default model's NER",
                  "date": date.today().isoformat(),
                  "command": "python -m bench.realstats " + " ".join(argv or sys.argv[1:]),
                  "statistics": figures}
        TARGETS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    json.dump(figures, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
