"""--data files are read safely: regular files only, and no XML or JSON-LD built to explode or hang."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"'


def one_line(result, fragment: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ")
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def billion_laughs() -> str:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [{entities}]><rdf:RDF {RDF}>'
        '<rdf:Description rdf:about="http://x/a"><rdfs:label>&j;</rdfs:label></rdf:Description></rdf:RDF>'
    )


def entity_repetition() -> str:
    return (
        f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY e "{"x" * 4000}">]><rdf:RDF {RDF}>'
        '<rdf:Description rdf:about="http://x/a"><rdfs:label>'
        + "&e;" * 50_000
        + "</rdfs:label></rdf:Description></rdf:RDF>"
    )


def deep_xml() -> str:
    n = 100_000
    return (
        f'<?xml version="1.0"?><rdf:RDF {RDF} xmlns:ex="http://x/">'
        + "<rdf:Description><ex:p>" * n
        + "</ex:p></rdf:Description>" * n
        + "</rdf:RDF>"
    )


def deep_jsonld() -> str:
    return '{"@id": "http://x/a", "http://x/p": ' + '{"@list": [' * 10_000 + "1" + "]}" * 10_000 + "}"


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        ("lol.rdf", billion_laughs(), "expands to more than"),
        ("rep.rdf", entity_repetition(), "entity references add"),
        ("deep.rdf", deep_xml(), "XML elements nest"),
        ("deep.jsonld", deep_jsonld(), "JSON nests"),
        ("param.rdf", '<!DOCTYPE r [<!ENTITY % p "x">]><r/>', "parameter XML entities"),
        ("ext.rdf", '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>', "external XML"),
    ],
)
def test_exploding_files_are_refused(invoke, tmp_path, name, text, fragment):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    one_line(invoke("--data", str(path), "stats"), fragment)


def test_ordinary_entities_still_load(invoke, tmp_path):
    path = tmp_path / "owl.rdf"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY ex "http://example.org/">]>'
        f'<rdf:RDF {RDF}><rdf:Description rdf:about="&ex;a"><rdfs:label>entity ok</rdfs:label>'
        "</rdf:Description></rdf:RDF>",
        encoding="utf-8",
    )
    result = invoke("--data", str(path), "query", 'ASK { <http://example.org/a> rdfs:label "entity ok" }')
    assert (result.exit_code, result.stdout.strip()) == (0, "true")


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    run = subprocess.run(
        [sys.executable, "-c", "from cli.main import cli; cli()", "--data", str(fifo), "stats"],
        check=False,
        capture_output=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert b"is a FIFO" in run.stderr


@pytest.mark.parametrize(("target", "kind"), [("/dev/zero", "character device"), (None, "folder")])
def test_devices_and_folders_are_refused(invoke, tmp_path, target, kind):
    path = tmp_path / "data.ttl"
    if target:
        path.symlink_to(target)
    else:
        path.mkdir()
    one_line(invoke("--data", str(path), "stats"), kind)


def test_what_slips_past_the_guards_meets_the_memory_ceiling(tmp_path):
    """In a fresh process: memory this one freed earlier (stores opened by other tests) would
    still be mapped in a forked child, and its parse could fit there under any ceiling."""
    import subprocess
    import sys

    path = tmp_path / "big.jsonld"
    path.write_text('{"@id": "http://x/a", "http://x/p": "' + "y" * 5_000_000 + '"}', encoding="utf-8")
    code = (
        "import sys, pyoxigraph as ox, kg.inputs; from pathlib import Path\n"
        "kg.inputs.LOAD_FACTOR = 0  # past the size check, into the parse\n"
        "kg.inputs.read_data_file(Path(sys.argv[1]), ox.RdfFormat.JSON_LD)"
    )
    env = {**os.environ, "ILKG_MAX_MEMORY": "1M"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode != 0
    assert "DataFileError" in done.stderr and "memory ceiling" in done.stderr


def test_a_file_too_large_for_the_memory_ceiling_is_refused(invoke, tmp_path, monkeypatch):
    path = tmp_path / "big.nt"
    path.write_bytes(b"<http://x/a> <http://x/p> <http://x/b> .\n" * 100_000)
    monkeypatch.setenv("ILKG_MAX_MEMORY", "1M")
    one_line(invoke("--data", str(path), "stats"), "needs more memory to load than the ceiling")
