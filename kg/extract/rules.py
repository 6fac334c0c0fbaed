"""Extraction stage: dependency and span rules that find relations in one sentence."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from kg.docstate import entities_in, words_tagged
from kg.extract import deps as dep
from kg.extract.candidate import Candidate
from kg.extract.mentions import (
    ACTOR_TYPES,
    RELATIVE_PRONOUNS,
    argument_mentions,
    body_country,
    coordinated,
    entity_of,
    examples,
    group_mention,
    issue_mention,
    mention,
)
from kg.extract.quotes import quoted_modifiers
from kg.knowledge import Gazetteer, Lexicon, Trigger, vocabulary
from kg.nlp import ACTOR_LABELS
from kg.records import Mention

# ---- institutions --------------------------------------------------------------------------

def institution_parts(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"Russian Foreign Ministry" -> (Russian Foreign Ministry, part_of, Russia); a body the gazetteer
    puts in an organisation or state, when the article names that too ("the European Council" and "the
    EU", "the CIA" and "the US")."""
    for body in (e for e in entities_in(sent) if e.label_ in {"GOV", "ORG"}):
        if body.label_ == "GOV" and (country := body_country(body, gaz, lex)) is not None:
            yield Candidate(mention(body, gaz, lex), "part_of", country, "institution", None, 0.95)
        elif (parent := gaz.parents.get(body.ent_id_)) is not None:
            named = next((e for e in sent.doc.ents if e.ent_id_ == parent), None)
            if named is not None:
                yield Candidate(mention(body, gaz, lex), "part_of", mention(named, gaz, lex), "institution-parent",
                                None, 0.9)


def membership_lists(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"the UN Security Council members — Russia, France ...", "members of the Council, including Russia"
    -> each listed actor is member_of the organisation."""
    for noun in words_tagged(sent, "NOUN"):
        if noun.lemma_.lower() not in lex.membership_nouns:
            continue
        bodies = noun_subjects(noun, gaz, lex, ("of",), labels={"ORG", "GOV"})
        listed = [c for c in noun.children if c.dep_ == dep.APPOS] + examples(noun)
        members = [m for t in listed for m in argument_mentions(t, gaz, lex)]
        for body in bodies:
            for member in members:
                if member.start != body.start:
                    yield Candidate(member, "member_of", body, "membership-list", None, 0.85)


def member_groups(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"EU countries", "NATO member states": a group named by an organisation's states is its members
    (one that lists them, "the members — France and Spain", is membership_lists'); "EU ambassadors"
    hold the organisation's posts."""
    for noun in words_tagged(sent, "NOUN"):
        lemma = noun.lemma_.lower()
        role = lex.titles.get(lemma)
        if role is not None and role.affiliation == "leader_of":
            role = None  # "NATO leaders" lead their states, not NATO: a group leads nothing
        if lemma not in lex.member_nouns and role is None or (group := group_mention(noun, lex)) is None:
            continue
        if examples(noun) or any(c.dep_ == dep.APPOS for c in noun.children):
            continue
        predicate = role.affiliation if role is not None else "member_of"
        for body in noun_subjects(noun, gaz, lex, (), labels={"ORG"}):
            if body.type == "InternationalOrganization":
                yield Candidate(group, predicate, body, "member-group", None, 0.8)


def conflicts(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"the Ukraine crisis", "the Ukrainian conflict", "Iran's nuclear program": a conflict or a programme
    named after a state concerns it, wherever the phrase stands ("a crisis in Botswana" is only where)."""
    for noun in words_tagged(sent, "NOUN"):
        if noun.lemma_.lower() not in lex.conflict_nouns:
            continue
        states = [m for c in noun.children if c.dep_ in {dep.COMPOUND, dep.AMOD, dep.POSS, dep.NMOD}
                  for m in argument_mentions(c, gaz, lex) if m.type == "Country"]
        if states and (issue := issue_mention(noun, lex)) is not None:
            for state in states:
                yield Candidate(issue, "concerns", state, "issue-phrase", None, 0.7)


def stances(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"pro-Russian separatists" support Russia, "anti-Western militias" oppose the West; "Russian-backed
    separatists" are supported by Russia."""
    for noun in words_tagged(sent, "NOUN"):
        if (group := group_mention(noun, lex)) is None:
            continue
        for modifier in (c for c in noun.children if c.dep_ == dep.AMOD and c.i >= 2 and c.doc[c.i - 1].text == "-"):
            if predicate := lex.stance_prefixes.get(modifier.doc[modifier.i - 2].lower_):
                for target in argument_mentions(modifier, gaz, lex):
                    yield Candidate(group, predicate, target, "stance", None, 0.7)
            elif predicate := lex.backing_participles.get(modifier.lemma_.lower()):
                for backer in (m for c in _hyphened(modifier) for m in argument_mentions(c, gaz, lex)
                               if m.type in ACTOR_TYPES):
                    yield Candidate(backer, predicate, group, "backing", None, 0.7)


def _hyphened(modifier: Token) -> list[Token]:
    """The word a hyphen joins to a modifier before it, as the parser hangs it on the modifier: "Kong" of
    "Hong Kong-flagged", "Russian" of "Russian-backed"."""
    return [c for c in modifier.children if c.i == modifier.i - 2 and modifier.doc[modifier.i - 1].text == "-"]


def allegiances(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"rebels loyal to Riek Machar" -> (Riek Machar, leader_of, rebels)."""
    for adjective in words_tagged(sent, "ADJ"):
        if adjective.lemma_.lower() not in lex.loyalty_adjectives or adjective.dep_ not in {dep.AMOD, dep.ACOMP}:
            continue
        # "rebels loyal to X" or "the rebels are loyal to X"
        group = adjective.head if adjective.dep_ == dep.AMOD else \
            next((c for c in adjective.head.children if c.dep_ == dep.NSUBJ), adjective)
        followers = argument_mentions(group, gaz, lex)
        leaders = [m for t in slot_tokens(adjective, ("prep:to",), lex) for m in argument_mentions(t, gaz, lex)]
        for leader in leaders:
            for follower in followers:
                yield Candidate(leader, "leader_of", follower, "allegiance", adjective, 0.7)
                yield Candidate(follower, "supports", leader, "allegiance", adjective, 0.7)


# ---- clauses: subject-verb-object --------------------------------------------------------

def _subject_after_fronted_phrase(verb: Token) -> list[Token]:
    """Repair "Against X around Ukraine, Russia and the US are planning ...": the small model
    attaches the real subject as a conjunct inside the fronted phrase, leaving the verb subjectless."""
    left = verb.doc[verb.sent.start:verb.i]
    commas = [t.i for t in left if t.text == ","]
    if not commas:
        return []
    return [t for t in verb.doc[commas[-1] + 1:verb.i]
            if t.dep_ == dep.CONJ and t.head.i < commas[-1] and t.pos_ in {"PROPN", "NOUN"}][:1]


def _co_agents(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """"Russia used its clout — along with China — to oppose", "Russia, together with China, opposed":
    those acting with the subject, on the verb or on the subject."""
    found = []
    for prep in (c for t in tokens for c in t.children if c.dep_ == dep.PREP):
        if prep.lower_ in lex.co_agent_markers:
            found += [g for g in prep.children if g.dep_ == dep.POBJ]
        found += [g for inner in prep.children if inner.dep_ == dep.PREP
                  and f"{prep.lower_} {inner.lower_}" in lex.co_agent_markers
                  for g in inner.children if g.dep_ == dep.POBJ]
    return found


def verb_subjects(verb: Token, lex: Lexicon) -> list[Token]:
    """Subject tokens of a verb, inherited through control, coordination, relative clauses and
    gerunds when absent."""
    subjects = [c for c in verb.children if c.dep_ == dep.NSUBJ]
    if not subjects:
        subjects = [g for c in verb.children if c.dep_ == dep.AGENT for g in c.children if g.dep_ == dep.POBJ]
    if verb.dep_ == dep.RELCL and all(s.lower_ in RELATIVE_PRONOUNS for s in subjects):
        return subjects  # "Jack Ruby , who killed Oswald": argument_mentions reads "who" as Ruby
    if subjects or verb.head == verb:
        return subjects + _co_agents([verb, *subjects], lex) if subjects else _subject_after_fronted_phrase(verb)
    # "Japan urged China to withdraw": the one urged does it ("used its clout to oppose" is the subject's)
    if (verb.dep_ == dep.XCOMP and verb.head.lemma_.lower() in lex.object_control_verbs
            and (controllers := [c for c in verb.head.children if c.dep_ == dep.DOBJ])):
        return controllers
    if verb.dep_ in {dep.XCOMP, dep.CONJ}:
        inherited = verb_subjects(verb.head, lex)
        if not inherited and verb.dep_ == dep.CONJ:  # "X was born in A and lives in B"
            inherited = [c for c in verb.head.children if c.dep_ == dep.NSUBJPASS]
        return inherited + _co_agents([verb], lex) if inherited else []
    if verb.dep_ == dep.ACL and verb.tag_ == "VBG":
        return [verb.head]  # "Russia , citing security , ..." / "the man killing X"
    purpose = any(c.dep_ == dep.AUX and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == dep.ADVCL and (verb.tag_ in {"VBG", "VBN"} or purpose) and verb.head.pos_ == "VERB":
        # "Trump called May, having phoned Ireland", "they met Iran's negotiator to press demands": the
        # clause's subject
        return verb_subjects(verb.head, lex)
    if verb.dep_ == dep.ACL and verb.head.dep_ in {dep.DOBJ, dep.POBJ} and verb.head.head.pos_ == "VERB":
        # "the US prepared plans to strengthen NATO": the planner is the one who strengthens
        return verb_subjects(verb.head.head, lex)
    if verb.dep_ == dep.PCOMP and verb.tag_ == "VBG" and verb.head.head.pos_ == "VERB":
        return _holder(verb.head.head, lex)  # "Oswald acted alone in killing Kennedy"
    return []


def _holder(verb: Token, lex: Lexicon) -> list[Token]:
    """Who a gerund under this verb is about: its subject, its passive subject ("X was convicted of
    murdering Y"), the one convicted ("convicted X of insulting Y") or, for a participle on a noun, that
    noun ("the man convicted of killing Y")."""
    patients = [c for c in verb.children if c.dep_ == dep.NSUBJPASS]
    if not patients and verb.lemma_.lower() in lex.culpability_verbs:  # "convicted X of insulting Y"
        patients = [c for c in verb.children if c.dep_ == dep.DOBJ]
    if patients:
        return patients
    if verb.dep_ == dep.ACL and verb.tag_ == "VBN":
        return [verb.head]
    return _name_before_participle(verb) or verb_subjects(verb, lex)


def _name_before_participle(verb: Token) -> list[Token]:
    """Repair "the sentence of John Adamson , convicted of murdering X": the small model hangs a
    participle clause after a name and a comma on the main verb; it describes that name."""
    doc = verb.doc
    if verb.dep_ != dep.ADVCL or verb.tag_ != "VBN" or verb.i < 2 or doc[verb.i - 1].text != ",":
        return []
    ent = entity_of(doc[verb.i - 2])
    return [ent.root] if ent is not None and ent.label_ == "PERSON" else []


def _patients(verb: Token) -> list[Token]:
    """The passive subject, or the noun a past participle modifies ("Gordon Parks , born in X")."""
    patients = [c for c in verb.children if c.dep_ == dep.NSUBJPASS]
    if not patients and verb.dep_ == dep.ACL and verb.tag_ == "VBN":
        patients = [verb.head]
    return patients or _name_before_participle(verb)


def _actor_after(prep: Token) -> Token | None:
    """Repair "discuss with Russia European security": the small model makes the actor right after
    the preposition a modifier of the next noun; the actor is the real object of the preposition."""
    if prep.i + 1 >= len(prep.doc):
        return None
    first = prep.doc[prep.i + 1]
    ent = entity_of(first)
    if (ent is None or ent.label_ not in ACTOR_LABELS or ent.start != first.i
            or ent.root.dep_ not in {dep.NMOD, dep.COMPOUND}):
        return None
    return ent.root if ent.root.head.dep_ == dep.POBJ and ent.root.head.head == prep else None


def _what_it_called(verb: Token, lex: Lexicon) -> list[Token]:
    """"condemned what it termed a terror attack": the object is what the clause names."""
    return [g for c in verb.children if c.dep_ == dep.CCOMP and c.lemma_.lower() in lex.predicative_verbs
            and any(w.dep_ == dep.DOBJ and w.lower_ == "what" for w in c.children)
            for g in c.children if g.dep_ in {dep.OPRD, dep.ATTR, dep.XCOMP}]


def slot_tokens(head: Token, slots: tuple[str, ...], lex: Lexicon) -> list[Token]:
    """Tokens filling the first object slot that is present."""
    return first_slot(head, slots, lex)[1]


def first_slot(head: Token, slots: tuple[str, ...], lex: Lexicon) -> tuple[str, list[Token]]:
    """The first object slot that is present, with the tokens filling it."""
    for slot in slots:
        kind, _, word = slot.partition(":")
        if kind == dep.PREP:
            found = [_actor_after(c) or g for c in head.children if c.dep_ == dep.PREP and c.lower_ == word
                     for g in c.children if g.dep_ == dep.POBJ]
        elif kind == dep.DOBJ:
            found = [c for c in head.children if c.dep_ in {dep.DOBJ, dep.NSUBJPASS}] or _what_it_called(head, lex)
        else:
            found = [c for c in head.children if c.dep_ == kind]
        if found:
            return slot, found
    return "", []


def arguments(tokens: list[Token], gaz: Gazetteer, lex: Lexicon, predicate: str = "") -> tuple[list[Mention], str]:
    """Mentions for argument tokens; an event noun stands for its agent ("lamented the US withdrawal"), a
    state's people, missions and means for the state ("expelled 60 U.S. diplomats"); for relations that take
    concepts, a noun phrase becomes an issue ("proposed draft agreements")."""
    found = [m for t in tokens for m in argument_mentions(t, gaz, lex)]
    if found:
        # "Representatives of X as well as Germany": a proxy beside a name still stands for its owner
        return list({(m.start, m.end): m for m in found + _owners(tokens, gaz, lex)}.values()), ""
    # condemning "North Korea's rocket launch" or opposing "Morsi's rule" judges the one who acts
    judged = predicate in lex.actor_judging
    for token in tokens:
        if token.lemma_.lower() in lex.nouns or judged:
            agents = noun_subjects(token, gaz, lex, labels=ACTOR_LABELS | {"PERSON"} if judged else ACTOR_LABELS)
            if agents:
                return agents, "+event-agent"
    if owners := _owners(tokens, gaz, lex):
        return owners, "+proxy"
    if predicate in lex.issue_predicates:
        issues = [m for t in tokens for head in coordinated(t) if (m := issue_mention(head, lex)) is not None]
        if issues:
            return issues, "+issue"
    return [], ""


def _owners(tokens: list[Token], gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """Whom a state's people, missions and means stand for ("60 U.S. diplomats", "the ships of Iran")."""
    return [m for t in tokens for head in coordinated(t) if head.lemma_.lower() in lex.proxy_nouns
            for m in noun_subjects(head, gaz, lex, ("of", "from")) or _listed_owners(head, gaz, lex)]


def _listed_owners(proxy: Token, gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """"Representatives of the permanent members — Russia, France and China": the states the owner
    noun lists, never the unnamed group itself."""
    return [m for c in proxy.children if c.dep_ == dep.PREP and c.lower_ in {"of", "from"}
            for g in c.children if g.dep_ == dep.POBJ for m in argument_mentions(g, gaz, lex) if m.type != "Group"]


def pairs(trigger: Trigger, subjects: list[Mention], objects: list[Mention], rule: str,
           token: Token, confidence: float) -> Iterator[Candidate]:
    if not objects and (vocabulary()[trigger.predicate].symmetric or trigger.mutual) and len(subjects) > 1:
        # "Russia and the United States will hold talks", "Trump and Ryan clashed": coordinated subjects act
        # on each other
        subjects, objects, rule = subjects[:1], subjects[1:], rule + "+coordination"
    for subject in subjects:
        for obj in objects:
            if subject.key and subject.key == obj.key or subject.text == obj.text:
                continue
            for one, other in ((subject, obj), (obj, subject)) if trigger.mutual else ((subject, obj),):
                if predicate := trigger.predicate_for(one.type, other.type):
                    yield Candidate(one, predicate, other, rule, token, confidence)


def verb_relations(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    for verb in words_tagged(sent, "VERB"):
        trigger = lex.verbs.get(verb.lemma_.lower())
        if trigger is None:
            continue
        passive = any(c.dep_ in {dep.NSUBJPASS, dep.AUXPASS} for c in verb.children) or (
            verb.dep_ == dep.ACL and verb.tag_ == "VBN")
        if trigger.patient_subject:
            if not passive:
                continue
            subject_tokens = _patients(verb)
        else:
            subject_tokens = verb_subjects(verb, lex)
        subjects, subject_rule = arguments(subject_tokens, gaz, lex)
        slot, object_tokens = first_slot(verb, trigger.object_slots, lex)
        if not object_tokens:  # "fired a missile over Japan": the parser hangs the verb's phrase on its object
            slot, object_tokens = next((found for c in verb.children if c.dep_ == dep.DOBJ
                                        if (found := first_slot(c, trigger.preposition_slots, lex))[1]), ("", []))
        trigger = trigger.in_slot(slot)  # "fired missiles at X" attacks X, "over X" threatens it
        if not object_tokens and passive and not trigger.patient_subject:
            object_tokens = _patients(verb)  # "Atahualpa , murdered by Pizarro"
        objects, object_rule = arguments(object_tokens, gaz, lex, trigger.predicate)
        rule = ("svo-passive" if passive else "svo") + subject_rule + object_rule
        yield from pairs(trigger, subjects, objects, rule, verb, 0.6 if object_rule else 0.8)


def ties(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"Saudi Arabia restored diplomatic ties with Iran", "Russia and Ukraine cut relations": what the
    verb does to the ties (CAMEO 050 restore, resume, forge; 16x cut, freeze) the parties are to each other."""
    for noun in words_tagged(sent, "NOUN"):
        if noun.lemma_.lower() not in lex.tie_nouns:
            continue
        verb = noun.head
        predicate = lex.tie_verbs.get(verb.lemma_.lower()) if noun.dep_ == dep.DOBJ else None
        if predicate is None:
            continue
        subjects = arguments(verb_subjects(verb, lex), gaz, lex)[0]
        partners = slot_tokens(noun, ("prep:with", "prep:between"), lex) or slot_tokens(verb, ("prep:with",), lex)
        yield from pairs(Trigger(verb.lemma_.lower(), predicate, ()), subjects, arguments(partners, gaz, lex)[0],
                         "ties", verb, 0.7)


def co_agents(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    """"Russia used its clout — along with China — to oppose X": who acts together in an event (the verb
    or the one it controls a trigger of the lexicon) cooperates."""
    for verb in words_tagged(sent, "VERB"):
        partners = _co_agents([verb, *(c for c in verb.children if c.dep_ == dep.NSUBJ)], lex)
        acts = [verb] + [c for c in verb.children if c.dep_ == dep.XCOMP]
        if partners and any(t.lemma_.lower() in lex.verbs for t in acts):
            subjects = [t for t in verb_subjects(verb, lex) if t not in partners]  # also inherited: "but used"
            yield from pairs(Trigger(verb.lemma_, "cooperates_with", ()), arguments(subjects, gaz, lex)[0],
                             arguments(partners, gaz, lex)[0], "co-agent", verb, 0.7)


# ---- event nouns --------------------------------------------------------------------------

def noun_subjects(noun: Token, gaz: Gazetteer, lex: Lexicon, preps: tuple[str, ...] = ("by",),
                  labels: set[str] = ACTOR_LABELS) -> list[Mention]:
    """Agent of an event noun ("Russia's / the Russian / the US withdrawal", "withdrawal by X"), or the
    owner of what stands for it ("60 U.S. diplomats", "the ships of Iran", "a Hong Kong-flagged vessel")."""
    quoted = quoted_modifiers(noun)  # an "America first" policy: a quoted name labels it, does not do it
    tokens = [c for c in noun.children if c.dep_ in {dep.POSS, dep.AMOD, dep.COMPOUND, dep.NMOD} and c.i not in quoted]
    # "a Hong Kong-flagged vessel", "an Iranian-owned tanker": the owner before the participle's hyphen
    tokens += [g for c in noun.children if c.dep_ == dep.AMOD and c.lemma_.lower() in lex.owner_participles
               for g in _hyphened(c)]
    tokens += [g for c in noun.children if c.dep_ == dep.PREP and c.lower_ in preps
               for g in c.children if g.dep_ == dep.POBJ]
    found = [m for t in tokens if (ent := entity_of(t)) is not None and ent.label_ in labels
             for m in argument_mentions(t, gaz, lex)]
    return list({(m.start, m.end): m for m in found}.values())


def _culprits(noun: Token, gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """Who is held to have done the event: "X , convicted of the murder of Y", "X was charged with
    the killing", "arrested for the assassination"."""
    prep = noun.head
    if noun.dep_ != dep.POBJ or prep.lower_ not in {"of", "with", "for"}:
        return []
    verb = prep.head
    if verb.lemma_.lower() not in lex.culpability_verbs:
        return []
    return [m for t in _holder(verb, lex) for m in argument_mentions(t, gaz, lex)]


def _agents_above(noun: Token, gaz: Gazetteer, lex: Lexicon) -> tuple[list[Mention], str]:
    """Who does an event its noun names no agent for: the subject of the light verb it is the object of,
    directly ("imposed sanctions on X") or through the nouns that hold it ("agreed on a package of
    sanctions", "adopted a law on sanctions"), the agent of such a noun ("the adoption of a law on
    sanctions against X by the US Congress"), or the subject of "is in" it ("X is in talks with Y")."""
    token = noun
    while True:
        if token is not noun and (agents := noun_subjects(token, gaz, lex) or _passed_by(token, gaz, lex)):
            return agents, "event-noun-holder"
        if token.dep_ == dep.DOBJ and token.head.lemma_.lower() in lex.light_verbs:
            return arguments(verb_subjects(token.head, lex), gaz, lex)[0], "light-verb"
        prep = token.head if token.dep_ == dep.POBJ else None
        if prep is not None and prep.lower_ == "in" and prep.head.lemma_ == "be":
            # "X is in talks with Y", "I am in close contact with Y": the one the event is going on for
            return arguments(verb_subjects(prep.head, lex), gaz, lex)[0], "light-verb"
        if prep is None or prep.dep_ != dep.PREP or prep.lower_ not in {"of", "on", "for"}:
            return [], "event-noun"
        if prep.head.pos_ == "VERB":
            # "agreed on a package of sanctions" decides the event; "issued a statement on ..." talks about it
            decided = prep.head.lemma_.lower() in lex.decision_verbs
            return (arguments(verb_subjects(prep.head, lex), gaz, lex)[0], "light-verb") if decided \
                else ([], "event-noun")
        if prep.head.pos_ != "NOUN":
            return [], "event-noun"
        token = prep.head


def _passed_by(noun: Token, gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """The agent of a participle on a noun: "the bill ... passed by the United States Congress" (tagged
    a past tense, too, when the "by" shows it is a participle)."""
    return [m for c in noun.children if c.dep_ == dep.ACL
            and (c.tag_ == "VBN" or any(g.dep_ == dep.AGENT for g in c.children))
            for t in verb_subjects(c, lex) for m in argument_mentions(t, gaz, lex)]


def _demanded_of(noun: Token, gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """"their demands that Iran disclose its activities": the one the clause on the noun asks to act."""
    return [m for c in noun.children if c.dep_ in {dep.ACL, dep.CCOMP}
            and any(g.dep_ == dep.MARK and g.lower_ == "that" for g in c.children)
            for s in c.children if s.dep_ == dep.NSUBJ for m in argument_mentions(s, gaz, lex)]


def _on_light_verb(noun: Token, trigger: Trigger, gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """The event's object the parser hung on its light verb: "impose sanctions on North Korea" with "on"
    under "impose"."""
    if noun.dep_ != dep.DOBJ or noun.head.lemma_.lower() not in lex.light_verbs:
        return []
    return [m for t in slot_tokens(noun.head, trigger.preposition_slots, lex) for m in argument_mentions(t, gaz, lex)]


def _joint(noun: Token, lex: Lexicon) -> Trigger | None:
    """"a joint statement", "joint exercises with X": what those who make it together are to each other;
    "the joint declaration" is one named before, whose makers need not be those who sign or reject it."""
    predicate = lex.joint_nouns.get(noun.lemma_.lower())
    if predicate is None or not any(c.dep_ == dep.AMOD and c.lower_ in lex.joint_adjectives for c in noun.children) \
            or any(c.dep_ == dep.DET and c.lower_ in {"the", "this", "that"} for c in noun.children):
        return None
    return Trigger(noun.lemma_.lower(), predicate, ("prep:with", "prep:between"))


def noun_relations(sent: Span, gaz: Gazetteer, lex: Lexicon) -> Iterator[Candidate]:
    for noun in words_tagged(sent, "NOUN"):
        trigger = lex.nouns.get(noun.lemma_.lower()) or _joint(noun, lex)
        if trigger is None:
            continue
        culprits = _culprits(noun, gaz, lex)
        subjects, rule = (culprits, "culprit") if culprits else (noun_subjects(noun, gaz, lex), "event-noun")
        if not subjects:
            subjects, rule = _agents_above(noun, gaz, lex)
        objects = arguments(slot_tokens(noun, trigger.object_slots, lex), gaz, lex)[0]
        objects = objects or _demanded_of(noun, gaz, lex) or _on_light_verb(noun, trigger, gaz, lex)
        if culprits and not objects:  # "convicted of Kennedy 's killing": the possessor is the victim
            objects = [m for c in noun.children if c.dep_ == dep.POSS for m in argument_mentions(c, gaz, lex)]
        if not subjects and len(objects) > 1 and "prep:between" in trigger.object_slots:
            subjects, objects = objects[:1], objects[1:]
            rule = "event-noun-between"
        yield from pairs(trigger, subjects, objects, rule, noun, 0.7)

