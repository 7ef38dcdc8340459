"""Where the bundled ontology, data and queries are: inside the wheel, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def root() -> Path:
    """Return the folder that holds ``data/`` and ``ontology/``."""
    bundled = _HERE / "_bundled"  # where the wheel puts them (pyproject: force-include)
    return bundled if bundled.is_dir() else _HERE.parent


def data_dir() -> Path:
    """Return the curated data folder."""
    return root() / "data"


def ontology_dir() -> Path:
    """Return the ontology folder (TBox, shapes, OBO slices)."""
    return root() / "ontology"


def queries_dir() -> Path:
    """Return the folder of bundled SPARQL queries."""
    return data_dir() / "queries"


def curated_files(kind: str) -> list[Path]:
    """Return the curated TSV files of one kind (``entities``, ``terms``, ``facts``, ``gaps``, ``mappings``), sorted."""
    return sorted((data_dir() / kind).glob("*.tsv"))


def ontology_files() -> list[Path]:
    """Return the Turtle files that go into the graph: the TBox and the OBO slices (not the shapes)."""
    folder = ontology_dir()
    return [folder / "ilkg.ttl", *sorted((folder / "imports").glob("*.ttl"))]


def shapes_file() -> Path:
    """Return the SHACL shapes that ``ilkg validate`` checks the graph against."""
    return ontology_dir() / "shapes.ttl"


#: The kinds of curated files, in the order the compiler reads them (``kg.curation.KINDS``).
CURATED_KINDS = ("entities", "terms", "facts", "gaps", "mappings")


def input_files() -> list[Path]:
    """Return every ontology and curated file the bundled graph is compiled from, in a fixed order."""
    return [*ontology_files(), *(p for kind in CURATED_KINDS for p in curated_files(kind))]
