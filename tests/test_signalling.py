"""The signalling layer: receptor complexes, the kinases and STATs behind them, and the drugs that block them."""

from __future__ import annotations

import json

import pytest
from conftest import run, signalling

from kg.paths_between import shortest_paths
from kg.show import describe

# the answers the issue pins, as a rheumatologist or immunologist would state them
PINNED = [
    ("IL-2", {"JAK1", "JAK3"}, {"STAT5A", "STAT5B"}),
    ("IL-12", {"JAK2", "TYK2"}, {"STAT4"}),
    ("IL-23", {"JAK2", "TYK2"}, {"STAT3"}),
    ("IL-4", set(), {"STAT6"}),
    ("IL-13", set(), {"STAT6"}),
    ("IL-1 beta", {"MYD88", "IRAK4"}, {"NF-kappa-B p65", "NF-kappa-B p50"}),
    ("IL-6", {"JAK1", "JAK2"}, {"STAT3"}),
    ("IL-7", {"JAK1", "JAK3"}, {"STAT5A", "STAT5B"}),
    ("IL-10", {"JAK1", "TYK2"}, {"STAT3"}),
    ("IL-17A", {"Act1", "TRAF6"}, set()),
    ("IL-29", {"JAK1", "TYK2"}, {"STAT1", "STAT2"}),
]


@pytest.mark.parametrize(("il", "kinases", "factors"), PINNED, ids=[p[0] for p in PINNED])
def test_pinned_signalling(graph, index, il, kinases, factors):
    found = signalling(graph, index, il)
    assert kinases <= found.get("signalsThrough", set())
    assert factors <= found.get("activates", set())


def test_il12_does_not_signal_through_jak3(graph, index):
    assert "JAK3" not in signalling(graph, index, "IL-12").get("signalsThrough", set())


def test_socs3_damps_the_il6_receptor(graph, index):
    assert "SOCS3" in signalling(graph, index, "IL-6")["negativelyRegulatedBy"]


def test_common_gamma_chain_cytokines_share_jak3(graph, index):
    ils = {r["ilLabel"] for r in run(graph, index, "interleukins-signalling-through", protein="JAK3")}
    assert {"IL-2", "IL-4", "IL-7", "IL-9", "IL-15", "IL-21"} <= ils
    assert "IL-6" not in ils and "IL-12" not in ils


def test_stat6_answers_il4_and_il13_only(graph, index):
    ils = {r["ilLabel"] for r in run(graph, index, "interleukins-signalling-through", protein="STAT6")}
    assert ils == {"IL-4", "IL-13"}


def test_mouse_only_signalling_says_so(graph, index):
    rows = run(graph, index, "interleukins-signalling-through", protein="STAT4")
    only_in = {r["ilLabel"]: r["onlyIn"] for r in rows}
    assert only_in["IL-35"] == "mouse" and only_in["IL-12"] == ""


def blocked(graph, index, il: str) -> set[tuple[str, str, str]]:
    return {
        (str(r["drugLabel"]), str(r["level"]), str(r["targetLabel"]))
        for r in run(graph, index, "signalling-blocked", il=il)
    }


def test_baricitinib_blocks_il6_signalling_through_jak1_and_jak2(graph, index):
    rows = blocked(graph, index, "IL-6")
    assert {("baricitinib", "kinase", "JAK1"), ("baricitinib", "kinase", "JAK2")} <= rows
    # and the ligand and receptor levels answer too
    assert ("siltuximab", "ligand", "IL-6") in rows
    assert ("tocilizumab", "receptor", "IL-6R alpha") in rows


def test_deucravacitinib_reaches_il12_and_il23_through_tyk2(graph, index):
    for il in ("IL-12", "IL-23"):
        assert ("deucravacitinib", "kinase", "TYK2") in blocked(graph, index, il)
    assert not any(d == "deucravacitinib" for d, _, _ in blocked(graph, index, "IL-2"))


def test_agonists_are_not_blockers(graph, index):
    assert not any(d == "aldesleukin" for d, _, _ in blocked(graph, index, "IL-2"))
    assert ("basiliximab", "receptor", "IL-2R alpha") in blocked(graph, index, "IL-2")


def test_every_new_complex_has_chains_and_a_ligand(graph):
    rows = graph.select(
        "SELECT ?c WHERE { ?c a ilkg:ReceptorComplex . "
        "FILTER NOT EXISTS { ?c ilkg:hasPart ?a , ?b . FILTER(?a != ?b) } }"
    )
    assert rows == []
    orphans = graph.select(
        "SELECT ?c WHERE { ?c a ilkg:ReceptorComplex . FILTER NOT EXISTS { ?il ilkg:bindsReceptor ?c } }"
    )
    assert orphans == []


def test_il15_receptor_has_three_chains(graph):
    chains = {r["x"] for r in graph.select("SELECT ?x WHERE { ilkg:IL15R_complex ilkg:hasPart ?x }")}
    assert {c.rsplit("/", 1)[1] for c in chains} == {"IL15RA", "IL2RB", "IL2RG"}


def test_kinase_inhibitors_carry_the_jak_boxed_warning(graph):
    rows = graph.select(
        "SELECT DISTINCT ?drug WHERE { ?drug a ilkg:KinaseInhibitor . ?st rdf:subject ?drug ; "
        "rdf:predicate ilkg:hasAdverseEffect ; rdf:object MONDO:0005279 ; ilkg:severity 'boxed-warning' }"
    )
    drugs = {r["drug"].rsplit("/", 1)[1] for r in rows}
    assert {"tofacitinib", "baricitinib", "upadacitinib", "abrocitinib", "ritlecitinib"} <= drugs
    assert "deucravacitinib" not in drugs and "ruxolitinib" not in drugs


def test_approvals_carry_agency_and_year(graph):
    rows = graph.select(
        "SELECT ?year WHERE { ?st rdf:subject ilkg:baricitinib ; rdf:predicate ilkg:indicatedFor ; "
        "rdf:object MONDO:0008383 ; ilkg:agency 'FDA' ; ilkg:year ?year }"
    )
    assert [int(r["year"]) for r in rows] == [2018]


def test_show_interleukin_lists_signalling_and_blockers(invoke):
    out = invoke("show", "IL-6", catch=False).stdout
    assert "signalling (" in out and "signalsThrough JAK1  [ilkg:JAK1]  via IL-6 receptor" in out
    assert "baricitinib  [ilkg:baricitinib]  at the kinase: JAK2  (via IL-6 receptor)" in out


def test_show_kinase_lists_interleukins(graph, index, invoke):
    card = describe(graph, "TYK2", index=index)
    assert {"IL-12", "IL-23", "IL-10"} <= {r["ilLabel"] for r in card["interleukins"]}
    assert "ilkg:deucravacitinib" in {x["id"] for x in card["relations"]["targetedBy"]}
    card = json.loads(invoke("show", "STAT3", "--format", "json").stdout)
    assert "IL-23" in {r["ilLabel"] for r in card["interleukins"]}


def test_path_follows_only_the_relations_asked_for(graph, index, invoke):
    ways = shortest_paths(
        graph, "baricitinib", "IL-6", index=index, relations=["targets", "signalsThrough", "bindsReceptor"]
    )
    assert {tuple(s["to_label"] for s in w) for w in ways} == {
        ("JAK1", "IL-6 receptor", "IL-6"),
        ("JAK2", "IL-6 receptor", "IL-6"),
    }
    out = invoke(
        "path", "deucravacitinib", "IL-23", "--relations", "targets,signalsThrough,bindsReceptor"
    ).stdout
    assert "--targets--> TYK2" in out and "<--signalsThrough-- IL-23 receptor" in out


def test_path_unknown_relation_is_a_usage_error(invoke):
    result = invoke("path", "baricitinib", "IL-6", "--relations", "blocks")
    assert result.exit_code == 2 and "unknown relation 'blocks'" in result.stderr


def test_every_node_kind_has_one_colour_and_shape():
    from kg.projection import NODE_KINDS
    from kg.render import STYLE

    assert list(STYLE) == [*NODE_KINDS, "Other"]
    assert len({STYLE[k] for k in NODE_KINDS}) == len(NODE_KINDS)  # no two kinds look alike


def test_graph_page_has_kinase_and_transcription_factor_in_its_legend(graph):
    import re

    from kg.projection import neighbourhood, project
    from kg.render import STYLE, to_html

    g = neighbourhood(project(graph), ["ilkg:IL6R_complex"], depth=1)
    assert g.nodes["ilkg:JAK1"]["kind"] == "Kinase" and g.nodes["ilkg:STAT3"]["kind"] == "TranscriptionFactor"
    assert g.nodes["ilkg:SOCS3"]["kind"] == "SignallingRegulator"
    page = to_html(g)
    legend = json.loads(re.search(r'"legend":\s*(\[\[.*?\]\])', page.replace("\\u0026", "&")).group(1))
    assert ["Kinase", *STYLE["Kinase"]] in legend
    assert ["TranscriptionFactor", *STYLE["TranscriptionFactor"]] in legend


def test_kgx_export_gives_biolink_categories_to_the_signalling_layer(graph):
    import csv
    import io

    from kg.tables import tables

    files = tables(graph, "kgx")
    nodes_file, edges_file = "nodes.tsv", "edges.tsv"
    # KGX node ids are the preferred identifiers (a protein's UniProt CURIE), so look nodes up by name
    nodes = {r["name"]: r for r in csv.DictReader(io.StringIO(files[nodes_file].decode()), delimiter="\t")}
    assert nodes["JAK1"]["category"] == "biolink:Protein"
    assert nodes["STAT3"]["category"] == "biolink:Protein"
    assert "biolink:Drug" in nodes["baricitinib"]["category"].split("|")
    ids = {name: row["id"] for name, row in nodes.items()}
    edges = list(csv.DictReader(io.StringIO(files[edges_file].decode()), delimiter="\t"))
    predicates = {(e["subject"], e["object"]): e["predicate"] for e in edges}
    assert predicates[ids["baricitinib"], ids["JAK1"]] == "biolink:physically_interacts_with"
