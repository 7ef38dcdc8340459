"""A real Oxigraph server on loopback: upload the graph, then every command answers from it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg import queries
from kg.remote import Endpoint, EndpointError, upload


def _oxigraph() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph server is missing: pip install '.[test]' installs it"
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, graph):
    """An Oxigraph server with the bundled graph uploaded; yields its base address."""
    port = _free_port()
    process = subprocess.Popen(
        [
            _oxigraph(),
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("oxigraph")),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()  # noqa: S310
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
                time.sleep(0.1)
        assert upload(graph, f"{base}/store", replace=True) == len(graph)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def remote(server):
    return Endpoint(f"{server}/query")


def test_the_store_holds_the_same_graph(remote, graph):
    assert len(remote) == len(graph)


@pytest.mark.parametrize("named", queries.bundled(), ids=lambda q: q.name)
def test_every_bundled_query_answers_the_same_remotely(remote, graph, index, named):
    text = named.bind({}, index)

    def rows(g):
        # GROUP_CONCAT order is up to each engine: compare each cell as a set of its parts
        return sorted(
            tuple(sorted((k, "|".join(sorted((v or "").split("|")))) for k, v in r.items()))
            for r in g.select(text)
        )

    assert rows(remote) == rows(graph)


def test_cli_commands_answer_from_the_endpoint(invoke, server, graph):
    endpoint = f"{server}/query"
    stats = invoke("--endpoint", endpoint, "stats", catch=False)
    assert stats.exit_code == 0 and f"triples  {len(graph)}" in stats.stdout
    card = invoke("--endpoint", endpoint, "show", "IL-17D", catch=False)
    assert card.exit_code == 0 and "CD93" in card.stdout and "(organism=mouse)" in card.stdout
    local = invoke("show", "IL-6", catch=False).stdout
    assert invoke("--endpoint", endpoint, "show", "IL-6").stdout == local
    ask = invoke("--endpoint", endpoint, "query", "ASK { ilkg:IL10 ilkg:inhibits GO:0006954 }")
    assert ask.stdout.strip() == "true"


def test_viz_draws_from_the_endpoint(invoke, server, tmp_path):
    page = tmp_path / "il17a.html"
    result = invoke("--endpoint", f"{server}/query", "viz", "IL-17A", "-o", str(page), catch=False)
    assert result.exit_code == 0 and "IL-17A" in page.read_text()


def test_a_syntax_error_reads_as_it_does_locally(invoke, server):
    bad = "SELECT * WHERE { ?s ?p }"
    remote = invoke("--endpoint", f"{server}/query", "query", bad)
    assert remote.exit_code == 2
    assert remote.stderr == invoke("query", bad).stderr


def test_service_is_refused_before_anything_is_sent(invoke, server):
    result = invoke(
        "--endpoint",
        f"{server}/query",
        "query",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    )
    assert result.exit_code == 2 and "--allow-remote" in result.stderr


def test_upload_to_a_named_graph(server, graph, user_ttl):
    from kg.store import Graph

    mine = Graph.load([user_ttl], bundled=False)
    assert upload(mine, f"{server}/store", graph_iri="https://example.org/mine") == len(mine)
    remote = Endpoint(f"{server}/query")
    assert remote.ask("ASK { GRAPH <https://example.org/mine> { ?s ?p ?o } }")
    assert len(remote) == len(graph)  # the default graph is untouched


def test_unreachable_endpoint_is_one_line_and_exit_1(invoke):
    result = invoke("--endpoint", f"http://127.0.0.1:{_free_port()}/query", "stats")
    assert result.exit_code == 1
    assert (
        result.stderr.startswith("Error: cannot reach http://127.0.0.1:") and result.stderr.count("\n") == 1
    )


def test_data_and_endpoint_do_not_mix(invoke, user_ttl):
    result = invoke("--endpoint", "http://127.0.0.1:9/query", "--data", str(user_ttl), "stats")
    assert result.exit_code == 2 and "--data cannot be merged" in result.stderr


def test_not_an_http_address(invoke):
    result = invoke("--endpoint", "file:///etc/passwd", "stats")
    assert result.exit_code == 2 and "not an http(s) endpoint address" in result.stderr


def test_a_store_error_is_reported(server):
    with pytest.raises(EndpointError, match="answered 4"):
        Endpoint(f"{server}/no-such-path").select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
