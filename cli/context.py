"""What the commands share: the session (data files, graph), error classes and output."""

from __future__ import annotations

import errno
import functools
import io
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from kg.resolve import Index
    from kg.store import Graph


class InputRejected(click.ClickException):
    """Usage and input errors: malformed SPARQL or data files, unknown formats (exit 2)."""

    exit_code = 2


class Failed(click.ClickException):
    """A finding or a failure the input did not cause: violations, a failed query (exit 1)."""

    exit_code = 1


class Session:
    """What every command shares: the extra data files or the endpoint, and the graph, loaded on first use."""

    def __init__(
        self,
        data: tuple[str, ...] = (),
        endpoint: str | None = None,
        data_format: str | None = None,
        remote_graph: str | None = None,
        remote_timeout: float | None = None,
    ) -> None:
        self.data = data
        self.endpoint = endpoint
        self.data_format = data_format
        self.remote_graph = remote_graph
        self.remote_timeout = remote_timeout

    @functools.cached_property
    def graph(self) -> Graph:
        """The bundled graph merged with the --data files, or the remote --endpoint.

        A cache problem (an unwritable folder, a full disk) is one warning line on standard
        error; the answer then comes from memory.
        """
        if self.endpoint:
            from kg.remote import DEFAULT_TIMEOUT, Endpoint

            return Endpoint(
                self.endpoint, graph=self.remote_graph, timeout=self.remote_timeout or DEFAULT_TIMEOUT
            )
        import warnings

        from kg.cache import CacheWarning
        from kg.store import Graph

        progress = None
        if self.data:
            from kg.progress import Progress

            progress = Progress()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CacheWarning)
            graph = Graph.load(self.data, data_format=self.data_format, progress=progress)
        for message in dict.fromkeys(str(w.message) for w in caught if w.category is CacheWarning):
            click.echo(f"warning: {message}", err=True)
        for w in caught:
            if w.category is not CacheWarning:
                warnings.showwarning(w.message, w.category, w.filename, w.lineno)
        return graph

    def inputs(self, *files: str | None) -> tuple[str, ...]:
        """Return the files this command reads (the --data files and ``files``): no output may replace one."""
        return tuple(f for f in (*self.data, *files) if f and f != "-")

    @functools.cached_property
    def index(self) -> Index:
        """The name index of the graph, for resolving entity names."""
        from kg.resolve import Index

        return Index.build(self.graph)


pass_session = click.make_pass_decorator(Session)


def output_option(help_text: str):  # a click decorator
    """Return the ``-o/--output FILE`` option that every writing command shares."""
    return click.option("-o", "--output", type=click.Path(dir_okay=False), help=help_text)


def raw_cells_option(func):  # a click decorator
    """Return the ``--raw-cells`` flag of the commands that write CSV or TSV."""
    return click.option(
        "--raw-cells",
        is_flag=True,
        help="Keep cells that start with = + - @ as they are (for programs; by default a ' is put "
        "before them so that a spreadsheet does not run them as formulas).",
    )(func)


class ReaderGone(click.ClickException):
    """The program reading standard output stopped reading (``ilkg export | head -1``).

    That is how a pipe is meant to end, not an error: ilkg ends quietly, with the status a
    shell gives a program that SIGPIPE ended (141), as ``git log | head -1`` does.
    """

    exit_code = 141

    def show(self, file: object = None) -> None:
        """Say nothing: the reader has what it wanted."""


def stdout_failed(err: OSError) -> click.ClickException:
    """Return the one-line error for a closed or full standard output, and stop later writes failing.

    A reader that went away (a broken pipe) is not an error: see :class:`ReaderGone`.
    """
    import os

    try:  # the interpreter flushes stdout on exit; make that flush harmless
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
    except OSError:
        pass
    if err.errno == errno.EPIPE:
        return ReaderGone("")
    return InputRejected(f"cannot write to standard output: {err.strerror or err}")


class ClosedOutput(io.TextIOBase):
    """Stands in for a closed standard output (``ilkg show X >&-``): every write fails.

    Python sets ``sys.stdout`` to None then, and ``click.echo`` silently drops what it is given,
    so the answer would be lost with exit 0.
    """

    def writable(self) -> bool:
        """Claim to be writable, so that writers try and fail."""
        return True

    def isatty(self) -> bool:
        """Say no: a closed stream is no terminal."""
        return False

    def write(self, text: object) -> int:
        """Fail as writing to a closed descriptor does."""
        raise OSError(errno.EBADF, "it is closed")

    @property
    def buffer(self) -> ClosedOutput:
        """The binary side fails the same way."""
        return self


def guard_closed_stdout() -> None:
    """Make writes to a closed standard output fail, so that the command reports it."""
    if sys.stdout is None:
        sys.stdout = ClosedOutput()


def write_output(data: bytes, output: str | None, inputs: tuple[str, ...] = ()) -> None:
    """Write to a file atomically (never over one of ``inputs``), or to standard output."""
    if output:
        from kg.atomic import write_atomic

        write_atomic(output, data, inputs=inputs)
        return
    if sys.stdout is None:
        raise InputRejected("cannot write to standard output: it is closed")
    try:
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()
    except OSError as err:
        raise stdout_failed(err) from None
