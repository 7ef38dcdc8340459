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


def test_kgx_keeps_every_node_and_edge_of_the_graph_projection(graph):
    """Read back with pandas and networkx: every projected node is one KGX node, every statement one edge."""
    import networkx as nx

    from kg.projection import project

    frames = _frames(graph, "kgx")
    nodes, edges = frames["nodes.tsv"], frames["edges.tsv"]
    network = nx.from_pandas_edgelist(
        edges, "subject", "object", edge_attr=True, edge_key="id", create_using=nx.MultiDiGraph
    )
    network.add_nodes_from(nodes["id"])
    projection = project(graph)
    assert nodes["id"].is_unique and network.number_of_nodes() == projection.number_of_nodes() == len(nodes)
    assert network.number_of_edges() == len(edges) == _statements(graph)
    # one edge per statement; one (subject, relation, object) per projected edge
    facts = {(s, d["original_predicate"], o) for s, o, d in network.edges(data=True)}
    assert len(facts) == projection.number_of_edges()
    # and they are the same ones: each projected node is the KGX node of its CURIE, or of its IRI as an xref
    named = {i: i for i in nodes["id"]}
    named.update(
        {
            x: i
            for i, xs in zip(nodes["id"], nodes["xref"], strict=True)
            for x in xs.split("|")
            if x.startswith("https://")
        }
    )
    kgx_id = {n: named.get(n) or named[d["iri"]] for n, d in projection.nodes(data=True)}
    assert sorted(kgx_id.values()) == sorted(nodes["id"])
    for s, o, relation in projection.edges(keys=True):  # producedBy is written the Biolink way round
        fact = (kgx_id[s], f"ilkg:{relation}", kgx_id[o])
        assert fact in facts or (fact[2], fact[1], fact[0]) in facts


def test_kgx_names_nodes_biolink_has_no_id_for_by_their_ilkg_curie(graph):
    import json

    files = tables(graph, "kgx")
    nodes = _frames(graph, "kgx")["nodes.tsv"].set_index("id")
    metadata = json.loads(files["metadata.json"])
    assert metadata["prefix_map"] == {"ilkg": "https://w3id.org/ilkg/"}
    local = [i for i in nodes.index if i.startswith("ilkg:")]
    assert metadata["local_ids"]["nodes"] == sorted(local)
    # receptor complexes, families, two-chain interleukins and products no database names
    assert nodes.loc["ilkg:IL6R_complex", "category"] == "biolink:MacromolecularComplex"
    assert nodes.loc["ilkg:IL1_family", "category"] == "biolink:GeneFamily"
    assert nodes.loc["ilkg:IL12", "category"] == "biolink:MacromolecularComplex"
    assert nodes.loc["ilkg:tyenne", "category"] == "biolink:Drug"
    # cross-references are written with Biolink's prefixes, beside the ilkg IRI
    toci = nodes.loc["DRUGBANK:DB06273"]
    assert {"CHEMBL.COMPOUND:CHEMBL1237022", "https://w3id.org/ilkg/tocilizumab"} <= set(
        toci["xref"].split("|")
    )


def test_a_node_sharing_its_biolink_id_with_another_keeps_a_node_of_its_own(tmp_path):
    from kg.store import Graph

    mine = tmp_path / "twin.ttl"
    mine.write_text(
        """@prefix ilkg: <https://w3id.org/ilkg/> .
@prefix oboInOwl: <http://www.geneontology.org/formats/oboInOwl#> .
ilkg:IL6twin a ilkg:Interleukin ; oboInOwl:hasDbXref "UniProtKB:P05231" .
ilkg:IL6twin ilkg:producedBy <http://purl.obolibrary.org/obo/CL_0000235> .
""",
        encoding="utf-8",
    )
    nodes = _frames(Graph.load([mine]), "kgx")["nodes.tsv"].set_index("id")
    assert "UniProtKB:P05231" not in nodes.index
    assert {"ilkg:IL6", "ilkg:IL6twin"} <= set(nodes.index)
    assert "UniProtKB:P05231" in nodes.loc["ilkg:IL6", "xref"].split("|")


def test_a_users_literal_or_foreign_iri_object_is_a_row_or_skipped_never_a_crash(tmp_path):
    import json

    from kg.store import Graph

    mine = tmp_path / "odd.ttl"
    mine.write_text(
        """@prefix ilkg: <https://w3id.org/ilkg/> .
ilkg:IL6 ilkg:producedBy "a literal, not a cell" , <http://example.org/thing> .
""",
        encoding="utf-8",
    )
    odd = Graph.load([mine])
    files = tables(odd, "kgx")
    edges = _frames(odd, "kgx")["edges.tsv"]
    # like the graph projection: a literal is no node, an IRI in no namespace of ours keeps its IRI
    assert "http://example.org/thing" in set(edges["subject"])
    assert not any("literal" in s for s in edges["subject"])
    assert "http://example.org/thing" in json.loads(files["metadata.json"])["local_ids"]["nodes"]
    assert len(_frames(odd, "neo4j")["relationships.csv"]) == len(edges)


def test_kgx_edges_carry_biolink_signs_and_approval_slots(graph):
    frames = _frames(graph, "kgx")
    edges = frames["edges.tsv"]
    nodes = frames["nodes.tsv"].set_index("id")
    relations = ("signalsThrough", "activates", "negativelyRegulates", "hasPart")
    by = {r: edges[edges["original_predicate"] == f"ilkg:{r}"] for r in relations}
    for relation, direction in (("signalsThrough", "increased"), ("activates", "increased")):
        rows = by[relation]
        assert len(rows) and set(rows["predicate"]) == {"biolink:regulates"}
        assert set(rows["object_direction_qualifier"]) == {direction}
        assert set(rows["object_aspect_qualifier"]) == {"activity"}
        assert set(rows["qualified_predicate"]) == {"biolink:causes"}
    assert set(by["negativelyRegulates"]["object_direction_qualifier"]) == {"decreased"}
    # the IL-6 receptor complex signals through JAK1 and activates STAT3
    il6r = edges[edges["subject"] == "ilkg:IL6R_complex"]
    names = {nodes.loc[o, "name"] for o in il6r["object"]}
    assert {"JAK1", "STAT3", "gp130"} <= names
    assert set(by["hasPart"]["predicate"]) == {"biolink:has_part"}
    assert set(nodes.loc[by["hasPart"]["subject"], "category"]) == {"biolink:MacromolecularComplex"}
    biosimilar = edges[edges["original_predicate"] == "ilkg:biosimilarOf"]
    assert set(biosimilar["predicate"]) == {"biolink:similar_to"}
    assert ("ilkg:tyenne", "DRUGBANK:DB06273") in set(
        zip(biosimilar["subject"], biosimilar["object"], strict=True)
    )
    defects = edges[edges["original_predicate"] == "ilkg:defectCauses"]
    assert set(defects["predicate"]) == {"biolink:causes"}
    assert set(defects["subject_form_or_variant_qualifier"]) == {"genetic_variant_form"}
    approvals = edges[edges["original_predicate"] == "ilkg:indicatedFor"]
    assert set(approvals["predicate"]) == {"biolink:treats"}
    fda = approvals[approvals["agency"] == "FDA"]
    assert set(fda["clinical_approval_status"]) <= {"fda_approved_for_condition", "approved_for_condition"}
    assert set(approvals[approvals["agency"] == "NMPA"]["clinical_approval_status"]) == {
        "approved_for_condition"
    }
    assert "BLA125276" in set(fda["regulatory_approvals"])  # tocilizumab's FDA application
    assert set(approvals[approvals["agency"] != "FDA"]["regulatory_approvals"]) == {""}


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


def _kgx(folder, *args):
    """Run tests/tools/kgx_validate.py in the kgx venv on the files in folder; return its report."""
    import json
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    python = root / ".tools" / "kgx" / "bin" / "python"
    assert python.exists(), "the kgx venv is missing: see the README's test block (.tools/kgx)"
    files = [str(folder / f"ilkg_{name}") for name in ("nodes.tsv", "edges.tsv", *args)]
    done = subprocess.run(
        [str(python), str(root / "tests" / "tools" / "kgx_validate.py"), *files],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    return json.loads(done.stdout.strip().splitlines()[-1]), done.returncode


def test_kgx_reads_every_node_and_edge_back_and_validates_them(graph, tmp_path):
    """kgx itself: no error once the export's prefix map is declared, and the projection's counts."""
    import json

    from kg.projection import project

    files = tables(graph, "kgx")
    for name, data in files.items():
        (tmp_path / f"ilkg_{name}").write_bytes(data)
    projection = project(graph)
    declared, code = _kgx(tmp_path, "metadata.json")
    assert declared["errors"] == {} and code == 0
    assert declared["biolink"].startswith("4.")
    # kgx keys an edge by subject, predicate and object: one per projected (subject, relation, object)
    assert (declared["nodes"], declared["edges"]) == (
        projection.number_of_nodes(),
        projection.number_of_edges(),
    )
    # against Biolink's prefix map alone, the one complaint is the ilkg prefix of the nodes listed as local
    strict, code = _kgx(tmp_path)
    assert code == 1 and set(strict["errors"]) == {"ERROR"}
    errors = strict["errors"]["ERROR"]
    assert set(errors) == {"INVALID_NODE_PROPERTY_VALUE", "INVALID_EDGE_PROPERTY_VALUE"}
    messages = [m for kind in errors.values() for m in kind]
    assert all("CURIE prefix 'ilkg'" in m for m in messages)
    flagged = {i for ids in errors["INVALID_NODE_PROPERTY_VALUE"].values() for i in ids}
    assert flagged == set(json.loads(files["metadata.json"])["local_ids"]["nodes"])


def test_cli_writes_both_files_next_to_the_prefix(invoke, tmp_path):
    result = invoke("export", "--format", "kgx", "-o", str(tmp_path / "ilkg"), catch=False)
    assert result.exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["ilkg_edges.tsv", "ilkg_metadata.json", "ilkg_nodes.tsv"]


def test_cli_needs_a_prefix_for_two_files(invoke):
    result = invoke("export", "--format", "neo4j")
    assert result.exit_code == 2
    assert "give a prefix with -o" in result.stderr
