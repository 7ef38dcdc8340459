"""Counts of the graph: triples, entities per class, asserted relations per predicate, sources.

>>> from kg.store import Graph
>>> counts = stats(Graph.load())
>>> counts["classes"]["Interleukin"] >= 7
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg import schema

if TYPE_CHECKING:
    from kg.store import Graph

_CLASSES = "SELECT ?c (COUNT(DISTINCT ?n) AS ?k) WHERE { ?n a ?c . FILTER(STRSTARTS(STR(?c), STR(ilkg:))) } GROUP BY ?c"
_RELATIONS = (
    "SELECT ?p (COUNT(*) AS ?k) WHERE { ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(ilkg:))) } GROUP BY ?p"
)
_SOURCED = """SELECT ?p (COUNT(*) AS ?k) WHERE {
  ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(ilkg:)))
  FILTER EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; dcterms:source ?src }
} GROUP BY ?p"""
_SOURCES = """SELECT ?kind (COUNT(DISTINCT ?src) AS ?k) WHERE {
  ?st a rdf:Statement ; dcterms:source ?src . ?src dcterms:identifier ?id .
  BIND(STRBEFORE(?id, ":") AS ?kind)
} GROUP BY ?kind"""

_ANIMAL_ONLY = (
    "SELECT ?organism (COUNT(DISTINCT ?st) AS ?k) WHERE { ?st ilkg:organism ?organism } GROUP BY ?organism"
)


def stats(graph: Graph) -> dict[str, object]:
    """Return the counts of the graph as a dict (``triples``, ``classes``, ``relations``, ...)."""

    def counts(query: str, var: str) -> dict[str, int]:
        return {
            str(row[var]).rsplit("/", 1)[-1]: int(row["k"] or 0)
            for row in graph.select(query)
            if row[var] is not None
        }

    relations = {k: v for k, v in counts(_RELATIONS, "p").items() if k in schema.RELATIONS}
    sourced = {k: v for k, v in counts(_SOURCED, "p").items() if k in schema.RELATIONS}
    asserted = sum(relations.values())
    return {
        "triples": len(graph),
        "classes": dict(sorted(counts(_CLASSES, "c").items())),
        "relations": dict(sorted(relations.items())),
        "asserted_relations": asserted,
        "sourced_relations": sum(sourced.values()),
        "sourced_percent": round(100 * sum(sourced.values()) / asserted, 1) if asserted else 100.0,
        "sources": dict(sorted(counts(_SOURCES, "kind").items())),
        "animal_only": dict(sorted(counts(_ANIMAL_ONLY, "organism").items())),
    }
