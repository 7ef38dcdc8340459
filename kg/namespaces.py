"""Prefixes and identifier patterns: the one place that maps CURIEs to IRIs and web pages.

>>> expand("CL:0000899")
'http://purl.obolibrary.org/obo/CL_0000899'
>>> compact("https://w3id.org/ilkg/IL6")
'ilkg:IL6'
>>> source_iri("UniProtKB:P05231")
'https://www.uniprot.org/uniprotkb/P05231/entry'
>>> source_iri("EPAR:kineret")
'https://www.ema.europa.eu/en/medicines/human/EPAR/kineret'
>>> source_iri("ECRegister:2021/20210122150644/anx_150644_es.pdf")
'https://ec.europa.eu/health/documents/community-register/2021/20210122150644/anx_150644_es.pdf'
>>> source_iri("https://www.maruho.co.jp/english/information/20220328.html")
'https://www.maruho.co.jp/english/information/20220328.html'
"""

from __future__ import annotations

import re

ILKG = "https://w3id.org/ilkg/"
OBO = "http://purl.obolibrary.org/obo/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
SH = "http://www.w3.org/ns/shacl#"
VOID = "http://rdfs.org/ns/void#"
OBOINOWL = "http://www.geneontology.org/formats/oboInOwl#"
BIOLINK = "https://w3id.org/biolink/vocab/"
FACT = ILKG + "fact/"

#: Prefixes declared in every query and written in every Turtle file, in this order.
PREFIXES: dict[str, str] = {
    "ilkg": ILKG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "sh": SH,
    "void": VOID,
    "oboInOwl": OBOINOWL,
    "biolink": BIOLINK,
    "obo": OBO,
    "CL": OBO + "CL_",
    "GO": OBO + "GO_",
    "HP": OBO + "HP_",
    "MONDO": OBO + "MONDO_",
    "RO": OBO + "RO_",
    "BFO": OBO + "BFO_",
    "UBERON": OBO + "UBERON_",
}

#: OBO ontologies whose terms we reuse as nodes, with the ilkg class their terms get.
OBO_TERM_CLASSES: dict[str, str] = {
    "CL": "CellType",
    "GO": "BiologicalProcess",
    "HP": "ClinicalSign",
    "MONDO": "Disease",
}

OBO_CURIE = re.compile(r"^(CL|GO|HP|MONDO):(\d{7})$")
ILKG_CURIE = re.compile(r"^ilkg:[A-Za-z][A-Za-z0-9_]*$")

#: Cross-reference prefixes: the pattern of a valid local id and the page that shows the record.
XREFS: dict[str, tuple[str, str]] = {
    "HGNC": (r"\d+", "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:{}"),
    "UniProtKB": (
        r"[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2}",
        "https://www.uniprot.org/uniprotkb/{}/entry",
    ),
    "NCBIGene": (r"\d+", "https://www.ncbi.nlm.nih.gov/gene/{}"),
    "DrugBank": (r"DB\d{5}", "https://go.drugbank.com/drugs/{}"),
    "CHEMBL": (r"CHEMBL\d+", "https://www.ebi.ac.uk/chembl/compound_report_card/{}/"),
    "UNII": (r"[A-Z0-9]{10}", "https://precision.fda.gov/uniisearch/srs/unii/{}"),
    "Ensembl": (r"ENSG\d{11}", "https://www.ensembl.org/id/{}"),
}

#: Source prefixes: the pattern of a valid local id and the IRI the source gets in the graph.
SOURCES: dict[str, tuple[str, str]] = {
    "PMID": (r"[1-9]\d{0,8}", "https://pubmed.ncbi.nlm.nih.gov/{}/"),
    "DOI": (r"10\.\d{4,9}/\S+", "https://doi.org/{}"),
    # an article in PubMed Central, for one whose PMID or DOI we have not seen stated
    "PMCID": (r"PMC[1-9]\d{0,9}", "https://pmc.ncbi.nlm.nih.gov/articles/{}/"),
    "UniProtKB": XREFS["UniProtKB"],
    "DrugBank": XREFS["DrugBank"],
    "DrugsFDA": (
        r"(?:BLA|NDA)\d{6}",
        "https://www.accessdata.fda.gov/scripts/cder/daf/index.cfm?event=overview.process&ApplNo={}",
    ),
    #: The European Medicines Agency's public assessment report (EPAR) of a centrally authorised medicine,
    #: by the name in its page address.
    "EPAR": (r"[a-z0-9]+(?:-[a-z0-9]+)*", "https://www.ema.europa.eu/en/medicines/human/EPAR/{}"),
    #: A document of the European Commission's Union Register of medicinal products: the decision on a
    #: centrally authorised medicine, or its annex (the product information it authorised), by its path. The
    #: register files each decision's documents under the year and date of the decision (``2021/20210122...``).
    "ECRegister": (
        r"(?:19|20)\d{2}/(?:19|20)\d{6}\d+/(?:anx|dec)_\d+_[a-z]{2}\.pdf",
        "https://ec.europa.eu/health/documents/community-register/{}",
    ),
    "Reactome": (r"R-HSA-\d+", "https://reactome.org/content/detail/{}"),
    # an FDA label in DailyMed, by its set id (stable across label revisions)
    "DailyMed": (
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={}",
    ),
    "NCBIGene": XREFS["NCBIGene"],
    #: A web page cited as itself, for an approval that no agency record we can cite states: the company's
    #: announcement or a report of it (evidence ``announcement``). Written as the full address.
    "https": (r"//[^\s|]+", "https:{}"),
    "http": (r"//[^\s|]+", "http:{}"),
}


def expand(curie: str) -> str:
    """Return the IRI of a CURIE with one of our prefixes, or the input if it is already an IRI.

    :raises ValueError: for a CURIE whose prefix we do not know.
    """
    if curie.startswith(("http://", "https://", "urn:")):
        return curie
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES:
        raise ValueError(f"unknown prefix in {curie!r}")
    return PREFIXES[prefix] + local


def compact(iri: str) -> str:
    """Return the shortest CURIE for an IRI, or the IRI itself when no prefix fits."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            local = iri[len(namespace) :]
            if re.fullmatch(r"[A-Za-z0-9_.\-]*", local):
                best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri


def _check(table: dict[str, tuple[str, str]], curie: str, kind: str) -> tuple[str, str]:
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in table:
        raise ValueError(f"unknown {kind} prefix in {curie!r} (known: {', '.join(table)})")
    pattern, _ = table[prefix]
    if not re.fullmatch(pattern, local):
        raise ValueError(f"malformed {kind} {curie!r}")
    return prefix, local


def check_xref(curie: str) -> str:
    """Return the cross-reference CURIE unchanged if it is well formed.

    :raises ValueError: for an unknown prefix or a malformed local id.
    """
    _check(XREFS, curie, "cross-reference")
    return curie


def source_iri(curie: str) -> str:
    """Return the IRI that stands for a source CURIE in the graph.

    :raises ValueError: for an unknown prefix or a malformed local id.
    """
    prefix, local = _check(SOURCES, curie, "source")
    return SOURCES[prefix][1].format(local)


def xref_url(curie: str) -> str | None:
    """Return the web page of a cross-reference CURIE, or None when we know none."""
    prefix, _, local = curie.partition(":")
    if prefix in XREFS:
        return XREFS[prefix][1].format(local)
    if prefix in OBO_TERM_CLASSES:
        return f"{OBO}{prefix}_{local}"
    return None


def sparql_prefixes() -> str:
    """Return our prefixes as SPARQL PREFIX lines."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
