"""NLP stage: the spaCy pipeline with the geopolitical gazetteer, titles and institutions."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.docstate import entity_at
from kg.errors import KgError
from kg.knowledge import Gazetteer, Lexicon, name_forms, slug
from kg.placenames import repair_place_names, replace_entities
from kg.ruler import PhraseRuler

# Ontology type -> spaCy entity label used by the ruler; "GOV" marks a state institution.
SPACY_LABELS = {
    "Country": "GPE", "City": "GPE", "Place": "GPE", "InternationalOrganization": "ORG",
    "Organization": "ORG", "GovernmentBody": "GOV", "Treaty": "LAW", "Person": "PERSON",
    "Group": "NORP", "Event": "EVENT", "Demonym": "NORP", "Issue": "ISSUE",
}
ACTOR_LABELS = {"GPE", "ORG", "GOV", "NORP"}


class ModelError(KgError):
    """The requested spaCy pipeline is not installed."""


@Language.component("kg_paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence (ingest already rejoined broken ones)."""
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def _first_phrase(doc: Doc, ranges: Iterable[tuple[int, int]], phrases: Container[str]) -> tuple[int, int, str] | None:
    """(start, end, lower-case words) of the first token range whose words are one of the phrases:
    given longest first, the longest."""
    for start, end in ranges:
        words = " ".join(t.lower_ for t in doc[start:end])
        if words in phrases:
            return start, end, words
    return None


def title_before(doc: Doc, end: int, lex: Lexicon, lower: int = 0) -> tuple[int, str] | None:
    """(start, words) of the longest title ending just before token `end`, not before `lower`."""
    found = _first_phrase(doc, ((end - n, end) for n in lex.title_lengths if end - n >= lower), lex.titles)
    return (found[0], found[2]) if found is not None else None


def _after_title(doc: Doc, start: int, lex: Lexicon) -> bool:
    """Is token `start` preceded by a title, possibly with its "to/of [the] PLACE" complement?"""
    if title_before(doc, start, lex) is not None:
        return True
    j = start
    if j > 0 and (ent := entity_at(doc, j - 1)) is not None:
        j = ent.start
    if j > 0 and doc[j - 1].lower_ == "the":
        j -= 1
    if j > 0 and doc[j - 1].lower_ in {"to", "of", "at", "for", "in"} and j != start:
        return title_before(doc, j - 1, lex) is not None
    return False


def bracketed_entity(doc: Doc, start: int) -> Span | None:
    """The entity standing alone in brackets from token `start`: "( Ukraine )" after a name."""
    ent = entity_at(doc, start + 1) if start + 2 < len(doc) and doc[start].text == "(" else None
    if ent is None:
        return None
    return ent if ent.start == start + 1 and ent.end < len(doc) and doc[ent.end].text == ")" else None


def _before_bracketed_country(doc: Doc, end: int) -> bool:
    """"Pete Sampras ( U.S. ) beat ...": a first and last name followed by a bracketed country is a
    person the small model often leaves untagged."""
    ent = bracketed_entity(doc, end)
    return ent is not None and ent.label_ == "GPE"


def _propn_runs(doc: Doc):
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and doc[i].is_title and not doc[i].ent_type_:
            j = i
            while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title and not doc[j].ent_type_:
                j += 1
            yield i, j
            i = j
        else:
            i += 1


def _age_after(doc: Doc, end: int) -> bool:
    """", 50 ," right after a name: news copy gives a person's age so ("Marie Ferraro , 50 , of Bethany")."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 2].text not in {",", "."}:
        return False
    age = doc[end + 1].text
    return age.isdigit() and 0 < int(age) < 120


def _aged_names(doc: Doc) -> list[Span]:
    """Names of two or more capitalised words followed by an age, which the small model tagged as
    something other than a person."""
    return [Span(doc, e.start, e.end, label="PERSON") for e in doc.ents
            if e.label_ in {"ORG", "GPE", "NORP", "FAC", "PRODUCT"} and len(e) >= 2 and _age_after(doc, e.end)
            and all(t.pos_ == "PROPN" and t.is_title for t in e)]


def title_persons(doc: Doc, lex: Lexicon) -> Doc:
    """Name after a title, before a bracketed country or before an age, that the statistical NER
    missed or mislabelled -> PERSON.

    "Russian Ambassador to the United States Anatoly Antonov": once the gazetteer claims
    "United States", the small model leaves "Anatoly Antonov" untagged.
    """
    found = [Span(doc, i, j, label="PERSON") for i, j in _propn_runs(doc)
             if j - i <= 4 and (_after_title(doc, i, lex)
                                or (j - i >= 2 and (_before_bracketed_country(doc, j) or _age_after(doc, j))))]
    # the untagged runs overlap no entity; an aged name replaces the entity it was tagged as
    return replace_entities(doc, _aged_names(doc) + found + _whole_names(doc, lex) + _particle_names(doc))


def _whole_names(doc: Doc, lex: Lexicon) -> list[Span]:
    """A person's name with the given name the model left out ("Eyda [Varela de Chinchilla]": capitalised
    proper nouns of the same sentence right before it that are no title and name nothing else), or cut in
    two ("[Abdel Moneim] [Abdel Maqsud]": two person names with nothing between them)."""
    found: list[Span] = []
    for ent in (e for e in doc.ents if e.label_ == "PERSON"):
        start = ent.start
        while (start > ent.sent.start and (before := doc[start - 1]).pos_ == "PROPN" and before.is_title
               and not before.ent_type_ and not _is_title(before.lower_, lex)):
            start -= 1
        if found and found[-1].end == start:
            start = found.pop().start
        elif start > 0 and doc[start - 1].ent_type_ == "PERSON" and (previous := entity_at(doc, start - 1)):
            start = previous.start
        if start < ent.start:
            found.append(Span(doc, start, ent.end, label="PERSON"))
    return found


def _particle_names(doc: Doc) -> list[Span]:
    """A person's name the model cut after a surname particle, "[Ursula von der] [Leyen]", or inside a
    hyphenated given name, "[Moon Jae]-in": one name."""
    particles = name_forms().particles
    found = []
    for ent in (e for e in doc.ents if e.label_ == "PERSON"):
        end = ent.end
        while end < len(doc):
            if doc[end - 1].lower_ in particles and doc[end].pos_ == "PROPN" and doc[end].is_title:
                following = entity_at(doc, end)
                end = following.end if following is not None else end + 1
            elif _given_name_syllable(doc, ent, end):
                end += 2  # "Jae-in", "Geun-hye": the hyphen and its part, written together
            else:
                break
        if end > ent.end:
            found.append(Span(doc, ent.start, end, label="PERSON"))
    return found


def _given_name_syllable(doc: Doc, ent: Span, end: int) -> bool:
    """Is "-in" after "[Moon Jae]" the rest of a given name? A short part glued by a hyphen to a name of
    two words or more; never a word like "Putin-backed" or "Putin-style"."""
    if len(ent) < 2 or end + 1 >= len(doc) or doc[end].text != "-" or doc[end - 1].whitespace_ or doc[end].whitespace_:
        return False
    part = doc[end + 1]
    return part.is_alpha and len(part) <= 4 and not part.tag_.startswith(("VB", "JJ"))


def _country_of(token_span: Span, gaz: Gazetteer) -> str:
    key = token_span.ent_id_
    if key in gaz.entities and gaz.entities[key].type == "Country":
        return key
    return gaz.demonyms.get(token_span.text, "")


def institutions(doc: Doc, lex: Lexicon, gaz: Gazetteer) -> Doc:
    """"Russian Foreign Ministry", "Russia's army" -> one GOV entity keyed country_institution."""
    found = []
    for ent in doc.ents:
        country = _country_of(ent, gaz)
        if not country:
            continue
        start = ent.end + (1 if ent.end + 1 < len(doc) and doc[ent.end].text in {"'s", "’s"} else 0)
        ranges = ((start, start + n) for n in lex.institution_lengths if start + n <= len(doc))
        institution = _first_phrase(doc, ranges, lex.institutions)
        if institution is not None:
            _, end, words = institution
            span = Span(doc, ent.start, end, label="GOV")
            span.id_ = f"{country}_{slug(lex.institution_word(words))}"
            span.kb_id_ = country
            found.append(span)
    if found:
        doc.ents = filter_spans(list(doc.ents) + found)
    return doc


_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."}


def _title_alone(ent: Span, lex: Lexicon) -> bool:
    """Is the entity only a title ("President", "the Correspondents", "Col.")? A title names no one;
    after an honorific it is a surname ("Mr. King")."""
    words = [t for t in ent if not (t.is_punct or t.pos_ == "DET" or t.lower_ == "the")]
    if not words or (ent.start > 0 and ent.doc[ent.start - 1].lower_ in _HONORIFICS):
        return False
    lowered, lemmas = " ".join(t.lower_ for t in words), " ".join(t.lemma_.lower() for t in words)
    return _is_title(lowered, lex) or _is_title(lemmas, lex)


def _is_title(words: str, lex: Lexicon) -> bool:
    """Lower-case words that are a title, with or without its full stop ("col", "col.")."""
    return any(form in lex.titles for form in (words, words.rstrip("."), words + "."))


# what the small model calls a firm's or an outlet's name it does not know
_NOT_ORGANISATIONS = {"PERSON", "WORK_OF_ART", "PRODUCT", "FAC"}


def organisation_names(doc: Doc, lex: Lexicon) -> Doc:
    """A "person" or a "work of art" named right after an outlet's or a firm's noun is the organisation:
    "German daily Sueddeutsche Zeitung", "the newspaper Le Monde", "law firm Mossack Fonseca"."""
    relabelled = [Span(doc, e.start, e.end, label="ORG", span_id=e.id_, kb_id=e.kb_id_)
                  if e.label_ in _NOT_ORGANISATIONS and e.start > 0
                  and doc[e.start - 1].lower_ in lex.organisation_nouns else e for e in doc.ents]
    if any(new.label_ != old.label_ for new, old in zip(relabelled, doc.ents)):
        doc.ents = relabelled
    return doc


def stance_prefixes(doc: Doc, lex: Lexicon) -> Doc:
    """The model's "anti-" of "anti-Russian amendments" is no people: the entity goes (the "Russian" it
    points at stays, as what the amendments concern)."""
    return _without(doc, lambda e: "".join(t.lower_ for t in e if not t.is_punct) in lex.stance_prefixes)


def bare_titles(doc: Doc, lex: Lexicon) -> Doc:
    """Entities that are a title alone go: the model's "President" or "Correspondents" is no actor."""
    return _without(doc, lambda e: _title_alone(e, lex))


def _without(doc: Doc, drop: Callable[[Span], bool]) -> Doc:
    """The Doc with the entities `drop` picks gone (doc.ents set only when one goes)."""
    keep = [e for e in doc.ents if not drop(e)]
    if len(keep) < len(doc.ents):
        doc.ents = keep
    return doc


class TitlesInstitutions:
    """The repairs after the NER: place names, names after titles, institutions, bare titles. spaCy
    makes the step from its factory name; load_spacy then hands it the loaded knowledge, objects no
    factory config can hold."""

    def __init__(self) -> None:
        self.gaz: Gazetteer | None = None
        self.lex: Lexicon | None = None

    def use(self, gaz: Gazetteer, lex: Lexicon) -> None:
        self.gaz, self.lex = gaz, lex

    def __call__(self, doc: Doc) -> Doc:
        lex, gaz = self.lex, self.gaz
        if lex is None or gaz is None:
            raise ModelError("kg_titles_institutions runs in a pipeline made by load_spacy, which gives it the "
                             "gazetteer and lexicon")
        named = institutions(title_persons(repair_place_names(doc, gaz), lex), lex, gaz)
        return bare_titles(stance_prefixes(organisation_names(named, lex), lex), lex)


@Language.factory("kg_titles_institutions")
def make_titles_institutions(nlp: Language, name: str) -> TitlesInstitutions:
    return TitlesInstitutions()


def ruler_patterns(gaz: Gazetteer) -> list[tuple[str, str, str]]:
    """(text, spaCy label, id) of the gazetteer's patterns."""
    return [(text, SPACY_LABELS[kind], key) for text, kind, key in gaz.patterns()
            if not text.lower().startswith("the ")]


class GazetteerRuler:
    """The gazetteer's names marked as entities; its names are given once the step is in the pipeline,
    as an EntityRuler's patterns are."""

    def __init__(self, tokenizer: Callable[[str], Doc]):
        self.tokenizer = tokenizer
        self.ruler = PhraseRuler(tokenizer, ())

    def use(self, gaz: Gazetteer, lex: Lexicon) -> None:
        self.ruler = PhraseRuler(self.tokenizer, ruler_patterns(gaz))

    def __call__(self, doc: Doc) -> Doc:
        return self.ruler(doc)


@Language.factory("kg_gazetteer")
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    return GazetteerRuler(nlp.tokenizer)


def _not_installed(model: str) -> ModelError:
    return ModelError(f"spaCy pipeline '{model}' is not installed "
                      "(pip install it, or pass --model with an installed one)")


def check_model(model: str) -> None:
    """Raise ModelError unless `model` is an installed pipeline package or a pipeline folder."""
    if not (spacy.util.is_package(model) or Path(model).is_dir()):
        raise _not_installed(model)


def load_spacy(model: str, gaz: Gazetteer, lex: Lexicon) -> Language:
    """The spaCy pipeline `model` with kg's steps, which use this gazetteer and lexicon."""
    try:
        nlp = spacy.load(model)
    except OSError:
        raise _not_installed(model) from None
    nlp.add_pipe("kg_paragraph_sentences", before="parser" if "parser" in nlp.pipe_names else None)
    for step in (nlp.add_pipe("kg_gazetteer", before="ner" if "ner" in nlp.pipe_names else None),
                 nlp.add_pipe("kg_titles_institutions", last=True)):
        assert isinstance(step, GazetteerRuler | TitlesInstitutions)  # what kg's factories make
        step.use(gaz, lex)
    return nlp
