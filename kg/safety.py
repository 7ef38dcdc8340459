"""Keep queries read-only, local and small enough to run: decided by Oxigraph's own parser.

Oxigraph opens a network connection for SERVICE as soon as such a query is prepared, so
the query must be refused before it reaches the engine, and a filter on its text is not
enough: a text filter and the engine can read the same characters differently (an escaped
quote in a prefixed name once hid a SERVICE from the old keyword filter). So the decision
is made by the engine's parser: every case-insensitive occurrence of ``service`` and
``from`` in the text has its last letter changed (``servicx``, ``frox``) and that copy is
parsed on an empty store. The change keeps every string, IRI, comment, name and variable
valid but turns the keywords into syntax errors, so when the copy parses, the query has no
SERVICE and no FROM, whatever its escapes, comments or Unicode. A copy that does not parse
is never run; a linear scan then only chooses the message.

Size and bracket depth are checked first, in linear time: the parser recurses on nesting,
and a few thousand nested groups overflow its stack.

>>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.errors.RemoteAccessError: SERVICE reaches another endpoint over the network; pass --allow-remote to allow it
>>> check_query('SELECT * WHERE { ?s rdfs:comment "a SERVICE note" }')  # words inside strings are fine
"""

from __future__ import annotations

import re
from typing import IO

from kg.errors import InputError, QuerySyntaxError, RemoteAccessError

#: The longest query ilkg accepts, in characters.
MAX_QUERY_CHARS = 1_000_000
#: The deepest nesting of braces, parentheses and brackets ilkg accepts.
MAX_DEPTH = 200

_GUARDED = re.compile(r"servic(e)|fro(m)", re.IGNORECASE)
_INTERESTING = re.compile(r"[\"'<#\\{}()\[\]]")
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_STRING_STOP = {q: re.compile(rf"[{q}\\\n\r]") for q in "\"'"}
_NEWLINE = re.compile(r"[\n\r]")
_UPDATE = re.compile(
    r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b\s*(DATA|WHERE|SILENT|GRAPH|\{|<|$)?",
    re.IGNORECASE,
)
_REMOTE = {
    "SERVICE": "SERVICE reaches another endpoint over the network",
    "FROM": "FROM and FROM NAMED load other graphs, which may be files or web addresses",
}


def _string_end(text: str, start: int) -> int:
    """Return the index after the string literal starting at ``start``, or -1 when it does not end."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        pos = start + 3
        while True:
            end = text.find(quote * 3, pos)
            if end < 0:
                return -1
            backslashes = len(text[pos:end]) - len(text[pos:end].rstrip("\\"))
            if backslashes % 2 == 0:
                return end + 3
            pos = end + 1
    pos = start + 1
    while True:
        match = _STRING_STOP[quote].search(text, pos)
        if match is None or match.group() in "\n\r":
            return -1
        if match.group() == "\\":
            pos = match.end() + 1
            continue
        return match.end()


def code_spans(sparql: str) -> list[tuple[int, int]]:
    """Return the spans of ``sparql`` that are neither strings nor comments, in one linear pass.

    IRIs count as code here, so brackets inside them are counted: that errs on the side of depth.
    """
    spans = []
    start = pos = 0
    while True:
        match = _INTERESTING.search(sparql, pos)
        if match is None:
            break
        char, at = match.group(), match.start()
        if char == "\\":  # an escape in a prefixed name (ilkg:a\') never starts a string or comment
            pos = at + 2
        elif char in "\"'":
            end = _string_end(sparql, at)
            spans.append((start, at))
            if end < 0:
                return spans  # an unterminated string: the parser stops there too
            start = pos = end
        elif char == "#":
            spans.append((start, at))
            newline = _NEWLINE.search(sparql, at)
            if newline is None:
                return spans
            start = pos = newline.start()
        elif char == "<":
            iri = _IRIREF.match(sparql, at)
            pos = iri.end() if iri else at + 1  # no string or comment starts inside an IRI
        else:
            pos = at + 1
    spans.append((start, len(sparql)))
    return spans


def nesting_depth(sparql: str) -> int:
    """Return the deepest nesting of ``{``, ``(`` and ``[`` outside strings and comments.

    >>> nesting_depth("SELECT * WHERE { ?s ?p ?o FILTER(?o = 1) }"), nesting_depth("ASK { '{{{' }")
    (2, 1)
    """
    depth = deepest = 0
    for start, end in code_spans(sparql):
        for match in re.finditer(r"[{(\[\])}]", sparql[start:end]):
            if match.group() in "{([":
                depth += 1
                deepest = max(deepest, depth)
            else:
                depth = max(depth - 1, 0)
    return deepest


def read_query(stream: IO[bytes], name: str) -> str:
    """Return the query text in ``stream`` (a file, a pipe, standard input), read no further than the limit.

    A query is read before anything checks it, so a stream that never ends (``-f /dev/zero``)
    must not be read to its end: past :data:`MAX_QUERY_CHARS` bytes it is refused.

    :raises QuerySyntaxError: when the stream holds more than the limit.
    :raises InputError: when it is not UTF-8 text.
    """
    limit = MAX_QUERY_CHARS * 4  # bytes: UTF-8 takes at most four a character
    data = stream.read(limit + 1)
    try:
        text = data.decode("utf-8") if len(data) <= limit else ""
    except UnicodeDecodeError:
        raise InputError(f"{name} is not valid UTF-8 text") from None
    if len(data) > limit or len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"{name} holds more than {MAX_QUERY_CHARS:,} characters, the limit of a query")
    return text


def read_query_file(path: str) -> str:
    """Return the query in the file ``path``, read as :func:`read_query` reads it.

    :raises InputError: when the file cannot be read, is not UTF-8 text, or passes the limit.
    """
    try:
        with open(path, "rb") as stream:
            return read_query(stream, path)
    except OSError as err:
        raise InputError(f"cannot read {path}: {err.strerror or err}") from None


def check_limits(sparql: str) -> None:
    """Refuse a query that is too long or too deeply nested for the engine to parse safely.

    :raises QuerySyntaxError: naming the limit that was passed.
    """
    if len(sparql) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"the query is {len(sparql):,} characters long; the limit is {MAX_QUERY_CHARS:,}"
        )
    if sum(sparql.count(c) for c in "{([") <= MAX_DEPTH:
        return  # no deeper than the number of brackets: no need to scan
    depth = nesting_depth(sparql)
    if depth > MAX_DEPTH:
        raise QuerySyntaxError(f"the query nests {depth} levels of brackets; the limit is {MAX_DEPTH}")


def _code(sparql: str) -> str:
    """Return the query with strings, comments, IRIs, names and variables blanked out (for messages)."""
    code = "".join(sparql[s:e] if e > s else "" for s, e in code_spans(sparql))
    code = _IRIREF.sub(" ", code)
    return re.sub(r"[?$][\w]+|[A-Za-z][\w.-]*(?::[\w.\\-]*)?|:[\w.\\-]+", _keep_keywords, code)


def _keep_keywords(match: re.Match[str]) -> str:
    word = match.group()
    return word if ":" not in word and word[0] not in "?$" else " "


def _mangled(sparql: str, *, keep_from: bool = False) -> str:
    """Change the last letter of every occurrence of the guarded words (same length, same positions)."""

    def swap(match: re.Match[str]) -> str:
        text = match.group()
        if keep_from and match.group(1) is None:
            return text  # keep FROM: Oxigraph reads FROM from its own store, never from elsewhere
        return text[:-1] + ("X" if text[-1].isupper() else "x")

    return _GUARDED.sub(swap, sparql)


def _parses(sparql: str) -> SyntaxError | None:
    import pyoxigraph as ox

    from kg.namespaces import PREFIXES

    try:
        ox.Store().query(sparql, prefixes=PREFIXES)
    except SyntaxError as err:
        return err
    except (OSError, RuntimeError, ValueError):
        pass  # it parsed; evaluating the copy on an empty store failed, which does not matter here
    return None


def check_query(sparql: str, *, allow_remote: bool = False) -> None:
    """Refuse SPARQL Update always, and SERVICE or FROM unless ``allow_remote``; check size and depth.

    Parsing the guarded copy on an empty store may evaluate parts of it (Oxigraph prepares some
    results eagerly), so call this where the query itself would run: under the time limit.

    :raises QuerySyntaxError: for an update, or a query too long or too deeply nested.
    :raises RemoteAccessError: for SERVICE or FROM without ``allow_remote``.
    """
    check_limits(sparql)
    code = _code(sparql)
    update = _UPDATE.search(code)
    if update and (update.group(2) is not None or update.group(1).upper() in ("LOAD", "CLEAR", "DROP")):
        raise QuerySyntaxError(
            f"SPARQL Update ({update.group(1).upper()}) is not allowed: ilkg queries are read-only"
        )
    if allow_remote or not _GUARDED.search(sparql):
        return
    if _parses(_mangled(sparql)) is None:
        return  # the engine sees neither SERVICE nor FROM
    for keyword, why in _REMOTE.items():
        if re.search(rf"\b{keyword}\b", code, re.IGNORECASE):
            raise RemoteAccessError(f"{why}; pass --allow-remote to allow it")
    err = _parses(_mangled(sparql, keep_from=True))
    if err is None:  # it parses once FROM is back: FROM is what the first copy lacked
        raise RemoteAccessError(f"{_REMOTE['FROM']}; pass --allow-remote to allow it")
    from kg.store import _position, syntax_message

    line, column = _position(err)
    raise QuerySyntaxError(f"malformed SPARQL: {syntax_message(err)}", query=sparql, line=line, column=column)
