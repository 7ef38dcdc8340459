"""Coverage report: which parts of each interleukin's and therapy's profile are present.

It also gives the curation minimums (``MINIMUMS``) with the entities that fall short of each.

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


def _curies(names: str) -> tuple[str, ...]:
    return tuple(f"ilkg:{n}" for n in names.split())


#: Interleukins a review describes in depth: at least 6 producing and 6 target cell types (issue 10).
WELL_STUDIED = _curies(
    "IL1A IL1B IL2 IL4 IL5 IL6 IL7 IL9 IL10 IL12 IL13 IL15 IL17A IL17F IL18 IL21 IL22 IL23 IL25 IL27 IL33"
)
#: Shared and main ligand-binding receptor chains: at least 3 cell types that carry each.
MAIN_CHAINS = _curies(
    "IL2RG IL6ST IL1RAP CSF2RB IL10RB IL4R IL13RA1 IL17RA IL2RA IL6R IL7R IL12RB1 IL12RB2 IL23R IL1R1 IL18R1 IL1RL1"
)
#: Interleukins that signal through a receptor of two or more chains, so bind a ReceptorComplex.
WITH_COMPLEX = _curies(
    "IL1A IL1B IL2 IL3 IL4 IL5 IL6 IL7 IL10 IL12 IL13 IL15 IL17A IL18 IL20 IL22 IL23 IL25 IL26 IL27 IL31 IL33 "
    "IL36A IL36B IL36G"
)
#: Genes whose germline defects are the classic inborn errors of interleukin pathways.
INBORN_ERROR_GENES = _curies(
    "IL2RG IL7R IL10 IL10RA IL10RB IL36RN IL1RN IL17F IL17RA IL17RC IL6ST IL6R IL12RB1 IL12B"
)

_ESTABLISHED = "?e a ilkg:Interleukin . FILTER NOT EXISTS { ?e ilkg:status ?status }"
_GAP = "FILTER NOT EXISTS {{ ?g a ilkg:KnowledgeGap ; ilkg:about ?e ; ilkg:part {part!r} }}"


def _values(curies: tuple[str, ...]) -> str:
    from kg.namespaces import expand

    return "VALUES ?e { " + " ".join(f"<{expand(c)}>" for c in curies) + " }"


#: The minimums of the issue: name, what is checked, the entities it applies to (SPARQL pattern
#: binding ?e), the count pattern (binding ?x for ?e), and the least count. An entity with a
#: documented gap for the part meets it ("none known" is an answer).
MINIMUMS: tuple[tuple[str, str, str, str, int], ...] = (
    (
        "producers",
        "producing cell types per established interleukin",
        _ESTABLISHED + " " + _GAP.format(part="producers"),
        "?e ilkg:producedBy ?x",
        4,
    ),
    (
        "targets",
        "target cell types per established interleukin",
        _ESTABLISHED + " " + _GAP.format(part="targets"),
        "?e ilkg:actsOn ?x",
        4,
    ),
    (
        "producers_well_studied",
        "producing cell types of the well-studied interleukins",
        _values(WELL_STUDIED) + " " + _GAP.format(part="producers"),
        "?e ilkg:producedBy ?x",
        6,
    ),
    (
        "targets_well_studied",
        "target cell types of the well-studied interleukins",
        _values(WELL_STUDIED) + " " + _GAP.format(part="targets"),
        "?e ilkg:actsOn ?x",
        6,
    ),
    (
        "chains_with_expression",
        "cell types carrying each receptor chain",
        "?e a ilkg:ReceptorChain " + _GAP.format(part="expression"),
        "?e ilkg:receptorExpressedOn ?x",
        1,
    ),
    (
        "main_chains_with_expression",
        "cell types carrying each shared or main ligand-binding chain",
        _values(MAIN_CHAINS) + " " + _GAP.format(part="expression"),
        "?e ilkg:receptorExpressedOn ?x",
        3,
    ),
    (
        "complexes",
        "receptor complexes bound by each interleukin that signals through two or more chains",
        _values(WITH_COMPLEX),
        "?e ilkg:bindsReceptor ?x . ?x a ilkg:ReceptorComplex",
        1,
    ),
    (
        "curated_diseases",
        "diseases per established interleukin from a source, not derived from a drug",
        _ESTABLISHED,
        "?e ilkg:implicatedIn ?x . ?st rdf:subject ?e ; rdf:predicate ilkg:implicatedIn ; rdf:object ?x ; ilkg:evidence ?ev . FILTER(?ev != 'inferred')",
        1,
    ),
    (
        "inborn_errors",
        "inborn errors (defectCauses) per classic inborn-error gene",
        _values(INBORN_ERROR_GENES),
        "?e ilkg:defectCauses ?x",
        1,
    ),
)


def minimums(graph: Graph) -> list[dict[str, object]]:
    """Return, for each minimum, how many entities it applies to, how many meet it, and which fall short."""
    out = []
    for name, what, applies, pattern, least in MINIMUMS:
        rows = graph.select(
            f"""SELECT ?e ?label (COUNT(DISTINCT ?x) AS ?n) WHERE {{
                  {{ SELECT DISTINCT ?e WHERE {{ {applies} }} }}
                  OPTIONAL {{ ?e rdfs:label ?label }}
                  OPTIONAL {{ {pattern} }}
                }} GROUP BY ?e ?label ORDER BY ?label"""
        )
        short = [
            {
                "id": compact(str(r["e"])),
                "label": str(r["label"] or compact(str(r["e"]))),
                "count": int(r["n"] or 0),
            }
            for r in rows
            if int(r["n"] or 0) < least
        ]
        out.append(
            {
                "name": name,
                "what": what,
                "minimum": least,
                "applies_to": len(rows),
                "meeting": len(rows) - len(short),
                "short": short,
            }
        )
    return out


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
        "minimums": minimums(graph),
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
    out.append("minimums (entities meeting / applying; those short, with their count):")
    for m in report["minimums"]:  # type: ignore[attr-defined]
        out.append(f"  {m['name']}: at least {m['minimum']} {m['what']}: {m['meeting']} of {m['applies_to']}")
        if m["short"]:
            out.append("    short: " + ", ".join(f"{s['label']} ({s['count']})" for s in m["short"]))
    return "\n".join(out) + "\n"
