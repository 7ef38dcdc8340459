"""The compiler: deterministic output, no blank nodes, one reified statement per fact."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg import build, export
from kg.build import Curation, compile_graph, parse_ontology
from kg.errors import CurationError
from kg.store import Graph


def test_same_input_gives_byte_identical_turtle():
    first = export.export(Graph.load(), "turtle")
    second = export.export(Graph.load(), "turtle")
    assert first == second


def test_no_blank_nodes(graph):
    for triple in graph.triples():
        assert not isinstance(triple.subject, ox.BlankNode)
        assert not isinstance(triple.object, ox.BlankNode)


def test_every_fact_row_becomes_one_statement(graph):
    cur = Curation.read()
    statements = graph.select("SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st a rdf:Statement }")
    assert int(statements[0]["n"]) == len(cur.facts)


def test_void_triple_count_is_exact(graph):
    rows = graph.select("SELECT ?n WHERE { ilkg:dataset void:triples ?n }")
    assert int(rows[0]["n"]) == len(graph)


def test_types_are_materialised(graph):
    assert graph.ask("ASK { ilkg:tocilizumab a ilkg:MonoclonalAntibody , ilkg:Therapy }")
    assert graph.ask("ASK { CL:0000899 a ilkg:CellType }")
    assert graph.ask("ASK { HP:0002615 a ilkg:AdverseEffect , ilkg:ClinicalSign , ilkg:BiologicalResponse }")


def _compile_with(data_copy, relative: str, old: str, new: str):
    path = data_copy / relative
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return compile_graph(parse_ontology(), Curation.read(data_copy))


def test_undefined_entity_is_an_error(data_copy):
    with pytest.raises(CurationError, match=r"il17_family\.tsv:\d+: ilkg:IL17Z is not defined"):
        _compile_with(data_copy, "facts/il17_family.tsv", "ilkg:IL17A\tproducedBy", "ilkg:IL17Z\tproducedBy")


def test_wrong_domain_is_an_error(data_copy):
    with pytest.raises(CurationError, match="indicatedFor needs a Therapy as subject"):
        _compile_with(
            data_copy, "facts/therapies.tsv", "ilkg:tocilizumab\tindicatedFor", "ilkg:IL6\tindicatedFor"
        )


def test_duplicate_entity_is_an_error(data_copy):
    path = data_copy / "entities" / "il6_family.tsv"
    row = next(
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("ilkg:IL6\t")
    )
    (data_copy / "entities" / "zz.tsv").write_text(
        path.read_text(encoding="utf-8").splitlines()[0] + "\n" + row + "\n", encoding="utf-8"
    )
    with pytest.raises(CurationError, match="ilkg:IL6 is also defined at"):
        compile_graph(parse_ontology(), Curation.read(data_copy))


def test_term_not_in_slices_is_an_error(data_copy):
    with pytest.raises(CurationError, match="not in the ontology slices"):
        _compile_with(data_copy, "facts/il17_family.tsv", "CL:0000899", "CL:0000001")


def test_dataset_metadata(graph):
    rows = graph.select("SELECT ?v ?l WHERE { ilkg:dataset dcterms:hasVersion ?v ; dcterms:license ?l }")
    assert rows == [{"v": build.__version__, "l": build.LICENSE}]


def test_dataframe_for_notebooks(graph):
    frame = graph.dataframe("SELECT ?cell WHERE { ilkg:IL17A ilkg:producedBy ?cell }")
    assert "http://purl.obolibrary.org/obo/CL_0000899" in set(frame["cell"])
