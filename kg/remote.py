"""A remote SPARQL 1.1 endpoint used like the embedded graph, and uploads over the Graph Store Protocol.

Past one machine the graph lives in a triple store (Oxigraph server, GraphDB, Virtuoso,
QLever, ...): ``upload`` sends it there once, and :class:`Endpoint` answers every query
command from it. Queries are checked and parsed here first, with our prefixes, so a
malformed query fails the same way, with the same line and column, as it does locally; the
endpoint's answer is parsed back into Oxigraph's own result types, so formatting, labels and
the graph views work unchanged.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox

from kg import namespaces
from kg.errors import InputError, QueryFailedError
from kg.store import Graph

#: Seconds to wait for an endpoint before giving up.
DEFAULT_TIMEOUT = 60.0

_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE | re.MULTILINE)
_PROJECTION = re.compile(r"\bSELECT\b(.*?)(\bWHERE\b|\{)", re.IGNORECASE | re.DOTALL)


class EndpointError(QueryFailedError):
    """The endpoint could not be reached, or it answered with an error (exit code 1)."""


def _check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"not an http(s) endpoint address: {url!r}")
    return url


def _request(url: str, *, data: bytes, content_type: str, accept: str, method: str, timeout: float) -> bytes:
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked to be http(s)
        url, data=data, method=method, headers={"Content-Type": content_type, "Accept": accept}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.read()
    except urllib.error.HTTPError as err:
        body = err.read().decode("utf-8", "replace").strip().splitlines()
        detail = f": {body[0][:200]}" if body else ""
        raise EndpointError(f"{url} answered {err.code} {err.reason}{detail}") from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise EndpointError(f"cannot reach {url}: {reason}") from None


def _with_prefixes(sparql: str) -> str:
    """Declare our prefixes that the query does not declare itself (its own declarations win)."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in namespaces.PREFIXES.items() if p not in declared]
    return "\n".join([*lines, sparql])


def _bind(sparql: str, bindings: dict[str, str]) -> str:
    """Put each bound variable's IRI in place of the variable, keeping its name in a SELECT's projection."""
    for name, value in bindings.items():
        iri = f"<{namespaces.expand(value)}>"
        variable = re.compile(rf"[?$]{re.escape(name)}\b")
        match = _PROJECTION.search(sparql)
        if match and variable.search(match.group(1)):
            head = sparql[: match.start(1)] + variable.sub(f"({iri} AS ?{name})", match.group(1))
            sparql = head + variable.sub(iri, sparql[match.end(1) :])
        else:
            sparql = variable.sub(iri, sparql)
    return sparql


class Endpoint(Graph):
    """A SPARQL 1.1 query endpoint, with the same methods as the embedded :class:`~kg.store.Graph`.

    >>> Endpoint("ftp://example.org/sparql")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: not an http(s) endpoint address: 'ftp://example.org/sparql'
    """

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(ox.Store())  # empty: used only to parse queries the way the local engine does
        self.url = _check_url(url)
        self.timeout = timeout

    def query(
        self, sparql: str, *, bindings: dict[str, str] | None = None, allow_remote: bool = False
    ) -> Any:
        """Check and parse ``sparql`` locally, run it on the endpoint, and return Oxigraph's result type.

        :raises QuerySyntaxError: for malformed SPARQL or an update, with the line and column.
        :raises RemoteAccessError: for SERVICE or FROM unless ``allow_remote``.
        :raises EndpointError: when the endpoint cannot be reached or answers with an error.
        """
        shape = super().query(sparql, allow_remote=allow_remote)  # on the empty store: syntax and kind
        text = _with_prefixes(_bind(sparql, bindings or {}))
        graph_result = isinstance(shape, ox.QueryTriples)
        accept = "application/n-triples" if graph_result else "application/sparql-results+json"
        body = _request(
            self.url,
            data=text.encode("utf-8"),
            content_type="application/sparql-query",
            accept=accept,
            method="POST",
            timeout=self.timeout,
        )
        try:
            if graph_result:
                store = ox.Store()
                store.load(body, format=ox.RdfFormat.N_TRIPLES)
                return store.query("CONSTRUCT WHERE { ?s ?p ?o }")
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as err:
            raise EndpointError(f"{self.url} sent an answer that does not parse: {err}") from None

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"] or 0)

    def triples(self) -> list[ox.Triple]:
        """Return every triple of the endpoint's default graph, sorted."""
        result = self.query("CONSTRUCT WHERE { ?s ?p ?o }")
        return sorted(set(result), key=str)

    def add_file(self, path: Any) -> None:
        """Refuse: a remote store is changed with ``upload``, not by merging files into queries."""
        raise InputError("--data cannot be merged into a remote endpoint; upload it first (ilkg upload)")


def upload(
    graph: Graph,
    store_url: str,
    *,
    graph_iri: str | None = None,
    replace: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> int:
    """Send every triple of ``graph`` to a Graph Store Protocol endpoint; return how many were sent.

    The triples go to the default graph, or to the named graph ``graph_iri``; ``replace``
    uses PUT (the target graph is replaced), otherwise POST (the triples are added).

    :raises EndpointError: when the store cannot be reached or refuses the data.
    """
    base = _check_url(store_url)
    target = urllib.parse.urlsplit(base)
    extra = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
    query = f"{target.query}&{extra}" if target.query else extra
    url = urllib.parse.urlunsplit(target._replace(query=query))
    triples = graph.triples()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    _request(
        url,
        data=data,
        content_type="application/n-triples",
        accept="*/*",
        method="PUT" if replace else "POST",
        timeout=timeout,
    )
    return len(triples)
