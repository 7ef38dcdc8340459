"""Export the graph for other tools: RDF formats, OWL, and GraphML or GEXF for Cytoscape and Gephi.

Every RDF export is written so that each parser reads it the same way: prefixed names never
need an escaped character (statement and gap nodes get their own prefixes, anything else
that would is written as a full IRI), only the prefixes used are declared, and the graph has
one ``owl:Ontology`` header (the CL, GO, HP and MONDO slices are folded under ilkg's as
``dcterms:hasPart``).

>>> from kg.store import Graph
>>> turtle = export(Graph.load(), "turtle")
>>> turtle.startswith(b"@prefix")
True
>>> b"\\\\/" in turtle
False
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg import namespaces
from kg.errors import UnknownFormatError
from kg.results import GRAPH_FORMATS, serialize_triples

if TYPE_CHECKING:
    import networkx as nx

    from kg.store import Graph

NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = (*GRAPH_FORMATS, "owl", *NETWORK_FORMATS)

#: Output file extensions and the export format each implies; any other extension is refused.
EXTENSIONS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nq",
    ".jsonld": "jsonld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "owl",
    ".trig": "trig",
    ".graphml": "graphml",
    ".gexf": "gexf",
}

#: The ontology header that the other headers are folded under.
ONTOLOGY = namespaces.ILKG + "ontology"

_RDF_TYPE = ox.NamedNode(namespaces.RDF + "type")
_OWL_ONTOLOGY = ox.NamedNode(namespaces.OWL + "Ontology")
_HAS_PART = ox.NamedNode(namespaces.DCTERMS + "hasPart")


def format_for_path(path: str | Path) -> str:
    """Return the export format an output file's extension implies.

    :raises UnknownFormatError: for an extension ilkg does not write (never silently Turtle).
    """
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        known = ", ".join(EXTENSIONS)
        raise UnknownFormatError(
            f"cannot tell the export format from {str(path)!r} (known extensions: {known}); give --format"
        )
    return EXTENSIONS[suffix]


@dataclasses.dataclass(frozen=True)
class Selection:
    """A part of the graph, chosen as ``ilkg viz`` chooses what to draw (empty: the whole graph)."""

    entities: tuple[str, ...] = ()
    depth: int = 1
    kinds: tuple[str, ...] = ()
    relations: tuple[str, ...] | None = None
    construct: str | None = None

    def __bool__(self) -> bool:
        return bool(self.entities or self.kinds or self.relations is not None or self.construct)

    def project(self, graph: Graph):
        """Return the networkx projection of this part of ``graph`` (as ``kg.projection.view`` draws it)."""
        from kg.projection import view

        projected, _ = view(
            graph,
            entities=self.entities,
            depth=self.depth,
            kinds=self.kinds,
            relations=self.relations,
            construct=self.construct,
        )
        return projected


def export(graph: Graph, fmt: str = "turtle", *, selection: Selection | None = None) -> bytes:
    """Return the graph (or the ``selection`` of it) in one format; the same graph gives the same bytes.

    :raises UnknownFormatError: for a format name ilkg does not write.
    :raises EmptyGraphError: when the selection is empty.
    """
    if fmt not in FORMATS:
        raise UnknownFormatError(f"unknown export format {fmt!r} (choose from: {', '.join(FORMATS)})")
    if fmt in NETWORK_FORMATS:
        return write_network(network(graph, selection), fmt)
    triples = export_triples(graph, selection)
    if fmt == "owl":
        return serialize_triples(owl_triples(triples), "xml")
    return serialize_triples(triples, fmt)


def export_triples(graph: Graph, selection: Selection | None = None) -> list[ox.Triple]:
    """Return the triples an RDF export writes: the graph (or a part), under one ontology header."""
    triples = graph.triples() if not selection else _selected_triples(graph, selection)
    return one_ontology_header(triples)


def one_ontology_header(triples: list[ox.Triple]) -> list[ox.Triple]:
    """Fold every ``owl:Ontology`` header but ilkg's (or the first) under it as ``dcterms:hasPart``.

    OWL tools take one ontology per document and name the first header they meet, so the
    slices' headers keep their annotations (source, licence) but lose their type.
    """
    headers = sorted({t.subject for t in triples if t.predicate == _RDF_TYPE and t.object == _OWL_ONTOLOGY})
    if len(headers) < 2:
        return triples
    main = next((h for h in headers if isinstance(h, ox.NamedNode) and h.value == ONTOLOGY), headers[0])
    folded = set(headers) - {main}
    kept = [t for t in triples if not (t.subject in folded and t.predicate == _RDF_TYPE)]
    kept += [ox.Triple(main, _HAS_PART, h) for h in sorted(folded, key=str)]
    imports = ox.NamedNode(namespaces.OWL + "imports")
    return sorted({t for t in kept if not (t.predicate == imports and t.object in folded)}, key=str)


def to_rdflib(graph: Graph) -> Any:
    """Return the graph as an ``rdflib.Graph`` with our prefixes bound (for pyshacl, owlrl, ...)."""
    import rdflib

    out = rdflib.Graph()
    for prefix, namespace in namespaces.PREFIXES.items():
        out.bind(prefix, namespace, replace=True)
    out.parse(data=ox.serialize(graph.triples(), format=ox.RdfFormat.N_TRIPLES), format="nt")
    return out


# ---------------------------------------------------------------- a part of the graph

_PART = """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?n { %s }
  { ?n ?p ?o . FILTER(!isIRI(?o) || ?p = rdf:type || ?p = dcterms:source) BIND(?n AS ?s) }
}"""

_STATEMENTS = """
SELECT DISTINCT ?st ?p ?o WHERE {
  VALUES (?a ?r ?b) { %s }
  ?st rdf:subject ?a ; rdf:predicate ?r ; rdf:object ?b ; ?p ?o .
}"""


def _selected_triples(graph: Graph, selection: Selection) -> list[ox.Triple]:
    """Return the selected relations, their statements with sources, and their nodes' own facts."""
    projected = selection.project(graph)
    iri = namespaces.expand
    nodes = sorted(iri(n) for n in projected.nodes)
    edges = sorted({(iri(s), _predicate(d["relation"]), iri(o)) for s, o, d in projected.edges(data=True)})
    out: set[ox.Triple] = {ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)) for s, p, o in edges}
    subjects: set[str] = set(nodes)
    for start in range(0, len(edges), 300):
        values = " ".join(f"(<{s}> <{p}> <{o}>)" for s, p, o in edges[start : start + 300])
        for row in graph.query(_STATEMENTS % values):
            out.add(ox.Triple(row["st"], row["p"], row["o"]))
            if isinstance(row["o"], ox.NamedNode) and row["p"].value == namespaces.DCTERMS + "source":
                subjects.add(row["o"].value)
    ordered = sorted(subjects)
    for start in range(0, len(ordered), 300):
        values = " ".join(f"<{n}>" for n in ordered[start : start + 300])
        for row in graph.query(_PART % values):
            out.add(ox.Triple(row["s"], row["p"], row["o"]))
    return sorted(out, key=str)


def _predicate(relation: str) -> str:
    return namespaces.expand(relation) if ":" in relation else namespaces.ILKG + relation


# ---------------------------------------------------------------- OWL

_STATEMENT = ox.NamedNode(namespaces.RDF + "Statement")
_REIFICATION = {
    namespaces.RDF + n: namespaces.OWL + m
    for n, m in (
        ("subject", "annotatedSource"),
        ("predicate", "annotatedProperty"),
        ("object", "annotatedTarget"),
    )
}


def owl_triples(triples: list[ox.Triple]) -> list[ox.Triple]:
    """Return the graph as OWL 2 DL: each reified statement becomes an axiom annotation.

    A statement's sources, evidence and qualifiers annotate the object property assertion
    itself (``owl:Axiom`` with ``owl:annotatedSource``, ...), so Protégé and ROBOT see them;
    every property is declared once (the qualifiers as annotation properties), and every
    entity a relation links is declared a named individual (OBO terms are punned).
    """
    owl = namespaces.OWL
    typ = _RDF_TYPE
    statements = {t.subject for t in triples if t.predicate == typ and t.object == _STATEMENT}
    object_properties = {
        t.subject for t in triples if t.predicate == typ and t.object.value == owl + "ObjectProperty"
    }
    out: set[ox.Triple] = set()
    axioms: dict[ox.Term, ox.BlankNode] = {}
    annotation_properties: set[ox.NamedNode] = set()
    data_properties: set[ox.NamedNode] = set()
    individuals: set[ox.NamedNode] = set()

    def axiom(node: ox.Term) -> ox.BlankNode:
        if node not in axioms:
            axioms[node] = ox.BlankNode("ax" + hashlib.sha1(str(node).encode()).hexdigest()[:16])  # noqa: S324
        return axioms[node]

    for t in triples:
        if t.subject in statements:
            node = axiom(t.subject)
            if t.predicate == typ:
                out.add(ox.Triple(node, typ, ox.NamedNode(owl + "Axiom")))
            elif t.predicate.value in _REIFICATION:
                out.add(ox.Triple(node, ox.NamedNode(_REIFICATION[t.predicate.value]), t.object))
            else:
                out.add(ox.Triple(node, t.predicate, t.object))
                annotation_properties.add(t.predicate)
            continue
        if t.predicate in object_properties:
            individuals.update(x for x in (t.subject, t.object) if isinstance(x, ox.NamedNode))
        elif isinstance(t.object, ox.Literal) and t.predicate.value.startswith(namespaces.ILKG):
            data_properties.add(t.predicate)
        out.add(t)
    # a property both annotates statements and describes entities: keep it an annotation property
    annotation_properties |= data_properties
    out = {
        t
        for t in out
        if not (
            t.predicate == typ
            and t.subject in annotation_properties
            and t.object.value in (owl + "DatatypeProperty", owl + "ObjectProperty")
        )
        and not (
            t.subject in annotation_properties
            and t.predicate.value in (namespaces.RDFS + "domain", namespaces.RDFS + "range")
            and t.subject.value.startswith(namespaces.ILKG)
        )
    }
    used = {t.predicate for t in out} | {
        t.object for t in out if t.predicate.value == owl + "annotatedProperty"
    }
    declared = {t.subject for t in out if t.predicate == typ and t.object.value.startswith(owl)}
    for prop in sorted(used - declared - _BUILT_IN, key=str):
        kind = "ObjectProperty" if prop in object_properties else "AnnotationProperty"
        out.add(ox.Triple(prop, typ, ox.NamedNode(owl + kind)))
    classes = {t.object for t in out if t.predicate == typ and isinstance(t.object, ox.NamedNode)}
    for cls in sorted(classes - declared, key=str):
        if not cls.value.startswith((namespaces.RDF, namespaces.RDFS, owl)):
            out.add(ox.Triple(cls, typ, ox.NamedNode(owl + "Class")))
    for individual in individuals:
        out.add(ox.Triple(individual, typ, ox.NamedNode(owl + "NamedIndividual")))
    return sorted(out, key=str)


_BUILT_IN = {
    ox.NamedNode(iri)
    for iri in (
        *(namespaces.RDF + n for n in ("type",)),
        *(
            namespaces.RDFS + n
            for n in (
                "label",
                "comment",
                "subClassOf",
                "domain",
                "range",
                "seeAlso",
                "isDefinedBy",
                "subPropertyOf",
            )
        ),
        *(
            namespaces.OWL + n
            for n in (
                "inverseOf",
                "versionIRI",
                "versionInfo",
                "imports",
                "annotatedSource",
                "annotatedProperty",
                "annotatedTarget",
                "equivalentClass",
                "disjointWith",
                "deprecated",
            )
        ),
    )
}


# ---------------------------------------------------------------- GraphML and GEXF


def network(graph: Graph, selection: Selection | None = None) -> nx.MultiDiGraph:
    """Return the graph (or the selection) as a networkx graph that networkx's writers accept.

    One edge per statement (a fact with three roles gives three edges), keyed by the
    statement's CURIE so that edge ids are unique; each carries its relation, sources,
    evidence and qualifiers as plain strings.
    """
    import networkx as nx

    from kg.tables import edges

    sel = selection or Selection()
    projected = sel.project(graph)
    flat = nx.MultiDiGraph()
    for node, data in sorted(projected.nodes(data=True)):
        flat.add_node(
            node,
            label=data["label"],
            kind=data["kind"],
            types="|".join(data["types"]),
            iri=data["iri"] or "",
            description=data["description"],
            xrefs="|".join(data["xrefs"]),
        )
    pairs = {(s, d["relation"], o) for s, o, d in projected.edges(data=True)}
    statements: dict[tuple[str, str, str], list] = {}
    for e in edges(graph):
        if (e.subject, e.relation, e.object) in pairs:
            statements.setdefault((e.subject, e.relation, e.object), []).append(e)
    for s, relation, o in sorted(pairs):
        rows = statements.get((s, relation, o))
        if not rows:  # a CONSTRUCT edge with no statement behind it
            key = _edge_id(s, relation, o, "")
            flat.add_edge(s, o, key=key, id=key, relation=relation, sources="", evidence="")
            continue
        for e in rows:
            key = e.statement or _edge_id(s, relation, o, "")
            attrs = {"relation": relation, "sources": "|".join(e.sources), "evidence": e.evidence}
            attrs.update(dict(sorted(e.qualifiers.items())))
            flat.add_edge(s, o, key=key, id=key, **attrs)
    return flat


def _edge_id(s: str, relation: str, o: str, extra: str) -> str:
    return "edge:" + hashlib.sha1(f"{s} {relation} {o} {extra}".encode()).hexdigest()[:16]  # noqa: S324


def write_network(flat: nx.MultiDiGraph, fmt: str) -> bytes:
    """Write a network as GraphML or GEXF, byte-stable (GEXF's run date is left out)."""
    import networkx as nx

    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat, buffer, edge_id_from_attribute="id")
        return buffer.getvalue()
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(flat)
    writer.write(buffer)
    return buffer.getvalue()
