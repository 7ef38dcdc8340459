"""JAK and TYK2 inhibitors beyond the US: the other approved ones, and their approvals by agency and year."""

from __future__ import annotations

import pytest
from conftest import run


def approvals(graph, drug: str) -> set[tuple[str, str, str]]:
    """(agency, disease label, year or '') of every recorded approval of one medicine."""
    rows = graph.select(
        f"SELECT ?agency ?label ?year WHERE {{ ?st rdf:subject ilkg:{drug} ; rdf:predicate ilkg:indicatedFor ; "
        "rdf:object ?d ; ilkg:agency ?agency . ?d rdfs:label ?label . OPTIONAL { ?st ilkg:year ?year } }"
    )
    return {(str(r["agency"]), str(r["label"]), str(r["year"] or "")) for r in rows}


def kinases(graph, drug: str) -> set[str]:
    rows = graph.select(
        f"SELECT ?label WHERE {{ ?st rdf:subject ilkg:{drug} ; rdf:predicate ilkg:targets ; rdf:object ?k ; "
        "ilkg:action 'kinase-inhibitor' . ?k rdfs:label ?label }"
    )
    return {str(r["label"]) for r in rows}


NEW = ["filgotinib", "peficitinib", "deuruxolitinib", "delgocitinib", "golidocitinib"]


@pytest.mark.parametrize("drug", NEW)
def test_new_jak_inhibitors_are_approved_kinase_inhibitors(graph, drug):
    assert graph.ask(f"ASK {{ ilkg:{drug} a ilkg:Therapy , ilkg:KinaseInhibitor ; ilkg:status 'approved' }}")
    assert kinases(graph, drug), f"{drug} inhibits no recorded kinase"
    assert any(year for _, _, year in approvals(graph, drug)), f"{drug} has no dated approval"


def test_filgotinib_is_approved_by_ema_for_ulcerative_colitis(graph):
    found = approvals(graph, "filgotinib")
    assert ("EMA", "ulcerative colitis", "2021") in found
    assert ("EMA", "rheumatoid arthritis", "2020") in found
    assert ("PMDA", "ulcerative colitis", "2022") in found
    assert not any(agency == "FDA" for agency, _, _ in found)


def test_filgotinib_is_jak1_preferential(graph):
    assert kinases(graph, "filgotinib") == {"JAK1"}


def test_approvals_by_agency_ema_lists_the_jak_inhibitors(graph, index):
    rows = run(graph, index, "approvals-by-agency", agency="EMA")
    drugs = {str(r["drugLabel"]) for r in rows}
    assert {
        "baricitinib",
        "tofacitinib",
        "upadacitinib",
        "abrocitinib",
        "ruxolitinib",
        "fedratinib",
        "momelotinib",
        "ritlecitinib",
        "deucravacitinib",
        "filgotinib",
        "delgocitinib",
    } <= drugs
    assert "pacritinib" not in drugs and "deuruxolitinib" not in drugs


def test_first_approvals_outside_the_us(graph, index):
    first = {
        (r["drugLabel"], r["year"], r["agency"], r["diseaseLabel"])
        for r in run(graph, index, "first-approval")
    }
    assert ("peficitinib", "2019", "PMDA", "rheumatoid arthritis") in first
    assert ("delgocitinib", "2020", "PMDA", "atopic eczema") in first
    assert ("baricitinib", "2017", "EMA", "rheumatoid arthritis") in first
    assert ("tofacitinib", "2012", "FDA", "rheumatoid arthritis") in first
    assert not any(drug == "baricitinib" and year != "2017" for drug, year, _, _ in first)


def test_approved_in_china(graph, index):
    rows = run(graph, index, "approvals-by-agency", agency="NMPA")
    assert ("golidocitinib", "2024") in {(r["drugLabel"], r["year"]) for r in rows}


def test_later_fda_indications_carry_their_year(graph):
    assert ("FDA", "ulcerative colitis", "2018") in approvals(graph, "tofacitinib")
    assert ("FDA", "polyarticular juvenile idiopathic arthritis", "2020") in approvals(graph, "tofacitinib")
    upadacitinib = approvals(graph, "upadacitinib")
    assert {
        ("FDA", "psoriatic arthritis", "2021"),
        ("FDA", "ulcerative colitis", "2022"),
        ("FDA", "Crohn disease", "2023"),
        ("FDA", "temporal arteritis", "2025"),
    } <= upadacitinib
    assert not any(agency == "FDA" and not year for agency, _, year in upadacitinib)
    assert ("FDA", "acquired polycythemia vera", "2014") in approvals(graph, "ruxolitinib")
    assert ("FDA", "vitiligo", "2022") in approvals(graph, "ruxolitinib")


def test_deuruxolitinib_carries_the_jak_boxed_warning(graph):
    rows = graph.select(
        "SELECT ?label WHERE { ?st rdf:subject ilkg:deuruxolitinib ; rdf:predicate ilkg:hasAdverseEffect ; "
        "rdf:object ?o ; ilkg:severity 'boxed-warning' . ?o rdfs:label ?label }"
    )
    labels = {str(r["label"]) for r in rows}
    assert {"Severe infection", "Tuberculosis infection", "cancer", "myocardial infarction"} <= labels


def test_new_inhibitors_block_il6_signalling_at_the_kinase(graph, index):
    blockers = {
        (str(r["drugLabel"]), str(r["targetLabel"]))
        for r in run(graph, index, "signalling-blocked", il="IL-6")
    }
    assert {("filgotinib", "JAK1"), ("delgocitinib", "JAK2"), ("deuruxolitinib", "JAK2")} <= blockers


def test_kinase_inhibitors_derive_no_interleukin_target(graph):
    rows = graph.select(
        "SELECT ?st WHERE { ?st rdf:predicate ilkg:implicatedIn ; ilkg:role 'therapeutic-target' ; rdfs:comment ?c . "
        "FILTER(CONTAINS(?c, 'filgotinib') || CONTAINS(?c, 'delgocitinib')) }"
    )
    assert rows == []
