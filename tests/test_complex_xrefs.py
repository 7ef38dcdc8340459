"""Receptor complexes matched to GO's cellular components (data/mappings), and every export carrying the match.

An exact match makes the GO term the complex's KGX id (as a gene is known by its UniProt id); exact and
close matches are cross-references (oboInOwl:hasDbXref, KGX ``xref``); every match is a SKOS link to the
GO term's IRI in the RDF exports, and ``ilkg show`` prints it with its kind.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg import paths
from kg.build import Curation
from kg.curation import read_mappings
from kg.errors import CurationError
from kg.export import export
from kg.namespaces import ILKG, OBO, OBOINOWL, SKOS
from kg.tables import tables

ROOT = Path(__file__).resolve().parent.parent

#: The matches the curation must keep (complex, kind, GO term); a lost or changed one fails here.
PINNED = [
    ("IL2R_high_affinity_complex", "exactMatch", "GO:0005893"),
    ("IL4R_type_I_complex", "exactMatch", "GO:0016516"),
    ("IL4R_type_II_complex", "exactMatch", "GO:0005898"),
    ("IL7R_complex", "exactMatch", "GO:1905540"),
    ("IL6R_complex", "closeMatch", "GO:0005896"),
    ("IL12R_complex", "closeMatch", "GO:0042022"),
    ("IL20R_type_I_complex", "broadMatch", "GO:0030876"),
    ("IL20R_type_II_complex", "broadMatch", "GO:0030876"),
]


def _mappings():
    return [m for f in paths.curated_files("mappings") for m in read_mappings(f)]


def _slice_labels() -> dict[str, str]:
    text = (paths.ontology_dir() / "imports" / "go.ttl").read_text(encoding="utf-8")
    return {
        f"GO:{number}": label
        for number, label in re.findall(r'obo:GO_(\d{7}) a owl:Class ;\n    rdfs:label "([^"]*)"', text)
    }


@pytest.mark.parametrize(("complex_", "kind", "term"), PINNED)
def test_pinned_matches(graph, complex_, kind, term):
    assert graph.ask(f"ASK {{ ilkg:{complex_} skos:{kind} {term} }}")


def test_the_intermediate_affinity_il2_receptor_matches_nothing(graph):
    """GO's IL-2 receptor complex has the alpha chain; the beta/gamma dimer does not."""
    assert not graph.ask(
        "ASK { ilkg:IL2R_intermediate_affinity_complex ?kind ?term . VALUES ?kind "
        "{ skos:exactMatch skos:closeMatch skos:broadMatch skos:narrowMatch } }"
    )


def test_every_mapped_go_id_is_a_live_reference_term_with_its_label():
    """Each object is in the GO slice, which scripts/build_slices.py writes only from live rows of the
    reference tables with their current labels, and its object_label is that label; each subject is a
    receptor complex with its own label."""
    labels = _slice_labels()
    rows = _mappings()
    assert len(rows) >= 14
    for m in rows:
        assert m.object in labels, f"{m.where}: {m.object} is not in ontology/imports/go.ttl"
        assert m.object_label == labels[m.object], m.where
    entities = {e.id: e for e in Curation.read().entities}
    for m in rows:
        assert "ReceptorComplex" in entities[m.subject].types and entities[m.subject].label == m.subject_label


def test_at_most_one_exact_match_per_complex_and_no_term_exact_for_two():
    exact = [m for m in _mappings() if m.kind == "exactMatch"]
    assert len({m.subject for m in exact}) == len(exact)
    assert len({m.object for m in exact}) == len(exact)


def test_a_wrong_label_or_kind_names_the_row(data_copy):
    path = data_copy / "mappings" / "receptor_complexes_go.tsv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\tinterleukin-7 receptor complex\t", "\tinterleukin-9 receptor complex\t"))
    with pytest.raises(CurationError, match=r"receptor_complexes_go\.tsv:\d+: object_label"):
        from kg.build import compile_graph, parse_ontology

        compile_graph(parse_ontology(), Curation.read(data_copy))
    path.write_text(text.replace("skos:broadMatch", "skos:relatedMatch", 1))
    with pytest.raises(CurationError, match=r"predicate_id 'skos:relatedMatch' is not one of"):
        Curation.read(data_copy)


def test_exact_and_close_matches_are_cross_references_broad_ones_are_not(graph):
    def xrefs(local):
        rows = graph.select(f"SELECT ?x WHERE {{ <{ILKG}{local}> <{OBOINOWL}hasDbXref> ?x }}")
        return {str(r["x"]) for r in rows}

    assert xrefs("IL7R_complex") == {"GO:1905540"}
    assert xrefs("IL6R_complex") == {"GO:0005896"}
    assert xrefs("IL20R_type_I_complex") == set()


@pytest.mark.parametrize(("fmt", "rapper_name"), [("turtle", "turtle"), ("owl", "rdfxml")])
def test_rapper_reads_the_skos_match_from_the_turtle_and_owl_exports(graph, tmp_path, fmt, rapper_name):
    rapper = shutil.which("rapper")
    assert rapper, "rapper is missing: install Debian's raptor2-utils (.ci/run does)"
    path = tmp_path / f"ilkg.{fmt}"
    path.write_bytes(export(graph, fmt))
    done = subprocess.run(
        [rapper, "-q", "-i", rapper_name, "-o", "ntriples", str(path)],
        capture_output=True,
        check=True,
        text=True,
    )
    lines = set(done.stdout.splitlines())
    assert f"<{ILKG}IL2R_high_affinity_complex> <{SKOS}exactMatch> <{OBO}GO_0005893> ." in lines
    assert f"<{ILKG}IL20R_type_I_complex> <{SKOS}broadMatch> <{OBO}GO_0030876> ." in lines
    assert (
        f'<{OBO}GO_0005893> <http://www.w3.org/2000/01/rdf-schema#label> "interleukin-2 receptor complex" .'
        in lines
    )


def test_kgx_reads_the_go_id_and_the_xrefs_back(graph, tmp_path):
    """kgx itself: an exactly matched complex is its GO term (a Biolink MacromolecularComplex id prefix), its
    ilkg IRI a cross-reference; a closely matched one keeps its ilkg id with the GO term as xref."""
    for name, data in tables(graph, "kgx").items():
        (tmp_path / f"ilkg_{name}").write_bytes(data)
    python = ROOT / ".tools" / "kgx" / "bin" / "python"
    assert python.exists(), "the kgx venv is missing: see the README's test block (.tools/kgx)"
    files = [str(tmp_path / f"ilkg_{n}") for n in ("nodes.tsv", "edges.tsv", "metadata.json")]
    shown = [
        "GO:0005893",
        "GO:1905540",
        "ilkg:IL6R_complex",
        "ilkg:IL20R_type_I_complex",
        "ilkg:IL7R_complex",
    ]
    done = subprocess.run(
        [str(python), str(ROOT / "tests" / "tools" / "kgx_validate.py"), *files, "--show", *shown],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["errors"] == {} and done.returncode == 0
    nodes = report["shown"]
    il2 = nodes["GO:0005893"]
    assert il2["name"] == "high-affinity IL-2 receptor"
    assert "biolink:MacromolecularComplex" in il2["category"]
    assert f"{ILKG}IL2R_high_affinity_complex" in il2["xref"]
    assert f"{ILKG}IL7R_complex" in nodes["GO:1905540"]["xref"]
    assert nodes["ilkg:IL7R_complex"] is None  # one node, by its GO id
    assert "GO:0005896" in nodes["ilkg:IL6R_complex"]["xref"]
    assert not any(x.startswith("GO:") for x in nodes["ilkg:IL20R_type_I_complex"].get("xref") or [])


def test_show_prints_each_match_with_its_kind(invoke):
    result = invoke("show", "IL-7 receptor", catch=False)
    assert (
        "  GO:1905540  exact match: interleukin-7 receptor complex  http://purl.obolibrary.org/obo/GO_1905540"
        in (result.output)
    )
    assert result.output.count("GO:1905540") == 1  # the cross-reference is not listed twice
    card = json.loads(invoke("show", "type II IL-20 receptor", "--format", "json", catch=False).output)
    assert card["matches"] == [
        {
            "kind": "broadMatch",
            "id": "GO:0030876",
            "label": "interleukin-20 receptor complex",
            "url": f"{OBO}GO_0030876",
        }
    ]


def test_a_go_id_finds_the_complex_it_is_a_cross_reference_of(invoke):
    result = invoke("show", "GO:0005893", catch=False)
    assert result.output.startswith("high-affinity IL-2 receptor  (ilkg:IL2R_high_affinity_complex)")
