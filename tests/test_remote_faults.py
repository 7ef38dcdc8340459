"""Remote faults against a local misbehaving HTTP server: each one line on stderr and a documented exit code."""

from __future__ import annotations

import http.server
import threading
import time
from typing import ClassVar

import pytest
from conftest import free_port

from kg.errors import InputError
from kg.remote import Endpoint, EndpointError, upload
from kg.store import Graph

# an Oxigraph result dropped on one of the fake server's threads is a bug here, not noise
pytestmark = pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")

SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
ROWS = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"https://w3id.org/ilkg/IL6"}}]}}'


class Misbehaving(http.server.BaseHTTPRequestHandler):
    """Each path is one fault; every handler ends by itself within a few seconds."""

    hits: ClassVar[list[str]] = []

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for key, value in (headers or {"Content-Type": "application/sparql-results+json"}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Misbehaving.hits.append(self.path)
        path = self.path.split("?")[0]
        if path == "/ok":
            self._send(200, ROWS)
        elif path == "/hang":
            time.sleep(4)
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            for _ in range(20):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
        elif path == "/error":
            self._send(503, b"Service Unavailable\nbusy", {"Content-Type": "text/plain"})
        elif path == "/to-ftp":
            self._send(302, b"", {"Location": "ftp://127.0.0.1/x"})
        elif path == "/to-ok":
            self._send(302, b"", {"Location": "/ok"})
        elif path == "/big":
            self._send(200, b" " * 5000 + ROWS)
        elif path == "/malformed":
            self._send(200, b'{"head": {"vars": ["s"]}, "results": {"bindings": [')
        elif path == "/capped":
            self._send(
                200, ROWS, {"Content-Type": "application/sparql-results+json", "X-SPARQL-MaxRows": "1"}
            )
        elif path == "/boolean":
            self._send(200, b'{"head":{},"boolean":true}')
        else:
            self._send(404, b"no such path", {"Content-Type": "text/plain"})

    def do_PUT(self) -> None:
        Misbehaving.hits.append(self.path)
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._send(307, b"", {"Location": "/elsewhere"})

    do_HEAD = do_GET


@pytest.fixture(scope="module")
def fake():
    class Quiet(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address) -> None:
            pass  # a client that gave up mid-answer is what these tests do

    server = Quiet(("127.0.0.1", free_port()), Misbehaving)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _one_line(result, code: int, *words: str) -> None:
    assert result.exit_code == code, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_a_redirect_for_a_get_to_http_is_followed(fake):
    assert Endpoint(f"{fake}/to-ok").select(SELECT) == [{"s": "https://w3id.org/ilkg/IL6"}]


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/error", ("answered 503",)),
        ("/to-ftp", ("non-http",)),
        ("/malformed", ("does not parse",)),
        ("/boolean", ("yes/no answer",)),
        ("/no-such-path", ("answered 404",)),
    ],
)
def test_faults_are_one_line_and_exit_1(invoke, fake, path, words):
    _one_line(invoke("--endpoint", f"{fake}{path}", "query", SELECT), 1, *words)


@pytest.mark.parametrize("path", ["/hang", "/trickle"])
def test_one_overall_deadline(invoke, fake, path):
    started = time.monotonic()
    result = invoke("--endpoint", f"{fake}{path}", "--remote-timeout", "1", "query", SELECT)
    assert time.monotonic() - started < 3.5
    _one_line(result, 1, "did not answer within 1 s")


def test_connection_refused(invoke):
    _one_line(
        invoke("--endpoint", f"http://127.0.0.1:{free_port()}/sparql", "query", SELECT), 1, "cannot reach"
    )


def test_a_body_past_the_limit(fake):
    with pytest.raises(EndpointError, match="more than the limit of 1000"):
        Endpoint(f"{fake}/big", max_bytes=1000).select(SELECT)


@pytest.mark.parametrize(
    "url",
    [
        "http://exa mple.org/sparql",
        "http://127.0.0.1/sparql\r\nX-Evil: 1",
        "http://[::1",
        "file:///etc/passwd",
    ],
)
def test_malformed_endpoint_addresses_are_input_errors(invoke, url):
    _one_line(invoke("--endpoint", url, "query", SELECT), 2)


def test_a_redirected_upload_fails_and_never_reports_success(invoke, fake, user_ttl):
    result = invoke("--data", str(user_ttl), "upload", f"{fake}/store", "--replace")
    _one_line(result, 1, "redirected a PUT")
    assert "triples to" not in result.stderr and not result.stdout
    with pytest.raises(EndpointError):
        upload(Graph.load([user_ttl], bundled=False), f"{fake}/store", replace=True)


def test_tokens_in_the_address_are_masked_in_messages(invoke, fake):
    result = invoke("--endpoint", f"{fake}/error?access_token=TOPSECRET", "query", SELECT)
    _one_line(result, 1, "access_token=***")
    assert "TOPSECRET" not in result.stderr


def test_nothing_of_a_query_runs_locally_not_even_its_service(invoke, fake):
    Misbehaving.hits.clear()
    service = f"SELECT ?s WHERE {{ SERVICE <{fake}/service-target> {{ ?s ?p ?o }} }}"
    invoke("--endpoint", f"{fake}/ok", "query", "--allow-remote", service)
    assert Misbehaving.hits and not any(h.startswith("/service-target") for h in Misbehaving.hits)


def _dropped_on_another_thread(holder: list) -> list[str]:
    """Drop what ``holder`` keeps (and collect cycles) on a fresh thread; return what could not be dropped there."""
    import gc
    import sys

    caught: list[str] = []
    previous, sys.unraisablehook = (
        sys.unraisablehook,
        lambda u: caught.append(f"{u.exc_type.__name__}: {u.exc_value}"),
    )
    try:
        thread = threading.Thread(target=lambda: (holder.clear(), gc.collect()))
        thread.start()
        thread.join()
    finally:
        sys.unraisablehook = previous
    return caught


@pytest.mark.parametrize("path", ["/error", "/malformed", "/boolean", "/capped", "/hang"])
def test_a_failed_remote_query_leaves_no_oxigraph_result_for_another_thread(fake, path):
    # Oxigraph's result iterators must be dropped on the thread that made them; a failed
    # request must not leave one in its traceback for the garbage collector of another thread.
    with pytest.raises(EndpointError) as caught:
        Endpoint(f"{fake}{path}", timeout=0.5).select(SELECT)
    assert _dropped_on_another_thread([caught]) == []


@pytest.mark.parametrize(
    ("method", "sparql"),
    [("select", "ASK {}"), ("select", "CONSTRUCT WHERE { ?s ?p ?o }"), ("ask", "SELECT * {}")],
)
def test_a_query_of_the_wrong_kind_leaves_no_oxigraph_result_for_another_thread(method, sparql):
    import pyoxigraph as ox

    from kg.errors import QuerySyntaxError

    with pytest.raises(QuerySyntaxError) as caught:
        getattr(Graph(ox.Store()), method)(sparql)
    assert _dropped_on_another_thread([caught]) == []


@pytest.mark.parametrize("seconds", ["inf", "1e308"])
def test_a_huge_remote_timeout_means_no_limit(invoke, fake, seconds):
    result = invoke(
        "--endpoint", f"{fake}/ok", "--remote-timeout", seconds, "query", SELECT, "--format", "tsv"
    )
    assert (result.exit_code, result.stdout) == (0, "?s\n<https://w3id.org/ilkg/IL6>\n"), result.stderr


def test_a_remote_timeout_that_is_not_a_number_is_an_input_error(invoke, fake):
    _one_line(invoke("--endpoint", f"{fake}/ok", "--remote-timeout", "nan", "query", SELECT), 2, "not nan")
    with pytest.raises(InputError, match="not nan"):
        Endpoint(f"{fake}/ok", timeout=float("nan"))
