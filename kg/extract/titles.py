"""Extraction stage: roles from titles next to a name ("Russian Ambassador to the US X", "X, a spokesman for Y")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from kg.docstate import entities_in, words_tagged
from kg.extract import deps as dep
from kg.extract.candidate import Candidate
from kg.extract.mentions import body_country, entity_of, mention
from kg.knowledge import Gazetteer, Lexicon, TitleRole
from kg.nlp import ACTOR_LABELS, title_before
from kg.records import STATE_OF_HOLDER, Mention

_ROLE_PREPS = {"to", "of", "at", "for", "in", "with"}
_COMPARISONS = {"like", "unlike"}
# A title's affiliation that is a place is also where the holder is from.
_HOME = {"Country": "citizen_of", "City": "located_in", "Place": "located_in"}
# The roles of a post in a state or a body, which an unnamed holder is a person of the article for ("a
# Kremlin spokesman"); a member, a supporter or a correspondent unnamed is nobody in particular.
_POSTS = {"leader_of", "minister_of", "official_of", "spokesperson_for", "represents"}


def _affiliates(role: TitleRole | None) -> set[str]:
    if role is not None and role.affiliates:
        return set(role.affiliates)
    return ACTOR_LABELS | {"PERSON"} if role is not None and role.serves_persons else ACTOR_LABELS


def _entity_before(doc, index: int, lower_bound: int, labels: set[str]) -> Span | None:
    """Entity ending at token index-1 with one of `labels`, skipping a possessive 's."""
    if index - 1 >= lower_bound and doc[index - 1].text in {"'s", "’s"}:
        index -= 1
    if index - 1 < lower_bound:
        return None
    ent = entity_of(doc[index - 1])
    return ent if ent is not None and ent.label_ in labels else None


def _title_before(person: Span, sent: Span, lex: Lexicon):
    """Title words ending just before the name, directly ("Secretary of State Mike Pompeo") or
    through a complement ("Ambassador to the United States Anatoly Antonov")."""
    doc = sent.doc
    end, prep, target = person.start, "", None
    before = _entity_before(doc, end, sent.start, ACTOR_LABELS)
    if title_before(doc, end, lex, sent.start) is None and before is not None:
        j = before.start - (1 if before.start > sent.start and doc[before.start - 1].lower_ == "the" else 0)
        if j > sent.start and doc[j - 1].lower_ in _ROLE_PREPS and title_before(doc, j - 1, lex, sent.start):
            end, prep, target = j - 1, doc[j - 1].lower_, before
    title = title_before(doc, end, lex, sent.start)
    if title is None:
        return None
    start, words = title
    return words, _entity_before(doc, start, sent.start, _affiliates(lex.titles[words])), prep, target, None


def _title_nouns(person: Span, lex: Lexicon) -> list[Token]:
    """Nouns that describe the person: appositions ("X, Russia's envoy,"), copular complements ("X is a
    native of Y") and the post one is appointed or elected to ("appointed X as ambassador to Y", "X was
    elected president of Y"); not a comparison ("like X, the British prime minister")."""
    if person.root.dep_ == dep.POBJ and person.root.head.lower_ in _COMPARISONS:
        return []
    nouns = [c for c in person.root.children if c.dep_ == dep.APPOS]
    head = person.root.head
    if person.root.dep_ == dep.APPOS and head.pos_ == "NOUN":
        nouns.append(head)  # "Kennedy 's assassin , Lee Harvey Oswald": the title is the head
    if person.root.dep_ == dep.NSUBJ and head.lemma_ == "be":
        nouns += [c for c in head.children if c.dep_ == dep.ATTR]
    if person.root.dep_ in {dep.DOBJ, dep.NSUBJPASS} and head.lemma_.lower() in lex.appointment_verbs:
        nouns += [c for c in head.children if c.dep_ in {dep.OPRD, dep.ATTR}]
        nouns += [g for c in head.children if c.dep_ == dep.PREP and c.lower_ == "as"
                  for g in c.children if g.dep_ == dep.POBJ]
    return nouns


def _appointing(noun: Token, lex: Lexicon) -> Token | None:
    """The verb that appoints or elects someone to the post the noun names ("appointed X as envoy", "X was
    elected president"), whose polarity and modality the post takes ("X was not elected president")."""
    as_post = noun.dep_ == dep.POBJ and noun.head.lower_ == "as"
    verb = noun.head.head if as_post else noun.head
    return verb if (as_post or noun.dep_ in {dep.OPRD, dep.ATTR}) and verb.lemma_.lower() in lex.appointment_verbs \
        else None


def _title_in_apposition(person: Span, lex: Lexicon):
    for noun in _title_nouns(person, lex):
        title = title_before(noun.doc, noun.i + 1, lex)  # the longest title ending at the noun
        if title is None:
            continue
        words = title[1]
        labels = _affiliates(lex.titles[words])
        affiliation = next((ent for c in noun.children if c.dep_ in {dep.POSS, dep.AMOD, dep.COMPOUND}
                            if (ent := entity_of(c)) is not None and ent.label_ in labels), None)
        appointed_by = _appointing(noun, lex)
        for prep in (c for c in noun.children if c.dep_ == dep.PREP and c.lower_ in _ROLE_PREPS):
            target = _role_target(prep, labels)
            if target is not None:
                return words, affiliation, prep.lower_, target, appointed_by
        return words, affiliation, "", None, appointed_by
    return None


def _role_target(prep: Token, labels: set[str]) -> Span | None:
    """The entity a title's preposition leads to, directly ("envoy to Russia"), through the unit it
    heads ("vice president of daytime programs for ABC Entertainment") or a body's delegation or office
    ("chief negotiator of the South Sudanese government delegation")."""
    for pobj in (c for c in prep.children if c.dep_ == dep.POBJ):
        ent = entity_of(pobj)
        if ent is not None:
            return ent if ent.label_ in labels else None
        bodies = labels & {"ORG", "GOV"}
        owner = _first_entity((c for c in pobj.children if c.dep_ in {dep.COMPOUND, dep.POSS}), bodies)
        if owner is not None:
            return owner
        for inner in (c for c in pobj.children if c.dep_ == dep.PREP and c.lower_ in {"of", "for", "at"}):
            if (found := _first_entity((g for g in inner.children if g.dep_ == dep.POBJ), bodies)) is not None:
                return found
    return None


def _first_entity(tokens: Iterable[Token], labels: set[str]) -> Span | None:
    """The first entity with one of `labels` among the tokens'."""
    return next((e for t in tokens if (e := entity_of(t)) is not None and e.label_ in labels), None)


def _holds_posts(affiliation: Span | None, role: TitleRole, gaz: Gazetteer, lex: Lexicon) -> bool:
    """A post belongs to a state or a body: a nationality adjective names one ("Russian envoy"), a creed or
    a party adjective does not ("Islamist president", "Republican speaker"), though it names a membership."""
    if affiliation is None:
        return False
    return (affiliation.label_ != "NORP" or role.affiliation == "member_of"
            or mention(affiliation, gaz, lex).type == "Country")


def _state_after(person: Span, gaz: Gazetteer, lex: Lexicon) -> Span | None:
    """The country named right after the name by "of": "President Moon Jae-in of South Korea"."""
    return next((ent for c in person.root.children if c.dep_ == dep.PREP and c.lower_ == "of"
                 for g in c.children if g.dep_ == dep.POBJ
                 if (ent := entity_of(g)) is not None and mention(ent, gaz, lex).type == "Country"), None)


def _post_of_unnamed_state(person: Span, who: Mention, role: TitleRole, sent: Span,
                           lex: Lexicon) -> Iterator[Candidate]:
    """"President Francois Hollande": a state's post with no state named. The object stands for the
    holder's state, which only the resolve stage can tell (STATE_OF_HOLDER); it is the title's words."""
    found = title_before(sent.doc, person.start, lex, sent.start)
    if found is None:
        return  # a title in apposition ("X, the president,") says less of whose post it is
    # "former Vice President X" holds no post now; "regional President X" holds no state's
    qualifiers = {t.lower_ for t in sent.doc[max(sent.start, found[0] - 3):found[0]]}
    if qualifiers & lex.local_post_words:
        return
    if _entity_before(sent.doc, found[0], sent.start, {"PERSON", "ORG", "GPE", "GOV"}) is not None:
        return  # "Morsi 's minister X": the post is named after someone, whose state is not for us to guess
    words = sent.doc[found[0]:person.start]
    post = Mention(words.text, words.start_char, words.end_char, "Country")
    if not qualifiers & lex.past_post_words:
        yield Candidate(who, role.affiliation, post, STATE_OF_HOLDER, None, 0.7)
    elif role.home:  # "former Vice President X" holds the post no more, but was the state's own
        yield Candidate(who, "citizen_of", post, STATE_OF_HOLDER, None, 0.7)


def _names_someone(noun: Token, end: int, lex: Lexicon) -> bool:
    """Is the title said of someone named: "X, a spokesman", "the spokesman X" (any name right after it:
    "EU president France"), "a spokesperson for Buhari, Mallam Garba Shehu", "X was elected president"?"""
    doc = noun.doc
    linked = [c for c in noun.children if c.dep_ == dep.APPOS]
    if noun.dep_ in {dep.APPOS, dep.COMPOUND}:
        linked.append(noun.head)
    if (verb := _appointing(noun, lex)) is not None:
        linked += [c for c in verb.children if c.dep_ in {dep.DOBJ, dep.NSUBJPASS}]
    if any((ent := entity_of(t)) is not None and ent.label_ == "PERSON" for t in linked):
        return True
    after = end + 1 if end < len(doc) and doc[end].text == "," else end
    return after < len(doc) and (ent := entity_of(doc[after])) is not None and ent.start == after \
        and (after == end or ent.label_ in {"PERSON", "ORG"})


def _in_longer_title(noun: Token, lex: Lexicon) -> bool:
    """Is the noun the start of a longer title ("chief" of "chief of staff")?"""
    return noun.lower_ in lex.title_inner_words and any(
        (found := title_before(noun.doc, k, lex, noun.i)) is not None and found[0] <= noun.i
        for k in range(noun.i + 2, min(noun.i + 5, len(noun.doc) + 1)))


def unnamed_holders(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"said a Kremlin spokesman", "the prime minister of Iceland", "Iran's chief nuclear negotiator": the
    holder of a post of a named state or body, the article naming no person, is a person of the article."""
    for noun in words_tagged(sent, "NOUN"):
        if noun.tag_ != "NN" or noun.lower_ not in lex.title_ends or entity_of(noun) is not None \
                or _in_longer_title(noun, lex):
            continue
        found = title_before(sent.doc, noun.i + 1, lex, sent.start)
        if found is None or (role := lex.titles[found[1]]).affiliation not in _POSTS:
            continue
        labels = _affiliates(role) - {"PERSON"}
        owner = _first_entity((c for c in noun.children if c.dep_ in {dep.POSS, dep.COMPOUND, dep.NMOD}
                               and c.i < found[0]), labels)
        post_of = None if owner is not None else next(
            (t for c in noun.children if c.dep_ == dep.PREP and c.lower_ in {"of", "for"}
             if (t := _role_target(c, labels)) is not None), None)
        post = owner or post_of
        if post is None:
            continue
        words = sent.doc[owner.start if owner is not None else found[0]:post_of.end if post_of else noun.i + 1]
        if _names_someone(noun, words.end, lex):
            continue
        holder = Mention(words.text, words.start_char, words.end_char, "Person", label=words.text)
        yield Candidate(holder, role.affiliation, mention(post, gaz, lex), "unnamed-holder", None, 0.7)


def title_roles(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """Role edges from a title before the name or describing it; a place the post belongs to is
    also the holder's home ("Illinois Gov. X" -> located_in, "Russian envoy X" -> citizen_of)."""
    for person in (e for e in entities_in(sent) if e.label_ == "PERSON"):
        found = _title_before(person, sent, lex) or _title_in_apposition(person, lex)
        if not found:
            continue
        title, affiliation, prep, target, appointed_by = found  # the post's modality is the appointment's
        who = mention(person, gaz, lex)
        role = lex.titles[title]
        if affiliation is None and target is None and role.of_state:
            affiliation = _state_after(person, gaz, lex)  # "President Moon Jae-in of South Korea"
        posts = [(role.affiliation, affiliation)] if _holds_posts(affiliation, role, gaz, lex) else []
        if target is not None:
            posts.append((role.target if prep == "to" else role.affiliation, target))
        if not posts and role.of_state:  # no state or body named, or only a creed ("Islamist President X")
            yield from _post_of_unnamed_state(person, who, role, sent, lex)
        for predicate, ent in posts:
            where = mention(ent, gaz, lex)
            yield Candidate(who, predicate, where, "title", appointed_by, 0.9)
            if not role.home or role.affiliates or not (ent is affiliation or prep in {"of", "for"}):
                continue
            # a post in a state's body makes its holder the state's ("Chinese Foreign Ministry spokesman X")
            state = body_country(ent, gaz, lex)
            if state is not None:
                yield Candidate(who, "citizen_of", state, "title-home", None, 0.7)
            elif home := _HOME.get(where.type):  # one's home is no more denied than the post ("not elected")
                yield Candidate(who, home, where, "title-home", None, 0.7)
