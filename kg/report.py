"""Report formatting: evaluation tables, entity cards and edge explanations as plain text for the terminal."""

from __future__ import annotations

import textwrap

from kg.cards import Edge, EntityCard, Evidence
from kg.evaluate import RelationReport, Triple
from kg.evaluate_articles import ArticleReport, RowOutcome
from kg.records import Modality, Polarity


def _triple_line(t: Triple) -> str:
    how = f"  [{t.predicate} via {t.rule}]" if t.rule else ""
    return f"  ({t.subject.text} | {t.label} | {t.object.text}){how}\n      {t.sentence}"


def relation_table(report: RelationReport, errors: bool = False) -> str:
    lines = [f"scheme {report.scheme}", "",
             f"{'relation':<16} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8} {'predicted':>10}"]
    for s in (*report.per_label, report.micro):
        if s.label == "micro":
            lines.append("-" * len(lines[-1]))
        lines.append(f"{s.label:<16} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>8} "
                     f"{s.predicted:>10}")
    if errors:
        lines += ["", f"misses ({len(report.misses)}):"] + [_triple_line(t) for t in report.misses]
        lines += ["", f"false positives ({len(report.false_positives)}):"]
        lines += [_triple_line(t) for t in report.false_positives]
    return "\n".join(lines) + "\n"


def _row_lines(o: RowOutcome) -> list[str]:
    row = o.row
    names = ["/".join(side) if isinstance(side, list) else side for side in (row["subject"], row["object"])]
    lines = [f"{'ok  ' if o.ok else 'FAIL'} {row['level']:<6} ({names[0]} | {'/'.join(row['relation'])} | {names[1]})"
             f"  {row['doc']}"]
    if o.evidence is not None:
        s = o.evidence
        lines.append(f"       {'found' if row['level'] != 'forbid' else 'violated by'}: "
                     f"({s.subject.label} | {s.assertion.predicate} | {s.object.label}) "
                     f"{s.assertion.polarity}/{s.assertion.modality}")
    if not o.ok and row.get("evidence"):
        lines.append(f"       evidence: {row['evidence']}")
    return lines


def _summary_line(report: ArticleReport) -> str:
    return "   ".join(f"{level}: {ok}/{total} {'respected' if level == 'forbid' else 'found'}"
                      for level in ("must", "should", "forbid") for ok, total in [report.count(level)])


def article_table(report: ArticleReport, errors: bool = False) -> str:
    """Row by row for hand-picked rows (seeds); for exhaustive gold, a line per article and the totals,
    and with `errors` every miss, false edge, violated forbid row, duplicate and junk node."""
    if not report.exhaustive:
        return "\n".join([line for o in report.outcomes for line in _row_lines(o)] + ["", _summary_line(report)]) + "\n"
    head = f"{'article':<48} {'prec':>5} {'edges':>5} {'must':>7} {'should':>7} {'forbid':>6} {'dup':>4} {'junk':>8}"
    lines = [head, "-" * len(head)]
    for name, totals in [(a.doc, report.totals([a])) for a in report.articles] + [("overall", report.totals())]:
        if name == "overall":
            lines.append("-" * len(head))
        must, should = totals["must"], totals["should"]
        lines.append(f"{name[:48]:<48} {totals['precision']:>5.2f} {totals['plain_edges']:>5} "
                     f"{must['found']:>3}/{must['total']:<3} {should['found']:>3}/{should['total']:<3} "
                     f"{totals['forbid_violated']:>6} {totals['duplicates']:>4} "
                     f"{totals['junk']:>3}/{totals['nodes']:<4}")
    overall = report.totals()
    lines += ["", f"precision {overall['precision']:.3f}   must recall {overall['must_recall']:.3f}   "
                  f"should recall {overall['should_recall']:.3f}   forbid violated {overall['forbid_violated']}   "
                  f"duplicate rate {overall['duplicate_rate']:.3f}   junk rate {overall['junk_rate']:.3f}"]
    if errors:
        misses = [o for o in report.outcomes if not o.ok]
        lines += ["", f"rows not met ({len(misses)}):"] + [line for o in misses for line in _row_lines(o)]
        false = [(a.doc, e) for a in report.articles for e in a.edges if not e.correct]
        lines += ["", f"false plain edges ({len(false)}):"]
        lines += [f"  ({e.subject.label} | {e.predicate} | {e.object.label})  [{e.statements[0].assertion.rule}]  {doc}"
                  f"\n      {e.statements[0].assertion.sentence.text}" for doc, e in false]
        dups = [(a.doc, label, found) for a in report.articles for label, found in a.duplicates]
        lines += ["", f"duplicates ({len(dups)}):"]
        lines += [f"  {label}: {', '.join(e.id for e in found)}  {doc}" for doc, label, found in dups]
        junk = [(a.doc, e) for a in report.articles for e in a.junk]
        lines += ["", f"junk nodes ({len(junk)}):"] + [f"  {e.label} ({e.id}, {e.type})  {doc}" for doc, e in junk]
    return "\n".join(lines) + "\n"


def _evidence_lines(e: Evidence) -> list[str]:
    flags = ", ".join(f for f in (e.polarity != Polarity.POSITIVE and e.polarity,
                                  e.modality != Modality.ASSERTED and e.modality) if f)
    said = f", said by {e.attributed_to}" if e.attributed_to else ""
    head = f"{e.date or 'undated'}  {e.document}" + (f" ({e.title})" if e.title else "")
    head += f"  [{flags}]" if flags else ""
    quote = textwrap.wrap(f'"{e.quote}"', width=96, initial_indent="        ", subsequent_indent="         ")
    return [f"      {head}", *quote, f"        rule {e.rule}, confidence {e.confidence:g}{said}"]


def _edge_lines(edge: Edge, arrow: str) -> list[str]:
    first, last = edge.dates
    when = "" if not first else f"  {first}" if first == last else f"  {first} .. {last}"
    head = (f"  {arrow} {edge.predicate} {edge.other_label} ({edge.other})  "
            f"support {edge.support}/{len(edge.evidence)}{when}")
    return [head, *(line for e in edge.evidence for line in _evidence_lines(e))]


def entity_card_text(card: EntityCard) -> str:
    lines = [f"{card.label}  ({card.id}, {card.type})"]
    if card.wikidata:
        lines.append(f"  wikidata  {card.wikidata}  https://www.wikidata.org/wiki/{card.wikidata}")
    lines += [f"  {scheme:<9} {code}" for scheme, code in card.codes]
    if card.aliases:
        lines.append(f"  aliases   {', '.join(card.aliases)}")
    for i, (alias, documents) in enumerate(card.named_in):
        lines.append(f"  {'named as' if i == 0 else '':<9} {alias}  ({len(documents)} document"
                     f"{'' if len(documents) == 1 else 's'}: {', '.join(documents)})")
    if card.known_country or card.known_roles:
        roles = ", ".join(f"{code} {start} to {end}" if start and end else
                          f"{code} from {start}" if start else f"{code} until {end}"
                          for code, start, end in card.known_roles if start or end)
        lines.append(f"  known     {card.known_country or 'no country'}; {roles}  (actor dictionary: evidence "
                     "for linking, not graph facts)")
    for title, edges, total, arrow in (("outgoing", card.outgoing, card.outgoing_total, "->"),
                                       ("incoming", card.incoming, card.incoming_total, "<-")):
        count = f"{len(edges)} of {total}, the best supported" if total > len(edges) else str(len(edges))
        lines += ["", f"{title} ({count}):"] + [line for edge in edges for line in _edge_lines(edge, arrow)]
    return "\n".join(lines) + "\n"


def explanation_text(subject: str, edge: Edge) -> str:
    truthy = "a plain edge of the graph" if edge.support else "not a plain edge (no positive, stated statement)"
    count = f"{len(edge.evidence)} statement{'' if len(edge.evidence) == 1 else 's'}"
    lines = [f"({subject}, {edge.predicate}, {edge.other}): {count}, {truthy}"]
    lines += [line for e in edge.evidence for line in _evidence_lines(e)]
    return "\n".join(lines) + "\n"
