"""Cells and diseases of the common-gamma, beta-common, IL-6 and IL-12 families (issue 10, points 1, 3, 5).

Each fact below was added from a source that states it; losing or mis-qualifying one fails here.
"""

from __future__ import annotations

import pytest


def stated(subject: str, predicate: str, obj: str, *, role: str | None = None) -> str:
    """An ASK for a fact's statement, optionally with its role, that is not marked as animal-only."""
    qualifier = f'; ilkg:role "{role}"' if role else ""
    return f"""ASK {{ ?st rdf:subject {subject} ; rdf:predicate ilkg:{predicate} ; rdf:object {obj} {qualifier} .
        FILTER NOT EXISTS {{ ?st ilkg:organism ?any }} }}"""


def mouse_only(subject: str, predicate: str, obj: str) -> str:
    """An ASK for a fact whose statement is marked as shown only in mice."""
    return f"""ASK {{ ?st rdf:subject {subject} ; rdf:predicate ilkg:{predicate} ; rdf:object {obj} ;
        ilkg:organism "mouse" }}"""


NEW_FACTS = {
    # IL-2 family
    "IL-2 is made by dendritic cells": stated("ilkg:IL2", "producedBy", "CL:0000451"),
    "IL-2 is made by mast cells": stated("ilkg:IL2", "producedBy", "CL:0000097"),
    "IL-2 is made by B cells": stated("ilkg:IL2", "producedBy", "CL:0000236"),
    # IL-4/IL-13
    "IL-4 is made by T follicular helper cells": stated("ilkg:IL4", "producedBy", "CL:0002038"),
    "IL-4 is made by NKT cells": stated("ilkg:IL4", "producedBy", "CL:0000814"),
    "IL-4 acts on epithelial cells": stated("ilkg:IL4", "actsOn", "CL:0000066"),
    "IL-13 is made by mast cells": stated("ilkg:IL13", "producedBy", "CL:0000097"),
    # IL-3 and IL-5 (beta-common)
    "IL-3 is a sepsis biomarker": stated("ilkg:IL3", "implicatedIn", "MONDO:1040015", role="biomarker"),
    "IL-5 acts on basophils": stated("ilkg:IL5", "actsOn", "CL:0000767"),
    "IL-5 drives EGPA": stated("ilkg:IL5", "implicatedIn", "MONDO:0015943", role="pathogenic"),
    "IL-5 drives hypereosinophilic syndrome": stated(
        "ilkg:IL5", "implicatedIn", "MONDO:0015691", role="pathogenic"
    ),
    # IL-7/IL-9
    "IL-7 is made by keratinocytes": stated("ilkg:IL7", "producedBy", "CL:0000312"),
    "IL-7 acts on innate lymphoid cells": stated("ilkg:IL7", "actsOn", "CL:0001065"),
    "IL-7 is implicated in multiple sclerosis": stated(
        "ilkg:IL7", "implicatedIn", "MONDO:0005301", role="pathogenic"
    ),
    "IL-9 acts on intestinal epithelial cells": stated("ilkg:IL9", "actsOn", "CL:0002563"),
    "IL-9 acts on B cells": stated("ilkg:IL9", "actsOn", "CL:0000236"),
    "IL-9 drives ulcerative colitis": stated("ilkg:IL9", "implicatedIn", "MONDO:0005101", role="pathogenic"),
    # IL-15/IL-21
    "IL-15 is made by macrophages": stated("ilkg:IL15", "producedBy", "CL:0000235"),
    "IL-15 is made by dendritic cells": stated("ilkg:IL15", "producedBy", "CL:0000451"),
    "IL-21 acts on CD8 T cells": stated("ilkg:IL21", "actsOn", "CL:0000625"),
    "IL-21 is made by Th17 cells": stated("ilkg:IL21", "producedBy", "CL:0000899"),
    "IL-21 drives rheumatoid arthritis": stated(
        "ilkg:IL21", "implicatedIn", "MONDO:0008383", role="pathogenic"
    ),
    "IL-15 drives rheumatoid arthritis": stated(
        "ilkg:IL15", "implicatedIn", "MONDO:0008383", role="pathogenic"
    ),
    "IL-15 acts on intestinal intraepithelial lymphocytes": stated("ilkg:IL15", "actsOn", "CL:0020035"),
    "IL-21 is implicated in lupus": stated("ilkg:IL21", "implicatedIn", "MONDO:0007915", role="pathogenic"),
    # IL-6 family
    "IL-11 acts on megakaryocytes": stated("ilkg:IL11", "actsOn", "CL:0000556"),
    "IL-11 is made by osteoblasts": stated("ilkg:IL11", "producedBy", "CL:0000062"),
    "IL-6 drives Castleman disease": stated("ilkg:IL6", "implicatedIn", "MONDO:0015564", role="pathogenic"),
    "IL-6 drives giant cell arteritis": stated(
        "ilkg:IL6", "implicatedIn", "MONDO:0008538", role="pathogenic"
    ),
    # IL-12 family
    "IL-23 is made by keratinocytes": stated("ilkg:IL23", "producedBy", "CL:0000312"),
    "IL-23 acts on ILC3s": stated("ilkg:IL23", "actsOn", "CL:0001071"),
    "IL-23 drives ulcerative colitis": stated(
        "ilkg:IL23", "implicatedIn", "MONDO:0005101", role="pathogenic"
    ),
    "IL-12 acts on Th1 cells": stated("ilkg:IL12", "actsOn", "CL:0000545"),
    "IL-27 acts on NK cells": stated("ilkg:IL27", "actsOn", "CL:0000623"),
    "IL-27 is made by monocytes": stated("ilkg:IL27", "producedBy", "CL:0000576"),
    "IL-27 is made by fibroblasts": stated("ilkg:IL27", "producedBy", "CL:0000057"),
    "IL-27 is made by astrocytes": stated("ilkg:IL27", "producedBy", "CL:0000127"),
    "IL-12 is made by keratinocytes": stated("ilkg:IL12", "producedBy", "CL:0000312"),
    "IL-30 marks advanced prostate cancer": stated(
        "ilkg:IL27_p28", "implicatedIn", "MONDO:0008315", role="biomarker"
    ),
    "IL-35 marks prostate cancer": stated("ilkg:IL35", "implicatedIn", "MONDO:0008315", role="biomarker"),
}


@pytest.mark.parametrize("question", sorted(NEW_FACTS))
def test_new_fact(graph, question):
    assert graph.ask(NEW_FACTS[question]), question


MOUSE_ONLY = {
    "IL-4 dampening of macrophage inflammatory output": ("ilkg:IL4", "inhibits", "GO:0002532"),
    "p28 alone blocking IL-17": ("ilkg:IL27_p28", "inhibits", "GO:0032620"),
    "IL-3 from innate response activator B cells": ("ilkg:IL3", "producedBy", "CL:0000236"),
    "IL-21 from NKT cells": ("ilkg:IL21", "producedBy", "CL:0000814"),
}


@pytest.mark.parametrize("fact", sorted(MOUSE_ONLY))
def test_mouse_only_evidence_is_marked(graph, fact):
    assert graph.ask(mouse_only(*MOUSE_ONLY[fact])), fact


def test_il23_in_crohn_disease_is_a_curated_pathogenic_link(graph):
    """A genetic-association study supports a pathogenic role; drug-target rows come only from the derivation."""
    assert graph.ask(stated("ilkg:IL23", "implicatedIn", "MONDO:0005011", role="pathogenic"))
    rows = graph.select(
        """SELECT ?id WHERE { ?st rdf:subject ilkg:IL23 ; rdf:predicate ilkg:implicatedIn ;
            rdf:object MONDO:0005011 ; ilkg:role "therapeutic-target" ; dcterms:source ?s .
            ?s dcterms:identifier ?id }"""
    )
    assert "PMID:17068223" not in {str(r["id"]) for r in rows}


def test_il12_from_neutrophils_has_a_human_source(graph):
    rows = graph.select(
        """SELECT ?id WHERE { ?st rdf:subject ilkg:IL12 ; rdf:predicate ilkg:producedBy ;
            rdf:object CL:0000775 ; dcterms:source ?s . ?s dcterms:identifier ?id }"""
    )
    assert "PMID:7843218" in {str(r["id"]) for r in rows}


def test_il3ra_is_not_placed_on_mast_cells(graph):
    assert not graph.ask("ASK { ilkg:IL3RA ilkg:receptorExpressedOn CL:0000097 }")


def test_il4_on_macrophages_is_not_cited_to_the_mouse_study(graph):
    rows = graph.select(
        """SELECT ?id WHERE { ?st rdf:subject ilkg:IL4 ; rdf:predicate ilkg:actsOn ;
            rdf:object CL:0000235 ; dcterms:source ?s . ?s dcterms:identifier ?id }"""
    )
    ids = {str(r["id"]) for r in rows}
    assert ids and "PMID:1613462" not in ids


@pytest.mark.parametrize(
    "il,part",
    [
        ("ilkg:IL5", "targets"),
        ("ilkg:IL27_p28", "targets"),
        ("ilkg:IL35", "producers"),
        ("ilkg:IL35", "targets"),
    ],
)
def test_sourced_gap(graph, il, part):
    assert graph.ask(f'ASK {{ ?g a ilkg:KnowledgeGap ; ilkg:about {il} ; ilkg:part "{part}" }}')


@pytest.mark.parametrize(
    "il,minimum",
    [
        ("IL2", 6),
        ("IL4", 6),
        ("IL7", 6),
        ("IL9", 6),
        ("IL12", 6),
        ("IL13", 6),
        ("IL15", 6),
        ("IL23", 6),
        ("IL27", 6),
        ("IL11", 4),
    ],
)
def test_producing_cell_types(graph, il, minimum):
    rows = graph.select(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ilkg:{il} ilkg:producedBy ?c }}")
    assert int(rows[0]["n"]) >= minimum


@pytest.mark.parametrize(
    "il,minimum",
    [("IL4", 6), ("IL7", 6), ("IL9", 6), ("IL12", 6), ("IL21", 6), ("IL23", 6), ("IL27", 6), ("IL11", 6)],
)
def test_target_cell_types(graph, il, minimum):
    rows = graph.select(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ilkg:{il} ilkg:actsOn ?c }}")
    assert int(rows[0]["n"]) >= minimum
