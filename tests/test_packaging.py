"""The installed command starts light and is ours."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cli
import kg


def test_cli_import_is_light():
    code = (
        "import sys, cli.main\n"
        "heavy = {'rdflib', 'pyoxigraph', 'networkx', 'pyvis', 'pyshacl'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_packages_are_this_project():
    root = Path(kg.__file__).resolve().parent.parent
    assert Path(cli.__file__).resolve().parent.parent == root


def test_bundled_files_are_found():
    from kg import paths

    assert paths.shapes_file().is_file()
    assert paths.curated_files("facts")
    assert all(p.is_file() for p in paths.ontology_files())
