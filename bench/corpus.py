"""Benchmark corpus: deterministic news-style articles written from the templates in bench/vocab.toml."""

from __future__ import annotations

import random
import sys
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from bench.parser import OneLineParser

VOCAB = Path(__file__).with_name("vocab.toml")
MIN_WORDS, MAX_WORDS = 150, 600
DEFAULT_SEED = 2024
_FIRST_DAY, _DAYS = date(2015, 1, 1), 3650


@dataclass(frozen=True)
class Article:
    name: str  # file name, stable for a (seed, index)
    text: str  # `date YYYY-MM-DD` line, headline, dateline and paragraphs, as kg ingest reads them


@cache
def vocabulary() -> dict:
    with VOCAB.open("rb") as handle:
        return tomllib.load(handle)


class _Writer:
    """Fills the templates for one article; every choice comes from one seeded Random."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.vocab = vocabulary()

    def pick(self, key: str) -> str:
        return self.rng.choice(self.vocab[key])

    def actor(self) -> str:
        return self.pick("countries") if self.rng.random() < 0.7 else self.pick("organisations")

    def person(self) -> str:
        return f"{self.pick('first_names')} {self.pick('last_names')}"

    def title(self, actor: str) -> str:
        return self.pick("organisation_titles" if actor in self.vocab["organisations"] else "country_titles")

    def verb_phrases(self) -> tuple[str, str]:
        base, past, obj = self.rng.choice(self.vocab["verbs"])
        filled = obj.format(actor=self.actor(), treaty=self.pick("treaties"), org=self.pick("organisations"),
                            country=self.pick("countries"))
        return f"{base} {filled}", f"{past} {filled}"

    def clause(self) -> str:
        a, b = self.actor(), self.actor()
        vb, _ = self.verb_phrases()
        _, vp = self.verb_phrases()
        text = self.pick("clauses").format(
            a=a, b=b, vb=vb, vp=vp, when=self.pick("when"), city=self.pick("cities").title(),
            person_a=self.person(), person_b=self.person(), title_a=self.title(a), title_b=self.title(b))
        text = " ".join(text.split()).replace(" .", ".").replace(" ,", ",")
        return text[0].upper() + text[1:]

    def tail(self) -> str:
        return self.pick("tails").format(when=self.pick("when") or "next week", number=self.pick("numbers"))

    def aside(self) -> str:
        """Words in brackets or between dashes, at the rates of vocab.toml; most sentences have none."""
        chance, words = self.rng.random(), self.pick("asides").format(number=self.pick("numbers"))
        if chance < self.vocab["bracket_rate"]:
            return f" ({words})"
        return f" - {words} -" if chance < self.vocab["bracket_rate"] + self.vocab["dash_rate"] else ""

    def sentence(self) -> str:
        """A clause or a filler, lengthened as real news sentences are (see vocab.toml)."""
        rng, vocab = self.rng, self.vocab
        body = (self.clause() if rng.random() < 0.55 else self.pick("filler")).removesuffix(".")
        tails = [self.tail() for _ in range(rng.choices(range(len(vocab["tail_weights"])), vocab["tail_weights"])[0])]
        tails.insert(rng.randrange(len(tails) + 1), self.aside())
        body += "".join(tails)
        if rng.random() < vocab["quote_rate"] and " said" not in body:
            actor = self.actor()
            return f'"{body}," {self.title(actor)} {self.person()} said.'
        return body + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.choices((1, 2, 3), (50, 35, 15))[0]))

    def article(self, name: str) -> Article:
        day = _FIRST_DAY + timedelta(days=self.rng.randrange(_DAYS))
        headline = self.clause().rstrip(".")
        dateline = f"{self.pick('cities')}, {day:%B} {day.day}. / {self.pick('agencies')} /."
        target = self.rng.randint(MIN_WORDS, MAX_WORDS)
        paragraphs, words = [], 0
        while words < target:
            paragraph = self.paragraph()
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        paragraphs[0] = f"{dateline} {paragraphs[0]}"
        return Article(name, f"date {day.isoformat()}\n{headline}\n\n" + "\n\n".join(paragraphs) + "\n")


def article(index: int, seed: int = DEFAULT_SEED) -> Article:
    """Article number `index`; it does not depend on how many others are generated."""
    return _Writer(random.Random(f"{seed}:{index}")).article(f"article-{index:06d}.txt")


def articles(count: int, seed: int = DEFAULT_SEED) -> list[Article]:
    return [article(index, seed) for index in range(count)]


def write_corpus(folder: Path, count: int, seed: int = DEFAULT_SEED) -> Path:
    """Write `count` articles as .txt files into `folder` (emptied of earlier articles first)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("article-*.txt"):
        old.unlink()
    for item in articles(count, seed):
        (folder / item.name).write_text(item.text, encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> None:
    parser = OneLineParser(prog="python -m bench.corpus", description=__doc__)
    parser.add_argument("folder", type=Path, help="Folder to write the .txt articles into.")
    parser.add_argument("--articles", type=int, default=500, help="Number of articles (default 500).")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed (default %(default)s).")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    write_corpus(args.folder, args.articles, args.seed)
    print(f"wrote {args.articles} articles to {args.folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
