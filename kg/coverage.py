"""Coverage report: for every interleukin and every therapy, which parts of its profile are present.

>>> from kg.store import Graph
>>> report = coverage(Graph.load())
>>> row = next(r for r in report["interleukins"] if r["id"] == "ilkg:IL6")
>>> row["producers"] > 0 and row["complete"]
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.namespaces import compact

if TYPE_CHECKING:
    from kg.store import Graph

#: Shown for a part that a source says is not known (a documented gap, data/gaps/).
NONE_KNOWN = "none known"

#: Parts of an interleukin's profile: column name, the SPARQL pattern counted, the minimum for "complete".
INTERLEUKIN_PARTS: tuple[tuple[str, str, int], ...] = (
    (
        "genes",
        "{ ?e oboInOwl:hasDbXref ?x . FILTER(STRSTARTS(?x, 'HGNC:')) } UNION { ?e ilkg:hasSubunit ?x }",
        1,
    ),
    ("family", "?e ilkg:memberOfFamily ?x", 1),
    ("receptors", "?e ilkg:bindsReceptor ?x", 1),
    ("receptor_cells", "?e ilkg:bindsReceptor ?r . ?r ilkg:receptorExpressedOn ?x", 0),
    ("producers", "?e ilkg:producedBy ?x", 1),
    ("targets", "?e ilkg:actsOn ?x", 1),
    ("responses", "{ ?e ilkg:promotes ?x } UNION { ?e ilkg:inhibits ?x }", 2),
    ("diseases", "?e ilkg:implicatedIn ?x", 0),
    # kinases, adaptors and transcription factors behind its receptors (the signalling layer)
    ("signalling", "?e ilkg:bindsReceptor ?r . ?r ilkg:signalsThrough|ilkg:activates ?x", 0),
)

THERAPY_PARTS: tuple[tuple[str, str, int], ...] = (
    ("drugbank", "?e oboInOwl:hasDbXref ?x . FILTER(STRSTARTS(?x, 'DrugBank:'))", 1),
    ("modality", "?e a ?x . FILTER(?x != ilkg:Therapy && STRSTARTS(STR(?x), STR(ilkg:)))", 1),
    ("targets", "{ ?e ilkg:targets ?x } UNION { ?e ilkg:recombinantFormOf ?x }", 1),
    ("indications", "?e ilkg:indicatedFor ?x", 1),
    ("adverse_effects", "?e ilkg:hasAdverseEffect ?x", 0),
)


def _table(graph: Graph, cls: str, parts: tuple[tuple[str, str, int], ...]) -> list[dict[str, object]]:
    entities = graph.select(
        f"SELECT ?e ?label WHERE {{ ?e a ilkg:{cls} ; rdfs:label ?label }} ORDER BY ?label"
    )
    rows: dict[str, dict[str, object]] = {
        str(r["e"]): {"id": compact(str(r["e"])), "label": r["label"]} for r in entities
    }
    for name, pattern, _ in parts:
        counts = graph.select(
            f"SELECT ?e (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?e a ilkg:{cls} . {pattern} }} GROUP BY ?e"
        )
        found = {str(r["e"]): int(r["n"] or 0) for r in counts}
        for iri, row in rows.items():
            row[name] = found.get(iri, 0)
    gaps = graph.select("SELECT ?e ?part WHERE { ?g a ilkg:KnowledgeGap ; ilkg:about ?e ; ilkg:part ?part }")
    for gap in gaps:
        row = rows.get(str(gap["e"]))
        if row is not None and row.get(str(gap["part"])) == 0:
            row[str(gap["part"])] = NONE_KNOWN
    for row in rows.values():
        row["complete"] = all(
            row[name] == NONE_KNOWN or int(row[name]) >= minimum  # type: ignore[call-overload]
            for name, _, minimum in parts
        )
    return list(rows.values())


def coverage(graph: Graph) -> dict[str, object]:
    """Return per-entity coverage of interleukins and therapies, with totals and the sourced share."""
    from kg.stats import stats

    interleukins = _table(graph, "Interleukin", INTERLEUKIN_PARTS)
    therapies = _table(graph, "Therapy", THERAPY_PARTS)
    counts = stats(graph)
    return {
        "interleukins": interleukins,
        "therapies": therapies,
        "complete_interleukins": sum(bool(r["complete"]) for r in interleukins),
        "complete_therapies": sum(bool(r["complete"]) for r in therapies),
        "sourced_percent": counts["sourced_percent"],
        "asserted_relations": counts["asserted_relations"],
    }


def coverage_text(report: dict[str, object]) -> str:
    """Return the coverage report as aligned text tables."""
    from kg.results import table

    out = []
    for key, parts in (("interleukins", INTERLEUKIN_PARTS), ("therapies", THERAPY_PARTS)):
        rows: list[dict[str, object]] = report[key]  # type: ignore[assignment]
        header = ["id", "label", *(p[0] for p in parts), "complete"]
        body = [[str(r[h]) if h != "complete" else ("yes" if r[h] else "NO") for h in header] for r in rows]
        done = report[f"complete_{key}"]
        out.append(f"{key}: {done} of {len(rows)} complete\n" + table(header, body))
    out.append(
        f"asserted relations with a source: {report['sourced_percent']}% of {report['asserted_relations']}\n"
    )
    return "\n".join(out)
