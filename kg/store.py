"""The embedded store: the compiled graph, and the user's own RDF files, in Oxigraph.

>>> graph = Graph.load()
>>> graph.ask("ASK { ilkg:IL10 ilkg:inhibits GO:0006954 }")
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg import namespaces
from kg.errors import QueryFailedError, QuerySyntaxError

if TYPE_CHECKING:
    from pathlib import Path

    from kg.cache import Entry
    from kg.progress import Progress
    from kg.sources import Source


def syntax_message(err: SyntaxError) -> str:
    """Return the first line of an Oxigraph syntax error, with its position spelled out."""
    text = str(err).strip().splitlines()[0] if str(err).strip() else "syntax error"
    match = re.match(r"error at (\d+):(\d+): (.*)", text) or re.match(
        r"Parser error at line (\d+) column (\d+): (.*?)(?: \(line \d+\))?$", text
    )
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
    """The interleukin graph in an embedded Oxigraph store, ready for SPARQL.

    A graph from :meth:`load` is usually a read-only store of the on-disk cache (``entry``
    says which); :meth:`add_file` then carries on with an in-memory copy.
    """

    def __init__(self, store: ox.Store, entry: Entry | None = None) -> None:
        self.store = store
        self.entry = entry

    @classmethod
    def load(
        cls,
        data: Iterable[str | Path] = (),
        *,
        bundled: bool = True,
        data_format: str | None = None,
        progress: Progress | None = None,
    ) -> Graph:
        """Return the bundled graph (unless ``bundled`` is false) merged with the RDF files in ``data``.

        The answer comes from a store in the on-disk cache (see :mod:`kg.cache`), built on
        first use and whenever an input changed; without a usable cache folder, from memory
        (with one :class:`~kg.cache.CacheWarning`). ``data`` may name standard input as ``-``,
        with its format in ``data_format``; ``progress`` draws a bar for long loads.

        :raises CurationError: when the bundled files are inconsistent.
        :raises DataFileError: when a data file is missing, unreadable, of unknown format or malformed.
        """
        from kg import cache

        data = list(data)
        if data:
            from kg.sources import Source
        sources = [Source.of(name, data_format) for name in data]
        folder = cache.cache_folder()  # a string: pathlib is not imported on a cold call's path
        spooled = []
        try:
            for i, source in enumerate(sources):
                if source.stdin:
                    from pathlib import Path

                    sources[i], digest = source.spooled(
                        Path(folder) if folder and os.path.isdir(folder) else None
                    )
                    spooled.append((sources[i], digest))
            if folder is not None:
                from kg.loader import open_cached

                try:
                    store, entry = open_cached(folder, sources, bundled, dict(spooled), progress)
                    return cls(store, entry)
                except cache.CacheUnavailable as err:
                    cache.warn(f"{err}; working in memory")
            graph = cls(ox.Store())
            if bundled:
                from kg.build import compile_bundled

                graph.store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in compile_bundled())
            for source in sources:
                graph.add_source(source, progress)
            return graph
        finally:
            for source, _digest in spooled:
                source.unspool()

    def add_file(self, path: Path | str, data_format: str | None = None) -> None:
        """Merge one RDF file, its format taken from its extension (or ``data_format``).

        :raises DataFileError: when the file is missing, unreadable, of unknown format or malformed.
        """
        from kg.sources import Source

        self.add_source(Source.of(path, data_format))

    def add_source(self, source: Source, progress: Progress | None = None) -> None:
        """Merge one RDF input into this graph's store (an in-memory copy, if it is a cached store).

        :raises DataFileError: when the input is missing, unreadable or malformed.
        """
        from kg.loader import load_source

        if self.entry is not None:  # a read-only store in the cache: carry on in memory
            copy = ox.Store()
            copy.extend(self.store)
            self.store, self.entry = copy, None
        load_source(self.store, source, progress, bulk=False)

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
            result = self.store.query(
                sparql,
                prefixes=namespaces.PREFIXES,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
            )
            if "GROUP_CONCAT" in sparql.upper():
                from kg.queries import normalise

                result = normalise(sparql, result)
            return result
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

    def select(self, sparql: str, *, typed: bool = False, **kwargs: Any) -> list[dict[str, Any]]:
        """Run a SELECT query; return one dict per row, IRIs and literal values as strings.

        With ``typed``, values keep their kind: an IRI is a ``pyoxigraph.NamedNode``, and a
        literal its Python value (``int`` for a year, ``datetime.date``, ``bool``, ``str``);
        see :func:`kg.results.python_value`.

        >>> rows = Graph.load().select("SELECT ?l WHERE { ilkg:IL6 rdfs:label ?l }")
        >>> rows
        [{'l': 'IL-6'}]

        :raises QuerySyntaxError: when the query is malformed or not a SELECT.
        """
        result = self.query(sparql, **kwargs)
        if not isinstance(result, ox.QuerySolutions):
            del result  # an Oxigraph result must not outlive this frame in a traceback (see kg.remote)
            raise QuerySyntaxError("expected a SELECT query")
        names = [v.value for v in result.variables]
        if typed:
            from kg.results import python_value

            return [{n: python_value(row[n]) for n in names} for row in result]
        return [{n: _term_value(row[n]) for n in names} for row in result]

    def to_rdflib(self) -> Any:
        """Return the graph's triples as an ``rdflib.Graph``, with our prefixes bound."""
        from kg.export import to_rdflib

        return to_rdflib(self)

    def to_oxigraph(self) -> ox.Store:
        """Return a ``pyoxigraph.Store`` that holds the graph (a copy: changing it leaves this graph)."""
        store = ox.Store()
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in self.triples())
        return store

    def ask(self, sparql: str, **kwargs: Any) -> bool:
        """Run an ASK query.

        :raises QuerySyntaxError: when the query is malformed or not an ASK.
        """
        result = self.query(sparql, **kwargs)
        if not isinstance(result, ox.QueryBoolean):
            del result  # an Oxigraph result must not outlive this frame in a traceback (see kg.remote)
            raise QuerySyntaxError("expected an ASK query")
        return bool(result)

    def triples(self) -> list[ox.Triple]:
        """Return every triple (named graphs merged), sorted."""
        return sorted({q.triple for q in self.store}, key=str)
