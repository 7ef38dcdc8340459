"""Everything about one entity, grouped by relation, with the sources of each fact.

>>> from kg.store import Graph
>>> graph = Graph.load()
>>> card = describe(graph, "IL-17A")
>>> card["label"], "CL:0000899" in {x["id"] for x in card["relations"]["producedBy"]}
('IL-17A', True)
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from kg import schema
from kg.namespaces import ILKG, compact, xref_url

if TYPE_CHECKING:
    from kg.resolve import Entity, Index
    from kg.store import Graph

#: How a relation reads from its object's side ("IL-6 is produced by macrophage" -> "macrophage produces IL-6").
INVERSE_NAMES = {
    "memberOfFamily": "hasMember",
    "hasSubunit": "subunitOf",
    "bindsReceptor": "receptorFor",
    "hasPart": "partOf",
    "receptorExpressedOn": "expresses",
    "producedBy": "produces",
    "actsOn": "respondsTo",
    "promotes": "promotedBy",
    "inhibits": "inhibitedBy",
    "implicatedIn": "involves",
    "antagonises": "antagonisedBy",
    "targets": "targetedBy",
    "recombinantFormOf": "hasRecombinantForm",
    "indicatedFor": "treatedWith",
    "hasAdverseEffect": "adverseEffectOf",
    "biosimilarOf": "hasBiosimilar",
    "defectCauses": "causedByDefectOf",
    "signalsThrough": "signallingFor",
    "activates": "activatedBy",
    "negativelyRegulates": "negativelyRegulatedBy",
    "suppresses": "suppressedBy",
}

#: Heading of the approvals of an indication that names no agency.
NO_AGENCY = "agency not recorded"

QUALIFIERS = tuple(schema.QUALIFIERS)

#: Two-step answers a card adds for some classes: (card key, bundled query, its parameter, columns kept).
SIGNALLING_SECTIONS = {
    "Interleukin": (
        (
            "signalling",
            "signalling-of",
            "il",
            ("proteinLabel", "protein", "relation", "receptorLabel", "onlyIn"),
        ),
        (
            "blockedBy",
            "signalling-blocked",
            "il",
            ("drugLabel", "drug", "level", "targetLabel", "receptorLabel", "onlyIn"),
        ),
    ),
    "SignallingProtein": (
        (
            "interleukins",
            "interleukins-signalling-through",
            "protein",
            ("ilLabel", "il", "relation", "receptorLabel", "onlyIn"),
        ),
    ),
}

_FACTS = f"""
SELECT ?e ?s ?p ?o ?olabel ?slabel ?source ?sid ?evidence {" ".join("?" + q for q in QUALIFIERS)} WHERE {{
  {{ ?s ?p ?o . FILTER(?s = ?e) }} UNION {{ ?s ?p ?o . FILTER(?o = ?e) }}
  FILTER(STRSTARTS(STR(?p), STR(ilkg:)) && isIRI(?o))
  OPTIONAL {{ ?o rdfs:label ?olabel }} OPTIONAL {{ ?s rdfs:label ?slabel }}
  OPTIONAL {{
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL {{ ?st dcterms:source ?source . OPTIONAL {{ ?source dcterms:identifier ?sid }} }}
    OPTIONAL {{ ?st ilkg:evidence ?evidence }}
    {" ".join(f"OPTIONAL {{ ?st ilkg:{q} ?{q} }}" for q in QUALIFIERS)}
  }}
}}"""


def describe(graph: Graph, name: str, *, index: Index | None = None) -> dict[str, object]:
    """Return a card for the entity ``name`` (any of its names): identity, then facts grouped by relation.

    :raises UnknownEntityError: when nothing has that name.
    :raises AmbiguousEntityError: when several entities share it.
    """
    from kg.resolve import Index

    index = index or Index.build(graph)
    entity = index.find(name)
    groups: dict[str, dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, object]]] = defaultdict(dict)
    for row in graph.select(_FACTS, bindings={"e": entity.iri}):
        predicate = str(row["p"]).removeprefix(ILKG)
        if predicate not in schema.RELATIONS:
            continue
        outgoing = row["s"] == entity.iri
        other, other_label = (row["o"], row["olabel"]) if outgoing else (row["s"], row["slabel"])
        relation = predicate if outgoing else INVERSE_NAMES[predicate]
        qualifiers = tuple((q, str(row[q])) for q in QUALIFIERS if row[q])
        item = groups[relation].setdefault(
            (str(other), qualifiers),
            {
                "id": compact(str(other)),
                "label": other_label or compact(str(other)),
                **dict(qualifiers),
                "evidence": set(),
                "sources": set(),
            },
        )
        if row["evidence"]:
            item["evidence"].add(row["evidence"])  # type: ignore[union-attr]
        if row["sid"] or row["source"]:
            item["sources"].add(row["sid"] or row["source"])  # type: ignore[union-attr]
    relations = {
        relation: sorted(
            (
                {**v, "evidence": sorted(v["evidence"]), "sources": sorted(v["sources"])}  # type: ignore[arg-type]
                for v in items.values()
            ),
            key=lambda v: (str(v["label"]).casefold(), str(v["id"]), [str(v.get(q, "")) for q in QUALIFIERS]),
        )
        for relation, items in sorted(groups.items())
    }
    card: dict[str, object] = {
        "approvals": approvals_by_agency(relations.get("indicatedFor", [])),
        "id": entity.curie,
        "iri": entity.iri,
        "label": entity.label,
        "classes": list(entity.classes),
        "synonyms": list(entity.synonyms),
        "xrefs": {x: xref_url(x) for x in entity.xrefs},
        "description": entity.description,
        "counts": {relation: len(items) for relation, items in relations.items()},
        "relations": relations,
    }
    card.update(_signalling(graph, entity, index))
    return card


def _signalling(graph: Graph, entity: Entity, index: Index) -> dict[str, list[dict[str, str]]]:
    """Return the signalling sections of a card, answered by the bundled queries.

    An interleukin gets what its receptors signal through and what blocks it; a signalling
    protein gets the interleukins whose receptors use it.
    """
    from kg import queries

    sections: dict[str, list[dict[str, str]]] = {}
    for cls, specs in SIGNALLING_SECTIONS.items():
        if cls not in entity.classes:
            continue
        for key, query, param, columns in specs:
            rows = graph.select(queries.get(query).bind({param: entity.curie}, index))
            sections[key] = [
                {
                    c: compact(str(r[c])) if str(r[c] or "").startswith("http") else str(r[c] or "")
                    for c in columns
                }
                for r in rows
            ]
    return sections


def approvals_by_agency(indications: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    """Group a therapy's indications (one per approval) by agency, each group oldest approval first.

    Agencies come in the order of ``schema.AGENCIES``; indications without one come last.
    """
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for item in indications:
        groups[str(item.get("agency", NO_AGENCY))].append(item)
    order = [*schema.AGENCIES, NO_AGENCY]
    return {
        agency: sorted(
            groups[agency],
            key=lambda v: (str(v.get("year", v.get("approvedBy", "9999"))), str(v["label"]).casefold()),
        )
        for agency in sorted(groups, key=order.index)
    }


def _when(approval: dict[str, object]) -> str:
    """Return the year of an approval, or "by YEAR" when only a dated record showing it approved was seen."""
    if "year" in approval:
        return str(approval["year"])
    return f"by {approval['approvedBy']}" if "approvedBy" in approval else ""


def _approval_lines(approvals: dict[str, list[dict[str, object]]]) -> list[str]:
    lines = [f"\napprovals by agency ({sum(map(len, approvals.values()))})"]
    for agency, items in approvals.items():
        lines.append(f"  {agency}")
        for item in items:
            when = f"  {_when(item)}" if _when(item) else ""
            status = f"  ({item['status']})" if "status" in item else ""
            lines.append(f"    {item['label']}  [{item['id']}]{when}{status}")
            if item["sources"]:
                lines.append(f"        source: {', '.join(item['sources'])}")  # type: ignore[arg-type]
    return lines


def card_text(card: dict[str, object]) -> str:
    """Return a card as readable text: a heading, identifiers, then one block per relation."""
    lines = [f"{card['label']}  ({card['id']})", "  " + ", ".join(card["classes"])]  # type: ignore[arg-type]
    if card["synonyms"]:
        lines.append("  also: " + "; ".join(card["synonyms"]))  # type: ignore[arg-type]
    for xref, url in card["xrefs"].items():  # type: ignore[attr-defined]
        lines.append(f"  {xref}" + (f"  {url}" if url else ""))
    if card["description"]:
        lines.append(f"  {card['description']}")
    for relation, items in card["relations"].items():  # type: ignore[attr-defined]
        if relation == "indicatedFor" and card.get("approvals"):
            lines.extend(_approval_lines(card["approvals"]))  # type: ignore[arg-type]
            continue
        lines.append(f"\n{relation} ({len(items)})")
        for item in items:
            extra = ", ".join(f"{q}={item[q]}" for q in QUALIFIERS if q in item)
            head = f"  {item['label']}  [{item['id']}]" + (f"  ({extra})" if extra else "")
            lines.append(head)
            if item["sources"]:
                # a rule-written fact says so, so that it is not read as one a source states
                inferred = "inferred from " if "inferred" in item["evidence"] else ""
                lines.append(f"      {inferred or 'source: '}{', '.join(item['sources'])}")
    for key, line in _SECTION_LINES.items():
        rows = card.get(key) or []
        if rows:
            lines.append(f"\n{key} ({len(rows)})")
            lines.extend("  " + line(row) for row in rows)  # type: ignore[union-attr]
    return "\n".join(lines) + "\n"


def _only_in(row: dict[str, str]) -> str:
    return f"  (only in {row['onlyIn']})" if row.get("onlyIn") else ""


#: How each signalling section prints, one line per row.
_SECTION_LINES = {
    "signalling": lambda r: (
        f"{r['relation']} {r['proteinLabel']}  [{r['protein']}]  via {r['receptorLabel']}" + _only_in(r)
    ),
    "blockedBy": lambda r: (
        f"{r['drugLabel']}  [{r['drug']}]  at the {r['level']}: {r['targetLabel']}"
        + (f"  (via {r['receptorLabel']})" if r["level"] == "kinase" else "")
        + _only_in(r)
    ),
    "interleukins": lambda r: (
        f"{r['ilLabel']}  [{r['il']}]  via {r['receptorLabel']} ({r['relation']})" + _only_in(r)
    ),
}
