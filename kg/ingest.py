"""Ingest stage: files, folders, JSONL and stdin -> clean Documents."""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.cleaning import clean_article, with_headline
from kg.errors import KgError
from kg.knowledge import english_check
from kg.records import Document

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}  # controls, format characters (bidi overrides), line separators


@dataclass(frozen=True)
class Problem:
    """An input that could not be read; reported, never fatal for the rest."""

    source: str
    message: str

    def __str__(self) -> str:
        # a file name or id may hold terminal escapes and line breaks: shown, not obeyed
        return _visible(f"{self.source}: {self.message}")


def _visible(text: str) -> str:
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in _INVISIBLE else c for c in text)


class InputError(KgError):
    """A path given on the command line that cannot be used at all."""


def content_id(text: str) -> str:
    return "d" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# what an IRI path segment may hold (RFC 3987 ipchar) and / ? #: other characters of a document
# id are percent-encoded as UTF-8, "%" too, so that no two ids become one IRI
_UCSCHAR = "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
    f"{chr(plane << 16)}-{chr(plane << 16 | 0xfffd)}" for plane in range(1, 15))
_NOT_IRI = re.compile(f"[^A-Za-z0-9\\-._~!$&'()*+,;=:@/?#{_UCSCHAR}]")


def iri_safe(doc_id: str) -> str:
    """The id with every character an IRI cannot hold percent-encoded ("a b{" -> "a%20b%7B")."""
    return _NOT_IRI.sub(lambda m: "".join(f"%{byte:02X}" for byte in m.group().encode("utf-8", "surrogatepass")),
                        doc_id)


def make_document(raw: str, source: str, *, doc_id: str = "", title: str = "",
                  date: str = "", url: str = "", clean: bool = True) -> Document:
    """A Document from raw text; clean=False keeps the text exactly, so offsets match the input.
    An id an IRI cannot hold is made safe; the document keeps the original."""
    body, found_title, found_date = clean_article(raw, title) if clean else (raw, "", "")
    safe_id = iri_safe(doc_id)
    if clean:
        body = with_headline(body, title or found_title)
    return Document(
        id=safe_id or content_id(body),
        text=body,
        title=title or found_title,
        date=date or found_date,
        source=source,
        url=url,
        original_id=doc_id if safe_id != doc_id else "",
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


# the JSONL fields a Document takes besides its text, and how much of each is kept
_FIELDS = {"id": 200, "title": 1000, "date": 10, "url": 2000}
_SURROGATE = re.compile("[\ud800-\udfff]")
_CHUNK = 1 << 16


def _json_type(value) -> str:
    kinds = ((bool, "a boolean"), ((int, float), "a number"), (dict, "an object"), (list, "an array"))
    return next(name for kind, name in kinds if isinstance(value, kind))


def _record_fields(record) -> dict[str, str] | str:
    """A JSONL record's text and fields as strings, or what is wrong with them."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return 'record has no "text" string'
    fields = {"text": record["text"]}
    for key, keep in _FIELDS.items():
        value = record.get(key)
        if key == "id" and type(value) is int:  # numbered records are common: 17 is "17"
            value = str(value)
        if value is not None and not isinstance(value, str):
            return f'"{key}" is {_json_type(value)}, not a string'
        fields[key] = (value or "")[:keep]
    for key, value in fields.items():
        # a JSON escape can make half of a UTF-16 pair, which no UTF-8 output can carry
        if match := _SURROGATE.search(value):
            return f'"{key}" holds a lone surrogate (\\u{ord(match.group()):04x})'
    return fields


def _lines(stream: BinaryIO, limit: int, head: bytes = b"") -> Iterator[tuple[int, bytes | None]]:
    """(number, line) of a stream's lines, read one at a time (after `head`, bytes already read
    from it); a line longer than `limit` bytes is read past, not kept, and comes as None."""
    number = head.count(b"\n")
    pending = head.rpartition(b"\n")[2]
    while line := pending + stream.readline(limit + 1 - len(pending)):
        pending = b""
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def read_jsonl(stream: BinaryIO, source: str, clean: bool = True, max_chars: int = MAX_CHARS,
               head: bytes = b"") -> Iterator[Document | Problem]:
    """One document per line, read as they come; a bad line (binary, not UTF-8, malformed, too
    deep or too long, a field of the wrong type) costs only itself."""
    limit = 6 * max_chars + _CHUNK  # JSON writes a character in at most 6 bytes (\uXXXX)
    for number, raw_line in _lines(stream, limit, head):
        where = f"{source}:{number}"
        if raw_line is None:
            yield Problem(where, f"line longer than {limit:,} bytes, skipped")
            continue
        if not raw_line.strip():
            continue
        line = decode(raw_line, where)
        if isinstance(line, Problem):
            yield line
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(where, f"malformed JSON ({err.msg}), line skipped")
            continue
        except ValueError as err:  # a number of more than 4,300 digits
            yield Problem(where, f"malformed JSON ({str(err).split(';')[0]}), line skipped")
            continue
        except RecursionError:
            yield Problem(where, "JSON nested too deeply, line skipped")
            continue
        fields = _record_fields(record)
        if isinstance(fields, str):
            yield Problem(where, f"{fields}, line skipped")
            continue
        yield _document(fields.pop("text"), where, clean, max_chars, doc_id=fields.pop("id"), **fields)


def _read_text(stream: BinaryIO, source: str, clean: bool, max_chars: int, head: bytes = b"") -> Document | Problem:
    limit = 4 * max_chars  # UTF-8 writes a character in at most 4 bytes
    data = head + stream.read(max(limit + 1 - len(head), 0))
    if len(data) > limit:
        return Problem(source, f"too long (more than {limit:,} bytes; the limit is {max_chars:,} characters), skipped")
    text = decode(data, source)
    return text if isinstance(text, Problem) else _document(text, source, clean, max_chars)


def read_stream(stream: BinaryIO, source: str, *, jsonl: bool | None, clean: bool = True,
                max_chars: int = MAX_CHARS) -> Iterator[Document | Problem]:
    """Documents from a byte stream, never more of it in memory than one document's limit.
    jsonl=None: JSONL if the first thing in it is "{", else one plain text."""
    head = b""
    if jsonl is None:  # the leading whitespace and the byte after it
        while len(head) <= 4 * max_chars and (byte := stream.read(1)):
            head += byte
            if not byte.isspace():
                break
        jsonl = head.lstrip()[:1] == b"{"
    if jsonl:
        yield from read_jsonl(stream, source, clean, max_chars, head)
    else:
        yield _read_text(stream, source, clean, max_chars, head)


def read_bytes(data: bytes, source: str, *, jsonl: bool, clean: bool = True,
               max_chars: int = MAX_CHARS) -> Iterator[Document | Problem]:
    return read_stream(io.BytesIO(data), source, jsonl=jsonl, clean=clean, max_chars=max_chars)


def _not_regular(path: Path) -> str:
    """What a folder entry that is no regular file is."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "a broken symbolic link"
    kinds = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _folder(folder: Path) -> Iterator[Path | Problem]:
    """The readable files of a folder, recursively; what cannot be read as a file is reported,
    never opened (opening a FIFO waits for a writer)."""
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in TEXT_SUFFIXES | JSONL_SUFFIXES or path.is_dir():
            continue
        yield path if path.is_file() else Problem(path_text(path), f"{_not_regular(path)}, skipped")


def expand_paths(inputs: Iterable[str]) -> list[Path | Problem]:
    """Files to read, in a stable order, and folder entries that cannot be; raises InputError for
    a missing path. A FIFO or device named on its own is read, as far as the limits allow."""
    files: list[Path | Problem] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            files.extend(_folder(path))
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"no such file or folder: {path_text(path)}")
    return files


def read_inputs(inputs: Iterable[str], stdin: bytes | BinaryIO | None = None, *,
                clean: bool = True, max_chars: int = MAX_CHARS) -> Iterator[Document | Problem]:
    """Documents from paths ('-' means stdin: bytes or a binary stream); unreadable inputs come
    out as Problems.

    Missing paths raise InputError here, before anything is read.
    """
    if max_chars < 1:  # the byte limits of reading follow from it
        raise InputError(f"--max-chars must be at least 1, not {max_chars}")
    inputs = list(inputs)
    paths = expand_paths([name for name in inputs if name != "-"])
    stream = io.BytesIO(stdin) if isinstance(stdin, bytes) else stdin
    return _read_all(paths, stream if "-" in inputs else None, clean, max_chars)


def path_text(path: Path) -> str:
    """The path as text that any output can hold: bytes of a file name that are not UTF-8 (which
    Python keeps as lone surrogates) become U+FFFD."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_all(paths: list[Path | Problem], stdin: BinaryIO | None, clean: bool,
              max_chars: int) -> Iterator[Document | Problem]:
    if stdin is not None:
        yield from read_stream(stdin, "stdin", jsonl=None, clean=clean, max_chars=max_chars)
    for path in paths:
        if isinstance(path, Problem):
            yield path
            continue
        try:
            with path.open("rb") as handle:
                yield from read_stream(handle, path_text(path), jsonl=path.suffix.lower() in JSONL_SUFFIXES,
                                       clean=clean, max_chars=max_chars)
        except OSError as err:
            yield Problem(path_text(path), f"cannot read ({err.strerror or err})")
