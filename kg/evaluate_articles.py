"""Evaluation stage: article-level gold (must / should / forbid fact rows, and for exhaustive sets entity
rows) judged on each article's plain edges and nodes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KgError
from kg.records import DocumentResult, Entity, Polarity, ResolvedAssertion

if TYPE_CHECKING:
    from kg.analyse import Pipeline

ProgressCallback = Callable[[int, int], None]
FACT_LEVELS = ("must", "should")
_STOPWORDS = {"the", "a", "an", "of", "on", "and", "to", "by", "in", "for", "between", "its", "their"}


class GoldError(KgError):
    """A gold file that cannot be read or has an unknown format."""


def normalise(text: str) -> str:
    """A name as gold and graph both write it: case, spacing, apostrophes, soft hyphens, a leading
    article or honorific and a trailing possessive do not count."""
    text = text.replace("\u00ad", "").replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s*-\s*", "-", " ".join(text.lower().split()))
    text = re.sub(r"^(?:the|mr|mrs|ms)\.?\s+", "", text)
    return re.sub(r"'s?$", "", text)


def _content_words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"\w+", text.lower()) if w not in _STOPWORDS}


def _same_issue(own: str, other: str) -> bool:
    """Two descriptions of one issue: the content words of one hold the other's."""
    own_words, other_words = _content_words(own), _content_words(other)
    return bool(own_words) and (own_words <= other_words or other_words <= own_words)


def names_match(gold: str, entity: Entity, surface: str) -> bool:
    """Does a gold name denote this entity? Issues match when one description contains the other."""
    if gold == "*":
        return True
    wanted = normalise(gold)
    if wanted in {normalise(entity.label), normalise(surface), *(normalise(a) for a in entity.aliases)}:
        return True
    if entity.type != "Issue":
        return False
    return _same_issue(entity.label, gold)


@dataclass(frozen=True)
class GoldEntity:
    label: str
    type: str
    names: frozenset[str]  # the label and every alias, normalised


@dataclass(frozen=True)
class ArticleGold:
    """One article's gold: its entity rows (empty where annotation is not exhaustive) and fact rows."""

    doc: str
    entities: tuple[GoldEntity, ...]
    rows: tuple[dict, ...]

    @property
    def exhaustive(self) -> bool:
        return bool(self.entities)

    def by_label(self, label: str) -> GoldEntity | None:
        return next((g for g in self.entities if g.label == label), None)

    def identity(self, entity: Entity) -> tuple[GoldEntity, ...]:
        """The gold entities a graph node stands for: by its label, else by any of its surface forms."""
        label = normalise(entity.label)
        by_label = tuple(g for g in self.entities if label in g.names)
        if by_label or entity.type == "Issue" and (by_label := self._issues(entity.label)):
            return by_label
        aliases = {normalise(a) for a in entity.aliases}
        return tuple(g for g in self.entities if aliases & g.names)

    def _issues(self, label: str) -> tuple[GoldEntity, ...]:
        # a described agreement is an issue of the graph and may be a treaty of the gold, as fact rows allow
        return tuple(g for g in self.entities
                     if g.type in {"Issue", "Treaty"} and any(_same_issue(label, n) for n in g.names))

    def side_matches(self, labels: str | list[str], entity: Entity, surface: str) -> bool:
        for label in labels if isinstance(labels, list) else [labels]:
            gold = self.by_label(label)
            if gold is None:
                if names_match(label, entity, surface):
                    return True
            elif gold in self.identity(entity) or normalise(surface) in gold.names:
                return True
        return False

    def row_matches(self, row: dict, s: ResolvedAssertion, symmetric: bool) -> bool:
        relations = row["relation"] if isinstance(row["relation"], list) else [row["relation"]]
        if "*" not in relations and s.assertion.predicate not in relations:
            return False
        subject, obj = (s.subject, s.assertion.subject.text), (s.object, s.assertion.object.text)
        if self.side_matches(row["subject"], *subject) and self.side_matches(row["object"], *obj):
            return True
        return symmetric and self.side_matches(row["subject"], *obj) and self.side_matches(row["object"], *subject)


def article_gold(rows: list[dict]) -> dict[str, ArticleGold]:
    """Rows grouped by article; fact rows need subject, relation and object, entity rows a label."""
    entities: dict[str, list[GoldEntity]] = {}
    facts: dict[str, list[dict]] = {}
    for number, row in enumerate(rows, start=1):
        if row.get("level") == "entity":
            if not isinstance(row.get("label"), str) or "doc" not in row:
                raise GoldError(f"gold row {number}: an entity row needs doc and label")
            names = frozenset(normalise(n) for n in [row["label"], *row.get("aliases", ())])
            entities.setdefault(row["doc"], []).append(GoldEntity(row["label"], row.get("type", ""), names))
        elif {"doc", "level", "subject", "relation", "object"} <= set(row):
            facts.setdefault(row["doc"], []).append(row)
        else:
            raise GoldError(f"gold row {number} needs doc, level, subject, relation and object")
    return {doc: ArticleGold(doc, tuple(entities.get(doc, ())), tuple(facts.get(doc, ())))
            for doc in entities.keys() | facts.keys()}


@dataclass(frozen=True)
class RowOutcome:
    row: dict
    ok: bool  # must/should: found as a plain edge; forbid: no plain edge matches it
    evidence: ResolvedAssertion | None  # the statement that found (or violated) the row

    def as_dict(self) -> dict:
        found = None
        if self.evidence is not None:
            s = self.evidence
            found = {"subject": s.subject.label, "predicate": s.assertion.predicate, "object": s.object.label,
                     "polarity": s.assertion.polarity, "modality": s.assertion.modality,
                     "sentence": s.assertion.sentence.text}
        return {"doc": self.row["doc"], "level": self.row["level"], "subject": self.row["subject"],
                "relation": self.row["relation"], "object": self.row["object"], "ok": self.ok, "statement": found}


@dataclass(frozen=True)
class PlainEdge:
    subject: Entity
    predicate: str
    object: Entity
    statements: tuple[ResolvedAssertion, ...]
    correct: bool

    def as_dict(self) -> dict:
        return {"subject": self.subject.label, "predicate": self.predicate, "object": self.object.label,
                "sentence": self.statements[0].assertion.sentence.text, "rule": self.statements[0].assertion.rule}


@dataclass(frozen=True)
class ArticleScore:
    doc: str
    outcomes: tuple[RowOutcome, ...]
    exhaustive: bool
    edges: tuple[PlainEdge, ...] = ()
    duplicates: tuple[tuple[str, tuple[Entity, ...]], ...] = ()  # gold label, the 2+ nodes it landed on
    found_entities: int = 0  # gold entities that landed on at least one node
    junk: tuple[Entity, ...] = ()
    nodes: int = 0

    def count(self, level: str) -> tuple[int, int]:
        rows = [o for o in self.outcomes if o.row["level"] == level]
        return sum(o.ok for o in rows), len(rows)


def _plain_edges(result: DocumentResult) -> dict[tuple[str, str, str], list[ResolvedAssertion]]:
    edges: dict[tuple[str, str, str], list[ResolvedAssertion]] = {}
    for s in result.statements:
        if s.truthy:
            edges.setdefault((s.subject.id, s.assertion.predicate, s.object.id), []).append(s)
    return edges


def _candidates(gold: ArticleGold, row: dict, result: DocumentResult) -> Iterable[ResolvedAssertion]:
    """The statements a row is judged on. Exhaustive gold follows its guide: plain edges only. Hand-picked
    seed rows also name planned and reported events (plans_meeting_with), so any positive statement meets
    them, and a forbid row is broken by any statement, or by plain ones of the polarity it names."""
    if gold.exhaustive:
        return (s for s in result.statements if s.truthy)
    if row["level"] != "forbid":
        return (s for s in result.statements if s.assertion.polarity == Polarity.POSITIVE)
    polarity = row.get("polarity")
    return (s for s in result.statements if polarity is None or (s.assertion.polarity == polarity and s.truthy))


def _judge_row(gold: ArticleGold, row: dict, result: DocumentResult, symmetric: Callable[[str], bool]) -> RowOutcome:
    if row["level"] == "forbid" and row["relation"] == ["*"] and row["object"] == "*":
        # "no such entity may appear", judged on canonical labels: "Washington" acting for the
        # United States is no such entity
        wanted = normalise(row["subject"])
        named = next((s for s in result.statements if wanted in {normalise(s.subject.label),
                                                                 normalise(s.object.label)}), None)
        appears = named is not None or any(normalise(e.label) == wanted for e in result.entities)
        return RowOutcome(row, not appears, named)
    hit = next((s for s in _candidates(gold, row, result)
                if gold.row_matches(row, s, symmetric(s.assertion.predicate))), None)
    return RowOutcome(row, (hit is None) == (row["level"] == "forbid"), hit)


def score_article(gold: ArticleGold, result: DocumentResult, symmetric: Callable[[str], bool]) -> ArticleScore:
    outcomes = tuple(_judge_row(gold, row, result, symmetric) for row in gold.rows)
    if not gold.exhaustive:
        return ArticleScore(gold.doc, outcomes, False)
    edges = _plain_edges(result)
    facts = [row for row in gold.rows if row["level"] in FACT_LEVELS]
    forbid = [row for row in gold.rows if row["level"] == "forbid"]

    def right(s: ResolvedAssertion) -> bool:
        sym = symmetric(s.assertion.predicate)
        return any(gold.row_matches(row, s, sym) for row in facts)

    def wrong(s: ResolvedAssertion) -> bool:
        return any(gold.row_matches(row, s, symmetric(s.assertion.predicate)) for row in forbid)

    judged = tuple(PlainEdge(group[0].subject, predicate, group[0].object, tuple(group),
                             any(map(right, group)) and not any(map(wrong, group)))
                   for (_, predicate, _), group in edges.items())
    nodes = result.entities
    identities = {e.id: gold.identity(e) for e in nodes}
    landed = {g.label: tuple(e for e in nodes if g in identities[e.id]) for g in gold.entities}
    return ArticleScore(gold.doc, outcomes, True, judged,
                        tuple((label, found) for label, found in landed.items() if len(found) > 1),
                        sum(bool(found) for found in landed.values()),
                        tuple(e for e in nodes if not identities[e.id]), len(nodes))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass(frozen=True)
class ArticleReport:
    articles: tuple[ArticleScore, ...]

    @property
    def exhaustive(self) -> bool:
        return any(a.exhaustive for a in self.articles)

    @property
    def outcomes(self) -> tuple[RowOutcome, ...]:
        return tuple(o for a in self.articles for o in a.outcomes)

    def count(self, level: str) -> tuple[int, int]:
        return self._level(self.articles, level)

    def totals(self, articles: Iterable[ArticleScore] | None = None) -> dict:
        """Precision over plain edges, recall of must and should rows, forbid rows violated, duplicate
        rate (gold entities on 2+ nodes, of those on any) and junk rate (nodes matching no gold entity)."""
        scored = [a for a in (self.articles if articles is None else articles) if a.exhaustive]
        edges = [e for a in scored for e in a.edges]
        must, should = (self._level(scored, level) for level in FACT_LEVELS)
        violated = sum(not o.ok for a in scored for o in a.outcomes if o.row["level"] == "forbid")
        duplicates, found = sum(len(a.duplicates) for a in scored), sum(a.found_entities for a in scored)
        junk, nodes = sum(len(a.junk) for a in scored), sum(a.nodes for a in scored)
        return {"precision": round(_ratio(sum(e.correct for e in edges), len(edges)), 4), "plain_edges": len(edges),
                "must_recall": round(_ratio(*must), 4), "must": {"found": must[0], "total": must[1]},
                "should_recall": round(_ratio(*should), 4), "should": {"found": should[0], "total": should[1]},
                "forbid_violated": violated, "duplicate_rate": round(_ratio(duplicates, found), 4),
                "duplicates": duplicates, "junk_rate": round(_ratio(junk, nodes), 4), "junk": junk, "nodes": nodes}

    @staticmethod
    def _level(articles: Iterable[ArticleScore], level: str) -> tuple[int, int]:
        counts = [a.count(level) for a in articles]
        return sum(ok for ok, _ in counts), sum(total for _, total in counts)

    def as_dict(self, errors: bool = True) -> dict:
        result: dict[str, object] = {}
        for level, key in (("must", "found"), ("should", "found"), ("forbid", "respected")):
            ok, total = self.count(level)
            result[level] = {key: ok, "total": total}
        if self.exhaustive:
            result["overall"] = self.totals()
            result["articles"] = {a.doc: self.totals([a]) for a in self.articles}
            if errors:
                result["false_edges"] = [e.as_dict() | {"doc": a.doc} for a in self.articles
                                         for e in a.edges if not e.correct]
                result["duplicates"] = [{"doc": a.doc, "gold": label, "nodes": [e.id for e in found]}
                                        for a in self.articles for label, found in a.duplicates]
                result["junk"] = [{"doc": a.doc, "id": e.id, "label": e.label, "type": e.type}
                                  for a in self.articles for e in a.junk]
        result["rows"] = [o.as_dict() for o in self.outcomes if errors or not o.ok]
        return result


def evaluate_articles(rows: list[dict], pipeline: Pipeline, docs: Path, *,
                      progress: ProgressCallback = lambda done, total: None) -> ArticleReport:
    """Build the articles in `docs` that the rows name (cleaned as `kg build` does) and judge them."""
    from kg.ingest import Problem, read_inputs
    from kg.knowledge import vocabulary

    golds = article_gold(rows)
    documents = [d for d in read_inputs([str(docs)]) if not isinstance(d, Problem)
                 and Path(d.source).name in golds]
    if missing := golds.keys() - {Path(d.source).name for d in documents}:
        raise GoldError(f"gold documents not found in {docs}: {', '.join(sorted(map(str, missing)))}")
    relations = vocabulary()

    def symmetric(predicate: str) -> bool:
        return predicate in relations and relations[predicate].symmetric

    scores = {}
    for done, result in enumerate(pipeline.analyse(documents), start=1):
        name = Path(result.document.source).name
        scores[name] = score_article(golds[name], result, symmetric)
        progress(done, len(documents))
    return ArticleReport(tuple(scores[doc] for doc in sorted(scores)))
