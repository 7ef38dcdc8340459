"""Project the RDF graph to a typed, labelled networkx graph (nodes: entities; edges: relations).

>>> from kg.store import Graph
>>> g = project(Graph.load())
>>> g.nodes["ilkg:IL6"]["kind"], g.nodes["ilkg:IL6"]["label"]
('Interleukin', 'IL-6')
>>> any(d["relation"] == "producedBy" for _, _, d in g.out_edges("ilkg:IL17A", data=True))
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg import schema
from kg.namespaces import ILKG, compact, xref_url

if TYPE_CHECKING:
    import networkx as nx

    from kg.store import Graph

#: The class that names a node's kind (its colour and shape), most telling first.
NODE_KINDS = (
    "Interleukin",
    "Therapy",
    "DecoyReceptor",
    "ReceptorComplex",
    "ReceptorChain",
    "Subunit",
    "InterleukinFamily",
    "CellType",
    "Disease",
    "AdverseEffect",
    "BiologicalProcess",
    "ClinicalSign",
)

_EDGES = """
SELECT ?s ?p ?o ?role ?action WHERE {
  VALUES ?p { %s }
  ?s ?p ?o . FILTER(isIRI(?o))
  OPTIONAL { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
             OPTIONAL { ?st ilkg:role ?role } OPTIONAL { ?st ilkg:action ?action } }
}"""

_NODES = """
SELECT ?n ?label ?type ?description ?xref WHERE {
  VALUES ?n { %s }
  OPTIONAL { ?n rdfs:label ?label }
  OPTIONAL { ?n a ?type . FILTER(STRSTARTS(STR(?type), STR(ilkg:))) }
  OPTIONAL { ?n dcterms:description ?description }
  OPTIONAL { ?n oboInOwl:hasDbXref ?xref }
}"""


def project(graph: Graph, *, relations: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """Return the ilkg relations of ``graph`` as a networkx MultiDiGraph keyed by CURIE.

    Nodes carry ``label``, ``kind`` (see :data:`NODE_KINDS`), ``types``, ``iri``,
    ``description`` and ``xrefs`` (CURIE to URL); edges carry ``relation`` and, where the
    statement has one, ``role`` or ``action``.

    :raises ValueError: for a relation name that is not in the ontology.
    """
    import networkx as nx

    names = list(relations) if relations is not None else list(schema.RELATIONS)
    unknown = [n for n in names if n not in schema.RELATIONS]
    if unknown:
        raise ValueError(f"unknown relation {unknown[0]!r} (known: {', '.join(schema.RELATIONS)})")
    out = nx.MultiDiGraph()
    if not names:
        return out
    edges = graph.select(_EDGES % " ".join(f"ilkg:{n}" for n in names))
    iris: set[str] = set()
    seen: set[tuple[str, str, str]] = set()
    for row in sorted(edges, key=lambda r: (r["s"], r["p"], r["o"], r["role"] or "", r["action"] or "")):
        s, p, o = row["s"], row["p"], row["o"]
        if s is None or p is None or o is None or (s, p, o) in seen:
            continue
        seen.add((s, p, o))
        iris.update((s, o))
        attrs = {"relation": p.removeprefix(ILKG)}
        attrs.update({k: row[k] for k in ("role", "action") if row[k]})
        out.add_edge(compact(s), compact(o), key=attrs["relation"], **attrs)
    for node, data in node_attributes(graph, sorted(iris)).items():
        out.add_node(node, **data)
    return out


def node_attributes(graph: Graph, iris: list[str]) -> dict[str, dict]:
    """Return the display attributes of each node IRI, keyed by CURIE."""
    attrs: dict[str, dict] = {}
    for start in range(0, len(iris), 500):
        chunk = iris[start : start + 500]
        for row in graph.select(_NODES % " ".join(f"<{i}>" for i in chunk)):
            curie = compact(row["n"] or "")
            data = attrs.setdefault(
                curie, {"iri": row["n"], "label": curie, "types": set(), "description": "", "xrefs": {}}
            )
            if row["label"]:
                data["label"] = row["label"]
            if row["type"]:
                data["types"].add(row["type"].removeprefix(ILKG))
            if row["description"]:
                data["description"] = row["description"]
            if row["xref"]:
                data["xrefs"][row["xref"]] = xref_url(row["xref"])
    for curie, data in attrs.items():
        data["kind"] = next((k for k in NODE_KINDS if k in data["types"]), "Other")
        data["types"] = sorted(data["types"])
        url = xref_url(curie)
        if url and curie not in data["xrefs"]:
            data["xrefs"] = {curie: url, **data["xrefs"]}
    return attrs
