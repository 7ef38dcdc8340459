"""The on-disk cache: the same graph from a store built once, never an answer from a damaged entry."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import cache
from kg.build import compile_bundled
from kg.store import Graph

COMPILED = set(compile_bundled())


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ILKG_CACHE_DIR", str(folder))
    return folder


def _triples(graph: Graph) -> set:
    return set(graph.triples())


def _entry(folder: Path, kind: str = "bundled") -> Path:
    (path,) = [p for p in cache.entries(folder) if p.name.startswith(f"{kind}-")]
    return path


def _built(entry: Path) -> tuple[str, int]:
    return json.loads((entry / "entry.json").read_text())["built"], (entry / "store").stat().st_ino


def test_the_bundled_graph_is_built_once_then_opened_read_only(cache_dir):
    first = Graph.load()
    entry = _entry(cache_dir)
    stamp = _built(entry)
    again = Graph.load()
    assert _triples(first) == _triples(again) == COMPILED
    assert again.entry is not None and again.entry.path == entry and _built(entry) == stamp
    with pytest.raises(RuntimeError, match="read-write"):
        again.store.add(next(iter(again.store)))  # read-only


def test_an_edited_input_file_is_seen_at_once(cache_dir, monkeypatch, tmp_path):
    """A curator's edit in a source checkout: the fingerprint of the inputs' stats changes."""
    Graph.load()
    root = tmp_path / "checkout"
    shutil.copytree(Path(cache.__file__).parent.parent / "data", root / "data")
    shutil.copytree(Path(cache.__file__).parent.parent / "ontology", root / "ontology")
    monkeypatch.setattr("kg.paths.root_dir", lambda: str(root))
    question = "SELECT ?c WHERE { ilkg:Interleukin rdfs:comment ?c FILTER(?c = 'edited') }"
    assert Graph.load().select(question) == []
    tbox = root / "ontology" / "ilkg.ttl"
    tbox.write_text(tbox.read_text() + '\nilkg:Interleukin rdfs:comment "edited" .\n')
    assert Graph.load().select(question) == [{"c": "edited"}]


def _flip_bytes(store: Path) -> None:
    sst = max(store.glob("*.sst"), key=lambda p: p.stat().st_size)
    data = bytearray(sst.read_bytes())
    for i in range(len(data) // 3, len(data) // 3 + 8):
        data[i] ^= 0xFF
    sst.write_bytes(bytes(data))


def _edit_literal(store: Path) -> None:
    """IL-6's label becomes IL-9 in place: same length, so every size stays the same."""
    found = [p for p in store.glob("*.sst") if b"IL-6" in p.read_bytes()]
    assert found, "the label IL-6 should be stored as bytes in a table file"
    for path in found:
        path.write_bytes(path.read_bytes().replace(b"IL-6", b"IL-9"))


#: Our IRIs and OBO term IRIs; which of them a table file holds as plain bytes depends on the data,
#: and OBO IRIs (fixed-width numbers) always give a pair of equal length.
_IRI = rb"https://w3id\.org/ilkg/[A-Za-z0-9]+|http://purl\.obolibrary\.org/obo/[A-Z]+_[0-9]{7}"


def _swap_iris(store: Path) -> None:
    """Two IRIs of equal length trade places in the table file that holds them."""
    for path in store.glob("*.sst"):
        data = path.read_bytes()
        iris = sorted(set(re.findall(_IRI, data)))
        pairs = [(a, b) for a in iris for b in iris if a < b and len(a) == len(b)]
        if pairs:
            a, b = pairs[0]
            path.write_bytes(data.replace(a, b"\0" * len(a)).replace(b, a).replace(b"\0" * len(a), b))
            return
    raise AssertionError("two IRIs of equal length should be stored as bytes in a table file")


def _truncate(store: Path) -> None:
    sst = max(store.glob("*.sst"), key=lambda p: p.stat().st_size)
    with open(sst, "r+b") as handle:
        handle.truncate(sst.stat().st_size // 2)


def _drop_a_file(store: Path) -> None:
    next(store.glob("*.sst")).unlink()


def _edit_and_put_mtime_back(store: Path) -> None:
    """Bytes edited and the modification time set back: the ctime still tells."""
    sst = max(store.glob("*.sst"), key=lambda p: p.stat().st_size)
    st = sst.stat()
    _flip_bytes(store)
    os.utime(sst, ns=(st.st_atime_ns, st.st_mtime_ns))


DAMAGE = [_flip_bytes, _edit_literal, _swap_iris, _truncate, _drop_a_file, _edit_and_put_mtime_back]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("settled", [False, True], ids=["just-built", "settled"])
def test_a_damaged_entry_is_rebuilt_never_answered_from(cache_dir, damage, settled, invoke):
    Graph.load()
    entry = _entry(cache_dir)
    if settled:  # its stats trusted: no file is re-hashed on use any more
        manifest = json.loads((entry / "entry.json").read_text())
        manifest["checked_at"] += 10 * cache.RACY_NS
        (entry / "entry.json").write_text(json.dumps(cache._sealed(manifest)))
        assert cache.verify(entry, cache.read_manifest(entry))
    damage(entry / "store")
    assert not cache.verify(entry, cache.read_manifest(entry) or {})
    result = invoke("show", "IL-6")
    assert result.exit_code == 0 and result.output.startswith("IL-6  (ilkg:IL6)")
    assert _triples(Graph.load()) == COMPILED
    assert cache.verify(_entry(cache_dir), cache.read_manifest(_entry(cache_dir)), full=True)


def test_an_entry_copied_elsewhere_and_back_is_hashed_not_rebuilt(cache_dir):
    """New inodes and times: every file is hashed again, matches, and its stats are recorded afresh."""
    Graph.load()
    entry = _entry(cache_dir)
    built = json.loads((entry / "entry.json").read_text())["built"]
    shutil.copytree(entry, cache_dir / "copy")
    shutil.rmtree(entry)
    (cache_dir / "copy").rename(entry)
    assert _triples(Graph.load()) == COMPILED
    assert json.loads((entry / "entry.json").read_text())["built"] == built


def test_an_entry_copied_and_edited_is_rebuilt(cache_dir):
    Graph.load()
    entry = _entry(cache_dir)
    shutil.copytree(entry, cache_dir / "copy")
    shutil.rmtree(entry)
    (cache_dir / "copy").rename(entry)
    _edit_literal(entry / "store")
    assert _triples(Graph.load()) == COMPILED
    assert cache.verify(entry, cache.read_manifest(entry), full=True)


@pytest.mark.parametrize(
    "garbage",
    [
        lambda e: (e / "entry.json").write_text('{"kind": "bundled"'),  # a partial write
        lambda e: (e / "entry.json").unlink(),  # a build that died before its manifest
        lambda e: (e / "entry.json").write_text(
            (e / "entry.json").read_text().replace('"triples": ', '"triples": 1')
        ),
        lambda e: (shutil.rmtree(e / "store"), (e / "store").mkdir()),  # a foreign or emptied entry
    ],
    ids=["partial-manifest", "no-manifest", "edited-manifest", "empty-store"],
)
def test_a_corrupt_or_foreign_entry_is_rebuilt(cache_dir, garbage):
    Graph.load()
    garbage(_entry(cache_dir))
    assert _triples(Graph.load()) == COMPILED
    assert cache.verify(_entry(cache_dir), cache.read_manifest(_entry(cache_dir)), full=True)


def test_an_entry_under_another_name_is_not_used(cache_dir):
    """An entry moved to another key's name says its own key in its manifest: rebuilt."""
    Graph.load()
    entry = _entry(cache_dir)
    other = entry.with_name("bundled-" + "0" * 32)
    shutil.copytree(entry, other)
    assert cache._usable(other, "bundled", "0" * 32) is None


def test_two_processes_building_at_once(cache_dir):
    code = "from kg.store import Graph; print(len(Graph.load()))"
    env = {**os.environ, "ILKG_CACHE_DIR": str(cache_dir)}
    runs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env) for _ in range(4)]
    counts = {int(p.communicate(timeout=120)[0]) for p in runs}
    assert all(p.returncode == 0 for p in runs)
    assert counts == {len(COMPILED)}
    assert [p.name for p in cache_dir.iterdir() if p.name.startswith(".")] == []  # no temporary left over
    assert len(cache.entries(cache_dir)) == 1
    assert cache.verify(_entry(cache_dir), cache.read_manifest(_entry(cache_dir)), full=True)
    assert _triples(Graph.load()) == COMPILED


def test_an_unwritable_cache_folder_costs_only_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("ILKG_CACHE_DIR", str(blocker / "cache"))
    with pytest.warns(cache.CacheWarning, match="cannot write the cache folder"):
        graph = Graph.load()
    assert _triples(graph) == COMPILED and graph.entry is None


def test_off_means_off(tmp_path, monkeypatch):
    monkeypatch.setenv("ILKG_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _triples(Graph.load()) == COMPILED
    assert cache.cache_dir() is None and list(tmp_path.iterdir()) == []


def test_least_recently_used_entries_go_past_the_cap(cache_dir, monkeypatch, tmp_path):
    files = []
    for n in range(3):
        path = tmp_path / f"mine{n}.nt"
        path.write_text(f'<https://example.org/{n}> <https://example.org/p> "{n}" .\n')
        files.append(path)
    Graph.load([files[0]])
    held = Graph.load([files[1]])  # kept open: in use, so never evicted
    size = sum(cache._size(p) for p in cache.entries(cache_dir))
    monkeypatch.setenv("ILKG_CACHE_MAX_SIZE", str(size))
    Graph.load([files[2]])
    names = {json.dumps(cache.read_manifest(p)["inputs"]) for p in cache.entries(cache_dir)}
    assert not any("mine0" in n for n in names)
    assert any("mine1" in n for n in names) and any("mine2" in n for n in names)
    assert len(held) == len(COMPILED) + 1


def test_the_size_cap_reads_units(monkeypatch):
    for text, size in [
        ("500M", 500 * 1024**2),
        ("2G", 2 * 1024**3),
        ("1000", 1000),
        ("", cache.DEFAULT_MAX_SIZE),
    ]:
        monkeypatch.setenv("ILKG_CACHE_MAX_SIZE", text)
        assert cache.max_size() == size


def test_cache_info_and_clear(cache_dir, invoke, user_ttl):
    assert invoke("--data", str(user_ttl), "stats").exit_code == 0
    result = invoke("cache", "info")
    assert result.exit_code == 0, result.output
    assert f"folder   {cache_dir}" in result.output and str(user_ttl) in result.output
    assert result.output.count(", ok") == 2
    report = json.loads(invoke("cache", "info", "--format", "json", "--verify").output)
    assert {e["kind"] for e in report["entries"]} == {"bundled", "data"}
    assert next(e for e in report["entries"] if e["kind"] == "data")["triples"] == len(COMPILED) + 7
    _flip_bytes(_entry(cache_dir) / "store")
    assert "damaged" in invoke("cache", "info").output
    (cache_dir / "my-notes").mkdir()  # not ours: left alone
    result = invoke("cache", "clear")
    assert result.exit_code == 0 and "cleared" in result.output
    assert cache.entries(cache_dir) == [] and (cache_dir / "my-notes").is_dir()


def test_cache_clear_when_off(monkeypatch, invoke):
    monkeypatch.setenv("ILKG_CACHE_DIR", "off")
    result = invoke("cache", "clear")
    assert result.exit_code == 2 and "off" in result.output
    assert "off" in invoke("cache", "info").output


def test_the_cache_and_the_compiler_read_the_same_kinds_of_curated_file():
    from kg import curation, paths

    assert tuple(curation.KINDS) == paths.CURATED_KINDS
