"""Find entities by what people call them: label, synonym, gene symbol, CURIE, IRI, UniProt or DrugBank id.

Names are compared case- and punctuation-insensitively, and "interleukin" counts as "IL", so
IL6, IL-6, il 6, interleukin-6, HGNC:6018 and P05231 all mean IL-6. One resolver serves
``ilkg show``, ``ilkg search``, ``ilkg path``, query parameters and ``ilkg viz``.

>>> from kg.store import Graph
>>> index = Index.build(Graph.load())
>>> [index.resolve(n).curie for n in ("IL6", "il 6", "interleukin-6", "HGNC:6018", "P05231")]
['ilkg:IL6', 'ilkg:IL6', 'ilkg:IL6', 'ilkg:IL6', 'ilkg:IL6']
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.namespaces import ILKG, compact

if TYPE_CHECKING:
    from kg.store import Graph

_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa", "λ": "lambda"}


class UnknownEntityError(InputError):
    """No entity has that name; the message suggests the closest names."""


class AmbiguousEntityError(InputError):
    """Several entities have that name; the message lists them."""


def normalise(name: str) -> str:
    """Return the comparison key of a name.

    >>> normalise("Interleukin-6"), normalise("IL 6"), normalise("IL-1β")
    ('il6', 'il6', 'il1beta')
    """
    text = unicodedata.normalize("NFKC", name).strip()
    for letter, word in _GREEK.items():
        text = text.replace(letter, word)
    text = text.casefold()
    text = re.sub(r"\binterleukin\b", "il", text)
    return re.sub(r"[^0-9a-z]", "", text)


@dataclasses.dataclass(frozen=True)
class Entity:
    """An entity of the graph as people see it."""

    iri: str
    label: str
    classes: tuple[str, ...]
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    description: str = ""

    @property
    def curie(self) -> str:
        """The compact identifier, such as ``ilkg:IL6`` or ``CL:0000899``."""
        return compact(self.iri)

    @property
    def kind(self) -> str:
        """The most telling class, as the projection names it."""
        from kg.projection import NODE_KINDS

        return next((k for k in NODE_KINDS if k in self.classes), self.classes[0] if self.classes else "")


_ENTITIES = """
SELECT ?e ?label ?class ?syn ?xref ?description WHERE {
  ?e a ?class ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?class), STR(ilkg:)) && isIRI(?e))
  OPTIONAL { ?e skos:altLabel ?syn }
  OPTIONAL { ?e oboInOwl:hasDbXref ?xref }
  OPTIONAL { ?e dcterms:description ?description }
}"""


class Index:
    """Every labelled, ilkg-typed node of a graph, findable by any of its names."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = {e.iri: e for e in entities}
        self.keys: dict[str, set[str]] = defaultdict(set)
        for entity in entities:
            for name in self._names(entity):
                key = normalise(name)
                if key:
                    self.keys[key].add(entity.iri)

    @staticmethod
    def _names(entity: Entity) -> list[str]:
        names = [entity.label, *entity.synonyms, entity.curie, entity.iri]
        if entity.iri.startswith(ILKG):
            names.append(entity.iri.removeprefix(ILKG))  # IL6, tocilizumab
        for xref in entity.xrefs:
            names.append(xref)
            prefix, _, local = xref.partition(":")
            if prefix in ("UniProtKB", "DrugBank", "CHEMBL", "UNII"):
                names.append(local)
        return names

    @classmethod
    def build(cls, graph: Graph) -> Index:
        """Index the labelled nodes of ``graph`` that have an ilkg class."""
        rows: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for row in graph.select(_ENTITIES):
            data = rows[str(row["e"])]
            for key in ("label", "class", "syn", "xref", "description"):
                if row[key]:
                    data[key].add(str(row[key]))
        entities = [
            Entity(
                iri=iri,
                label=min(data["label"]),
                classes=tuple(sorted(c.removeprefix(ILKG) for c in data["class"])),
                synonyms=tuple(sorted(data["syn"])),
                xrefs=tuple(sorted(data["xref"])),
                description=min(data["description"]) if data["description"] else "",
            )
            for iri, data in rows.items()
        ]
        return cls(entities)

    def resolve(self, name: str) -> Entity:
        """Return the one entity a name means.

        :raises UnknownEntityError: when nothing has that name (with the closest suggestions).
        :raises AmbiguousEntityError: when several entities share it (listing them).
        """
        from kg.namespaces import expand

        try:
            iri = expand(name.strip())
        except ValueError:
            iri = ""
        if iri in self.entities:
            return self.entities[iri]
        found = sorted(self.keys.get(normalise(name), ()))
        if len(found) == 1:
            return self.entities[found[0]]
        if found:
            listed = ", ".join(f"{self.entities[i].curie} ({self.entities[i].label})" for i in found)
            raise AmbiguousEntityError(f"{name!r} could mean: {listed}")
        suggestions = self.suggest(name)
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        raise UnknownEntityError(f"no entity called {name!r}{hint}")

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Return the labels closest to a name."""
        labels = {normalise(e.label): e.label for e in self.entities.values()}
        close = difflib.get_close_matches(normalise(name), list(labels), n=limit, cutoff=0.75)
        return [labels[c] for c in close]

    def search(self, text: str, limit: int = 20) -> list[tuple[float, Entity]]:
        """Rank entities by how well ``text`` matches their label, synonyms, identifiers and description."""
        key = normalise(text)
        words = [w for w in re.split(r"\W+", text.casefold()) if w]
        if not key:
            return []
        scored = []
        for entity in self.entities.values():
            names = [normalise(n) for n in self._names(entity)]
            label = normalise(entity.label)
            if key == label:
                score = 100.0
            elif key in names:
                score = 90.0
            elif label.startswith(key):
                score = 80.0
            elif any(n.startswith(key) for n in names):
                score = 70.0
            elif any(key in n for n in names):
                score = 60.0
            elif words and all(w in entity.description.casefold() for w in words):
                score = 30.0
            else:
                ratio = difflib.SequenceMatcher(None, key, label).ratio()
                score = 40.0 * ratio if ratio >= 0.75 else 0.0
            if score:
                scored.append((score, entity))
        scored.sort(key=lambda pair: (-pair[0], pair[1].label.casefold(), pair[1].iri))
        return scored[:limit]
