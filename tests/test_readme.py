"""README's performance table is bench/results/latest.json: the figures and their commit in one place."""

import json
import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
RESULTS = json.loads((ROOT / "bench" / "results" / "latest.json").read_text(encoding="utf-8"))


def _performance_section() -> str:
    start = README.index("## Performance (`make bench`)")
    return README[start:README.index("\n## ", start + 1)]


def test_the_performance_table_is_the_latest_results_file():
    section = _performance_section()
    bare, build, jobs2 = RESULTS["bare_spacy"], RESULTS["kg_build"], RESULTS["kg_build_jobs2"]
    memory, corpus = RESULTS["memory"], RESULTS["corpus"]
    commit = RESULTS["versions"]["kg_commit"].removesuffix("-dirty")
    latest = re.search(r"Latest figures \(`bench/results/latest.json`\).*?at commit (\w+)", section, re.S)
    assert latest and latest.group(1) == commit
    for row in (f"{corpus['articles']} articles, {corpus['words']:,} words | "
                f"{bare['words_per_sec']:,.0f} words/s ({bare['best_seconds']:.1f} s)",
                f"{build['words_per_sec']:,.0f} words/s ({build['best_seconds']:.1f} s): "
                f"**{build['ratio_to_bare']:.2f}** of bare spaCy",
                f"{jobs2['words_per_sec']:,.0f} words/s ({jobs2['best_seconds']:.1f} s): **{jobs2['speedup']:.2f}x**",
                f"{memory['half']['articles']} / {memory['full']['articles']} articles | "
                f"{memory['half']['peak_rss_mb']:.0f} MB / {memory['full']['peak_rss_mb']:.0f} MB "
                f"({memory['growth']:.2f}x)"):
        assert row in section, row
