"""NLP stage: place names the small model misses or mislabels ("DAYTON , Ohio", datelines, source lines)."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.docstate import entity_at
from kg.knowledge import Gazetteer

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_RELABEL = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART"}
_MAX_NAME = 4


def _region_kind(ent: Span, gaz: Gazetteer) -> str:
    """"Country", "Place" (a state or region the gazetteer knows) or ""."""
    known = gaz.entities.get(ent.ent_id_) or gaz.named_places.get(ent.text)
    if ent.label_ not in _PLACE_LABELS or known is None or known.type not in {"Country", "Place"}:
        return ""
    return known.type


def is_region(ent: Span, gaz: Gazetteer) -> bool:
    """A country or a state: the second half of "Akron , Ohio"."""
    return bool(_region_kind(ent, gaz))


def _name_before(doc: Doc, end: int) -> tuple[int, int] | None:
    """Token range of the capitalised name ending just before token `end`."""
    start = end
    sent_start = doc[end - 1].sent.start if end > 0 else 0
    while (start > sent_start and end - start < _MAX_NAME and doc[start - 1].is_alpha
           and (doc[start - 1].is_title or doc[start - 1].is_upper) and doc[start - 1].pos_ != "DET"):
        start -= 1
    return (start, end) if start < end else None


def _relabelled(doc: Doc, start: int, end: int, label: str, allow: set[str]) -> Span | None:
    """The span as a new `label` entity, unless an entity of another kind overlaps it unevenly or is
    not one `allow` lets us replace."""
    overlapping = {e for i in range(start, end) if (e := entity_at(doc, i)) is not None}
    if any(e.label_ == label or e.label_ not in allow or (e.start, e.end) != (start, end) for e in overlapping):
        return None
    return Span(doc, start, end, label=label)


def places_before_regions(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """"DAYTON , Ohio", "Jackson , Wyo.", "BANGKOK , Thailand": a name followed by a comma and a state
    or country, the region not modifying what follows ("Smith , Texas Republican")."""
    found = []
    for region in doc.ents:
        kind = _region_kind(region, gaz)
        if not kind or region.start < 2 or doc[region.start - 1].text != ",":
            continue
        after = doc[region.end] if region.end < len(doc) else None
        if after is not None and (after.text in {"'s", "’s"} or after.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}):
            continue
        name = _name_before(doc, region.start - 1)
        if name is None:
            continue
        start, end = name
        # a person's name before a country is common ("Pele , Brazil"), before a state it is a town
        person_allowed = kind == "Place" or all(t.is_upper for t in doc[start:end])
        span = _relabelled(doc, start, end, "GPE", _RELABEL if person_allowed else _RELABEL - {"PERSON"})
        if span is not None:
            found.append(span)
    return found


def _skip_text_marker(doc: Doc, i: int) -> int:
    """Past the "( Text )" that opens monitored-broadcast transcripts."""
    words = [t.lower_ for t in doc[i:i + 3]]
    return i + 3 if words == ["(", "text", ")"] else i


def dateline_places(doc: Doc) -> list[Span]:
    """"Sofia , February 15 ( BTA ) --", "Moscow March 5 ( ITAR-TASS ) --": the opening name of a
    dateline is a place, the bracketed name after the date its news agency."""
    found = []
    for sent in doc.sents:
        i = _skip_text_marker(doc, sent.start)
        j = i
        while (j < sent.end and j - i < _MAX_NAME and doc[j].is_alpha and (doc[j].is_title or doc[j].is_upper)
               and doc[j].ent_type_ != "DATE"):
            j += 1
        if j == i:
            continue
        k = j + 1 if j < sent.end and doc[j].text == "," else j
        date = entity_at(doc, k) if k < sent.end else None
        if date is None or date.label_ != "DATE" or date.start != k or date.end + 2 >= sent.end:
            continue
        if doc[date.end].text != "(":
            continue
        close = next((t.i for t in doc[date.end + 1:min(date.end + 6, sent.end)] if t.text == ")"), None)
        if close is None:
            continue
        found += [s for s in (_relabelled(doc, i, j, "GPE", _RELABEL),
                              _relabelled(doc, date.end + 1, close, "ORG", set())) if s is not None]
    return found


_MONITOR_ID = re.compile(r"^[A-Z]{2}\d{6,}$")  # "PA2904034294": a monitoring service's item number
_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}


def _language_and_time(doc: Doc, i: int) -> bool:
    """From "in" at token i: "in Spanish 0400 GMT 26 Apr 94", or with a date alone "in Arabic 6 Apr 94"
    when the model tagged the language LANGUAGE or NORP."""
    if i + 2 >= len(doc) or doc[i].lower_ != "in" or not (doc[i + 1].is_alpha and doc[i + 1].is_title):
        return False
    after = doc[i + 2:i + 6]
    if any(t.text == "GMT" for t in after):
        return True
    return doc[i + 1].ent_type_ in {"LANGUAGE", "NORP"} and any(t.lower_[:3] in _MONTHS and t.is_title for t in after)


def _name_token(doc: Doc, i: int) -> bool:
    token = doc[i]
    if token.text == "-" or (token.is_digit and i > 0 and doc[i - 1].text == "-"):
        return True
    return (token.is_title or token.is_upper) and not token.like_num and not _MONITOR_ID.match(token.text)


def _place_prefix(doc: Doc, start: int, end: int, gaz: Gazetteer) -> int | None:
    """End of the place that opens tokens [start, end): a capital or state by name, else a place entity."""
    for length in (3, 2, 1):
        if start + length < end and doc[start:start + length].text in gaz.named_places:
            return start + length
    ent = entity_at(doc, start)
    if ent is not None and ent.label_ in _PLACE_LABELS and ent.start == start and ent.end < end:
        return ent.end
    return None


def _source_line_candidates(doc: Doc) -> list[int]:
    """Where "in LANGUAGE" may start: before a language the model tagged, or a few words before "GMT"
    (reading every token of every document was a tenth of the pipeline's own time)."""
    found = {e.start - 1 for e in doc.ents if e.label_ in {"LANGUAGE", "NORP"} and e.start > 0}
    gmt = numpy.flatnonzero(doc.to_array(ORTH) == doc.vocab.strings["GMT"])
    found |= {i for at in gmt.tolist() for i in range(max(at - 5, 0), at)}
    return sorted(found)


def source_lines(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """"PA2904034294 Guatemala City Teleonce Television in Spanish 0400 GMT 26 Apr 94": in a broadcast
    monitor's source line the place opens the name before "in LANGUAGE", and the rest is the source."""
    found = []
    for token in (doc[i] for i in _source_line_candidates(doc) if _language_and_time(doc, i)):
        start = token.i
        while start > token.sent.start and _name_token(doc, start - 1):
            start -= 1
        place_end = _place_prefix(doc, start, token.i, gaz)
        if place_end is not None:
            found += [Span(doc, start, place_end, label="GPE"), Span(doc, place_end, token.i, label="ORG")]
        # "1700 GMT" is the broadcast time, whatever the model made of it
        found += [Span(doc, t.i - 1 if doc[t.i - 1].is_digit else t.i, t.i + 1, label="TIME")
                  for t in doc[token.i + 2:token.i + 6] if t.text == "GMT"]
    return found


def replace_entities(doc: Doc, spans: list[Span]) -> Doc:
    """Set new entity spans, each replacing the entities it overlaps."""
    if spans:
        keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        doc.ents = filter_spans(keep + spans)
    return doc


def named_capitals(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """"the capital Maputo", "the capital of Harare": a capital the gazetteer knows, named after the word
    "capital", is a place even when the model knows no such name."""
    found = []
    for token in (doc[i] for i in numpy.flatnonzero(doc.to_array(LOWER) == doc.vocab.strings["capital"]).tolist()):
        start = token.i + 2 if token.i + 2 < len(doc) and doc[token.i + 1].lower_ in {"of", "city"} else token.i + 1
        end = next((start + n for n in (3, 2, 1) if doc[start:start + n].text in gaz.named_places), None)
        if end is not None and gaz.named_places[doc[start:end].text].type == "City":
            found += [s for s in (_relabelled(doc, start, end, "GPE", _RELABEL),) if s is not None]
    return found


def repair_place_names(doc: Doc, gaz: Gazetteer) -> Doc:
    return replace_entities(doc, places_before_regions(doc, gaz) + dateline_places(doc) + source_lines(doc, gaz)
                            + named_capitals(doc, gaz))
