#!/usr/bin/env python3
"""Mine verb triggers for ontologies/cameo_verbs.toml from the CAMEO 2.0 verb dictionary (PETRARCH format)."""

# How CAMEO event codes become our predicates. A code takes the predicate of its longest listed prefix;
# None means no relation of ours fits, and the verb is left out.
#
#   code   CAMEO event                               predicate         why
#   01     make public statement                     -                 what is said, not a relation
#   02     appeal, request                           requests
#   03     express intent to cooperate               -                 an intention: lexicon [modality]
#   04     consult, visit, host, meet                meets_with
#   045    mediate                                   -                 the mediator meets both sides, not its object
#   046    negotiate                                 negotiates_with
#   05     diplomatic cooperation                    cooperates_with
#   051-054 praise, defend, rally for, recognise     supports
#   055    apologise                                 -
#   056    forgive                                   -
#   057    sign formal agreement                     signs
#   06     material cooperation                      cooperates_with
#   063    judicial cooperation (extradite)          -                 the object is the one handed over
#   07     provide aid                               aids
#   08     yield                                     concedes_to
#   083    accede to reform ("resign")               -                 no one yielded to is named
#   084    return, release                           -                 the object is who is released
#   087    de-escalate, retreat                      -                 the object is troops or ground
#   09     investigate                               -
#   10     demand                                    demands
#   11     disapprove, criticise                     criticizes
#   112    accuse                                    accuses
#   113    rally opposition against                  opposes
#   115    bring lawsuit against                     accuses
#   116    find guilty                               -                 a verdict
#   12     reject                                    rejects
#   13     threaten                                  threatens
#   14     protest                                   protests
#   15     exhibit force posture                     -                 the object is the force, not a destination
#   16     reduce relations                          -                 the object is ties, aid or talks
#   163    impose embargo, boycott, sanctions        sanctions
#   166    expel or withdraw                         coerces
#   17     coerce                                    coerces
#   172    impose administrative sanctions           sanctions
#   18     assault                                   attacks
#   1823, 186  kill, assassinate                     kills
#   184    use as human shield                       -                 the object is the shield
#   19     fight                                     attacks
#   191    blockade                                  coerces           as lexicon.toml's blockade
#   20     unconventional mass violence              attacks
#   201    mass expulsion                            coerces
#   202    mass killing                              kills
#
# What is mined: single-word verbs that CAMEO's coders used - a block's head, a verb with a code of its own or
# the verb a pattern came from (its comment names it) - not the WordNet synonyms the file adds to blocks in bulk.
# A verb coded on its line (its own code, else its block's) takes its target as direct object; "verb
# preposition" entries ("+ASK_FOR") and bare prepositional patterns ("- * (WITH)") add that preposition's
# object as a slot ("prep:for"), and a SYMMETRIC relation also takes "with" ("collaborate with X"). Patterns
# with particular nouns only vote on the verb's sense: a trigger knows a lemma and its slots, not the words of
# its object. A verb is kept when one predicate has DOMINANCE of its mapped senses (line and pattern codes);
# the others are listed as ambiguous in the output. SKIP leaves out, with the reason, verbs whose code fits
# only the objects of their patterns, or that news uses in another sense (measured: beat, fire, suggest).

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "dictionaries" / "phoenix" / "CAMEO.2.0.txt"
TARGET = ROOT / "ontologies" / "cameo_verbs.toml"

PREDICATES: dict[str, str | None] = {
    "01": None, "02": "requests", "03": None,
    "04": "meets_with", "045": None, "046": "negotiates_with",
    "05": "cooperates_with", "051": "supports", "052": "supports", "053": "supports", "054": "supports",
    "055": None, "056": None, "057": "signs",
    "06": "cooperates_with", "063": None,
    "07": "aids",
    "08": "concedes_to", "083": None, "084": None, "087": None,
    "09": None,
    "10": "demands",
    "11": "criticizes", "112": "accuses", "113": "opposes", "115": "accuses", "116": None,
    "12": "rejects", "13": "threatens", "14": "protests", "15": None,
    "16": None, "163": "sanctions", "166": "coerces",
    "17": "coerces", "172": "sanctions",
    "18": "attacks", "1823": "kills", "184": None, "186": "kills",
    "19": "attacks", "191": "coerces",
    "20": "attacks", "201": "coerces", "202": "kills",
}

DOMINANCE = 0.75

# Symmetric interactions name the counterpart with "with" as well ("collaborate with X", "consult with X").
SYMMETRIC = {"meets_with", "negotiates_with", "cooperates_with"}

# Prepositions whose object a trigger can take ("+ASK_FOR" -> ask, prep:for); other second words are particles.
PREPOSITIONS = {"about", "against", "at", "between", "by", "for", "from", "into", "of", "on", "over", "to",
                "toward", "towards", "upon", "with"}

# Verbs left out, with the reason: CAMEO's code fits the verb's object in its patterns, not any actor it takes.
_GIVEN = "the object is who or what is freed, pardoned, eased or given up, not the actor yielded to"
_GOODS = "the object is goods, ties, forces or a project, not a partner ('bought arms', 'improved ties')"
_FEELING = "a feeling or a view, not a relation to the object"
_FELT_BY_OBJECT = "the object is the one who disapproves ('X dismayed Y')"
_NO_MEETING = "no meeting with a counterpart: attending an event, inviting, debating, greeting, pondering, telling"
_MOTION = "a motion verb: 'went to Paris', 'came to power', 'ran into', 'departed Abuja for Germany'"
_NO_ATTACK = "mostly not violence in news: 'ripped into', 'whipped up', 'hammered out', 'grapple with'"
_NO_REJECTION = "'failed to', 'declined to comment', 'delayed the vote', 'defected to' reject nothing"
_TAKEN_ELSEWHERE = "another role in lexicon.toml"
SKIP: dict[str, str] = {
    **dict.fromkeys(["absolve", "acquit", "clear", "declassify", "ease", "exonerate", "free", "legalise", "liberate",
                     "loosen", "pardon", "relinquish", "unblock", "waive", "allow", "abstain", "bow", "compromise",
                     "disengage", "retreat", "settle"], _GIVEN),
    **dict.fromkeys(["amass", "assemble", "attach", "benefit", "buy", "enact", "enhance", "enlist", "facilitate",
                     "import", "improve", "increase", "influence", "lend", "merge", "pay", "purchase", "redouble",
                     "reveal", "sponsor", "stabilise", "evacuate", "extract", "guard", "pull"], _GOODS),
    **dict.fromkeys(["despair", "differ", "disagree", "disgrace", "distrust", "hope", "count", "mourn", "regret",
                     "rejoice"], _FEELING),
    **dict.fromkeys(["disappoint", "dismay", "disturb"], _FELT_BY_OBJECT),
    **dict.fromkeys(["attend", "debate", "face", "greet", "invite", "mull", "notify", "ponder"], _NO_MEETING),
    **dict.fromkeys(["come", "depart", "go", "run"], _MOTION),
    **dict.fromkeys(["circle", "grapple", "hammer", "rip", "whip", "wrestle"], _NO_ATTACK),
    **dict.fromkeys(["decline", "defect", "delay", "fail"], _NO_REJECTION),
    **dict.fromkeys(["consider", "insist", "suggest"], _TAKEN_ELSEWHERE + ": a predicative or speech verb"),
    "beat": "sports results: 'Romania beat Lithuania 2-1' (CrossRE news)",
    "bid": "'bid farewell', 'bid for'",
    "bless": "a blessing of a deal or a couple is no political support",
    "caution": "a caution is a warning (lexicon.toml's warns), not a threat",
    "commemorate": "the object is an event or the dead",
    "compensate": "compensating someone pays them",
    "contest": "contesting an election is running in it",
    "counter": "'countered that ...' answers; 'counter the threat' resists",
    "fire": "dismissing staff ('fired his deputy') and firing a gun (the object is the weapon)",
    "formalize": "the object is ties or a deal",
    "hurt": "sanctions and prices hurt a country without an assault",
    "link": "'linked to' is an association more often than an accusation",
    "mediate": "mediation: the mediator is not yielding",
    "reassert": "the object is a claim",
    "renounce": "giving something up ('renounced violence'), not criticism",
    "spurn": "spurning is rejection, which CAMEO codes 110 (criticism)",
    "target": "sanctions target banks and companies",
    "verify": "checking is no concession",
}

MIT_NOTICE = """\
# Derived from CAMEO.2.0.txt, the PETRARCH2 verb dictionary (github openeventdata/petrarch2):
#
# The MIT License (MIT)
#
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

_BLOCK = re.compile(r"---\s+(\S+)\s+\[([^\]]*)\]")
_VERB = re.compile(r"(\+?)([A-Z][A-Z_'\-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")
_PATTERN = re.compile(r"-\s+(.*?)\s*\[([^\]]*)\]\s*(?:#\s*(\S*).*)?")
_BARE_PREP = re.compile(r"\*\s+\(?([A-Z]+)(?:\s+\+)?\)?")


def predicate(code: str) -> str | None:
    """The predicate of a CAMEO code ("042:043" is coded from its source's side: 042); None if none fits."""
    code = code.split(":")[0].strip()
    if not code.isdigit():
        return None
    prefixes = [p for p in PREDICATES if code.startswith(p)]
    return PREDICATES[max(prefixes, key=len)] if prefixes else None


@dataclass
class Verb:
    """What the dictionary says about one lemma."""

    codes: list[str] = field(default_factory=list)  # its line codes, one per block it is attested in
    slots: dict[str, list[str]] = field(default_factory=dict)  # preposition slot -> codes
    senses: list[str] = field(default_factory=list)  # codes of its patterns with particular nouns


@dataclass
class Block:
    """One `---  NAME  [code]  ---` block: a synonym set and the patterns coded for it."""

    name: str
    code: str
    lines: list[tuple[str, str, str]] = field(default_factory=list)  # (multi-word "+", word, own code or "")
    patterns: list[tuple[str, str, str]] = field(default_factory=list)  # (body, code, verb it came from)


def blocks(text: str) -> list[Block]:
    """The blocks of the VERB PATTERNS section of a PETRARCH verb dictionary."""
    section = text.split("####### VERB PATTERNS #######", 1)[-1].split("######## TRANSFORMATIONS", 1)[0]
    found: list[Block] = []
    for raw in section.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if header := _BLOCK.match(line):
            found.append(Block(header.group(1).lower(), header.group(2)))
        elif not found:
            continue
        elif line.startswith("-"):
            if pattern := _PATTERN.fullmatch(line):
                found[-1].patterns.append((pattern.group(1), pattern.group(2), (pattern.group(3) or "").lower()))
        elif entry := _VERB.match(line.split("#")[0].strip()):
            found[-1].lines.append((entry.group(1), entry.group(2).strip("_").lower(), entry.group(3) or ""))
    return found


def parse(text: str) -> dict[str, Verb]:
    """Lemma -> Verb. A block lists TABARI's coded verbs and WordNet synonyms added in bulk; a synonym counts
    only when it is attested: it heads the block, has a code of its own or is the origin of a pattern."""
    verbs: dict[str, Verb] = defaultdict(Verb)
    for block in blocks(text):
        origins = {origin for _, _, origin in block.patterns}
        attested = []
        for multi, word, own in block.lines:
            parts = word.split("_")
            if multi and len(parts) == 2 and parts[1] in PREPOSITIONS and parts[0].isalpha():
                verbs[parts[0]].slots.setdefault(f"prep:{parts[1]}", []).append(own or block.code)
            elif not multi and word.isalpha() and (own or word == block.name or word in origins):
                attested.append(word)
                verbs[word].codes.append(own or block.code)
        for body, code, origin in block.patterns:
            bare = _BARE_PREP.fullmatch(body)
            for owner in _owners(origin, block.name, attested):
                if bare and bare.group(1).lower() in PREPOSITIONS:
                    verbs[owner].slots.setdefault(f"prep:{bare.group(1).lower()}", []).append(code)
                else:
                    verbs[owner].senses.append(code)
    return verbs


def _owners(origin: str, head: str, attested: list[str]) -> list[str]:
    """The verbs a pattern was coded for: the one its comment names, or with no comment the block's head (or
    all its attested verbs); a pattern that came from a phrase or an unattested synonym belongs to none."""
    if origin in attested:
        return [origin]
    if origin:
        return []
    return [head] if head in attested else attested


@dataclass(frozen=True)
class Trigger:
    """A mined [verbs] entry."""

    lemma: str
    predicate: str
    slots: tuple[str, ...]
    codes: tuple[str, ...]


def trigger(lemma: str, verb: Verb) -> tuple[Trigger | None, str]:
    """The verb's trigger, or None and why not: "ambiguous (...)", "skipped" or "" (no sense maps)."""
    every = verb.codes + verb.senses + [c for codes in verb.slots.values() for c in codes]
    votes = Counter(p for c in every if (p := predicate(c)))
    if not votes:
        return None, ""
    main, count = votes.most_common(1)[0]
    if count < DOMINANCE * sum(votes.values()):
        return None, "ambiguous (" + ", ".join(f"{p} {n}" for p, n in votes.most_common()) + ")"
    if lemma in SKIP:
        return None, "skipped"
    # a verb coded on its own line takes its target as direct object; one coded only in patterns has no
    # reading without the pattern's words
    direct = ("dobj",) if any(predicate(c) for c in verb.codes) else ()
    preps = {s for s, codes in verb.slots.items() if {predicate(c) for c in codes} - {None} == {main}}
    if main in SYMMETRIC and direct:
        preps.add("prep:with")
    slots = direct + tuple(sorted(preps))
    if not slots:
        return None, ""
    codes = sorted({c.split(":")[0][:3] for c in every if predicate(c) == main})
    return Trigger(lemma, main, slots, tuple(codes)), ""


def _comment(text: str) -> list[str]:
    """A long list as wrapped, indented TOML comment lines."""
    return textwrap.wrap(text, 112, initial_indent="#   ", subsequent_indent="#     ", break_on_hyphens=False)


def convert(text: str) -> str:
    """The TOML text of cameo_verbs.toml for the dictionary text."""
    triggers, ambiguous = [], []
    for lemma, verb in sorted(parse(text).items()):
        found, why = trigger(lemma, verb)
        if found:
            triggers.append(found)
        elif why.startswith("ambiguous"):
            ambiguous.append(lemma + why.removeprefix("ambiguous"))
    reasons = defaultdict(list)
    for lemma, reason in sorted(SKIP.items()):
        reasons[reason].append(lemma)
    lines = [
        "# Verb triggers mined from the CAMEO 2.0 verb dictionary by tools/cameo_verbs.py (the code mapping is",
        "# explained there). Do not edit: change the converter and re-run it. kg/knowledge/lexicon.py merges these "
        "under",
        "# lexicon.toml's [verbs]; a hand-written entry there wins.",
        "#",
        MIT_NOTICE.rstrip("\n"),
        "#",
        "# Left out as ambiguous: their CAMEO senses map to different predicates (senses per predicate), none with",
        f"# {DOMINANCE:.0%} of them:",
        *_comment(", ".join(ambiguous)),
        "# Left out by the converter's skip list:",
        *(line for reason, lemmas in reasons.items() for line in _comment(f"{reason}: {', '.join(lemmas)}")),
        "",
        "[verbs]",
    ]
    for t in triggers:
        slots = "" if t.slots == ("dobj",) else ", object = [" + ", ".join(f'"{s}"' for s in t.slots) + "]"
        lines.append(f'{t.lemma} = {{ predicate = "{t.predicate}"{slots} }}  # CAMEO {", ".join(t.codes)}')
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", nargs="?", type=Path, default=SOURCE, help="CAMEO.2.0.txt")
    parser.add_argument("-o", "--output", type=Path, default=TARGET, help="the TOML file to write")
    args = parser.parse_args(argv)
    try:
        text = args.source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        print(f"cameo_verbs: error: cannot read {args.source}: {err}", file=sys.stderr)
        return 2
    temporary = args.output.with_suffix(".tmp")
    temporary.write_text(convert(text), encoding="utf-8")
    temporary.replace(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
