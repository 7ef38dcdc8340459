"""The signalling layer, fourth pass: STAT1, STAT5 and SOCS3 on the IL-31 receptor, NF-kappa-B p65 behind IL-17,
STAT1 on the type II IL-20 receptor, STAT4 behind IL-21 and STAT3 behind IL-12."""

from __future__ import annotations

from conftest import run, signalling

from kg.tables import edges

NF_KB = {"NF-kappa-B p50", "NF-kappa-B p65"}
JAK1_INHIBITORS = {"abrocitinib", "upadacitinib", "filgotinib", "baricitinib", "tofacitinib"}


def test_il31_activates_stat1_stat3_and_stat5(graph, index):
    found = signalling(graph, index, "IL-31")
    assert {"STAT1", "STAT3", "STAT5A", "STAT5B"} <= found["activates"]
    assert found["signalsThrough"] == {"JAK1"}


def test_il31_stat5_sits_on_its_il31ra_chain(graph, index):
    rows = {
        (str(r["receptorLabel"]), str(r["relation"]), str(r["proteinLabel"]), str(r["onlyIn"]))
        for r in run(graph, index, "signalling-of", il="IL-31")
    }
    assert {("IL31RA", "activates", "STAT5A", ""), ("IL31RA", "activates", "STAT5B", "")} <= rows
    assert ("IL-31 receptor", "activates", "STAT1", "") in rows


def test_socs3_damps_the_il31_receptor_as_well_as_il6(graph, index):
    assert "SOCS3" in signalling(graph, index, "IL-31")["negativelyRegulatedBy"]
    assert "SOCS3" in signalling(graph, index, "IL-6")["negativelyRegulatedBy"]


def test_il31_answers_which_interleukins_signal_through_stat5_and_stat1(graph, index):
    for stat in ("STAT5A", "STAT5B", "STAT1"):
        ils = {r["ilLabel"] for r in run(graph, index, "interleukins-signalling-through", protein=stat)}
        assert "IL-31" in ils, stat


def test_jak1_inhibitors_reach_il31_and_a_tyk2_inhibitor_does_not(graph, index):
    kinase_rows = [r for r in run(graph, index, "signalling-blocked", il="IL-31") if r["level"] == "kinase"]
    drugs = {str(r["drugLabel"]) for r in kinase_rows}
    assert JAK1_INHIBITORS <= drugs
    assert {str(r["targetLabel"]) for r in kinase_rows} == {"JAK1"}
    assert "deucravacitinib" not in drugs


def test_il17a_and_il17f_switch_on_both_nf_kb_subunits(graph, index):
    for il in ("IL-17A", "IL-17F"):
        found = signalling(graph, index, il)
        assert NF_KB <= found["activates"], il
        assert {"Act1", "TRAF6"} <= found["signalsThrough"], il


def test_both_il20_receptors_of_il24_activate_stat1_and_stat3(graph, index):
    rows = {
        (str(r["receptorLabel"]), str(r["proteinLabel"]))
        for r in run(graph, index, "signalling-of", il="IL-24")
        if r["relation"] == "activates"
    }
    for receptor in ("type I IL-20 receptor", "type II IL-20 receptor"):
        assert {(receptor, "STAT1"), (receptor, "STAT3")} <= rows, receptor


def test_il21_joins_il12_and_il23_among_the_interleukins_signalling_through_stat4(graph, index):
    rows = run(graph, index, "interleukins-signalling-through", protein="STAT4")
    only_in = {str(r["ilLabel"]): str(r["onlyIn"]) for r in rows}
    assert {"IL-12", "IL-23", "IL-21"} <= set(only_in)
    assert only_in["IL-21"] == ""


def test_il12_activates_stat3_besides_stat4(graph, index):
    assert {"STAT3", "STAT4"} <= signalling(graph, index, "IL-12")["activates"]


def test_every_fourth_pass_fact_carries_a_source_and_human_evidence(graph):
    new = {
        ("ilkg:IL31R_complex", "activates", "ilkg:STAT1"),
        ("ilkg:IL31RA", "activates", "ilkg:STAT5A"),
        ("ilkg:IL31RA", "activates", "ilkg:STAT5B"),
        ("ilkg:IL17R_complex", "activates", "ilkg:RELA"),
        ("ilkg:SOCS3", "negativelyRegulates", "ilkg:IL31R_complex"),
        ("ilkg:IL20R_type_II_complex", "activates", "ilkg:STAT1"),
        ("ilkg:IL21R_complex", "activates", "ilkg:STAT4"),
        ("ilkg:IL12R_complex", "activates", "ilkg:STAT3"),
    }
    found = {
        (e.subject, e.relation, e.object): e for e in edges(graph) if (e.subject, e.relation, e.object) in new
    }
    assert set(found) == new
    assert all(e.sources and "organism" not in e.qualifiers for e in found.values())
    assert "PMID:17449633" in found["ilkg:IL31R_complex", "activates", "ilkg:STAT1"].sources
    assert "PMCID:PMC4598987" in found["ilkg:SOCS3", "negativelyRegulates", "ilkg:IL31R_complex"].sources
