"""Extraction stage: the dependency labels its rules read, as spaCy's English parsers name them (ClearNLP)."""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:  # (the module's upper-case names are the labels alone)
    from spacy.tokens import Token

# One name per label: a misspelt name fails at import and in mypy, where a misspelt string would
# silently never match; tests/test_deps.py checks that the model's parser has every label here, and
# that the object slots of lexicon.toml's and cameo_verbs.toml's triggers ("dobj", "prep:with") name labels here.
ACL = "acl"  # clausal modifier of a noun: "plans to strengthen", "Russia, citing security"
ACOMP = "acomp"  # adjectival complement: "are loyal to X"
ADVCL = "advcl"  # adverbial clause
ADVMOD = "advmod"  # adverb modifier
AGENT = "agent"  # "by" of a passive
AMOD = "amod"  # adjectival modifier
APPOS = "appos"  # apposition: "X, a spokesman for Y"
ATTR = "attr"  # the complement of a copula: "X is the president of Y"
AUX = "aux"  # auxiliary: "will", "may"
AUXPASS = "auxpass"  # passive auxiliary
CC = "cc"  # coordinating conjunction
CCOMP = "ccomp"  # clausal complement: "said that ..."
COMPOUND = "compound"  # noun compound: "Hong Kong firm"
CONJ = "conj"  # conjunct
DATIVE = "dative"  # indirect object: "gave Ukraine weapons" (read as an object slot of lexicon.toml's triggers)
DET = "det"  # determiner
DOBJ = "dobj"  # direct object
MARK = "mark"  # subordinating marker: "if", "that"
NEG = "neg"  # negation
NMOD = "nmod"  # noun modifier
NPADVMOD = "npadvmod"  # noun phrase as adverb: "met last week"
NSUBJ = "nsubj"  # nominal subject
NSUBJPASS = "nsubjpass"  # nominal subject of a passive
NUMMOD = "nummod"  # number modifier
OPRD = "oprd"  # object predicate: "named him envoy"
PARATAXIS = "parataxis"  # a clause set beside another: "X, he said, ..."
PCOMP = "pcomp"  # complement of a preposition: "by killing"
POBJ = "pobj"  # object of a preposition
POSS = "poss"  # possessive: "Beijing 's"
PREDET = "predet"  # pre-determiner: "both the sides"
PREP = "prep"  # prepositional modifier
RELCL = "relcl"  # relative clause
XCOMP = "xcomp"  # open clausal complement: "urged China to withdraw"

LABELS = frozenset(value for name, value in dict(globals()).items() if name.isupper() and isinstance(value, str))


def is_subject(token: Token) -> bool:
    """Is the token a clause's subject, active or passive?"""
    return token.dep_ in (NSUBJ, NSUBJPASS)
