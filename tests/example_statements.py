"""The example articles' graph written by hand: their statements as records, stored without spaCy.

The read side (query, export, cards, stats, validate, serve, viz, push, the API) is tested on this
graph, so a change to the extraction rules cannot break those tests; tests/test_golden.py checks
what the rules make of the same articles. The documents are the example files read by kg's ingest
stage; each statement names its sentence by its first words and its arguments by their words in
that sentence, or "words@id" for a pronoun or description that refers to an entity named before
("He@sergey_lavrov", "the alliance@nato": no name of the entity, so no alias of it).
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.ingest import read_inputs
from kg.knowledge import gazetteer
from kg.records import Assertion, Document, DocumentResult, Entity, Mention, ResolvedAssertion, Sentence
from kg.store import GraphStore

# surface words -> entity id, for every argument of the statements below
NAMES = {
    "United States": "united_states", "US": "united_states", "Washington": "united_states",
    "Intermediate-Range Nuclear Forces Treaty": "inf_treaty", "Open Skies Treaty": "open_skies_treaty",
    "Anti-Ballistic Missile Treaty": "abm_treaty", "Russia": "russia", "Russian": "russia", "Moscow": "russia",
    "Kremlin": "russia", "NATO": "nato", "Europe": "europe", "European Union": "european_union",
    "Ukraine": "ukraine", "Ukrainian": "ukraine", "European Commission": "european_commission",
    "Britain": "united_kingdom", "Canada": "canada", "Japan": "japan", "China": "china", "Chinese": "china",
    "Beijing": "china", "United Nations General Assembly": "un_general_assembly", "Hungary": "hungary",
    "Finland": "finland", "Finnish": "finland", "Turkey": "turkiye", "Sweden": "sweden", "Germany": "germany",
    "German": "germany", "Lithuanian": "lithuania", "France": "france", "French": "france", "Poland": "poland",
    "Brazil": "brazil", "India": "india", "Geneva": "geneva",
    "Mike Pompeo": "mike_pompeo", "Jens Stoltenberg": "jens_stoltenberg", "Sergei Lavrov": "sergey_lavrov",
    "Ursula von der Leyen": "ursula_von_der_leyen", "Sauli Niinisto": "sauli_niinisto",
    "Dmitry Peskov": "dmitry_peskov", "Volodymyr Zelensky": "volodymyr_zelensky",
    "Gitanas Nauseda": "gitanas_nauseda", "Emmanuel Macron": "emmanuel_macron", "Macron": "emmanuel_macron",
    "Olaf Scholz": "olaf_scholz", "Scholz": "olaf_scholz", "Sergei Ryabkov": "sergei_ryabkov",
    "Chinese Foreign Ministry": "china_foreign_ministry", "Russian delegation": "russia_delegation",
    "attack on Ukraine": "attack_on_ukraine", "joint declaration": "joint_declaration",
    "fast accession of Ukraine to NATO": "fast_accession_of_ukraine_to_nato",
    "enlargement of the European Union": "enlargement_of_the_european_union",
}

# the entities the gazetteer does not hold: id -> (label, type)
OTHERS = {
    "mike_pompeo": ("Mike Pompeo", "Person"), "jens_stoltenberg": ("Jens Stoltenberg", "Person"),
    "sergey_lavrov": ("Sergei Lavrov", "Person"), "ursula_von_der_leyen": ("Ursula von der Leyen", "Person"),
    "sauli_niinisto": ("Sauli Niinisto", "Person"), "dmitry_peskov": ("Dmitry Peskov", "Person"),
    "volodymyr_zelensky": ("Volodymyr Zelensky", "Person"), "gitanas_nauseda": ("Gitanas Nauseda", "Person"),
    "emmanuel_macron": ("Emmanuel Macron", "Person"), "olaf_scholz": ("Olaf Scholz", "Person"),
    "sergei_ryabkov": ("Sergei Ryabkov", "Person"), "europe": ("Europe", "Place"), "geneva": ("Geneva", "Place"),
    "china_foreign_ministry": ("Chinese Foreign Ministry", "GovernmentBody"),
    "russia_delegation": ("Russian delegation", "GovernmentBody"),
    "attack_on_ukraine": ("attack on Ukraine", "Issue"), "joint_declaration": ("joint declaration", "Issue"),
    "fast_accession_of_ukraine_to_nato": ("fast accession of Ukraine to NATO", "Issue"),
    "enlargement_of_the_european_union": ("enlargement of the European Union", "Issue"),
}

# per example (file name, or file name:line for JSONL): (sentence's first words, subject, predicate,
# object, and what differs from a plain asserted statement)
STATEMENTS = {
    "2019-treaty-withdrawal.txt": [
        ("The United States formally", "United States", "withdraws_from", "Intermediate-Range Nuclear Forces Treaty",
         {"rule": "svo", "date_text": "Friday"}),
        ("US Secretary of State", "Mike Pompeo", "minister_of", "US", {"rule": "title", "confidence": 0.9}),
        ("US Secretary of State", "Mike Pompeo", "citizen_of", "US", {"rule": "title-home", "confidence": 0.7}),
        ("US Secretary of State", "Mike Pompeo", "accuses", "Russia", {"rule": "svo"}),
        ("NATO supports the US", "Jens Stoltenberg", "leader_of", "NATO", {"rule": "title", "confidence": 0.9}),
        ("NATO supports the US", "NATO", "supports", "US", {"rule": "svo+event-agent", "modality": "reported",
                                                           "by": "Jens Stoltenberg", "confidence": 0.6}),
        ("The alliance blamed", "The alliance@nato", "accuses", "Russia", {"rule": "svo"}),
        ("Russian Foreign Minister", "Sergei Lavrov", "minister_of", "Russian", {"rule": "title", "confidence": 0.9}),
        ("Russian Foreign Minister", "Sergei Lavrov", "citizen_of", "Russian",
         {"rule": "title-home", "confidence": 0.7}),
        ("Russian Foreign Minister", "Sergei Lavrov", "criticizes", "United States", {"rule": "svo"}),
        ("He said the US", "US", "withdraws_from", "Open Skies Treaty",
         {"rule": "event-noun", "modality": "reported", "by": "He@sergey_lavrov", "confidence": 0.7}),
        ("He said the US", "US", "withdraws_from", "Anti-Ballistic Missile Treaty",
         {"rule": "event-noun", "modality": "reported", "by": "He@sergey_lavrov", "confidence": 0.7}),
        ("If Washington deploys", "Washington", "deploys_to", "Europe", {"rule": "svo", "modality": "conditional"}),
    ],
    "2022-sanctions.txt": [
        ("The European Union imposed", "European Union", "sanctions", "Russia",
         {"rule": "light-verb", "date_text": "Wednesday", "confidence": 0.7}),
        ("The European Union imposed", "Russian", "attacks", "Ukraine",
         {"rule": "event-noun", "date_text": "Wednesday", "confidence": 0.7}),
        ("European Commission President", "Ursula von der Leyen", "leader_of", "European Commission",
         {"rule": "title", "confidence": 0.9}),
        ("Britain and Canada", "Britain", "sanctions", "Russia", {"rule": "svo"}),
        ("Britain and Canada", "Canada", "sanctions", "Russia", {"rule": "svo"}),
        ("Britain and Canada", "Japan", "criticizes", "attack on Ukraine", {"rule": "svo+issue", "confidence": 0.6}),
        ("Britain and Canada", "attack on Ukraine", "concerns", "Ukraine", {"rule": "issue-concerns"}),
        ("China opposes the sanctions", "Chinese Foreign Ministry", "part_of", "Chinese",
         {"rule": "institution", "confidence": 0.95}),
        ("Beijing did not criticize", "Beijing", "criticizes", "Moscow", {"rule": "svo", "polarity": "negative"}),
        ("The United Nations General", "United Nations General Assembly", "criticizes", "Russia", {"rule": "svo"}),
        ("Hungary warned", "Hungary", "warns", "European Union", {"rule": "svo"}),
    ],
    "2023-alliance-enlargement.jsonl:1": [
        ("Finland joined NATO", "Finland", "joins", "NATO", {"rule": "svo", "date_text": "Tuesday, ending decades"}),
        ("Finnish President", "Sauli Niinisto", "leader_of", "Finnish", {"rule": "title", "confidence": 0.9}),
        ("Finnish President", "Sauli Niinisto", "citizen_of", "Finnish", {"rule": "title-home", "confidence": 0.7}),
        ("Finnish President", "Sauli Niinisto", "supports", "the alliance@nato", {"rule": "svo"}),
        ("Russia condemned the enlargement", "Russia", "warns", "Finland", {"rule": "svo"}),
        ("Turkey and Hungary", "Turkey", "supports", "Sweden", {"rule": "svo"}),
        ("Kremlin spokesman", "Dmitry Peskov", "spokesperson_for", "Kremlin", {"rule": "title", "confidence": 0.9}),
    ],
    "2023-alliance-enlargement.jsonl:2": [
        ("Ukrainian President", "Volodymyr Zelensky", "leader_of", "Ukrainian", {"rule": "title", "confidence": 0.9}),
        ("Ukrainian President", "Volodymyr Zelensky", "citizen_of", "Ukrainian",
         {"rule": "title-home", "confidence": 0.7}),
        ("Ukrainian President", "Volodymyr Zelensky", "criticizes", "NATO",
         {"rule": "svo+event-agent", "confidence": 0.6}),
        ("Germany and the United", "Germany", "opposes", "fast accession of Ukraine to NATO",
         {"rule": "svo+issue", "confidence": 0.6}),
        ("Germany and the United", "fast accession of Ukraine to NATO", "concerns", "Ukraine",
         {"rule": "issue-concerns"}),
        ("Germany and the United", "fast accession of Ukraine to NATO", "concerns", "NATO", {"rule": "issue-concerns"}),
        ("Germany and the United", "United States", "opposes", "fast accession of Ukraine to NATO",
         {"rule": "svo+issue", "confidence": 0.6}),
        ("Lithuania supports Ukraine", "Gitanas Nauseda", "leader_of", "Lithuanian",
         {"rule": "title", "confidence": 0.9}),
        ("Lithuania supports Ukraine", "Gitanas Nauseda", "citizen_of", "Lithuanian",
         {"rule": "title-home", "confidence": 0.7}),
    ],
    "2023-summit-geneva.md": [
        ("French President", "Emmanuel Macron", "leader_of", "French", {"rule": "title", "confidence": 0.9}),
        ("French President", "Emmanuel Macron", "citizen_of", "French", {"rule": "title-home", "confidence": 0.7}),
        ("French President", "Olaf Scholz", "leader_of", "German", {"rule": "title", "confidence": 0.9}),
        ("French President", "Olaf Scholz", "citizen_of", "German", {"rule": "title-home", "confidence": 0.7}),
        ("French President", "Emmanuel Macron", "meets_with", "Olaf Scholz", {"rule": "svo", "date_text": "Wednesday"}),
        ("French President", "Emmanuel Macron", "located_in", "Geneva",
         {"rule": "whereabouts", "date_text": "Wednesday", "confidence": 0.6}),
        ("France and Germany will", "France", "negotiates_with", "Poland",
         {"rule": "light-verb", "modality": "reported", "date_text": "next month", "date": "2023-07-01",
          "confidence": 0.7}),
        ("France and Germany will", "Germany", "negotiates_with", "Poland",
         {"rule": "light-verb", "modality": "reported", "date_text": "next month", "date": "2023-07-01",
          "confidence": 0.7}),
        ("Macron said France", "France", "supports", "enlargement of the European Union",
         {"rule": "svo+issue", "modality": "reported", "by": "Macron", "confidence": 0.6}),
        ("Macron said France", "enlargement of the European Union", "concerns", "European Union",
         {"rule": "issue-concerns"}),
        ("Scholz praised Poland", "Scholz", "supports", "Poland", {"rule": "svo"}),
        ("Brazil and India", "Brazil", "signs", "joint declaration",
         {"rule": "svo+issue", "polarity": "negative", "confidence": 0.6}),
        ("Brazil and India", "India", "signs", "joint declaration",
         {"rule": "svo+issue", "polarity": "negative", "confidence": 0.6}),
        ("The United States and Russia", "United States", "negotiates_with", "Russia",
         {"rule": "light-verb+coordination", "date_text": "January 2022", "date": "2022-01-01", "confidence": 0.7}),
        ("Russian Deputy Foreign", "Sergei Ryabkov", "minister_of", "Russian", {"rule": "title", "confidence": 0.9}),
        ("Russian Deputy Foreign", "Sergei Ryabkov", "citizen_of", "Russian",
         {"rule": "title-home", "confidence": 0.7}),
        ("Russian Deputy Foreign", "Russian delegation", "part_of", "Russian",
         {"rule": "institution", "confidence": 0.95}),
        ("Russian Deputy Foreign", "Sergei Ryabkov", "leader_of", "Russian delegation", {"rule": "svo"}),
    ],
}

_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _sentence(document: Document, opening: str) -> Sentence:
    start = document.text.index(opening)
    end = _SENTENCE_END.search(document.text, start).end()
    return Sentence(document.id, document.text[start:end], start, end)


class _Article:
    """One example document's statements and the entities they name, with the words naming them."""

    def __init__(self, document: Document):
        self.document = document
        self.gaz = gazetteer()
        self.surfaces: dict[str, set[str]] = {}

    def entity(self, entity_id: str) -> Entity:
        known = self.gaz.entities.get(entity_id)
        label, kind = (known.label, known.type) if known else OTHERS[entity_id]
        return Entity(entity_id, label, kind, known.qid if known else "", known.codes if known else (),
                      frozenset(self.surfaces.get(entity_id, ())))

    def argument(self, sentence: Sentence, surface: str) -> tuple[Mention, str]:
        words, _, refers_to = surface.partition("@")
        entity_id = refers_to or NAMES[words]
        found = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", sentence.text)
        start = sentence.start + found.start()
        names = self.surfaces.setdefault(entity_id, set())
        if not refers_to:
            names.add(words)
        return Mention(words, start, start + len(words), self.entity(entity_id).type), entity_id

    def statement(self, opening: str, subject: str, predicate: str, obj: str, extra: dict) -> tuple:
        sentence = _sentence(self.document, opening)
        (subject_mention, subject_id), (object_mention, object_id) = (self.argument(sentence, subject),
                                                                      self.argument(sentence, obj))
        speaker = self.argument(sentence, extra["by"]) if "by" in extra else None
        assertion = Assertion(subject_mention, predicate, object_mention, sentence, extra["rule"],
                              polarity=extra.get("polarity", "positive"), modality=extra.get("modality", "asserted"),
                              attributed_to=speaker[0] if speaker else None, confidence=extra.get("confidence", 0.8),
                              date_text=extra.get("date_text", ""))
        speaker_id = speaker[1] if speaker else None
        return assertion, subject_id, object_id, speaker_id, extra.get("date", self.document.date)

    def result(self, rows: list[tuple]) -> DocumentResult:
        parts = [self.statement(*row) for row in rows]  # first: every surface form of every entity
        statements = tuple(ResolvedAssertion(a, self.entity(s), self.entity(o), self.entity(by) if by else None, day)
                           for a, s, o, by, day in parts)
        return DocumentResult(self.document, statements, tuple(self.entity(e) for e in self.surfaces))


def example_results(examples: Path) -> list[DocumentResult]:
    """The example documents, as kg's ingest reads them, with the statements above."""
    documents = [d for d in read_inputs([str(examples)]) if isinstance(d, Document)]
    key = {d.id: Path(d.source).name for d in documents}
    return [_Article(d).result(STATEMENTS[key[d.id]]) for d in documents]


def write_example_graph(examples: Path, out: Path) -> Path:
    """A graph folder as `kg build examples/ --out OUT` writes it, from the statements above."""
    with GraphStore.create_or_open(out, model="hand-built") as store:
        for result in example_results(examples):
            store.add_document(result)
    return out
