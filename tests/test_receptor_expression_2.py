"""Known cell types carrying the shared and the last unplaced receptor chains (issue 10, point 2):
a lost or mistyped expression fact fails here."""

from __future__ import annotations

import pytest

EXPRESSED_ON = {
    "IL-10R beta is on keratinocytes": ("IL10RB", "CL:0000312"),
    "IL-10R beta is on hepatocytes": ("IL10RB", "CL:0000182"),
    "the common beta chain is on eosinophils": ("CSF2RB", "CL:0000771"),
    "the common beta chain is on umbilical vein endothelial cells": ("CSF2RB", "CL:0002618"),
    "the common gamma chain is on NK cells": ("IL2RG", "CL:0000623"),
    "the common gamma chain is on B cells": ("IL2RG", "CL:0000236"),
    "gp130 is on hepatocytes": ("IL6ST", "CL:0000182"),
    "IL-12R beta1 is on B cells": ("IL12RB1", "CL:0000236"),
    "IL-13R alpha1 is on smooth muscle cells": ("IL13RA1", "CL:0000192"),
    "IL-13R alpha2 is on bronchial epithelial cells": ("IL13RA2", "CL:0002328"),
    "IL-9R is on eosinophils": ("IL9R", "CL:0000771"),
    "IL-9R is on neutrophils": ("IL9R", "CL:0000775"),
    "the TSLP receptor chain is on mast cells": ("CRLF2", "CL:0000097"),
}


@pytest.mark.parametrize("question", sorted(EXPRESSED_ON))
def test_known_receptor_expression(graph, question):
    chain, cell = EXPRESSED_ON[question]
    assert graph.ask(f"ASK {{ ilkg:{chain} ilkg:receptorExpressedOn {cell} }}"), question


@pytest.mark.parametrize(
    ("chain", "cell"),
    [("CSF2RB", "CL:0000775"), ("IL1RAP", "CL:0000097"), ("IL1RAPL1", "CL:0010012")],
)
def test_mouse_only_expression_is_marked_as_mouse(graph, chain, cell):
    """Evidence from knockout or knock-down mice only: the statement says so."""
    assert graph.ask(
        f"""ASK {{ ?st rdf:subject ilkg:{chain} ; rdf:predicate ilkg:receptorExpressedOn ;
                      rdf:object {cell} ; ilkg:organism "mouse" }}"""
    )


@pytest.mark.parametrize("chain", ["CSF2RB", "IL10RB", "IL13RA1", "IL1RAP", "IL2RG", "IL12RB1", "IL6ST"])
def test_shared_chain_has_three_cell_types(graph, chain):
    rows = graph.select(f"SELECT DISTINCT ?c WHERE {{ ilkg:{chain} ilkg:receptorExpressedOn ?c }}")
    assert len(rows) >= 3, chain


def test_the_human_hepatocyte_is_not_a_mouse_fact(graph):
    """Human evidence keeps no organism qualifier."""
    assert not graph.ask(
        """ASK { ?st rdf:subject ilkg:IL10RB ; rdf:predicate ilkg:receptorExpressedOn ;
                     rdf:object CL:0000182 ; ilkg:organism ?any }"""
    )
