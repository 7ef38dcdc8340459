"""A remote SPARQL 1.1 endpoint used like the embedded graph, and uploads over the Graph Store Protocol.

Past one machine the graph lives in a triple store (Oxigraph server, Virtuoso, GraphDB,
QLever, ...): ``upload`` sends it there once, and :class:`Endpoint` answers every query
command from it. A query is sent the way every server answers (GET when short, a form POST
otherwise: Virtuoso never answers a direct ``application/sparql-query`` POST), within one
overall deadline, and its answer is parsed back into Oxigraph's own result types, so
formatting, labels and the graph views work unchanged.

Credentials come from ``$ILKG_REMOTE_USER`` and ``$ILKG_REMOTE_PASSWORD``, or from the
netrc file (``$NETRC`` or ``~/.netrc``) entry of the server's host; never from the command
line, and no message ever shows them (:func:`redact` masks userinfo and token-like query
parameters in every address it prints).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox

from kg import namespaces
from kg.errors import InputError, QueryFailedError
from kg.store import Graph
from kg.timeout import LONGEST_WAIT, check_seconds

#: Seconds an exchange with a server may take in all (connect, send, wait, read).
DEFAULT_TIMEOUT = 60.0
#: The largest answer accepted, in bytes.
MAX_BYTES = 1 << 30
#: Longest query sent with GET; longer ones go as a form POST.
MAX_GET = 2000
#: Rows per page when reading a whole graph (below common server row limits such as Virtuoso's 10,000).
PAGE = 5000

_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE | re.MULTILINE)
_PROJECTION = re.compile(r"\bSELECT\b(.*?)(\bWHERE\b|\{)", re.IGNORECASE | re.DOTALL)
_SECRET = re.compile(r"token|key|pass|secret|auth|sig|session", re.IGNORECASE)
# strings, IRIs and comments stay as they are; SERVICE keywords outside them are neutralised
_OPAQUE_OR_SERVICE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
    r"|(?P<service>\bSERVICE(?:\s+SILENT)?\b)",
    re.IGNORECASE | re.DOTALL,
)


class EndpointError(QueryFailedError):
    """The endpoint could not be reached, or it answered with an error (exit code 1)."""


def redact(url: str) -> str:
    """Return an address safe to print: userinfo and token-like query values masked.

    >>> redact("http://ann:s3cret@example.org/sparql?graph=g&access_token=abc")
    'http://***@example.org/sparql?graph=g&access_token=***'
    """
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return re.sub(r"//[^/@]*@", "//***@", url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = "***@" + netloc.rsplit("@", 1)[1]
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    masked = {k: "***" if _SECRET.search(k) else "..." if k in ("query", "update") else v for k, v in pairs}
    query = "&".join(f"{k}={masked[k]}" for k, _ in pairs) if pairs else parts.query
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc, query=query))


def check_url(url: str) -> str:
    """Return ``url`` if it is a well-formed http(s) address without credentials.

    >>> check_url("ftp://example.org/sparql")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: not an http(s) endpoint address: 'ftp://example.org/sparql'

    :raises InputError: for another scheme, spaces or control characters, a malformed host,
        or a user name or password in the address.
    """
    shown = redact(url)
    if re.search(r"[\s\x00-\x1f\x7f]", url):
        raise InputError(f"malformed endpoint address (spaces or control characters): {shown!r}")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError as err:
        raise InputError(f"malformed endpoint address {shown!r}: {err}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"not an http(s) endpoint address: {shown!r}")
    if parts.username or parts.password:
        raise InputError(
            f"credentials do not go in the address ({shown!r}): set ILKG_REMOTE_USER and "
            "ILKG_REMOTE_PASSWORD, or add the host to your netrc file"
        )
    return url


def credentials(url: str) -> tuple[str, str] | None:
    """Return the user and password for the host of ``url``: from the environment, else netrc."""
    user, password = os.environ.get("ILKG_REMOTE_USER"), os.environ.get("ILKG_REMOTE_PASSWORD")
    if user and password is not None:
        return user, password
    import netrc

    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        found = netrc.netrc(os.environ.get("NETRC") or None).authenticators(host)
    except (OSError, netrc.NetrcParseError):
        return None
    return (found[0], found[2]) if found and found[2] is not None else None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only for GET and only to http(s); anything else is an error."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, newurl))
        if req.get_method() != "GET":
            raise EndpointError(
                f"{redact(req.full_url)} redirected a {req.get_method()} to {redact(newurl)}: "
                "nothing was sent there; use the address it names"
            )
        if target.scheme not in ("http", "https"):
            raise EndpointError(f"{redact(req.full_url)} redirected to a non-http address {redact(newurl)}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(url: str) -> urllib.request.OpenerDirector:
    handlers: list[Any] = [_NoRedirect()]
    found = credentials(url)
    if found:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, *found)
        handlers += [
            urllib.request.HTTPBasicAuthHandler(manager),
            urllib.request.HTTPDigestAuthHandler(manager),
        ]
    return urllib.request.build_opener(*handlers)


def _authorise(req: urllib.request.Request, timeout: float) -> None:
    """Answer the server's challenge before a body is sent, so it is sent once.

    A server that wants credentials (Virtuoso's digest-protected Graph Store endpoint)
    refuses a large upload at its first bytes and closes the connection, so an empty HEAD
    request fetches the challenge first and the upload carries its answer.
    """
    found = credentials(req.full_url)
    if not found:
        return
    probe = urllib.request.Request(req.full_url, method="HEAD")  # noqa: S310 - checked to be http(s)
    try:
        urllib.request.build_opener(_NoRedirect()).open(probe, timeout=timeout).close()
        return
    except urllib.error.HTTPError as err:
        challenge = err.headers.get("WWW-Authenticate", "") if err.code == 401 else ""
    except (urllib.error.URLError, OSError, EndpointError):
        return  # the request itself will report it
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, req.full_url, *found)
    scheme, _, rest = challenge.partition(" ")
    if scheme.lower() == "digest":
        chal = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
        answer = urllib.request.HTTPDigestAuthHandler(manager).get_authorization(req, chal)
        if answer:
            req.add_unredirected_header("Authorization", f"Digest {answer}")
    elif scheme.lower() == "basic":
        import base64

        token = base64.b64encode(f"{found[0]}:{found[1]}".encode()).decode("ascii")
        req.add_unredirected_header("Authorization", f"Basic {token}")


def request(
    url: str,
    *,
    data: bytes | None = None,
    content_type: str | None = None,
    accept: str,
    method: str = "GET",
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    shown: str | None = None,
) -> tuple[bytes, http.client.HTTPMessage]:
    """Send one request and read the whole answer within ``timeout`` seconds in all.

    :raises EndpointError: when the server cannot be reached, answers with an error status,
        redirects where it may not, sends more than ``max_bytes``, or runs past the deadline.
    """
    shown = shown or redact(url)
    timeout = check_seconds(timeout, "--remote-timeout")
    deadline = time.monotonic() + timeout
    headers = {"Accept": accept}
    if content_type:
        headers["Content-Type"] = content_type
    req = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
    try:
        if data is not None:
            _authorise(req, min(timeout, LONGEST_WAIT))
        with _opener(url).open(req, timeout=min(timeout, LONGEST_WAIT)) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise EndpointError(f"{shown} sent {int(declared)} bytes, more than the limit of {max_bytes}")
            chunks, size = [], 0
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                if response.fp is not None and response.fp.raw is not None:
                    response.fp.raw._sock.settimeout(min(left, LONGEST_WAIT))  # type: ignore[union-attr]
                chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise EndpointError(f"{shown} sent more than the limit of {max_bytes} bytes")
                chunks.append(chunk)
            return b"".join(chunks), response.headers
    except urllib.error.HTTPError as err:
        body = (err.read() or b"").decode("utf-8", "replace").strip().splitlines()
        detail = f": {' '.join(body)[:300]}" if body else ""
        raise EndpointError(f"{shown} answered {err.code} {err.reason}{detail}") from None
    except EndpointError:
        raise
    except (TimeoutError, http.client.IncompleteRead) as err:
        if isinstance(err, TimeoutError) or time.monotonic() >= deadline:
            raise EndpointError(f"{shown} did not answer within {timeout:g} s (--remote-timeout)") from None
        raise EndpointError(f"{shown} closed the connection mid-answer") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as err:
        reason = getattr(err, "reason", None) or err
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise EndpointError(f"{shown} did not answer within {timeout:g} s (--remote-timeout)") from None
        raise EndpointError(f"cannot reach {shown}: {reason}") from None


def _with_prefixes(sparql: str) -> str:
    """Declare our prefixes that the query does not declare itself (its own declarations win)."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    lines = [f"PREFIX {p}: <{iri}>" for p, iri in namespaces.PREFIXES.items() if p not in declared]
    return "\n".join([*lines, sparql])


def _bind(sparql: str, bindings: dict[str, str]) -> str:
    """Put each bound variable's IRI in place of the variable, keeping its name in a SELECT's projection."""
    from kg.queries import checked_iri

    for name, value in bindings.items():
        iri = f"<{checked_iri(namespaces.expand(value), value)}>"
        variable = re.compile(rf"[?$]{re.escape(name)}\b")
        match = _PROJECTION.search(sparql)
        if match and variable.search(match.group(1)):
            head = sparql[: match.start(1)] + variable.sub(f"({iri} AS ?{name})", match.group(1))
            sparql = head + variable.sub(iri, sparql[match.end(1) :])
        else:
            sparql = variable.sub(iri, sparql)
    return sparql


def _inert(sparql: str) -> str:
    """Return the query with each SERVICE keyword turned into GRAPH, padded so positions stay the same.

    The local syntax check runs the query on an empty store; with no SERVICE left in it,
    that check can never reach the network, whatever the query says.
    """

    def swap(match: re.Match[str]) -> str:
        word = match.group("service")
        return match.group() if word is None else "GRAPH".ljust(len(word))

    return _OPAQUE_OR_SERVICE.sub(swap, sparql)


class Endpoint(Graph):
    """A SPARQL 1.1 query endpoint, with the same methods as the embedded :class:`~kg.store.Graph`.

    ``graph`` names the graph that holds the data on stores that keep it in a named graph
    (Virtuoso); it is sent as ``default-graph-uri``.

    >>> Endpoint("ftp://example.org/sparql")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: not an http(s) endpoint address: 'ftp://example.org/sparql'
    """

    def __init__(
        self,
        url: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        graph: str | None = None,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        super().__init__(ox.Store())  # empty: only checks the syntax and kind of a query
        self.url = check_url(url)
        self.timeout = check_seconds(timeout, "--remote-timeout")
        self.graph = _graph_iri(graph)
        self.max_bytes = max_bytes

    def query(
        self, sparql: str, *, bindings: dict[str, str] | None = None, allow_remote: bool = False
    ) -> Any:
        """Check ``sparql`` locally (never running any part of it), run it on the endpoint, return Oxigraph's result.

        :raises QuerySyntaxError: for malformed SPARQL or an update, with the line and column.
        :raises RemoteAccessError: for SERVICE or FROM unless ``allow_remote``.
        :raises EndpointError: when the endpoint cannot be reached, answers with an error or
            with a result of the wrong kind, or cuts the result at its row limit.
        """
        from kg.safety import check_query

        check_query(sparql, allow_remote=allow_remote)
        # Only the kind is kept: an Oxigraph result must be dropped on the thread that made it,
        # and one left in the traceback of a failed request may be collected on another thread.
        kind = type(super().query(_inert(sparql)))  # on the empty store: syntax and kind only
        text = _with_prefixes(_bind(sparql, bindings or {}))
        graph_result = kind is ox.QueryTriples
        accept = "application/n-triples" if graph_result else "application/sparql-results+json"
        body, headers = self._send(text, accept)
        result = self._answer(body, headers, graph_result, asked=kind is ox.QueryBoolean)
        from kg.queries import normalise

        return normalise(sparql, result)

    def _answer(
        self, body: bytes, headers: http.client.HTTPMessage, graph_result: bool, *, asked: bool
    ) -> Any:
        """Parse the server's answer into an Oxigraph result of the kind the query asked for.

        Every row is read here, so that a malformed answer fails now, and no half-read
        result is left behind in the traceback of the error.
        """
        shown = redact(self.url)
        result: Any = None
        try:
            if graph_result:
                return (
                    ox.Store().query("CONSTRUCT WHERE { ?s ?p ?o }") if not body.strip() else _triples(body)
                )
            result = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            if isinstance(result, ox.QuerySolutions):
                result = self._checked_rows(result, headers)
        except EndpointError:
            result = None
            raise
        except (SyntaxError, ValueError) as err:
            problem = str(err).strip().splitlines()[0] if str(err).strip() else "malformed"
        else:
            problem = None
        if problem is not None:
            result = None
            raise EndpointError(f"{shown} sent an answer that does not parse: {problem[:200]}")
        if asked and isinstance(result, ox.QuerySolutions):
            result = _virtuoso_ask(result) or result
        if asked != isinstance(result, ox.QueryBoolean):
            kind = "a yes/no answer" if isinstance(result, ox.QueryBoolean) else "a table"
            result = None
            raise EndpointError(f"{shown} sent {kind} to a query of another kind")
        return result

    def _send(self, text: str, accept: str) -> tuple[bytes, http.client.HTTPMessage]:
        params = [("query", text)] + ([("default-graph-uri", self.graph)] if self.graph else [])
        encoded = urllib.parse.urlencode(params)
        if len(encoded) <= MAX_GET:
            sep = "&" if urllib.parse.urlsplit(self.url).query else "?"
            return request(
                self.url + sep + encoded,
                accept=accept,
                timeout=self.timeout,
                max_bytes=self.max_bytes,
                shown=redact(self.url),
            )
        return request(
            self.url,
            data=encoded.encode("ascii"),
            content_type="application/x-www-form-urlencoded",
            accept=accept,
            method="POST",
            timeout=self.timeout,
            max_bytes=self.max_bytes,
            shown=redact(self.url),
        )

    def _checked_rows(self, result: ox.QuerySolutions, headers: http.client.HTTPMessage) -> Any:
        limit = headers.get("X-SPARQL-MaxRows")
        variables, rows = result.variables, list(result)
        del result
        if limit and limit.isdigit() and len(rows) >= int(limit):
            raise EndpointError(
                f"{redact(self.url)} cut the result at its row limit of {limit} rows; "
                "narrow the query or page it with LIMIT and OFFSET"
            )
        store_rows = _Solutions(variables, rows)
        return store_rows.as_result()

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0]["n"] or 0)

    def triples(self) -> list[ox.Triple]:
        """Return every triple of the endpoint's default graph, sorted, read in pages below any row limit.

        Pages are not sorted on the server (Virtuoso refuses to sort past its row limit), so
        the triples read are checked against the server's own count.

        :raises EndpointError: when the pages do not add up to the server's count.
        """
        expected = len(self)
        found: set[ox.Triple] = set()
        offset = 0
        while True:
            page = list(
                self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }} LIMIT {PAGE} OFFSET {offset}")
            )
            found.update(page)
            offset += PAGE
            if len(page) < PAGE or offset >= expected:
                break
        if len(found) != expected:
            raise EndpointError(
                f"{redact(self.url)} counts {expected} triples but its pages held {len(found)}; "
                "the store changed while it was read, or it does not page in a stable order"
            )
        return sorted(found, key=str)

    def add_file(self, path: Any) -> None:
        """Refuse: a remote store is changed with ``upload``, not by merging files into queries."""
        raise InputError("--data cannot be merged into a remote endpoint; upload it first (ilkg upload)")


def _virtuoso_ask(result: ox.QuerySolutions) -> ox.QueryBoolean | None:
    """Read Virtuoso 7's JSON answer to ASK (a one-column table ``__ASK_RETVAL``) as the boolean it means."""
    if [v.value for v in result.variables] != ["__ASK_RETVAL"]:
        return None
    answer = any(row["__ASK_RETVAL"] is not None and row["__ASK_RETVAL"].value == "1" for row in result)
    body = json.dumps({"head": {}, "boolean": answer}).encode()
    return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)


def _triples(body: bytes) -> Any:
    store = ox.Store()
    store.load(body, format=ox.RdfFormat.N_TRIPLES)
    return store.query("CONSTRUCT WHERE { ?s ?p ?o }")


class _Solutions:
    """Rows already read, handed back as Oxigraph's own solutions type."""

    def __init__(self, variables: list[ox.Variable], rows: list[ox.QuerySolution]) -> None:
        self.variables, self.rows = variables, rows

    def as_result(self) -> ox.QuerySolutions:
        names = [v.value for v in self.variables]
        bindings = [{n: _json_term(row[n]) for n in names if row[n] is not None} for row in self.rows]
        body = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}})
        return ox.parse_query_results(body.encode(), format=ox.QueryResultsFormat.JSON)


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != namespaces.XSD + "string":
        out["datatype"] = term.datatype.value
    return out


def _graph_iri(graph: str | None) -> str | None:
    """Return a named graph's IRI if it is one (a typo would otherwise make, or read, a graph of that name)."""
    from kg.queries import checked_iri

    return checked_iri(graph, graph) if graph else graph


def upload(
    graph: Graph,
    store_url: str,
    *,
    graph_iri: str | None = None,
    replace: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> int:
    """Send every triple of ``graph`` to a Graph Store Protocol endpoint; return how many were sent.

    The triples go to the default graph, or to the named graph ``graph_iri`` (Virtuoso keeps
    data only in named graphs); ``replace`` uses PUT (the target graph is replaced), otherwise
    POST (the triples are added). Credentials as for queries (environment or netrc); an
    upload that is redirected fails rather than report a success it did not have.

    :raises EndpointError: when the store cannot be reached or refuses the data.
    """
    base = check_url(store_url)
    graph_iri = _graph_iri(graph_iri)
    target = urllib.parse.urlsplit(base)
    extra = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
    query = f"{target.query}&{extra}" if target.query else extra
    url = urllib.parse.urlunsplit(target._replace(query=query))
    triples = graph.triples()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    request(
        url,
        data=data,
        content_type="application/n-triples",
        accept="*/*",
        method="PUT" if replace else "POST",
        timeout=timeout,
    )
    return len(triples)
