"""Ingest stage: scraped article text -> prose (typography, page furniture, headline, datelines, lines)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from kg.knowledge import CleaningRules, cleaning_rules

_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE)
_MD_HEADING = re.compile(r"\A#{1,6}\s+")
_TERMINAL = ('.', '!', '?', '"', "\u201d", "'", "\u2026", ':', ';', ')')
_BLOCK_BREAK = re.compile(r"\n\s*\n")
# a line ending in a comma or a word broken at its hyphen goes on on the next line
_OPEN_END = re.compile(r"(?:,|\w-)$")
_WORD = re.compile(r"\w")
_WORDS = re.compile(r"\w+")
_HEADLINE_WORD = re.compile(r"[^\W\d_]{4,}")  # words that show Title Case: "EU" or "of" say nothing
_AFTER_TITLE = re.compile(r"\A[^\w\s]*\s*")  # the title's closing punctuation
_HEADING_MAX_WORDS = 12
_HEADLINE_MAX_WORDS = 30
# hard-wrapped text is wrapped at no more than this many characters a line
_MAX_WRAP_WIDTH = 100
_MIN_WRAPPED_LINES = 3


@dataclass
class _Line:
    text: str
    broken: bool  # a blank line or cut furniture stood before it, not a single line break
    width: int  # characters of the last source line in it, for telling wrapped lines


def clean_article(raw: str, title: str = "") -> tuple[str, str, str]:
    """Return (body, title, date) from scraped article text.

    Normalises typography, drops the leading `date YYYY-MM-DD` marker, a headline (and the text's
    repetition of it, or of the given `title`), page furniture (captions, credits, bylines, video,
    share and related-story blocks), section headings, a dateline and trailing boilerplate; lines
    are joined only where one continues the other's sentence.
    """
    rules = cleaning_rules()
    text = normalise_characters(raw, rules)
    date = ""
    if match := _DATE_LINE.match(text):
        date, text = match.group(1), text[match.end():]
    paragraphs = _drop_boilerplate(_paragraphs(_lines(text, rules), _wrap_width(text)), rules)
    found, paragraphs = _headline(paragraphs, title)
    return "\n\n".join(_body(paragraphs, rules)), found, date


def with_headline(body: str, headline: str, rules: CleaningRules | None = None) -> str:
    """The body with its headline as the first paragraph, when the headline is written as a sentence
    ("EU countries adopt new sanctions against Russia"): headlines state an article's main facts. A
    headline in Title Case ("Iran FM: Talks Will Continue") stays out; the parser misreads it."""
    rules = rules or cleaning_rules()
    words = _HEADLINE_WORD.findall(headline)[1:]
    capitalised = sum(word[0].isupper() for word in words)
    if not words or capitalised > rules.headline_max_capitalised * len(words):
        return body
    return f"{headline}\n\n{body}" if body else headline


def normalise_characters(text: str, rules: CleaningRules | None = None) -> str:
    """Soft hyphens and zero-width characters out, typographic apostrophes and odd spaces plain."""
    rules = rules or cleaning_rules()
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(rules.characters)
    for pattern, replacement in rules.substitutions:
        text = pattern.sub(replacement, text)
    return text


def _lines(text: str, rules: CleaningRules) -> list[_Line]:
    """The text's lines with furniture cut out of them and furniture lines dropped."""
    gallery = _gallery_numbers(text, rules)
    found: list[_Line] = []
    broken = True
    for block in _BLOCK_BREAK.split(text):
        for source in block.split("\n"):
            width = len(" ".join(source.split()))
            for index, piece in enumerate(_pieces(source, rules, gallery)):
                piece = " ".join(piece.split())
                broken = broken or index > 0
                if _WORD.search(piece) and not _is_furniture(piece, rules):
                    found.append(_Line(piece, broken, width))
                    broken = False
        broken = True
    return found


def _is_furniture(line: str, rules: CleaningRules) -> bool:
    return len(line) <= rules.furniture_max_chars and any(p.fullmatch(line) for p in rules.furniture)


def _pieces(line: str, rules: CleaningRules, gallery: frozenset[str]) -> list[str]:
    """The parts of a line left between the furniture cut out of it."""
    for pattern in rules.cuts:
        line = pattern.sub("\n", line)
    pieces = line.split("\n")
    return [part for piece in pieces for part in _gallery_captions(piece, rules, gallery)] if gallery else pieces


def _gallery_numbers(text: str, rules: CleaningRules) -> frozenset[str]:
    """Picture counts of a caption gallery: "EPA 18 Leaders meet ... Reuters 18 Crowds ..."."""
    counts = Counter(m.group(1) for m in rules.gallery_count.finditer(text))
    return frozenset(n for n, count in counts.items() if count >= rules.gallery_repeats)


def _gallery_captions(piece: str, rules: CleaningRules, gallery: frozenset[str]) -> list[str]:
    """A piece split at each picture count, without the credit before the count."""
    parts, start = [], 0
    for match in rules.gallery_count.finditer(piece):
        if match.group(1) in gallery:
            parts.append(rules.gallery_credit.sub("", piece[start:match.start()]))
            start = match.end()
    return parts + [piece[start:]]


def _wrap_width(text: str) -> int:
    """The width a hard-wrapped text was wrapped at, 0 when it is not: lines followed by another
    line of their paragraph are, in wrapped text, many and all nearly as long as the longest."""
    inner = [len(" ".join(line.split())) for block in _BLOCK_BREAK.split(text) for line in block.split("\n")[:-1]]
    inner = [n for n in inner if n]
    if len(inner) < _MIN_WRAPPED_LINES or max(inner) > _MAX_WRAP_WIDTH or median(inner) < 0.8 * max(inner):
        return 0
    return max(inner)


def _continues(previous: _Line, line: _Line, wrap_width: int) -> bool:
    """Does `line` go on with the sentence `previous` left open?"""
    if previous.text.endswith(_TERMINAL):
        return False
    if line.text[:1].islower():
        return True
    if line.broken:
        return False
    if _OPEN_END.search(previous.text):
        return True
    return wrap_width > 0 and previous.width + 1 + len(line.text.split()[0]) > wrap_width


def _paragraphs(lines: list[_Line], wrap_width: int) -> list[str]:
    """Lines joined into paragraphs: a line joins the one before when it continues its sentence,
    or when both are prose (end a sentence) on consecutive lines; a line that is not prose
    stands alone, so it never glues onto a sentence."""
    runs: list[list[_Line]] = []
    for line in lines:
        if runs and _continues(runs[-1][-1], line, wrap_width):
            runs[-1].append(line)
        else:
            runs.append([line])
    paragraphs: list[list[str]] = []
    for run in runs:
        prose = run[-1].text.endswith(_TERMINAL)
        if paragraphs and not run[0].broken and prose and paragraphs[-1][-1].endswith(_TERMINAL):
            paragraphs[-1] += [line.text for line in run]
        else:
            paragraphs.append([line.text for line in run])
    return [" ".join(texts) for texts in paragraphs]


def _headline(paragraphs: list[str], given: str) -> tuple[str, list[str]]:
    """(headline found at the top, the rest without the text's repetition of the headline)."""
    found = ""
    if len(paragraphs) > 1 and _is_heading(paragraphs[0], _HEADLINE_MAX_WORDS) and _starts_sentence(paragraphs[1]):
        found = _MD_HEADING.sub("", paragraphs.pop(0))
    for title in dict.fromkeys(t for t in (found, given) if t):
        if paragraphs and (rest := _after_repetition(paragraphs[0], title)) is not None:
            paragraphs = ([rest] if rest else []) + paragraphs[1:]
    return found, paragraphs


def _after_repetition(paragraph: str, title: str) -> str | None:
    """What follows `title` when the paragraph opens with it and then starts a new sentence."""
    words = [w.casefold() for w in _WORDS.findall(normalise_characters(title))]
    opening = [m for m, _ in zip(_WORDS.finditer(paragraph), words)]
    if not words or [m.group().casefold() for m in opening] != words:
        return None
    rest = paragraph[opening[-1].end():]
    if _WORD.match(rest):
        return None
    rest = _AFTER_TITLE.sub("", rest, count=1)
    return rest if not rest or _starts_sentence(rest) else None


def _body(paragraphs: list[str], rules: CleaningRules) -> list[str]:
    body: list[list[str]] = []
    for index, paragraph in enumerate(paragraphs):
        paragraph = _without_dateline(paragraph, rules)
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        # a heading before a sentence, or the rest of a list of links after the article's end
        if _is_heading(paragraph) and (_starts_sentence(following) if following is not None else bool(body)):
            continue
        if body and not body[-1][-1].endswith(_TERMINAL) and paragraph[:1].islower():
            body[-1].append(paragraph)
        elif paragraph:
            body.append([paragraph])
    return [" ".join(parts) for parts in body]


def _without_dateline(paragraph: str, rules: CleaningRules) -> str:
    for pattern in rules.datelines:
        if (match := pattern.match(paragraph)) and _starts_sentence(paragraph[match.end():]):
            return paragraph[match.end():]
    return paragraph


def _starts_sentence(paragraph: str) -> bool:
    return paragraph.lstrip("\"'“‘«(—–- ")[:1].isupper()


def _is_heading(paragraph: str, max_words: int = _HEADING_MAX_WORDS) -> bool:
    if _MD_HEADING.match(paragraph):
        return True
    return len(paragraph.split()) <= max_words and not paragraph.endswith(_TERMINAL)


def _drop_boilerplate(paragraphs: list[str], rules: CleaningRules) -> list[str]:
    while paragraphs and any(p.fullmatch(paragraphs[-1]) for p in rules.boilerplate):
        paragraphs.pop()
    return paragraphs
