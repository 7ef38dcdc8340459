"""Neo4j and KGX tables, read back with pandas (not the csv module that wrote them)."""

from __future__ import annotations

import io

import pandas as pd

from kg.tables import tables


def _frames(graph, fmt):
    files = {k: v for k, v in tables(graph, fmt).items() if not k.endswith(".json")}
    sep = "\t" if fmt == "kgx" else ","
    return {
        name: pd.read_csv(io.BytesIO(data), sep=sep, dtype=str, keep_default_na=False)
        for name, data in files.items()
    }


def _statements(graph) -> int:
    return len(graph.select("SELECT DISTINCT ?st WHERE { ?st a rdf:Statement }"))


def test_every_statement_is_a_neo4j_relationship_between_listed_nodes(graph):
    frames = _frames(graph, "neo4j")
    nodes, edges = frames["nodes.csv"], frames["relationships.csv"]
    assert nodes["id:ID"].is_unique
    assert set(edges[":START_ID"]) | set(edges[":END_ID"]) <= set(nodes["id:ID"])
    assert len(edges) == _statements(graph)


def test_every_kgx_edge_joins_listed_nodes_and_what_is_left_out_is_declared(graph):
    import json

    files = tables(graph, "kgx")
    frames = _frames(graph, "kgx")
    nodes, edges = frames["nodes.tsv"], frames["edges.tsv"]
    assert nodes["id"].is_unique
    assert set(edges["subject"]) | set(edges["object"]) <= set(nodes["id"])
    left_out = json.loads(files["metadata.json"])["left_out"]["nodes"]
    statements = graph.select("SELECT ?s ?o WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:object ?o }")
    from kg.namespaces import compact

    kept = [r for r in statements if compact(r["s"]) not in left_out and compact(r["o"]) not in left_out]
    assert len(edges) == len(kept)
    assert not any(i.startswith("ilkg:") for i in nodes["id"])


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


def test_kgx_uses_biolink_ids_categories_and_predicates(graph):
    frames = _frames(graph, "kgx")
    nodes, edges = frames["nodes.tsv"].set_index("id"), frames["edges.tsv"]
    assert nodes.loc["CL:0000235", "category"] == "biolink:Cell"
    assert nodes.loc["MONDO:0008383", "category"] == "biolink:Disease"
    il6 = nodes.loc["UniProtKB:P05231"]  # IL-6 by the id Biolink prefers for a protein
    assert il6["category"] == "biolink:Protein" and "https://w3id.org/ilkg/IL6" in il6["xref"].split("|")
    assert all(c.startswith("biolink:") for c in nodes["category"])
    assert all(p.startswith("biolink:") for p in edges["predicate"])
    assert set(edges["knowledge_level"]) <= {"knowledge_assertion", "logical_entailment"}
    assert set(edges["agent_type"]) <= {"manual_agent", "automated_agent"}
    assert set(edges["primary_knowledge_source"]) == {"infores:ilkg"}
    # "IL-6 is produced by macrophages" becomes Biolink's "macrophage produces IL-6"
    made = edges[(edges["original_predicate"] == "ilkg:producedBy") & (edges["object"] == "UniProtKB:P05231")]
    assert "CL:0000235" in set(made["subject"]) and set(made["predicate"]) == {"biolink:produces"}
    assert "NCBITaxon:10090" in set(edges["species_context_qualifier"])
    assert all(
        p.startswith(("PMID:", "doi:")) for ps in edges["publications"] for p in filter(None, ps.split("|"))
    )


def test_kgx_validate_accepts_the_tables_offline_with_no_error(graph, tmp_path):
    import json
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    python = root / ".tools" / "kgx" / "bin" / "python"
    assert python.exists(), "the kgx venv is missing: see the README's test block (.tools/kgx)"
    for name, data in tables(graph, "kgx").items():
        (tmp_path / f"ilkg_{name}").write_bytes(data)
    done = subprocess.run(
        [
            str(python),
            str(root / "tests" / "tools" / "kgx_validate.py"),
            str(tmp_path / "ilkg_nodes.tsv"),
            str(tmp_path / "ilkg_edges.tsv"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["errors"] == {} and done.returncode == 0
    assert report["biolink"].startswith("4.")


def test_cli_writes_both_files_next_to_the_prefix(invoke, tmp_path):
    result = invoke("export", "--format", "kgx", "-o", str(tmp_path / "ilkg"), catch=False)
    assert result.exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["ilkg_edges.tsv", "ilkg_metadata.json", "ilkg_nodes.tsv"]


def test_cli_needs_a_prefix_for_two_files(invoke):
    result = invoke("export", "--format", "neo4j")
    assert result.exit_code == 2
    assert "give a prefix with -o" in result.stderr
