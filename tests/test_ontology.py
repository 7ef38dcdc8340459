"""The ontology file, the shapes and kg.schema agree; the header carries what a release needs."""

from __future__ import annotations

import pyoxigraph as ox

from kg import __version__, paths, schema
from kg.namespaces import ILKG, OWL, RDF

ONTOLOGY = ox.Store()
ONTOLOGY.load(path=str(paths.ontology_dir() / "ilkg.ttl"), format=ox.RdfFormat.TURTLE)


def _locals(kind: str) -> set[str]:
    return {
        q.subject.value.removeprefix(ILKG)
        for q in ONTOLOGY.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(OWL + kind))
        if q.subject.value.startswith(ILKG) and q.subject.value != ILKG + "ontology"
    }


def test_classes_match_schema():
    assert _locals("Class") == set(schema.CLASSES)


def test_relations_match_schema():
    inverses = {"produces", "respondsTo", "receptorFor", "about"}  # inverses, and the link of a gap
    assert _locals("ObjectProperty") - inverses == set(schema.RELATIONS)


def test_every_class_and_relation_has_label_and_definition():
    for name in _locals("Class") | _locals("ObjectProperty"):
        assert ONTOLOGY.query(
            f"ASK {{ <{ILKG}{name}> <http://www.w3.org/2000/01/rdf-schema#label> ?l ; "
            f"<http://www.w3.org/2004/02/skos/core#definition> ?d }}"
        ), name


def test_header_version_and_license():
    rows = list(
        ONTOLOGY.query(
            "SELECT ?v ?l WHERE { ?o a <http://www.w3.org/2002/07/owl#Ontology> ; "
            "<http://www.w3.org/2002/07/owl#versionInfo> ?v ; <http://purl.org/dc/terms/license> ?l }"
        )
    )
    assert [(r["v"].value, r["l"].value) for r in rows] == [
        (__version__, "https://creativecommons.org/licenses/by/4.0/")
    ]


def test_slices_exist_with_licence():
    for name in ("cl", "go", "hp", "mondo"):
        text = (paths.ontology_dir() / "imports" / f"{name}.ttl").read_text(encoding="utf-8")
        assert "dcterms:license" in text and "rdfs:subClassOf" in text
