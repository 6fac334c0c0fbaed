"""Extraction stage: where things are — places within places, organisations' seats, people's homes."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.docstate import entities_in, words_tagged
from kg.extract import deps as dep
from kg.extract.candidate import Candidate
from kg.extract.coref import description_span
from kg.extract.mentions import argument_mentions, coordinated, entity_of, mention, reference
from kg.knowledge import Gazetteer, Lexicon
from kg.nlp import bracketed_entity
from kg.placenames import is_region
from kg.records import Mention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
_MODIFIERS = {dep.COMPOUND, dep.AMOD, dep.POSS, dep.NMOD}


def _place(token: Token | None) -> Span | None:
    ent = entity_of(token) if token is not None else None
    return ent if ent is not None and ent.label_ in PLACE_LABELS else None


def _is_list(span: Span) -> bool:
    """Is the span one item of a coordination ("France , Germany and Italy")? A "conj" without any
    "and"/"or" is the parser's reading of "DAYTON , Ohio", not a list."""
    head = span.root
    while head.dep_ == dep.CONJ and head.head != head:
        head = head.head
    items = coordinated(head)
    return len(items) > 1 and any(c.dep_ == dep.CC for item in items for c in item.children)


def _place_after_comma(span: Span, gaz: Gazetteer) -> Span | None:
    """"Akron , Ohio" / "Addis Ababa , Ethiopia": the place right after a comma, not a list item. A
    state or country after a town is never the next item ("Jackson , Wyo. , and Gunnison , Colo.")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != "," or span.end + 1 >= span.sent.end:
        return None
    after = _place(doc[span.end + 1])
    if after is None or after.start != span.end + 1:
        return None
    if (is_region(span, gaz) or not is_region(after, gaz)) and (_is_list(after) or _is_list(span)):
        return None
    if dep.is_subject(after.root) and after.root.head.i > after.root.i:
        return None  # "If X deploys missiles in Europe , Russia will ...": the next clause's subject
    following = doc[after.end] if after.end < span.sent.end else None
    if following is not None and following.lower_ in {"and", "or"}:
        return None
    return after


def _pobj_places(token: Token, preps: set[str]) -> list[Span]:
    return [p for c in token.children if c.dep_ == dep.PREP and c.lower_ in preps
            for g in c.children if g.dep_ == dep.POBJ if (p := _place(g)) is not None]


def _modifier_places(token: Token, span: Span, dependencies: set[str] = _MODIFIERS) -> list[Span]:
    """Places modifying a head from outside its span: "Beijing 's Tiananmen Square", "a Hong Kong firm"."""
    found = []
    for child in token.children:
        place = _place(child) if child.dep_ in dependencies and not span.start <= child.i < span.end else None
        if place is not None:
            found.append(place)
    return found


def places_in_places(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"DAYTON , Ohio", "Beijing 's Tiananmen Square", "the range in the Ocala National Forest", "Banki , a town
    in Nigeria"."""
    for inner in (e for e in entities_in(sent) if e.label_ in PLACE_LABELS):
        outers = [p for p in (_place_after_comma(inner, gaz),) if p is not None]
        outers += _modifier_places(inner.root, inner, {dep.POSS}) + _pobj_places(inner.root, {"in"})
        # "Banki , a town in northeast Nigeria", "the Wakhan Corridor , a region in Afghanistan"
        outers += [p for c in inner.root.children if c.dep_ == dep.APPOS and c.lemma_.lower() in lex.place_nouns
                   for p in _pobj_places(c, {"in", "of"})]
        for outer in outers:
            if _kind(inner, gaz) == "Country" and _kind(outer, gaz) != "Place":
                continue  # a country lies in a region, never in another country or an unknown name
            yield Candidate(mention(inner, gaz, lex), "located_in", mention(outer, gaz, lex), "place-in-place",
                            None, 0.8)


def _kind(span: Span, gaz: Gazetteer) -> str:
    known = gaz.entities.get(span.ent_id_)
    return known.type if known is not None else ""


def _hyphen_based(token: Token) -> Span | None:
    """"a Chicago-based company": the place before "-based" on the noun's modifiers."""
    for child in token.children:
        if child.lower_ == "based" or (child.lower_.endswith("-based")):
            for grand in child.subtree:
                if (place := _place(grand)) is not None:
                    return place
    return None


def organisation_seats(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"U.S. Navy", "Sun Hung Kai Properties , a Hong Kong firm", "a Chicago-based bank X", "X in Paris",
    "the US Embassy in Moscow"."""
    for org in (e for e in entities_in(sent) if e.label_ == "ORG"):
        # the name, what it is in apposition with, and the noun before it ("Panama-based law firm X")
        heads = [org.root] + [c for c in org.root.children if c.dep_ == dep.APPOS
                              or c.dep_ == dep.COMPOUND and c.pos_ == "NOUN" and not org.start <= c.i < org.end]
        if org.root.dep_ == dep.APPOS:
            heads.append(org.root.head)
        places = [p for h in heads for p in _modifier_places(h, org)] + _pobj_places(org.root, {"in", "of"})
        places += [p for h in heads if (p := _hyphen_based(h)) is not None]
        places += _seat_noun_places(org, lex) + _dateline_places(org) + _demonym_before_kind(org, gaz, lex)
        state_body = bool({t.lower_ for t in org} & lex.state_body_words)
        for place in _with_enclosing(places, gaz):  # repeats are dropped with every other duplicate statement
            where = mention(place, gaz, lex)
            # "Nigeria's Department of State Services" is part of the state, not a firm seated there
            predicate = "part_of" if state_body and where.type == "Country" else "based_in"
            yield Candidate(mention(org, gaz, lex), predicate, where, "organisation-seat", None, 0.7)
    # "the US Embassy in Moscow", "the German consulate in Afghanistan" or, named before, "the consulate in
    # Mazar-i-Sharif": a state's body abroad is seated where it is, and stays part of its own state
    bodies = [(mention(e, gaz, lex), e.root) for e in entities_in(sent) if e.label_ == "GOV"]
    bodies += [(ref, t) for t in words_tagged(sent, "NOUN") if not t.ent_type_
               if (ref := reference(t)) is not None and ref.type == "GovernmentBody"]
    for body, head in bodies:
        for place in _with_enclosing(_pobj_places(head, {"in"}), gaz):
            yield Candidate(body, "based_in", mention(place, gaz, lex), "body-seat", None, 0.7)


def _demonym_before_kind(org: Span, gaz: Gazetteer, lex: Lexicon) -> list[Span]:
    """"Panamanian legal firm X", "German daily X": a country's demonym before the noun saying what kind
    of organisation the name is (lexicon organisation_nouns) tells where it is based, however parsed."""
    doc, kind = org.doc, org.start - 1
    if kind < 0 or doc[kind].lower_ not in lex.organisation_nouns:
        return []
    for token in reversed(doc[max(org.sent.start, kind - 3):kind]):
        ent = entity_of(token)
        if ent is not None:
            return [ent] if ent.label_ == "NORP" and gaz.country_named(ent.ent_id_, ent.text) else []
        if token.pos_ not in {"ADJ", "NOUN"}:
            break
    return []


def _seat_noun_places(org: Span, lex: Lexicon) -> list[Span]:
    """"NRC headquarters in Rockville", "the company's plant in Ohio": the place of a seat noun the
    organisation modifies."""
    head = org.root.head
    if org.root.dep_ not in {dep.COMPOUND, dep.POSS, dep.NMOD} or head.lemma_.lower() not in lex.seat_nouns:
        return []
    return _pobj_places(head, {"in", "at"})


def _with_enclosing(places: list[Span], gaz: Gazetteer) -> list[Span]:
    """Add the larger place named after a comma: based in "Miami , Fla." is also based in Florida."""
    return places + [outer for p in places if (outer := _place_after_comma(p, gaz)) is not None]


def _dateline_places(org: Span) -> list[Span]:
    """"DAYTON , Ohio ( AP )": a news agency in brackets after the opening place names of a sentence
    filed its report from there."""
    doc, sent = org.doc, org.sent
    if org.start < 2 or doc[org.start - 1].text != "(" or org.end >= len(doc) or doc[org.end].text != ")":
        return []
    places = [e for e in entities_in(doc[sent.start:org.start - 1]) if e.label_ in PLACE_LABELS]
    head = doc[sent.start:org.start - 1]
    if not places or any(t.pos_ in {"VERB", "AUX"} for t in head) or len(head) > 8:
        return []
    return places[:1]


def _parenthesised_place(span: Span) -> Span | None:
    """"Andrei Medvedev ( Ukraine )": a place alone in brackets right after a name."""
    ent = bracketed_entity(span.doc, span.end)
    return ent if ent is not None and ent.label_ in PLACE_LABELS else None


def people_homes(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"Ferraro , 50 , of Bethany", "Merbold of the European Space Agency", "Medvedev ( Ukraine )",
    "Soviet pianist Vladimir Ashkenazy", "Derwinski , a Republican from Chicago"."""
    for person in (e for e in entities_in(sent) if e.label_ == "PERSON"):
        who = mention(person, gaz, lex)
        # "X of Bethany"; "X , a Republican from Chicago": a description in apposition says where from
        described = [c for c in person.root.children
                     if c.dep_ == dep.APPOS and (c.pos_ == "NOUN" or c.ent_type_ == "NORP")]
        for place in (p for noun in described for p in _pobj_places(noun, {"from"})):
            yield Candidate(who, "located_in", mention(place, gaz, lex), "person-from-place", None, 0.7)
        for prep in (c for c in person.root.children if c.dep_ == dep.PREP and c.lower_ in {"of", "from", "at"}):
            for pobj in (g for g in prep.children if g.dep_ == dep.POBJ):
                ent = entity_of(pobj)
                if ent is None:
                    continue
                if ent.label_ in PLACE_LABELS:
                    for place in _with_enclosing([ent], gaz):
                        yield Candidate(who, "located_in", mention(place, gaz, lex), "person-of-place", None, 0.7)
                elif ent.label_ == "ORG" and prep.lower_ in {"of", "at"}:
                    yield Candidate(who, "works_for", mention(ent, gaz, lex), "person-of-organisation", None, 0.7)
        bracketed = _parenthesised_place(person)
        if bracketed is not None:
            yield Candidate(who, "located_in", mention(bracketed, gaz, lex), "person-place-brackets", None, 0.6)
        for nationality in _nationalities(person, gaz):
            yield Candidate(who, "citizen_of", mention(nationality, gaz, lex), "nationality", None, 0.7)


def whereabouts(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"Mohammed said in Abuja", "Trump landed at X", "Osinbajo met with the girls in Abuja": the subject of a
    clause is where the clause puts it, or its verb of meeting puts the one met (as planned, reported or
    denied as the clause itself)."""
    for person in (e for e in entities_in(sent) if e.label_ == "PERSON" and e.root.dep_ == dep.NSUBJ):
        if person.root.head.pos_ not in {"VERB", "AUX"}:
            continue
        for verb in _sharing_subject(person.root.head):
            places = _pobj_places(verb, {"in", "at"})
            if verb.lemma_.lower() in lex.presence_verbs:  # "met with the girls in Abuja": where they were met
                met = [c for c in verb.children if c.dep_ == dep.DOBJ]
                met += [g for c in verb.children if c.dep_ == dep.PREP for g in c.children if g.dep_ == dep.POBJ]
                places += [p for o in met for p in _pobj_places(o, {"in", "at"})]
            for place in places:
                yield Candidate(mention(person, gaz, lex), "located_in", mention(place, gaz, lex), "whereabouts",
                                verb, 0.6)


def _sharing_subject(verb: Token) -> list[Token]:
    """The verb and the verbs coordinated with it that have no subject of their own ("arrived in Kyiv and
    spoke at the Rada")."""
    return [verb] + [c for c in verb.children if c.dep_ == dep.CONJ and c.pos_ == "VERB"
                     and not any(dep.is_subject(g) for g in c.children)]


def _home_word(token: Token, lex: Lexicon) -> bool:
    """"home", or the last word of "home state" / "native town" with the word before it."""
    if token.lemma_.lower() in lex.home_nouns:
        return True
    before = [c for c in token.children if c.dep_ in {dep.COMPOUND, dep.AMOD} and c.i == token.i - 1]
    return bool(before) and f"{before[0].lower_} {token.lower_}" in lex.home_nouns


def homes(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"Sohn 's New Jersey home", "her hometown of Belen , N.M.", "Jackson 's home state": a home
    noun with its owner (a possessive, pronouns resolved) and its place (a modifier or "of")."""
    for noun in (t for t in words_tagged(sent, "NOUN") if _home_word(t, lex)):
        owners = [m for c in noun.children if c.dep_ == dep.POSS for m in argument_mentions(c, gaz, lex)
                  if m.type == "Person"]
        places = [p for c in noun.children if c.dep_ in {dep.COMPOUND, dep.AMOD, dep.NMOD}
                  if (p := _place(c)) is not None]
        places += _pobj_places(noun, {"of"})
        if noun.head.lemma_ == "be":  # "With South Carolina being Jackson 's home state"
            places += [p for c in noun.head.children if c.dep_ in {dep.NSUBJ, dep.ATTR} and c != noun
                       if (p := _place(c)) is not None]
        for owner in owners:
            for place in _with_enclosing(places, gaz):
                yield Candidate(owner, "located_in", mention(place, gaz, lex), "home", None, 0.7)


def _nationalities(person: Span, gaz: Gazetteer) -> list[Span]:
    """Demonyms of a country on the name's modifier chain: "Soviet pianist X", "the Spanish premier X";
    the country itself before it: "Egypt's Mohammed Morsi", "Zimbabwe human rights lawyer X"."""
    found: list[Span] = []
    frontier = [person.root]
    while frontier:
        token = frontier.pop()
        for child in token.children:
            if child.dep_ not in {dep.COMPOUND, dep.AMOD, dep.POSS} or person.start <= child.i < person.end:
                continue
            ent = entity_of(child)
            if ent is None:
                if child.pos_ in {"NOUN", "ADJ"}:
                    frontier.append(child)
                continue
            known = gaz.entities.get(ent.ent_id_)
            if ent.label_ == "NORP" and (known is not None or gaz.country_named("", ent.text)) \
                    or known is not None and known.type == "Country" and ent.label_ == "GPE" and not _complement(ent):
                found.append(ent)
    return found


def _complement(ent: Span) -> bool:
    """Is the country a title's complement the parser hung on the name ("Ambassador to the United States
    Anatoly Antonov")? The envoy is sent to it, not from it."""
    start = ent.start - (1 if ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the" else 0)
    return start > 0 and ent.doc[start - 1].lower_ in {"to", "of", "at", "in", "for"}


def capitals(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"the Ethiopian capital, Addis Ababa", "Addis Ababa, the capital of Ethiopia" -> capital_of."""
    for noun in words_tagged(sent, "NOUN"):
        if noun.lemma_.lower() != "capital":
            continue
        owners = [ent for c in noun.children if c.dep_ in _MODIFIERS
                  if (ent := entity_of(c)) is not None and ent.label_ in PLACE_LABELS | {"NORP"}]
        owners += _pobj_places(noun, {"of"})
        countries = [m for m in (mention(o, gaz, lex) for o in owners) if m.type == "Country"]
        cities = [_place(c) for c in noun.children if c.dep_ == dep.APPOS]
        cities += [_place(noun.head)] if noun.dep_ in {dep.APPOS, dep.COMPOUND} else []
        cities += [_named_right_after(noun)]  # "in the capital Maputo ending ...", parsed as a clause's subject
        if not countries:  # "the capital Maputo", "the capital of Harare": the gazetteer knows whose
            cities += _pobj_places(noun, {"of"})
        places = list({c.start: c for c in cities if c is not None}.values())
        if not countries:
            countries = [m for c in places if (m := _capital_country(c, gaz)) is not None]
        named = [mention(c, gaz, lex) for c in places]
        described = noun.dep_ != dep.APPOS and not any(c.dep_ == dep.APPOS for c in noun.children)
        if not named and described and len(countries) == 1 and (known := gaz.capitals.get(countries[0].key)):
            # "negotiations in the Ethiopian capital": the capital the gazetteer knows, named as the text does
            words = description_span(noun)
            named = [Mention(words.text, words.start_char, words.end_char, "City", label=known.label)]
        for city in named:
            for country in countries:
                yield Candidate(city, "capital_of", country, "capital", None, 0.85)


def _named_right_after(noun: Token) -> Span | None:
    place = _place(noun.doc[noun.i + 1]) if noun.i + 1 < len(noun.doc) else None
    return place if place is not None and place.start == noun.i + 1 else None


def _capital_country(city: Span, gaz: Gazetteer) -> Mention | None:
    """The country of a capital the gazetteer knows, as the city's own words."""
    known = gaz.named_places.get(city.text)
    if known is None or known.type != "City" or len(states := gaz.stands_for.get(known.id, ())) != 1:
        return None
    return Mention(city.text, city.start_char, city.end_char, "Country", states[0])


PLACE_RULES = (places_in_places, organisation_seats, people_homes, homes, capitals, whereabouts)
