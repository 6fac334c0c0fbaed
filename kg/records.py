"""Records passed between stages: plain frozen dataclasses, no spaCy."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Polarity(StrEnum):
    """Whether the sentence says the relation holds or negates it."""

    POSITIVE = "positive"
    NEGATIVE = "negative"


class Modality(StrEnum):
    """How the sentence holds the relation: as fact, as someone's report, or as something not (yet) done."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    PLANNED = "planned"
    INTENDED = "intended"
    CONDITIONAL = "conditional"
    DEMANDED = "demanded"
    HYPOTHETICAL = "hypothetical"


# The one definition of a plain edge: the statements that become edges of the default graph (and
# of the projection, the cards' support, the stats' truthy counts). kg.sparql writes it as SPARQL;
# tests hold shapes.ttl and the named queries, which spell it out, to it.
PLAIN_POLARITY = Polarity.POSITIVE
PLAIN_MODALITIES = (Modality.ASSERTED, Modality.REPORTED)


def is_plain(polarity: str, modality: str) -> bool:
    """Positive and asserted (or reported): a statement that is a plain graph edge."""
    return polarity == PLAIN_POLARITY and modality in PLAIN_MODALITIES

# The rule whose assertions name no object: it is the subject's state, which the resolve stage tells
# from the person the subject is ("President Francois Hollande" names no state; the object is the title).
STATE_OF_HOLDER = "title-state"

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
    polarity: Polarity = Polarity.POSITIVE
    modality: Modality = Modality.ASSERTED
    attributed_to: Mention | None = None
    confidence: float = 0.8
    date_text: str = ""  # the sentence's own time expression for the event ("on December 17", "last week")

    def __post_init__(self) -> None:
        # the extractors name them as words; an unknown word raises here, not in a later stage
        object.__setattr__(self, "polarity", Polarity(self.polarity))
        object.__setattr__(self, "modality", Modality(self.modality))


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
        """A plain graph edge (`is_plain`)."""
        return is_plain(self.assertion.polarity, self.assertion.modality)


@dataclass(frozen=True)
class DocumentResult:
    """Everything the graph stage needs to store one document."""

    document: Document
    statements: tuple[ResolvedAssertion, ...]
    entities: tuple[Entity, ...]
