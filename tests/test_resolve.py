"""One resolver for every command: names in any case and punctuation, ids, suggestions."""

from __future__ import annotations

import pytest

from kg.resolve import AmbiguousEntityError, Index, UnknownEntityError, normalise


@pytest.fixture(scope="module")
def index(graph):
    return Index.build(graph)


@pytest.mark.parametrize(
    "name",
    [
        "IL6",
        "IL-6",
        "il 6",
        "interleukin-6",
        "interleukin 6",
        "Interleukin 6",
        "HGNC:6018",
        "P05231",
        "ilkg:IL6",
    ],
)
def test_il6_by_any_name(index, name):
    assert index.resolve(name).curie == "ilkg:IL6"


@pytest.mark.parametrize(
    ("name", "curie"),
    [
        ("tocilizumab", "ilkg:tocilizumab"),
        ("Actemra", "ilkg:tocilizumab"),
        ("DB06273", "ilkg:tocilizumab"),
        ("T-helper 17 cell", "CL:0000899"),
        ("CL:0000899", "CL:0000899"),
        ("http://purl.obolibrary.org/obo/CL_0000899", "CL:0000899"),
        ("rheumatoid arthritis", "MONDO:0008383"),
        ("IL-1β", "ilkg:IL1B"),
    ],
)
def test_resolves(index, name, curie):
    assert index.resolve(name).curie == curie


def test_unknown_name_suggests(index):
    with pytest.raises(UnknownEntityError, match="did you mean 'tocilizumab'"):
        index.resolve("tocilizumb")


def test_ambiguous_name_lists_candidates():
    from kg.resolve import Entity

    twins = Index(
        [
            Entity("https://w3id.org/ilkg/A", "same", ("Interleukin",)),
            Entity("https://w3id.org/ilkg/B", "same", ("Therapy",)),
        ]
    )
    with pytest.raises(AmbiguousEntityError, match="ilkg:A .*ilkg:B"):
        twins.resolve("SAME")


def test_normalise():
    assert normalise("Interleukin-17A") == normalise("IL 17a") == "il17a"


def test_search_ranks_exact_label_first(index):
    hits = index.search("fever")
    assert hits[0][1].label == "Fever"
    assert any(e.curie == "GO:0001660" for _, e in hits)


# --- names always find their entity (issue 13) ----------------------------------------------


@pytest.mark.parametrize(("typo", "meant"), [("interleukn 6", "IL-6"), ("tocilizumabb", "tocilizumab")])
def test_typos_get_the_closest_entity_suggested(index, typo, meant):
    with pytest.raises(UnknownEntityError, match=f"did you mean '{meant}'"):
        index.resolve(typo)


@pytest.mark.parametrize("name", ["melanoma", "melanom", "metastatic melanoma"])
def test_find_accepts_what_search_ranks_best(index, name):
    assert index.find(name).label == "metastatic melanoma"


def test_find_lists_the_candidates_when_search_ties(index):
    with pytest.raises(AmbiguousEntityError, match="could mean"):
        index.find("receptor")


def test_search_ranks_label_words_above_synonyms_and_descriptions(index):
    assert index.search("melanoma")[0][1].label == "metastatic melanoma"
    assert index.search("fever")[0][1].label == "Fever"


def test_search_on_long_input_returns_quickly(index):
    assert index.search("β" * 20_000) == []
    assert index.suggest("x" * 100_000) == []
