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
    """A SPARQL query does not parse; ``line`` and ``column`` (1-based) say where, when known."""

    def __init__(self, message: str, *, query: str = "", line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.query, self.line, self.column = query, line, column

    def __reduce__(self) -> tuple[object, ...]:
        # keep the position when the error crosses a pipe from a query's child process
        return (_syntax_error, (str(self), self.query, self.line, self.column))

    def caret(self) -> str:
        """Return the faulty line of the query with a caret under the fault, or ''."""
        lines = self.query.splitlines()
        if not self.line or self.line > len(lines):
            return ""
        text = lines[self.line - 1]
        return f"  {text}\n  {' ' * min(max(self.column - 1, 0), len(text))}^"


def _syntax_error(message: str, query: str, line: int, column: int) -> QuerySyntaxError:
    return QuerySyntaxError(message, query=query, line=line, column=column)


class UnknownFormatError(InputError):
    """A format name that ilkg does not know."""


class RemoteAccessError(InputError):
    """A query would reach the network or the file system without the user's leave."""


class QueryFailedError(IlkgError):
    """A well-formed query failed while running (exit code 1)."""


class QueryTimeoutError(QueryFailedError):
    """A query ran past its time limit and was stopped."""


class ValidationFailedError(IlkgError):
    """Validation found violations (exit code 1)."""
