"""Loading --data files: once into the cache, again when they change, compressed, from standard input."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kg import cache, progress
from kg.build import compile_bundled
from kg.errors import DataFileError
from kg.store import Graph

BUNDLED = len(set(compile_bundled()))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ILKG_CACHE_DIR", str(folder))
    return folder


def _fact(value: str) -> str:
    return f'<https://example.org/gene/1> <http://www.w3.org/2000/01/rdf-schema#label> "{value}" .\n'


def _label(graph: Graph) -> list[dict]:
    return graph.select("SELECT ?l WHERE { <https://example.org/gene/1> rdfs:label ?l }")


def _data_entries(folder: Path) -> list[Path]:
    return [p for p in cache.entries(folder) if p.name.startswith("data-")]


def test_a_data_file_is_loaded_once_then_reused(cache_dir, user_ttl):
    first = Graph.load([user_ttl])
    (entry,) = _data_entries(cache_dir)
    inode = (entry / "store").stat().st_ino
    again = Graph.load([user_ttl])
    assert again.entry is not None and again.entry.path == entry
    assert (entry / "store").stat().st_ino == inode
    assert len(first) == len(again) == BUNDLED + 7


def test_a_changed_data_file_is_read_again(cache_dir, tmp_path):
    """Same size, same modification time, within the same clock tick: still seen."""
    mine = tmp_path / "mine.nt"
    mine.write_text(_fact("GENE1"))
    assert _label(Graph.load([mine])) == [{"l": "GENE1"}]
    st = mine.stat()
    mine.write_text(_fact("GENE2"))
    os.utime(mine, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert _label(Graph.load([mine])) == [{"l": "GENE2"}]
    assert _label(Graph.load([mine])) == [{"l": "GENE2"}]


def test_the_cli_reads_a_changed_data_file_again(cache_dir, tmp_path, invoke):
    mine = tmp_path / "mine.ttl"
    mine.write_text(_fact("before"))
    question = "SELECT ?l WHERE { <https://example.org/gene/1> rdfs:label ?l }"
    assert invoke("--data", str(mine), "query", question, "--format", "csv").output.split() == ["l", "before"]
    mine.write_text(_fact("after!"))
    assert invoke("--data", str(mine), "query", question, "--format", "csv").output.split() == ["l", "after!"]


def test_several_files_and_the_bundled_graph_answer_together(cache_dir, tmp_path, user_ttl):
    other = tmp_path / "other.nt"
    other.write_text(_fact("GENE1"))
    graph = Graph.load([user_ttl, other])
    assert len(graph) == BUNDLED + 8
    assert _label(graph) == [{"l": "GENE1"}]
    assert graph.ask("ASK { ilkg:IL6 ilkg:producedBy CL:0000232 }")
    assert len(Graph.load([other, user_ttl])) == BUNDLED + 8  # the same set: the same entry
    assert len(_data_entries(cache_dir)) == 1
    assert len(Graph.load([other], bundled=False)) == 1


@pytest.mark.parametrize(
    ("suffix", "compress"), [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)]
)
def test_compressed_files_by_extension(cache_dir, tmp_path, user_ttl, suffix, compress):
    packed = tmp_path / f"mine.ttl{suffix}"
    packed.write_bytes(compress(user_ttl.read_bytes()))
    assert set(Graph.load([packed]).triples()) == set(Graph.load([user_ttl]).triples())


def test_a_corrupt_compressed_file_is_an_input_error(cache_dir, tmp_path, invoke):
    packed = tmp_path / "mine.nt.gz"
    packed.write_bytes(b"not gzip at all")
    result = invoke("--data", str(packed), "stats")
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {packed}: cannot read: not valid gz data")
    assert _data_entries(cache_dir) == [] and not list(cache_dir.glob(".build-*"))


def test_a_malformed_file_names_line_and_column_and_leaves_no_entry(cache_dir, tmp_path, invoke):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix : <https://example.org/> .\n:a :b :c ;\n :d .\n")
    result = invoke("--data", str(bad), "stats")
    assert result.exit_code == 2
    assert result.output == f"Error: {bad}: malformed Turtle: line 3, column 5: . is not a valid RDF object\n"
    assert _data_entries(cache_dir) == [] and not list(cache_dir.glob(".build-*"))


@pytest.mark.parametrize(
    ("name", "pack", "said"),
    [
        ("mine.ttl", gzip.compress, "gzip-compressed: end its name with .gz"),
        ("mine.nt", bz2.compress, "bzip2-compressed: end its name with .bz2"),
        ("mine.ttl", lzma.compress, "xz-compressed: end its name with .xz"),
        ("mine.ttl", lambda data: data.decode().encode("utf-16"), "UTF-16 text; RDF files are read as UTF-8"),
    ],
)
def test_a_file_whose_name_hides_what_it_is_is_named_for_what_it_is(
    cache_dir, tmp_path, invoke, user_ttl, name, pack, said
):
    disguised = tmp_path / name
    disguised.write_bytes(pack(user_ttl.read_bytes()))
    result = invoke("--data", str(disguised), "stats")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and f"{disguised}: not " in result.stderr and said in result.stderr


def test_standard_input_with_a_format(cache_dir, user_ttl, invoke):
    args = ("--data", "-", "--data-format", "turtle", "query", COUNT, "--format", "csv")
    result = invoke(*args, input=user_ttl.read_text())
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == str(BUNDLED + 7)
    assert invoke(*args, input=user_ttl.read_text()).output.splitlines()[1] == str(BUNDLED + 7)
    assert len(_data_entries(cache_dir)) == 1  # the same content: the same entry
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".stdin-")]


def test_standard_input_needs_a_format(invoke):
    result = invoke("--data", "-", "stats", input="")
    assert result.exit_code == 2 and "--data-format" in result.output


def test_an_unknown_extension_can_be_told_its_format(cache_dir, tmp_path, invoke):
    odd = tmp_path / "mine.data"
    odd.write_text(_fact("GENE1"))
    assert invoke("--data", str(odd), "stats").exit_code == 2
    assert invoke("--data", str(odd), "--data-format", "nt", "stats").exit_code == 0


def test_an_unwritable_cache_folder_warns_once_and_answers(tmp_path, monkeypatch, invoke, user_ttl):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("ILKG_CACHE_DIR", str(blocker / "cache"))
    result = invoke("--data", str(user_ttl), "query", COUNT, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == str(BUNDLED + 7)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "cannot write the cache folder" in warnings[0]


def test_a_full_disk_leaves_no_half_entry_and_says_so(tmp_path, user_ttl):
    """A real full disk: a 1 MB tmpfs (in a private mount namespace) holding the cache folder."""
    folder = tmp_path / "small"
    folder.mkdir()
    script = textwrap.dedent(
        f"""
        set -e
        mount -t tmpfs -o size=1m tmpfs {folder}
        ILKG_CACHE_DIR={folder}/cache {sys.executable} -c 'from cli.main import cli; cli()' \\
            --data {user_ttl} query "{COUNT}" --format csv
        echo "left: $(ls -A {folder}/cache | grep -v -e '^locks$' -e '^index$' | tr '\\n' ' ')"
        """
    )
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == str(BUNDLED + 7)
    assert done.stdout.splitlines()[-1].strip() == "left:"
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "no room left on the disk" in warnings[0], done.stderr


def test_two_processes_loading_the_same_file_at_once(cache_dir, user_ttl):
    code = f"from kg.store import Graph; print(len(Graph.load([{str(user_ttl)!r}])))"
    env = {**os.environ, "ILKG_CACHE_DIR": str(cache_dir)}
    runs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env) for _ in range(4)]
    assert {int(p.communicate(timeout=120)[0]) for p in runs} == {BUNDLED + 7}
    assert all(p.returncode == 0 for p in runs)
    (entry,) = _data_entries(cache_dir)
    assert cache.verify(entry, cache.read_manifest(entry), full=True)
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".")]


def test_a_cached_query_imports_nothing_heavy(cache_dir, user_ttl):
    """With a valid cache, neither the compiler nor rdflib, networkx, pyshacl or igraph is imported."""
    code = textwrap.dedent(
        """
        import sys
        from cli.main import cli
        try:
            cli(sys.argv[1:])
        except SystemExit as done:
            assert not done.code, done.code
        heavy = ("rdflib", "networkx", "pyshacl", "igraph", "kg.build", "kg.curation", "kg.schema")
        print(sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy))
        """
    )
    env = {**os.environ, "ILKG_CACHE_DIR": str(cache_dir)}
    run = [sys.executable, "-c", code, "query", "ASK { ilkg:IL6 ?p ?o }"]
    subprocess.run(run, check=True, env=env, capture_output=True)  # builds the entry
    assert subprocess.run(run, check=True, env=env, capture_output=True, text=True).stdout.endswith("[]\n")
    with_data = [sys.executable, "-c", code, "--data", str(user_ttl), "query", "ASK { ilkg:IL6 ?p ?o }"]
    subprocess.run(with_data, check=True, env=env, capture_output=True)
    found = subprocess.run(with_data, check=True, env=env, capture_output=True, text=True).stdout
    assert "rdflib" not in found and "kg.build" not in found and "networkx" not in found


def test_the_progress_bar_draws_on_a_terminal_after_a_second(tmp_path, monkeypatch):
    mine = tmp_path / "mine.nt"
    mine.write_text("".join(_fact(f"GENE{n}").replace("/1>", f"/{n}>") for n in range(2000)))
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    shown = io.StringIO()
    graph = Graph.load([mine], bundled=False, progress=progress.Progress(shown, enabled=True))
    assert len(graph) == 2000
    text = shown.getvalue()
    assert "loading" in text and "triples" in text and "/s" in text
    assert text.rstrip().splitlines()[-1].strip().startswith("loaded 2k triples in ")


def test_no_progress_bar_when_piped_or_quick(cache_dir, tmp_path, invoke):
    mine = tmp_path / "mine.nt"
    mine.write_text(_fact("GENE1"))
    result = invoke("--data", str(mine), "stats")
    assert result.exit_code == 0 and result.stderr == ""
    quiet = io.StringIO()
    Graph.load([mine], bundled=False, progress=progress.Progress(quiet, enabled=True))
    assert quiet.getvalue() == ""  # well under a second


def test_a_missing_file(cache_dir, tmp_path):
    with pytest.raises(DataFileError, match="cannot read"):
        Graph.load([tmp_path / "nowhere.ttl"])


def test_add_file_on_a_cached_graph_carries_on_in_memory(cache_dir, user_ttl):
    graph = Graph.load()
    graph.add_file(user_ttl)
    assert graph.entry is None and len(graph) == BUNDLED + 7
    assert len(Graph.load()) == BUNDLED  # the cached entry is untouched


def test_the_bundled_graph_copied_into_a_data_entry_is_the_bundled_graph(cache_dir, tmp_path):
    empty = tmp_path / "empty.nt"
    empty.write_text("")
    assert set(Graph.load([empty]).triples()) == set(Graph.load().triples())
    shutil.rmtree(cache_dir)
    assert len(Graph.load([empty])) == BUNDLED


# --- the bundled store opened early, in a thread (what the `ilkg` executable does) -------------


@pytest.fixture
def settled(cache_dir, monkeypatch):
    """A built bundled entry whose files count as old enough to trust (no racy window)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    return Graph.load().entry


def _early():
    from kg import loader

    loader.open_bundled_early()
    (early,) = loader._EARLY.values()
    early.thread.join()
    return early


def test_the_store_opened_early_is_the_one_answered_from(settled):
    early = _early()
    graph = Graph.load()
    assert early.store is not None and graph.store is early.store
    assert graph.entry.path == settled.path and len(graph) == BUNDLED


def test_a_store_written_while_it_was_opened_early_is_opened_again(settled):
    early = _early()
    sst = next(settled.store_path.glob("*.sst"))
    os.utime(sst)  # same bytes, but a write could have happened: its ctime moved
    graph = Graph.load()
    assert graph.store is not early.store and len(graph) == BUNDLED


def test_a_damaged_entry_is_rebuilt_even_when_opened_early(settled):
    early = _early()
    sst = max(settled.store_path.glob("*.sst"), key=lambda p: p.stat().st_size)
    data = bytearray(sst.read_bytes())
    data[len(data) // 2] ^= 0xFF
    sst.write_bytes(bytes(data))
    graph = Graph.load()
    assert graph.store is not early.store
    assert set(graph.triples()) == set(compile_bundled())


def test_nothing_is_opened_early_without_a_settled_entry(cache_dir):
    from kg import loader

    loader.open_bundled_early()  # nothing built yet
    assert not loader._EARLY
    Graph.load()  # built just now: its files are within the racy window
    loader.open_bundled_early()
    assert not loader._EARLY
