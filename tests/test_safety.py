"""Queries stay read-only and local unless the user allows otherwise; runaway queries are stopped."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from kg.errors import QueryTimeoutError, RemoteAccessError
from kg.results import render_query


@pytest.fixture
def listener():
    """A loopback TCP listener that counts the connections it receives."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    hits: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(conn)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", hits
    stop.set()
    thread.join(2)
    server.close()


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
