"""Records passed between stages: plain frozen dataclasses, no spaCy."""

from __future__ import annotations

from dataclasses import dataclass, field

TRUTHY_MODALITIES = ("asserted", "reported")


@dataclass(frozen=True)
class Document:
    """One article after ingest: clean body text plus metadata."""

    id: str
    text: str
    title: str = ""
    date: str = ""  # ISO date (YYYY-MM-DD) or ""
    source: str = ""  # file path, "stdin" or "file.jsonl:LINE"
    url: str = ""
    original_id: str = ""  # the id as given, when an IRI could not hold it (id is then made safe)


@dataclass(frozen=True)
class Mention:
    """A surface span in a document that names (or stands for) an entity."""

    text: str
    start: int  # character offsets into Document.text
    end: int
    type: str  # ontology class local name: Person, Country, Organization, ...
    key: str = ""  # gazetteer id when the span matched the gazetteer
    refers_to: Mention | None = None  # antecedent of a pronoun or definite description
    label: str = ""  # canonical label when the extractor knows it (issues, with references resolved)


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Assertion:
    """One extracted statement: subject predicate object, with its context."""

    subject: Mention
    predicate: str
    object: Mention
    sentence: Sentence
    rule: str
    polarity: str = "positive"  # positive | negative
    modality: str = "asserted"  # asserted | reported | planned | intended | conditional | demanded | hypothetical
    attributed_to: Mention | None = None
    confidence: float = 0.8
    date_text: str = ""  # the sentence's own time expression for the event ("on December 17", "last week")


@dataclass(frozen=True)
class Extraction:
    """What the extraction stage found in one document."""

    document: Document
    assertions: tuple[Assertion, ...]
    mentions: tuple[Mention, ...]  # every entity mention, in text order


@dataclass(frozen=True)
class Entity:
    """A canonical real-world entity that mentions resolve to."""

    id: str
    label: str
    type: str
    qid: str = ""
    codes: tuple[tuple[str, str], ...] = ()  # (scheme, code) e.g. ("iso3", "RUS")
    aliases: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class ResolvedAssertion:
    """An assertion whose arguments are canonical entities."""

    assertion: Assertion
    subject: Entity
    object: Entity
    attributed_to: Entity | None
    date: str  # ISO date of the event: stated in the sentence, else the article's date, else ""

    @property
    def key(self) -> tuple:
        """What makes a statement one: a sentence saying it twice in two surface forms says it once."""
        a = self.assertion
        return (a.sentence.doc_id, a.sentence.start, self.subject.id, a.predicate, self.object.id, a.polarity,
                a.modality, a.rule)

    @property
    def truthy(self) -> bool:
        """Positive and asserted (or reported): the statements that become plain graph edges."""
        return self.assertion.polarity == "positive" and self.assertion.modality in TRUTHY_MODALITIES


@dataclass(frozen=True)
class DocumentResult:
    """Everything the graph stage needs to store one document."""

    document: Document
    statements: tuple[ResolvedAssertion, ...]
    entities: tuple[Entity, ...]
