"""Known cells and diseases from reviews (issue 10, points 1 and 3) for the IL-1, IL-17 and IL-10
families, the IFN-lambdas and the interleukins of no family: a lost or mistyped fact fails here."""

from __future__ import annotations

import pytest

ASKS = {
    # IL-1 family
    "IL-1 alpha promotes fever": "ASK { ilkg:IL1A ilkg:promotes ?f . VALUES ?f { GO:0001660 HP:0001945 } }",
    "IL-1 alpha is made by epithelial cells": "ASK { ilkg:IL1A ilkg:producedBy CL:0000066 }",
    "IL-1 alpha is pathogenic in systemic sclerosis": """ASK {
        ?st rdf:subject ilkg:IL1A ; rdf:predicate ilkg:implicatedIn ; rdf:object MONDO:0005100 ;
            ilkg:role "pathogenic" }""",
    "IL-1 beta acts on endothelial cells": "ASK { ilkg:IL1B ilkg:actsOn CL:0000115 }",
    "IL-18 is made by Kupffer cells": "ASK { ilkg:IL18 ilkg:producedBy CL:0000091 }",
    "IL-18 is pathogenic in adult-onset Still disease": """ASK {
        ?st rdf:subject ilkg:IL18 ; rdf:predicate ilkg:implicatedIn ; rdf:object MONDO:0019355 ;
            ilkg:role "pathogenic" }""",
    "IL-1Ra is made by neutrophils": "ASK { ilkg:IL1RN ilkg:producedBy CL:0000775 }",
    "IL-36 gamma acts on synoviocytes": "ASK { ilkg:IL36G ilkg:actsOn CL:0000214 }",
    "IL-37 is a biomarker of systemic lupus erythematosus": "ASK { ilkg:IL37 ilkg:implicatedIn MONDO:0007915 }",
    # IL-17 family
    "IL-17A is made by mast cells": "ASK { ilkg:IL17A ilkg:producedBy CL:0000097 }",
    "IL-17F is made by MAIT cells": "ASK { ilkg:IL17F ilkg:producedBy CL:0000940 }",
    "IL-17F acts on bronchial epithelial cells": "ASK { ilkg:IL17F ilkg:actsOn CL:0002328 }",
    "IL-17F is pathogenic in hidradenitis suppurativa": """ASK {
        ?st rdf:subject ilkg:IL17F ; rdf:predicate ilkg:implicatedIn ; rdf:object MONDO:0006559 ;
            ilkg:role "pathogenic" }""",
    "IL-17C acts on Th17 cells": "ASK { ilkg:IL17C ilkg:actsOn CL:0000899 }",
    "IL-25 acts on eosinophils": "ASK { ilkg:IL25 ilkg:actsOn CL:0000771 }",
    # IL-10 family
    "IL-22 is made by NK cells": "ASK { ilkg:IL22 ilkg:producedBy CL:0000623 }",
    "IL-22 acts on pancreatic acinar cells": "ASK { ilkg:IL22 ilkg:actsOn CL:0002064 }",
    "IL-20 acts on epithelial cells": "ASK { ilkg:IL20 ilkg:actsOn CL:0000066 }",
    # IFN-lambdas
    "IL-29 is made by epithelial cells": "ASK { ilkg:IFNL1 ilkg:producedBy CL:0000066 }",
    "IL-28A acts on neutrophils": "ASK { ilkg:IFNL2 ilkg:actsOn CL:0000775 }",
    "IL-28B acts on dendritic cells": "ASK { ilkg:IFNL3 ilkg:actsOn CL:0000451 }",
    "IL-29 is made by hepatocytes": "ASK { ilkg:IFNL1 ilkg:producedBy CL:0000182 }",
    # no shared family
    "IL-34 acts on regulatory T cells": "ASK { ilkg:IL34 ilkg:actsOn CL:0000815 }",
    "IL-34 acts on dendritic cells": "ASK { ilkg:IL34 ilkg:actsOn CL:0000451 }",
    "IL-8 acts on endothelial cells": "ASK { ilkg:CXCL8 ilkg:actsOn CL:0000115 }",
    "IL-16 is made by dendritic cells": "ASK { ilkg:IL16 ilkg:producedBy CL:0000451 }",
    "IL-38 is a biomarker of systemic lupus erythematosus": """ASK {
        ?st rdf:subject ilkg:IL1F10 ; rdf:predicate ilkg:implicatedIn ; rdf:object MONDO:0007915 ;
            ilkg:role "biomarker" }""",
}


@pytest.mark.parametrize("question", sorted(ASKS))
def test_known_cell_or_disease(graph, question):
    assert graph.ask(ASKS[question]), question


def test_il38_lupus_protection_is_marked_as_mouse(graph):
    """The protective role of IL-38 in lupus was shown only in mice, and the statement says so."""
    assert graph.ask(
        """ASK { ?st rdf:subject ilkg:IL1F10 ; rdf:predicate ilkg:implicatedIn ; rdf:object MONDO:0007915 ;
                     ilkg:role "protective" ; ilkg:organism "mouse" }"""
    )


@pytest.mark.parametrize("il", ["IL1B", "IL17A", "IL17F", "IL18", "IL22", "IL25", "IL33", "IL10"])
def test_six_producing_cell_types(graph, il):
    rows = graph.select(f"SELECT DISTINCT ?c WHERE {{ ilkg:{il} ilkg:producedBy ?c }}")
    assert len(rows) >= 6, il


@pytest.mark.parametrize("il", ["IL1B", "IL17A", "IL17F", "IL18", "IL22", "IL25", "IL33", "IL10"])
def test_six_target_cell_types(graph, il):
    rows = graph.select(f"SELECT DISTINCT ?c WHERE {{ ilkg:{il} ilkg:actsOn ?c }}")
    assert len(rows) >= 6, il
