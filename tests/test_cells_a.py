"""Producing and target cells of IL-1 alpha, IL-1Ra, IL-36Ra, IL-37, IL-38, IL-16, IL-19 and IL-40
(issue 10, point 1): a lost or mistyped fact fails here."""

from __future__ import annotations

import pytest

ASKS = {
    # IL-1 family
    "IL-1 alpha is made by endothelial cells": "ASK { ilkg:IL1A ilkg:producedBy CL:0000115 }",
    "IL-1 alpha is made by neutrophils": "ASK { ilkg:IL1A ilkg:producedBy CL:0000775 }",
    "IL-1 alpha is made by fibroblasts": "ASK { ilkg:IL1A ilkg:producedBy CL:0000057 }",
    "IL-1Ra acts on naive CD4 T cells": "ASK { ilkg:IL1RN ilkg:actsOn CL:0000895 }",
    "IL-1Ra acts on PBMC": "ASK { ilkg:IL1RN ilkg:actsOn CL:2000001 }",
    "IL-36Ra acts on PBMC": "ASK { ilkg:IL36RN ilkg:actsOn CL:2000001 }",
    "IL-37 is made by macrophages": "ASK { ilkg:IL37 ilkg:producedBy CL:0000235 }",
    "IL-37 is made by effector memory CD4 T cells": "ASK { ilkg:IL37 ilkg:producedBy CL:0000905 }",
    "IL-37 acts on epithelial cells": "ASK { ilkg:IL37 ilkg:actsOn CL:0000066 }",
    # IL-10 family
    "IL-19 acts on endothelial cells": "ASK { ilkg:IL19 ilkg:actsOn CL:0000115 }",
    "IL-19 is made by endothelial cells": "ASK { ilkg:IL19 ilkg:producedBy CL:0000115 }",
    "IL-19 promotes angiogenesis": "ASK { ilkg:IL19 ilkg:promotes GO:0001525 }",
    # no shared family
    "IL-16 acts on dendritic cells": "ASK { ilkg:IL16 ilkg:actsOn CL:0000451 }",
    "IL-40 is made by synovial cells": "ASK { ilkg:C17orf99 ilkg:producedBy CL:0000214 }",
    "IL-40 producers beyond B cells are a documented gap": """ASK {
        ?g a ilkg:KnowledgeGap ; ilkg:about ilkg:C17orf99 ; ilkg:part "producers" }""",
    "IL-40 target cells are a documented gap": """ASK {
        ?g a ilkg:KnowledgeGap ; ilkg:about ilkg:C17orf99 ; ilkg:part "targets" }""",
}


@pytest.mark.parametrize("question", sorted(ASKS))
def test_known_cell(graph, question):
    assert graph.ask(ASKS[question]), question


@pytest.mark.parametrize(
    ("il", "cell"),
    [("IL1F10", "CL:0000581"), ("IL36RN", "CL:0000125")],
)
def test_animal_only_cell_facts_say_so(graph, il, cell):
    """IL-38 from mouse macrophages and IL-36Ra on rodent glia were shown only in animals."""
    assert graph.ask(
        f"""ASK {{ ?st rdf:subject ilkg:{il} ; rdf:object {cell} ; ilkg:organism ?o .
                   FILTER(?o IN ("mouse", "rodent")) }}"""
    )


@pytest.mark.parametrize(("il", "predicate", "least"), [("IL1A", "producedBy", 6), ("IL1A", "actsOn", 6)])
def test_il1a_cell_minimums(graph, il, predicate, least):
    rows = graph.select(f"SELECT DISTINCT ?c WHERE {{ ilkg:{il} ilkg:{predicate} ?c }}")
    assert len(rows) >= least


@pytest.mark.parametrize(
    ("il", "predicate"),
    [("IL37", "producedBy"), ("IL37", "actsOn"), ("IL1RN", "actsOn"), ("IL16", "actsOn"), ("IL19", "actsOn")],
)
def test_four_cell_types(graph, il, predicate):
    rows = graph.select(f"SELECT DISTINCT ?c WHERE {{ ilkg:{il} ilkg:{predicate} ?c }}")
    assert len(rows) >= 4, il
