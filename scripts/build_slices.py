#!/usr/bin/env python3
"""Build ontology/imports/{cl,go,hp,mondo}.ttl: the OBO terms ilkg uses, with all their is_a ancestors.

Reads the identifiers used in data/ and the reference tables in ../shared/reference (their README
gives versions and licences). Run it whenever a curated file starts using a new CL, GO, HP or
MONDO term; the output is deterministic and committed, so the installed package never needs
../shared. Usage: scripts/build_slices.py [REFERENCE_DIR]
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference"
TERM = re.compile(r"\b(CL|GO|HP|MONDO):(\d{7})\b")

SLICES = {
    # prefix: (terms table, parents table, source ontology and version, licence)
    "CL": (
        "cl_terms.tsv",
        "cl_parents.tsv",
        "Cell Ontology, cl-edit.owl at obophenotype/cell-ontology fd61b954 (2026-08-19)",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "GO": (
        "go_bp_terms.tsv",
        "go_bp_parents.tsv",
        (
            "Gene Ontology biological process: is_a edges of GO 2022-07-01 (GO.db 3.16.0), labels checked against "
            "GO 2026-08; cellular components (receptor complexes) labelled from GO's 2026-08 design-pattern "
            "tables, without their parents"
        ),
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "HP": (
        "hp_terms.tsv",
        "hp_parents.tsv",
        "Human Phenotype Ontology: is_a edges of release 2025-01-16, labels of release 2026-06-23",
        "https://hpo.jax.org/app/license",
    ),
    "MONDO": (
        "mondo_terms.tsv",
        "mondo_parents.tsv",
        "Mondo Disease Ontology: labels of the August 2026 release; is_a edges of 2026-08-04 (rare subset) and 2023-08-01",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
}


def rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def used_terms() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted((ROOT / "data").rglob("*")):
        if path.suffix in {".tsv", ".rq"}:
            for prefix, digits in TERM.findall(path.read_text(encoding="utf-8")):
                found[prefix].add(f"{prefix}:{digits}")
    return found


def labels_and_liveness(prefix: str, table: str) -> dict[str, str]:
    """Return the current label of every live term."""
    live: dict[str, str] = {}
    for row in rows(table):
        if (row.get("obsolete") or "").lower() == "true":
            continue
        label = row["label"]
        check = row.get("go_2026_08_dosdp_check") or row.get("hp_2026_06_23_check") or ""
        if check.startswith("not_in_2026_label_list"):
            continue
        if check.startswith("label_now: "):
            label = check.removeprefix("label_now: ")
        live[row["id"]] = label
    return live


#: GO terms outside biological process (the receptor complexes' cellular components) have no full table in
#: the reference: their current (2026) labels come from GO's design-pattern tables, which list live terms only.
OTHER_LABELS = {"GO": "go_terms_2026_dosdp.tsv"}


def other_labels(prefix: str, known: set[str]) -> dict[str, str]:
    """Return the 2026 label of every term of another GO branch, for the ids no main-table row has."""
    if prefix not in OTHER_LABELS:
        return {}
    return {row["id"]: row["label"] for row in rows(OTHER_LABELS[prefix]) if row["id"] not in known}


def parents_of(prefix: str, table: str) -> dict[str, list[str]]:
    parents: dict[str, list[str]] = defaultdict(list)
    for row in rows(table):
        relation = row.get("relationship", "is_a")
        if relation not in ("is_a", "isa"):
            continue
        if row.get("parent_status_2026") == "obsolete":
            continue
        if row["parent_id"].startswith(prefix + ":"):
            parents[row["id"]].append(row["parent_id"])
    return parents


def live_parents(term: str, parents: dict[str, list[str]], live: dict[str, str]) -> set[str]:
    """Direct parents that are live; a parent that is not live is skipped over to its own parents."""
    out: set[str] = set()
    todo, seen = list(parents.get(term, [])), set()
    while todo:
        parent = todo.pop()
        if parent in seen:
            continue
        seen.add(parent)
        if parent in live:
            out.add(parent)
        else:
            todo.extend(parents.get(parent, []))
    return out


def turtle_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build(prefix: str, terms: set[str]) -> str:
    table, parents_table, source, licence = SLICES[prefix]
    live = labels_and_liveness(prefix, table)
    listed = {row["id"] for row in rows(table)}  # an obsolete main-table term stays refused below
    live.update({t: label for t, label in other_labels(prefix, listed).items() if t in terms})
    parents = parents_of(prefix, parents_table)
    missing = sorted(t for t in terms if t not in live)
    if missing:
        sys.exit(f"build_slices: not live in the {prefix} reference: {', '.join(missing)}")
    closure: dict[str, set[str]] = {}
    todo = sorted(terms)
    while todo:
        term = todo.pop()
        if term in closure:
            continue
        closure[term] = live_parents(term, parents, live)
        todo.extend(closure[term])
    lines = [
        f"# Slice of {prefix} used by ilkg: {len(terms)} terms used in data/ and their is_a ancestors",
        f"# ({len(closure)} terms). Generated by scripts/build_slices.py; do not edit by hand.",
        f"# Source: {source}.",
        "",
        "@prefix obo: <http://purl.obolibrary.org/obo/> .",
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "",
        f"<https://w3id.org/ilkg/imports/{prefix.lower()}> a owl:Ontology ;",
        f"    dcterms:source {turtle_string(source)} ;",
        f"    dcterms:license <{licence}> .",
        "# declared so that OWL tools open this file alone as OWL 2 DL; ilkg's exports fold this",
        "# header under ilkg's own (one owl:Ontology per document)",
        "dcterms:source a owl:AnnotationProperty .",
        "dcterms:license a owl:AnnotationProperty .",
        "",
    ]
    for term in sorted(closure, key=lambda t: int(t.split(":")[1])):
        local = term.replace(":", "_")
        body = [f"obo:{local} a owl:Class", f"rdfs:label {turtle_string(live[term])}"]
        for parent in sorted(closure[term], key=lambda t: int(t.split(":")[1])):
            body.append(f"rdfs:subClassOf obo:{parent.replace(':', '_')}")
        lines.append(" ;\n    ".join(body) + " .")
    return "\n".join(lines) + "\n"


def main() -> int:
    used = used_terms()
    out_dir = ROOT / "ontology" / "imports"
    out_dir.mkdir(parents=True, exist_ok=True)
    for prefix in SLICES:
        path = out_dir / f"{prefix.lower()}.ttl"
        text = build(prefix, used.get(prefix, set()))
        tmp = path.with_suffix(".ttl.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        print(
            f"{path.relative_to(ROOT)}: {len(used.get(prefix, ()))} used, {text.count(' a owl:Class')} terms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
