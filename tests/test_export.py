"""Exports read back by independent parsers: rapper (raptor2), rdflib, networkx."""

from __future__ import annotations

import io
import shutil
import subprocess

import networkx as nx
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.export import export


def _rdflib(graph) -> rdflib.Graph:
    import pyoxigraph as ox

    return rdflib.Graph().parse(
        data=ox.serialize(graph.triples(), format=ox.RdfFormat.N_TRIPLES), format="nt"
    )


def test_rapper_reads_the_turtle_export_with_the_same_triple_count(graph, tmp_path):
    rapper = shutil.which("rapper")
    assert rapper, "rapper is missing: install Debian's raptor2-utils (.ci/run does)"
    path = tmp_path / "kg.ttl"
    path.write_bytes(export(graph, "turtle"))
    done = subprocess.run(
        [rapper, "-i", "turtle", "-c", str(path)], capture_output=True, text=True, check=True
    )
    assert f"returned {len(graph)} triples" in done.stderr


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml"), ("trig", "trig")],
)
def test_rdf_exports_are_isomorphic_to_the_loaded_graph(graph, fmt, parser):
    want = _rdflib(graph)
    got = (
        rdflib.Dataset().parse(data=export(graph, fmt), format=parser)
        if fmt == "trig"
        else rdflib.Graph().parse(data=export(graph, fmt), format=parser)
    )
    if fmt == "trig":
        merged = rdflib.Graph()
        for triple in got.triples((None, None, None)):
            merged.add(triple)
        got = merged
    if not isomorphic(got, want):
        _, extra, missing = graph_diff(to_isomorphic(got), to_isomorphic(want))
        pytest.fail(
            f"extra:\n{extra.serialize(format='nt')[:2000]}\nmissing:\n{missing.serialize(format='nt')[:2000]}"
        )


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_read_back_with_networkx(graph, fmt):
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    network = reader(io.BytesIO(export(graph, fmt)))
    assert "ilkg:IL17A" in network
    assert network.nodes["ilkg:IL17A"]["label"] == "IL-17A"
    assert any(d.get("relation") == "producedBy" for _, _, d in network.edges(data=True))
