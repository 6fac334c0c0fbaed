"""Knowledge: gold relation labels and the predicted relations that count as them (eval_mapping.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from kg.knowledge.files import KnowledgeError, data_path
from kg.knowledge.ontology import vocabulary


@dataclass(frozen=True)
class GoldLabel:
    """A gold relation label and the predicted relations (with argument classes) that count as it."""

    name: str
    predicates: frozenset[str]
    subject_types: frozenset[str]  # empty: any class
    object_types: frozenset[str]
    symmetric: bool = False

    def accepts(self, predicate: str, subject_type: str, object_type: str) -> bool:
        return (predicate in self.predicates
                and (not self.subject_types or subject_type in self.subject_types)
                and (not self.object_types or object_type in self.object_types))


def label_mapping(path: Path | None = None) -> dict[str, dict[str, GoldLabel]]:
    """Schemes (conll04, crossre, ...) -> gold label -> GoldLabel, from eval_mapping.toml or `path`."""
    source = path or data_path("eval_mapping.toml")
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise KnowledgeError(f"cannot read label mapping {source}: {err}") from None
    groups = {name: set(classes) for name, classes in data.pop("places", {}).items()}
    known = set(vocabulary())

    def classes(names: list[str]) -> frozenset[str]:
        return frozenset(c for name in names for c in groups.get(name, {name}))

    schemes: dict[str, dict[str, GoldLabel]] = {}
    for scheme, labels in data.items():
        for label, spec in labels.items():
            unknown = set(spec.get("predicates", ())) - known
            if not spec.get("predicates") or unknown:
                raise KnowledgeError(f"{source}: [{scheme}.{label}] needs predicates from the ontology"
                                     + (f"; unknown: {', '.join(sorted(unknown))}" if unknown else ""))
            schemes.setdefault(scheme, {})[label] = GoldLabel(
                label, frozenset(spec["predicates"]), classes(spec.get("subject", [])),
                classes(spec.get("object", [])), bool(spec.get("symmetric", False)))
    return schemes
