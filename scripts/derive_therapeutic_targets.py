#!/usr/bin/env python3
"""Write data/facts/therapeutic_targets.tsv: interleukins that are therapeutic targets in a disease
because an approved drug that acts on them is indicated for it.

For every `indicatedFor` fact of a therapy, the interleukins it acts on are: the interleukin it
is a recombinant form of; those it targets directly; the heterodimers with a subunit it
neutralises (p40: IL-12 and IL-23); and the signalling interleukins of a receptor chain it
blocks (IL-6R: IL-6; not IL-1Ra, which binds IL-1R1 only to block it). An agonist acting
through a shared chain (aldesleukin on the common gamma chain) reaches no other interleukin,
and a cytotoxic drug reaches a receptor's ligand only when the receptor has one. Each gets
`implicatedIn <disease> role=therapeutic-target`, sourced by the sources of the indication and
of the targeting fact, which together state it. Non-human interleukins are skipped.

The output is generated: edit the therapy facts, then run this again. A test checks that the
committed file matches what this script writes. Usage: .venv/bin/python scripts/derive_therapeutic_targets.py
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import paths
from kg.build import Curation
from kg.curation import FACT_COLUMNS, Fact, canonical_text

OUTPUT = "therapeutic_targets.tsv"


def derive(cur: Curation) -> list[Fact]:
    """Return the derived implicatedIn facts, from the curated facts other than this file's."""
    entities = {e.id: e for e in cur.entities}
    facts = [f for f in cur.facts if not f.where.split(":")[0].endswith(OUTPUT)]
    interleukins = {i for i, e in entities.items() if "Interleukin" in e.types and e.status != "non-human"}
    antagonists = {f.subject for f in facts if f.predicate == "antagonises"}
    by_subunit: dict[str, set[str]] = defaultdict(set)
    by_receptor: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        if f.predicate == "hasSubunit":
            by_subunit[f.object].add(f.subject)
        elif f.predicate == "bindsReceptor" and f.subject not in antagonists:
            by_receptor[f.object].add(f.subject)
    acts_on: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)  # drug -> interleukin -> sources
    for f in facts:
        if f.predicate == "recombinantFormOf":
            acts_on[f.subject][f.object] = f.sources
        elif f.predicate == "targets":
            action = dict(f.qualifiers)["action"]
            ligands = by_receptor.get(f.object, set())
            if f.object in interleukins:
                reached = {f.object}
            elif f.object in by_subunit and action == "neutralising":
                reached = by_subunit[f.object]
            elif action in ("neutralising", "receptor-blocking") or (
                action == "cytotoxic" and len(ligands) == 1
            ):
                reached = ligands
            else:
                reached = set()
            for il in reached:
                acts_on[f.subject][il] = tuple(dict.fromkeys(acts_on[f.subject].get(il, ()) + f.sources))
    curated = {
        (f.subject, f.object)
        for f in facts
        if f.predicate == "implicatedIn" and ("role", "therapeutic-target") in f.qualifiers
    }
    derived: dict[tuple[str, str], Fact] = {}
    for f in facts:
        if f.predicate != "indicatedFor":
            continue
        for il, target_sources in sorted(acts_on.get(f.subject, {}).items()):
            if il not in interleukins or (il, f.object) in curated:
                continue
            sources = tuple(dict.fromkeys(f.sources + target_sources))
            drug = entities[f.subject].label
            previous = derived.get((il, f.object))
            if previous is not None:
                sources = tuple(dict.fromkeys(previous.sources + sources))
                drugs = previous.comment.removeprefix("approved drugs acting on it: ").split(", ")
                drug = ", ".join(sorted({*drugs, drug}))
            evidence = "label" if any(s.startswith("DrugsFDA:") for s in sources) else "database"
            derived[(il, f.object)] = Fact(
                subject=il,
                predicate="implicatedIn",
                object=f.object,
                qualifiers=(("role", "therapeutic-target"),),
                object_label=f.object_label,
                evidence=evidence,
                sources=sources,
                comment=f"approved drugs acting on it: {drug}",
            )
    return list(derived.values())


def main() -> int:
    cur = Curation.read()
    text = canonical_text(derive(cur), FACT_COLUMNS)
    path = paths.data_dir() / "facts" / OUTPUT
    tmp = path.with_suffix(".tsv.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    print(f"{path.relative_to(ROOT)}: {text.count(chr(10)) - 1} facts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
