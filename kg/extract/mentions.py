"""Extraction stage: spaCy tokens and entity spans -> Mention records."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.docstate import entities_in, entity_at, words_tagged
from kg.extract import deps as dep
from kg.extract.coref import antecedent_of, description_span
from kg.extract.quotes import quoted_modifiers
from kg.knowledge import Gazetteer, Lexicon
from kg.records import Mention

RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Prepositions that introduce examples of a noun: "treaties such as X, Y and Z".
_LIST_MARKERS = {"including", "like"}


def entity_of(token: Token) -> Span | None:
    if not token.ent_type_ or token.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY",
                                                   "MONEY", "PERCENT"}:
        return None
    return entity_at(token.doc, token.i)


def ontology_type(span: Span, gaz: Gazetteer, lex: Lexicon) -> str:
    if span.label_ == "GOV":
        return "GovernmentBody"
    known = gaz.entities.get(span.ent_id_)
    if known:
        return known.type
    return lex.ner_types.get(span.label_, "Entity")


def mention(span: Span, gaz: Gazetteer, lex: Lexicon) -> Mention:
    start = span.start + 1 if span[0].lower_ == "the" and len(span) > 1 else span.start
    end = span.end - 1 if span[-1].text in {"'s", "’s"} else span.end
    body = span.doc[start:end]
    return Mention(text=body.text, start=body.start_char, end=body.end_char,
                   type=ontology_type(span, gaz, lex), key=span.ent_id_)


def examples(token: Token) -> list[Token]:
    """Heads of "such as" / "including" lists hanging off a common noun."""
    found: list[Token] = []
    for child in token.children:
        is_such_as = child.lower_ == "as" and any(c.lower_ == "such" for c in child.children)
        if child.dep_ == dep.PREP and (is_such_as or child.lower_ in _LIST_MARKERS):
            found.extend(c for c in child.children if c.dep_ == dep.POBJ)
    return found


def coordinated(token: Token) -> list[Token]:
    """The token and the conjuncts that hang below it ("Russia and the US" from "Russia")."""
    found = [token]
    for child in token.children:
        if child.dep_ == dep.CONJ:
            found.extend(coordinated(child))
    return found


def reference(token: Token) -> Mention | None:
    """A pronoun or definite description as a mention of its antecedent ("he", "the alliance")."""
    antecedent = antecedent_of(token)
    if antecedent is None:
        return None
    span = description_span(token)
    return Mention(span.text, span.start_char, span.end_char, antecedent.type, antecedent.key, antecedent)


def _named_in_apposition(noun: Token) -> Span | None:
    """The name a common noun is in apposition with: "the pioneer, Dr. Lee DeForest, was born",
    "Oswald, the man who had killed Kennedy" or "rebel movement Renamo" (the noun stands for that name)."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    linked = [c for c in noun.children if c.dep_ == dep.APPOS]
    if noun.dep_ == dep.APPOS:
        linked.append(noun.head)
    if noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].dep_ == dep.APPOS:
        # "the government and former rebel movement Renamo": the parser hung the name on another noun
        linked.append(noun.doc[noun.i + 1])
    return next((ent for t in linked if (ent := entity_of(t)) is not None and ent.root == t), None)


def argument_mentions(token: Token, gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """Mentions an argument token stands for, expanding conjunctions, appositions, example lists and
    references."""
    found: list[Mention] = []
    heads = coordinated(token)
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == dep.RELCL:
        # "Oswald , who had been shot by Ruby": "who" is Oswald; in "Ruby , who killed Oswald , and the
        # Bakkers" the names after the clause are not what it says
        heads = [h for h in coordinated(token.head.head) if h.i < token.i]
    for head in heads:
        if (ent := entity_of(head)) is not None:
            found.append(mention(ent, gaz, lex))
        elif (named := _named_in_apposition(head)) is not None:
            # each name of a list in apposition: "the permanent members — Russia, France and China"
            found.extend(argument_mentions(named.root, gaz, lex) if named.root.head == head
                         else [mention(named, gaz, lex)])
        elif (ref := reference(head)) is not None:
            found.append(ref)
        elif sides := _sides(head, gaz, lex):
            found.extend(sides)
        elif head.pos_ in {"NOUN", "PROPN"}:
            listed = [m for example in examples(head) for m in argument_mentions(example, gaz, lex)]
            if listed and (_names_actors(head, lex) or not any(m.type in ACTOR_TYPES for m in listed)):
                found.extend(listed)
            elif (group := group_mention(head, lex)) is not None:
                found.append(group)
    unique = {(m.start, m.end): m for m in found}
    return list(unique.values())


_GROUP_MODIFIERS = {dep.AMOD, dep.COMPOUND, dep.NMOD, dep.NPADVMOD}
_SIDES_BACK = 120  # tokens: how far back "the two sides" looks for the actors it stands for


def _sides(noun: Token, gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """"The two sides", "both factions": the actors last coordinated before the sentence as the subject of
    an event or its parties ("The government and the rebels signed ...", "talks between A and B"), two or more,
    as mentioned there."""
    if noun.lemma_.lower() not in lex.side_nouns or not any(
            c.lower_ in {"two", "both"} for c in noun.children if c.dep_ in {dep.NUMMOD, dep.DET, dep.PREDET}):
        return []
    doc, start = noun.doc, noun.sent.start
    for token in reversed(doc[max(0, start - _SIDES_BACK):start]):
        parties = dep.is_subject(token) or (token.dep_ == dep.POBJ and token.head.lower_ == "between")
        if parties and any(c.dep_ == dep.CONJ for c in token.children):
            actors = [m for m in argument_mentions(token, gaz, lex) if m.type in ACTOR_TYPES]
            if len(actors) > 1:
                return actors
    return []


ACTOR_TYPES = {"Person", "Country", "InternationalOrganization", "Organization", "GovernmentBody", "Group"}


def _names_actors(noun: Token, lex: Lexicon) -> bool:
    """Can the noun's examples be actors? "countries, including France" yes; in "proposed amendments,
    including France and the UK" the parser hung the list on the wrong noun."""
    lemma = noun.lemma_.lower()
    return lemma in lex.group_nouns or lemma in lex.self_standing_groups or lemma in lex.proxy_nouns \
        or lemma in lex.titles


def group_mention(head: Token, lex: Lexicon) -> Mention | None:
    """An unnamed group as an actor: "South Sudanese rebels", "EU countries", "civil society groups",
    "opposition leaders"; a group noun that is no actor alone ("countries", "leaders") needs a modifier
    that says whose, a self-standing one ("rebels", "Islamists") does not. Labelled by its own words,
    without determiners and counts ("the 27 member states" -> "member states")."""
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN" or head.tag_ != "NNS" or entity_of(head) is not None or lemma in lex.proxy_nouns:
        return None
    modifiers = [c for c in head.children if c.dep_ in _GROUP_MODIFIERS and c.i < head.i
                 and c.lower_ not in lex.quantifiers]
    if lemma not in lex.self_standing_groups and not (lemma in lex.group_nouns and modifiers):
        return None
    # "Russian public figures and banks": plural nouns coordinated after the head share its modifiers
    last = max([head] + [c for c in head.children if c.dep_ == dep.CONJ and c.tag_ == "NNS"
                         and not any(g.dep_ in _GROUP_MODIFIERS for g in c.children)], key=lambda t: t.i)
    words = sorted({t for c in modifiers for t in c.subtree} | {head}, key=lambda t: t.i)
    span = head.doc[words[0].i:last.i + 1]
    label = "".join(t.text_with_ws for t in span).strip()
    return Mention(span.text, span.start_char, span.end_char, "Group", "", label=label)


def body_country(gov: Span, gaz: Gazetteer, lex: Lexicon) -> Mention | None:
    """The country a government body belongs to, as the words that name it ("Russian" in "Russian
    Foreign Ministry"); None when the body's name holds no country."""
    words = country_part(gov, lex)
    country = gaz.entities.get(gov.kb_id_)
    if gov.label_ != "GOV" or country is None or country.type != "Country" or words is gov:
        return None
    return Mention(words.text, words.start_char, words.end_char, "Country", country.id)


def country_part(gov: Span, lex: Lexicon) -> Span:
    """The country words of an institution span: "Russian" in "Russian Foreign Ministry"."""
    for i in range(gov.start + 1, gov.end):
        rest = " ".join(t.lower_ for t in gov.doc[i:gov.end])
        if rest in lex.institutions:
            end = i - 1 if gov.doc[i - 1].text in {"'s", "’s"} else i
            return gov.doc[gov.start:end]
    return gov


_ISSUE_MODIFIERS = {dep.AMOD, dep.COMPOUND, dep.NMOD, dep.POSS, dep.NUMMOD}
_TOPIC_PREPS = {"of", "on", "about", "over", "for", "to", "against", "in", "from", "by"}
_PARTY_PREPS = {"between", "with"}
_ANAPHORIC = {"the", "this", "that", "these", "those", "its", "their", "his", "her"}


def _attached_topic(head: Token) -> list[Token]:
    """Repair "published draft agreements between X and Y on security guarantees": a topic phrase right
    after the noun phrase, which the parser hung on the verb or on the last name, belongs to the noun."""
    end = max(t.i for t in head.subtree)
    if end + 1 >= len(head.doc):
        return []
    prep = head.doc[end + 1]
    if prep.dep_ != dep.PREP or prep.lower_ not in {"on", "about", "over", "regarding"} or prep.head == head:
        return []
    if prep.head != head.head and not prep.head.ent_type_:
        return []
    objects = [g for g in prep.children if g.dep_ == dep.POBJ and g.pos_ == "NOUN" and not g.ent_type_]
    return [prep] if objects else []


def _issue_parts(head: Token, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """(every token of the phrase, the tokens that name the issue): "between" parties are part of the
    phrase but only name the issue when it has no topic ("rapprochement between Ukraine and NATO"); a
    hedge is the writer's, not the issue's name ("the so-called Birther movement")."""
    quoted = quoted_modifiers(head)  # words in quotation marks are all the name's: an "America first" policy
    modifiers = [t for c in head.children if c.dep_ in _ISSUE_MODIFIERS and (c.i in quoted or (
                 c.lower_ not in lex.quantifiers and "".join(t.lower_ for t in c.subtree) not in lex.hedges))
                 for t in c.subtree]
    preps = [c for c in head.children if c.dep_ == dep.PREP and c.lower_ in _TOPIC_PREPS | _PARTY_PREPS]
    preps += _attached_topic(head)
    # "signed a cease-fire agreement on Thursday": a date belongs to the event, not to the issue's name
    preps = [p for p in preps if not any(g.dep_ == dep.POBJ and g.ent_type_ in {"DATE", "TIME"} for g in p.children)]
    topics = [p for p in preps if p.lower_ in _TOPIC_PREPS]
    phrase = modifiers + [head.doc[i] for i in quoted] + [head] + [t for p in preps for t in p.subtree]
    naming = modifiers + [head] + [t for p in (topics or preps) for t in p.subtree]
    return sorted(set(phrase), key=lambda t: t.i), sorted(set(naming), key=lambda t: t.i)


def issue_mention(head: Token, lex: Lexicon) -> Mention | None:
    """A concept named by a noun phrase ("draft agreements on security guarantees", "the rapprochement
    between Ukraine and the alliance"), labelled with its references resolved ("... and NATO")."""
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN" or lemma in lex.vague_nouns or lemma in lex.titles or entity_of(head) is not None:
        return None  # vague, a person ("NATO leaders") or a name
    if lemma in lex.process_nouns:  # "the implementation of the plan" is the plan; of a name, no issue
        done = [g for c in head.children if c.dep_ == dep.PREP and c.lower_ == "of"
                for g in c.children if g.dep_ == dep.POBJ]
        return issue_mention(done[0], lex) if done else None
    phrase, naming = _issue_parts(head, lex)
    pointing = any(c.dep_ in {dep.DET, dep.POSS} and c.lower_ in _ANAPHORIC for c in head.children)
    if pointing and _names_only(head, naming):
        # "withdrew from the talks": the talks named before ("the P5+1 talks with Iran"), if any
        named = _named_before(head, lex) if any(c.lower_ in _DEFINITE for c in head.children) else None
        if named is None:
            return None  # "rejected the accusation", "its forces": a bare noun that points back
        span = head.doc[phrase[0].i:phrase[-1].i + 1]
        return Mention(span.text, span.start_char, span.end_char, "Issue", "", label=named.label)
    span = head.doc[phrase[0].i:phrase[-1].i + 1]
    replaced: dict[int, str] = {}
    for token in naming:
        if (antecedent := antecedent_of(token)) is not None:
            replaced.update((t.i, "") for t in description_span(token))
            replaced[token.i] = antecedent.label or antecedent.text
    parts = []
    for token, following in zip(naming, [*naming[1:], None]):
        if word := replaced.get(token.i, token.text):
            # spaced as written where the words stand together ("cease-fire"), else one space
            parts += [word, token.whitespace_ if following is not None and following.i == token.i + 1 else " "]
    label = "".join(parts).strip().replace(" 's", "'s")
    return Mention(span.text, span.start_char, span.end_char, "Issue", "", label=label)


_DEFINITE = {"the", "this", "that", "these", "those"}


def _named_before(head: Token, lex: Lexicon) -> Mention | None:
    """The latest earlier issue of the same noun the document names with words of its own."""
    earlier = [t for t in words_tagged(head.doc[:head.i], "NOUN") if t.lemma_ == head.lemma_]
    for token in reversed(earlier):
        if not _names_only(token, _issue_parts(token, lex)[1]):
            return issue_mention(token, lex)
    return None


def _names_only(head: Token, naming: list[Token]) -> bool:
    """Does the noun phrase name nothing but its head ("the talks", "their talks")?"""
    return all(t == head or t.pos_ == "PRON" for t in naming)


def mentions_within(span: Span, start: int, end: int, gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """Entities and resolved references inside characters [start, end) of a sentence."""
    found = [mention(ent, gaz, lex) for ent in entities_in(span)
             if start <= ent.start_char and ent.end_char <= end and entity_of(ent.root) is not None]
    found += [ref for token in span if start <= token.idx < end and not token.ent_type_
              if (ref := reference(token)) is not None]
    return found
