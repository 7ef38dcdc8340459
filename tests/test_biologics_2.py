"""More interleukin medicines and approvals: ustekinumab biosimilars, Chinese IL-11, dated later indications."""

from __future__ import annotations

import pytest
from conftest import run

ILKG = "https://w3id.org/ilkg/"


def approvals(graph, drug: str) -> set[tuple[str, str, str | None, str | None]]:
    """(disease label, agency, year, status) of every approval of one medicine."""
    rows = graph.select(
        "SELECT ?label ?agency ?year ?status WHERE { ?st rdf:subject ilkg:" + drug + " ; "
        "rdf:predicate ilkg:indicatedFor ; rdf:object ?d ; ilkg:agency ?agency . ?d rdfs:label ?label . "
        "OPTIONAL { ?st ilkg:year ?year } OPTIONAL { ?st ilkg:status ?status } }"
    )
    return {(r["label"], r["agency"], r["year"], r["status"]) for r in rows}


def adverse_effects(graph, drug: str) -> set[str]:
    rows = graph.select(
        "SELECT ?label WHERE { ?st rdf:subject ilkg:" + drug + " ; rdf:predicate ilkg:hasAdverseEffect ; "
        "rdf:object ?ae . ?ae rdfs:label ?label }"
    )
    return {r["label"] for r in rows}


USTEKINUMAB_INDICATIONS = {"psoriasis", "psoriatic arthritis", "Crohn disease", "ulcerative colitis"}


@pytest.mark.parametrize("drug", ["otulfi", "imuldosa", "steqeyma", "yesintek", "pyzchiva"])
def test_ustekinumab_biosimilars_approved_by_fda_in_2024(graph, drug):
    assert {(d, "FDA", "2024", None) for d in USTEKINUMAB_INDICATIONS} <= approvals(graph, drug)
    reference = graph.select("SELECT ?r WHERE { ilkg:" + drug + " ilkg:biosimilarOf ?r }")
    assert [r["r"] for r in reference] == [ILKG + "ustekinumab"]


def test_selarsdi_gained_crohn_and_colitis_in_2024(graph):
    assert {("Crohn disease", "FDA", "2024", None), ("ulcerative colitis", "FDA", "2024", None)} <= approvals(
        graph, "selarsdi"
    )


def test_biosimilar_labels_carry_the_reference_warnings(graph):
    warnings = {"Severe infection", "cancer", "Immunologic hypersensitivity", "Posterior leukoencephalopathy"}
    assert warnings | {"pneumonitis", "Tuberculosis infection"} <= adverse_effects(graph, "selarsdi")
    assert warnings | {"nasopharyngitis", "Headache"} <= adverse_effects(graph, "pyzchiva")
    assert {"nasopharyngitis", "Respiratory tract infection", "Headache", "Fatigue"} <= adverse_effects(
        graph, "otulfi"
    )


def test_recombinant_il11_is_approved_in_china(graph, index):
    rows = run(graph, index, "approvals-by-agency", agency="NMPA")
    il11 = {r["drugLabel"] for r in rows if r["diseaseLabel"] == "acquired thrombocytopenia"}
    assert il11 == {"Juheli", "Baijieyi"}
    forms = graph.select("SELECT ?t WHERE { ?t ilkg:recombinantFormOf ilkg:IL11 }")
    assert {r["t"].removeprefix(ILKG) for r in forms} == {"oprelvekin", "juheli", "baijieyi"}


def test_oprelvekin_is_no_longer_marketed_in_the_us(graph, index):
    assert approvals(graph, "oprelvekin") == {("acquired thrombocytopenia", "FDA", "1997", "not-marketed")}
    statuses = {r["drugLabel"]: r["status"] for r in run(graph, index, "approvals-by-agency", agency="FDA")}
    assert statuses["oprelvekin"] == "not-marketed"


def test_show_lists_the_status_of_an_approval(invoke):
    out = invoke("show", "oprelvekin", catch=False).stdout
    assert "acquired thrombocytopenia  [MONDO:0001198]  1997  (not-marketed)" in out


def test_show_gives_the_year_a_chinese_il11_was_approved_by(invoke):
    out = invoke("show", "Juheli", catch=False).stdout
    assert "acquired thrombocytopenia  [MONDO:0001198]  by 2007" in out


TOCILIZUMAB_FDA = {
    ("systemic-onset juvenile idiopathic arthritis", "2011"),
    ("polyarticular juvenile idiopathic arthritis", "2013"),
    ("temporal arteritis", "2017"),
    ("cytokine release syndrome", "2017"),
    ("pulmonary systemic sclerosis", "2021"),
    ("COVID-19", "2022"),
}


def test_later_fda_indications_of_tocilizumab_are_dated(graph):
    dated = {(d, y) for d, agency, y, _ in approvals(graph, "tocilizumab") if agency == "FDA"}
    assert TOCILIZUMAB_FDA <= dated
    assert all(y is not None for _, y in dated)


@pytest.mark.parametrize(
    ("drug", "disease", "agency", "year"),
    [
        ("dupilumab", "asthma", "FDA", "2018"),
        ("dupilumab", "chronic obstructive pulmonary disease", "FDA", "2024"),
        ("dupilumab", "chronic obstructive pulmonary disease", "EMA", "2024"),
        ("dupilumab", "bullous pemphigoid", "FDA", "2025"),
        ("dupilumab", "chronic idiopathic urticaria", "FDA", "2025"),
        ("mepolizumab", "hypereosinophilic syndrome", "FDA", "2020"),
        ("mepolizumab", "chronic rhinosinusitis", "FDA", "2021"),
        ("ixekizumab", "psoriatic arthritis", "FDA", "2017"),
        ("ixekizumab", "spondyloarthropathy", "FDA", "2020"),
        ("bimekizumab", "psoriatic arthritis", "FDA", "2024"),
        ("bimekizumab", "psoriatic arthritis", "EMA", "2023"),
        ("aldesleukin", "metastatic melanoma", "FDA", "1998"),
        ("sarilumab", "polyarticular juvenile idiopathic arthritis", "FDA", "2024"),
    ],
)
def test_later_indications_carry_their_year(graph, drug, disease, agency, year):
    assert (disease, agency, year, None) in approvals(graph, drug)


def test_copd_was_first_approved_in_the_eu(graph, index):
    rows = run(graph, index, "approvals-for-disease", disease="chronic obstructive pulmonary disease")
    dupilumab = {(r["agency"], r["year"]) for r in rows if r["drugLabel"] == "dupilumab"}
    assert dupilumab == {("EMA", "2024"), ("FDA", "2024")}


def test_trial_and_label_adverse_effects_of_non_us_medicines(graph):
    assert {"Conjunctivitis", "Keratitis", "Immunologic hypersensitivity"} <= adverse_effects(
        graph, "stapokibart"
    )
    assert {"Hypercholesterolemia", "Hypertriglyceridemia", "Hyperbilirubinemia"} <= adverse_effects(
        graph, "levilimab"
    )


@pytest.mark.parametrize(
    ("drug", "year", "diseases"),
    [
        (
            "tyenne",
            "2023",
            {"rheumatoid arthritis", "temporal arteritis", "cytokine release syndrome", "COVID-19"},
        ),
        (
            "tofidence",
            "2024",
            {"rheumatoid arthritis", "polyarticular juvenile idiopathic arthritis", "COVID-19"},
        ),
        ("steqeyma", "2024", {"Crohn disease", "psoriasis", "psoriatic arthritis"}),
        ("wezlana", "2024", {"Crohn disease", "psoriasis", "psoriatic arthritis"}),
        ("otulfi", "2024", {"Crohn disease", "psoriasis", "psoriatic arthritis"}),
        ("imuldosa", "2024", {"Crohn disease", "psoriasis", "psoriatic arthritis"}),
        ("avtozma", "2025", {"rheumatoid arthritis", "temporal arteritis"}),
    ],
)
def test_biosimilars_authorised_in_the_eu(graph, drug, year, diseases):
    assert {(d, "EMA", year, None) for d in diseases} <= approvals(graph, drug)


def test_starjemza_is_the_2025_ustekinumab_biosimilar(graph, index):
    assert {(d, "FDA", "2025", None) for d in USTEKINUMAB_INDICATIONS} <= approvals(graph, "starjemza")
    rows = run(graph, index, "approved-since", agency="FDA", disease="ulcerative colitis", since="2025")
    assert "Starjemza" in {r["drugLabel"] for r in rows}
