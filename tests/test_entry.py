"""The `ilkg` executable: the same answers and exit codes as the commands, without the slow start and end."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import click
import pytest

from cli.entry import GRAPH_COMMANDS, _reads_bundled_graph
from cli.main import cli
from kg import cache

QUERY = "SELECT ?il ?cell WHERE { ?il ilkg:producedBy ?cell } ORDER BY ?il ?cell"

# Runs the real entry point. Before it, a hook reports (at exit, as an exit handler) the heavy
# modules that were imported and whether the store opened early was taken over.
ENTRY = textwrap.dedent(
    """
    import atexit, sys
    import kg.loader

    taken = []
    take = kg.loader._EarlyOpen.take
    kg.loader._EarlyOpen.take = lambda self, entry: taken.append(take(self, entry)) or taken[-1]

    def report():
        heavy = ("rdflib", "networkx", "pyshacl", "igraph", "pyvis", "kg.build", "kg.curation", "kg.schema")
        heavy += ("pathlib", "cli.explore", "cli.cache")  # a few ms each: other commands' modules, pathlib
        found = sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy)
        print(f"heavy={found} early={[t is not None for t in taken]}", file=sys.stderr)

    atexit.register(report)
    sys.argv[0] = "ilkg"
    from cli.entry import main
    main()
    """
)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ILKG_CACHE_DIR", str(folder))
    return folder


def ilkg(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settle(folder) -> None:
    """Build the bundled entry and let it age past the racy window, so that its stats are trusted."""
    assert ilkg("query", "ASK { ?s ?p ?o }").returncode == 0
    time.sleep(cache.RACY_NS / 1e9 + 0.2)
    assert ilkg("query", "ASK { ?s ?p ?o }").returncode == 0  # records the stats, now old enough


def test_a_cached_query_answers_from_the_store_opened_early_and_imports_nothing_heavy(cache_dir, invoke):
    settle(cache_dir)
    run = ilkg("query", QUERY, "--format", "tsv")
    assert run.returncode == 0, run.stderr
    assert run.stdout == invoke("query", QUERY, "--format", "tsv").stdout
    assert run.stderr == "heavy=[] early=[True]\n"


def test_exit_codes_and_one_line_errors_are_those_of_the_commands(cache_dir):
    malformed = ilkg("query", "SELECT ?x WHERE {")
    assert malformed.returncode == 2 and malformed.stderr.startswith("Error: malformed SPARQL")
    slow = ilkg("query", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "--timeout", "0.5")
    assert slow.returncode == 1 and "time limit of 0.5 s" in slow.stderr
    assert ilkg("--version").returncode == 0
    usage = ilkg("query", "--format", "nope")
    assert usage.returncode == 2 and "Invalid value for '--format'" in usage.stderr
    assert ilkg("no-such-command").returncode == 2


def test_a_long_output_is_written_whole(cache_dir, invoke):
    run = ilkg("export", "--format", "nt")
    assert run.returncode == 0
    assert run.stdout == invoke("export", "--format", "nt").stdout
    assert run.stdout.count("\n") > 20_000


def test_standard_input_and_a_closed_output_stream():
    asked = ilkg("query", "--format", "tsv", input="ASK { ilkg:IL10 ilkg:inhibits GO:0006954 }")
    assert asked.returncode == 0 and asked.stdout.strip() == "true"
    command = f"'{sys.executable}' -c 'from cli.entry import main; main()' export >&-"
    run = subprocess.run(command, shell=True, stderr=subprocess.PIPE, timeout=120, check=False)  # noqa: S602
    assert run.returncode == 2
    assert run.stderr.decode() == "Error: cannot write to standard output: it is closed\n"


def test_only_plain_graph_commands_open_the_store_early(monkeypatch):
    monkeypatch.delenv("ILKG_ENDPOINT", raising=False)
    assert _reads_bundled_graph(["query", "ASK {}"]) and _reads_bundled_graph(["show", "IL-6"])
    assert not _reads_bundled_graph([])
    assert not _reads_bundled_graph(["--data", "mine.ttl", "query", "ASK {}"])
    assert not _reads_bundled_graph(["cache", "clear"])  # must not hold the entry it removes
    assert not _reads_bundled_graph(["query", "--help"])
    monkeypatch.setenv("ILKG_ENDPOINT", "http://127.0.0.1:1/query")
    assert not _reads_bundled_graph(["query", "ASK {}"])
    assert GRAPH_COMMANDS <= set(cli.list_commands(click.Context(cli)))


def test_the_entry_point_is_the_installed_command():
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "ilkg"]
    assert script.value == "cli.entry:main"


def test_ctrl_c_stops_a_runaway_query_and_its_child_at_once():
    import signal

    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    process = subprocess.Popen(
        [sys.executable, "-c", ENTRY, "query", query], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(4)  # loaded and evaluating, in the forked child
    assert process.poll() is None
    process.send_signal(signal.SIGINT)
    start = time.monotonic()
    _, err = process.communicate(timeout=10)
    assert time.monotonic() - start < 3
    assert process.returncode == 1 and b"Traceback" not in err
