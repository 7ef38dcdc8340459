"""The signalling layer, third pass: IRAK1/TRAF6 behind IL-1 and IL-18, TYK2 on IL-10R beta, SOCS1 on IL-6, IL-37 suppressing NF-kappa-B."""

from __future__ import annotations

from conftest import run, signalling

from kg import schema
from kg.tables import BIOLINK_EDGE_SLOTS, edges

NF_KB = {"NF-kappa-B p50", "NF-kappa-B p65"}


def test_il18_and_il1_share_irak1_and_traf6(graph, index):
    for il in ("IL-18", "IL-1 beta"):
        assert {"IRAK1", "TRAF6", "MYD88"} <= signalling(graph, index, il)["signalsThrough"], il


def test_irak1_answers_the_il1_and_il18_receptors_only(graph, index):
    ils = {r["ilLabel"] for r in run(graph, index, "interleukins-signalling-through", protein="IRAK1")}
    assert ils == {"IL-1 alpha", "IL-1 beta", "IL-18"}


def test_socs1_and_socs3_damp_the_il6_receptor(graph, index):
    assert {"SOCS1", "SOCS3"} <= signalling(graph, index, "IL-6")["negativelyRegulatedBy"]


def test_il37_suppresses_nf_kb_and_never_activates_it(graph, index):
    found = signalling(graph, index, "IL-37")
    assert found["suppresses"] == NF_KB
    assert not NF_KB & found.get("activates", set())
    assert "STAT3" in found["activates"]


def test_a_suppressing_receptor_does_not_answer_which_interleukins_signal_through_nf_kb(graph, index):
    ils = {r["ilLabel"] for r in run(graph, index, "interleukins-signalling-through", protein="RELA")}
    assert "IL-37" not in ils and {"IL-1 beta", "IL-18"} <= ils


def test_suppression_is_not_a_route_for_a_blocker(graph, index):
    assert not [r for r in run(graph, index, "signalling-blocked", il="IL-37") if r["level"] == "kinase"]


def test_suppresses_is_a_sourced_relation_of_receptors_with_decreased_activity(graph):
    relation = schema.RELATIONS["suppresses"]
    assert relation.domain == ("Receptor",) and relation.range == ("TranscriptionFactor",)
    assert BIOLINK_EDGE_SLOTS["suppresses"]["object_direction_qualifier"] == "decreased"
    rows = [e for e in edges(graph) if e.relation == "suppresses"]
    assert {(e.subject, e.object) for e in rows} == {
        ("ilkg:IL37R_complex", "ilkg:NFKB1"),
        ("ilkg:IL37R_complex", "ilkg:RELA"),
    }
    assert all("PMID:25729923" in e.sources for e in rows)


def test_show_lists_suppression_from_both_sides(invoke):
    assert "suppresses NF-kappa-B p65  [ilkg:RELA]  via IL-37 receptor" in invoke("show", "IL-37").stdout
    assert "suppressedBy" in invoke("show", "RELA").stdout


def test_il26_reaches_tyk2_through_its_il10r_beta_chain(graph, index):
    rows = run(graph, index, "signalling-of", il="IL-26")
    assert ("IL-10R beta", "signalsThrough", "TYK2") in {
        (str(r["receptorLabel"]), str(r["relation"]), str(r["proteinLabel"])) for r in rows
    }
    ils = {r["ilLabel"] for r in run(graph, index, "interleukins-signalling-through", protein="TYK2")}
    assert {"IL-26", "IL-10", "IL-22"} <= ils


def test_a_tyk2_inhibitor_reaches_il26(graph, index):
    rows = {
        (str(r["drugLabel"]), str(r["level"]), str(r["targetLabel"]), str(r["receptorLabel"]))
        for r in run(graph, index, "signalling-blocked", il="IL-26")
    }
    assert ("deucravacitinib", "kinase", "TYK2", "IL-10R beta") in rows
