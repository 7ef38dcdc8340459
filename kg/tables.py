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
  ?s ?p ?o .
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
#: UniProtKB for proteins, then genes, then drugs).
BIOLINK_XREFS = {
    "UniProtKB": "UniProtKB",
    "HGNC": "HGNC",
    "NCBIGene": "NCBIGene",
    "DrugBank": "DRUGBANK",
    "CHEMBL": "CHEMBL.COMPOUND",
    "UNII": "UNII",
}

#: Biolink keeps OBO terms under the same CURIE prefixes as ours.
BIOLINK_AS_IS = ("CL:", "GO:", "HP:", "MONDO:")

#: The information resource that asserts every edge (declared in the metadata file).
INFORES = "infores:ilkg"


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


def _kgx(
    graph: Graph, nodes: dict[str, dict], rows: list[Edge]
) -> tuple[list[list[str]], list[list[str]], dict]:
    mapped = biolink_mappings(graph)
    heterodimers = {compact(str(r["il"])) for r in graph.select(_HETERODIMERS)}
    ids = {curie: biolink_id(curie, list(data["xrefs"])) for curie, data in nodes.items()}
    node_rows: dict[str, list[str]] = {}
    for curie, data in sorted(nodes.items()):
        node_id = ids[curie]
        if node_id is None:
            continue
        categories = sorted({mapped[t] for t in data["types"] if t in mapped and t != "AdverseEffect"})
        if curie in heterodimers:
            # a two-chain interleukin (IL-12, IL-23, ...) is a complex, not one gene's protein
            categories = ["biolink:MacromolecularComplex"]
        xrefs = [
            x
            for x in data["xrefs"]
            if x != node_id and not x.startswith(tuple(f"{p}:" for p in ("DrugBank", "CHEMBL")))
        ]
        xrefs.append(data["iri"] or expand_curie(curie))
        if node_id in node_rows:  # two ilkg entities, one Biolink id: one node, both names as xrefs
            node_rows[node_id][4] += "|" + "|".join(xrefs)
            continue
        node_rows[node_id] = [
            node_id,
            "|".join(categories or ["biolink:NamedThing"]),
            data["label"],
            data["description"],
            "|".join(xrefs),
            INFORES,
        ]
    node_table = [["id", "category", "name", "description", "xref", "provided_by"], *node_rows.values()]
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
    edge_table = [header + qualifiers + ["species_context_qualifier", "provided_by"]]
    for e in rows:
        subject, obj = ids.get(e.subject), ids.get(e.object)
        if subject is None or obj is None:
            continue
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
            + [TAXA.get(e.qualifiers.get("organism", ""), ""), INFORES]
        )
    left_out = sorted(c for c, i in ids.items() if i is None)
    metadata = {
        "name": "ilkg: the interleukin knowledge graph",
        "knowledge_source": {
            "id": INFORES,
            "name": "ilkg, the interleukin knowledge graph",
            "description": "Curated relations of human interleukins, each with its source.",
            "license": "https://creativecommons.org/licenses/by/4.0/",
        },
        "left_out": {
            "why": "no identifier that Biolink knows (no UniProtKB, HGNC, NCBIGene, DrugBank, ChEMBL or OBO id)",
            "nodes": left_out,
        },
    }
    return node_table, edge_table, metadata


def expand_curie(curie: str) -> str:
    """Return the IRI of one of our CURIEs (or the input when it is already an IRI)."""
    from kg.namespaces import expand

    return expand(curie)


def _write(table: list[list[str]], delimiter: str, raw: bool = False) -> bytes:
    from kg.results import delimited

    return delimited(table, delimiter, raw=raw)  # control characters quoted, formulas neutralised
