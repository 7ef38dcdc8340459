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
    remote_graph: str | None = None
    remote_timeout: float | None = None

    @functools.cached_property
    def graph(self) -> Graph:
        """The bundled graph merged with the --data files, or the remote --endpoint."""
        if self.endpoint:
            from kg.remote import DEFAULT_TIMEOUT, Endpoint

            return Endpoint(
                self.endpoint, graph=self.remote_graph, timeout=self.remote_timeout or DEFAULT_TIMEOUT
            )
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


def write_output(data: bytes, output: str | None) -> None:
    """Write to a file atomically, or to standard output."""
    if output:
        from kg.atomic import write_atomic

        write_atomic(output, data)
    else:
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()
