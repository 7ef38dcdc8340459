"""The exceptions of ilkg: one hierarchy, translated to exit codes in one place (``cli.main``)."""

from __future__ import annotations


class IlkgError(Exception):
    """Base class of every error ilkg reports to its user."""


class InputError(IlkgError):
    """The user's input is wrong: a bad option value, file or query (exit code 2)."""


class DataFileError(InputError):
    """A data file is missing, unreadable or malformed."""


class CurationError(InputError):
    """A curated file breaks the curation rules; the message names the file and line."""


class QuerySyntaxError(InputError):
    """A SPARQL query does not parse."""


class UnknownFormatError(InputError):
    """A format name that ilkg does not know."""


class QueryFailedError(IlkgError):
    """A well-formed query failed while running (exit code 1)."""


class ValidationFailedError(IlkgError):
    """Validation found violations (exit code 1)."""
