"""Benchmark report: the results as a readable table for stdout."""

from __future__ import annotations


def _verdict(value: float, target: float) -> str:
    return f">= {target:g}: {'met' if value >= target else 'NOT met'}"


def _throughput_rows(results: dict) -> list[str]:
    bare, build, jobs2 = results["bare_spacy"], results["kg_build"], results["kg_build_jobs2"]
    targets = results["targets"]
    row = "  {:<34} {:>9} {:>11}   {}"
    rows = [row.format("", "seconds", "words/sec", ""),
            row.format(f"bare spaCy nlp.pipe (batch {bare['batch_size']})", f"{bare['best_seconds']:.1f}",
                       f"{bare['words_per_sec']:,.0f}", "the limit of this design"),
            row.format("kg build, one process", f"{build['best_seconds']:.1f}", f"{build['words_per_sec']:,.0f}",
                       f"{build['ratio_to_bare']:.2f} of bare spaCy  "
                       f"(target {_verdict(build['ratio_to_bare'], targets['build_vs_bare'])})")]
    if jobs2 is None:
        rows.append(row.format("kg build --jobs 2", "-", "-", "not measured: kg build has no --jobs option"))
    else:
        rows.append(row.format("kg build --jobs 2", f"{jobs2['best_seconds']:.1f}", f"{jobs2['words_per_sec']:,.0f}",
                               f"{jobs2['speedup']:.2f}x one process  "
                               f"(target {_verdict(jobs2['speedup'], targets['jobs2_speedup'])})"))
    return [r.rstrip() for r in rows]


def _gazetteer_rows(gazetteer: dict) -> list[str]:
    row = "  {:<34} {:>9} {:>11} {:>8}"
    return [f"kg build of one article with a user gazetteer of {gazetteer['rows']:,} rows",
            row.format("", "seconds", "CPU seconds", "peak MB"),
            *(row.format(f"{name} the gazetteer", f"{gazetteer[name]['seconds']:.1f}",
                         f"{gazetteer[name]['cpu_seconds']:.1f}", f"{gazetteer[name]['peak_rss_mb']:.0f}")
              for name in ("without", "with"))]


def _rounds(count: int) -> str:
    return "1 round" if count == 1 else f"{count} interleaved rounds"


def table(results: dict) -> str:
    machine, versions, corpus = results["machine"], results["versions"], results["corpus"]
    memory, queries, validate = results["memory"], results["queries"], results["validate"]
    store = queries["store"]
    lines = [
        f"kg benchmark  {results['date']}  kg {versions['kg_commit']}",
        f"machine: {machine['cpu_model']}, {machine['cpu_count']} CPUs, {machine['ram_gb']:g} GB RAM, "
        f"{machine['platform']}",
        f"software: Python {machine['python']}, spaCy {versions['spacy']}, {versions['model']} "
        f"{versions['model_version']}, pyoxigraph {versions['pyoxigraph']}",
        "",
        f"throughput on {corpus['articles']} articles, {corpus['words']:,} words "
        f"(best of {_rounds(results['settings']['repeats'])}; kg build is end to end, process start included)",
        *_throughput_rows(results),
        "",
        "peak memory of kg build (largest process)",
        f"  {memory['half']['articles']:>6} articles  {memory['half']['peak_rss_mb']:>8.0f} MB",
        f"  {memory['full']['articles']:>6} articles  {memory['full']['peak_rss_mb']:>8.0f} MB"
        f"   ({memory['growth']:.2f}x for {memory['full']['articles'] / memory['half']['articles']:.1f}x the articles)",
        "",
        f"kg validate of the {validate['articles']}-article build (process start included)",
        f"  {validate['seconds']:>6.1f} s  {validate['nodes_checked']:,} nodes checked against the shapes; "
        f"{'conforms' if validate['conforms'] else 'does NOT conform'}",
        "",
        *_gazetteer_rows(results["gazetteer"]),
        "",
        f"queries on {store['quads']:,} quads ({store['documents']:,} documents, {store['statements']:,} statements, "
        f"{store['entities']:,} entities; from {store['query_label']}), median of {queries['runs']} runs",
    ]
    lines += [f"  {name:<22} {figures['median_ms']:>10.2f} ms  {figures['rows']:>7,} rows"
              for name, figures in queries["latencies"].items()]
    return "\n".join(lines) + f"\n\nbenchmark took {results['bench_seconds']:.0f} s\n"
