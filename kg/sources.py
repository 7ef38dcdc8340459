"""The user's RDF inputs (``--data``): files of any RDF format, compressed or not, or standard input.

The format follows the extension (``mine.ttl``, ``atlas.nt.gz``, ``go.owl.xz``), or is given
(needed for standard input, ``-``). Every input is read through :meth:`Source.open`, one
place for checks on what may be read.

>>> Source.of("atlas.nt.gz").format.name, Source.of("atlas.nt.gz").compression
('N-Triples', 'gz')
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import IO, NamedTuple

import pyoxigraph as ox

from kg.errors import DataFileError

#: File extensions ilkg reads as RDF, and their Oxigraph format.
RDF_EXTENSIONS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

#: Format names for ``--data-format`` (as ``ilkg query --format`` names them).
FORMAT_NAMES = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "n3": ox.RdfFormat.N3,
    "xml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}

#: Compressed inputs, by their last extension.
COMPRESSIONS = {".gz": "gz", ".bz2": "bz2", ".xz": "xz"}

#: Formats with one triple or quad per line, whose lines count triples exactly.
LINE_FORMATS = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)


_UTF16 = "it is UTF-16 text; RDF files are read as UTF-8 (iconv -f UTF-16 -t UTF-8 converts it)"
#: What the first bytes of a file say it is, when its name says plain RDF text.
_MAGIC = (
    (b"\x1f\x8b", "it is gzip-compressed: end its name with .gz, or decompress it first"),
    (b"BZh", "it is bzip2-compressed: end its name with .bz2, or decompress it first"),
    (b"\xfd7zXZ\x00", "it is xz-compressed: end its name with .xz, or decompress it first"),
    (b"PK\x03\x04", "it is a zip archive; unpack it first"),
    (b"\xff\xfe", _UTF16),  # little-endian byte-order mark
    (b"\xfe\xff", _UTF16),  # big-endian
)


def _disguised(head: bytes) -> str | None:
    """Return what a file's first bytes show it to be when that is not RDF text, or None.

    >>> _disguised(b"BZh91AY&SY")
    'it is bzip2-compressed: end its name with .bz2, or decompress it first'
    """
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


class Source(NamedTuple):
    """One RDF input: a file (``path``) or standard input (``path`` None), its format and compression."""

    name: str
    path: Path | None
    format: ox.RdfFormat
    compression: str | None = None
    stdin: bool = False

    @classmethod
    def of(cls, name: str | Path, data_format: str | None = None) -> Source:
        """Describe the input ``name`` (``-`` for standard input); ``data_format`` overrides the extension.

        :raises DataFileError: when the format cannot be told.
        """
        text = str(name)
        if text == "-":
            if data_format is None:
                known = ", ".join(FORMAT_NAMES)
                raise DataFileError(
                    f"--data - reads standard input: give its format with --data-format ({known})"
                )
            return cls("-", None, FORMAT_NAMES[data_format], stdin=True)
        path = Path(text)
        compression = COMPRESSIONS.get(path.suffix.lower())
        inner = path.with_suffix("") if compression else path
        fmt = FORMAT_NAMES[data_format] if data_format else RDF_EXTENSIONS.get(inner.suffix.lower())
        if fmt is None:
            known = ", ".join(sorted(RDF_EXTENSIONS))
            raise DataFileError(
                f"{path}: unknown RDF file extension {inner.suffix!r} (known: {known}, each optionally "
                ".gz, .bz2 or .xz; or give --data-format)"
            )
        return cls(text, path, fmt, compression)

    @property
    def base_iri(self) -> str | None:
        """The base for the relative IRIs of a file: its own address (none for standard input)."""
        return None if self.stdin or self.path is None else self.path.resolve().as_uri()

    def raw(self) -> io.BytesIO:
        """Return the input's bytes as stored (compressed or not), read through :mod:`kg.inputs`' guards.

        Only regular files are read; uncompressed RDF/XML and JSON-LD are checked for entity
        and nesting explosions here, compressed ones by :meth:`text` once decompressed.

        :raises DataFileError: when it cannot be read or is refused.
        """
        from kg.inputs import read_data_file, read_regular_file

        if self.path is None:
            return io.BytesIO(sys.stdin.buffer.read())  # not spooled: read once, here
        if self.compression is None:
            return io.BytesIO(read_data_file(self.path, self.format))
        return io.BytesIO(read_regular_file(self.path))

    def text(self, raw: IO[bytes]) -> IO[bytes]:
        """Return a reader of the RDF text in ``raw``, decompressed and, for RDF/XML and JSON-LD, checked.

        :raises DataFileError: when decompressed RDF/XML or JSON-LD is refused.
        """
        reader = self.decompress(raw)
        if self.compression is None or self.format not in (ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD):
            return reader
        from kg.inputs import check_data

        try:
            data = reader.read()
        except (OSError, EOFError, ValueError) as err:
            raise self.read_error(err) from None
        check_data(data, self.format, self.path or Path("-"))
        return io.BytesIO(data)

    def decompress(self, raw: IO[bytes]) -> IO[bytes]:
        """Return a reader of the RDF text in ``raw``, decompressing it when the input is compressed."""
        if self.compression == "gz":
            import gzip

            return gzip.GzipFile(fileobj=raw, mode="rb")
        if self.compression == "bz2":
            import bz2

            return bz2.BZ2File(raw, mode="rb")
        if self.compression == "xz":
            import lzma

            return lzma.LZMAFile(raw, mode="rb")
        return raw

    def describe(self) -> str:
        """Name the input as a message should: its path, or 'standard input'."""
        return "standard input" if self.stdin else str(self.path)

    def syntax_error(self, err: SyntaxError, head: bytes = b"") -> DataFileError:
        """Turn a parser's syntax error into one line that names this input and the position.

        ``head``, the first bytes of the input as stored, tells a compressed or UTF-16 file
        whose name does not say so; the line then says that instead of the parser's complaint.
        """
        from kg.store import syntax_message

        kind = _disguised(head) if self.compression is None else None
        if kind is not None:
            return DataFileError(f"{self.describe()}: not {self.format.name} text: {kind}")
        return DataFileError(f"{self.describe()}: malformed {self.format.name}: {syntax_message(err)}")

    def read_error(self, err: BaseException) -> DataFileError:
        """Turn a failed read (I/O, bad compression) into one line that names this input."""
        detail = getattr(err, "strerror", None) or str(err) or type(err).__name__
        if self.compression and not isinstance(err, (FileNotFoundError, PermissionError)):
            detail = f"not valid {self.compression} data: {detail}"
        return DataFileError(f"{self.describe()}: cannot read: {detail}")

    def spooled(self, folder: Path | None = None) -> tuple[Source, str]:
        """Copy standard input to a temporary file (in ``folder`` if it can); return its Source and SHA-256.

        Standard input can be read once, but a load may need it twice (hashed for the cache
        key, then parsed). The caller removes the file with :meth:`unspool`.

        :raises DataFileError: when standard input cannot be read or copied.
        """
        import hashlib
        import tempfile

        digest = hashlib.sha256()
        try:
            fd, name = tempfile.mkstemp(prefix=".stdin-", suffix=".rdf", dir=folder)
        except OSError:
            fd, name = tempfile.mkstemp(prefix="ilkg-stdin-", suffix=".rdf")
        try:
            with os.fdopen(fd, "wb") as out:
                stream = self.raw()
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
        except OSError as err:
            Path(name).unlink(missing_ok=True)
            raise DataFileError(f"cannot read standard input: {err.strerror or err}") from None
        return self._replace(path=Path(name)), digest.hexdigest()

    def unspool(self) -> None:
        """Remove the temporary copy of standard input made by :meth:`spooled`."""
        if self.stdin and self.path is not None:
            self.path.unlink(missing_ok=True)
