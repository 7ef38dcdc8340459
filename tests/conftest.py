from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from kg import paths
from kg.store import Graph

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
