"""Output files never damage: links followed, devices written through, temp files never left behind."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading

import pytest

from kg.atomic import clean_stale, write_atomic, write_atomic_many
from kg.errors import InputError


def test_a_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.ttl"
    real.write_text("old")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_a_device_node_is_written_through_not_replaced(tmp_path):
    write_atomic("/dev/null", b"anything")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="it is a folder"):
        write_atomic(tmp_path, b"x")


def test_no_temporary_file_is_left(tmp_path):
    write_atomic(tmp_path / "a.csv", b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_stale_temporary_files_of_dead_processes_are_cleaned(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    pid = int(dead.stdout)
    stale = tmp_path / f".out.ttl.ilkg-{pid}-abcd1234.tmp"
    stale.write_bytes(b"half")
    mine = tmp_path / f".out.ttl.ilkg-{os.getpid()}-abcd1234.tmp"
    mine.write_bytes(b"in progress")
    clean_stale(tmp_path)
    assert not stale.exists()
    assert mine.exists()


def test_a_signal_during_a_write_removes_the_temporary_file(tmp_path):
    code = f"""
import os, signal
from kg import atomic
with atomic._removed_on_signal():
    tmp = atomic._temporary("x", __import__("pathlib").Path({str(tmp_path / "out.ttl")!r}), b"half")
    assert os.path.exists(tmp)
    os.kill(os.getpid(), signal.SIGTERM)
"""
    run = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True)
    assert run.returncode == -15, run.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_pair_appears_together_or_not_at_all(tmp_path):
    first = tmp_path / "x_nodes.csv"
    first.write_text("old nodes")
    with pytest.raises(InputError):
        write_atomic_many({first: b"new nodes", tmp_path / "missing" / "x_edges.csv": b"new edges"})
    assert first.read_text() == "old nodes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x_nodes.csv"]
    write_atomic_many({first: b"new nodes", tmp_path / "x_edges.csv": b"new edges"})
    assert (first.read_text(), (tmp_path / "x_edges.csv").read_text()) == ("new nodes", "new edges")


def test_a_failed_rename_puts_the_old_pair_back(tmp_path, monkeypatch):
    from kg import atomic

    nodes, edges = tmp_path / "x_nodes.tsv", tmp_path / "x_edges.tsv"
    nodes.write_text("old nodes")
    edges.write_text("old edges")
    real = os.replace
    calls = []

    def fail_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", fail_second)
    with pytest.raises(InputError, match="No space left"):
        write_atomic_many({nodes: b"new nodes", edges: b"new edges"})
    monkeypatch.setattr(atomic.os, "replace", real)
    assert (nodes.read_text(), edges.read_text()) == ("old nodes", "old edges")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x_edges.tsv", "x_nodes.tsv"]


def test_an_input_file_is_never_the_output(tmp_path):
    source = tmp_path / "mine.ttl"
    source.write_text("<http://e/a> <http://e/b> <http://e/c> .\n")
    with pytest.raises(InputError, match="it is the input"):
        write_atomic(source, b"other", inputs=[str(source)])
    link = tmp_path / "link.ttl"
    link.symlink_to(source)
    with pytest.raises(InputError, match="it is the input"):
        write_atomic_many({tmp_path / "new": b"x", link: b"other"}, inputs=[str(source)])
    assert source.read_text().startswith("<http://e/a>") and not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("query", "-f", "{rq}", "-o", "{rq}", "--format", "tsv"),
        ("--data", "{ttl}", "query", "-f", "{rq}", "-o", "{ttl}", "--format", "tsv"),
        ("--data", "{ttl}", "export", "-o", "{ttl}"),
        ("export", "--query", "{construct}", "-o", "{construct}", "--format", "turtle"),
        ("--data", "{ttl}", "viz", "-o", "{ttl}"),
        ("viz", "--query", "{construct}", "-o", "{construct}"),
    ],
    ids=["query-f", "query-data", "export-data", "export-query", "viz-data", "viz-query"],
)
def test_no_command_writes_over_its_own_input(invoke, tmp_path, args):
    files = {
        "ttl": tmp_path / "mine.ttl",
        "rq": tmp_path / "q.rq",
        "construct": tmp_path / "c.rq",
    }
    files["ttl"].write_text("<http://e/a> <http://e/b> <http://e/c> .\n")
    files["rq"].write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    files["construct"].write_text("CONSTRUCT WHERE { ilkg:IL6 ?p ?o }")
    before = {name: path.read_bytes() for name, path in files.items()}
    result = invoke(*(a.format(**{k: str(v) for k, v in files.items()}) for a in args))
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "it is the input" in result.stderr, result.stderr
    assert {name: path.read_bytes() for name, path in files.items()} == before
