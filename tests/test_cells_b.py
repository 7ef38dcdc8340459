"""Cells of IL-17B/C/D, IL-34, IL-21 and IL-5, and a curated disease for IL-28A (issue 10, points 1 and 3).

Each fact below was added from a source that states it; losing or mis-qualifying one fails here.
"""

from __future__ import annotations

import pytest


def stated(subject: str, predicate: str, obj: str, *, role: str | None = None) -> str:
    """An ASK for a fact's statement, optionally with its role, that is not marked as animal-only."""
    qualifier = f'; ilkg:role "{role}"' if role else ""
    return f"""ASK {{ ?st rdf:subject {subject} ; rdf:predicate ilkg:{predicate} ; rdf:object {obj} {qualifier} .
        FILTER NOT EXISTS {{ ?st ilkg:organism ?any }} }}"""


def mouse_only(subject: str, predicate: str, obj: str, *, role: str | None = None) -> str:
    """An ASK for a fact whose statement is marked as shown only in mice."""
    qualifier = f'; ilkg:role "{role}"' if role else ""
    return f"""ASK {{ ?st rdf:subject {subject} ; rdf:predicate ilkg:{predicate} ; rdf:object {obj} ;
        ilkg:organism "mouse" {qualifier} }}"""


NEW_FACTS = {
    # IL-17 family
    "IL-17B is made by neurons": stated("ilkg:IL17B", "producedBy", "CL:0000540"),
    "IL-17B is made by neutrophils": stated("ilkg:IL17B", "producedBy", "CL:0000775"),
    "IL-17B acts on fibroblasts": stated("ilkg:IL17B", "actsOn", "CL:0000057"),
    "IL-17C is made by bronchial epithelial cells": stated("ilkg:IL17C", "producedBy", "CL:0002328"),
    "IL-17C acts on bronchial epithelial cells": stated("ilkg:IL17C", "actsOn", "CL:0002328"),
    "IL-17C acts on sensory neurons": stated("ilkg:IL17C", "actsOn", "CL:0000101"),
    "IL-17D acts on myeloid progenitors": stated("ilkg:IL17D", "actsOn", "CL:0000839"),
    # IL-34
    "IL-34 is made by regulatory T cells": stated("ilkg:IL34", "producedBy", "CL:0000815"),
    "IL-34 is made by fibroblast-like synoviocytes": stated("ilkg:IL34", "producedBy", "CL:0002301"),
    "IL-34 is made by keratinocytes": stated("ilkg:IL34", "producedBy", "CL:0000312"),
    # common-gamma and beta-common chain cytokines
    "IL-21 is made by Th1-like gut CD4 T cells": stated("ilkg:IL21", "producedBy", "CL:0000545"),
    "IL-5 is made by eosinophils": stated("ilkg:IL5", "producedBy", "CL:0000771"),
    "IL-5 is made by mast cells": stated("ilkg:IL5", "producedBy", "CL:0000097"),
    "IL-5 acts on eosinophil progenitors": stated("ilkg:IL5", "actsOn", "CL:0000611"),
    "IL-5 acts on mast cells": stated("ilkg:IL5", "actsOn", "CL:0000097"),
}


@pytest.mark.parametrize("question", sorted(NEW_FACTS))
def test_new_fact(graph, question):
    assert graph.ask(NEW_FACTS[question]), question


MOUSE_ONLY = {
    "IL-17C from colon epithelial cells": ("ilkg:IL17C", "producedBy", "CL:0011108"),
    "IL-17C on colon epithelial cells": ("ilkg:IL17C", "actsOn", "CL:0011108"),
    "IL-21 from Th2 cells": ("ilkg:IL21", "producedBy", "CL:0000546"),
    "IL-5 on B-1 cells": ("ilkg:IL5", "actsOn", "CL:0000819"),
}


@pytest.mark.parametrize("fact", sorted(MOUSE_ONLY))
def test_mouse_only_evidence_is_marked(graph, fact):
    assert graph.ask(mouse_only(*MOUSE_ONLY[fact])), fact


def test_il28a_protects_in_mouse_allergic_airway_disease(graph):
    """A curated IFNL2 (IL-28A) disease link, from its own study rather than from a drug."""
    assert graph.ask(mouse_only("ilkg:IFNL2", "implicatedIn", "MONDO:0004979", role="protective"))
    rows = graph.select(
        """SELECT ?id WHERE { ?st rdf:subject ilkg:IFNL2 ; rdf:predicate ilkg:implicatedIn ;
            rdf:object MONDO:0004979 ; dcterms:source ?s . ?s dcterms:identifier ?id }"""
    )
    assert "PMID:21538995" in {str(r["id"]) for r in rows}


def test_hepatitis_c_genetics_is_not_put_on_il28a(graph):
    """IFNL genotype and hepatitis C clearance concern IFNL3/IFNL4, not IFNL2: no such link on IL-28A."""
    assert not graph.ask(
        "ASK { ilkg:IFNL2 ilkg:implicatedIn ?d . ?d rdfs:label ?l FILTER(CONTAINS(LCASE(STR(?l)), 'hepatitis c')) }"
    )


@pytest.mark.parametrize("part", ["producers", "targets"])
def test_il17d_gap_is_sourced(graph, part):
    assert graph.ask(f'ASK {{ ?g a ilkg:KnowledgeGap ; ilkg:about ilkg:IL17D ; ilkg:part "{part}" }}')


@pytest.mark.parametrize(
    "il,minimum",
    [("IL17B", 4), ("IL17C", 4), ("IL34", 4), ("IL21", 6), ("IL5", 6)],
)
def test_producing_cell_types(graph, il, minimum):
    rows = graph.select(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ilkg:{il} ilkg:producedBy ?c }}")
    assert int(rows[0]["n"]) >= minimum


@pytest.mark.parametrize("il,minimum", [("IL17B", 4), ("IL17C", 4), ("IL5", 6)])
def test_target_cell_types(graph, il, minimum):
    rows = graph.select(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ilkg:{il} ilkg:actsOn ?c }}")
    assert int(rows[0]["n"]) >= minimum
