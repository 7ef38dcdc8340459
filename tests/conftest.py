from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from kg import paths
from kg.store import Graph

# tests/tools/ holds scripts run by other interpreters (the kgx venv), not test modules
collect_ignore = ["tools"]

# The compiled-graph cache goes to a private folder, never to the user's ~/.cache.
os.environ["ILKG_CACHE_DIR"] = tempfile.mkdtemp(prefix="ilkg-test-cache-")


@pytest.fixture(scope="session")
def graph() -> Graph:
    """The bundled graph, loaded once for the whole run (tests must not change it)."""
    return Graph.load()


@pytest.fixture(scope="session")
def index(graph):
    """The name index of the bundled graph."""
    from kg.resolve import Index

    return Index.build(graph)


@pytest.fixture
def invoke():
    """Run the ilkg command line in-process, like a user would type it."""

    def run(*args: str, input: str | None = None, catch: bool = True):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=catch)

    return run


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the curated data folder, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(paths.data_dir(), target)
    return target


@pytest.fixture
def user_ttl(tmp_path: Path) -> Path:
    """A user's own Turtle file: a new interleukin fact, with its source."""
    path = tmp_path / "mine.ttl"
    path.write_text(
        """@prefix ilkg: <https://w3id.org/ilkg/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
ilkg:IL6 ilkg:producedBy <http://purl.obolibrary.org/obo/CL_0000232> .
<https://example.org/fact/1> a rdf:Statement ;
    rdf:subject ilkg:IL6 ; rdf:predicate ilkg:producedBy ; rdf:object <http://purl.obolibrary.org/obo/CL_0000232> ;
    dcterms:source <https://www.uniprot.org/uniprotkb/P05231/entry> ; ilkg:evidence "database" .
""",
        encoding="utf-8",
    )
    return path


# ---------------------------------------------------------------- real servers and tools, once per run


def free_port() -> int:
    """Return a TCP port on loopback that nothing listens on."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process, seconds: float = 60.0) -> None:
    """Wait until ``url`` answers, failing with the server's own words if it dies first."""
    import time
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 - loopback
            return
        except OSError:
            assert process.poll() is None, f"the server stopped: {process.args}"
            assert time.monotonic() < deadline, f"no answer from {url} within {seconds} s"
            time.sleep(0.2)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory, graph):
    """A real Oxigraph server on loopback with the bundled graph uploaded; yields its base address."""
    import subprocess
    import sys

    from kg.remote import upload

    beside = Path(sys.executable).parent / "oxigraph"
    binary = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert binary, "the oxigraph server is missing: pip install '.[test]' installs it"
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/query?query=ASK%7B%7D", process)
        assert upload(graph, f"{base}/store", replace=True) == len(graph)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


VIRTUOSO_GRAPH = "https://w3id.org/ilkg/graph"


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory, graph):
    """A real Virtuoso (Debian's virtuoso-opensource) on loopback ports, with a private database.

    The bundled graph is uploaded to the named graph ``VIRTUOSO_GRAPH`` through the
    authenticated Graph Store endpoint (dba's default password on a new database), with the
    credentials in the environment as a user would set them. Yields the HTTP base address.
    """
    import subprocess

    from kg.remote import upload

    binary = shutil.which("virtuoso-t")
    assert binary, "virtuoso-t is missing: apt-get install virtuoso-opensource (see the README test block)"
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(
        f"""[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = {folder}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    saved = {k: os.environ.get(k) for k in ("ILKG_REMOTE_USER", "ILKG_REMOTE_PASSWORD")}
    try:
        wait_for(f"{base}/sparql?query=ASK%7B%7D", process, seconds=120)
        os.environ.update(ILKG_REMOTE_USER="dba", ILKG_REMOTE_PASSWORD="dba")  # noqa: S106 - a new database's default
        try:
            sent = upload(graph, f"{base}/sparql-graph-crud-auth", graph_iri=VIRTUOSO_GRAPH, replace=True)
        finally:
            for key, value in saved.items():
                os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        assert sent == len(graph)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def owlapi():
    """The OWL API and HermiT in one JVM for the whole run (see tests/owlapi.py)."""
    from owlapi import OwlApi

    return OwlApi()


@contextlib.contextmanager
def counting_listener(backlog: int = 8):
    """A loopback TCP listener that counts the connections it receives: yields (url, hits)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(backlog)
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
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", hits
    finally:
        stop.set()
        thread.join(2)
        server.close()


def run(graph, index, name: str, **params: str) -> list[dict[str, str | None]]:
    """Run a bundled query with its parameters, as ``ilkg query --name NAME -p ...`` does."""
    from kg import queries

    return graph.select(queries.get(name).bind(params, index))


def signalling(graph, index, il: str) -> dict[str, set[str]]:
    """Relation -> labels of the proteins an interleukin's receptors use, damp or are damped by."""
    out: dict[str, set[str]] = {}
    for row in run(graph, index, "signalling-of", il=il):
        out.setdefault(str(row["relation"]), set()).add(str(row["proteinLabel"]))
    return out
