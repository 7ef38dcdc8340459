"""Where the bundled ontology, data and queries are: inside the wheel, or in a source checkout."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

# The cache's check of a cold call reads these folders as strings (root_dir, input_names):
# importing pathlib would cost that call a few milliseconds. The Path functions wrap them.
_HERE = os.path.dirname(os.path.realpath(__file__))


def root_dir() -> str:
    """Return the folder that holds ``data/`` and ``ontology/``, as a string."""
    bundled = os.path.join(_HERE, "_bundled")  # where the wheel puts them (pyproject: force-include)
    return bundled if os.path.isdir(bundled) else os.path.dirname(_HERE)


def root() -> Path:
    """Return the folder that holds ``data/`` and ``ontology/``."""
    from pathlib import Path

    return Path(root_dir())


def data_dir() -> Path:
    """Return the curated data folder."""
    return root() / "data"


def ontology_dir() -> Path:
    """Return the ontology folder (TBox, shapes, OBO slices)."""
    return root() / "ontology"


def queries_dir() -> Path:
    """Return the folder of bundled SPARQL queries."""
    return data_dir() / "queries"


def _listed(folder: str, suffix: str) -> list[str]:
    """Return the paths of ``folder`` whose names end with ``suffix``, sorted (as ``sorted(glob)``)."""
    try:
        return sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(suffix))
    except FileNotFoundError:
        return []


def _curated_names(kind: str) -> list[str]:
    return _listed(os.path.join(root_dir(), "data", kind), ".tsv")


def _ontology_names() -> list[str]:
    folder = os.path.join(root_dir(), "ontology")
    return [os.path.join(folder, "ilkg.ttl"), *_listed(os.path.join(folder, "imports"), ".ttl")]


def curated_files(kind: str) -> list[Path]:
    """Return the curated TSV files of one kind (``entities``, ``terms``, ``facts``, ``gaps``, ``mappings``), sorted."""
    from pathlib import Path

    return [Path(name) for name in _curated_names(kind)]


def ontology_files() -> list[Path]:
    """Return the Turtle files that go into the graph: the TBox and the OBO slices (not the shapes)."""
    from pathlib import Path

    return [Path(name) for name in _ontology_names()]


def shapes_file() -> Path:
    """Return the SHACL shapes that ``ilkg validate`` checks the graph against."""
    return ontology_dir() / "shapes.ttl"


#: The kinds of curated files, in the order the compiler reads them (``kg.curation.KINDS``).
CURATED_KINDS = ("entities", "terms", "facts", "gaps", "mappings")


def input_names() -> list[str]:
    """Return every ontology and curated file the bundled graph is compiled from, in a fixed order."""
    return [*_ontology_names(), *(p for kind in CURATED_KINDS for p in _curated_names(kind))]


def input_files() -> list[Path]:
    """Return :func:`input_names` as paths."""
    from pathlib import Path

    return [Path(name) for name in input_names()]
