#!/usr/bin/env python3
"""Write data/facts/therapeutic_targets.tsv: interleukins that are therapeutic targets in a disease
because an approved drug whose mechanism names them is indicated for it.

For every `indicatedFor` fact of an approved drug (not a withdrawn, discontinued or
investigational one), the interleukins the drug acts on are: the interleukin it is a recombinant
form of; those it targets directly; the heterodimers with a subunit it neutralises (p40: IL-12 and
IL-23); and, for a chain it blocks, the interleukins that signal through that chain (binding it or
a complex it is part of) and that the drug's mechanism names, i.e. that the drug `antagonises`
(brodalumab blocks IL-17RA, and its label names IL-17A, IL-17C, IL-17F and IL-25, not IL-17B); a
chain with a single signalling ligand names it (a cytotoxic drug reaches that ligand too). An
interleukin that only antagonises through the chain (IL-38 at IL-36R) is never reached, nor is
any interleukin of an agonist acting through a shared chain (aldesleukin on the common gamma
chain). An indication whose `mechanism=` qualifier names fewer interleukins than the drug blocks
(rilonacept in CAPS: IL-1 beta) reaches only those. Each gets `implicatedIn <disease>
role=therapeutic-target` with evidence `inferred`, sourced by the sources of the indication and
of the facts that link the drug to the interleukin, which together state it. Non-human
interleukins are skipped.

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


#: The evidence value of every derived fact: a rule wrote it, no source states it in these words.
EVIDENCE = "inferred"
COMMENT = "inferred from approved drugs whose mechanism names it: "


def derive(cur: Curation) -> list[Fact]:
    """Return the derived implicatedIn facts, from the curated facts other than this file's."""
    entities = {e.id: e for e in cur.entities}
    facts = [f for f in cur.facts if not f.where.split(":")[0].endswith(OUTPUT)]
    interleukins = {i for i, e in entities.items() if "Interleukin" in e.types and e.status != "non-human"}
    approved = {i for i, e in entities.items() if e.status == "approved"}
    antagonists = {f.subject for f in facts if f.predicate == "antagonises" and f.subject in interleukins}
    # what each drug's mechanism names: the interleukins it antagonises, with the sources that say so
    named: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for f in facts:
        if f.predicate == "antagonises":
            named[f.subject][f.object] = f.sources
    by_subunit: dict[str, set[str]] = defaultdict(set)
    parts: dict[str, set[str]] = defaultdict(set)  # complex -> its chains
    for f in facts:
        if f.predicate == "hasSubunit":
            by_subunit[f.object].add(f.subject)
        elif f.predicate == "hasPart":
            parts[f.subject].add(f.object)
    by_receptor: dict[str, set[str]] = defaultdict(set)  # chain -> interleukins signalling through it
    for f in facts:
        if f.predicate == "bindsReceptor" and f.subject not in antagonists:
            for chain in {f.object} | parts.get(f.object, set()):
                by_receptor[chain].add(f.subject)
    acts_on: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)  # drug -> interleukin -> sources
    # a drug that is an interleukin (anakinra is IL-1Ra) reaches it whatever ligands it blocks
    own: set[tuple[str, str]] = set()
    for f in facts:
        if f.subject not in approved:
            continue
        if f.predicate == "recombinantFormOf":
            reached = {f.object}
            own.add((f.subject, f.object))
        elif f.predicate == "targets":
            action = dict(f.qualifiers)["action"]
            ligands = by_receptor.get(f.object, set())
            if f.object in interleukins:
                reached = {f.object}
            elif f.object in by_subunit and action == "neutralising":
                reached = by_subunit[f.object]
            elif action == "receptor-blocking" and named.get(f.subject):
                reached = ligands & set(named[f.subject])
            elif action in ("receptor-blocking", "cytotoxic") and len(ligands) == 1:
                reached = ligands
            else:
                reached = set()
        else:
            continue
        for il in reached:
            extra = f.sources + named.get(f.subject, {}).get(il, ())
            acts_on[f.subject][il] = tuple(dict.fromkeys(acts_on[f.subject].get(il, ()) + extra))
    curated = {
        (f.subject, f.object)
        for f in facts
        if f.predicate == "implicatedIn" and ("role", "therapeutic-target") in f.qualifiers
    }
    derived: dict[tuple[str, str], Fact] = {}
    for f in facts:
        if f.predicate != "indicatedFor" or f.subject not in approved:
            continue
        mechanism = dict(f.qualifiers).get("mechanism")
        only = set(mechanism.split(",")) if mechanism else None
        for il, target_sources in sorted(acts_on.get(f.subject, {}).items()):
            narrowed = only is not None and il not in only and (f.subject, il) not in own
            if il not in interleukins or (il, f.object) in curated or narrowed:
                continue
            sources = tuple(dict.fromkeys(f.sources + target_sources))
            drug = entities[f.subject].label
            previous = derived.get((il, f.object))
            if previous is not None:
                sources = tuple(dict.fromkeys(previous.sources + sources))
                drugs = previous.comment.removeprefix(COMMENT).split(", ")
                drug = ", ".join(sorted({*drugs, drug}))
            derived[(il, f.object)] = Fact(
                subject=il,
                predicate="implicatedIn",
                object=f.object,
                qualifiers=(("role", "therapeutic-target"),),
                object_label=f.object_label,
                evidence=EVIDENCE,
                sources=sources,
                comment=COMMENT + drug,
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
