"""Class and relation names of the ilkg ontology, with what each relation may link.

This is the source the compiler, the validator and the renderer read; ``ontology/ilkg.ttl``
declares the same names with labels, definitions and mappings (a test keeps the two equal).
"""

from __future__ import annotations

import dataclasses

#: Every ilkg class and its direct superclass (None for a root).
CLASSES: dict[str, str | None] = {
    "Interleukin": None,
    "InterleukinFamily": None,
    "Receptor": None,
    "ReceptorChain": "Receptor",
    "ReceptorComplex": "Receptor",
    "DecoyReceptor": "Receptor",
    "CellType": None,
    "BiologicalResponse": None,
    "BiologicalProcess": "BiologicalResponse",
    "ClinicalSign": "BiologicalResponse",
    "Disease": None,
    "Therapy": None,
    "RecombinantCytokine": "Therapy",
    "MonoclonalAntibody": "Therapy",
    "ReceptorAntagonist": "Therapy",
    "FusionProtein": "Therapy",
    "CytokineTrap": "Therapy",
    "KinaseInhibitor": "Therapy",
    "AdverseEffect": None,
    "Subunit": None,
    "KnowledgeGap": None,
    "SignallingProtein": None,
    "Kinase": "SignallingProtein",
    "SignallingAdaptor": "SignallingProtein",
    "TranscriptionFactor": "SignallingProtein",
    "SignallingRegulator": "SignallingProtein",
}

#: Classes a curator may give an entity we mint (OBO terms are typed by their prefix).
MINTED_CLASSES = (
    "Interleukin",
    "InterleukinFamily",
    "ReceptorChain",
    "ReceptorComplex",
    "DecoyReceptor",
    "Therapy",
    "RecombinantCytokine",
    "MonoclonalAntibody",
    "ReceptorAntagonist",
    "FusionProtein",
    "CytokineTrap",
    "KinaseInhibitor",
    "Subunit",
    "Kinase",
    "SignallingAdaptor",
    "TranscriptionFactor",
    "SignallingRegulator",
)


def ancestors(cls: str) -> list[str]:
    """Return ``cls`` and its superclasses, nearest first.

    >>> ancestors("MonoclonalAntibody")
    ['MonoclonalAntibody', 'Therapy']
    """
    chain = [cls]
    while (parent := CLASSES[chain[-1]]) is not None:
        chain.append(parent)
    return chain


@dataclasses.dataclass(frozen=True)
class Qualifier:
    """A key=value annotation of a fact, stored on its rdf:Statement."""

    name: str
    values: tuple[str, ...] = ()  # allowed values; empty means any value matching ``pattern``
    pattern: str = r".+"
    integer: bool = False


ROLE = Qualifier("role", ("pathogenic", "protective", "biomarker", "therapeutic-target"))
ACTION = Qualifier(
    "action", ("neutralising", "receptor-blocking", "agonist", "cytotoxic", "kinase-inhibitor")
)
#: Regulators whose approvals we record, by short code: the US Food and Drug Administration, the European
#: Medicines Agency (for the European Commission's centralised authorisation), Japan's PMDA/MHLW, China's
#: National Medical Products Administration, Russia's Ministry of Health, the UK's MHRA, Health Canada,
#: Australia's TGA and Korea's MFDS.
AGENCIES = ("FDA", "EMA", "PMDA", "NMPA", "MinzdravRF", "MHRA", "HealthCanada", "TGA", "MFDS")
AGENCY = Qualifier("agency", AGENCIES)
YEAR = Qualifier("year", pattern=r"(19|20)\d\d", integer=True)
#: When the year of an approval was not seen but a dated record of the agency shows the indication approved
#: (a label's approval date, a register entry): the approval happened in that year or before. Never with year.
APPROVED_BY = Qualifier("approvedBy", pattern=r"(19|20)\d\d", integer=True)
#: Where an approval stands now; absent means approved and marketed. A product can be approved but never
#: launched or since taken off the market (not-marketed), or have its authorisation withdrawn.
APPROVAL_STATUS = Qualifier("status", ("approved", "withdrawn", "not-marketed"))
SEVERITY = Qualifier("severity", ("serious", "boxed-warning"))
#: The only organism the fact has been shown in, when that is not human: a mouse-only fact must not
#: pass for human biology, and a query can leave such facts out.
ORGANISM = Qualifier("organism", ("mouse", "rat", "rodent"))
#: On an indication: the interleukins the drug's mechanism in that indication names, when they are fewer
#: than all it blocks (a trap of IL-1 alpha and beta is given in CAPS for IL-1 beta); read by the rule that
#: derives therapeutic targets.
MECHANISM = Qualifier("mechanism", pattern=r"ilkg:[A-Za-z0-9_]+(,ilkg:[A-Za-z0-9_]+)*")
QUALIFIERS = {
    q.name: q
    for q in (ROLE, ACTION, AGENCY, YEAR, APPROVED_BY, APPROVAL_STATUS, SEVERITY, ORGANISM, MECHANISM)
}


@dataclasses.dataclass(frozen=True)
class Relation:
    """A relation curators may assert, with the classes it links."""

    name: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    required: tuple[Qualifier, ...] = ()
    optional: tuple[Qualifier, ...] = ()
    #: class given to every object of this relation (an adverse effect is a role, not a kind)
    object_role: str | None = None

    @property
    def qualifiers(self) -> tuple[Qualifier, ...]:
        """All qualifiers this relation accepts."""
        return self.required + self.optional


RELATIONS: dict[str, Relation] = {
    r.name: r
    for r in (
        Relation("memberOfFamily", ("Interleukin",), ("InterleukinFamily",)),
        Relation("hasSubunit", ("Interleukin",), ("Subunit",), optional=(ORGANISM,)),
        Relation("bindsReceptor", ("Interleukin",), ("Receptor",), optional=(ORGANISM,)),
        Relation("hasPart", ("ReceptorComplex",), ("ReceptorChain",)),
        Relation("receptorExpressedOn", ("Receptor",), ("CellType",), optional=(ORGANISM,)),
        Relation("producedBy", ("Interleukin",), ("CellType",), optional=(ORGANISM,)),
        Relation("actsOn", ("Interleukin",), ("CellType",), optional=(ORGANISM,)),
        Relation("promotes", ("Interleukin",), ("BiologicalResponse",), optional=(ORGANISM,)),
        Relation("inhibits", ("Interleukin",), ("BiologicalResponse",), optional=(ORGANISM,)),
        Relation("implicatedIn", ("Interleukin",), ("Disease",), required=(ROLE,), optional=(ORGANISM,)),
        Relation(
            "antagonises", ("Interleukin", "Receptor", "Therapy"), ("Interleukin",), optional=(ORGANISM,)
        ),
        Relation(
            "targets", ("Therapy",), ("Interleukin", "Receptor", "Subunit", "Kinase"), required=(ACTION,)
        ),
        Relation("recombinantFormOf", ("Therapy",), ("Interleukin",)),
        Relation(
            "indicatedFor",
            ("Therapy",),
            ("Disease",),
            optional=(AGENCY, YEAR, APPROVED_BY, APPROVAL_STATUS, MECHANISM),
        ),
        Relation("biosimilarOf", ("Therapy",), ("Therapy",)),
        Relation(
            "hasAdverseEffect",
            ("Therapy",),
            ("ClinicalSign", "Disease"),
            optional=(SEVERITY,),
            object_role="AdverseEffect",
        ),
        Relation("signalsThrough", ("Receptor",), ("Kinase", "SignallingAdaptor"), optional=(ORGANISM,)),
        Relation("activates", ("Receptor",), ("TranscriptionFactor",), optional=(ORGANISM,)),
        Relation("negativelyRegulates", ("SignallingRegulator",), ("Receptor", "Kinase")),
        # the opposite of activates: the receptor's signal holds a transcription factor down (IL-37 and NF-kappa-B)
        Relation("suppresses", ("Receptor",), ("TranscriptionFactor",), optional=(ORGANISM,)),
        # an inborn error of an interleukin pathway: a germline defect of the gene causes the disease
        Relation("defectCauses", ("Interleukin", "Receptor", "Subunit"), ("Disease",)),
    )
}

#: ``inferred``: written by a rule from other facts (scripts/derive_therapeutic_targets.py), not read in a source.
#: ``announcement``: a company's or regulator's public statement (press release, stock-exchange filing) or a
#: news report of one; the last resort for an approval no agency record we can cite states.
EVIDENCE = ("literature", "database", "label", "inferred", "announcement")
STATUSES = {
    "Interleukin": ("renamed", "contested", "non-human"),
    "Therapy": ("approved", "withdrawn", "discontinued", "investigational"),
}

#: Datatype properties of entities and statements (local names in the ilkg namespace).
DATA_PROPERTIES = tuple(dict.fromkeys(("status", "evidence", *QUALIFIERS)))  # status is also a qualifier
