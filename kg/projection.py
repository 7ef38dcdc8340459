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
from kg.errors import InputError
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
    "Kinase",
    "SignallingAdaptor",
    "TranscriptionFactor",
    "SignallingRegulator",
    "Subunit",
    "InterleukinFamily",
    "CellType",
    "Disease",
    "AdverseEffect",
    "BiologicalProcess",
    "ClinicalSign",
)


class UnknownNameError(InputError):
    """A class or relation name that the ontology does not have."""


class EmptyGraphError(InputError):
    """Nothing is left to draw."""


_EDGES = """
SELECT ?s ?p ?o ?role ?action ?organism WHERE {
  VALUES ?p { %s }
  ?s ?p ?o . FILTER(isIRI(?o))
  OPTIONAL { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
             OPTIONAL { ?st ilkg:role ?role } OPTIONAL { ?st ilkg:action ?action }
             OPTIONAL { ?st ilkg:organism ?organism } }
}"""

#: Statement qualifiers copied onto edges.
EDGE_QUALIFIERS = ("role", "action", "organism")

_NODES = """
SELECT ?n ?label ?type ?description ?xref WHERE {
  VALUES ?n { %s }
  OPTIONAL { ?n rdfs:label ?label }
  OPTIONAL { ?n a ?type . FILTER(STRSTARTS(STR(?type), STR(ilkg:))) }
  OPTIONAL { ?n dcterms:description ?description }
  OPTIONAL { ?n oboInOwl:hasDbXref ?xref }
}"""


def project(
    graph: Graph,
    *,
    relations: Iterable[str] | None = None,
    any_predicate: bool = False,
    labels_from: Graph | None = None,
) -> nx.MultiDiGraph:
    """Return the ilkg relations of ``graph`` as a networkx MultiDiGraph keyed by CURIE.

    Nodes carry ``label``, ``kind`` (see :data:`NODE_KINDS`), ``types``, ``iri``,
    ``description`` and ``xrefs`` (CURIE to URL); edges carry ``relation`` and, where the
    statement has one, ``role``, ``action`` or ``organism`` (the animal a fact is shown only in).

    With ``any_predicate``, every triple between two IRIs becomes an edge (for a CONSTRUCT
    result), named by its predicate's CURIE; ``labels_from`` is the graph that node labels,
    classes and identifiers are read from (by default ``graph`` itself).

    :raises UnknownNameError: for a relation name that is not in the ontology.
    """
    import networkx as nx

    names = list(relations) if relations is not None else list(schema.RELATIONS)
    unknown = [n for n in names if n not in schema.RELATIONS]
    if unknown:
        raise UnknownNameError(f"unknown relation {unknown[0]!r} (known: {', '.join(schema.RELATIONS)})")
    out = nx.MultiDiGraph()
    if not names and not any_predicate:
        return out
    if any_predicate:
        edges = graph.select(
            "SELECT ?s ?p ?o ?role ?action ?organism WHERE { ?s ?p ?o . FILTER(isIRI(?s) && isIRI(?o) && ?p != rdf:type) "
            "OPTIONAL { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . OPTIONAL { ?st ilkg:role ?role } "
            "OPTIONAL { ?st ilkg:action ?action } OPTIONAL { ?st ilkg:organism ?organism } } }"
        )
    else:
        edges = graph.select(_EDGES % " ".join(f"ilkg:{n}" for n in names))
    iris: set[str] = set()
    seen: set[tuple[str, str, str]] = set()
    for row in sorted(edges, key=lambda r: (r["s"], r["p"], r["o"], *(r[q] or "" for q in EDGE_QUALIFIERS))):
        s, p, o = row["s"], row["p"], row["o"]
        if s is None or p is None or o is None or (s, p, o) in seen:
            continue
        seen.add((s, p, o))
        iris.update((s, o))
        attrs = {"relation": p.removeprefix(ILKG) if p.startswith(ILKG) else compact(p)}
        attrs.update({k: row[k] for k in EDGE_QUALIFIERS if row[k]})
        out.add_edge(compact(s), compact(o), key=attrs["relation"], **attrs)
    for node, data in node_attributes(labels_from or graph, sorted(iris)).items():
        out.add_node(node, **data)
    return out


def neighbourhood(graph: nx.MultiDiGraph, centres: Iterable[str], depth: int = 1) -> nx.MultiDiGraph:
    """Return the subgraph of nodes at most ``depth`` steps (either direction) from any centre CURIE.

    :raises EmptyGraphError: when no centre is in the graph.
    """
    import networkx as nx

    starts = [c for c in centres if c in graph]
    if not starts:
        raise EmptyGraphError("none of the entities has any relation to draw")
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for start in starts:
        keep.update(nx.single_source_shortest_path_length(undirected, start, cutoff=depth))
    return graph.subgraph(keep).copy()


def keep_kinds(
    graph: nx.MultiDiGraph, kinds: Iterable[str], *, always: Iterable[str] = ()
) -> nx.MultiDiGraph:
    """Return the subgraph of nodes of the given kinds or classes (and the ``always`` nodes).

    :raises UnknownNameError: for a class name that is not in the ontology.
    """
    wanted = set(kinds)
    unknown = wanted - set(schema.CLASSES) - {"Other"}
    if unknown:
        raise UnknownNameError(f"unknown class {min(unknown)!r} (known: {', '.join(schema.CLASSES)})")
    keep = {n for n, d in graph.nodes(data=True) if d["kind"] in wanted or wanted & set(d["types"])}
    return graph.subgraph(keep | (set(always) & set(graph))).copy()


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


def view(
    graph: Graph,
    *,
    entities: Iterable[str] = (),
    depth: int = 1,
    kinds: Iterable[str] = (),
    relations: Iterable[str] | None = None,
    construct: str | None = None,
    index: object | None = None,
) -> tuple[nx.MultiDiGraph, list[str]]:
    """Return the part of the graph to draw, and the CURIEs to emphasise.

    The whole graph; or the neighbourhood of ``entities`` (names resolve as in ``ilkg show``)
    to ``depth`` steps; or the triples of a ``construct`` query; then keep only ``kinds``
    (class names) and ``relations``.

    :raises UnknownEntityError: for a name that resolves to nothing.
    :raises QuerySyntaxError: when ``construct`` is not a CONSTRUCT (or DESCRIBE) query.
    :raises EmptyGraphError: when nothing is left to draw.
    """
    import pyoxigraph as ox

    from kg.errors import QuerySyntaxError
    from kg.resolve import Index
    from kg.store import Graph as StoreGraph

    focus: list[str] = []
    if construct is not None:
        result = graph.query(construct)
        if not isinstance(result, ox.QueryTriples):
            del result  # an Oxigraph result must not outlive this frame in a traceback (see kg.remote)
            raise QuerySyntaxError("--query needs a CONSTRUCT or DESCRIBE query, which returns a graph")
        store = ox.Store()
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in result)
        projected = project(StoreGraph(store), any_predicate=True, labels_from=graph)
    else:
        projected = project(graph, relations=relations)
    names = list(entities)
    if names:
        resolver = index if isinstance(index, Index) else Index.build(graph)
        focus = [resolver.resolve(name).curie for name in names]  # type: ignore[union-attr]
        projected = neighbourhood(projected, focus, depth)
    kinds = list(kinds)
    if kinds:
        projected = keep_kinds(projected, kinds, always=focus)
    if projected.number_of_nodes() == 0:
        raise EmptyGraphError("nothing to draw: the selection is empty")
    return projected, focus
