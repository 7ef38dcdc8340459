"""The bundled named queries (``data/queries/*.rq``) and their parameters.

Each file starts with comment lines::

    # title: Producers of an interleukin
    # description: The cell types that produce a given interleukin.
    # param: il = IL-17A -- the interleukin (name, symbol or CURIE)

A parameter appears in the query as ``$il`` (the ``$`` form is kept for parameters) and is
replaced by the IRI of the entity it names, resolved as ``ilkg show`` resolves names. A parameter
whose default is quoted (``# param: agency = "NMPA" -- ...``) is a value, not an entity: it is
replaced by a string literal (an agency code, a year).

>>> [q.name for q in bundled()][:2]
['adverse-effects-of-drug', 'adverse-effects-shared-by-class']
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import paths
from kg.errors import InputError

if TYPE_CHECKING:
    from kg.resolve import Index

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_]\w*)\s*(?:=\s*(.*?))?\s+--\s+(.*)$")


@dataclasses.dataclass(frozen=True)
class Param:
    """A parameter of a named query: its name, default value and meaning."""

    name: str
    default: str
    help: str
    literal: bool = False  # a plain value (agency code, year), not the name of an entity


@dataclasses.dataclass(frozen=True)
class NamedQuery:
    """A bundled SPARQL query with its title, description and parameters."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    def bind(self, values: dict[str, str], index: Index | None = None) -> str:
        """Return the query text with every ``$param`` replaced by the IRI its value names.

        :raises InputError: for an unknown parameter, or one with no value and no default.
        """
        known = {p.name for p in self.params}
        for name in values:
            if name not in known:
                raise InputError(
                    f"query {self.name!r} has no parameter {name!r} (it takes: {', '.join(sorted(known)) or 'none'})"
                )
        text = self.text
        for param in self.params:
            value = values.get(param.name, param.default)
            if not value:
                raise InputError(f"query {self.name!r} needs --param {param.name}=... ({param.help})")
            term = _literal(value) if param.literal else f"<{_iri_for(value, index)}>"
            # a function as the replacement: the value is text, never a pattern (\g<0>, \q)
            text = re.sub(rf"\${re.escape(param.name)}\b", lambda _, term=term: term, text)
        return text


def _literal(value: str) -> str:
    """Return ``value`` as a SPARQL string literal, its quotes and backslashes escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _iri_for(value: str, index: Index | None) -> str:
    """Return the IRI a parameter value names, checked so that it cannot end the ``<...>`` it goes in."""
    from kg.namespaces import expand

    if value.startswith(("http://", "https://")):
        return checked_iri(value, value)
    if index is None:
        try:
            return checked_iri(expand(value), value)
        except ValueError:
            raise InputError(f"cannot resolve {value!r} without the graph") from None
    try:
        return index.resolve(value).iri
    except InputError:
        try:
            # a class or term CURIE that is not an entity, e.g. ilkg:MonoclonalAntibody
            return checked_iri(expand(value), value)
        except ValueError:
            pass
        raise


def checked_iri(iri: str, given: str) -> str:
    """Return ``iri`` if it is a valid IRI that can be written between ``<`` and ``>`` in SPARQL.

    >>> checked_iri("https://w3id.org/ilkg/IL6> } #", "ilkg:IL6> } #")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: 'ilkg:IL6> } #' is not a valid IRI (it holds a space, quote, bracket or backslash)

    :raises InputError: for anything else; ``given`` (what the user typed) is named in the message.
    """
    import pyoxigraph as ox

    if re.search(r"[\x00-\x20<>\"{}|^`\\]", iri):
        raise InputError(f"{given!r} is not a valid IRI (it holds a space, quote, bracket or backslash)")
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise InputError(f"{given!r} is not a valid IRI") from None
    return iri


def parse(path: Path) -> NamedQuery:
    """Read one ``.rq`` file with its header.

    :raises InputError: when the header lacks a title or description.
    """
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params = []
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = match.groups()
        if key == "param":
            param = _PARAM.match(value)
            if not param:
                raise InputError(f"{path}: malformed parameter line {value!r}")
            default = param.group(2) or ""
            quoted = len(default) >= 2 and default[0] == default[-1] == '"'
            params.append(Param(param.group(1), default[1:-1] if quoted else default, param.group(3), quoted))
        else:
            fields[key] = value
    if "title" not in fields or "description" not in fields:
        raise InputError(f"{path}: a bundled query needs '# title:' and '# description:' lines")
    return NamedQuery(path.stem, fields["title"], fields["description"], tuple(params), text, path)


def bundled() -> list[NamedQuery]:
    """Return every bundled query, sorted by name."""
    return [parse(p) for p in sorted(paths.queries_dir().glob("*.rq"))]


def get(name: str) -> NamedQuery:
    """Return the bundled query called ``name``.

    :raises InputError: naming the closest queries when there is none of that name.
    """
    import difflib

    found = {q.name: q for q in bundled()}
    if name in found:
        return found[name]
    close = difflib.get_close_matches(name, list(found), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; see: ilkg queries"
    raise InputError(f"no bundled query called {name!r}{hint}")


_GROUP_CONCAT = re.compile(
    r"GROUP_CONCAT\s*\((?:[^()]|\([^()]*\))*?(?:;\s*SEPARATOR\s*=\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'))?\s*\)"
    r"\s*AS\s*[?$](\w+)",
    re.IGNORECASE,
)


def normalise(sparql: str, result: Any) -> Any:
    """Return a SELECT result with each GROUP_CONCAT cell's parts in sorted order.

    SPARQL leaves the order inside GROUP_CONCAT to the engine, so Oxigraph and Virtuoso
    join the same parts differently; sorted, the answer no longer depends on the store.
    Other results are returned unchanged.

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> q = 'SELECT (GROUP_CONCAT(?x; separator="|") AS ?all) WHERE { VALUES ?x { "b" "a" } }'
    >>> [row["all"].value for row in normalise(q, store.query(q))]
    ['a|b']
    """
    import json

    import pyoxigraph as ox

    columns = {m.group(2): _separator(m.group(1)) for m in _GROUP_CONCAT.finditer(sparql)}
    if not columns or not isinstance(result, ox.QuerySolutions):
        return result
    names = [v.value for v in result.variables]
    document = json.loads(result.serialize(format=ox.QueryResultsFormat.JSON))
    for row in document["results"]["bindings"]:
        for name, sep in columns.items():
            cell = row.get(name)
            if cell and cell.get("type") == "literal":
                parts = cell["value"].split(sep) if sep else list(cell["value"])
                cell["value"] = sep.join(sorted(parts))
    document["head"] = {"vars": names}
    return ox.parse_query_results(json.dumps(document).encode(), format=ox.QueryResultsFormat.JSON)


def _separator(quoted: str | None) -> str:
    if quoted is None:
        return " "
    return quoted[1:-1].encode("utf-8").decode("unicode_escape")
