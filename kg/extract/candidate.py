"""Extraction stage: the Candidate record every rule yields."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.records import Mention


@dataclass(frozen=True)
class Candidate:
    """A relation found by a rule, before polarity/modality/attribution are read."""

    subject: Mention
    predicate: str
    object: Mention
    rule: str
    trigger: Token | None  # None for static facts (titles, institutions): always asserted
    confidence: float
