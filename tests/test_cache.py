"""The on-disk cache of the compiled graph: same graph, rebuilt when stale or damaged, safe under races."""

from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg import cache
from kg.build import compile_bundled


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ILKG_CACHE_DIR", str(folder))
    return folder


def _load() -> ox.Store:
    store = ox.Store()
    cache.load_bundled(store, compile_bundled)
    return store


def _triples(store: ox.Store) -> set[ox.Triple]:
    return {q.triple for q in store}


def test_a_cached_load_gives_the_compiled_graph(cache_dir):
    first = _load()
    files = list(cache_dir.iterdir())
    assert len(files) == 1 and files[0].name.startswith("bundled-")
    assert _triples(_load()) == _triples(first) == set(compile_bundled())


def test_the_key_follows_content_not_time(tmp_path):
    a = tmp_path / "a.tsv"
    a.write_text("x\n")
    before = cache.content_key([a])
    os.utime(a, (0, 0))
    assert cache.content_key([a]) == before
    a.write_text("y\n")
    assert cache.content_key([a]) != before


def test_a_truncated_cache_file_is_ignored_and_rewritten(cache_dir):
    _load()
    (path,) = cache_dir.iterdir()
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[: len(lines) // 2]))  # whole lines: it still parses
    assert _triples(_load()) == set(compile_bundled())
    assert path.read_bytes().endswith(b" triples\n")


def test_a_garbled_cache_file_is_ignored(cache_dir):
    _load()
    (path,) = cache_dir.iterdir()
    path.write_bytes(b"<not n-triples")
    assert _triples(_load()) == set(compile_bundled())


def test_an_unwritable_cache_folder_costs_only_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("ILKG_CACHE_DIR", str(blocker / "cache"))
    assert _triples(_load()) == set(compile_bundled())


def test_off_means_off(tmp_path, monkeypatch):
    monkeypatch.setenv("ILKG_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _load()
    assert cache.cache_dir() is None and list(tmp_path.iterdir()) == []


def test_two_processes_building_at_once(cache_dir):
    code = "from kg.store import Graph; print(len(Graph.load()))"
    env = {**os.environ, "ILKG_CACHE_DIR": str(cache_dir)}
    runs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env) for _ in range(4)]
    counts = {int(p.communicate(timeout=120)[0]) for p in runs}
    assert all(p.returncode == 0 for p in runs)
    assert counts == {len(set(compile_bundled()))}
    assert [p.name for p in cache_dir.iterdir() if p.name.startswith(".")] == []  # no temporary left over
    assert _triples(_load()) == set(compile_bundled())
