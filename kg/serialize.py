"""Serialise stage: resolved documents -> plain JSON records (`kg extract`, `kg eval`, outside scorers)."""

from __future__ import annotations

from kg.records import DocumentResult, Entity, Mention, ResolvedAssertion


def _argument(m: Mention, entity: Entity) -> dict:
    record = {"text": m.text, "start": m.start, "end": m.end,
              "id": entity.id, "label": entity.label, "type": entity.type}
    if m.refers_to is not None:
        record["refers_to"] = {"text": m.refers_to.text, "start": m.refers_to.start, "end": m.refers_to.end}
    return record


def statement_record(s: ResolvedAssertion) -> dict:
    a = s.assertion
    return {
        "subject": _argument(a.subject, s.subject),
        "predicate": a.predicate,
        "object": _argument(a.object, s.object),
        "polarity": a.polarity,
        "modality": a.modality,
        "truthy": s.truthy,
        "attributed_to": _argument(a.attributed_to, s.attributed_to) if a.attributed_to and s.attributed_to else None,
        "rule": a.rule,
        "confidence": a.confidence,
        "date": s.date or None,
        "date_text": a.date_text or None,
        "sentence": {"text": a.sentence.text, "start": a.sentence.start, "end": a.sentence.end},
    }


def document_record(result: DocumentResult) -> dict:
    """One input record: its id and every statement, with spans into `text`."""
    d = result.document
    return {"id": d.id, "source": d.source, "title": d.title or None, "date": d.date or None, "text": d.text,
            "statements": [statement_record(s) for s in result.statements]}
