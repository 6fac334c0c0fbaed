"""Ingest stage: files, folders, JSONL and stdin -> clean Documents."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.cleaning import clean_article
from kg.knowledge import english_check
from kg.records import Document
from kg.errors import KgError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

@dataclass(frozen=True)
class Problem:
    """An input that could not be read; reported, never fatal for the rest."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class InputError(KgError):
    """A path given on the command line that cannot be used at all."""


def content_id(text: str) -> str:
    return "d" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_document(raw: str, source: str, *, doc_id: str = "", title: str = "",
                  date: str = "", url: str = "", clean: bool = True) -> Document:
    """A Document from raw text; clean=False keeps the text exactly, so offsets match the input."""
    body, found_title, found_date = clean_article(raw, title) if clean else (raw, "", "")
    return Document(
        id=doc_id or content_id(body),
        text=body,
        title=title or found_title,
        date=date or found_date,
        source=source,
        url=url,
    )


# spaCy refuses longer texts by default (nlp.max_length); longer ones are skipped, not split.
MAX_CHARS = 1_000_000
_WORD = re.compile(r"[^\W\d_]+")


def decode(data: bytes, source: str) -> str | Problem:
    if not data.strip():
        return Problem(source, "empty input, skipped")
    if b"\x00" in data[:8192]:
        return Problem(source, "binary data (NUL bytes), skipped")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Problem(source, f"not valid UTF-8 (byte {err.start}), skipped")


def english_share(text: str) -> tuple[int, float]:
    """Words in the text, and the share of them that are English function words."""
    check = english_check()
    words = _WORD.findall(text[:20_000].lower())
    return len(words), sum(word in check.function_words for word in words) / max(len(words), 1)


def _usable(document: Document, source: str) -> Document | Problem:
    if not document.text:
        return Problem(source, "no article text after cleaning, skipped")
    words, share = english_share(document.text)
    check = english_check()
    if words >= check.min_words and share < check.min_share:
        return Problem(source, f"not English text ({share:.0%} English function words in {words} words), skipped")
    return document


def _document(text: str, source: str, clean: bool, max_chars: int, **fields: str) -> Document | Problem:
    if len(text) > max_chars:
        return Problem(source, f"too long ({len(text):,} characters; the limit is {max_chars:,}), skipped")
    return _usable(make_document(text, source, clean=clean, **fields), source)


def read_jsonl(data: bytes, source: str, clean: bool = True, max_chars: int = MAX_CHARS) -> Iterator[Document | Problem]:
    """One document per line; a bad line (binary, not UTF-8, malformed, too deep) costs only itself."""
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        if not raw_line.strip():
            continue
        where = f"{source}:{number}"
        line = decode(raw_line, where)
        if isinstance(line, Problem):
            yield line
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(where, f"malformed JSON ({err.msg}), line skipped")
            continue
        except RecursionError:
            yield Problem(where, "JSON nested too deeply, line skipped")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Problem(where, 'record has no "text" string, line skipped')
            continue
        fields = {key: str(record.get(key) or "") for key in ("id", "title", "date", "url")}
        yield _document(record["text"], where, clean, max_chars, doc_id=fields["id"][:200],
                        title=fields["title"][:1000], date=fields["date"][:10], url=fields["url"][:2000])


def read_bytes(data: bytes, source: str, *, jsonl: bool, clean: bool = True,
               max_chars: int = MAX_CHARS) -> Iterator[Document | Problem]:
    if jsonl:
        yield from read_jsonl(data, source, clean, max_chars)
        return
    text = decode(data, source)
    yield text if isinstance(text, Problem) else _document(text, source, clean, max_chars)


def expand_paths(inputs: Iterable[str]) -> list[Path]:
    """Files to read, in a stable order; raises InputError for a missing path."""
    files: list[Path] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"no such file or folder: {name}")
    return files


def read_inputs(inputs: Iterable[str], stdin: bytes | None = None, *,
                clean: bool = True, max_chars: int = MAX_CHARS) -> Iterator[Document | Problem]:
    """Documents from paths ('-' means stdin); unreadable inputs come out as Problems.

    Missing paths raise InputError here, before anything is read.
    """
    inputs = list(inputs)
    paths = expand_paths([name for name in inputs if name != "-"])
    return _read_all(paths, stdin if "-" in inputs else None, clean, max_chars)


def _read_all(paths: list[Path], stdin: bytes | None, clean: bool, max_chars: int) -> Iterator[Document | Problem]:
    if stdin is not None:
        yield from read_bytes(stdin, "stdin", jsonl=stdin.lstrip()[:1] == b"{", clean=clean, max_chars=max_chars)
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as err:
            yield Problem(str(path), f"cannot read ({err.strerror})")
            continue
        yield from read_bytes(data, str(path), jsonl=path.suffix.lower() in JSONL_SUFFIXES, clean=clean,
                              max_chars=max_chars)
