"""Every command, as a user types it: real answers on success, one line and the right exit code on failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PRODUCERS = "SELECT ?cell WHERE { ilkg:IL17A ilkg:producedBy ?cell }"
COMMANDS = (
    "stats",
    "query",
    "queries",
    "show",
    "search",
    "path",
    "viz",
    "export",
    "upload",
    "validate",
    "data",
)


def assert_clean_error(result, code: int, fragment: str) -> None:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("ilkg, version ")


def test_help_lists_every_command(invoke):
    result = invoke("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_stats(invoke, graph):
    result = invoke("stats", catch=False)
    assert result.exit_code == 0
    assert f"triples  {len(graph)}" in result.stdout
    assert "Interleukin" in result.stdout
    assert "(100.0%)" in result.stdout


def test_stats_json(invoke, graph):
    counts = json.loads(invoke("stats", "--format", "json").stdout)
    assert counts["triples"] == len(graph)
    assert counts["sourced_percent"] == 100.0
    assert counts["animal_only"]["mouse"] == len(
        graph.select('SELECT ?st WHERE { ?st ilkg:organism "mouse" }')
    )


def test_query_select_tsv(invoke):
    result = invoke("query", PRODUCERS, "--format", "tsv", catch=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "?cell"
    assert "<http://purl.obolibrary.org/obo/CL_0000899>" in result.stdout


def test_query_table_compacts_iris(invoke):
    result = invoke("query", PRODUCERS, "--format", "table")
    assert result.exit_code == 0
    assert "CL:0000899" in result.stdout


def test_query_csv_and_json(invoke):
    csv_out = invoke("query", PRODUCERS, "--format", "csv").stdout
    assert "http://purl.obolibrary.org/obo/CL_0000899" in csv_out
    data = json.loads(invoke("query", PRODUCERS, "--format", "json").stdout)
    cells = {b["cell"]["value"] for b in data["results"]["bindings"]}
    assert "http://purl.obolibrary.org/obo/CL_0000899" in cells


def test_query_ask(invoke):
    result = invoke("query", "ASK { ilkg:IL10 ilkg:inhibits GO:0006954 }", "--format", "table")
    assert (result.exit_code, result.stdout) == (0, "true\n")


def test_query_ask_json(invoke):
    result = invoke("query", "ASK { ilkg:IL10 ilkg:promotes GO:0006954 }", "--format", "json")
    assert json.loads(result.stdout)["boolean"] is False


def test_query_construct_turtle(invoke):
    result = invoke(
        "query",
        "CONSTRUCT { ilkg:tocilizumab ilkg:indicatedFor ?d } WHERE { ilkg:tocilizumab ilkg:indicatedFor ?d }",
    )
    assert result.exit_code == 0
    assert "MONDO:0008383" in result.stdout or "MONDO_0008383" in result.stdout


def test_query_from_file_and_stdin(invoke, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text(PRODUCERS, encoding="utf-8")
    assert "CL_0000899" in invoke("query", "-f", str(path), "--format", "tsv").stdout
    assert "CL_0000899" in invoke("query", "--format", "tsv", input=PRODUCERS).stdout
    assert "CL_0000899" in invoke("query", "-", "--format", "tsv", input=PRODUCERS).stdout


def test_query_file_given_as_the_argument_gets_a_hint(invoke, tmp_path):
    path = tmp_path / "cells.rq"
    path.write_text("SELECT ?c WHERE { ilkg:IL17A ilkg:producedBy ?c }", encoding="utf-8")
    assert_clean_error(invoke("query", str(path)), 2, f"give it with -f {path}")
    assert_clean_error(invoke("query", "missing.rq"), 2, "looks like a file name")
    assert invoke("query", "-f", str(path)).exit_code == 0


def test_query_own_prefix_wins(invoke):
    query = "PREFIX ilkg: <http://example.org/> ASK { ilkg:IL10 ?p ?o }"
    assert invoke("query", query, "--format", "table").stdout == "false\n"


def test_query_output_file_takes_format_from_extension(invoke, tmp_path):
    out = tmp_path / "answer.csv"
    result = invoke("query", PRODUCERS, "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == "cell"


def test_query_empty_result_is_not_an_error(invoke):
    result = invoke("query", "SELECT ?x WHERE { ?x ilkg:producedBy ilkg:nothing }", "--format", "table")
    assert (result.exit_code, result.stdout) == (0, "no results\n")


def test_query_syntax_error_points_at_the_fault(invoke):
    result = invoke("query", "SELECT ?x\nWHERE { ?x ilkg:producedBy }")
    assert (result.exit_code, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: malformed SPARQL: line 2, column ")
    assert lines[1] == "  WHERE { ?x ilkg:producedBy }"
    assert lines[2].strip() == "^"


def test_query_update_refused(invoke):
    assert_clean_error(invoke("query", "INSERT DATA { ilkg:a ilkg:b ilkg:c }"), 2, "read-only")


def test_query_missing_file(invoke, tmp_path):
    assert_clean_error(invoke("query", "-f", str(tmp_path / "nope.rq")), 2, "cannot read")


def test_query_unknown_format(invoke):
    result = invoke("query", PRODUCERS, "--format", "yaml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_query_graph_format_for_select_is_rejected(invoke):
    assert_clean_error(invoke("query", PRODUCERS, "--format", "turtle"), 2, "unknown format 'turtle'")


def test_data_option_merges_user_file(invoke, user_ttl):
    result = invoke(
        "--data", str(user_ttl), "query", "ASK { ilkg:IL6 ilkg:producedBy CL:0000232 }", "--format", "table"
    )
    assert result.stdout == "true\n"


def test_data_option_missing_file(invoke, tmp_path):
    assert_clean_error(invoke("--data", str(tmp_path / "missing.ttl"), "stats"), 2, "cannot read")


def test_data_option_malformed_file_names_the_line(invoke, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix a: <http://a/> .\na:b a:c a:d .\na:e a:f "unterminated .\n', encoding="utf-8")
    assert_clean_error(invoke("--data", str(bad), "stats"), 2, "line 3")


def test_data_option_unknown_extension(invoke, tmp_path):
    odd = tmp_path / "facts.docx"
    odd.write_text("x", encoding="utf-8")
    assert_clean_error(invoke("--data", str(odd), "stats"), 2, "unknown RDF file extension")


def test_viz_writes_offline_page(invoke, tmp_path):
    out = tmp_path / "graph.html"
    result = invoke("viz", "-o", str(out), catch=False)
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "IL-17A" in page and "vis.Network" in page
    assert "<script src" not in page and "<link" not in page
    assert not list(tmp_path.glob("lib"))  # pyvis's default would copy lib/ next to the file


def test_viz_neighbourhood_of_entities(invoke, tmp_path):
    out = tmp_path / "il6.html"
    result = invoke("viz", "interleukin 6", "Actemra", "--depth", "1", "-o", str(out), catch=False)
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '"id": "ilkg:IL6"' in page and '"id": "ilkg:tocilizumab"' in page
    assert '"id": "ilkg:IL17A"' not in page


def test_viz_types_and_relations(invoke, tmp_path):
    out = tmp_path / "drugs.html"
    result = invoke(
        "viz", "--types", "Therapy,Interleukin", "--relations", "recombinantFormOf", "-o", str(out)
    )
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '"relation": "recombinantFormOf"' in page and '"relation": "producedBy"' not in page


def test_viz_construct_query(invoke, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text(
        "CONSTRUCT { ?d ilkg:targets ilkg:IL17A } WHERE { ?d ilkg:targets ilkg:IL17A }", encoding="utf-8"
    )
    out = tmp_path / "q.html"
    result = invoke("viz", "--query", str(rq), "-o", str(out))
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert '"label": "secukinumab"' in page and '"label": "IL-17A"' in page


def test_viz_select_query_is_refused(invoke, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    assert_clean_error(invoke("viz", "--query", str(rq), "-o", str(tmp_path / "x.html")), 2, "CONSTRUCT")


@pytest.mark.parametrize("command", ["viz", "export"])
def test_an_unreadable_construct_file_is_an_input_error(invoke, tmp_path, command):
    missing = str(tmp_path / "nope.rq")
    assert_clean_error(invoke(command, "--query", missing, "-o", str(tmp_path / "x.ttl")), 2, "cannot read")


def test_viz_unknown_entity(invoke, tmp_path):
    assert_clean_error(invoke("viz", "tocilizumb", "-o", str(tmp_path / "x.html")), 2, "no entity called")


def test_viz_empty_selection(invoke, tmp_path):
    result = invoke(
        "viz", "IL-6", "--types", "Subunit", "--relations", "hasSubunit", "-o", str(tmp_path / "x.html")
    )
    assert_clean_error(result, 2, "to draw")


def test_viz_unknown_class(invoke, tmp_path):
    assert_clean_error(
        invoke("viz", "--types", "Cytokine", "-o", str(tmp_path / "x.html")), 2, "unknown class"
    )


def test_viz_unwritable_output(invoke, tmp_path):
    assert_clean_error(invoke("viz", "-o", str(tmp_path / "no" / "such" / "dir.html")), 2, "cannot write")


def test_export_turtle_to_stdout(invoke):
    result = invoke("export", catch=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("@prefix")


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".rdf", ".trig", ".graphml", ".gexf"])
def test_export_format_from_extension(invoke, tmp_path, suffix):
    out = tmp_path / f"kg{suffix}"
    result = invoke("export", "-o", str(out), catch=False)
    assert result.exit_code == 0
    assert out.stat().st_size > 1000


def test_export_replaces_existing_file_atomically(invoke, tmp_path):
    out = tmp_path / "kg.ttl"
    out.write_text("old", encoding="utf-8")
    assert invoke("export", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("@prefix")
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]


def test_export_unknown_format(invoke):
    result = invoke("export", "--format", "docx")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr


def test_validate_bundled(invoke):
    result = invoke("validate", catch=False)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("valid:")


def test_validate_broken_copy_names_the_fault(invoke, data_copy):
    facts = data_copy / "facts" / "il17_family.tsv"
    text = facts.read_text(encoding="utf-8").replace("\tT-helper 17 cell\t", "\tT helper 17 cell\t", 1)
    facts.write_text(text, encoding="utf-8")
    result = invoke("validate", "--curated", str(data_copy))
    assert result.exit_code == 1
    assert "il17_family.tsv:" in result.stdout
    assert "'T helper 17 cell'" in result.stdout


def test_validate_unsourced_user_relation(invoke, tmp_path):
    path = tmp_path / "unsourced.ttl"
    path.write_text(
        "@prefix ilkg: <https://w3id.org/ilkg/> .\n"
        "ilkg:IL6 ilkg:producedBy <http://purl.obolibrary.org/obo/CL_0000232> .\n",
        encoding="utf-8",
    )
    result = invoke("--data", str(path), "validate")
    assert result.exit_code == 1
    assert "ilkg:IL6" in result.stdout and "has no statement with a source" in result.stdout


def test_validate_relation_to_wrong_class(invoke, tmp_path):
    path = tmp_path / "wrong.ttl"
    path.write_text(
        "@prefix ilkg: <https://w3id.org/ilkg/> .\n@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "ilkg:IL6 ilkg:producedBy ilkg:tocilizumab .\n"
        "<https://example.org/s> a rdf:Statement ; rdf:subject ilkg:IL6 ; rdf:predicate ilkg:producedBy ;\n"
        '  rdf:object ilkg:tocilizumab ; dcterms:source <https://example.org/paper> ; ilkg:evidence "literature" .\n',
        encoding="utf-8",
    )
    result = invoke("--data", str(path), "validate")
    assert result.exit_code == 1
    assert "ilkg:producedBy" in result.stdout


def test_validate_an_approval_with_both_a_year_and_a_year_approved_by(invoke, data_copy):
    facts = data_copy / "facts" / "biologics_2.tsv"
    text = facts.read_text(encoding="utf-8").replace(
        "agency=NMPA;approvedBy=2007", "agency=NMPA;year=2005;approvedBy=2007"
    )
    facts.write_text(text, encoding="utf-8")
    result = invoke("validate", "--curated", str(data_copy))
    assert result.exit_code == 1
    assert "not both" in result.stdout


def test_validate_missing_curated_folder(invoke, tmp_path):
    assert_clean_error(invoke("validate", "--curated", str(tmp_path / "nope")), 2, "no such folder")


def test_data_lint_check_passes_on_bundled_data(invoke):
    result = invoke("data", "lint", "--check")
    assert result.exit_code == 0, result.stdout


def test_data_lint_rewrites_only_when_asked(invoke, data_copy):
    path = data_copy / "facts" / "il6_family.tsv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    shuffled = [lines[0], *reversed(lines[1:])]
    path.write_text("".join(shuffled), encoding="utf-8")
    check = invoke("data", "lint", "--check", "--curated", str(data_copy))
    assert check.exit_code == 1 and "not canonical" in check.stdout
    assert path.read_text(encoding="utf-8") == "".join(shuffled)
    assert invoke("data", "lint", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == "".join(lines)


def test_curation_error_in_bundled_data_is_one_line(invoke, data_copy):
    """A broken curated file reached through --curated gives a report, not a traceback."""
    bad = data_copy / "facts" / "il6_family.tsv"
    bad.write_text(
        bad.read_text(encoding="utf-8")
        + "ilkg:IL6\tcures\tCL:0000232\terythrocyte\t\tdatabase\tUniProtKB:P05231\t\n"
    )
    result = invoke("validate", "--curated", str(data_copy))
    assert result.exit_code == 1
    assert "unknown predicate 'cures'" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_example(invoke, command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout or command == "data"


def test_help_examples_keep_their_lines(invoke):
    """Click keeps a paragraph's line breaks only after a real backspace (\\b), not the two characters."""
    for args in ([], ["query"], ["viz"]):
        result = invoke(*args, "--help")
        assert "\\b" not in result.stdout
        assert "\n  Example" in result.stdout and "\n    ilkg " in result.stdout


def test_every_command_is_in_the_readme(invoke):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for command in (*COMMANDS[:-1], "data lint"):
        assert f"ilkg {command}" in readme, command


def test_query_describe(invoke):
    result = invoke("query", "DESCRIBE ilkg:IL6", "--format", "nt", catch=False)
    assert result.exit_code == 0
    assert (
        '<https://w3id.org/ilkg/IL6> <http://www.w3.org/2000/01/rdf-schema#label> "IL-6" .' in result.stdout
    )


def test_query_xml_results(invoke):
    import xml.etree.ElementTree as ET

    root = ET.fromstring(invoke("query", PRODUCERS, "--format", "xml").stdout)  # noqa: S314 - our own output
    assert root.tag == "{http://www.w3.org/2005/sparql-results#}sparql"


def test_query_labels_beside_iris(invoke):
    result = invoke("query", PRODUCERS, "--format", "table", "--labels")
    assert "CL:0000899 (T-helper 17 cell)" in result.stdout


def test_query_named_with_param(invoke):
    result = invoke("query", "--name", "producers-of", "--param", "il=interleukin 6", "--format", "tsv")
    assert result.exit_code == 0
    assert "<http://purl.obolibrary.org/obo/CL_0000235>" in result.stdout


def test_query_named_unknown_param_value(invoke):
    assert_clean_error(
        invoke("query", "--name", "producers-of", "--param", "il=IL-99"), 2, "no entity called 'IL-99'"
    )


def test_query_named_and_text_together(invoke):
    assert_clean_error(invoke("query", PRODUCERS, "--name", "producers-of"), 2, "not both")


def test_queries_lists_names_descriptions_and_params(invoke):
    result = invoke("queries")
    assert result.exit_code == 0
    assert "producers-of\n  Producers of an interleukin." in result.stdout
    assert "--param il=..." in result.stdout
    listed = json.loads(invoke("queries", "--format", "json").stdout)
    assert len(listed) >= 20 and all(q["description"] for q in listed)


# --- issue 13: every bad input ends in one line ----------------------------------------------

ILKG = [sys.executable, "-c", "from cli.main import cli; cli()"]


@pytest.mark.parametrize("value", ["http://a\\q", "http://a b", "\\g<0>", "IL-22\\1"])
def test_param_values_are_text_not_patterns(invoke, value):
    result = invoke("query", "--name", "producers-of", "--param", f"il={value}")
    assert_clean_error(result, 2, "")


def test_path_between_an_entity_and_itself(invoke):
    assert_clean_error(invoke("path", "IL-6", "IL6"), 2, "the same entity")


@pytest.mark.parametrize(
    "args",
    [["export"], ["query", PRODUCERS], ["show", "IL-6"], ["queries"], ["search", "fever"]],
)
def test_a_full_output_stream_is_one_line(args):
    with open("/dev/full", "wb") as full:
        run = subprocess.run([*ILKG, *args], stdout=full, stderr=subprocess.PIPE, check=False, timeout=120)
    assert run.returncode == 2, run.stderr
    assert run.stderr.decode() == "Error: cannot write to standard output: No space left on device\n"


def test_invalid_utf8_in_a_query_is_an_input_error():
    run = subprocess.run([*ILKG, "query", b'ASK { ?s ?p "\xff" }'], capture_output=True, check=False)
    assert (run.returncode, run.stderr) == (2, b"Error: the query is not valid UTF-8 text\n")
    run = subprocess.run([*ILKG, "query"], input=b'ASK { ?s ?p "\xff" }', capture_output=True, check=False)
    assert (run.returncode, run.stderr) == (
        2,
        b"Error: the query on standard input is not valid UTF-8 text\n",
    )


def test_show_and_path_accept_what_search_finds_best(invoke):
    result = invoke("show", "melanom")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("metastatic melanoma")
    result = invoke("path", "IL-2", "melanoma")
    assert result.exit_code == 0, result.output
    assert "metastatic melanoma" in result.stdout


def test_unknown_names_get_suggestions(invoke):
    assert_clean_error(invoke("show", "interleukn 6"), 2, "did you mean 'IL-6'")


HOSTILE = """@prefix ilkg: <https://w3id.org/ilkg/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ilkg:Evil a ilkg:Interleukin ; rdfs:label "=HYPERLINK(\\"http://x\\")\\rline two\\u001b]0;owned\\u0007" .
ilkg:Evil ilkg:producedBy <http://purl.obolibrary.org/obo/CL_0000235> .
"""


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "hostile.ttl"
    path.write_text(HOSTILE, encoding="utf-8")
    return str(path)


def test_terminal_output_strips_control_characters(invoke, hostile):
    for args in (
        ["show", "ilkg:Evil"],
        ["search", "HYPERLINK"],
        ["query", "SELECT ?l WHERE { ilkg:Evil rdfs:label ?l }", "--format", "table"],
    ):
        result = invoke("--data", hostile, *args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\r" not in result.stdout
        assert "\\x1b]0;owned" in result.stdout


def test_query_csv_is_parseable_and_formula_safe(invoke, hostile):
    import csv
    import io

    query = "SELECT ?l ?n WHERE { ilkg:Evil rdfs:label ?l BIND(-5 AS ?n) }"
    result = invoke("--data", hostile, "query", query, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows == [["l", "n"], ['\'=HYPERLINK("http://x")\rline two\x1b]0;owned\x07', "-5"]]
    raw = invoke("--data", hostile, "query", query, "--format", "csv", "--raw-cells")
    assert list(csv.reader(io.StringIO(raw.stdout, newline="")))[1][0].startswith("=HYPERLINK")


@pytest.mark.parametrize(("fmt", "sep", "nodes"), [("neo4j", ",", "nodes.csv"), ("kgx", "\t", "nodes.tsv")])
def test_node_tables_stay_one_row_per_node(invoke, hostile, tmp_path, fmt, sep, nodes):
    import pandas as pd

    from kg.tables import TABLE_FORMATS

    result = invoke("--data", hostile, "export", "--format", fmt, "-o", str(tmp_path / "g"))
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / f"g_{nodes}", sep=sep, dtype=str, keep_default_na=False)
    files = sorted(f"g_{f}" for f, _ in TABLE_FORMATS[fmt])
    if fmt == "kgx":  # KGX names a node Biolink has no id for by its ilkg CURIE, and lists it
        import json

        files = sorted([*files, "g_metadata.json"])
        assert "ilkg:Evil" in json.loads((tmp_path / "g_metadata.json").read_text())["local_ids"]["nodes"]
        assert len(table[table["id"] == "ilkg:Evil"]) == 1
        assert not any(c.startswith("=") for c in table.to_numpy().ravel())
    else:
        evil = table[table.iloc[:, 0] == "ilkg:Evil"]
        assert len(evil) == 1
        assert evil["name"].iloc[0].startswith("'=HYPERLINK")
    assert sorted(p.name for p in tmp_path.glob("g*")) == files


@pytest.mark.parametrize("args", ["export", "show IL-6", "queries", "query --name producers-of", "stats"])
def test_a_closed_output_stream_is_one_line(args):
    # click.echo drops text when stdout is closed: the answer must not vanish with exit 0
    command = " ".join([f"'{sys.executable}'", "-c", "'from cli.main import cli; cli()'", args, ">&-"])
    run = subprocess.run(command, shell=True, stderr=subprocess.PIPE, check=False, timeout=120)  # noqa: S602
    assert run.returncode == 2
    assert run.stderr.decode() == "Error: cannot write to standard output: it is closed\n"


def test_validate_reads_data_files_in_the_format_given(invoke, tmp_path):
    path = tmp_path / "unsourced.data"
    path.write_text(
        "@prefix ilkg: <https://w3id.org/ilkg/> .\n"
        "ilkg:IL6 ilkg:producedBy <http://purl.obolibrary.org/obo/CL_0000232> .\n",
        encoding="utf-8",
    )
    unknown = invoke("--data", str(path), "validate")
    assert unknown.exit_code == 2 and "--data-format" in unknown.stderr
    result = invoke("--data", str(path), "--data-format", "turtle", "validate")
    assert result.exit_code == 1
    assert "ilkg:IL6" in result.stdout and "has no statement with a source" in result.stdout
    piped = invoke("--data", "-", "--data-format", "turtle", "validate", input=path.read_text())
    assert piped.exit_code == 1 and "has no statement with a source" in piped.stdout


@pytest.mark.parametrize(
    "args",
    [["export"], ["query", "SELECT * WHERE { ?s ?p ?o }"], ["queries"], ["search", "IL"], ["stats"]],
)
def test_a_reader_that_stops_early_ends_the_command_quietly(args):
    # ilkg ... | head -1: the reader has closed the pipe; no error line, the status of a SIGPIPE end
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        run = subprocess.run(
            [*ILKG, *args], stdout=write_end, stderr=subprocess.PIPE, check=False, timeout=120
        )
    finally:
        os.close(write_end)
    assert (run.returncode, run.stderr) == (141, b"")


@pytest.mark.parametrize(
    "args",
    [
        ["query", "-f", "/dev/zero"],
        ["export", "--query", "/dev/zero"],
        ["viz", "--query", "/dev/zero", "-o", "/dev/null"],
    ],
)
def test_a_query_file_that_never_ends_is_refused_at_the_limit(invoke, args):
    assert_clean_error(invoke(*args), 2, "more than 1,000,000 characters")


def test_a_query_on_standard_input_that_never_ends_is_refused_at_the_limit():
    with open("/dev/zero", "rb") as zeros:
        run = subprocess.run([*ILKG, "query"], stdin=zeros, capture_output=True, check=False, timeout=120)
    assert run.returncode == 2 and run.stderr.count(b"\n") == 1 and b"1,000,000 characters" in run.stderr


def test_a_query_file_that_is_not_utf8_is_one_line(invoke, tmp_path):
    utf16 = tmp_path / "q.rq"
    utf16.write_text("ASK {}", encoding="utf-16")
    assert_clean_error(invoke("query", "-f", str(utf16)), 2, f"{utf16} is not valid UTF-8 text")


def test_validate_refuses_a_folder_without_curated_files(invoke, tmp_path):
    assert_clean_error(invoke("validate", "--curated", str(tmp_path)), 2, "holds no curated files")


@pytest.mark.parametrize(
    "args",
    [
        ["upload", "http://127.0.0.1:9/store", "--graph", "https://example.org/a b"],
        ["upload", "http://127.0.0.1:9/store", "--graph", "mine"],
        ["--endpoint", "http://127.0.0.1:9/sparql", "--remote-graph", "https://example.org/a>", "stats"],
    ],
)
def test_a_named_graph_must_be_an_iri(invoke, args):
    assert_clean_error(invoke(*args), 2, "is not a valid IRI")
