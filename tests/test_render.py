"""The HTML page: self-contained, and safe with hostile labels from a user's data."""

from __future__ import annotations

import re

import networkx as nx

from kg.projection import project
from kg.render import build_network, to_html

HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>"]


def test_page_fetches_nothing(graph):
    page = to_html(project(graph))
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "Content-Security-Policy" in page


def test_hostile_labels_are_escaped():
    g = nx.MultiDiGraph()
    g.add_node("ilkg:X", label=HOSTILE[0], kind="Interleukin", description=HOSTILE[1], xrefs={}, types=[])
    g.add_node("ilkg:Y", label="ok", kind="CellType", xrefs={}, types=[])
    g.add_edge("ilkg:X", "ilkg:Y", relation="actsOn")
    page = to_html(g, title=HOSTILE[1])
    for text in HOSTILE:
        assert text not in page
    assert page.count("</script>") == 3  # the library, the data and our code: nothing else closes a script


def test_projection_is_typed_and_labelled(graph):
    g = project(graph)
    assert g.nodes["CL:0000899"]["kind"] == "CellType"
    assert g.nodes["ilkg:tocilizumab"]["kind"] == "Therapy"
    assert g.nodes["ilkg:IL6"]["xrefs"]["UniProtKB:P05231"].startswith("https://www.uniprot.org/")
    relations = {d["relation"] for _, _, d in g.edges(data=True)}
    assert {"producedBy", "promotes", "inhibits", "targets", "indicatedFor"} <= relations


def test_animal_only_edges_say_so(graph):
    g = project(graph)
    assert g.edges["ilkg:IL17D", "CL:0011108", "producedBy"]["organism"] == "mouse"
    labels = {(e["from"], e["to"]): e["label"] for e in build_network(g).edges}
    assert labels["ilkg:IL17D", "CL:0011108"] == "producedBy (only in mouse)"
