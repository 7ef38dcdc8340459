"""Node and edge tables of the graph: Neo4j's bulk-import CSV and KGX TSV for Biolink pipelines.

Both come from the same rows: one node per entity or term that a relation touches, one edge
per asserted statement (so a fact with two roles gives two edges), with its sources and
qualifiers. Biolink categories and predicates are read from the ``skos`` mappings in
``ontology/ilkg.ttl``, so the ontology stays the one place that says how our names map.

>>> from kg.store import Graph
>>> files = tables(Graph.load(), "kgx")
>>> sorted(files)
['edges.tsv', 'metadata.json', 'nodes.tsv']
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from kg import schema
from kg.errors import UnknownFormatError
from kg.namespaces import BIOLINK, ILKG, compact

if TYPE_CHECKING:
    from kg.store import Graph

#: Table formats and the files each writes (name suffix and delimiter).
TABLE_FORMATS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "neo4j": (("nodes.csv", ","), ("relationships.csv", ",")),
    "kgx": (("nodes.tsv", "\t"), ("edges.tsv", "\t")),
}

#: NCBI Taxonomy ids for the ``organism`` qualifier (Biolink's species context).
TAXA = {"mouse": "NCBITaxon:10090", "rat": "NCBITaxon:10116", "rodent": "NCBITaxon:9989"}

#: Neo4j's array delimiter (its import tool's default).
ARRAY = ";"

_EDGES = """
SELECT ?s ?p ?o ?st ?evidence {qualifiers} (GROUP_CONCAT(DISTINCT ?sid; separator="|") AS ?sources) WHERE {{
  VALUES ?p {{ {relations} }}
  ?s ?p ?o . FILTER(isIRI(?s) && isIRI(?o))
  OPTIONAL {{
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL {{ ?st ilkg:evidence ?evidence }}
    {optional_qualifiers}
    OPTIONAL {{ ?st dcterms:source ?src . ?src dcterms:identifier ?sid }}
  }}
}}
GROUP BY ?s ?p ?o ?st ?evidence {qualifiers}"""

_MAPPINGS = """
SELECT ?thing ?target ?kind WHERE {
  VALUES ?kind { skos:exactMatch skos:closeMatch skos:broadMatch }
  ?thing ?kind ?target .
  FILTER(STRSTARTS(STR(?thing), STR(ilkg:)) && STRSTARTS(STR(?target), STR(biolink:)))
}"""

_INVERSES = "SELECT ?p ?q WHERE { ?p owl:inverseOf ?q }"

_HETERODIMERS = "SELECT DISTINCT ?il WHERE { ?il ilkg:hasSubunit ?subunit }"


@dataclasses.dataclass(frozen=True)
class Edge:
    """One asserted statement as a row: who, what, whom, and what backs it."""

    subject: str
    relation: str
    object: str
    statement: str
    sources: tuple[str, ...]
    evidence: str
    qualifiers: dict[str, str]


def edges(graph: Graph) -> list[Edge]:
    """Return every asserted relation of the graph, one row per statement, in a stable order."""
    names = list(schema.QUALIFIERS)
    query = _EDGES.format(
        relations=" ".join(f"ilkg:{r}" for r in schema.RELATIONS),
        qualifiers=" ".join(f"?{q}" for q in names),
        optional_qualifiers=" ".join(f"OPTIONAL {{ ?st ilkg:{q} ?{q} }}" for q in names),
    )
    rows = [
        Edge(
            subject=compact(str(row["s"])),
            relation=str(row["p"]).removeprefix(ILKG),
            object=compact(str(row["o"])),
            statement=compact(str(row["st"])) if row["st"] else "",
            sources=tuple(sorted(filter(None, (row["sources"] or "").split("|")))),
            evidence=str(row["evidence"] or ""),
            qualifiers={q: str(row[q]) for q in names if row[q]},
        )
        for row in graph.select(query)
    ]
    return sorted(rows, key=lambda e: (e.subject, e.relation, e.object, e.statement))


def biolink_mappings(graph: Graph) -> dict[str, str]:
    """Return, for each ilkg class or relation name, the closest Biolink CURIE the ontology gives.

    Exact matches win over close ones, close over broad ones.
    """
    rank = {"exactMatch": 0, "closeMatch": 1, "broadMatch": 2}
    best: dict[str, tuple[int, str]] = {}
    for row in graph.select(_MAPPINGS):
        name = str(row["thing"]).removeprefix(ILKG)
        kind = rank[str(row["kind"]).rsplit("#", 1)[-1]]
        target = "biolink:" + str(row["target"]).removeprefix(BIOLINK)
        if name not in best or (kind, target) < best[name]:
            best[name] = (kind, target)
    return {name: target for name, (_, target) in best.items()}


def tables(graph: Graph, fmt: str, *, raw: bool = False) -> dict[str, bytes]:
    """Return the node and edge files of one table format (see :data:`TABLE_FORMATS`), by file name.

    Cells a spreadsheet would run as formulas are neutralised unless ``raw``.

    :raises UnknownFormatError: for a format name ilkg does not write.
    """
    if fmt not in TABLE_FORMATS:
        raise UnknownFormatError(f"unknown table format {fmt!r} (choose from: {', '.join(TABLE_FORMATS)})")
    from kg.namespaces import expand
    from kg.projection import node_attributes

    rows = edges(graph)
    curies = sorted({e.subject for e in rows} | {e.object for e in rows})
    nodes = node_attributes(graph, [expand(c) for c in curies])
    (node_file, delimiter), (edge_file, _) = TABLE_FORMATS[fmt]
    if fmt == "neo4j":
        node_table, edge_table = _neo4j(nodes, rows)
        return {node_file: _write(node_table, delimiter, raw), edge_file: _write(edge_table, delimiter, raw)}
    import json

    node_table, edge_table, metadata = _kgx(graph, nodes, rows)
    return {
        node_file: _write(node_table, delimiter, raw),
        edge_file: _write(edge_table, delimiter, raw),
        "metadata.json": (json.dumps(metadata, indent=2) + "\n").encode("utf-8"),
    }


def _neo4j(nodes: dict[str, dict], rows: list[Edge]) -> tuple[list[list[str]], list[list[str]]]:
    qualifiers = list(schema.QUALIFIERS)
    node_table = [["id:ID", "name", ":LABEL", "iri", "description", "xrefs:string[]"]]
    for curie, data in sorted(nodes.items()):
        node_table.append(
            [
                curie,
                data["label"],
                ARRAY.join(data["types"] or ["Other"]),
                data["iri"] or "",
                data["description"],
                ARRAY.join(data["xrefs"]),
            ]
        )
    header = [":START_ID", ":END_ID", ":TYPE", "statement", "sources:string[]", "evidence"]
    header += [f"{q}:int" if schema.QUALIFIERS[q].integer else q for q in qualifiers]
    edge_table = [header]
    for e in rows:
        edge_table.append(
            [e.subject, e.object, e.relation, e.statement, ARRAY.join(e.sources), e.evidence]
            + [e.qualifiers.get(q, "") for q in qualifiers]
        )
    return node_table, edge_table


#: The Biolink prefix of each cross-reference prefix we keep, most preferred first (Biolink's own order:
#: UniProtKB for proteins, then genes, then drugs). Ensembl ids are kept as cross-references only.
BIOLINK_XREFS = {
    "UniProtKB": "UniProtKB",
    "HGNC": "HGNC",
    "NCBIGene": "NCBIGene",
    "DrugBank": "DRUGBANK",
    "CHEMBL": "CHEMBL.COMPOUND",
    "UNII": "UNII",
}
_BIOLINK_XREF_ONLY = {"Ensembl": "ENSEMBL"}

#: Biolink keeps OBO terms under the same CURIE prefixes as ours.
BIOLINK_AS_IS = ("CL:", "GO:", "HP:", "MONDO:")

#: Our prefixes that Biolink's prefix map has too, for the same namespace. A node id with any other prefix
#: (ilkg's own, for families, receptor complexes, heterodimers and products no database names) has it
#: declared in the metadata file's ``prefix_map``: Biolink registers no prefix for a graph's own ids.
BIOLINK_PREFIXES = frozenset(
    {p.rstrip(":") for p in BIOLINK_AS_IS} | set(BIOLINK_XREFS.values()) | {"RO", "BFO", "UBERON", "biolink"}
)

#: The information resource that asserts every edge (declared in the metadata file).
INFORES = "infores:ilkg"

_CAUSES = {"qualified_predicate": "biolink:causes"}
_MORE_ACTIVE = {**_CAUSES, "object_aspect_qualifier": "activity", "object_direction_qualifier": "increased"}
_LESS_ACTIVE = {**_CAUSES, "object_aspect_qualifier": "activity", "object_direction_qualifier": "decreased"}

#: Biolink slots that each relation's edges carry beside the predicate. Biolink 4 gives an effect its
#: sign with qualifiers (it has no positively or negatively regulates), so "IL-6 receptor signals through
#: JAK1" reads "regulates, causes increased activity" and SOCS3's brake "causes decreased activity".
BIOLINK_EDGE_SLOTS: dict[str, dict[str, str]] = {
    "signalsThrough": _MORE_ACTIVE,
    "activates": _MORE_ACTIVE,
    "negativelyRegulates": _LESS_ACTIVE,
    "suppresses": _LESS_ACTIVE,
    "antagonises": _LESS_ACTIVE,
    "promotes": {**_CAUSES, "object_direction_qualifier": "increased"},
    "inhibits": {**_CAUSES, "object_direction_qualifier": "decreased"},
    # an inborn error: a germline variant of the gene behind the subject causes the disease
    "defectCauses": {"subject_form_or_variant_qualifier": "genetic_variant_form"},
}

#: Biolink's clinical approval status for each approval status of an indication (absent means approved);
#: a medicine no longer marketed keeps its approval, which ``status`` still tells apart.
APPROVAL_STATUS = {
    "approved": "approved_for_condition",
    "not-marketed": "approved_for_condition",
    "withdrawn": "post_approval_withdrawal",
}

#: Biolink edge slots written as columns, in this order.
BIOLINK_EDGE_COLUMNS = (
    "qualified_predicate",
    "object_aspect_qualifier",
    "object_direction_qualifier",
    "subject_form_or_variant_qualifier",
    "clinical_approval_status",
    "regulatory_approvals",
)


def biolink_id(curie: str, xrefs: list[str]) -> str | None:
    """Return the CURIE Biolink knows a node by: OBO terms as they are, else the preferred cross-reference.

    >>> biolink_id("ilkg:IL6", ["HGNC:6018", "UniProtKB:P05231"])
    'UniProtKB:P05231'
    >>> biolink_id("ilkg:IL12", []) is None
    True
    """
    if curie.startswith(BIOLINK_AS_IS):
        return curie
    found = dict(x.split(":", 1) for x in xrefs if ":" in x)
    for ours, theirs in BIOLINK_XREFS.items():
        if ours in found:
            return f"{theirs}:{found[ours]}"
    return None


def kgx_ids(nodes: dict[str, dict]) -> dict[str, str]:
    """Return the KGX id of each node (keyed by our CURIE), one per node and no two alike.

    The id Biolink knows it by (:func:`biolink_id`) when no other node has the same one; otherwise our
    own CURIE (``ilkg:IL12``), so that a heterodimer, a family or a biosimilar sharing its reference
    product's record stays a node of its own.

    >>> kgx_ids({"ilkg:IL6": {"xrefs": ["UniProtKB:P05231"]}, "ilkg:IL12": {"xrefs": []}})
    {'ilkg:IL6': 'UniProtKB:P05231', 'ilkg:IL12': 'ilkg:IL12'}
    """
    from collections import Counter

    preferred = {curie: biolink_id(curie, list(data["xrefs"])) for curie, data in nodes.items()}
    claims = Counter(i for i in preferred.values() if i)
    return {curie: i if i and claims[i] == 1 else curie for curie, i in preferred.items()}


def _biolink_xref(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return f"{BIOLINK_XREFS.get(prefix) or _BIOLINK_XREF_ONLY.get(prefix) or prefix}:{local}"


def _kgx(
    graph: Graph, nodes: dict[str, dict], rows: list[Edge]
) -> tuple[list[list[str]], list[list[str]], dict]:
    from kg.namespaces import PREFIXES

    mapped = biolink_mappings(graph)
    heterodimers = {compact(str(r["il"])) for r in graph.select(_HETERODIMERS)}
    ids = kgx_ids(nodes)
    node_table = [["id", "category", "name", "description", "xref", "provided_by"]]
    for curie, data in sorted(nodes.items(), key=lambda item: ids[item[0]]):
        node_id = ids[curie]
        categories = sorted({mapped[t] for t in data["types"] if t in mapped and t != "AdverseEffect"})
        if curie in heterodimers:
            # a two-chain interleukin (IL-12, IL-23, ...) is a complex, not one gene's protein
            categories = ["biolink:MacromolecularComplex"]
        xrefs = [x for x in map(_biolink_xref, data["xrefs"]) if x != node_id]
        if node_id != curie:
            xrefs.append(data["iri"] or expand_curie(curie))
        node_table.append(
            [
                node_id,
                "|".join(categories or ["biolink:NamedThing"]),
                data["label"],
                data["description"],
                "|".join(dict.fromkeys(xrefs)),
                INFORES,
            ]
        )
    inverses = {
        str(r["p"]).removeprefix(ILKG): str(r["q"]).removeprefix(ILKG) for r in graph.select(_INVERSES)
    }
    qualifiers = [q for q in schema.QUALIFIERS if q != "organism"]
    header = [
        "id",
        "subject",
        "predicate",
        "object",
        "original_predicate",
        "knowledge_level",
        "agent_type",
        "primary_knowledge_source",
        "publications",
        "sources",
        "evidence",
    ]
    edge_table = [header + qualifiers + [*BIOLINK_EDGE_COLUMNS, "species_context_qualifier", "provided_by"]]
    for e in rows:
        subject, obj = ids[e.subject], ids[e.object]
        predicate = mapped.get(e.relation)
        if predicate is None and inverses.get(e.relation) in mapped:
            # "IL-6 producedBy macrophage" is Biolink's "macrophage produces IL-6"
            predicate, subject, obj = mapped[inverses[e.relation]], obj, subject
        publications = [
            s if s.startswith("PMID:") else "doi:" + s.removeprefix("DOI:")
            for s in e.sources
            if s.startswith(("PMID:", "DOI:"))
        ]
        inferred = e.evidence == "inferred"
        slots = dict(BIOLINK_EDGE_SLOTS.get(e.relation, {}))
        if e.relation == "indicatedFor":
            slots.update(_approval(e))
        edge_table.append(
            [
                expand_curie(e.statement) if e.statement else "",
                subject,
                predicate or "biolink:related_to",
                obj,
                f"ilkg:{e.relation}",
                "logical_entailment" if inferred else "knowledge_assertion",
                "automated_agent" if inferred else "manual_agent",
                INFORES,
                "|".join(publications),
                "|".join(e.sources),
                e.evidence,
            ]
            + [e.qualifiers.get(q, "") for q in qualifiers]
            + [slots.get(c, "") for c in BIOLINK_EDGE_COLUMNS]
            + [TAXA.get(e.qualifiers.get("organism", ""), ""), INFORES]
        )
    local = sorted(i for i in ids.values() if i.partition(":")[0] not in BIOLINK_PREFIXES)
    used = sorted({i.partition(":")[0] for i in local} & set(PREFIXES))
    metadata = {
        "name": "ilkg: the interleukin knowledge graph",
        "knowledge_source": {
            "id": INFORES,
            "name": "ilkg, the interleukin knowledge graph",
            "description": "Curated relations of human interleukins, each with its source.",
            "license": "https://creativecommons.org/licenses/by/4.0/",
        },
        "prefix_map": {p: PREFIXES[p] for p in used},
        "local_ids": {
            "why": (
                "no identifier in Biolink's prefix map (UniProtKB, HGNC, NCBIGene, DRUGBANK, CHEMBL.COMPOUND, "
                "UNII or an OBO term), or one shared with another node: named by our own CURIE, whose prefix "
                "prefix_map declares (or, for a --data IRI in no namespace of ours, by the IRI itself)"
            ),
            "nodes": local,
        },
    }
    return node_table, edge_table, metadata


def _approval(edge: Edge) -> dict[str, str]:
    """Return Biolink's approval slots of one indication: its clinical approval status, and FDA's application."""
    agency, status = edge.qualifiers.get("agency", ""), edge.qualifiers.get("status", "approved")
    slots = {"clinical_approval_status": APPROVAL_STATUS[status]}
    if agency == "FDA" and status == "approved":
        slots["clinical_approval_status"] = "fda_approved_for_condition"
    if agency in ("FDA", ""):
        numbers = [s.removeprefix("DrugsFDA:") for s in edge.sources if s.startswith("DrugsFDA:")]
        slots["regulatory_approvals"] = "|".join(numbers)
    return slots


def expand_curie(curie: str) -> str:
    """Return the IRI of one of our CURIEs (or the input when it is already an IRI)."""
    from kg.namespaces import expand

    return expand(curie)


def _write(table: list[list[str]], delimiter: str, raw: bool = False) -> bytes:
    from kg.results import delimited

    return delimited(table, delimiter, raw=raw)  # control characters quoted, formulas neutralised
