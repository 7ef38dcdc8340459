"""The ``ilkg`` command: a thin Click layer over the ``kg`` library.

Only click and ``kg.errors`` are imported at start-up; each command imports what it needs,
so ``ilkg --help`` stays fast.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg import __version__
from kg.errors import IlkgError, InputError

if TYPE_CHECKING:
    from kg.store import Graph


class InputRejected(click.ClickException):
    """Usage and input errors: malformed SPARQL or data files, unknown formats (exit 2)."""

    exit_code = 2


class Failed(click.ClickException):
    """A finding or a failure the input did not cause: violations, a failed query (exit 1)."""

    exit_code = 1


class IlkgGroup(click.Group):
    """Translate library errors into one-line messages and documented exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an IlkgError becomes an exit code and one line on stderr."""
        try:
            return super().invoke(ctx)
        except IlkgError as err:
            cls = InputRejected if isinstance(err, InputError) else Failed
            raise cls(str(err)) from err


@dataclasses.dataclass
class Session:
    """What every command shares: the extra data files, and the graph, loaded on first use."""

    data: tuple[str, ...] = ()

    @functools.cached_property
    def graph(self) -> Graph:
        """The bundled graph merged with the --data files."""
        from kg.store import Graph

        return Graph.load(self.data)


pass_session = click.make_pass_decorator(Session)


def _write(data: bytes, output: str | None) -> None:
    if output:
        from kg.atomic import write_atomic

        write_atomic(output, data)
    else:
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()


@click.group(cls=IlkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    "data",
    multiple=True,
    metavar="FILE",
    help="An RDF file to merge with the bundled graph (Turtle, N-Triples, N-Quads, TriG, RDF/XML, "
    "JSON-LD; format from the extension). Repeatable.",
)
@click.version_option(__version__, "--version", prog_name="ilkg")
@click.pass_context
def cli(ctx: click.Context, data: tuple[str, ...]) -> None:
    r"""Explore the interleukin knowledge graph: query it, draw it, export it, validate it.

    \b
    Examples:
      ilkg stats
      ilkg query "SELECT ?cell WHERE { ilkg:IL17A ilkg:producedBy ?cell }"
      ilkg viz -o ilkg.html
      ilkg export -o ilkg.ttl

    Exit codes: 0 ok; 1 violations or a failed query; 2 usage or input errors.
    """
    ctx.obj = Session(data)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_session
def stats(session: Session, fmt: str) -> None:
    r"""Count triples, entities per class, relations per predicate and sources.

    \b
    Example:
      ilkg stats --format json
    """
    import json

    from kg.stats import stats as compute

    counts = compute(session.graph)
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
        return
    click.echo(f"triples  {counts['triples']}")
    for section in ("classes", "relations", "sources"):
        click.echo(f"\n{section}")
        for name, count in counts[section].items():  # type: ignore[union-attr]
            click.echo(f"  {name:<22} {count}")
    click.echo(
        f"\nasserted relations with a source: {counts['sourced_relations']} of "
        f"{counts['asserted_relations']} ({counts['sourced_percent']}%)"
    )


QUERY_FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]


@cli.command()
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "file",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Read the query from FILE ('-' for standard input).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    help="Output format. Default: table on a terminal, tsv when piped (turtle for graph results).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to FILE; the format follows its extension unless --format is given.",
)
@pass_session
def query(
    session: Session, sparql: str | None, file: str | None, fmt: str | None, output: str | None
) -> None:
    r"""Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).

    The query comes from the argument, from -f FILE, or from standard input ('-' or no
    argument). The prefixes ilkg, rdf, rdfs, owl, xsd, skos, dcterms, obo, CL, GO, HP and
    MONDO are declared; a query's own PREFIX lines win.

    \b
    Examples:
      ilkg query "SELECT ?cell WHERE { ilkg:IL17A ilkg:producedBy ?cell }"
      ilkg query "ASK { ilkg:IL10 ilkg:inhibits GO:0006954 }"
      ilkg query -f my.rq --format csv -o answer.csv
    """
    import pyoxigraph as ox

    from kg.results import format_for_path, render

    text = _query_text(sparql, file)
    result = session.graph.query(text)
    is_graph = isinstance(result, ox.QueryTriples)
    if fmt is None and output:
        fmt = format_for_path(output)
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() and not output else ("turtle" if is_graph else "tsv")
    _write(render(result, fmt), output)


def _query_text(sparql: str | None, file: str | None) -> str:
    if sparql and file:
        raise InputRejected("give the query as an argument or with -f, not both")
    if file and file != "-":
        try:
            return Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputRejected(f"cannot read {file}: {getattr(err, 'strerror', None) or err}") from None
    if sparql and sparql != "-":
        return sparql
    if sys.stdin.isatty() and not file:
        raise InputRejected("no query: give it as an argument, with -f FILE, or on standard input")
    text = sys.stdin.read()
    if not text.strip():
        raise InputRejected("the query on standard input is empty")
    return text


@cli.command()
@click.option(
    "-o",
    "--output",
    default="ilkg.html",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The HTML file to write.",
)
@click.option("--open", "open_", is_flag=True, help="Open the page in the web browser.")
@pass_session
def viz(session: Session, output: str, open_: bool) -> None:
    r"""Draw the graph as one interactive HTML page that works offline.

    Nodes are coloured and shaped by class, with a legend, class filters, a search box and a
    details panel; promotes and inhibits edges look different.

    \b
    Example:
      ilkg viz -o ilkg.html --open
    """
    from kg.projection import project
    from kg.render import write_html

    projected = project(session.graph)
    path = write_html(projected, output)
    click.echo(
        f"wrote {path} ({projected.number_of_nodes()} nodes, {projected.number_of_edges()} edges)", err=True
    )
    if open_:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


EXPORT_FORMATS = ["turtle", "nt", "jsonld", "xml", "trig", "graphml", "gexf"]


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    help="Output format (default: from the extension of --output, else turtle).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to FILE (atomically) instead of standard output.",
)
@pass_session
def export(session: Session, fmt: str | None, output: str | None) -> None:
    r"""Export the whole graph: RDF for triple stores, GraphML or GEXF for Cytoscape and Gephi.

    \b
    Examples:
      ilkg export -o ilkg.ttl
      ilkg export --format graphml -o ilkg.graphml
    """
    from kg.export import EXTENSIONS
    from kg.export import export as run

    if fmt is None:
        fmt = EXTENSIONS.get(Path(output).suffix.lower(), "turtle") if output else "turtle"
    _write(run(session.graph, fmt), output)


@cli.command()
@click.option(
    "--curated",
    type=click.Path(file_okay=False),
    help="Validate the curated files in this folder (a copy of data/) instead of the bundled ones.",
)
@pass_session
def validate(session: Session, curated: str | None) -> None:
    r"""Check the curated files, the SHACL shapes and that every relation has a source.

    Prints a report; exits 1 when anything is wrong.

    \b
    Examples:
      ilkg validate
      ilkg --data my-facts.ttl validate
    """
    from kg.errors import ValidationFailedError
    from kg.validate import validate as run

    if curated and not Path(curated).is_dir():
        raise InputRejected(f"no such folder: {curated}")
    report = run(session.data, data_dir=Path(curated) if curated else None)
    if not report.ok:
        click.echo(report.text(), nl=False)
        raise ValidationFailedError(f"validation failed: {len(report.problems)} problem(s)")
    click.echo(report.text(), nl=False)


@cli.group()
def data() -> None:
    """Work on the curated files of data/."""


@data.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--check", is_flag=True, help="Only report the files that are not in canonical form (exit 1 if any)."
)
@click.option(
    "--curated", type=click.Path(file_okay=False), help="The data folder (default: the bundled one)."
)
def lint(files: tuple[str, ...], check: bool, curated: str | None) -> None:
    r"""Sort the curated TSV files and drop duplicate rows (their canonical form).

    With FILES, only those (each under an entities/, terms/ or facts/ folder); otherwise
    every curated file.

    \b
    Examples:
      ilkg data lint --check
      ilkg data lint data/facts/il6_family.tsv
    """
    from kg import paths
    from kg.atomic import write_atomic
    from kg.curation import KINDS, lint_file

    folder = Path(curated) if curated else paths.data_dir()
    targets = [(Path(f), Path(f).resolve().parent.name) for f in files] or [
        (path, kind) for kind in KINDS for path in sorted((folder / kind).glob("*.tsv"))
    ]
    changed = []
    for path, kind in targets:
        if kind not in KINDS:
            raise InputRejected(f"{path}: a curated file lives in an entities/, terms/ or facts/ folder")
        text = lint_file(path, kind)
        if text != path.read_text(encoding="utf-8"):
            changed.append(path)
            if not check:
                write_atomic(path, text.encode("utf-8"))
    for path in changed:
        click.echo(f"{'not canonical' if check else 'rewrote'}: {path}")
    if check and changed:
        raise Failed(f"{len(changed)} file(s) not in canonical form; run: ilkg data lint")
