"""Generated data files are up to date with the curated facts they are derived from."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from kg import paths
from kg.build import Curation
from kg.curation import FACT_COLUMNS, canonical_text
from kg.namespaces import compact

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "derive_therapeutic_targets.py"


def _derive_module():
    spec = importlib.util.spec_from_file_location("derive_therapeutic_targets", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_therapeutic_targets_file_is_current():
    module = _derive_module()
    want = canonical_text(module.derive(Curation.read()), FACT_COLUMNS)
    got = (paths.data_dir() / "facts" / module.OUTPUT).read_text(encoding="utf-8")
    assert got == want, "run: .venv/bin/python scripts/derive_therapeutic_targets.py"


def test_agonists_and_antagonists_are_not_spread_over_shared_chains(graph):
    # aldesleukin acts on the common gamma chain, which IL-4 also uses: IL-4 is no target in renal cell carcinoma
    assert not graph.ask("ASK { ilkg:IL4 ilkg:implicatedIn MONDO:0005086 }")
    # spesolimab blocks IL-36R: IL-36 gamma is a target in pustular psoriasis, IL-36Ra (its antagonist) is not
    assert graph.ask("ASK { ilkg:IL36G ilkg:implicatedIn MONDO:0100491 }")
    assert not graph.ask(
        """ASK { ?st rdf:subject ilkg:IL36RN ; rdf:predicate ilkg:implicatedIn ; rdf:object MONDO:0100491 ;
                 ilkg:role "therapeutic-target" }"""
    )


def test_every_indication_has_an_interleukin_behind_it(graph):
    # a kinase inhibitor blocks signalling downstream of many receptors, so its indications
    # (myelofibrosis, alopecia areata...) need not have an interleukin behind them; and a drug that
    # blocks a chain shared by several ligands reaches none until its facts say which it antagonises
    # (the rule derives only what the mechanism names), so only drugs with a named mechanism count
    rows = graph.select(
        """SELECT DISTINCT ?d WHERE { ?drug ilkg:indicatedFor ?d ; ilkg:status "approved" .
                                      FILTER NOT EXISTS { ?drug a ilkg:KinaseInhibitor }
                                      FILTER EXISTS { { ?drug ilkg:antagonises|ilkg:recombinantFormOf ?x }
                                                      UNION { ?drug ilkg:targets ?x . ?x a ilkg:Interleukin } }
                                      FILTER NOT EXISTS { ?il ilkg:implicatedIn ?d } }"""
    )
    assert rows == []


def test_derived_facts_say_they_are_inferred_and_nothing_else_does():
    module = _derive_module()
    cur = Curation.read()
    for fact in cur.facts:
        derived = fact.where.split(":")[0].endswith(module.OUTPUT)
        assert (fact.evidence == "inferred") == derived, fact.where


def test_only_approved_drugs_whose_mechanism_names_the_interleukin(graph):
    derived = """ASK {{ ?st rdf:subject ilkg:{il} ; rdf:predicate ilkg:implicatedIn ; rdf:object {disease} ;
                        ilkg:role "therapeutic-target" }}"""
    # brodalumab blocks IL-17RA, but its label names IL-17A, IL-17C, IL-17F and IL-25, not IL-17B
    assert not graph.ask(derived.format(il="IL17B", disease="MONDO:0005083"))
    assert graph.ask(derived.format(il="IL25", disease="MONDO:0005083"))
    # IL-38 only antagonises at IL-36R, which spesolimab blocks
    assert not graph.ask(derived.format(il="IL1F10", disease="MONDO:0100491"))
    # daclizumab is withdrawn: multiple sclerosis is no IL-2 target through it
    assert not graph.ask(derived.format(il="IL2", disease="MONDO:0005301"))
    # rilonacept traps IL-1 alpha too, but in CAPS its label names IL-1 beta; in DIRA both
    assert not graph.ask(derived.format(il="IL1A", disease="MONDO:0018768"))
    assert graph.ask(derived.format(il="IL1B", disease="MONDO:0018768"))
    assert graph.ask(derived.format(il="IL1A", disease="MONDO:0013021"))
    rows = graph.select(
        """SELECT ?d ?ev WHERE { ?st rdf:subject ilkg:IL1A ; rdf:predicate ilkg:implicatedIn ; rdf:object ?d ;
                                 ilkg:role "therapeutic-target" ; ilkg:evidence ?ev .
                                 VALUES ?d { MONDO:0011776 MONDO:0005904 MONDO:0016662 } }"""
    )
    # NOMID is an IL-1 beta activation disorder: anakinra reaches IL-1 beta there, and IL-1Ra is the drug
    # itself; in recurrent pericarditis a review, not the rule, names IL-1 alpha as a target
    assert {(compact(str(r["d"])), str(r["ev"])) for r in rows} == {
        ("MONDO:0005904", "literature"),
        ("MONDO:0016662", "literature"),
    }
    assert graph.ask(derived.format(il="IL1B", disease="MONDO:0011776"))
    assert graph.ask(derived.format(il="IL1RN", disease="MONDO:0011776"))
    rows = graph.select(
        """SELECT ?c WHERE { ?st rdf:predicate ilkg:implicatedIn ; ilkg:evidence "inferred" ; rdfs:comment ?c .
                             FILTER(CONTAINS(?c, "daclizumab")) }"""
    )
    assert rows == []


def test_kinase_inhibitors_make_no_interleukin_disease_links():
    """Baricitinib blocks IL-6 signalling through JAK1/JAK2, but that does not make IL-6 a target in alopecia areata."""
    derived = _derive_module().derive(Curation.read())
    jak_sources = {"DrugsFDA:NDA207924", "DrugsFDA:NDA208246", "DrugBank:DB11817", "DrugBank:DB08895"}
    assert not [f for f in derived if jak_sources & set(f.sources)]
    assert not [f for f in derived if "baricitinib" in f.comment or "tofacitinib" in f.comment]
