"""The years of the EU approvals of the JAK inhibitors' later indications, and the Union Register as a source."""

from __future__ import annotations

import pytest

from kg import queries
from kg.namespaces import source_iri


def ema_years(graph, index, drug: str) -> dict[str, str]:
    """Disease label -> year of every EMA approval of one medicine, as the bundled query lists them."""
    rows = graph.select(queries.get("approvals-by-agency").bind({"agency": "EMA"}, index))
    return {str(r["diseaseLabel"]): str(r["year"] or "") for r in rows if r["drugLabel"] == drug}


def test_upadacitinib_eu_indications_are_dated(graph, index):
    years = ema_years(graph, index, "upadacitinib")
    assert years == {
        "rheumatoid arthritis": "2019",
        "psoriatic arthritis": "2021",
        "ankylosing spondylitis": "2021",
        "atopic eczema": "2021",
        "ulcerative colitis": "2022",
        "spondyloarthropathy": "2022",
        "Crohn disease": "2023",
        "temporal arteritis": "2025",
    }


def test_tofacitinib_ankylosing_spondylitis_came_to_the_eu_in_2021(graph, index):
    years = ema_years(graph, index, "tofacitinib")
    assert years["ankylosing spondylitis"] == "2021"
    assert all(years.values()), years


def test_baricitinib_eu_dermatology_approvals_are_dated_only_where_a_source_bounds_the_year(graph, index):
    # alopecia areata: CHMP opinion in May 2022 and the approval noted in September 2022;
    # atopic dermatitis: the opinion (September 2020) was seen, the Commission's decision was not
    years = ema_years(graph, index, "baricitinib")
    assert years["rheumatoid arthritis"] == "2017"
    assert years["alopecia areata"] == "2022"
    assert years["atopic eczema"] == ""


def test_eu_approvals_since_2022_include_the_new_upadacitinib_indications(graph, index):
    rows = graph.select(
        queries.get("approved-since").bind(
            {"agency": "EMA", "disease": "Crohn disease", "since": "2023"}, index
        )
    )
    assert "upadacitinib" in {str(r["drugLabel"]) for r in rows}


def test_a_union_register_document_is_a_source_with_its_address():
    assert source_iri("ECRegister:2021/20210122150644/anx_150644_es.pdf") == (
        "https://ec.europa.eu/health/documents/community-register/2021/20210122150644/anx_150644_es.pdf"
    )
    with pytest.raises(ValueError, match="malformed"):
        source_iri("ECRegister:rinvoq")


def test_the_psoriatic_arthritis_approval_cites_the_union_register(graph):
    assert graph.ask(
        "ASK { ?st rdf:subject ilkg:upadacitinib ; rdf:predicate ilkg:indicatedFor ; "
        "rdf:object obo:MONDO_0011849 ; ilkg:agency 'EMA' ; dcterms:source "
        "<https://ec.europa.eu/health/documents/community-register/2021/20210122150644/anx_150644_es.pdf> }"
    )
