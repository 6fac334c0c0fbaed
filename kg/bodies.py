"""Government bodies named by country and institution ("China's foreign ministry" = china_foreign_ministry)."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from kg.knowledge import Gazetteer, NameForms, slug
from kg.names import clean_surface, fold
from kg.records import Mention

_THE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Body:
    country: str  # gazetteer id
    name: str  # canonical institution name ("foreign ministry")

    @property
    def id(self) -> str:
        return f"{self.country}_{slug(self.name)}"


class Bodies:
    """Reads the country and the institution out of a government body's name."""

    def __init__(self, gaz: Gazetteer, forms: NameForms, institutions: Collection[str]):
        self.gaz, self.forms, self.institutions = gaz, forms, institutions

    def canonical(self, words: str) -> str:
        words = " ".join(fold(words).split())
        return self.forms.bodies.get(words, words)

    def _known(self, words: str) -> bool:
        name = self.canonical(words)
        return name in self.institutions or name in self.forms.bodies.values()

    def of_mention(self, m: Mention, following: Mention | None = None) -> Body | None:
        """The body a mention names: a GOV span keyed by country ("China's Defense Ministry"), or an
        institution "of" a country, the country inside the span or the mention right after it."""
        text = clean_surface(m.text)
        if m.type == "GovernmentBody" and m.key and m.key not in self.gaz.entities:
            country = self._country_prefix(m.key)
            body = self._after_country(text, country) if country else ""
            if country and not body and self._known(bare := _THE.sub("", text)):
                body = bare  # "the military" of the article's country (kg.extract.coref)
            return Body(country, self.canonical(body)) if body else None
        words = text.split()
        for i in (i for i in range(len(words) - 1, 0, -1) if words[i].lower() == "of"):
            body, rest = " ".join(words[:i]), _THE.sub("", " ".join(words[i + 1:]))
            if rest:
                country = self.gaz.country_names.get(slug(rest), "")
            else:
                country = following.key if following is not None and following.type == "Country" else ""
            if country and self._known(body):
                return Body(country, self.canonical(body))
        return None

    def _country_prefix(self, key: str) -> str:
        """The country of an institution id made by the pipeline (country id, "_", institution words)."""
        countries = [c for c in self.gaz.country_names.values() if key.startswith(c + "_")]
        return max(countries, key=len, default="")

    def _after_country(self, text: str, country: str) -> str:
        """"Chinese Foreign Ministry" -> "Foreign Ministry"; "China's defense ministry" -> "defense ministry"."""
        possessive = re.split(r"[’']s\s+", text, maxsplit=1)
        if len(possessive) == 2:
            return possessive[1]
        words = text.split()
        for size in range(len(words) - 1, 0, -1):
            if self.gaz.country_names.get(slug(" ".join(words[:size]))) == country:
                return " ".join(words[size:])
        return ""
