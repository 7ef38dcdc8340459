"""Adverse effects of interleukin medicines that had none or few: biosimilars, Russian and Chinese products."""

from __future__ import annotations

import pytest

from kg import queries


def effects(graph, index, drug: str) -> dict[str, tuple[str | None, str]]:
    """Effect label -> (severity, sources) for one medicine, through the bundled query."""
    rows = graph.select(queries.get("adverse-effects-of-drug").bind({"drug": drug}, index))
    return {str(r["effectLabel"]): (r["severity"] and str(r["severity"]), str(r["sources"])) for r in rows}


STEQEYMA_LABEL = "DailyMed:66085e17-e3f2-4196-8c81-87448e804b0c"


def test_steqeyma_carries_the_warnings_of_its_own_us_label(graph, index):
    found = effects(graph, index, "Steqeyma")
    for warning in ("Severe infection", "Immunologic hypersensitivity", "cancer"):
        assert found[warning] == ("serious", STEQEYMA_LABEL)
    assert {"Vomiting", "Headache", "Fatigue", "nasopharyngitis"} <= found.keys()


def test_starjemza_warns_of_allergy_and_serious_infections(graph, index):
    found = effects(graph, index, "Starjemza")
    serious = {"Immunologic hypersensitivity", "Pneumonia", "Cellulitis", "Sepsis", "Severe infection"}
    assert serious <= found.keys()
    assert found["Sepsis"][0] == "serious"


def test_olokizumab_safety_comes_from_the_pooled_phase_3_report(graph, index):
    found = effects(graph, index, "olokizumab")
    assert found["Intestinal perforation"] == ("serious", "DOI:10.1136/ard-2023-225473|PMID:38955475")
    assert {"Severe infection", "cancer"} <= found.keys()


@pytest.mark.parametrize(
    ("drug", "effect"),
    [
        ("picankibart", "Respiratory tract infection"),
        ("reslizumab", "Elevated circulating creatine kinase activity"),
        ("reslizumab", "Pharyngalgia"),
        ("peficitinib", "Severe infection"),
        ("basiliximab", "Capillary leak"),
        ("Juheli", "Atrial fibrillation"),
        ("Juheli", "Edema"),
    ],
)
def test_more_medicines_have_their_common_or_serious_reactions(graph, index, drug, effect):
    assert effect in effects(graph, index, drug)


def test_recombinant_il11_keeps_its_older_allergy_warning(graph, index):
    found = effects(graph, index, "Juheli")
    assert found["Immunologic hypersensitivity"][0] == "serious"
    assert len(found) >= 10
