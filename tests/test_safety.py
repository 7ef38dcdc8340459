"""Queries stay read-only and local unless the user allows otherwise; runaway queries are stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from conftest import counting_listener
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import QuerySyntaxError, QueryTimeoutError, RemoteAccessError
from kg.results import render_query


@pytest.fixture
def listener():
    """A loopback TCP listener that counts the connections it receives."""
    with counting_listener(8) as (url, hits):
        yield url, hits


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        "SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "LOAD <{url}>",
        "ASK {{ service <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_no_connection_leaves_the_machine(invoke, listener, template):
    url, hits = listener
    result = invoke("query", template.format(url=url))
    time.sleep(0.3)
    assert hits == []
    assert result.exit_code == 2
    assert "--allow-remote" in result.stderr or "read-only" in result.stderr


def test_remote_refusal_is_a_clear_error(graph):
    with pytest.raises(RemoteAccessError, match="SERVICE"):
        graph.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_keywords_inside_strings_and_iris_are_not_refused(graph):
    graph.query('SELECT * WHERE { ?s rdfs:label "FROM SERVICE" } LIMIT 1')
    graph.query("SELECT ?service WHERE { ?service a <http://example.org/SERVICE> }")


def test_timeout_stops_a_cross_join(graph):
    start = time.monotonic()
    with pytest.raises(QueryTimeoutError, match="time limit of 0.5 s"):
        render_query(graph, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "tsv", timeout=0.5)
    assert time.monotonic() - start < 10


def test_timeout_on_the_command_line(invoke):
    result = invoke(
        "query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "--timeout", "0.5"
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the query ran past its time limit")


def test_quick_query_under_timeout(invoke):
    result = invoke("query", "ASK { ilkg:IL6 a ilkg:Interleukin }", "--timeout", "30", "--format", "table")
    assert (result.exit_code, result.stdout) == (0, "true\n")


@pytest.mark.parametrize("seconds", ["inf", "1e308", "1e400"])
def test_a_huge_or_infinite_timeout_means_no_limit(invoke, seconds):
    result = invoke("query", "ASK { ilkg:IL6 a ilkg:Interleukin }", "--timeout", seconds, "--format", "table")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "true\n", "")


def test_a_timeout_that_is_not_a_number_is_an_input_error(invoke):
    result = invoke("query", "ASK {}", "--timeout", "nan")
    assert (result.exit_code, result.stderr) == (2, "Error: --timeout takes a number of seconds, not nan\n")


# --- issue 13: the reproducers, each as a test ---------------------------------------------

ILKG = [sys.executable, "-c", "from cli.main import cli; cli()"]


def one_line_error(result, code: int, fragment: str) -> None:
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("Error: "), result.stderr
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("escape", ["\\'", "\\#", '\\"'])
def test_escaped_prefixed_name_does_not_hide_service(invoke, listener, escape):
    url, hits = listener
    text = f"SELECT * WHERE {{ BIND(ilkg:a{escape} AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} FILTER(?x != 'z') }}"
    result = invoke("query", text)
    time.sleep(0.2)
    assert hits == []
    assert result.exit_code == 2


def test_service_in_any_case_or_spacing_is_refused(graph, listener):
    url, hits = listener
    for keyword in ("sErViCe", "SERVICE\n#c\n SILENT", "service\t"):
        with pytest.raises(RemoteAccessError):
            graph.query(f"SELECT * WHERE {{ {keyword} <{url}> {{ ?s ?p ?o }} }}")
    time.sleep(0.2)
    assert hits == []


def test_allow_remote_lets_service_through(invoke, listener):
    url, hits = listener
    result = invoke("query", f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}", "--allow-remote")
    time.sleep(0.2)
    assert result.exit_code == 0
    assert len(hits) >= 1  # the listener is real: it sees the connection it is there to catch


def test_safety_check_is_linear_in_the_query(invoke):
    start = time.monotonic()
    result = invoke("query", "a" * 200_000, "--timeout", "60")
    assert result.exit_code == 2
    assert time.monotonic() - start < 30


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE " + "{" * 2300 + " ?s ?p ?o " + "}" * 2300,
        "SELECT * WHERE { " + "{ SELECT * WHERE " * 1500 + "{ ?s ?p ?o }" + " }" * 1500 + " }",
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    ],
    ids=["braces", "subselects", "parentheses"],
)
def test_deep_nesting_is_refused_before_parsing(invoke, text):
    one_line_error(invoke("query", text), 2, "levels of brackets; the limit is")


def test_deep_nesting_from_standard_input_in_a_real_process(tmp_path):
    text = "SELECT * WHERE " + "{" * 2300 + " ?s ?p ?o " + "}" * 2300
    run = subprocess.run([*ILKG, "query"], check=False, input=text.encode(), capture_output=True, timeout=120)
    assert run.returncode == 2, run.stderr
    assert run.stderr.decode().count("\n") == 1


def test_a_too_long_query_is_refused(graph):
    from kg.safety import MAX_QUERY_CHARS, check_limits

    with pytest.raises(QuerySyntaxError, match="characters long"):
        check_limits("#" * (MAX_QUERY_CHARS + 1))


def test_a_default_time_limit_stops_a_query_without_timeout(graph, monkeypatch):
    import kg.timeout

    monkeypatch.setattr(kg.timeout, "DEFAULT_TIMEOUT", 0.5)
    with pytest.raises(QueryTimeoutError, match="time limit of 0.5 s"):
        render_query(graph, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "tsv")


def test_ctrl_c_stops_a_runaway_query_at_once():
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    process = subprocess.Popen([*ILKG, "query", query], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(4)  # loaded and evaluating
    assert process.poll() is None
    process.send_signal(signal.SIGINT)
    start = time.monotonic()
    _, err = process.communicate(timeout=10)
    assert time.monotonic() - start < 3
    assert process.returncode == 1
    assert b"Traceback" not in err


def test_memory_ceiling_ends_a_query_in_one_line(invoke, monkeypatch):
    monkeypatch.setenv("ILKG_MAX_MEMORY", "300M")
    result = invoke("query", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f", "--timeout", "120")
    one_line_error(result, 1, "memory ceiling")


def test_a_crash_in_the_engine_is_one_line(graph):
    from kg.errors import QueryFailedError
    from kg.timeout import call_with_timeout

    with pytest.raises(QueryFailedError, match="crashed"):
        call_with_timeout(lambda: os.kill(os.getpid(), signal.SIGSEGV) or b"", 10)


def test_syntax_errors_keep_their_caret_across_the_child(invoke):
    result = invoke("query", "SELECT ?x WHERE {\n  ?x ilkg:producedBy\n}")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].strip() == "^"


# --- mutations around SERVICE: the engine never connects without --allow-remote -----------------

_NOISE = [
    "ilkg:a\\'",
    "ilkg:a\\#",
    "ilkg:a\\.b",
    '"x\\"y"',
    "'z'",
    '"""a " b"""',
    "'''c ' d'''",
    "# SERVICE in a comment\n",
    "#\r",
    "<http://example.org/#SERVICE>",
    "?service",
    "$from",
    "_:service",
    '"SERVICE"@en',
    "\\u0053",
    "ſ",
    "K",
    "é",
    "\u00a0",
    "\u2028",
    "/*",
    "*/",
    "FROM",
    "{",
    "}",
    ".",
    ";",
    "BIND(1 AS ?x)",
    "FILTER(?x != 'z')",
    "OPTIONAL",
    "SILENT",
]


@st.composite
def service_query(draw, url: str):
    keyword = "".join(c.upper() if draw(st.booleans()) else c for c in "service")
    gap = draw(st.sampled_from([" ", "\n", "\t", "#c\n", " SILENT ", "\n#x\nSILENT\n", ""]))
    before = " ".join(draw(st.lists(st.sampled_from(_NOISE), max_size=4)))
    after = " ".join(draw(st.lists(st.sampled_from(_NOISE), max_size=3)))
    body = f"{before} {keyword}{gap}<{url}> {{ ?s ?p ?o }} {after}"
    return draw(
        st.sampled_from(
            [f"SELECT * WHERE {{ {body} }}", f"ASK {{ {body} }}", f"SELECT * {{ {body} }} LIMIT 1"]
        )
    )


def test_mutated_service_queries_never_connect(graph, listener):
    from kg.errors import IlkgError

    url, hits = listener

    @settings(max_examples=150, deadline=None, derandomize=True)
    @given(data=st.data())
    def run(data):
        text = data.draw(service_query(url))
        try:
            render_query(graph, text, "tsv", timeout=10)
        except IlkgError:
            pass
        assert hits == [], text

    run()
    time.sleep(0.3)
    assert hits == []


def test_an_endpoint_error_body_cannot_drive_the_terminal(invoke):
    """A hostile server's error text is shown with its control characters escaped."""
    import http.server

    class Hostile(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"\x1b]0;owned\x07 \x1b[2J broken")

        do_GET = do_POST  # the endpoint client may ask with either

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hostile)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/query"
        result = invoke("--endpoint", url, "query", "ASK { ?s ?p ?o }")
    finally:
        thread.join(10)
        server.server_close()
    one_line_error(result, 1, "\\x1b]0;owned\\x07")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
