"""Benchmark gazetteer: a deterministic user gazetteer of invented organisations, people and places."""

from __future__ import annotations

import random
from pathlib import Path

from kg.knowledge import GAZETTEER_COLUMNS

# syllables of invented names: about 20,000 distinct words, so that most names hold words no
# other name has, as in a gazetteer drawn from Wikidata
_SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "zen", "bar", "dor", "el", "fin", "gra", "hol",
              "ist", "jor", "kel", "mar", "nov", "ost", "pel", "quin", "rad", "sol", "tur", "ul", "ven", "wyn")
_KINDS = (("Organization", ("Institute", "Foundation", "Holdings", "Council", "Union")),
          ("Group", ("Movement", "Front", "Brigade", "Party")),
          ("Person", ("",)), ("City", ("",)), ("Treaty", ("Accord", "Convention", "Pact")))


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _row(index: int, rng: random.Random) -> str:
    kind, heads = _KINDS[index % len(_KINDS)]
    words = [_word(rng) for _ in range(rng.randint(1, 3))]
    label = " ".join(words + [rng.choice(heads)]).strip()
    acronym = ".".join(word[0] for word in label.split()) + "."
    aliases = "|".join(dict.fromkeys(alias for alias in (acronym, f"{words[-1]} {kind.lower()}") if alias != label))
    return "\t".join((f"bench_{index:07d}", label, kind, aliases, f"Q{index + 1_000_000}", ""))


def write_gazetteer(path: Path, rows: int, seed: int) -> Path:
    """A gazetteer TSV of `rows` entries (every column kg reads: labels, aliases, Wikidata ids)."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("\t".join(GAZETTEER_COLUMNS) + "\n")
        for index in range(rows):
            handle.write(_row(index, rng) + "\n")
    return path
