"""Exports read back by the tools people use: rapper, pyoxigraph, rdflib, the OWL API, Virtuoso, networkx."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import urllib.parse

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.export import Selection, export, export_triples, network, owl_triples
from kg.namespaces import OWL, RDF

RDF_FORMATS = {  # export format: (file suffix, pyoxigraph format, rapper name, rdflib name)
    "turtle": (".ttl", ox.RdfFormat.TURTLE, "turtle", "turtle"),
    "nt": (".nt", ox.RdfFormat.N_TRIPLES, "ntriples", "nt"),
    "nq": (".nq", ox.RdfFormat.N_QUADS, "nquads", "nquads"),
    "trig": (".trig", ox.RdfFormat.TRIG, "trig", "trig"),
    "xml": (".rdf", ox.RdfFormat.RDF_XML, "rdfxml", "xml"),
    "jsonld": (".jsonld", ox.RdfFormat.JSON_LD, None, "json-ld"),
}


@pytest.fixture(scope="module")
def expected(graph) -> set[ox.Triple]:
    return set(export_triples(graph))


@pytest.fixture(scope="module")
def files(graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    out = {}
    for fmt, (suffix, *_rest) in RDF_FORMATS.items():
        out[fmt] = folder / f"ilkg{suffix}"
        out[fmt].write_bytes(export(graph, fmt))
    out["owl"] = folder / "ilkg.owl"
    out["owl"].write_bytes(export(graph, "owl"))
    return out


def _triples(data: bytes, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {q.triple for q in ox.parse(data, format=fmt)}


def test_one_ontology_header_and_the_slices_folded_under_it(expected):
    headers = {
        t.subject
        for t in expected
        if t.predicate.value == RDF + "type" and t.object.value == OWL + "Ontology"
    }
    assert headers == {ox.NamedNode("https://w3id.org/ilkg/ontology")}


def test_turtle_needs_no_escapes_and_declares_only_used_prefixes(files):
    text = files["turtle"].read_text(encoding="utf-8")
    body = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)  # literals may hold anything
    assert "\\" not in body
    for prefix in re.findall(r"^@prefix (\w*):", text, flags=re.MULTILINE):
        assert re.search(rf"(?<![\w<\"]){prefix}:", body.split("\n\n", 1)[1]), f"unused prefix {prefix}"


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_pyoxigraph_reads_every_export_as_the_same_triples(files, expected, fmt):
    assert _triples(files[fmt].read_bytes(), RDF_FORMATS[fmt][1]) == expected


@pytest.mark.parametrize("fmt", [f for f, v in RDF_FORMATS.items() if v[2]])
def test_rapper_reads_every_export_as_the_same_triples(files, expected, fmt):
    rapper = shutil.which("rapper")
    assert rapper, "rapper is missing: install Debian's raptor2-utils (.ci/run does)"
    done = subprocess.run(
        [rapper, "-q", "-i", RDF_FORMATS[fmt][2], "-o", "ntriples", str(files[fmt])],
        capture_output=True,
        check=True,
    )
    assert _triples(done.stdout, ox.RdfFormat.N_TRIPLES) == expected


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_rdflib_reads_every_export_as_the_same_triples(files, expected, fmt):
    want = rdflib.Graph().parse(
        data=ox.serialize(sorted(expected, key=str), format=ox.RdfFormat.N_TRIPLES), format="nt"
    )
    parsed = rdflib.Dataset().parse(files[fmt], format=RDF_FORMATS[fmt][3])
    got = rdflib.Graph()
    for s, p, o, _g in parsed.quads((None, None, None, None)):
        got.add((s, p, o))
    if not isomorphic(got, want):
        _, extra, missing = graph_diff(to_isomorphic(got), to_isomorphic(want))
        pytest.fail(
            f"extra:\n{extra.serialize(format='nt')[:1500]}\nmissing:\n{missing.serialize(format='nt')[:1500]}"
        )


def test_the_owl_api_reads_turtle_as_turtle_and_as_it_reads_n_triples(owlapi, files):
    turtle = owlapi.load(files["turtle"])
    assert turtle.format == "Turtle Syntax"  # not OBO, as it guessed for escaped names
    assert turtle.ontology_iri == "https://w3id.org/ilkg/ontology"
    assert turtle.axioms == owlapi.load(files["nt"]).axioms
    assert turtle.axioms == owlapi.load(files["xml"]).axioms


def test_virtuoso_loads_the_turtle_export_as_the_same_triples(virtuoso, files, expected, monkeypatch):
    from kg.remote import Endpoint, request

    target = "https://example.org/turtle-export"
    monkeypatch.setenv("ILKG_REMOTE_USER", "dba")
    monkeypatch.setenv("ILKG_REMOTE_PASSWORD", "dba")
    store = f"{virtuoso}/sparql-graph-crud-auth?{urllib.parse.urlencode({'graph': target})}"
    request(store, data=files["turtle"].read_bytes(), content_type="text/turtle", accept="*/*", method="PUT")
    assert set(Endpoint(f"{virtuoso}/sparql", graph=target).triples()) == expected


def _ontology_files():
    from kg import paths

    return [paths.ontology_dir() / "ilkg.ttl", *sorted((paths.ontology_dir() / "imports").glob("*.ttl"))]


@pytest.mark.parametrize("path", _ontology_files(), ids=lambda p: p.name)
def test_each_ontology_file_has_one_header_and_is_owl2_dl_consistent_under_hermit(owlapi, path):
    headers = {
        q.subject
        for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE)
        if q.predicate.value == RDF + "type" and q.object.value == OWL + "Ontology"
    }
    assert len(headers) == 1
    loaded = owlapi.load(path, reason=True)
    assert loaded.violations == []
    assert loaded.consistent is True


def test_owl_export_annotates_axioms_instead_of_reifying(owlapi, graph, files):
    loaded = owlapi.load(files["owl"], reason=True)
    statements = graph.select("SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st a rdf:Statement }")[0]["n"]
    assert loaded.format == "RDF/XML Syntax"
    assert loaded.violations == []
    assert loaded.consistent is True
    assert loaded.annotated_assertions == int(statements)
    assert not any(t.object.value == RDF + "Statement" for t in owl_triples(export_triples(graph)))


def test_network_has_one_edge_per_statement_with_unique_ids_and_sources(graph):
    flat = network(graph)
    statements = int(graph.select("SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st a rdf:Statement }")[0]["n"])
    keys = [k for _, _, k in flat.edges(keys=True)]
    assert len(keys) == len(set(keys))
    assert sum(1 for _, _, d in flat.edges(data=True) if d["sources"]) == statements
    roles = {d.get("role") for s, o, d in flat.edges(data=True) if d["relation"] == "implicatedIn"}
    assert len(roles - {None}) > 1  # every qualifier of a fact survives, each on its own edge


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_are_byte_stable_and_read_back_with_networkx(graph, fmt):
    data = export(graph, fmt)
    assert data == export(graph, fmt)
    assert b"lastmodifieddate" not in data
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    back = reader(io.BytesIO(data))
    assert back.nodes["ilkg:IL17A"]["label"] == "IL-17A"
    ids = re.findall(rb'<edge[^>]* id="([^"]+)"', data)
    assert len(ids) == len(set(ids)) == back.number_of_edges()


def test_a_part_of_the_graph(graph, index):
    part = set(export_triples(graph, Selection(entities=("ilkg:IL17A",), depth=1)))
    whole = set(export_triples(graph))
    assert part < whole
    il17a = ox.NamedNode("https://w3id.org/ilkg/IL17A")
    assert any(t.subject == il17a and t.predicate.value.endswith("producedBy") for t in part)
    assert any(t.predicate.value == RDF + "subject" and t.object == il17a for t in part)
    assert not any(t.subject.value.endswith("IL6") and t.predicate.value.endswith("producedBy") for t in part)


def test_cli_writes_n_quads_and_refuses_an_unknown_extension(invoke, tmp_path):
    result = invoke("export", "-o", str(tmp_path / "g.nq"), catch=False)
    assert result.exit_code == 0
    assert ox.parse((tmp_path / "g.nq").read_bytes(), format=ox.RdfFormat.N_QUADS)
    for name in ("g.n3", "g.json", "g.csv"):
        refused = invoke("export", "-o", str(tmp_path / name))
        assert refused.exit_code == 2 and "--format" in refused.stderr and refused.stderr.count("\n") == 1
        assert not (tmp_path / name).exists()


def test_cli_exports_a_part_as_viz_chooses_it(invoke, tmp_path):
    out = tmp_path / "il17a.graphml"
    result = invoke("export", "IL-17A", "--depth", "1", "--types", "Interleukin,CellType", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    back = nx.read_graphml(out)
    assert "ilkg:IL17A" in back and "ilkg:IL6" not in back


def test_query_output_extension_decides_the_graph_format(invoke, tmp_path):
    construct = "CONSTRUCT { ilkg:IL6 rdfs:label ?l } WHERE { ilkg:IL6 rdfs:label ?l }"
    for name, fmt in (
        ("c.rdf", ox.RdfFormat.RDF_XML),
        ("c.nt", ox.RdfFormat.N_TRIPLES),
        ("c.nq", ox.RdfFormat.N_QUADS),
        ("c.jsonld", ox.RdfFormat.JSON_LD),
    ):
        assert invoke("query", construct, "-o", str(tmp_path / name)).exit_code == 0
        assert len(list(ox.parse((tmp_path / name).read_bytes(), format=fmt))) == 1
    refused = invoke("query", construct, "-o", str(tmp_path / "c.n3"))
    assert refused.exit_code == 2 and "--format" in refused.stderr


def test_graph_hands_over_rdflib_and_pyoxigraph(graph):
    as_rdflib = graph.to_rdflib()
    assert isinstance(as_rdflib, rdflib.Graph) and len(as_rdflib) == len(graph)
    assert dict(as_rdflib.namespaces())["ilkg"] == rdflib.URIRef("https://w3id.org/ilkg/")
    store = graph.to_oxigraph()
    assert isinstance(store, ox.Store) and {q.triple for q in store} == set(graph.triples())


def test_typed_select_values(graph):
    rows = graph.select(
        "SELECT ?year ?drug WHERE { ?st ilkg:year ?year ; rdf:subject ?drug } LIMIT 5", typed=True
    )
    assert rows and all(isinstance(r["year"], int) and isinstance(r["drug"], ox.NamedNode) for r in rows)
    label = graph.select("SELECT ?l WHERE { ilkg:IL6 rdfs:label ?l }", typed=True)
    assert label == [{"l": "IL-6"}]


@pytest.mark.parametrize("writer", [nx.write_graphml, nx.write_gexf, nx.write_gml])
def test_networkx_writers_take_the_network_as_it_is(graph, writer, tmp_path):
    path = tmp_path / "g.out"
    writer(network(graph, Selection(entities=("ilkg:IL6",), depth=1)), path)
    assert path.stat().st_size > 0
