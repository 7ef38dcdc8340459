"""Neo4j and KGX tables, read back with pandas (not the csv module that wrote them)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from kg.tables import TABLE_FORMATS, tables


def _frames(graph, fmt):
    files = tables(graph, fmt)
    sep = "\t" if fmt == "kgx" else ","
    return {
        name: pd.read_csv(io.BytesIO(data), sep=sep, dtype=str, keep_default_na=False)
        for name, data in files.items()
    }


def _statements(graph) -> int:
    return len(graph.select("SELECT DISTINCT ?st WHERE { ?st a rdf:Statement }"))


@pytest.mark.parametrize("fmt", ["neo4j", "kgx"])
def test_every_statement_is_an_edge_between_listed_nodes(graph, fmt):
    frames = _frames(graph, fmt)
    (node_file, _), (edge_file, _) = TABLE_FORMATS[fmt]
    nodes, edges = frames[node_file], frames[edge_file]
    ids = nodes["id:ID" if fmt == "neo4j" else "id"]
    assert ids.is_unique
    start, end = (":START_ID", ":END_ID") if fmt == "neo4j" else ("subject", "object")
    assert set(edges[start]) | set(edges[end]) <= set(ids)
    assert len(edges) == _statements(graph)


def test_neo4j_header_and_a_known_relationship(graph):
    frames = _frames(graph, "neo4j")
    nodes, rels = frames["nodes.csv"], frames["relationships.csv"]
    assert list(nodes.columns[:3]) == ["id:ID", "name", ":LABEL"]
    assert {":START_ID", ":END_ID", ":TYPE", "sources:string[]", "year:int"} <= set(rels.columns)
    il6 = nodes.set_index("id:ID").loc["ilkg:IL6"]
    assert il6["name"] == "IL-6" and il6[":LABEL"] == "Interleukin"
    assert "UniProtKB:P05231" in il6["xrefs:string[]"].split(";")
    toci = rels[(rels[":START_ID"] == "ilkg:tocilizumab") & (rels[":END_ID"] == "ilkg:IL6R")]
    assert list(toci[":TYPE"]) == ["targets"] and list(toci["action"]) == ["receptor-blocking"]
    assert all(y == "" or y.isdigit() for y in rels["year:int"])


def test_kgx_uses_biolink_categories_and_predicates(graph):
    frames = _frames(graph, "kgx")
    nodes, edges = frames["nodes.tsv"].set_index("id"), frames["edges.tsv"]
    assert nodes.loc["CL:0000235", "category"] == "biolink:Cell"
    assert nodes.loc["MONDO:0008383", "category"] == "biolink:Disease"
    assert nodes.loc["ilkg:IL12", "category"] == "biolink:MacromolecularComplex"
    assert nodes.loc["ilkg:IL6", "category"] == "biolink:Protein"
    assert all(c.startswith("biolink:") for c in nodes["category"])
    assert all(p.startswith("biolink:") for p in edges["predicate"])
    # "IL-6 is produced by macrophages" becomes Biolink's "macrophage produces IL-6"
    made = edges[(edges["original_predicate"] == "ilkg:producedBy") & (edges["object"] == "ilkg:IL6")]
    assert "CL:0000235" in set(made["subject"]) and set(made["predicate"]) == {"biolink:produces"}
    mouse = edges[(edges["object"] == "ilkg:IL39") & (edges["original_predicate"] == "ilkg:producedBy")]
    assert set(mouse["species_context_qualifier"]) == {"NCBITaxon:10090"}
    assert all(
        p.startswith(("PMID:", "DOI:")) for ps in edges["publications"] for p in filter(None, ps.split("|"))
    )


def test_cli_writes_both_files_next_to_the_prefix(invoke, tmp_path):
    result = invoke("export", "--format", "kgx", "-o", str(tmp_path / "ilkg"), catch=False)
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ilkg_edges.tsv", "ilkg_nodes.tsv"]


def test_cli_needs_a_prefix_for_two_files(invoke):
    result = invoke("export", "--format", "neo4j")
    assert result.exit_code == 2
    assert "give a prefix with -o" in result.stderr
