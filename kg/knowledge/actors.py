"""Knowledge: known persons and armed groups by name, country and date (known_actors.tsv, then
known_actors_recent.tsv, hand-curated, for the people in office since the dictionaries' 2014)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from kg.knowledge.files import data_path, tsv_lines


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
        """From rows of known_actors.tsv: id, label, type, country, roles, names, surnames. A row of an id
        read before extends that actor (see _extend)."""
        merged: dict[str, tuple[str, ...]] = {}
        for row in rows:
            if len(row) == 7 and row[0] != "id":
                earlier = merged.get(row[0])
                merged[row[0]] = row if earlier is None else _extend(earlier, row)
        return cls(rows=merged,
                   by_name=_index((name, row[0]) for row in merged.values() for name in row[5].split("|") if name),
                   by_surname=_index((name, row[0]) for row in merged.values() for name in row[6].split("|") if name))

    def names(self, actor_id: str) -> list[str]:
        row = self.rows.get(actor_id)
        return row[5].split("|") if row is not None else []

    def actor(self, actor_id: str) -> KnownActor | None:
        row = self.rows.get(actor_id)
        if row is None:
            return None
        codes = (role.partition(":") for role in row[4].split("|") if role)
        spans = ((code, span.partition("/")) for code, _, span in codes)
        roles = tuple((code, start, end) for code, (start, _, end) in spans)
        return KnownActor(row[0], row[1], row[2], row[3], roles)


def _extend(row: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    """An actor's row with a later row of its id (known_actors_recent.tsv on known_actors.tsv): the later
    roles are added, one of the code and start of an earlier role replacing it (an end now known closes
    an open role); names and surnames are added; a label, type or country the later row gives replaces."""
    later = {role.partition("/")[0]: role for role in more[4].split("|") if role}
    roles = [later.pop(role.partition("/")[0], role) for role in row[4].split("|") if role]
    label, kind, country = (new or old for old, new in zip(row[1:4], more[1:4]))
    return (row[0], label, kind, country, "|".join([*roles, *later.values()]), _union(row[5], more[5]),
            _union(row[6], more[6]))


def _union(keys: str, more: str) -> str:
    return "|".join(dict.fromkeys(key for key in (*keys.split("|"), *more.split("|")) if key))


def _index(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for key, actor_id in pairs:
        index.setdefault(key, []).append(actor_id)
    return {key: tuple(ids) for key, ids in index.items()}


# The converted Phoenix dictionaries (to 2014), then the hand-curated people in office since, which extend them.
ACTOR_FILES = ("known_actors.tsv", "known_actors_recent.tsv")


@cache
def known_actors() -> KnownActors:
    """The known-actor index, read on first use: no gazetteer patterns, so
    the pipeline's start-up does not grow with it."""
    return KnownActors.from_rows(tuple(fields) for name in ACTOR_FILES for _, fields in tsv_lines(data_path(name)))
