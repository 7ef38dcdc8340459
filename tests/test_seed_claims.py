"""The claims the project started from, each answered by sourced facts (or corrected by them)."""

from __future__ import annotations

import pytest

from kg.queries import get

IL = "https://w3id.org/ilkg/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("promoting-pain", {"IL1B", "IL6", "IL17A", "IL33"}),
        ("promoting-fever", {"IL1B", "IL6"}),
        ("promoting-inflammation", {"IL1B", "IL17A"}),
        ("promoting-allergy", {"IL4", "IL13", "IL33"}),
        ("promoting-regeneration", {"IL22", "IL6", "IL4"}),
    ],
)
def test_interleukins_trigger_pain_fever_inflammation_allergy_and_regeneration(graph, query, expected):
    rows = graph.select(get(query).text)
    found = {str(r["il"]).removeprefix(IL) for r in rows}
    assert expected <= found


def test_the_definition_says_made_on_demand_with_sourced_exceptions(graph):
    definition = graph.select("SELECT ?d WHERE { ilkg:Interleukin skos:definition ?d }")[0]["d"]
    assert "white blood cells" in definition and "IL-33" in definition
    assert graph.ask("ASK { ilkg:Interleukin dcterms:source <https://pubmed.ncbi.nlm.nih.gov/26784265/> }")


def test_regulatory_t_cells_make_il10_and_il35(graph):
    rows = graph.select("SELECT ?il WHERE { ?il ilkg:producedBy CL:0000815 }")
    assert {f"{IL}IL10", f"{IL}IL35"} <= {str(r["il"]) for r in rows}


def test_il35_stops_t_cell_proliferation(graph):
    assert graph.ask("ASK { ilkg:IL35 ilkg:inhibits GO:0042098 }")


@pytest.mark.parametrize("il", ["IL10", "IL35"])
def test_losing_the_stop_signal_worsens_the_multiple_sclerosis_model(graph, il):
    assert graph.ask(
        f"""ASK {{ ?st rdf:subject ilkg:{il} ; rdf:predicate ilkg:implicatedIn ; rdf:object MONDO:0005301 ;
                       ilkg:role "protective" ; ilkg:organism "mouse" }}"""
    )


def test_il10_in_lupus_is_recorded_as_contested(graph):
    """Protective in lupus-prone mice, yet raised in patients and a target of a blocking antibody."""
    roles = {
        str(r["role"])
        for r in graph.select(
            """SELECT ?role WHERE { ?st rdf:subject ilkg:IL10 ; rdf:predicate ilkg:implicatedIn ;
                                         rdf:object MONDO:0007915 ; ilkg:role ?role }"""
        )
    }
    assert {"protective", "pathogenic", "biomarker"} <= roles


def test_fibromyalgia_is_only_an_association(graph):
    roles = {
        str(r["role"])
        for r in graph.select(
            """SELECT ?role WHERE { ?st rdf:predicate ilkg:implicatedIn ; rdf:object MONDO:0005546 ;
                                         ilkg:role ?role }"""
        )
    }
    assert roles == {"biomarker"}
