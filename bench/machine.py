"""Benchmark context: the machine and the software versions that the figures come from."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float:
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        return 0.0


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def _git_commit() -> str:
    done = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True,
                          cwd=Path(__file__).parent)
    return done.stdout.strip() if done.returncode == 0 else ""


def machine() -> dict:
    return {"platform": platform.platform(), "cpu_model": _cpu_model(), "cpu_count": os.cpu_count(),
            "ram_gb": _ram_gb(), "python": platform.python_version()}


def versions(model: str) -> dict:
    return {"kg_commit": _git_commit(), "spacy": _version("spacy"), "model": model,
            "model_version": _version(model.replace("_", "-")) or _version(model),
            "pyoxigraph": _version("pyoxigraph"), "rdflib": _version("rdflib")}
