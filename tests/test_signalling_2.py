"""The signalling layer filled in for the IL-1, IL-17 and IL-20 families, IL-11, IL-31, IL-34 and IL-37."""

from __future__ import annotations

import pytest
from conftest import run


def signalling(graph, index, il: str) -> dict[str, dict[str, str]]:
    """Relation -> {protein label: the animal it is shown only in, or ''}."""
    out: dict[str, dict[str, str]] = {}
    for row in run(graph, index, "signalling-of", il=il):
        out.setdefault(str(row["relation"]), {})[str(row["proteinLabel"])] = str(row["onlyIn"])
    return out


NF_KB = {"NF-kappa-B p50", "NF-kappa-B p65"}

PINNED = [
    ("IL-25", {"Act1"}, NF_KB),
    ("IL-17B", {"Act1"}, NF_KB),  # IL-17B uses the IL-25 receptor (IL-17RA with IL-17RB)
    ("IL-17C", {"Act1"}, NF_KB),
    ("IL-18", {"MYD88", "IRAK4"}, NF_KB),
    ("IL-36 alpha", {"MYD88"}, NF_KB),
    ("IL-36 gamma", {"MYD88"}, NF_KB),
    ("IL-11", {"JAK1", "JAK2", "TYK2"}, {"STAT3"}),
    ("IL-31", {"JAK1"}, {"STAT3"}),
    ("IL-20", {"JAK1"}, {"STAT1", "STAT3"}),
    ("IL-24", {"JAK1"}, {"STAT3"}),
    ("IL-37", set(), {"STAT3"}),
    ("IL-34", set(), {"STAT3", "STAT5A", "STAT5B"}),
]


@pytest.mark.parametrize(("il", "adaptors", "factors"), PINNED, ids=[p[0] for p in PINNED])
def test_pinned_signalling(graph, index, il, adaptors, factors):
    found = signalling(graph, index, il)
    assert adaptors <= set(found.get("signalsThrough", {}))
    assert factors <= set(found.get("activates", {}))


def test_mouse_only_steps_say_so_and_human_ones_do_not(graph, index):
    il18 = signalling(graph, index, "IL-18")["signalsThrough"]
    assert il18["IRAK4"] == "mouse" and il18["MYD88"] == ""
    assert signalling(graph, index, "IL-17C")["signalsThrough"]["Act1"] == "mouse"
    il25 = signalling(graph, index, "IL-25")
    assert il25["signalsThrough"]["Act1"] == ""  # human ACT1-deficient T cells do not answer IL-25
    assert il25["activates"]["STAT5A"] == "mouse"


def test_act1_answers_the_whole_il17_family_with_a_receptor(graph, index):
    ils = {r["ilLabel"] for r in run(graph, index, "interleukins-signalling-through", protein="TRAF3IP2")}
    assert {"IL-17A", "IL-17F", "IL-25", "IL-17B", "IL-17C"} <= ils


def test_il37_is_not_said_to_switch_on_nf_kb(graph, index):
    # IL-37 damps NF-kappa-B (relation suppresses), so NF-kappa-B must not appear as activation
    assert not NF_KB & set(signalling(graph, index, "IL-37").get("activates", {}))


def test_il34_signals_through_its_receptor_kinase_not_a_jak(graph, index):
    found = signalling(graph, index, "IL-34")
    assert "signalsThrough" not in found


@pytest.mark.parametrize("receptor", ["ilkg:IL35R_complex", "ilkg:IL12RB2", "ilkg:IL6ST"])
def test_il35_receptor_binding_rests_on_mouse_evidence(graph, receptor):
    rows = graph.select(
        "SELECT ?animal WHERE { ?st rdf:subject ilkg:IL35 ; rdf:predicate ilkg:bindsReceptor ; "
        f"rdf:object {receptor} ; ilkg:organism ?animal }}"
    )
    assert [str(r["animal"]) for r in rows] == ["mouse"]


def test_il35_converting_human_t_cells_is_not_mouse_only(graph):
    rows = graph.select(
        "SELECT ?animal WHERE { ?st rdf:subject ilkg:IL35 ; rdf:predicate ilkg:promotes ; "
        "rdf:object GO:0045066 . OPTIONAL { ?st ilkg:organism ?animal } }"
    )
    assert len(rows) == 1 and rows[0]["animal"] is None
