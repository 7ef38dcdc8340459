"""Chinese (NMPA) approvals of the JAK and TYK2 inhibitors, as the approval queries list them."""

from __future__ import annotations

from conftest import run


def nmpa_years(graph, index) -> set[tuple[str, str, str]]:
    """(medicine, disease, year) of every NMPA approval, as the bundled query lists them."""
    rows = run(graph, index, "approvals-by-agency", agency="NMPA")
    return {(str(r["drugLabel"]), str(r["diseaseLabel"]), str(r["year"] or "")) for r in rows}


def test_abrocitinib_was_approved_in_china_for_atopic_dermatitis_in_2022(graph, index):
    assert ("abrocitinib", "atopic eczema", "2022") in nmpa_years(graph, index)


def test_the_2023_chinese_approvals_of_ritlecitinib_and_deucravacitinib(graph, index):
    found = nmpa_years(graph, index)
    assert ("ritlecitinib", "alopecia areata", "2023") in found
    assert ("deucravacitinib", "psoriasis", "2023") in found


def test_upadacitinib_in_china_only_where_a_trustworthy_source_dates_it(graph, index):
    # one trade report dates Rinvoq's 2022 Chinese rheumatology approvals, but it also puts
    # Crohn disease in 2022, before any agency approved it; so those rows stay out
    upadacitinib = {
        (disease, year) for drug, disease, year in nmpa_years(graph, index) if drug == "upadacitinib"
    }
    assert upadacitinib == {("atopic eczema", "2022")}


def test_deucravacitinib_in_china_since_2023_for_psoriasis(graph, index):
    rows = run(graph, index, "approved-since", agency="NMPA", disease="psoriasis", since="2023")
    assert "deucravacitinib" in {str(r["drugLabel"]) for r in rows}
    later = run(graph, index, "approved-since", agency="NMPA", disease="psoriasis", since="2024")
    assert "deucravacitinib" not in {str(r["drugLabel"]) for r in later}


def test_chinese_approvals_do_not_move_a_first_approval(graph, index):
    first = {(r["drugLabel"], r["agency"]) for r in run(graph, index, "first-approval")}
    assert ("abrocitinib", "NMPA") not in first  # the UK, Japan, Korea and the EU approved it in 2021
    assert ("deucravacitinib", "NMPA") not in first  # the FDA and Japan approved it in 2022
