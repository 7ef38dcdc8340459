"""Validate the graph: curated files, SHACL shapes and sources, with a readable report.

>>> report = validate()
>>> report.ok, report.problems
(True, [])
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from kg import namespaces, paths
from kg.errors import CurationError, InputError


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One violation: where it is, and what is wrong."""

    focus: str
    message: str
    path: str = ""
    value: str = ""

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        value = f" (value: {self.value})" if self.value else ""
        return f"{where}: {self.message}{value}"


@dataclasses.dataclass
class Report:
    """The outcome of a validation: no problems means the graph conforms."""

    problems: list[Problem]
    triples: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems

    def text(self) -> str:
        """Return the report as lines of text."""
        if self.ok:
            return f"valid: {self.triples} triples conform to the shapes; every relation has a source\n"
        lines = [str(p) for p in self.problems]
        lines.append(f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} found")
        return "\n".join(lines) + "\n"


def _short(term: object) -> str:
    return namespaces.compact(str(term)) if term is not None else ""


def validate(
    data: Iterable[str | Path] = (), *, data_format: str | None = None, data_dir: Path | None = None
) -> Report:
    """Compile the curated files (``data_dir``, the bundled ones by default), merge ``data``, check the shapes.

    ``data`` are RDF files (``-`` for standard input), read as ``--data`` reads them: their
    format from the extension, or ``data_format`` (a name of :data:`kg.sources.FORMAT_NAMES`).
    A curation error (a bad row, an unknown term, a wrong label) is reported as a problem
    that names the file and line, not raised.

    :raises DataFileError: when a ``data`` file is missing or malformed.
    :raises InputError: when ``data_dir`` holds no curated files (a wrong folder would pass as valid).
    """
    import pyoxigraph as ox

    from kg.build import Curation, compile_graph, parse_ontology
    from kg.store import Graph

    if data_dir is not None and not any(
        True for k in ("entities", "terms", "facts") for _ in (data_dir / k).glob("*.tsv")
    ):
        raise InputError(
            f"{data_dir} holds no curated files (entities/, terms/ or facts/*.tsv); give a copy of data/"
        )
    try:
        triples = compile_graph(parse_ontology(), Curation.read(data_dir))
    except CurationError as err:
        return Report([Problem("curation", str(err))])
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    graph = Graph(store)
    for name in data:
        graph.add_file(name, data_format)
    return Report(shacl(graph.triples()), len(graph))


def shacl(triples: list) -> list[Problem]:
    """Check triples against ``ontology/shapes.ttl`` with pyshacl; return the violations, sorted."""
    import pyoxigraph as ox
    import rdflib
    from pyshacl import validate as run_shacl
    from rdflib.namespace import SH

    data = rdflib.Graph()
    data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    shapes = rdflib.Graph().parse(paths.shapes_file(), format="turtle")
    _, results, _ = run_shacl(data, shacl_graph=shapes, advanced=True, inference="none", allow_warnings=True)
    problems = set()
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        problems.add(
            Problem(
                focus=_short(results.value(result, SH.focusNode)),
                message=str(results.value(result, SH.resultMessage) or "violates a shape"),
                path=_short(results.value(result, SH.resultPath)),
                value=_short(results.value(result, SH.value)),
            )
        )
    return sorted(problems)
