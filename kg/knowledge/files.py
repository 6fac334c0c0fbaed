"""Knowledge: where the data files are and how they are read (TOML, tab-separated), for the modules beside it."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from kg.errors import KgError


class KnowledgeError(KgError):
    """A data file (bundled or user-supplied) is missing or malformed."""


def ontology_dir() -> Path:
    package = Path(__file__).parent.parent  # kg/
    installed = package / "ontologies"
    return installed if installed.is_dir() else package.parent / "ontologies"


def data_path(name: str) -> Path:
    return ontology_dir() / name


@cache
def read_toml(name: str) -> dict:
    with data_path(name).open("rb") as handle:
        return tomllib.load(handle)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "x"


_LINE_LIMIT = 1 << 20  # characters of one line of a data file


def tsv_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of a tab-separated file's lines, blank ones and # comments skipped,
    read as they come. Lines end at line feeds only: str.splitlines would also end them inside a
    name, at U+2028, vertical tabs, file separators ..."""
    try:
        with path.open(encoding="utf-8-sig", newline="\n") as handle:
            for number, line in enumerate(iter(lambda: handle.readline(_LINE_LIMIT + 1), ""), start=1):
                if len(line) > _LINE_LIMIT:  # /dev/zero, or a file that is no gazetteer: not read whole
                    raise KnowledgeError(f"{path}:{number}: a line longer than {_LINE_LIMIT:,} characters")
                line = line.removesuffix("\n").removesuffix("\r")
                if line.strip() and not line.startswith("#"):
                    yield number, line.split("\t")
    except (OSError, UnicodeDecodeError) as err:
        raise KnowledgeError(f"cannot read {path}: {err}") from None


def named_fields(path: Path, header: list[str],
                 lines: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, dict[str, str]]]:
    for number, fields in lines:
        if len(fields) > len(header):
            raise KnowledgeError(f"{path}:{number}: {len(fields)} tab-separated fields, the header has {len(header)}")
        yield number, dict(zip(header, fields))


def tsv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a tab-separated file whose first line names the columns."""
    lines = tsv_lines(path)
    _, header = next(lines, (0, []))
    return named_fields(path, header, lines)
