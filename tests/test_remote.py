"""Real SPARQL servers on loopback (Oxigraph and Virtuoso): upload the graph, then every command answers from it."""

from __future__ import annotations

import pytest
from conftest import VIRTUOSO_GRAPH, free_port

from kg import queries
from kg.remote import Endpoint, EndpointError, upload


@pytest.fixture(scope="module")
def stores(graph, oxigraph_server, virtuoso):
    """The same graph three ways: embedded, in an Oxigraph server, in Virtuoso's named graph."""
    return {
        "embedded": graph,
        "oxigraph": Endpoint(f"{oxigraph_server}/query"),
        "virtuoso": Endpoint(f"{virtuoso}/sparql", graph=VIRTUOSO_GRAPH),
    }


def test_the_stores_hold_the_same_graph(stores, graph):
    assert {name: len(store) for name, store in stores.items()} == dict.fromkeys(stores, len(graph))


@pytest.mark.parametrize("named", queries.bundled(), ids=lambda q: q.name)
def test_every_bundled_query_answers_the_same_in_every_store(stores, index, named):
    text = named.bind({}, index)
    answers = {
        name: sorted(sorted((k, v or "") for k, v in row.items()) for row in store.select(text))
        for name, store in stores.items()
    }
    assert answers["oxigraph"] == answers["embedded"]
    assert answers["virtuoso"] == answers["embedded"]


def test_cli_commands_answer_from_the_endpoint(invoke, oxigraph_server, graph):
    endpoint = f"{oxigraph_server}/query"
    stats = invoke("--endpoint", endpoint, "stats", catch=False)
    assert stats.exit_code == 0 and f"triples  {len(graph)}" in stats.stdout
    card = invoke("--endpoint", endpoint, "show", "IL-17D", catch=False)
    assert card.exit_code == 0 and "(organism=mouse)" in card.stdout
    assert invoke("--endpoint", endpoint, "show", "IL-6").stdout == invoke("show", "IL-6").stdout
    ask = invoke("--endpoint", endpoint, "query", "ASK { ilkg:IL10 ilkg:inhibits GO:0006954 }")
    assert ask.stdout.strip() == "true"


def test_virtuoso_through_the_cli_with_a_named_graph(invoke, virtuoso, graph):
    args = ("--endpoint", f"{virtuoso}/sparql", "--remote-graph", VIRTUOSO_GRAPH)
    stats = invoke(*args, "stats", catch=False)
    assert stats.exit_code == 0 and f"triples  {len(graph)}" in stats.stdout
    assert invoke(*args, "show", "IL-6").stdout == invoke("show", "IL-6").stdout


def test_a_long_query_goes_as_a_form_post_that_virtuoso_answers(stores):
    values = " ".join(f"<https://example.org/x{i}>" for i in range(300))  # well past a GET's length
    text = f"SELECT ?l WHERE {{ VALUES ?x {{ {values} ilkg:IL6 }} ?x rdfs:label ?l }}"
    assert stores["virtuoso"].select(text) == stores["embedded"].select(text) == [{"l": "IL-6"}]


def test_export_through_virtuoso_pages_past_its_row_limit(invoke, virtuoso, graph, tmp_path):
    assert len(graph) > 10000  # Virtuoso's ResultSetMaxRows in the fixture
    out = tmp_path / "g.nt"
    args = ("--endpoint", f"{virtuoso}/sparql", "--remote-graph", VIRTUOSO_GRAPH)
    assert invoke(*args, "export", "--format", "nt", "-o", str(out), catch=False).exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(graph)


def test_a_select_cut_at_the_row_limit_is_reported_not_silently_short(invoke, virtuoso):
    args = ("--endpoint", f"{virtuoso}/sparql", "--remote-graph", VIRTUOSO_GRAPH)
    result = invoke(*args, "query", "SELECT * WHERE { ?s ?p ?o }")
    assert result.exit_code == 1
    assert "row limit of 10000" in result.stderr and result.stderr.count("\n") == 1


def test_upload_to_virtuoso_with_netrc_credentials_never_printed(
    invoke, virtuoso, tmp_path, monkeypatch, user_ttl
):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login dba password dba\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.delenv("ILKG_REMOTE_USER", raising=False)
    store = f"{virtuoso}/sparql-graph-crud-auth"
    result = invoke(
        "--data", str(user_ttl), "upload", store, "--graph", "https://example.org/mine", catch=False
    )
    assert result.exit_code == 0 and "dba" not in result.stderr
    mine = Endpoint(f"{virtuoso}/sparql", graph="https://example.org/mine")
    assert mine.ask("ASK { ilkg:IL6 ilkg:producedBy CL:0000232 }")
    monkeypatch.setenv("NETRC", str(tmp_path / "none"))
    refused = invoke("upload", store, "--graph", "https://example.org/mine")
    assert refused.exit_code == 1 and "401" in refused.stderr and refused.stderr.count("\n") == 1


def test_credentials_in_the_address_are_refused_and_masked(invoke):
    result = invoke("--endpoint", "http://ann:s3cret@127.0.0.1:9/sparql", "stats")
    assert result.exit_code == 2 and "s3cret" not in result.stderr and "***@" in result.stderr


def test_a_syntax_error_reads_as_it_does_locally(invoke, oxigraph_server):
    bad = "SELECT * WHERE { ?s ?p }"
    remote = invoke("--endpoint", f"{oxigraph_server}/query", "query", bad)
    assert remote.exit_code == 2
    assert remote.stderr == invoke("query", bad).stderr


def test_service_is_refused_before_anything_is_sent(invoke, oxigraph_server):
    result = invoke(
        "--endpoint",
        f"{oxigraph_server}/query",
        "query",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    )
    assert result.exit_code == 2 and "--allow-remote" in result.stderr


def test_upload_to_a_named_graph_leaves_the_default_graph(oxigraph_server, graph, user_ttl):
    from kg.store import Graph

    mine = Graph.load([user_ttl], bundled=False)
    assert upload(mine, f"{oxigraph_server}/store", graph_iri="https://example.org/mine") == len(mine)
    remote = Endpoint(f"{oxigraph_server}/query")
    assert remote.ask("ASK { GRAPH <https://example.org/mine> { ?s ?p ?o } }")
    assert len(remote) == len(graph)


def test_unreachable_endpoint_is_one_line_and_exit_1(invoke):
    result = invoke("--endpoint", f"http://127.0.0.1:{free_port()}/query", "stats")
    assert result.exit_code == 1
    assert (
        result.stderr.startswith("Error: cannot reach http://127.0.0.1:") and result.stderr.count("\n") == 1
    )


def test_data_and_endpoint_do_not_mix(invoke, user_ttl):
    result = invoke("--endpoint", "http://127.0.0.1:9/query", "--data", str(user_ttl), "stats")
    assert result.exit_code == 2 and "--data cannot be merged" in result.stderr


def test_a_store_error_is_reported(oxigraph_server):
    with pytest.raises(EndpointError, match="answered 4"):
        Endpoint(f"{oxigraph_server}/no-such-path").select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
