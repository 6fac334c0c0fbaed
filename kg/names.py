"""Names compared as news copy varies them: a person's name words, organisation keys, acronyms."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.knowledge import NameForms

Name = tuple[str, ...]  # a person's name words, folded, hyphens kept, honorifics and initials dropped


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case ASCII without soft hyphens or accents, straight apostrophes."""
    text = text.replace("\u00ad", "").replace("’", "'").replace("‘", "'")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s?$")


@lru_cache(maxsize=1 << 14)
def clean_surface(text: str) -> str:
    """A span as a name: one space between words, no soft hyphen, no leading article, no possessive."""
    text = " ".join(text.replace("\u00ad", "").split())
    return _POSSESSIVE.sub("", _ARTICLE.sub("", text)).strip()


@lru_cache(maxsize=16)
def _by_first_word(phrases: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases as word tuples under their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=lambda p: -len(p.split())):
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append(words)
    return {first: tuple(found) for first, found in index.items()}


def _leading_phrase(words: list[str], phrases: tuple[str, ...]) -> int:
    """How many words at the start form one of the (lower-case) phrases, the longest; 0 if none."""
    if not words:
        return 0
    folded = tuple(fold(w).rstrip(".,") for w in words[:6])
    for phrase in _by_first_word(phrases).get(folded[0], ()):
        if len(phrase) < len(words) and folded[:len(phrase)] == phrase:
            return len(phrase)
    return 0


@lru_cache(maxsize=1 << 15)
def name_surface(text: str, forms: NameForms, titles: tuple[str, ...] = ()) -> str:
    """The name itself as written: titles and honorifics before it dropped ("President Vladimir V. Putin"
    -> "Vladimir V. Putin"). `titles` are lower-case phrases, longest first."""
    words = clean_surface(text).split()
    while (size := _leading_phrase(words, forms.honorifics) or _leading_phrase(words, titles)) > 0:
        words = words[size:]
    return " ".join(words)


@lru_cache(maxsize=1 << 15)
def person_name(text: str, forms: NameForms, titles: tuple[str, ...] = ()) -> Name:
    """The words of a person's name that identify it: "Paul D. Ryan" and "Mr. Paul Ryan" are (paul, ryan)."""
    units = (fold(w).strip(".,") for w in name_surface(text, forms, titles).split())
    return tuple(u for u in units if len(u.replace(".", "")) > 1)


def _compact(name: Name) -> str:
    return "".join(name).replace("-", "").replace("'", "")


def _parts(name: Name) -> Name:
    return tuple(p for unit in name for p in unit.replace("'", "").split("-") if p)


def name_key(name: Name) -> str:
    """A name as the known-actor index writes it: "Moon Jae-in" and "Moon Jae In" are "moon jae in"."""
    return " ".join(_parts(name))


def given(word: str, forms: NameForms) -> str:
    return forms.given_names.get(word, word)


@lru_cache(maxsize=1 << 15)
def same_person(a: Name, b: Name, forms: NameForms) -> bool:
    """Can two full names (two words or more) name one person: the same words, in either order
    ("Abe Shinzo"), one a run at the start or end of the other ("Moon Jae" / "Moon Jae-in", "Van
    Rompuy" / "Herman Van Rompuy"), or one surname after the same given name ("Jim" / "James Mattis")."""
    if _compact(a) == _compact(b) or sorted(a) == sorted(b):
        return True
    short, long = sorted((_parts(a), _parts(b)), key=len)
    if 2 <= len(short) < len(long) and short in (long[:len(short)], long[-len(short):]):
        return True
    return _compact(a[-1:]) == _compact(b[-1:]) and given(a[0], forms) == given(b[0], forms)


def surname_only(name: Name, forms: NameForms) -> bool:
    """A surname with no given name: one word, or particles and one word ("Van Rompuy", "von der Leyen")."""
    return len(name) == 1 or all(unit in forms.particles for unit in name[:-1])


def surname(name: Name, forms: NameForms) -> Name:
    """The last word with the particles before it: "Herman Van Rompuy" -> (van, rompuy)."""
    start = len(name) - 1
    while start > 1 and name[start - 1] in forms.particles:
        start -= 1
    return name[start:]


def is_surname(short: Name, name: Name) -> bool:
    """Is a surname (one word, or particles and a word) how this full name ends, or the family's ("the Obamas")?"""
    if len(short) >= len(name):
        return False
    tail = _compact(name[-len(short):])
    return _compact(short) in (tail, tail + "s")


def is_given_name(word: str, name: Name, forms: NameForms) -> bool:
    """Is a single word one of the names before the surname ("Javad" of "Mohammad Javad Zarif")?"""
    return any(given(word, forms) == given(unit, forms) for unit in name[:-1])


def phrase_key(text: str) -> str:
    """A group's name as the known-actor index writes it: "Al-Shabab" is "al shabab"."""
    return " ".join(re.sub(r"[-_]", " ", re.sub(r"['.,]", "", fold(clean_surface(text)))).split())


def org_key(text: str, forms: NameForms) -> str:
    """An organisation's name without case, punctuation, spacing or a company form: "BFM-TV" = "BFMTV",
    "Mossack Fonseca & Co" = "Mossack Fonseca"."""
    name = fold(clean_surface(text))
    for suffix in forms.company_suffixes:
        if name.endswith(" " + suffix) or name.endswith(" " + suffix + "."):
            name = name[:name.rindex(" " + suffix)]
            break
    return re.sub(r"[^a-z0-9]+", "", name)


def acronym(text: str) -> str:
    """The letters of an acronym ("ICRC", "U.N."), or "" when the text is not one."""
    letters = text.replace(".", "").replace("&", "")
    if 2 <= len(letters) <= 8 and letters.isalnum() and letters.isupper() and sum(c.isalpha() for c in letters) >= 2:
        return letters
    return ""


def initials(text: str, forms: NameForms) -> str:
    """The acronym a name makes: "International Committee of the Red Cross" -> "ICRC"."""
    words = clean_surface(text).split()
    return "".join(w[0] for w in words if fold(w) not in forms.acronym_skips and w[0].isalpha()).upper()
