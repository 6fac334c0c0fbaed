"""Knowledge: the relation lexicon (lexicon.toml, cameo_verbs.toml) with the titles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from functools import cache

from kg.knowledge.files import KnowledgeError, read_toml
from kg.knowledge.names import name_forms
from kg.knowledge.titles import TitleRole, titles


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
    mutual: bool = False  # each argument does it to the other: forces that fight each other both attack
    # the predicate when the object fills this slot: "fired missiles over Japan" threatens, "at Japan" attacks
    by_slot: tuple[tuple[str, str], ...] = ()

    @property
    def preposition_slots(self) -> tuple[str, ...]:
        """The object slots that are prepositions ("prep:on"), which the parser may hang on a neighbour."""
        return tuple(slot for slot in self.object_slots if slot.startswith("prep:"))

    def in_slot(self, slot: str) -> Trigger:
        """The trigger as it reads with its object in `slot`."""
        predicate = dict(self.by_slot).get(slot)
        return replace(self, predicate=predicate) if predicate else self

    def predicate_for(self, subject_type: str, object_type: str) -> str:
        fits = ((not self.subject_types or subject_type in self.subject_types)
                and (not self.object_types or object_type in self.object_types))
        return self.predicate if fits else self.otherwise


_FILE = "lexicon.toml"
_TRIGGER_KEYS = ("predicate", "object", "subject", "subject_types", "object_types", "otherwise", "mutual",
                 "by_slot")


def _words(value: object, key: str) -> frozenset[str]:
    if not (isinstance(value, list) and all(isinstance(word, str) for word in value)):
        raise KnowledgeError(f"{_FILE}: {key!r} is not a list of words")
    return frozenset(value)


def _table(value: object, key: str) -> dict:
    if not isinstance(value, dict):
        raise KnowledgeError(f"{_FILE}: {key!r} is not a table")
    return value


def _word_table(value: object, key: str) -> dict[str, str]:
    table = _table(value, key)
    if bad := next((name for name, word in table.items() if not isinstance(word, str)), None):
        raise KnowledgeError(f"{_FILE}: {key}.{bad} is not a word")
    return dict(table)


def _word_sets(value: object, key: str) -> dict[str, frozenset[str]]:
    return {name: _words(words, f"{key}.{name}") for name, words in _table(value, key).items()}


def _triggers(file: str, table: dict, key: str, default_slots: list[str]) -> dict[str, Trigger]:
    found = {}
    for lemma, spec in _table(table, key).items():
        where = f"{file}: {key}.{lemma}"
        if unknown := sorted(set(_table(spec, f"{key}.{lemma}")) - set(_TRIGGER_KEYS)):
            raise KnowledgeError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(_TRIGGER_KEYS)})")
        if "predicate" not in spec:
            raise KnowledgeError(f"{where}: key 'predicate' is missing")
        if not isinstance(spec.get("mutual", False), bool):
            raise KnowledgeError(f"{where}: 'mutual' is true or false")
        by_slot = _word_table(spec.get("by_slot", {}), f"{key}.{lemma}.by_slot")
        found[lemma] = Trigger(lemma, spec["predicate"], tuple(spec.get("object", default_slots)),
                               spec.get("subject", "agent") == "patient", frozenset(spec.get("subject_types", ())),
                               frozenset(spec.get("object_types", ())), spec.get("otherwise", ""),
                               spec.get("mutual", False), tuple(by_slot.items()))
    return found


def _verbs(value: object, key: str) -> dict[str, Trigger]:
    # verbs mined from CAMEO (tools/cameo_verbs.py) under the hand-written ones, which win
    mined = _triggers("cameo_verbs.toml", read_toml("cameo_verbs.toml")["verbs"], "verbs", ["dobj"])
    return mined | _triggers(_FILE, _table(value, key), key, ["dobj"])


def _nouns(value: object, key: str) -> dict[str, Trigger]:
    return _triggers(_FILE, _table(value, key), key, ["prep:of"])


def _adjectives(value: object, key: str) -> dict[str, Trigger]:
    return _triggers(_FILE, _table(value, key), key, ["prep:to"])


def _institutions(value: object, key: str) -> frozenset[str]:
    table = _table(value, key)
    if set(table) != {"nouns"}:
        raise KnowledgeError(f"{_FILE}: [{key}] holds one list, nouns")
    return _words(table["nouns"], f"{key}.nouns")


# How a key of lexicon.toml is read, by the type of the Lexicon field of its name; a field may name its own reader
_READERS = {"frozenset[str]": _words, "dict[str, str]": _word_table, "dict[str, frozenset[str]]": _word_sets}
_DERIVED = {"derived": True}  # a field made from others, no key of the file


def _read_by(reader) -> dict:
    return {"read": reader}


@dataclass(frozen=True)
class Lexicon:
    """lexicon.toml as read: each top-level key is the field of its name, read as its type says
    (a list of words, a table of words or of word lists) or by the field's own reader."""

    verbs: dict[str, Trigger] = field(metadata=_read_by(_verbs))
    nouns: dict[str, Trigger] = field(metadata=_read_by(_nouns))
    adjectives: dict[str, Trigger] = field(metadata=_read_by(_adjectives))
    institutions: frozenset[str] = field(metadata=_read_by(_institutions))
    modality: dict[str, frozenset[str]]  # without conditional_markers
    ner_types: dict[str, str]
    predicative_nouns: dict[str, str]
    definite_descriptions: dict[str, frozenset[str]]
    nominalizations: dict[str, str]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    issue_predicates: frozenset[str]
    vague_nouns: frozenset[str]
    process_nouns: frozenset[str]
    predicative_verbs: frozenset[str]
    person_pronouns: frozenset[str]
    date_deixis: frozenset[str]
    seat_nouns: frozenset[str]
    culpability_verbs: frozenset[str]
    home_nouns: frozenset[str]
    proxy_nouns: frozenset[str]
    doubt_verbs: frozenset[str]
    actor_judging: frozenset[str]
    state_body_words: frozenset[str]
    hedges: frozenset[str]
    decision_verbs: frozenset[str]
    membership_nouns: frozenset[str]
    object_control_verbs: frozenset[str]
    group_nouns: frozenset[str]
    self_standing_groups: frozenset[str]
    organisation_nouns: frozenset[str]
    quantifiers: frozenset[str]
    stance_prefixes: dict[str, str]  # prefix -> the stance's predicate
    owner_participles: frozenset[str]
    joint_adjectives: frozenset[str]
    appointment_verbs: frozenset[str]
    tie_nouns: frozenset[str]
    tie_verbs: dict[str, str]  # a verb done to ties -> what the parties are to each other
    joint_nouns: dict[str, str]  # a noun made jointly ("statement") -> what its makers are to each other
    backing_participles: dict[str, str]  # "backed" of "Russian-backed" (its lemma) -> the backer's predicate
    loyalty_adjectives: frozenset[str]
    co_agent_markers: frozenset[str]
    presence_verbs: frozenset[str]
    mediation_verbs: frozenset[str]
    mediation_nouns: frozenset[str]
    side_nouns: frozenset[str]
    place_nouns: frozenset[str]
    member_nouns: frozenset[str]
    thing_pronouns: frozenset[str]
    first_person_pronouns: frozenset[str]
    statement_nouns: frozenset[str]
    expletive_verbs: frozenset[str]
    past_post_words: frozenset[str]
    local_post_words: frozenset[str]
    conflict_nouns: frozenset[str]
    conditional_markers: frozenset[str] = field(metadata=_DERIVED)  # modality.conditional_markers
    titles: dict[str, TitleRole] = field(metadata=_DERIVED)  # titles.toml
    title_lengths: tuple[int, ...] = field(metadata=_DERIVED)  # word counts of the titles, longest first
    title_ends: frozenset[str] = field(metadata=_DERIVED)  # the last words of the titles ("spokesman")
    title_inner_words: frozenset[str] = field(metadata=_DERIVED)  # words a title goes on after ("chief" of ...)
    institution_lengths: tuple[int, ...] = field(metadata=_DERIVED)  # ... of the institution nouns
    institution_names: dict[str, str] = field(metadata=_DERIVED)  # names.toml [bodies]: a way of writing -> canonical

    def institution_word(self, words: str) -> str:
        """The institution noun a body is keyed by: "government" for "administration"."""
        return self.institution_names.get(words, words)


def read_keys(data: dict) -> dict:
    """The Lexicon fields lexicon.toml gives, each read from the key of its name: a key no field
    reads, a field's missing key or a value of the wrong shape is an error naming the key."""
    wanted = {f.name: f for f in fields(Lexicon) if not f.metadata.get("derived")}
    if unknown := sorted(data.keys() - wanted.keys()):
        raise KnowledgeError(f"{_FILE}: unknown key {unknown[0]!r} (known: {', '.join(sorted(wanted))})")
    if missing := sorted(wanted.keys() - data.keys()):
        raise KnowledgeError(f"{_FILE}: key {missing[0]!r} is missing")
    return {name: f.metadata.get("read", _READERS.get(str(f.type)))(data[name], name) for name, f in wanted.items()}


def _word_counts(phrases: Iterable[str]) -> tuple[int, ...]:
    """The phrases' lengths in words, longest first: the order to look them up in."""
    return tuple(sorted({len(words.split()) for words in phrases}, reverse=True))


@cache
def lexicon() -> Lexicon:
    values = read_keys(read_toml(_FILE))
    modality = dict(values.pop("modality"))
    if "conditional_markers" not in modality:
        raise KnowledgeError(f"{_FILE}: key 'modality.conditional_markers' is missing")
    conditional_markers = modality.pop("conditional_markers")
    by_words = titles()
    return Lexicon(**values, modality=modality, conditional_markers=conditional_markers, titles=by_words,
                   title_lengths=_word_counts(by_words), institution_lengths=_word_counts(values["institutions"]),
                   institution_names=name_forms().bodies,
                   title_ends=frozenset(words.split()[-1] for words in by_words),
                   title_inner_words=frozenset(w for words in by_words for w in words.split()[:-1]))
