"""Large inputs loaded in pieces at once: the same triples as one parse, whatever the text holds."""

from __future__ import annotations

import gzip
import io
import itertools

import pyoxigraph as ox
import pytest

from kg import loader, progress, split
from kg.errors import DataFileError
from kg.store import Graph

HEADER = """# a lab's genes
@prefix ex: <https://example.org/lab/> .
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
@base <https://example.org/base/> .

"""


def _genes(count: int, extra: str = "") -> str:
    return HEADER + "".join(
        f'ex:gene{i} a ex:Gene ; rdfs:label "GENE{i}"@en ;\n  ex:in <cell{i % 7}> , ex:c{i % 3} ;\n'
        f"  ex:part [ ex:score {i}.5 ] ; ex:list ( {i} {i + 1} ) .\n{extra}"
        for i in range(count)
    )


@pytest.fixture
def small_pieces(tmp_path, monkeypatch):
    """Pieces of a few hundred bytes, so that a small file is cut many times; two workers."""
    monkeypatch.setenv("ILKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(loader, "WORKERS", 2)
    monkeypatch.setattr(loader, "MIN_SPLIT_BYTES", 0)
    monkeypatch.setattr(loader, "PIECE_BYTES", {split.TURTLE: 300, split.LINES: 300})
    whole = []
    original = loader.load_source

    def recording(store, source, *args, **kwargs):
        whole.append(source.describe())
        return original(store, source, *args, **kwargs)

    monkeypatch.setattr(loader, "load_source", recording)
    return whole


def _reference(path, fmt=ox.RdfFormat.TURTLE) -> set:
    store = ox.Store()
    store.load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
    return set(store)


def _without_blank_nodes(quads) -> set:
    return {q for q in quads if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}


def test_a_turtle_file_in_pieces_holds_the_triples_of_one_parse(small_pieces, tmp_path):
    mine = tmp_path / "genes.ttl"
    mine.write_text(_genes(200))
    graph = Graph.load([mine], bundled=False)
    assert small_pieces == []  # loaded in pieces, not again whole
    got, expected = set(graph.store), _reference(mine)
    assert len(got) == len(expected) == 200 * 11
    assert _without_blank_nodes(got) == _without_blank_nodes(expected)


def test_compressed_n_triples_in_pieces(small_pieces, tmp_path):
    mine = tmp_path / "genes.nt.gz"
    text = "".join(f'<https://e.org/g{i}> <https://e.org/label> "G{i}\\n."@en .\n' for i in range(300))
    mine.write_bytes(gzip.compress(text.encode()))
    expected = ox.Store()
    expected.load(input=text, format=ox.RdfFormat.N_TRIPLES)
    assert set(Graph.load([mine], bundled=False).store) == set(expected)
    assert small_pieces == []


@pytest.mark.parametrize(
    "trap",
    [
        'ex:note rdfs:comment """a long text .\nex:looks ex:like ex:aTriple .\nthat ends here""" .\n',
        "ex:note rdfs:comment 'x' # a comment that ends in a full stop.\n; rdfs:label 'y' .\n",
        "ex:note ex:p ex:o .\n  ex:q ex:r ex:s .\n",  # not a statement start: no cut here
    ],
    ids=["long-string", "comment", "indented"],
)
def test_a_cut_in_the_wrong_place_costs_time_never_a_triple(small_pieces, tmp_path, trap):
    mine = tmp_path / "genes.ttl"
    mine.write_text(_genes(60, extra=trap))
    got = set(Graph.load([mine], bundled=False).store)
    assert _without_blank_nodes(got) == _without_blank_nodes(_reference(mine))
    assert small_pieces == ([] if trap.startswith("ex:note ex:p") else [str(mine)])  # loaded again whole


def test_blank_node_labels_keep_the_file_whole(small_pieces, tmp_path):
    mine = tmp_path / "genes.ttl"
    mine.write_text(
        _genes(60) + "_:shared ex:p ex:o .\n" + _genes(60)[len(HEADER) :] + "ex:x ex:y _:shared .\n"
    )
    graph = Graph.load([mine], bundled=False)
    ex = "https://example.org/lab/"
    shared = graph.select(f"SELECT ?b WHERE {{ ?b <{ex}p> <{ex}o> . <{ex}x> <{ex}y> ?b }}")
    assert len(shared) == 1  # one node, as written, not one per piece
    assert len(graph) == len(_reference(mine))


@pytest.mark.parametrize(
    "directive",
    [
        "@prefix ex: <https://example.org/other/> .\n",
        "PREFIX # then a comment\n ex: <https://example.org/other/>\n",
    ],
)
def test_a_prefix_declared_again_later_keeps_the_file_whole(small_pieces, tmp_path, directive):
    mine = tmp_path / "genes.ttl"
    mine.write_text(_genes(60) + directive + _genes(60)[len(HEADER) :])
    got = set(Graph.load([mine], bundled=False).store)
    assert _without_blank_nodes(got) == _without_blank_nodes(_reference(mine))
    assert any("example.org/other/" in q.subject.value for q in got if isinstance(q.subject, ox.NamedNode))


def test_a_malformed_piece_is_reported_as_one_parse_reports_it(small_pieces, tmp_path, monkeypatch):
    mine = tmp_path / "genes.ttl"
    text = _genes(60)
    lines = text.splitlines(keepends=True)
    bad = next(i for i, line in enumerate(lines) if i > 140 and "a ex:Gene" in line)
    lines[bad] = lines[bad].replace("a ex:Gene", "a ex:Gene ex:")
    mine.write_text("".join(lines))
    with pytest.raises(DataFileError) as raised:
        Graph.load([mine], bundled=False)
    assert not list((tmp_path / "cache").glob("data-*"))
    monkeypatch.setenv("ILKG_CACHE_DIR", "off")
    with pytest.raises(DataFileError) as in_memory:
        Graph.load([mine], bundled=False)
    assert str(raised.value) == str(in_memory.value)
    assert str(raised.value).startswith(f"{mine}: malformed Turtle: ") and f"line {bad + 1} " in str(
        raised.value
    )


def test_the_progress_bar_counts_pieces(small_pieces, tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    mine = tmp_path / "genes.ttl"
    mine.write_text(_genes(200))
    shown = io.StringIO()
    Graph.load([mine], bundled=False, progress=progress.Progress(shown, enabled=True))
    text = shown.getvalue()
    assert "loading" in text and "100%" in text
    assert text.rstrip().splitlines()[-1].strip().startswith("loaded ~")  # Turtle: lines, not triples


def test_the_bundled_graph_and_a_file_in_pieces(small_pieces, tmp_path):
    mine = tmp_path / "genes.ttl"
    mine.write_text(_genes(100))
    both = Graph.load([mine])
    assert len(both) == len(Graph.load()) + len(_reference(mine))


@pytest.mark.parametrize("kind", [split.TURTLE, split.LINES])
def test_every_piece_ends_where_a_statement_may_end(kind):
    text = _genes(300).encode()
    header, cuts = split.split(text, kind, 7)
    assert header == (HEADER.encode() if kind == split.TURTLE else b"")
    assert len(cuts) == 7 and cuts[0][0] == len(header) and cuts[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in itertools.pairwise(cuts))
    ends = b".\n" if kind == split.TURTLE else b"\n"
    assert all(text[:end].endswith(ends) for _, end in cuts)
