"""The embedded store: the compiled graph, and the user's own RDF files, in Oxigraph.

>>> graph = Graph.load()
>>> graph.ask("ASK { ilkg:IL10 ilkg:inhibits GO:0006954 }")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import namespaces
from kg.errors import DataFileError, QueryFailedError, QuerySyntaxError

#: File extensions ilkg reads as RDF, and their Oxigraph format.
RDF_EXTENSIONS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def syntax_message(err: SyntaxError) -> str:
    """Return the first line of an Oxigraph syntax error, with its position spelled out."""
    text = str(err).strip().splitlines()[0] if str(err).strip() else "syntax error"
    match = re.match(r"error at (\d+):(\d+): (.*)", text)
    if match:
        line, column, rest = match.groups()
        return f"line {line}, column {column}: {rest}"
    return text


def _position(err: SyntaxError) -> tuple[int, int]:
    match = re.match(r"error at (\d+):(\d+)", str(err).strip())
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _term_value(term: Any) -> str | None:
    if term is None:
        return None
    return str(term.value)


class Graph:
    """The interleukin graph in an embedded Oxigraph store, ready for SPARQL."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    @classmethod
    def load(cls, data: Iterable[str | Path] = (), *, bundled: bool = True) -> Graph:
        """Build the bundled graph (unless ``bundled`` is false) and merge the RDF files in ``data``.

        :raises CurationError: when the bundled files are inconsistent.
        :raises DataFileError: when a data file is missing, unreadable, of unknown format or malformed.
        """
        from kg.build import compile_bundled
        from kg.cache import load_bundled

        store = ox.Store()
        if bundled:
            load_bundled(store, compile_bundled)
        graph = cls(store)
        for path in data:
            graph.add_file(Path(path))
        return graph

    def add_file(self, path: Path) -> None:
        """Merge one RDF file, its format taken from its extension.

        :raises DataFileError: when the file is missing, unreadable, of unknown format or malformed.
        """
        fmt = RDF_EXTENSIONS.get(path.suffix.lower())
        if fmt is None:
            known = ", ".join(sorted(RDF_EXTENSIONS))
            raise DataFileError(f"{path}: unknown RDF file extension {path.suffix!r} (known: {known})")
        from kg.inputs import read_data_file

        data = read_data_file(path, fmt)  # regular files only; XML and JSON-LD bombs refused
        try:
            self.store.load(data, format=fmt, base_iri=path.resolve().as_uri())
        except SyntaxError as err:
            raise DataFileError(f"{path}: malformed {fmt.name}: {syntax_message(err)}") from None

    def __len__(self) -> int:
        return len(self.store)

    def query(
        self, sparql: str, *, bindings: dict[str, str] | None = None, allow_remote: bool = False
    ) -> Any:
        """Run a read-only SPARQL query with our prefixes declared; return Oxigraph's result.

        ``bindings`` maps variable names to IRIs or CURIEs that the variable must equal.

        :raises QuerySyntaxError: for malformed SPARQL or an update, with the line and column.
        :raises RemoteAccessError: for SERVICE or FROM unless ``allow_remote``.
        :raises QueryFailedError: when evaluation fails.
        """
        from kg.safety import check_query

        check_query(sparql, allow_remote=allow_remote)
        substitutions = {
            ox.Variable(k): ox.NamedNode(namespaces.expand(v)) for k, v in (bindings or {}).items()
        }
        try:
            return self.store.query(
                sparql,
                prefixes=namespaces.PREFIXES,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
            )
        except SyntaxError as err:
            line, column = _position(err)
            raise QuerySyntaxError(
                f"malformed SPARQL: {syntax_message(err)}", query=sparql, line=line, column=column
            ) from None
        except (OSError, RuntimeError, ValueError) as err:
            raise QueryFailedError(f"query failed: {str(err).splitlines()[0] if str(err) else err}") from None

    def dataframe(self, sparql: str, **kwargs: Any) -> Any:
        """Run a SELECT query and return a pandas DataFrame (pandas must be installed).

        :raises ImportError: when pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("Graph.dataframe needs pandas: pip install pandas") from None
        return pd.DataFrame(self.select(sparql, **kwargs))

    def select(self, sparql: str, **kwargs: Any) -> list[dict[str, str | None]]:
        """Run a SELECT query; return one dict per row, IRIs and literal values as strings.

        >>> rows = Graph.load().select("SELECT ?l WHERE { ilkg:IL6 rdfs:label ?l }")
        >>> rows
        [{'l': 'IL-6'}]

        :raises QuerySyntaxError: when the query is malformed or not a SELECT.
        """
        result = self.query(sparql, **kwargs)
        if not isinstance(result, ox.QuerySolutions):
            raise QuerySyntaxError("expected a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: _term_value(row[n]) for n in names} for row in result]

    def ask(self, sparql: str, **kwargs: Any) -> bool:
        """Run an ASK query.

        :raises QuerySyntaxError: when the query is malformed or not an ASK.
        """
        result = self.query(sparql, **kwargs)
        if not isinstance(result, ox.QueryBoolean):
            raise QuerySyntaxError("expected an ASK query")
        return bool(result)

    def triples(self) -> list[ox.Triple]:
        """Return every triple (named graphs merged), sorted."""
        return sorted({q.triple for q in self.store}, key=str)
