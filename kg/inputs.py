"""Read the user's RDF files safely: only regular files, and no XML or JSON-LD built to explode.

A FIFO or a device named ``.ttl`` would hang the load or feed it forever, so only regular
files are read (the file is opened without blocking and checked with ``fstat``). RDF/XML
can declare entities that expand to gigabytes from a kilobyte ("billion laughs"), and deep
nesting in RDF/XML or JSON-LD makes the parsers slow or overflow their stack; each is
measured in one linear pass before parsing and refused with a clear message. What the
guards cannot foresee is caught by parsing those two formats first in a child process with
a memory ceiling and a time limit (:mod:`kg.timeout`).

>>> check_rdfxml(b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
...              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
...              b'<r>&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</r>', "lol.rdf")
Traceback (most recent call last):
...
kg.errors.DataFileError: lol.rdf: the XML entity 'd' expands to more than 4,096 characters
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from kg.errors import DataFileError

#: The longest text one XML entity may expand to, in characters.
MAX_ENTITY_CHARS = 4096
#: The most text all entity references of a document may add, in characters.
MAX_EXPANSION_CHARS = 10_000_000
#: The deepest element nesting accepted in RDF/XML.
MAX_XML_DEPTH = 500
#: The deepest nesting of arrays and objects accepted in JSON-LD.
MAX_JSON_DEPTH = 200
#: Memory an in-memory Oxigraph store takes per byte of RDF text, roughly (the file, its parse, its indexes).
LOAD_FACTOR = 4

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
    stat.S_IFSOCK: "a socket",
}
_ENTITY = re.compile(
    rb"<!ENTITY\s+(%\s*)?([^\s%;&<>\"']+)\s+(?:\"([^\"]*)\"|'([^']*)'|(SYSTEM|PUBLIC)\b)[^>]*>"
)
_REFERENCE = re.compile(rb"&([^\s&;<>#][^\s&;<>]*);")
_TAG = re.compile(rb"<[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>")
_JSON_TOKEN = re.compile(rb'["\[\]{}]')
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


def read_regular_file(path: Path) -> bytes:
    """Return the bytes of ``path`` if it is a regular file; refuse FIFOs, devices and folders at once.

    A file too large to load under the memory ceiling (:func:`kg.timeout.memory_limit`) is
    refused before it is read, since the store must live in this process.

    :raises DataFileError: naming what the path is, or why it cannot be read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as err:
        raise DataFileError(f"{path}: cannot read: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
        kind = stat.S_IFMT(info.st_mode)
        if kind != stat.S_IFREG:
            raise DataFileError(f"{path}: is {_KINDS.get(kind, 'not a regular file')}; give a regular file")
        from kg.timeout import memory_limit

        if info.st_size * LOAD_FACTOR > memory_limit():
            raise DataFileError(
                f"{path}: at {info.st_size / 2**30:.1f} GB it needs more memory to load than the ceiling of "
                f"{memory_limit() / 2**30:.1f} GB ($ILKG_MAX_MEMORY changes the ceiling)"
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as err:
        raise DataFileError(f"{path}: cannot read: {err.strerror or err}") from None
    except MemoryError:
        raise DataFileError(f"{path}: too large to read into memory") from None
    finally:
        os.close(fd)


def _as_utf8(data: bytes) -> bytes:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace").encode("utf-8")
    return data


def check_rdfxml(data: bytes, name: str) -> None:
    """Refuse RDF/XML whose entities would expand too far, or whose elements nest too deeply.

    :raises DataFileError: naming the entity or the depth.
    """
    data = _as_utf8(data)
    doctype = data.find(b"<!DOCTYPE")
    entities: dict[bytes, bytes] = {}
    body = data
    if doctype >= 0:
        close = data.find(b"]>", doctype)
        subset = data[doctype : close if close >= 0 else len(data)]
        for match in _ENTITY.finditer(subset):
            parameter, entity, double, single, external = match.groups()
            if parameter or external:
                kind = "parameter" if parameter else "external"
                raise DataFileError(
                    f"{name}: {kind} XML entities are not allowed ({entity.decode(errors='replace')})"
                )
            entities[entity] = double if double is not None else single
        if b"<!ENTITY" in subset and not entities:
            raise DataFileError(f"{name}: XML entity declarations that ilkg cannot check")
        body = data[close + 2 :] if close >= 0 else b""
    sizes: dict[bytes, int] = {}

    def size(entity: bytes, seen: tuple[bytes, ...]) -> int:
        if entity in sizes:
            return sizes[entity]
        if entity in seen:
            raise DataFileError(
                f"{name}: the XML entity {entity.decode(errors='replace')!r} refers to itself"
            )
        value = entities[entity]
        total = len(value)
        for ref in _REFERENCE.finditer(value):
            if ref.group(1) in entities:
                total += size(ref.group(1), (*seen, entity)) - len(ref.group())
            if total > MAX_ENTITY_CHARS:
                break
        if total > MAX_ENTITY_CHARS:
            raise DataFileError(
                f"{name}: the XML entity {entity.decode(errors='replace')!r} expands to more than "
                f"{MAX_ENTITY_CHARS:,} characters"
            )
        sizes[entity] = total
        return total

    for entity in entities:
        size(entity, ())
    if entities:
        added = sum(sizes[ref.group(1)] for ref in _REFERENCE.finditer(body) if ref.group(1) in sizes)
        if added > MAX_EXPANSION_CHARS:
            raise DataFileError(
                f"{name}: XML entity references add {added:,} characters; the limit is {MAX_EXPANSION_CHARS:,}"
            )
    depth = _xml_depth(body)
    if depth > MAX_XML_DEPTH:
        raise DataFileError(f"{name}: XML elements nest {depth} deep; the limit is {MAX_XML_DEPTH}")


def _xml_depth(data: bytes) -> int:
    """Return the deepest element nesting, scanning once; stop at the first malformed construct."""
    depth = deepest = 0
    pos = data.find(b"<")
    while pos >= 0:
        if data.startswith(b"<!--", pos):
            end = data.find(b"-->", pos + 4)
            end = end + 3 if end >= 0 else -1
        elif data.startswith(b"<![CDATA[", pos):
            end = data.find(b"]]>", pos + 9)
            end = end + 3 if end >= 0 else -1
        elif data.startswith((b"<?", b"<!"), pos):
            end = data.find(b">", pos)
            end = end + 1 if end >= 0 else -1
        else:
            tag = _TAG.match(data, pos)
            end = tag.end() if tag else -1
            if tag:
                text = tag.group()
                if text.startswith(b"</"):
                    depth = max(depth - 1, 0)
                elif not text.endswith(b"/>"):
                    depth += 1
                    deepest = max(deepest, depth)
        if end < 0:
            break  # malformed from here: the parser stops here too
        pos = data.find(b"<", end)
    return deepest


def json_depth(data: bytes) -> int:
    """Return the deepest nesting of JSON arrays and objects, outside strings, in one pass.

    >>> json_depth(b'{"@list": [[1, "[[["], {"a": []}]}')
    4
    """
    depth = deepest = 0
    pos = 0
    while True:
        match = _JSON_TOKEN.search(data, pos)
        if match is None:
            return deepest
        if match.group() == b'"':
            string = _JSON_STRING.match(data, match.start())
            if string is None:
                return deepest  # an unterminated string: the parser stops there
            pos = string.end()
            continue
        if match.group() in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
        pos = match.end()


def check_jsonld(data: bytes, name: str) -> None:
    """Refuse JSON-LD nested too deeply for the parser.

    :raises DataFileError: naming the depth.
    """
    depth = json_depth(_as_utf8(data))
    if depth > MAX_JSON_DEPTH:
        raise DataFileError(f"{name}: JSON nests {depth} deep; the limit is {MAX_JSON_DEPTH}")


def read_data_file(path: Path, fmt: object) -> bytes:
    """Read an RDF file for loading: a regular file, checked for the explosions its format allows.

    RDF/XML and JSON-LD are also parsed once in a child process under the memory ceiling and a
    time limit, so that what slips past the guards ends in one line instead of a crash.

    :raises DataFileError: when the file is not a regular file, cannot be read, or is refused.
    """
    data = read_regular_file(path)
    check_data(data, fmt, path)
    return data


def check_data(data: bytes, fmt: object, path: Path) -> None:
    """Check RDF text read from ``path`` (decompressed, if it was) for the explosions its format allows.

    :raises DataFileError: when it is refused.
    """
    import pyoxigraph as ox

    from kg.errors import QueryFailedError

    if fmt not in (ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD):
        return
    (check_rdfxml if fmt == ox.RdfFormat.RDF_XML else check_jsonld)(data, str(path))
    from kg.timeout import DEFAULT_TIMEOUT, call_with_timeout

    def trial() -> bytes:
        try:
            for _ in ox.parse(data, format=fmt, base_iri=path.resolve().as_uri()):  # type: ignore[arg-type]
                pass
        except SyntaxError:
            pass  # reported with its position by the real load
        return b""

    try:
        call_with_timeout(trial, DEFAULT_TIMEOUT, what=f"reading {path}")
    except QueryFailedError as err:
        raise DataFileError(str(err)) from None
