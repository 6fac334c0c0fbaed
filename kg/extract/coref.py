"""Extraction stage: coreference within a document — pronouns and definite descriptions to antecedents."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from kg.docstate import doc_state
from kg.extract import deps as dep
from kg.extract.quotes import quoted_speakers
from kg.knowledge import Lexicon
from kg.nlp import title_before
from kg.records import Mention


def antecedent_of(token: Token) -> Mention | None:
    """The mention a pronoun or definite description refers back to (`resolve_references` ran first)."""
    return doc_state(token.doc).antecedents.get(token.i)


def description_span(token: Token) -> Span:
    """"the alliance" for the head "alliance": the determiner and modifiers before the head ("he" for "he")."""
    start = min([token.i] + [c.i for c in token.children
                             if c.dep_ in {dep.DET, dep.AMOD, dep.COMPOUND} and c.i < token.i])
    return token.doc[start:token.i + 1]


class _Salience:
    """What a pronoun or description can refer to, updated left to right through the document."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        # The latest person in subject position; None also after someone named only by a common
        # noun ("a representative ... said"), so a following "he added" stays unresolved.
        self.last_person: Mention | None = None
        self.titled: list[tuple[str, bool, Mention]] = []  # (title head word, a past post?, person) in text order
        self.named: list[Mention] = []  # every entity mention so far, in text order
        self.last_actor: Mention | None = None  # the latest state or organisation in subject position

    def entity(self, ent: Span, m: Mention) -> None:
        self.named.append(m)
        if ent.label_ != "PERSON":
            if m.type in _ACTOR_TYPES and dep.is_subject(ent.root):
                self.last_actor = m
            return
        root = ent.root
        if dep.is_subject(root) or (root.dep_ == dep.POBJ and root.head.dep_ == dep.AGENT):
            self.last_person = m
        title = title_before(ent.doc, ent.start, self.lex)
        words = [(title[1].split()[-1], self._past(ent.doc, title[0]))] if title else []
        words += [(c.lower_, self._past(ent.doc, c.i)) for c in ent.root.children
                  if c.dep_ == dep.APPOS and c.lower_ in self.lex.titles]
        self.titled.extend((w, past, m) for w, past in words)

    def _past(self, doc: Doc, start: int) -> bool:
        """Is the title starting at `start` (or its head noun there) a past post ("former President X",
        "X, the former president,")?"""
        return any(t.lower_ in self.lex.past_post_words for t in doc[max(0, start - 3):start])

    def person_noun(self, token: Token) -> Mention | None:
        """"the Russian ambassador" -> the latest person introduced with that title; "a representative"
        (indefinite) introduces someone new, so later pronouns must not skip back past it."""
        definite = any(c.lower_ in {"the", "this", "that"} for c in token.children if c.dep_ == dep.DET)
        past = any(c.lower_ in self.lex.past_post_words for c in token.children if c.dep_ in {dep.AMOD, dep.ADVMOD})
        # "the former president" is the one the text called so, when there is one, not the president since
        candidates = [(p, m) for word, p, m in reversed(self.titled) if word == token.lower_] if definite else []
        found = next((m for p, m in candidates if p), None) if past else None
        found = found or next((m for _, m in candidates), None)
        if dep.is_subject(token):
            self.last_person = found
        return found

    def description(self, token: Token) -> Mention | None:
        """The latest mention of the description's classes; "the government" or "the army" is the latest
        body named with that word, never some ministry named since."""
        classes = self.lex.definite_descriptions[token.lemma_.lower()]
        own_word = token.lower_ in self.lex.institutions
        words = {token.lower_, self.lex.institution_word(token.lower_)}
        found = next((m for m in reversed(self.named) if m.type in classes
                      and (not own_word or m.text.lower().endswith(tuple(words)))), None)
        return found if found is not None or not own_word else self._story_body(token)

    def _story_body(self, token: Token) -> Mention | None:
        """"The military remained in the streets" in an article about Zimbabwe: with no body of that
        name before it, the institution of the country the article has named most so far (no other
        named as often)."""
        counts = Counter(m.key for m in self.named if m.type == "Country" and m.key)
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        span = description_span(token)
        return Mention(span.text, span.start_char, span.end_char, "GovernmentBody",
                       f"{ranked[0][0]}_{self.lex.institution_word(token.lower_)}")


_ACTOR_TYPES = {"Country", "InternationalOrganization", "GovernmentBody", "Organization"}


def _referring(pronoun: Token, lex: Lexicon) -> bool:
    """"it" that stands for something: a possessive, or the subject of a verb that is no expletive's
    ("it said", not "it seems that", "it is clear")."""
    if pronoun.dep_ == dep.POSS:
        return True
    verb = pronoun.head
    return pronoun.dep_ == dep.NSUBJ and verb.lemma_.lower() not in lex.expletive_verbs


def resolve_references(doc: Doc, mentions_by_start: dict[int, Mention], lex: Lexicon) -> dict[int, Mention]:
    """Token index -> antecedent mention, for person pronouns, definite descriptions ("the alliance",
    "the ministry"), definite title nouns ("the Russian ambassador") and "I" or "we" in a quotation
    whose speaker the text names. Stored on the Doc."""
    state = _Salience(lex)
    found: dict[int, Mention] = {}
    ents = {ent.start: ent for ent in doc.ents}
    for token in doc:
        if token.i in ents and token.i in mentions_by_start:
            state.entity(ents[token.i], mentions_by_start[token.i])
            continue
        if token.ent_type_:
            continue
        antecedent = None
        if token.pos_ == "PRON" and token.lower_ in lex.person_pronouns:
            antecedent = state.last_person
        elif token.pos_ == "PRON" and token.lower_ in lex.thing_pronouns and _referring(token, lex):
            antecedent = state.last_actor
        elif token.pos_ == "NOUN" and token.lower_ in lex.titles:
            antecedent = state.person_noun(token)
        elif token.pos_ in {"NOUN", "PROPN"} and token.lemma_.lower() in lex.definite_descriptions \
                and any(c.lower_ == "the" for c in token.children if c.dep_ == dep.DET):
            antecedent = state.description(token)
        if antecedent is not None:
            found[token.i] = antecedent
        if dep.is_subject(token) and token.pos_ == "NOUN":
            # "The resolution ... It calls for": a thing named since is what "it" is, not the last state
            state.last_actor = antecedent if antecedent is not None and antecedent.type in _ACTOR_TYPES else None
    for start, end, speaker in quoted_speakers(doc, mentions_by_start, found, lex):
        for token in doc[start:end]:
            if token.pos_ == "PRON" and token.lower_ in lex.first_person_pronouns and token.text != "US":
                found[token.i] = speaker
    doc_state(doc).resolved = found
    return found
