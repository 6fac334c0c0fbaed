"""Evaluation stage: score extracted statements against gold files (span-annotated relation sets, seed rows)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.evaluate_articles import ArticleReport, GoldError, evaluate_articles
from kg.knowledge import GoldLabel, label_mapping, vocabulary
from kg.records import Document, DocumentResult, Mention, Polarity
from kg.settings import Settings

if TYPE_CHECKING:
    from kg.analyse import Pipeline

ProgressCallback = Callable[[int, int], None]  # (records done, records in all)


@dataclass(frozen=True)
class Scored:
    """Counts for one label (or all labels: micro average)."""

    label: str
    support: int  # gold triples
    found: int  # gold triples matched by some prediction
    predicted: int  # predicted triples mapped to this label
    correct: int  # predicted triples that match some gold triple

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "support": self.support, "predicted": self.predicted}


@dataclass(frozen=True)
class Argument:
    text: str
    spans: tuple[tuple[int, int], ...]  # the mention, and its antecedent when it is a pronoun

    def overlaps(self, other: Argument) -> bool:
        return any(a < d and c < b for a, b in self.spans for c, d in other.spans)


@dataclass(frozen=True)
class Triple:
    """A gold or predicted triple in one record, under a gold label."""

    record: str
    label: str
    subject: Argument
    object: Argument
    sentence: str
    rule: str = ""  # predicted triples: the extraction rule and the ontology relation
    predicate: str = ""
    symmetric: bool = False

    def matches(self, gold: Triple) -> bool:
        if self.record != gold.record or self.label != gold.label:
            return False
        if self.subject.overlaps(gold.subject) and self.object.overlaps(gold.object):
            return True
        return self.symmetric and self.subject.overlaps(gold.object) and self.object.overlaps(gold.subject)

    def as_dict(self) -> dict:
        record = {"record": self.record, "label": self.label, "subject": self.subject.text,
                  "object": self.object.text, "sentence": self.sentence}
        return record | ({"predicate": self.predicate, "rule": self.rule} if self.rule else {})


@dataclass(frozen=True)
class RelationReport:
    scheme: str
    per_label: tuple[Scored, ...]
    misses: tuple[Triple, ...]
    false_positives: tuple[Triple, ...]

    @property
    def micro(self) -> Scored:
        return Scored("micro", *(sum(getattr(s, f) for s in self.per_label)
                                 for f in ("support", "found", "predicted", "correct")))

    def as_dict(self, errors: bool = False) -> dict:
        micro = self.micro
        result = {"scheme": self.scheme, "precision": round(micro.precision, 4), "recall": round(micro.recall, 4),
                  "f1": round(micro.f1, 4), "support": micro.support, "predicted": micro.predicted,
                  "per_relation": {s.label: s.as_dict() for s in self.per_label}}
        if errors:
            result["misses"] = [t.as_dict() for t in self.misses]
            result["false_positives"] = [t.as_dict() for t in self.false_positives]
        return result


# ---- reading gold files ---------------------------------------------------------------------

def read_gold(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise GoldError(f"cannot read gold file {path}: {getattr(err, 'strerror', None) or err}") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise GoldError(f"{path}:{number}: malformed JSON ({err.msg})") from None
        if not isinstance(row, dict):
            raise GoldError(f"{path}:{number}: expected a JSON object")
        rows.append(row)
    if not rows:
        raise GoldError(f"{path}: no gold records")
    return rows


def is_article_rows(rows: list[dict]) -> bool:
    """Article rows name a document and a level (entity/must/should/forbid); relation sets carry text and
    triples."""
    return "level" in rows[0]


def _gold_triples(row: dict, where: str) -> Iterator[Triple]:
    try:
        entities = row["entities"]
        by_text: dict[str, dict] = {}
        for entity in entities:
            by_text.setdefault(entity["text"], entity)
        for triple in row["triples"]:
            ends = []
            for side in ("subject", "object"):
                index = triple.get(f"{side}_idx")
                entity = entities[index] if isinstance(index, int) else by_text[triple[side]]
                ends.append(Argument(entity["text"], ((entity["start"], entity["end"]),)))
            yield Triple(str(row["id"]), triple["relation"], ends[0], ends[1], row["text"])
    except (KeyError, IndexError, TypeError) as err:
        raise GoldError(f"{where}: gold record lacks entities/triples with offsets ({err})") from None


def _choose_scheme(rows: list[dict], schemes: dict[str, dict[str, GoldLabel]], scheme: str | None) -> str:
    if scheme is not None:
        if scheme not in schemes:
            raise GoldError(f"unknown scheme '{scheme}' (the mapping has: {', '.join(schemes)})")
        return scheme
    labels = {t.get("relation") for row in rows for t in row.get("triples", ())}
    best = max(schemes, key=lambda name: len(labels & set(schemes[name])))
    if not labels & set(schemes[best]):
        raise GoldError(f"no scheme in the mapping covers the gold labels ({', '.join(sorted(map(str, labels)))})")
    return best


# ---- relation sets ---------------------------------------------------------------------------

def _argument(m: Mention) -> Argument:
    spans = ((m.start, m.end),) + (((m.refers_to.start, m.refers_to.end),) if m.refers_to else ())
    return Argument(m.text, spans)


def predicted_triples(result: DocumentResult, labels: dict[str, GoldLabel]) -> Iterator[Triple]:
    """Positive statements mapped to gold labels, one per label and span pair."""
    seen = set()
    relations = vocabulary()
    for s in result.statements:
        a = s.assertion
        if a.polarity != Polarity.POSITIVE:
            continue
        for label in labels.values():
            if not label.accepts(a.predicate, s.subject.type, s.object.type):
                continue
            key = (label.name, a.subject.start, a.subject.end, a.object.start, a.object.end)
            if key not in seen:
                seen.add(key)
                yield Triple(result.document.id, label.name, _argument(a.subject), _argument(a.object),
                             a.sentence.text, a.rule, a.predicate,
                             label.symmetric or relations[a.predicate].symmetric)


def _undecidable(p: Triple, entities: dict[str, list[Argument]]) -> bool:
    """Both arguments inside one gold entity ("Niles | Ohio" in the gold mention "Niles , Ohio"):
    the gold cannot say whether such a pair is related, so it is neither right nor wrong."""
    return any(e.overlaps(p.subject) and e.overlaps(p.object) for e in entities.get(p.record, ()))


def score(gold: list[Triple], predicted: list[Triple], labels: Iterable[str], scheme: str) -> RelationReport:
    found = {i for i, g in enumerate(gold) if any(p.matches(g) for p in predicted)}
    correct = {i for i, p in enumerate(predicted) if any(p.matches(g) for g in gold)}
    per_label = tuple(
        Scored(label, sum(g.label == label for g in gold), sum(gold[i].label == label for i in found),
               sum(p.label == label for p in predicted), sum(predicted[i].label == label for i in correct))
        for label in labels)
    return RelationReport(scheme, per_label,
                          tuple(g for i, g in enumerate(gold) if i not in found),
                          tuple(p for i, p in enumerate(predicted) if i not in correct))


def evaluate_relations(rows: list[dict], pipeline: Pipeline, *, where: str = "gold", mapping: Path | None = None,
                       scheme: str | None = None, progress: ProgressCallback = lambda done, total: None
                       ) -> RelationReport:
    """Run extraction on each record's text (exactly as given) and score it against its triples."""
    schemes = label_mapping(mapping)
    chosen = _choose_scheme(rows, schemes, scheme)
    labels = schemes[chosen]
    entities = {str(row["id"]): [Argument(e["text"], ((e["start"], e["end"]),)) for e in row.get("entities", ())]
                for row in rows}
    gold = [t for n, row in enumerate(rows, start=1) for t in _gold_triples(row, f"{where}:{n}")
            if t.label in labels]
    documents = (Document(id=str(row["id"]), text=row["text"], source=f"{where}:{n}")
                 for n, row in enumerate(rows, start=1))
    predicted: list[Triple] = []
    for done, result in enumerate(pipeline.analyse(documents), start=1):
        predicted.extend(p for p in predicted_triples(result, labels) if not _undecidable(p, entities))
        progress(done, len(rows))
    return score(gold, predicted, labels, chosen)


def evaluate(gold: Path, settings: Settings = Settings(), *, docs: Path | None = None, mapping: Path | None = None,
             scheme: str | None = None, progress: ProgressCallback = lambda done, total: None,
             loaded: Callable[[], None] = lambda: None) -> RelationReport | ArticleReport:
    """Score extraction against a gold file: article rows (needs `docs`) or a span-annotated relation
    set. `loaded()` is called once the pipeline is loaded, before the first document."""
    rows = read_gold(gold)
    if is_article_rows(rows):
        if docs is None:
            raise GoldError(f"{gold} holds article rows (doc/level); give the folder of their documents with --docs")
        return evaluate_articles(rows, _pipeline(settings, loaded), docs, progress=progress)
    return evaluate_relations(rows, _pipeline(settings, loaded), where=str(gold), mapping=mapping, scheme=scheme,
                              progress=progress)


def _pipeline(settings: Settings, loaded: Callable[[], None]) -> Pipeline:
    from kg.analyse import Pipeline

    pipeline = Pipeline.load(settings)
    loaded()
    return pipeline
