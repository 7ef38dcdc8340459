"""Adverse effects that cited only consumer drug guides now cite the medicine's own label."""

from __future__ import annotations

import pytest

from kg import queries

IMULDOSA_LABEL = "DailyMed:2539a6cf-0fe5-1565-e063-6294a90a3618"
PYZCHIVA_LABEL = "https://ndclist.com/ndc/83457-654/label"
ANZUPGO_EU_LABEL = "https://rxreasoner.com/monographs/anzupgo/precautions"


def effects(graph, index, drug: str) -> dict[str, tuple[str | None, set[str]]]:
    """Effect label -> (severity, sources) for one medicine, through the bundled query."""
    rows = graph.select(queries.get("adverse-effects-of-drug").bind({"drug": drug}, index))
    return {
        str(r["effectLabel"]): (r["severity"] and str(r["severity"]), set(str(r["sources"]).split("|")))
        for r in rows
    }


@pytest.mark.parametrize(
    "effect",
    [
        "Headache",
        "Fatigue",
        "Respiratory tract infection",
        "nasopharyngitis",
        "Severe infection",
        "Tuberculosis infection",
        "Immunologic hypersensitivity",
        "cancer",
        "pneumonitis",
    ],
)
def test_imuldosa_reactions_cite_its_own_us_label(graph, index, effect):
    assert IMULDOSA_LABEL in effects(graph, index, "Imuldosa")[effect][1]


@pytest.mark.parametrize(
    "warning",
    [
        "Posterior leukoencephalopathy",
        "Immunologic hypersensitivity",
        "Tuberculosis infection",
        "cancer",
        "pneumonitis",
    ],
)
def test_pyzchiva_warnings_cite_its_us_label(graph, index, warning):
    severity, sources = effects(graph, index, "Pyzchiva")[warning]
    assert severity == "serious"
    assert PYZCHIVA_LABEL in sources


def test_delgocitinib_skin_cancer_warning_cites_the_eu_product_information(graph, index):
    found = effects(graph, index, "delgocitinib")
    assert ANZUPGO_EU_LABEL in found["skin basal cell carcinoma"][1]
    assert ANZUPGO_EU_LABEL in found["skin carcinoma"][1]


def test_no_warning_of_these_medicines_rests_on_a_patient_community_page_alone(graph, index):
    for drug in ("Imuldosa", "Pyzchiva"):
        for effect, (severity, sources) in effects(graph, index, drug).items():
            if severity and effect != "Posterior leukoencephalopathy":
                assert not all("team.com" in s for s in sources), (drug, effect)
