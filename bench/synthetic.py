"""Benchmark store: a synthetic graph in kg's own data model (kg.rdf quads), bulk-loaded once per size and cached."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import string
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from importlib import metadata
from itertools import accumulate
from pathlib import Path

import pyoxigraph as ox

from bench.corpus import vocabulary as corpus_vocabulary
from kg.knowledge import data_path, gazetteer, slug, vocabulary
from kg.rdf import document_quads
from kg.records import Assertion, Document, DocumentResult, Entity, Mention, ResolvedAssertion, Sentence
from kg.store import GraphStore

SUMMARY_FILE = "bench-store.json"  # written last: a folder without it is an interrupted load
ACTOR_TYPES = ("Country", "InternationalOrganization", "Treaty", "GovernmentBody")
PERSONS = 5000
MODALITIES = {"asserted": 70, "reported": 15, "planned": 5, "intended": 3, "demanded": 3, "conditional": 2,
              "hypothetical": 2}
RULES = ("svo", "title", "apposition", "event-noun", "passive", "predicative")
_SOURCES = (Path(__file__), Path(__file__).with_name("corpus.py"), Path(__file__).with_name("vocab.toml"),
            data_path("namespaces.toml"), data_path("gazetteer.tsv"))  # the gazetteer gives the entity pool


@dataclass(frozen=True)
class SyntheticGraph:
    folder: Path
    quads: int  # in the store, ontology graph included
    documents: int
    statements: int
    entities: int
    query_entity: str  # id of the entity the latency queries start from
    query_label: str


def _entity_pool(rng: random.Random) -> list[Entity]:
    """Gazetteer actors (countries with a Wikidata id) plus invented people, in popularity order
    (shuffled, deterministic)."""
    actors = sorted((e for e in gazetteer().entities.values()
                     if e.type in ACTOR_TYPES and (e.qid or e.type != "Country")), key=lambda e: e.id)
    words = corpus_vocabulary()
    names = sorted({f"{first} {initial}. {last}" for first in words["first_names"] for last in words["last_names"]
                    for initial in string.ascii_uppercase})
    people = [Entity(slug(name), name, "Person") for name in rng.sample(names, min(PERSONS, len(names)))]
    pool = actors + people
    rng.shuffle(pool)
    return pool


def _mention(entity: Entity, start: int) -> Mention:
    return Mention(entity.label, start, start + len(entity.label), entity.type, entity.id)


class _Documents:
    """Synthetic DocumentResults: a few sentences each, one to three statements per sentence."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.pool = _entity_pool(self.rng)
        self.entity_weights = list(accumulate(1 / (rank + 1) for rank in range(len(self.pool))))
        self.predicates = sorted(vocabulary())
        self.predicate_weights = list(accumulate(1 / (rank + 1) ** 0.5 for rank in range(len(self.predicates))))
        self.filler = corpus_vocabulary()["filler"]

    def _entity(self) -> Entity:
        return self.rng.choices(self.pool, cum_weights=self.entity_weights)[0]

    def _statement(self, sentence: Sentence, day: str) -> ResolvedAssertion:
        rng = self.rng
        subject, obj = self._entity(), self._entity()
        speaker = self._entity() if rng.random() < 0.15 else None
        assertion = Assertion(
            _mention(subject, sentence.start), rng.choices(self.predicates, cum_weights=self.predicate_weights)[0],
            _mention(obj, sentence.start + len(subject.label) + 1), sentence, rng.choice(RULES),
            polarity="negative" if rng.random() < 0.08 else "positive",
            modality=rng.choices(list(MODALITIES), weights=list(MODALITIES.values()))[0],
            attributed_to=_mention(speaker, sentence.start) if speaker else None,
            confidence=rng.choice((0.6, 0.7, 0.8, 0.9)), date_text="on Friday" if rng.random() < 0.2 else "")
        return ResolvedAssertion(assertion, subject, obj, speaker, day)

    def result(self, index: int) -> DocumentResult:
        rng = self.rng
        doc_id = f"dsynthetic{index:08d}"
        day = f"{2015 + rng.randrange(10)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        statements, offset = {}, 0
        for _ in range(rng.randint(4, 12)):
            text = " ".join(rng.sample(self.filler, 2))
            sentence = Sentence(doc_id, text, offset, offset + len(text))
            for _ in range(rng.randint(1, 3)):
                statement = self._statement(sentence, day)
                # the key names the statement node (kg.rdf): a second one alike would give it two confidences
                statements.setdefault(statement.key, statement)
            offset = sentence.end + 1
        entities = {e.id: e for s in statements.values() for e in (s.subject, s.object, s.attributed_to)
                    if e is not None}
        document = Document(doc_id, f"synthetic article {index}", f"Synthetic article {index}", day,
                            f"synthetic/{index}.txt")
        return DocumentResult(document, tuple(statements.values()), tuple(entities.values()))


def _quads(target: int, seed: int, store: GraphStore, tally: dict) -> Iterator[ox.Quad]:
    """Quads of synthetic documents, each document's as kg's store writes them, until `target` are stored."""
    documents, iris = _Documents(seed), store.iris
    known: set[str] = set()
    edges: dict[Entity, set[Entity]] = {}  # plain (truthy) edges between entities
    default_graph: set[ox.Quad] = set()  # the default graph is shared by documents: count each quad once
    tally.update(quads=len(store.oxigraph), documents=0, statements=0)
    while tally["quads"] < target:
        result = documents.result(tally["documents"])
        for quad in document_quads(result, iris, known):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                if quad in default_graph:
                    continue
                default_graph.add(quad)
            tally["quads"] += 1
            yield quad
        known |= {e.id for e in result.entities}
        for statement in (s for s in result.statements if s.truthy):
            edges.setdefault(statement.subject, set()).add(statement.object)
        tally["documents"] += 1
        tally["statements"] += len(result.statements)
    tally["entities"] = len(known)
    # the latency queries start from the country with the most two-edge paths: well connected, like the
    # entities real queries start from, and never an empty join
    paths = {e: sum(len(edges.get(n, ())) for n in near) for e, near in edges.items() if e.type == "Country"}
    country = max(paths, key=lambda e: (paths[e], e.id)) if paths else documents.pool[0]
    tally.update(query_entity=country.id, query_label=country.label)


def cache_key(target: int, seed: int) -> str:
    """Changes with the size, the seed, this generator, kg's RDF model and the pyoxigraph version."""
    import kg.rdf
    import kg.records

    digest = hashlib.sha256(f"{target}:{seed}:{metadata.version('pyoxigraph')}".encode())
    for path in (*_SOURCES, Path(kg.rdf.__file__), Path(kg.records.__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def synthetic_graph(cache_dir: Path, target: int, seed: int = 1,
                    progress: Callable[[str], None] = lambda message: None) -> SyntheticGraph:
    """A GraphStore folder holding at least `target` quads; reused when an identical one is cached."""
    folder = cache_dir / f"quads-{target}-{cache_key(target, seed)}"
    summary = folder / SUMMARY_FILE
    if summary.is_file():
        progress(f"reusing the synthetic store {folder}")
        return SyntheticGraph(folder=folder, **{k: v for k, v in json.loads(summary.read_text()).items()
                                                if k != "folder"})
    for stale in cache_dir.glob(f"quads-{target}-*"):
        shutil.rmtree(stale)
    progress(f"generating a synthetic store of {target:,} quads in {folder} (cached for later runs)")
    tally: dict = {}
    with GraphStore.create_or_open(folder) as store:
        store.oxigraph.bulk_extend(_quads(target, seed, store, tally))
        store.oxigraph.optimize()
        tally["quads"] = len(store.oxigraph)
    graph = SyntheticGraph(folder=folder, **tally)
    summary.write_text(json.dumps(asdict(graph) | {"folder": str(folder)}, indent=2))
    return graph
