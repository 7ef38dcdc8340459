"""How two entities are connected: shortest paths over the networkx projection, relation on each step.

>>> from kg.store import Graph
>>> ways = shortest_paths(Graph.load(), "secukinumab", "psoriasis")
>>> [step["relation"] for step in ways[0]]
['indicatedFor']
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.errors import InputError

if TYPE_CHECKING:
    from kg.resolve import Index
    from kg.store import Graph


class NoPathError(InputError):
    """The two entities are not connected within the allowed length."""


def shortest_paths(
    graph: Graph,
    source: str,
    target: str,
    *,
    max_length: int = 4,
    limit: int = 10,
    index: Index | None = None,
    relations: Iterable[str] | None = None,
) -> list[list[dict[str, str]]]:
    """Return up to ``limit`` shortest paths from ``source`` to ``target`` (names resolve as in ``show``).

    Edges are followed in either direction; each step says which way the relation points. With
    ``relations``, only those relations are followed (``targets``, ``signalsThrough`` and
    ``bindsReceptor`` show how a JAK inhibitor reaches an interleukin).

    :raises UnknownNameError: for a relation name the ontology does not have.
    :raises UnknownEntityError: for a name that resolves to nothing.
    :raises NoPathError: when no path of at most ``max_length`` steps exists.
    """
    import networkx as nx

    from kg.projection import project
    from kg.resolve import Index

    index = index or Index.build(graph)
    start, end = index.find(source), index.find(target)
    if start.iri == end.iri:
        raise NoPathError(f"{source!r} and {target!r} are the same entity: {start.label} ({start.curie})")
    projected = project(graph, relations=relations)
    undirected = nx.MultiGraph(projected)
    if start.curie not in undirected or end.curie not in undirected:
        raise NoPathError(f"{start.label} and {end.label} are not connected by any relation")
    try:
        paths = nx.all_shortest_paths(undirected, start.curie, end.curie)
        # islice takes no stop past sys.maxsize; no graph holds that many paths anyway
        found = list(
            itertools.islice((p for p in paths if len(p) - 1 <= max_length), min(limit, sys.maxsize))
        )
    except nx.NetworkXNoPath:
        found = []
    if not found:
        raise NoPathError(f"no path of at most {max_length} steps between {start.label} and {end.label}")
    out = []
    for nodes in found:
        steps = []
        for a, b in itertools.pairwise(nodes):
            forward = projected.get_edge_data(a, b)
            data, direction = (forward, "->") if forward else (projected.get_edge_data(b, a), "<-")
            relation = min(d["relation"] for d in data.values())
            steps.append(
                {
                    "from": a,
                    "from_label": projected.nodes[a]["label"],
                    "relation": relation,
                    "direction": direction,
                    "to": b,
                    "to_label": projected.nodes[b]["label"],
                }
            )
        out.append(steps)
    return out
