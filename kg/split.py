"""Cutting a large RDF text into pieces that parse alone, so that several bulk loads run at once.

Oxigraph's bulk loader parses on one thread and indexes each batch of a million triples on
another, one batch after the other; it parses N-Triples in parallel only on four cores or
more, Turtle never. So a 1M-triple Turtle file kept one core of two busy for most of its
load. Given pieces that each parse alone, :mod:`kg.loader` runs one bulk load per piece on
a pool of threads (they release the GIL), all into the same store.

A cut is only made where it cannot change what the text means:

- Turtle: all of its ``@prefix``/``@base`` (or ``PREFIX``/``BASE``) lines come first, and
  each piece gets them again; no directive may appear later (checked on the whole body,
  loosely, so a literal that merely looks like one also stops the cut). N-Triples and
  N-Quads need no header.
- No blank node label (``_:``) anywhere: each bulk load names blank nodes apart, so a label
  used in two pieces would become two nodes. Anonymous ``[]`` nodes are local to a statement.
- Each cut follows a line ending in ``.`` at the start of a line that does not begin with a
  space. A cut inside a long string, a comment or a statement leaves the piece before it
  unfinished, which fails to parse: the loader then loads the whole input again in one
  piece, so a wrong cut costs time, never a wrong triple.

>>> text = b"@prefix ex: <https://example.org/> .\\n\\nex:a ex:p 1 .\\nex:b ex:p 2 .\\nex:c ex:p 3 .\\n"
>>> header, cuts = split(text, TURTLE, 3)
>>> header
b'@prefix ex: <https://example.org/> .\\n\\n'
>>> [text[a:b] for a, b in cuts]
[b'ex:a ex:p 1 .\\n', b'ex:b ex:p 2 .\\n', b'ex:c ex:p 3 .\\n']
>>> blank = text.replace(b"ex:b", b"_:b")
>>> split(blank, TURTLE, 3)[1] == [(len(header), len(blank))]
True
"""

from __future__ import annotations

import re

TURTLE = "Turtle"
LINES = "lines"  # N-Triples and N-Quads: one statement per line

_DIRECTIVE_LINE = re.compile(
    rb"[ \t]*(?:(?:@prefix[ \t]+[^\s:<>\"]*:[ \t]*<[^>\s]*>[ \t]*\.|@base[ \t]*<[^>\s]*>[ \t]*\.)"
    rb"|(?i:prefix[ \t]+[^\s:<>\"]*:[ \t]*<[^>\s]*>|base[ \t]*<[^>\s]*>))?[ \t]*(?:#[^\r\n]*)?\r?\n"
)
_SPACE = rb"(?:\s|#[^\n]*(?:\n|\Z))*"  # blanks and comments, as between Turtle tokens
#: What follows the word of a SPARQL-style directive (in lower case) when it is one.
_DIRECTIVE_REST = {
    b"prefix": re.compile(_SPACE + rb"[^\s<>\"#]*:" + _SPACE + rb"<"),
    b"base": re.compile(_SPACE + rb"<"),
    b"version": re.compile(_SPACE + rb"[\"']"),
}
#: Past this many words to check, the text is not cut (the check would cost more than it saves).
MAX_SUSPECTS = 10_000
_TURTLE_CUT = re.compile(rb"\.[ \t]*\r?\n(?=[^\s#])")
_LINE_CUT = re.compile(rb"\n")


def header_end(text: bytes) -> int:
    """Return where the leading directive, comment and blank lines of a Turtle text end.

    >>> text = b"\\xef\\xbb\\xbf# genes\\nPREFIX ex: <https://e/>\\n@base <https://b/> .\\nex:a ex:p ex:o .\\n"
    >>> text[header_end(text) :]
    b'ex:a ex:p ex:o .\\n'
    """
    pos = 3 if text.startswith(b"\xef\xbb\xbf") else 0
    while match := _DIRECTIVE_LINE.match(text, pos):
        if match.end() == pos:
            break
        pos = match.end()
    return pos


def split(text: bytes, kind: str, pieces: int) -> tuple[bytes, list[tuple[int, int]]]:
    """Return the header every piece needs and the (start, end) of each of about ``pieces`` pieces.

    ``kind`` is :data:`TURTLE` or :data:`LINES`. One piece (the whole body) when ``pieces``
    is 1 or the text cannot be cut safely.
    """
    start = header_end(text) if kind == TURTLE else 0
    whole = [(start, len(text))]
    if pieces < 2 or b"_:" in text or (kind == TURTLE and late_directive(text, start)):
        return text[:start], whole
    cut = _TURTLE_CUT if kind == TURTLE else _LINE_CUT
    cuts, pos = [], start
    for i in range(1, pieces):
        found = cut.search(text, max(pos, start + (len(text) - start) * i // pieces - 2))
        if found is None:
            break
        cuts.append((pos, found.end()))
        pos = found.end()
    cuts.append((pos, len(text)))
    return text[:start], [(a, b) for a, b in cuts if b > a]


def late_directive(text: bytes, start: int) -> bool:
    """Return whether ``text`` may hold a directive after ``start``.

    That is ``@prefix``, ``@base``, ``@version``, or one of those words (any case, not part
    of a name) followed by what its directive needs, comments allowed.

    A few ``bytes.find`` passes rather than one regular expression, which is ten times slower.

    >>> late_directive(b"ex:a rdfs:comment 'a database of bases' .", 0)
    False
    >>> late_directive(b"ex:a ex:p ex:o . PREFIX # why not\\n ex: <https://other/>", 0)
    True
    """
    lowered = text.lower()
    suspects = 0
    for word, rest in _DIRECTIVE_REST.items():
        pos = lowered.find(word, start)
        while pos >= 0:
            suspects += 1
            if suspects > MAX_SUSPECTS:
                return True
            before = lowered[pos - 1 : pos] if pos > start else b" "
            if before == b"@" or (
                not before.isalnum() and before not in b"_-:" and rest.match(lowered, pos + len(word))
            ):
                return True
            pos = lowered.find(word, pos + len(word))
    return False
