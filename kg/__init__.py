"""ilkg: the interleukin knowledge graph.

The library behind the ``ilkg`` command. A notebook user works with it directly::

    >>> import kg
    >>> graph = kg.load()
    >>> rows = graph.select("SELECT ?cell WHERE { ilkg:IL17A ilkg:producedBy ?cell }")
    >>> "http://purl.obolibrary.org/obo/CL_0000899" in {row["cell"] for row in rows}
    True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from kg.store import Graph

__all__ = ["__version__", "load"]


def load(data: tuple[str, ...] | list[str] = (), *, bundled: bool = True) -> Graph:
    """Load the bundled graph, merged with the user's RDF files in ``data``.

    :raises DataFileError: when a data file is missing, unreadable or malformed.
    :raises CurationError: when the bundled curated files are inconsistent.
    """
    from kg.store import Graph

    return Graph.load(data, bundled=bundled)
