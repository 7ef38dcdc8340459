"""Known facts that the bundled graph must state: a wrong or lost fact fails here."""

from __future__ import annotations

import pytest

ASKS = {
    "IL-17A is produced by T-helper 17 cells": "ASK { ilkg:IL17A ilkg:producedBy CL:0000899 }",
    "IL-10 inhibits the inflammatory response": "ASK { ilkg:IL10 ilkg:inhibits GO:0006954 }",
    "IL-1 beta promotes fever": "ASK { ilkg:IL1B ilkg:promotes ?f . VALUES ?f { GO:0001660 HP:0001945 } }",
    "IL-6 promotes fever": "ASK { ilkg:IL6 ilkg:promotes ?f . VALUES ?f { GO:0001660 HP:0001945 } }",
    "IL-2 binds IL2RA": "ASK { ilkg:IL2 ilkg:bindsReceptor ilkg:IL2RA }",
    "IL-2 binds IL2RB": "ASK { ilkg:IL2 ilkg:bindsReceptor ilkg:IL2RB }",
    "IL-2 binds IL2RG": "ASK { ilkg:IL2 ilkg:bindsReceptor ilkg:IL2RG }",
    "IL-1Ra antagonises IL-1 beta": "ASK { ilkg:IL1RN ilkg:antagonises ilkg:IL1B }",
    "tocilizumab is indicated for rheumatoid arthritis": "ASK { ilkg:tocilizumab ilkg:indicatedFor MONDO:0008383 }",
    "tocilizumab blocks IL-6R": """ASK { ilkg:tocilizumab ilkg:targets ilkg:IL6R .
        ?st rdf:subject ilkg:tocilizumab ; rdf:predicate ilkg:targets ; rdf:object ilkg:IL6R ;
            ilkg:action "receptor-blocking" }""",
    "secukinumab neutralises IL-17A": "ASK { ilkg:secukinumab ilkg:targets ilkg:IL17A }",
    "canakinumab neutralises IL-1 beta": "ASK { ilkg:canakinumab ilkg:targets ilkg:IL1B }",
    "dupilumab blocks IL-4R alpha": "ASK { ilkg:dupilumab ilkg:targets ilkg:IL4R }",
    "anakinra is a recombinant IL-1Ra": "ASK { ilkg:anakinra ilkg:recombinantFormOf ilkg:IL1RN }",
    "aldesleukin is a recombinant IL-2": "ASK { ilkg:aldesleukin ilkg:recombinantFormOf ilkg:IL2 }",
    "aldesleukin causes hypotension": "ASK { ilkg:aldesleukin ilkg:hasAdverseEffect HP:0002615 }",
    "IL-6 is implicated in rheumatoid arthritis": "ASK { ilkg:IL6 ilkg:implicatedIn MONDO:0008383 }",
    "IL-17A is implicated in psoriasis": "ASK { ilkg:IL17A ilkg:implicatedIn MONDO:0005083 }",
    "IL-4 is implicated in asthma": "ASK { ilkg:IL4 ilkg:implicatedIn MONDO:0004979 }",
}


@pytest.mark.parametrize("question", sorted(ASKS))
def test_known_fact(graph, question):
    assert graph.ask(ASKS[question]), question


def test_high_dose_il2_adverse_effects(graph):
    rows = graph.select(
        "SELECT ?label WHERE { ilkg:aldesleukin ilkg:hasAdverseEffect ?ae . ?ae rdfs:label ?label }"
    )
    labels = {r["label"].lower() for r in rows}
    for expected in ("hypotension", "fever", "chills", "nausea", "vomiting", "edema"):
        assert expected in labels, expected
    assert any("capillary leak" in label for label in labels)


def test_required_diseases_are_linked(graph):
    rows = graph.select(
        "SELECT DISTINCT ?label WHERE { ?il ilkg:implicatedIn ?d . ?il a ilkg:Interleukin . ?d rdfs:label ?label }"
    )
    labels = {r["label"] for r in rows}
    for disease in (
        "rheumatoid arthritis",
        "Crohn disease",
        "systemic lupus erythematosus",
        "multiple sclerosis",
        "psoriasis",
        "asthma",
    ):
        assert disease in labels or any(disease in label for label in labels), disease


def test_every_relation_has_a_source(graph):
    from kg.schema import RELATIONS

    relations = " ".join(f"ilkg:{name}" for name in RELATIONS)
    unsourced = graph.select(
        f"""SELECT ?s ?p ?o WHERE {{
             VALUES ?p {{ {relations} }}
             ?s ?p ?o .
             FILTER NOT EXISTS {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; dcterms:source ?src }}
           }}"""
    )
    assert unsourced == []
    assert graph.ask("ASK { ?s ilkg:producedBy ?o }")


def test_every_gap_has_a_source(graph):
    assert (
        graph.select(
            "SELECT ?g WHERE { ?g a ilkg:KnowledgeGap . FILTER NOT EXISTS { ?g dcterms:source ?s } }"
        )
        == []
    )


def test_hierarchy_finds_subtypes_offline(graph):
    """'Interleukins produced by any kind of T cell' reaches T-helper 17 cells through the CL slice."""
    rows = graph.select(
        "SELECT DISTINCT ?il WHERE { ?il ilkg:producedBy ?cell . ?cell rdfs:subClassOf* CL:0000084 }"
    )
    assert "https://w3id.org/ilkg/IL17A" in {r["il"] for r in rows}
