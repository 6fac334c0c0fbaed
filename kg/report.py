"""Report formatting: evaluation results as plain-text tables for the terminal."""

from __future__ import annotations

from kg.evaluate import RelationReport, SeedReport, Triple


def _triple_line(t: Triple) -> str:
    how = f"  [{t.predicate} via {t.rule}]" if t.rule else ""
    return f"  ({t.subject.text} | {t.label} | {t.object.text}){how}\n      {t.sentence}"


def relation_table(report: RelationReport, errors: bool = False) -> str:
    lines = [f"scheme {report.scheme}", "",
             f"{'relation':<16} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8} {'predicted':>10}"]
    for s in (*report.per_label, report.micro):
        if s.label == "micro":
            lines.append("-" * len(lines[-1]))
        lines.append(f"{s.label:<16} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>8} {s.predicted:>10}")
    if errors:
        lines += ["", f"misses ({len(report.misses)}):"] + [_triple_line(t) for t in report.misses]
        lines += ["", f"false positives ({len(report.false_positives)}):"]
        lines += [_triple_line(t) for t in report.false_positives]
    return "\n".join(lines) + "\n"


def seed_table(report: SeedReport) -> str:
    lines = []
    for o in report.outcomes:
        mark = "ok  " if o.ok else "FAIL"
        row = o.row
        lines.append(f"{mark} {row['level']:<6} ({row['subject']} | {'/'.join(row['relation'])} | {row['object']})"
                     f"  {row['doc']}")
        if o.evidence is not None:
            s = o.evidence
            lines.append(f"       {'found' if row['level'] != 'forbid' else 'violated by'}: "
                         f"({s.subject.label} | {s.assertion.predicate} | {s.object.label}) "
                         f"{s.assertion.polarity}/{s.assertion.modality}")
    summary = [f"{level}: {ok}/{total} {'respected' if level == 'forbid' else 'found'}"
               for level in ("must", "should", "forbid") for ok, total in [report.count(level)]]
    return "\n".join(lines + ["", "   ".join(summary)]) + "\n"
