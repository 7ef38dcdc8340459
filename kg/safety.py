"""Keep queries read-only and local: no updates, no SERVICE, no FROM on other graphs, unless allowed.

Both rdflib and Oxigraph open network connections for a query's SERVICE clause, and rdflib
dereferences FROM IRIs, so these are refused by default before a query reaches an engine.

>>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.RemoteAccessError: SERVICE reaches another endpoint over the network; pass --allow-remote to allow it
>>> check_query('SELECT * WHERE { ?s rdfs:comment "a SERVICE note" }')  # words inside strings are fine
"""

from __future__ import annotations

import re

from kg.errors import QuerySyntaxError, RemoteAccessError

# Strings, IRIs and comments, removed before looking for keywords so that their text never counts.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*"
    r"|[?$][A-Za-z0-9_]+"
    r"|[A-Za-z][\w.-]*:[\w.-]*|:[\w.-]+",
    re.DOTALL,
)
_UPDATE = re.compile(
    r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b\s*(DATA|WHERE|SILENT|GRAPH|\{|<|$)?",
    re.IGNORECASE,
)
_REMOTE = {
    "SERVICE": "SERVICE reaches another endpoint over the network",
    "FROM": "FROM and FROM NAMED load other graphs, which may be files or web addresses",
}


def check_query(sparql: str, *, allow_remote: bool = False) -> None:
    """Refuse SPARQL Update always, and SERVICE or FROM unless ``allow_remote``.

    :raises QuerySyntaxError: for an update (ilkg queries are read-only).
    :raises RemoteAccessError: for SERVICE or FROM without ``allow_remote``.
    """
    code = _OPAQUE.sub(" ", sparql)
    update = _UPDATE.search(code)
    if update and (update.group(2) is not None or update.group(1).upper() in ("LOAD", "CLEAR", "DROP")):
        raise QuerySyntaxError(
            f"SPARQL Update ({update.group(1).upper()}) is not allowed: ilkg queries are read-only"
        )
    if allow_remote:
        return
    for keyword, why in _REMOTE.items():
        if re.search(rf"\b{keyword}\b", code, re.IGNORECASE):
            raise RemoteAccessError(f"{why}; pass --allow-remote to allow it")
