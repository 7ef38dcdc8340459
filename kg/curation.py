"""Read, check and lint the curated TSV files of ``data/``.

Each row becomes a frozen record; every error names the file and the line.

>>> from kg import paths
>>> facts = read_facts(paths.data_dir() / "facts" / "il17_family.tsv")
>>> any(f.object == "CL:0000899" and f.predicate == "producedBy" for f in facts)
True
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path

from kg import namespaces, schema
from kg.errors import CurationError

ENTITY_COLUMNS = ("id", "types", "label", "synonyms", "xrefs", "status", "description", "sources")
TERM_COLUMNS = ("id", "label", "synonyms")
FACT_COLUMNS = (
    "subject",
    "predicate",
    "object",
    "object_label",
    "qualifiers",
    "evidence",
    "sources",
    "comment",
)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _check_sources(cell: str, where: str) -> tuple[str, ...]:
    sources = _split(cell)
    for source in sources:
        try:
            namespaces.source_iri(source)
        except ValueError as err:
            raise CurationError(f"{where}: {err}") from None
    return sources


def _check_provenance(row: dict[str, str], where: str, missing: str) -> tuple[str, ...]:
    """Check a row's evidence and sources (at least one); return the sources."""
    if row["evidence"] not in schema.EVIDENCE:
        raise CurationError(
            f"{where}: evidence {row['evidence']!r} is not one of {', '.join(schema.EVIDENCE)}"
        )
    sources = _check_sources(row["sources"], where)
    if not sources:
        raise CurationError(f"{where}: {missing}")
    return sources


def _check_curie(curie: str, where: str, what: str) -> str:
    if not (namespaces.ILKG_CURIE.match(curie) or namespaces.OBO_CURIE.match(curie)):
        raise CurationError(f"{where}: {what} {curie!r} is neither an ilkg: CURIE nor a CL/GO/HP/MONDO id")
    return curie


@dataclasses.dataclass(frozen=True, order=True)
class Entity:
    """An entity we mint: an interleukin, receptor, family or therapy."""

    id: str
    types: tuple[str, ...]
    label: str
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    status: str = ""
    description: str = ""
    sources: tuple[str, ...] = ()
    where: str = dataclasses.field(default="", compare=False)

    @classmethod
    def from_row(cls, row: dict[str, str], where: str) -> Entity:
        """Check one row of an entities file and return its record."""
        ident = row["id"]
        if not namespaces.ILKG_CURIE.match(ident):
            raise CurationError(f"{where}: entity id {ident!r} must be an ilkg: CURIE such as ilkg:IL6")
        types = _split(row["types"])
        if not types:
            raise CurationError(f"{where}: {ident} has no type")
        for name in types:
            if name not in schema.MINTED_CLASSES:
                raise CurationError(
                    f"{where}: unknown type {name!r} (known: {', '.join(schema.MINTED_CLASSES)})"
                )
        if not row["label"]:
            raise CurationError(f"{where}: {ident} has no label")
        xrefs = _split(row["xrefs"])
        for xref in xrefs:
            try:
                namespaces.check_xref(xref)
            except ValueError as err:
                raise CurationError(f"{where}: {err}") from None
        status = row["status"]
        if status:
            allowed = {s for t in types for c in schema.ancestors(t) for s in schema.STATUSES.get(c, ())}
            if status not in allowed:
                raise CurationError(
                    f"{where}: status {status!r} is not one of {', '.join(sorted(allowed)) or 'nothing'}"
                )
        return cls(
            id=ident,
            types=types,
            label=row["label"],
            synonyms=_split(row["synonyms"]),
            xrefs=xrefs,
            status=status,
            description=row["description"],
            sources=_check_sources(row["sources"], where),
            where=where,
        )

    def to_row(self) -> dict[str, str]:
        """Return the row this record is written as."""
        return {
            "id": self.id,
            "types": "|".join(self.types),
            "label": self.label,
            "synonyms": "|".join(self.synonyms),
            "xrefs": "|".join(self.xrefs),
            "status": self.status,
            "description": self.description,
            "sources": "|".join(self.sources),
        }


@dataclasses.dataclass(frozen=True, order=True)
class Term:
    """Friendlier names for a reused OBO term."""

    id: str
    label: str
    synonyms: tuple[str, ...] = ()
    where: str = dataclasses.field(default="", compare=False)

    @classmethod
    def from_row(cls, row: dict[str, str], where: str) -> Term:
        """Check one row of a terms file and return its record."""
        if not namespaces.OBO_CURIE.match(row["id"]):
            raise CurationError(f"{where}: term id {row['id']!r} must be a CL, GO, HP or MONDO id")
        if not row["label"]:
            raise CurationError(f"{where}: {row['id']} has no label")
        return cls(row["id"], row["label"], _split(row["synonyms"]), where)

    def to_row(self) -> dict[str, str]:
        """Return the row this record is written as."""
        return {"id": self.id, "label": self.label, "synonyms": "|".join(self.synonyms)}


@dataclasses.dataclass(frozen=True, order=True)
class Fact:
    """One asserted relation with its qualifiers, evidence and sources."""

    subject: str
    predicate: str
    object: str
    qualifiers: tuple[tuple[str, str], ...]
    object_label: str = dataclasses.field(default="", compare=False)
    evidence: str = dataclasses.field(default="", compare=False)
    sources: tuple[str, ...] = dataclasses.field(default=(), compare=False)
    comment: str = dataclasses.field(default="", compare=False)
    where: str = dataclasses.field(default="", compare=False)

    @classmethod
    def from_row(cls, row: dict[str, str], where: str) -> Fact:
        """Check one row of a facts file and return its record."""
        subject = _check_curie(row["subject"], where, "subject")
        obj = _check_curie(row["object"], where, "object")
        relation = schema.RELATIONS.get(row["predicate"])
        if relation is None:
            raise CurationError(
                f"{where}: unknown predicate {row['predicate']!r} (known: {', '.join(schema.RELATIONS)})"
            )
        qualifiers: dict[str, str] = {}
        for pair in filter(None, (p.strip() for p in row["qualifiers"].split(";"))):
            key, sep, value = (s.strip() for s in pair.partition("="))
            accepted = {q.name: q for q in relation.qualifiers}
            if not sep or key not in accepted:
                names = ", ".join(accepted) or "none"
                raise CurationError(
                    f"{where}: qualifier {pair!r} is not allowed on {relation.name} (allowed: {names})"
                )
            qualifier = accepted[key]
            if qualifier.values and value not in qualifier.values:
                raise CurationError(f"{where}: {key}={value!r} is not one of {', '.join(qualifier.values)}")
            if not re.fullmatch(qualifier.pattern, value):
                raise CurationError(f"{where}: malformed {key} {value!r}")
            qualifiers[key] = value
        for qualifier in relation.required:
            if qualifier.name not in qualifiers:
                raise CurationError(f"{where}: {relation.name} needs {qualifier.name}= in qualifiers")
        sources = _check_provenance(row, where, "the fact has no source")
        return cls(
            subject=subject,
            predicate=relation.name,
            object=obj,
            qualifiers=tuple(sorted(qualifiers.items())),
            object_label=row["object_label"],
            evidence=row["evidence"],
            sources=sources,
            comment=row["comment"],
            where=where,
        )

    def to_row(self) -> dict[str, str]:
        """Return the row this record is written as."""
        return {
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "object_label": self.object_label,
            "qualifiers": ";".join(f"{k}={v}" for k, v in self.qualifiers),
            "evidence": self.evidence,
            "sources": "|".join(self.sources),
            "comment": self.comment,
        }


GAP_COLUMNS = ("subject", "part", "evidence", "sources", "comment")

#: Parts of a profile that a source may say are not known (no receptor identified, ...);
#: `expression` is a receptor chain's expressing cell types.
GAP_PARTS = ("family", "receptors", "producers", "targets", "responses", "expression")


@dataclasses.dataclass(frozen=True, order=True)
class Gap:
    """A documented absence: a source says that part of an entity's profile is not known."""

    subject: str
    part: str
    evidence: str = dataclasses.field(default="", compare=False)
    sources: tuple[str, ...] = dataclasses.field(default=(), compare=False)
    comment: str = dataclasses.field(default="", compare=False)
    where: str = dataclasses.field(default="", compare=False)

    @classmethod
    def from_row(cls, row: dict[str, str], where: str) -> Gap:
        """Check one row of a gaps file and return its record."""
        if not namespaces.ILKG_CURIE.match(row["subject"]):
            raise CurationError(f"{where}: subject {row['subject']!r} must be an ilkg: CURIE")
        if row["part"] not in GAP_PARTS:
            raise CurationError(f"{where}: part {row['part']!r} is not one of {', '.join(GAP_PARTS)}")
        sources = _check_provenance(row, where, "a gap needs a source that states it")
        return cls(row["subject"], row["part"], row["evidence"], sources, row["comment"], where)

    def to_row(self) -> dict[str, str]:
        """Return the row this record is written as."""
        return {
            "subject": self.subject,
            "part": self.part,
            "evidence": self.evidence,
            "sources": "|".join(self.sources),
            "comment": self.comment,
        }


MAPPING_COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "comment",
)

#: How a curated entity may match an OBO term (SKOS mapping relations, as SSSOM names them).
MATCH_KINDS = ("skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch")

#: The SSSOM justifications a mapping row may give (SEMAPV terms): only a curator's reading, for now.
JUSTIFICATIONS = ("semapv:ManualMappingCuration",)


@dataclasses.dataclass(frozen=True, order=True)
class Mapping:
    """One of our entities matched to an OBO term (a receptor complex to its GO cellular component term).

    The columns are SSSOM's; the comment says why the match has its kind (which chains the term's
    definition names).
    """

    subject: str
    predicate: str
    object: str
    subject_label: str = dataclasses.field(default="", compare=False)
    object_label: str = dataclasses.field(default="", compare=False)
    justification: str = dataclasses.field(default="", compare=False)
    comment: str = dataclasses.field(default="", compare=False)
    where: str = dataclasses.field(default="", compare=False)

    @property
    def kind(self) -> str:
        """The SKOS relation's local name: ``exactMatch``, ``closeMatch``, ..."""
        return self.predicate.removeprefix("skos:")

    @classmethod
    def from_row(cls, row: dict[str, str], where: str) -> Mapping:
        """Check one row of a mappings file and return its record."""
        if not namespaces.ILKG_CURIE.match(row["subject_id"]):
            raise CurationError(f"{where}: subject_id {row['subject_id']!r} must be an ilkg: CURIE")
        if not namespaces.OBO_CURIE.match(row["object_id"]):
            raise CurationError(f"{where}: object_id {row['object_id']!r} must be a CL, GO, HP or MONDO id")
        if row["predicate_id"] not in MATCH_KINDS:
            raise CurationError(
                f"{where}: predicate_id {row['predicate_id']!r} is not one of {', '.join(MATCH_KINDS)}"
            )
        if row["mapping_justification"] not in JUSTIFICATIONS:
            raise CurationError(
                f"{where}: mapping_justification {row['mapping_justification']!r} is not one of "
                f"{', '.join(JUSTIFICATIONS)}"
            )
        if not row["comment"]:
            raise CurationError(f"{where}: a mapping needs a comment that says why it has its kind")
        return cls(
            subject=row["subject_id"],
            predicate=row["predicate_id"],
            object=row["object_id"],
            subject_label=row["subject_label"],
            object_label=row["object_label"],
            justification=row["mapping_justification"],
            comment=row["comment"],
            where=where,
        )

    def to_row(self) -> dict[str, str]:
        """Return the row this record is written as."""
        return {
            "subject_id": self.subject,
            "subject_label": self.subject_label,
            "predicate_id": self.predicate,
            "object_id": self.object,
            "object_label": self.object_label,
            "mapping_justification": self.justification,
            "comment": self.comment,
        }


def _read(path: Path, columns: tuple[str, ...]) -> Iterable[tuple[dict[str, str], str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CurationError(f"{path}: cannot read: {err}") from None
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != columns:
        raise CurationError(f"{path}:1: the header must be the columns {' '.join(columns)} (tab-separated)")
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        where = f"{path}:{number}"
        if len(cells) != len(columns):
            raise CurationError(f"{where}: {len(cells)} cells where the header has {len(columns)}")
        yield {c: cell.strip() for c, cell in zip(columns, cells, strict=True)}, where


def read_entities(path: Path) -> list[Entity]:
    """Read one entities file.

    :raises CurationError: naming the file and line of the first bad row.
    """
    return [Entity.from_row(row, where) for row, where in _read(path, ENTITY_COLUMNS)]


def read_terms(path: Path) -> list[Term]:
    """Read one terms file.

    :raises CurationError: naming the file and line of the first bad row.
    """
    return [Term.from_row(row, where) for row, where in _read(path, TERM_COLUMNS)]


def read_facts(path: Path) -> list[Fact]:
    """Read one facts file.

    :raises CurationError: naming the file and line of the first bad row.
    """
    return [Fact.from_row(row, where) for row, where in _read(path, FACT_COLUMNS)]


def read_gaps(path: Path) -> list[Gap]:
    """Read one gaps file.

    :raises CurationError: naming the file and line of the first bad row.
    """
    return [Gap.from_row(row, where) for row, where in _read(path, GAP_COLUMNS)]


def read_mappings(path: Path) -> list[Mapping]:
    """Read one mappings file.

    :raises CurationError: naming the file and line of the first bad row.
    """
    return [Mapping.from_row(row, where) for row, where in _read(path, MAPPING_COLUMNS)]


KINDS = {
    "entities": (read_entities, ENTITY_COLUMNS),
    "terms": (read_terms, TERM_COLUMNS),
    "facts": (read_facts, FACT_COLUMNS),
    "gaps": (read_gaps, GAP_COLUMNS),
    "mappings": (read_mappings, MAPPING_COLUMNS),
}


def canonical_text(records: Iterable[Entity | Term | Fact | Gap | Mapping], columns: tuple[str, ...]) -> str:
    """Return the canonical form of a curated file: header, then rows sorted, without duplicates."""
    lines = ["\t".join(columns)]
    for record in sorted(records):
        line = "\t".join(record.to_row()[c] for c in columns)
        if line != lines[-1]:
            lines.append(line)
    return "\n".join(lines) + "\n"


def lint_file(path: Path, kind: str) -> str:
    """Return the canonical text of a curated file of the given kind (entities, terms, facts, gaps, mappings)."""
    reader, columns = KINDS[kind]
    return canonical_text(reader(path), columns)
