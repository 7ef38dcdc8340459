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


#: The longest name or search text looked at, in characters; longer input is cut (no name is longer).
MAX_NAME_CHARS = 300


def _loose(name: str) -> str:
    """Return a name's key without the IL abbreviation, for typo suggestions ("interleukn 6")."""
    text = unicodedata.normalize("NFKC", name).casefold()
    for letter, word in _GREEK.items():
        text = text.replace(letter, word)
    return re.sub(r"[^0-9a-z]", "", text)


def _words(text: str) -> list[str]:
    return [w for w in (normalise(part) for part in re.split(r"[\s,;/()\[\]]+", text)) if w]


@dataclasses.dataclass
class _Keys:
    """The precomputed comparison keys of one entity (search looks at these, not at the raw names)."""

    label: str
    label_words: list[str]
    names: list[str]
    synonym_words: list[list[str]]
    fuzzy: list[str]
    description: str


class Index:
    """Every labelled, ilkg-typed node of a graph, findable by any of its names."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = {e.iri: e for e in entities}
        self.keys: dict[str, set[str]] = defaultdict(set)
        self._search_keys: dict[str, _Keys] = {}
        for entity in entities:
            names = self._names(entity)
            for name in names:
                key = normalise(name)
                if key:
                    self.keys[key].add(entity.iri)
            human = [entity.label, *entity.synonyms]
            self._search_keys[entity.iri] = _Keys(
                label=normalise(entity.label),
                label_words=_words(entity.label),
                names=[k for k in (normalise(n) for n in names) if k],
                synonym_words=[_words(n) for n in entity.synonyms],
                fuzzy=sorted({k for n in human for k in (normalise(n), _loose(n)) if k}),
                description=entity.description.casefold(),
            )

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
        raise UnknownEntityError(f"no entity called {name[:MAX_NAME_CHARS]!r}{hint}")

    def find(self, name: str) -> Entity:
        """Return the entity a name means, or else the one that search ranks best by its names.

        What ``ilkg show`` and ``ilkg path`` accept: ``melanoma`` finds "metastatic melanoma" when
        no other entity's label or synonym matches as well.

        :raises UnknownEntityError: when neither a name nor a search matches (with suggestions).
        :raises AmbiguousEntityError: when several entities match equally well (listing them).
        """
        try:
            return self.resolve(name)
        except UnknownEntityError:
            hits = [(score, e) for score, e in self.search(name, limit=10) if score >= _NAME_MATCH]
            if not hits:
                raise
        best = [e for score, e in hits if score == hits[0][0]]
        if len(best) == 1:
            return best[0]
        listed = ", ".join(f"{e.curie} ({e.label})" for e in best)
        raise AmbiguousEntityError(f"{name[:MAX_NAME_CHARS]!r} could mean: {listed}")

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Return the labels of the entities closest to a name.

        Close spellings of labels and synonyms first (by edit similarity on their normalised
        forms), then the best search matches.
        """
        name = name[:MAX_NAME_CHARS]
        found: list[str] = []
        for key in (normalise(name), _loose(name)):
            if not key:
                continue
            close = difflib.get_close_matches(key, list(self._fuzzy_keys()), n=limit, cutoff=0.75)
            for match in close:
                for iri in sorted(self._fuzzy_keys()[match]):
                    label = self.entities[iri].label
                    if label not in found:
                        found.append(label)
        for _, entity in self.search(name, limit=limit):
            if entity.label not in found:
                found.append(entity.label)
        return found[:limit]

    def _fuzzy_keys(self) -> dict[str, set[str]]:
        if not hasattr(self, "_fuzzy"):
            self._fuzzy: dict[str, set[str]] = defaultdict(set)
            for iri, keys in self._search_keys.items():
                for key in keys.fuzzy:
                    self._fuzzy[key].add(iri)
        return self._fuzzy

    def search(self, text: str, limit: int = 20) -> list[tuple[float, Entity]]:
        """Rank entities by how well ``text`` matches their label, synonyms, identifiers and description.

        Exact names first, then labels that start with the text or hold its words, then
        synonyms that do, then any name that contains it, close spellings, and last the
        descriptions that mention every word. Shorter labels win ties.
        """
        text = text[:MAX_NAME_CHARS]
        key = normalise(text)
        if not key:
            return []
        words = _words(text)
        plain = [w for w in re.split(r"\W+", text.casefold()) if w]
        scored = []
        for iri, keys in self._search_keys.items():
            score = _score(key, words, plain, keys)
            if score:
                scored.append((score, self.entities[iri]))
        scored.sort(key=lambda pair: (-pair[0], len(pair[1].label), pair[1].label.casefold(), pair[1].iri))
        return scored[:limit]


#: Search scores at or above this come from a label, synonym or identifier, not a description.
_NAME_MATCH = 60.0


def _has_words(words: list[str], candidates: list[str], *, prefix: bool) -> bool:
    if prefix:
        return all(any(c.startswith(w) for c in candidates) for w in words)
    return all(w in candidates for w in words)


def _score(key: str, words: list[str], plain: list[str], keys: _Keys) -> float:
    if key == keys.label:
        return 100.0
    if key in keys.names:
        return 95.0
    if keys.label.startswith(key):
        return 90.0
    if words and _has_words(words, keys.label_words, prefix=False):
        return 85.0
    if words and _has_words(words, keys.label_words, prefix=True):
        return 80.0
    if any(n.startswith(key) for n in keys.names):
        return 75.0
    if words and any(_has_words(words, s, prefix=False) for s in keys.synonym_words if s):
        return 70.0
    if words and any(_has_words(words, s, prefix=True) for s in keys.synonym_words if s):
        return 65.0
    if any(key in n for n in keys.names):
        return 60.0
    if plain and all(w in keys.description for w in plain):
        return 30.0
    best = 0.0
    for name in keys.fuzzy:
        if min(len(name), len(key)) < 0.6 * max(len(name), len(key)):
            continue  # too different in length to be a typo
        matcher = difflib.SequenceMatcher(None, key, name)
        if matcher.real_quick_ratio() >= 0.75 and matcher.quick_ratio() >= 0.75:
            best = max(best, matcher.ratio())
    return 40.0 * best if best >= 0.75 else 0.0
