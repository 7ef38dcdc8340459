"""Render SPARQL results: a readable table for people, the W3C formats for programs.

>>> from kg.store import Graph
>>> result = Graph.load().query("SELECT ?l WHERE { ilkg:IL6 rdfs:label ?l }")
>>> print(render(result, "table").decode(), end="")
l
----
IL-6
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import UnknownFormatError
from kg.namespaces import ILKG, PREFIXES, compact

if TYPE_CHECKING:
    from kg.store import Graph

#: Formats of SELECT and ASK results, with the Oxigraph serialiser of each (None: ours).
TABLE_FORMATS: dict[str, ox.QueryResultsFormat | None] = {
    "table": None,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}

#: Formats of graphs (CONSTRUCT and DESCRIBE results, and exports).
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}

#: Output file extensions and the format each implies.
EXTENSIONS = {
    ".txt": "table",
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".srj": "json",
    ".xml": "xml",
    ".srx": "xml",
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "jsonld",
    ".trig": "trig",
    ".nq": "nq",
    ".rdf": "xml",
}


def _cell(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term.value)


_NUMBERS = {"integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "gYear"}


def python_value(term: Any) -> Any:
    """Return a result term as the Python value it stands for: IRIs stay ``NamedNode``, literals convert.

    >>> python_value(ox.Literal("2017", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    2017
    >>> python_value(ox.NamedNode("https://w3id.org/ilkg/IL6"))
    <NamedNode value=https://w3id.org/ilkg/IL6>
    """
    if term is None or not isinstance(term, ox.Literal):
        return term
    kind = term.datatype.value.removeprefix("http://www.w3.org/2001/XMLSchema#")
    try:
        if kind in _NUMBERS:
            return int(term.value)
        if kind in ("decimal", "double", "float"):
            return float(term.value)
        if kind == "boolean":
            return term.value in ("true", "1")
        if kind == "date":
            import datetime

            return datetime.date.fromisoformat(term.value)
    except ValueError:
        return term.value
    return term.value


#: First characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NEEDS_QUOTES = re.compile(r'[\x00-\x1f\x7f",]')


def neutralise(cell: str) -> str:
    """Return a cell that a spreadsheet shows as text: a leading ``'`` before a formula-like start.

    Numbers stay as they are (``-5`` is no formula).

    >>> neutralise("=SUM(A1:A9)"), neutralise("-5"), neutralise("IL-6")
    ("'=SUM(A1:A9)", '-5', 'IL-6')
    """
    if cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def delimited(
    rows: list[list[str]], delimiter: str = ",", *, raw: bool = False, newline: str = "\n"
) -> bytes:
    """Return rows as CSV or TSV that every reader parses back to the same cells (RFC 4180 quoting).

    A cell with the delimiter, a quote or any control character (a carriage return included)
    is quoted; unless ``raw``, formula-like cells are neutralised (see :func:`neutralise`).

    >>> print(delimited([["name", "note"], ["IL-6", "a,b"], ["=1+1", "x"]]).decode(), end="")
    name,note
    IL-6,"a,b"
    '=1+1,x
    """
    quote = re.compile(_NEEDS_QUOTES.pattern.replace(",", re.escape(delimiter)))

    def field(cell: str) -> str:
        cell = cell if raw else neutralise(cell)
        return '"' + cell.replace('"', '""') + '"' if quote.search(cell) else cell

    return "".join(delimiter.join(field(c) for c in row) + newline for row in rows).encode("utf-8")


def table(header: list[str], rows: list[list[str]]) -> str:
    """Return rows as a plain aligned text table (control characters, tabs and newlines escaped)."""
    from kg.terminal import printable  # here: the W3C formats a script asks for do not need it

    header = [printable(h) for h in header]
    rows = [[printable(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]) + "\n"


def _csv_cell(term: Any) -> str:
    """Return a term as the W3C SPARQL CSV format writes it: IRIs in full, literals by their value."""
    if term is None:
        return ""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term.value)


def render(result: Any, fmt: str, *, raw: bool = False) -> bytes:
    """Serialise a query result (solutions, boolean or triples) in the named format.

    CSV cells that a spreadsheet would run as formulas are neutralised unless ``raw``.

    :raises UnknownFormatError: when the format does not fit the kind of result.
    """
    if isinstance(result, ox.QueryTriples):
        rdf = GRAPH_FORMATS.get("turtle" if fmt == "table" else fmt)
        if rdf is None:
            raise UnknownFormatError(
                f"unknown format {fmt!r} for a graph result (choose from: {', '.join(GRAPH_FORMATS)})"
            )
        return serialize_triples(sorted(result, key=str), fmt if fmt != "table" else "turtle")
    if fmt not in TABLE_FORMATS:
        raise UnknownFormatError(
            f"unknown format {fmt!r} for a table result (choose from: {', '.join(TABLE_FORMATS)})"
        )
    if fmt == "csv" and isinstance(result, ox.QuerySolutions):
        header = [v.value for v in result.variables]
        body = [[_csv_cell(solution[name]) for name in header] for solution in result]
        return delimited([header, *body], ",", raw=raw, newline="\r\n")
    if TABLE_FORMATS[fmt] is not None:
        return result.serialize(format=TABLE_FORMATS[fmt])
    if isinstance(result, ox.QueryBoolean):
        return b"true\n" if bool(result) else b"false\n"
    header = [v.value for v in result.variables]
    rows = [[_cell(solution[name]) for name in header] for solution in result]
    if not rows:
        return b"no results\n"
    return table(header, rows).encode()


def serialize_triples(triples: list[ox.Triple], fmt: str) -> bytes:
    """Serialise triples as turtle, nt, jsonld, xml or trig, with our prefixes where the format has them.

    :raises UnknownFormatError: for another format name.
    """
    rdf = GRAPH_FORMATS.get(fmt)
    if rdf is None:
        raise UnknownFormatError(f"unknown RDF format {fmt!r} (choose from: {', '.join(GRAPH_FORMATS)})")
    if rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        return turtle(triples, trig=rdf == ox.RdfFormat.TRIG)
    data = _quads(triples) if rdf == ox.RdfFormat.N_QUADS else triples
    if rdf == ox.RdfFormat.RDF_XML:
        return ox.serialize(data, format=rdf, prefixes=Prefixes(triples).used())
    return ox.serialize(data, format=rdf)


_LOCAL = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?")
_SEGMENT = re.compile(r"[A-Za-z][A-Za-z0-9]*/")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class Prefixes:
    """Our prefixes, plus one for each path below ``ilkg:`` (``fact:``, ``gap:``), for these triples."""

    def __init__(self, triples: list[ox.Triple]) -> None:
        self.iris = {
            term.value
            for t in triples
            for term in (t.subject, t.predicate, t.object, getattr(t.object, "datatype", None))
            if isinstance(term, ox.NamedNode)
        }
        self.known = dict(PREFIXES)
        for iri in sorted(self.iris):
            segment = _SEGMENT.match(iri[len(ILKG) :]) if iri.startswith(ILKG) else None
            if segment and segment.group()[:-1] not in self.known:
                self.known[segment.group()[:-1]] = ILKG + segment.group()
        self.seen: set[str] = set()

    def name(self, iri: str) -> str:
        """Return a prefixed name whose local part needs no escape, or the IRI in angle brackets."""
        best = max(
            (p for p, ns in self.known.items() if iri.startswith(ns)),
            key=lambda p: len(self.known[p]),
            default=None,
        )
        if best is not None and _LOCAL.fullmatch(iri[len(self.known[best]) :]):
            self.seen.add(best)
            return f"{best}:{iri[len(self.known[best]) :]}"
        return str(ox.NamedNode(iri))

    def used(self) -> dict[str, str]:
        """Return the prefixes that some IRI of the triples falls under."""
        return {p: ns for p, ns in self.known.items() if any(i.startswith(ns) for i in self.iris)}


def turtle(triples: list[ox.Triple], *, trig: bool = False) -> bytes:
    """Write Turtle (or TriG, in the default graph) that every parser reads the same way.

    Prefixed names never hold an escaped character (the OWL API stops at ``ilkg:fact\\/0a1b``
    and Virtuoso keeps the backslash in the IRI): statement and gap nodes get prefixes of
    their own, anything else that would need an escape is written as a full IRI, and only
    the prefixes used are declared. Subjects and predicates are sorted, so output is stable.

    >>> t = ox.Triple(ox.NamedNode(ILKG + "fact/0a1b"), ox.NamedNode(ILKG + "p"), ox.Literal("x"))
    >>> print(turtle([t]).decode(), end="")
    @prefix ilkg: <https://w3id.org/ilkg/> .
    @prefix fact: <https://w3id.org/ilkg/fact/> .
    <BLANKLINE>
    fact:0a1b ilkg:p "x" .
    """
    names = Prefixes(triples)

    def term(node: Any) -> str:
        if isinstance(node, ox.NamedNode):
            return names.name(node.value)
        if isinstance(node, ox.Literal) and node.language is None and node.datatype.value != _XSD_STRING:
            return f"{ox.Literal(node.value)}^^{names.name(node.datatype.value)}"
        return str(node)

    by_subject: dict[Any, list[ox.Triple]] = {}
    for t in sorted(
        set(triples),
        key=lambda t: (str(t.subject), t.predicate.value != _RDF_TYPE, str(t.predicate), str(t.object)),
    ):
        by_subject.setdefault(t.subject, []).append(t)
    body: list[str] = []
    indent = "\t" if trig else ""
    for subject, group in by_subject.items():
        lines: list[str] = []
        previous = None
        for t in group:
            obj = term(t.object)
            if t.predicate == previous:
                lines[-1] += f" ,\n{indent}\t\t{obj}"
                continue
            verb = "a" if t.predicate.value == _RDF_TYPE else term(t.predicate)
            lines.append(f"{verb} {obj}")
            previous = t.predicate
        body.append(f"{indent}{term(subject)} " + f" ;\n{indent}\t".join(lines) + " .\n")
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in names.known.items() if p in names.seen)
    text = head + "\n" + ("{\n" + "".join(body) + "}\n" if trig else "".join(body))
    return text.encode("utf-8")


def _quads(triples: list[ox.Triple]) -> list[ox.Quad]:
    return [ox.Quad(t.subject, t.predicate, t.object) for t in triples]


def format_for_path(path: str) -> str | None:
    """Return the format an output file's extension implies, or None."""
    from pathlib import Path

    return EXTENSIONS.get(Path(path).suffix.lower())


def _labels(graph: Graph, iris: set[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    ordered = sorted(iris)
    for start in range(0, len(ordered), 500):
        values = " ".join(f"<{i}>" for i in ordered[start : start + 500])
        for row in graph.select(f"SELECT ?n ?l WHERE {{ VALUES ?n {{ {values} }} ?n rdfs:label ?l }}"):
            found.setdefault(str(row["n"]), str(row["l"]))
    return found


def labelled_table(graph: Graph, result: Any) -> bytes:
    """Render SELECT solutions as a table with each IRI's label beside its CURIE."""
    header = [v.value for v in result.variables]
    solutions = [[solution[name] for name in header] for solution in result]
    iris = {t.value for row in solutions for t in row if isinstance(t, ox.NamedNode)}
    labels = _labels(graph, iris)
    rows = [
        [
            f"{_cell(t)} ({labels[t.value]})"
            if isinstance(t, ox.NamedNode) and t.value in labels
            else _cell(t)
            for t in row
        ]
        for row in solutions
    ]
    return table(header, rows).encode() if rows else b"no results\n"


def render_query(
    graph: Graph,
    sparql: str,
    fmt: str = "auto",
    *,
    labels: bool = False,
    timeout: float | None = None,
    allow_remote: bool = False,
    raw: bool = False,
) -> bytes:
    """Run a query on ``graph`` and serialise its result; ``auto`` means tsv, or turtle for graphs.

    The query runs in a forked child process under a time limit (``timeout`` seconds, by default
    :data:`kg.timeout.DEFAULT_TIMEOUT`; 0 for none) and a memory ceiling (:func:`kg.timeout.memory_limit`),
    so a runaway query is stopped with a clear error instead of taking the machine.

    :raises QuerySyntaxError: for malformed SPARQL or an update.
    :raises QueryTimeoutError: when the query runs past ``timeout`` seconds.
    :raises QueryFailedError: when it passes the memory ceiling or crashes the engine.
    :raises UnknownFormatError: when the format does not fit the kind of result.
    """
    from kg.timeout import DEFAULT_TIMEOUT, call_with_timeout

    def run() -> bytes:
        result = graph.query(sparql, allow_remote=allow_remote)
        chosen = ("turtle" if isinstance(result, ox.QueryTriples) else "tsv") if fmt == "auto" else fmt
        if labels and chosen == "table" and isinstance(result, ox.QuerySolutions):
            return labelled_table(graph, result)
        return render(result, chosen, raw=raw)

    return call_with_timeout(run, DEFAULT_TIMEOUT if timeout is None else timeout)
