"""Export the graph for other tools: RDF formats, and GraphML or GEXF for Cytoscape and Gephi.

>>> from kg.store import Graph
>>> turtle = export(Graph.load(), "turtle")
>>> turtle.startswith(b"@prefix")
True
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from kg.errors import UnknownFormatError
from kg.results import GRAPH_FORMATS, serialize_triples

if TYPE_CHECKING:
    from kg.store import Graph

NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = (*GRAPH_FORMATS, *NETWORK_FORMATS)

#: Output file extensions and the export format each implies.
EXTENSIONS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "jsonld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".trig": "trig",
    ".graphml": "graphml",
    ".gexf": "gexf",
}


def export(graph: Graph, fmt: str = "turtle") -> bytes:
    """Return the whole graph in one format (see :data:`FORMATS`); the same graph gives the same bytes.

    :raises UnknownFormatError: for a format name ilkg does not write.
    """
    if fmt in GRAPH_FORMATS:
        return serialize_triples(graph.triples(), fmt)
    if fmt in NETWORK_FORMATS:
        return _network(graph, fmt)
    raise UnknownFormatError(f"unknown export format {fmt!r} (choose from: {', '.join(FORMATS)})")


def _network(graph: Graph, fmt: str) -> bytes:
    import networkx as nx

    from kg.projection import project

    projected = project(graph)
    flat = nx.MultiDiGraph()
    for node, data in projected.nodes(data=True):
        flat.add_node(
            node,
            label=data["label"],
            kind=data["kind"],
            iri=data["iri"] or "",
            description=data["description"],
            xrefs="|".join(data["xrefs"]),
        )
    for source, target, key, data in projected.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, **{k: str(v) for k, v in data.items()})
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat, buffer)
    else:
        nx.write_gexf(flat, buffer)
    return buffer.getvalue()
