"""The curated files: strict rows, canonical form, every error naming its file and line."""

from __future__ import annotations

import pytest

from kg import paths
from kg.curation import FACT_COLUMNS, KINDS, Fact, lint_file, read_facts
from kg.errors import CurationError

CURATED = [(kind, path) for kind in KINDS for path in paths.curated_files(kind)]


@pytest.mark.parametrize(("kind", "path"), CURATED, ids=lambda x: getattr(x, "name", x))
def test_file_is_canonical(kind, path):
    assert path.read_text(encoding="utf-8") == lint_file(path, kind), f"run: ilkg data lint {path}"


def _row(**changes: str) -> dict[str, str]:
    row = {
        "subject": "ilkg:IL6",
        "predicate": "producedBy",
        "object": "CL:0000235",
        "object_label": "macrophage",
        "qualifiers": "",
        "evidence": "database",
        "sources": "UniProtKB:P05231",
        "comment": "",
    }
    row.update(changes)
    return row


def test_a_good_row():
    fact = Fact.from_row(_row(), "f.tsv:2")
    assert (fact.subject, fact.predicate, fact.object, fact.sources) == (
        "ilkg:IL6",
        "producedBy",
        "CL:0000235",
        ("UniProtKB:P05231",),
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"predicate": "cures"}, "unknown predicate 'cures'"),
        ({"sources": ""}, "the fact has no source"),
        ({"sources": "PMID:abc"}, "malformed source 'PMID:abc'"),
        ({"sources": "Wikipedia:IL6"}, "unknown source prefix"),
        ({"evidence": "hearsay"}, "evidence 'hearsay'"),
        ({"object": "CL_0000235"}, "neither an ilkg: CURIE"),
        ({"predicate": "implicatedIn", "object": "MONDO:0008383"}, "implicatedIn needs role="),
        ({"predicate": "implicatedIn", "qualifiers": "role=culprit"}, "role='culprit' is not one of"),
        ({"qualifiers": "role=pathogenic"}, "not allowed on producedBy"),
        ({"qualifiers": "organism=dog"}, "organism='dog' is not one of"),
        (
            {"predicate": "indicatedFor", "object": "MONDO:0008383", "qualifiers": "organism=mouse"},
            "not allowed",
        ),
        (
            {"predicate": "indicatedFor", "object": "MONDO:0008383", "qualifiers": "agency=USFDA"},
            "agency='USFDA' is not one of",
        ),
        (
            {
                "predicate": "indicatedFor",
                "object": "MONDO:0008383",
                "qualifiers": "agency=FDA;status=recalled",
            },
            "status='recalled' is not one of",
        ),
        ({"sources": "https://"}, "malformed source"),
    ],
)
def test_bad_rows_name_the_place(changes, message):
    with pytest.raises(CurationError, match="^f.tsv:7: ") as info:
        Fact.from_row(_row(**changes), "f.tsv:7")
    assert message in str(info.value)


def test_an_approval_with_agency_year_status_and_an_announcement():
    row = _row(
        subject="ilkg:oprelvekin",
        predicate="indicatedFor",
        object="MONDO:0001198",
        qualifiers="year=1997;agency=FDA;status=not-marketed",
        evidence="announcement",
        sources="DrugsFDA:BLA103694|https://www.example.org/press-release?id=1",
    )
    fact = Fact.from_row(row, "f.tsv:7")
    assert fact.qualifiers == (("agency", "FDA"), ("status", "not-marketed"), ("year", "1997"))
    assert fact.sources[1] == "https://www.example.org/press-release?id=1"


def test_animal_only_fact_keeps_its_organism():
    fact = Fact.from_row(_row(qualifiers="organism=mouse"), "f.tsv:7")
    assert fact.qualifiers == (("organism", "mouse"),)


def test_wrong_header(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("subject\tpredicate\n", encoding="utf-8")
    with pytest.raises(CurationError, match=r"x\.tsv:1: the header"):
        read_facts(path)


def test_wrong_number_of_cells(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("\t".join(FACT_COLUMNS) + "\nilkg:IL6\tproducedBy\n", encoding="utf-8")
    with pytest.raises(CurationError, match=r"x\.tsv:2: 2 cells where the header has 8"):
        read_facts(path)


def test_lint_sorts_and_drops_duplicates(tmp_path):
    path = tmp_path / "x.tsv"
    rows = [
        "ilkg:IL6\tproducedBy\tCL:0000235\tmacrophage\t\tdatabase\tUniProtKB:P05231\t",
        "ilkg:IL2\tproducedBy\tCL:0000084\tT cell\t\tdatabase\tUniProtKB:P60568\t",
    ]
    path.write_text(
        "\t".join(FACT_COLUMNS) + "\n" + "\n".join([rows[0], rows[1], rows[0]]) + "\n", encoding="utf-8"
    )
    assert lint_file(path, "facts") == "\t".join(FACT_COLUMNS) + "\n" + rows[1] + "\n" + rows[0] + "\n"
