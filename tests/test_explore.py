"""show, search and path, as a user types them."""

from __future__ import annotations

import json

from kg.paths_between import shortest_paths
from kg.show import describe


def test_show_groups_facts_by_relation(invoke):
    result = invoke("show", "interleukin 6", catch=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("IL-6  (ilkg:IL6)")
    assert "HGNC:6018" in result.stdout
    assert "producedBy (" in result.stdout and "macrophage  [CL:0000235]" in result.stdout
    assert "source: UniProtKB:P05231" in result.stdout


def test_show_json(invoke):
    card = json.loads(invoke("show", "P05231", "--format", "json").stdout)
    assert card["id"] == "ilkg:IL6"
    assert card["counts"]["producedBy"] == len(card["relations"]["producedBy"])
    assert "UniProtKB:P05231" in card["xrefs"]


def test_show_incoming_relations_read_from_the_other_side(graph):
    card = describe(graph, "T-helper 17 cell")
    assert "ilkg:IL17A" in {x["id"] for x in card["relations"]["produces"]}


def test_show_qualifiers(graph):
    card = describe(graph, "tocilizumab")
    target = next(x for x in card["relations"]["targets"] if x["id"] == "ilkg:IL6R")
    assert target["action"] == "receptor-blocking"


def test_show_unknown_entity(invoke):
    result = invoke("show", "tocilizumb")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: no entity called 'tocilizumb'; did you mean 'tocilizumab'")
    assert len(result.stderr.splitlines()) == 1


def test_search(invoke):
    result = invoke("search", "IL-17")
    assert result.exit_code == 0
    assert "ilkg:IL17A" in result.stdout and "Interleukin" in result.stdout


def test_search_json_and_no_match(invoke):
    hits = json.loads(invoke("search", "fever", "--format", "json").stdout)
    assert hits[0]["label"] == "Fever"
    assert invoke("search", "zzqqxx").stdout.startswith("no matches")


def test_path_names_each_step(invoke):
    result = invoke("path", "secukinumab", "IL-17RA", catch=False)
    assert result.exit_code == 0
    assert "--targets--> IL-17A" in result.stdout
    assert "--bindsReceptor--> IL-17RA" in result.stdout


def test_path_direction_and_length(graph):
    ways = shortest_paths(graph, "T-helper 17 cell", "IL-17A")
    assert ways[0][0]["direction"] == "<-" and ways[0][0]["relation"] == "producedBy"


def test_path_too_long(invoke):
    result = invoke("path", "aldesleukin", "psoriasis", "--max-length", "1")
    assert result.exit_code == 2
    assert "no path of at most 1 steps" in result.stderr


def test_path_limit_past_the_largest_integer(invoke):
    result = invoke("path", "secukinumab", "IL-17RA", "--limit", str(2**80))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("1. ")


def test_show_lists_approvals_by_agency(graph, invoke):
    card = describe(graph, "tocilizumab")
    assert list(card["approvals"])[:2] == ["FDA", "PMDA"]
    first = card["approvals"]["PMDA"][0]
    assert (first["label"], first["year"]) == ("Castleman disease", "2005")
    text = invoke("show", "Actemra").stdout
    assert "approvals by agency" in text and "\n  PMDA\n    Castleman disease  [MONDO:0015564]  2005" in text


def test_show_biosimilar_both_ways(graph):
    assert "ilkg:tocilizumab" in {x["id"] for x in describe(graph, "Tyenne")["relations"]["biosimilarOf"]}
    assert "ilkg:tyenne" in {x["id"] for x in describe(graph, "tocilizumab")["relations"]["hasBiosimilar"]}
