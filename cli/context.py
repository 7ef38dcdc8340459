"""What the commands share: the session (data files, graph), error classes and output."""

from __future__ import annotations

import dataclasses
import functools
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


@dataclasses.dataclass
class Session:
    """What every command shares: the extra data files or the endpoint, and the graph, loaded on first use."""

    data: tuple[str, ...] = ()
    endpoint: str | None = None

    @functools.cached_property
    def graph(self) -> Graph:
        """The bundled graph merged with the --data files, or the remote --endpoint."""
        if self.endpoint:
            from kg.remote import Endpoint

            return Endpoint(self.endpoint)
        from kg.store import Graph

        return Graph.load(self.data)

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


def stdout_failed(err: OSError) -> InputRejected:
    """Return the one-line error for a closed or full standard output, and stop later writes failing."""
    import os

    try:  # the interpreter flushes stdout on exit; make that flush harmless
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
    except OSError:
        pass
    return InputRejected(f"cannot write to standard output: {err.strerror or err}")


def write_output(data: bytes, output: str | None) -> None:
    """Write to a file atomically, or to standard output."""
    if output:
        from kg.atomic import write_atomic

        write_atomic(output, data)
        return
    if sys.stdout is None:
        raise InputRejected("cannot write to standard output: it is closed")
    try:
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()
    except OSError as err:
        raise stdout_failed(err) from None
