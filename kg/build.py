"""Compile the ontology and the curated files into one RDF graph, deterministically.

The same inputs always give the same triples in the same order, and so byte-identical
Turtle (``kg.export``). Nodes are never blank: statements get IRIs minted from their content.

>>> triples = compile_bundled()
>>> len(triples) > 1000
True
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from kg import __version__, curation, namespaces, paths, schema
from kg.errors import CurationError
from kg.namespaces import DCTERMS, ILKG, OBOINOWL, RDF, RDFS, SKOS, VOID, XSD

DATASET = ILKG + "dataset"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"

_TYPE = ox.NamedNode(RDF + "type")
_LABEL = ox.NamedNode(RDFS + "label")


def _iri(curie_or_iri: str) -> ox.NamedNode:
    return ox.NamedNode(namespaces.expand(curie_or_iri))


def _ilkg(local: str) -> ox.NamedNode:
    return ox.NamedNode(ILKG + local)


def _text(value: str) -> ox.Literal:
    return ox.Literal(value)


@dataclasses.dataclass
class Curation:
    """Everything read from ``data/``: entities, term synonyms, facts, gaps and mappings to OBO terms."""

    entities: list[curation.Entity]
    terms: list[curation.Term]
    facts: list[curation.Fact]
    gaps: list[curation.Gap] = dataclasses.field(default_factory=list)
    mappings: list[curation.Mapping] = dataclasses.field(default_factory=list)

    @classmethod
    def read(cls, data_dir: Path | None = None) -> Curation:
        """Read every curated file under ``data_dir`` (the bundled data by default).

        :raises CurationError: naming the file and line of the first bad row.
        """
        folder = data_dir or paths.data_dir()

        def files(kind: str) -> list[Path]:
            return sorted((folder / kind).glob("*.tsv"))

        return cls(
            entities=[e for f in files("entities") for e in curation.read_entities(f)],
            terms=[t for f in files("terms") for t in curation.read_terms(f)],
            facts=[x for f in files("facts") for x in curation.read_facts(f)],
            gaps=[g for f in files("gaps") for g in curation.read_gaps(f)],
            mappings=[m for f in files("mappings") for m in curation.read_mappings(f)],
        )


def parse_ontology(files: list[Path] | None = None) -> list[ox.Triple]:
    """Parse the ontology Turtle files (TBox and OBO slices).

    :raises CurationError: when one does not parse.
    """
    triples: list[ox.Triple] = []
    for path in files if files is not None else paths.ontology_files():
        try:
            triples.extend(q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        except (SyntaxError, OSError) as err:
            raise CurationError(f"{path}: {err}") from None
    return triples


class _Compiler:
    def __init__(self, ontology: list[ox.Triple], cur: Curation) -> None:
        self.ontology = ontology
        self.cur = cur
        self.out: set[ox.Triple] = set(ontology)
        self.obo_labels = {
            str(t.subject.value): str(t.object.value)
            for t in ontology
            if t.predicate == _LABEL and str(t.subject.value).startswith(namespaces.OBO)
        }
        self.entities: dict[str, curation.Entity] = {}
        self.types: dict[str, set[str]] = defaultdict(set)

    def add(self, s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        self.out.add(ox.Triple(s, ox.NamedNode(p), o))

    def known(self, curie: str, where: str) -> str:
        """Return the label of a CURIE, which must be a curated entity or an OBO term in the slices."""
        if curie.startswith("ilkg:"):
            if curie not in self.entities:
                raise CurationError(f"{where}: {curie} is not defined in data/entities")
            return self.entities[curie].label
        label = self.obo_labels.get(namespaces.expand(curie))
        if label is None:
            raise CurationError(
                f"{where}: {curie} is not in the ontology slices (run scripts/build_slices.py to add it)"
            )
        return label

    def classes_of(self, curie: str) -> set[str]:
        if curie.startswith("ilkg:"):
            return {a for t in self.entities[curie].types for a in schema.ancestors(t)}
        return set(schema.ancestors(namespaces.OBO_TERM_CLASSES[curie.split(":")[0]]))

    def run(self) -> list[ox.Triple]:
        for entity in self.cur.entities:
            if entity.id in self.entities:
                raise CurationError(
                    f"{entity.where}: {entity.id} is also defined at {self.entities[entity.id].where}"
                )
            self.entities[entity.id] = entity
        for entity in self.cur.entities:
            self.entity(entity)
        for term in self.cur.terms:
            label = self.known(term.id, term.where)
            if label != term.label:
                raise CurationError(f"{term.where}: {term.id} is labelled {label!r}, not {term.label!r}")
            node = _iri(term.id)
            for synonym in term.synonyms:
                self.add(node, SKOS + "altLabel", _text(synonym))
        seen: dict[curation.Fact, str] = {}
        for fact in self.cur.facts:
            if fact in seen:
                raise CurationError(f"{fact.where}: the same fact is also at {seen[fact]}; merge the sources")
            seen[fact] = fact.where
            self.fact(fact)
        for gap in self.cur.gaps:
            self.gap(gap)
        exact: dict[str, curation.Mapping] = {}
        for mapping in self.cur.mappings:
            if mapping.kind == "exactMatch":
                if mapping.subject in exact:
                    raise CurationError(
                        f"{mapping.where}: {mapping.subject} already has an exact match at {exact[mapping.subject].where}"
                    )
                exact[mapping.subject] = mapping
            self.mapping(mapping)
        for curie, classes in self.types.items():
            for cls in sorted(classes):
                self.add(_iri(curie), RDF + "type", _ilkg(cls))
        self.metadata()
        return sorted(self.out, key=str)

    def entity(self, entity: curation.Entity) -> None:
        node = _iri(entity.id)
        self.types[entity.id].update(a for t in entity.types for a in schema.ancestors(t))
        self.add(node, RDFS + "label", _text(entity.label))
        for synonym in entity.synonyms:
            self.add(node, SKOS + "altLabel", _text(synonym))
        for xref in entity.xrefs:
            self.add(node, OBOINOWL + "hasDbXref", _text(xref))
        if entity.status:
            self.add(node, ILKG + "status", _text(entity.status))
        if entity.description:
            self.add(node, DCTERMS + "description", _text(entity.description))
        for source in entity.sources:
            self.add(node, DCTERMS + "source", self.source(source))

    def source(self, curie: str) -> ox.NamedNode:
        node = ox.NamedNode(namespaces.source_iri(curie))
        self.add(node, DCTERMS + "identifier", _text(curie))
        return node

    def fact(self, fact: curation.Fact) -> None:
        relation = schema.RELATIONS[fact.predicate]
        self.known(fact.subject, fact.where)
        label = self.known(fact.object, fact.where)
        if fact.object_label != label:
            raise CurationError(
                f"{fact.where}: object_label {fact.object_label!r} does not match the label of "
                f"{fact.object}, {label!r}"
            )
        for role, curie, allowed in (
            ("subject", fact.subject, relation.domain),
            ("object", fact.object, relation.range),
        ):
            if not self.classes_of(curie) & set(allowed):
                raise CurationError(
                    f"{fact.where}: {relation.name} needs a {' or '.join(allowed)} as {role}, "
                    f"and {curie} is a {', '.join(sorted(self.classes_of(curie)))}"
                )
        for curie in (fact.subject, fact.object):
            if not curie.startswith("ilkg:"):
                self.types[curie].update(self.classes_of(curie))
        if relation.object_role:
            self.types[fact.object].add(relation.object_role)
        subject, predicate, obj = _iri(fact.subject), _ilkg(fact.predicate), _iri(fact.object)
        self.out.add(ox.Triple(subject, predicate, obj))
        key = "\t".join(
            [fact.subject, fact.predicate, fact.object, *(f"{k}={v}" for k, v in fact.qualifiers)]
        )
        statement = ox.NamedNode(namespaces.FACT + hashlib.sha256(key.encode()).hexdigest()[:16])
        self.add(statement, RDF + "type", ox.NamedNode(RDF + "Statement"))
        self.add(statement, RDF + "subject", subject)
        self.out.add(ox.Triple(statement, ox.NamedNode(RDF + "predicate"), predicate))
        self.add(statement, RDF + "object", obj)
        self.add(statement, ILKG + "evidence", _text(fact.evidence))
        for name, value in fact.qualifiers:
            literal = (
                ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
                if schema.QUALIFIERS[name].integer
                else _text(value)
            )
            self.add(statement, ILKG + name, literal)
        for source in fact.sources:
            self.add(statement, DCTERMS + "source", self.source(source))
        if fact.comment:
            self.add(statement, RDFS + "comment", _text(fact.comment))

    def gap(self, gap: curation.Gap) -> None:
        self.known(gap.subject, gap.where)
        key = f"gap\t{gap.subject}\t{gap.part}"
        node = ox.NamedNode(ILKG + "gap/" + hashlib.sha256(key.encode()).hexdigest()[:16])
        self.add(node, RDF + "type", _ilkg("KnowledgeGap"))
        self.add(node, ILKG + "about", _iri(gap.subject))
        self.add(node, ILKG + "part", _text(gap.part))
        self.add(node, ILKG + "evidence", _text(gap.evidence))
        for source in gap.sources:
            self.add(node, DCTERMS + "source", self.source(source))
        if gap.comment:
            self.add(node, RDFS + "comment", _text(gap.comment))

    def mapping(self, mapping: curation.Mapping) -> None:
        """Add an entity's match to an OBO term: a SKOS link to the term's IRI.

        An exact or close match is also a cross-reference, which every export's xref column carries.
        """
        for curie, label, role in (
            (mapping.subject, mapping.subject_label, "subject_label"),
            (mapping.object, mapping.object_label, "object_label"),
        ):
            known = self.known(curie, mapping.where)
            if label != known:
                raise CurationError(
                    f"{mapping.where}: {role} {label!r} does not match the label of {curie}, {known!r}"
                )
        node = _iri(mapping.subject)
        self.add(node, SKOS + mapping.kind, _iri(mapping.object))
        if mapping.kind in ("exactMatch", "closeMatch"):
            self.add(node, OBOINOWL + "hasDbXref", _text(mapping.object))

    def metadata(self) -> None:
        node = ox.NamedNode(DATASET)
        extra = [
            (RDF + "type", ox.NamedNode(VOID + "Dataset")),
            (DCTERMS + "title", _text("ilkg: the interleukin knowledge graph")),
            (DCTERMS + "license", ox.NamedNode(LICENSE)),
            (DCTERMS + "hasVersion", _text(__version__)),
            (VOID + "uriSpace", _text(ILKG)),
            (VOID + "entities", ox.Literal(str(len(self.types)), datatype=ox.NamedNode(XSD + "integer"))),
        ]
        total = len(self.out) + len(extra) + 1
        for p, o in extra:
            self.add(node, p, o)
        self.add(node, VOID + "triples", ox.Literal(str(total), datatype=ox.NamedNode(XSD + "integer")))


def compile_graph(ontology: list[ox.Triple], cur: Curation) -> list[ox.Triple]:
    """Compile parsed ontology triples and curated records into the sorted triples of the graph.

    :raises CurationError: for an undefined entity, a wrong label, a relation between the wrong
        classes, or a duplicated entity or fact; the message names the file and line.
    """
    return _Compiler(ontology, cur).run()


input_files = paths.input_files  # the list lives in kg.paths, so the cache can read it without the compiler


def _inputs_key() -> tuple[tuple[str, int, int], ...]:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in input_files())


@functools.lru_cache(maxsize=2)
def _compile_cached(key: tuple[tuple[str, int, int], ...]) -> tuple[ox.Triple, ...]:
    return tuple(compile_graph(parse_ontology(), Curation.read()))


def compile_bundled() -> list[ox.Triple]:
    """Compile the bundled ontology and data (kept in memory while the input files are unchanged).

    :raises CurationError: as :func:`compile_graph`.
    """
    return list(_compile_cached(_inputs_key()))
