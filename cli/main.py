"""The ``ilkg`` command: a thin Click layer over the ``kg`` library.

Only click and ``kg.errors`` are imported at start-up; each command imports what it needs,
so ``ilkg --help`` stays fast.
"""

from __future__ import annotations

from typing import Any

import click

from cli.context import (
    Failed,
    InputRejected,
    Session,
    guard_closed_stdout,
    output_option,
    pass_session,
    raw_cells_option,
    stdout_failed,
    write_output,
)
from kg import __version__
from kg.errors import IlkgError, InputError, QuerySyntaxError

#: The commands kept in modules of their own, by name: ``module:attribute``. Click's lazy-loading
#: group pattern: a call imports only the module of the command it runs (``--help`` lists all).
LAZY_COMMANDS = {
    "query": "cli.query:query",
    "queries": "cli.query:queries",
    "show": "cli.explore:show",
    "search": "cli.explore:search",
    "path": "cli.explore:path",
    "cache": "cli.cache:cache",
}


class IlkgGroup(click.Group):
    """Translate library errors into one-line messages and documented exit codes; load commands lazily."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Name every command, those of :data:`LAZY_COMMANDS` too, sorted as click does."""
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return the command, importing its module first if it is one of :data:`LAZY_COMMANDS`."""
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            import importlib

            module, _, attribute = LAZY_COMMANDS[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an IlkgError becomes an exit code and one line on stderr."""
        try:
            return super().invoke(ctx)
        except QuerySyntaxError as err:
            from kg.terminal import printable, printable_lines

            caret = printable_lines(err.caret())
            raise InputRejected(printable(str(err)) + (f"\n{caret}" if caret else "")) from err
        except IlkgError as err:
            from kg.terminal import printable

            cls = InputRejected if isinstance(err, InputError) else Failed
            raise cls(printable(str(err))) from err  # data in a message must not drive the terminal
        except OSError as err:  # only output is left unwrapped: a closed or full stdout
            raise stdout_failed(err) from None
        except UnicodeError as err:
            raise InputRejected(f"the input is not valid UTF-8 text: {err.reason}") from None


@click.group(cls=IlkgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    "data",
    multiple=True,
    metavar="FILE",
    help="An RDF file to merge with the bundled graph (Turtle, N-Triples, N-Quads, TriG, RDF/XML, "
    "JSON-LD; format from the extension, optionally .gz, .bz2 or .xz; '-' for standard input). "
    "Loaded once into the on-disk cache. Repeatable.",
)
@click.option(
    "--data-format",
    type=click.Choice(["turtle", "nt", "nq", "trig", "n3", "xml", "jsonld"]),
    help="The format of '--data -' (standard input), or of --data files whose extension does not say.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    envvar="ILKG_ENDPOINT",
    help="Answer from this SPARQL 1.1 query endpoint instead of the embedded store "
    "(load it first with 'ilkg upload'). Also read from $ILKG_ENDPOINT.",
)
@click.option(
    "--remote-graph",
    metavar="IRI",
    envvar="ILKG_REMOTE_GRAPH",
    help="With --endpoint: the named graph that holds the data (sent as default-graph-uri; "
    "Virtuoso keeps uploads in named graphs). Also read from $ILKG_REMOTE_GRAPH.",
)
@click.option(
    "--remote-timeout",
    type=click.FloatRange(min=0.1),
    metavar="SECONDS",
    help="With --endpoint or upload: the most one exchange with the server may take in all "
    "(default 60). Credentials come from $ILKG_REMOTE_USER and $ILKG_REMOTE_PASSWORD or netrc.",
)
@click.version_option(__version__, "--version", prog_name="ilkg")
@click.pass_context
def cli(
    ctx: click.Context,
    data: tuple[str, ...],
    data_format: str | None,
    endpoint: str | None,
    remote_graph: str | None,
    remote_timeout: float | None,
) -> None:
    """Explore the interleukin knowledge graph: query it, draw it, export it, validate it.

    \b
    Examples:
      ilkg stats
      ilkg query "SELECT ?cell WHERE { ilkg:IL17A ilkg:producedBy ?cell }"
      ilkg viz -o ilkg.html
      ilkg export -o ilkg.ttl
      ilkg --endpoint http://localhost:7878/query stats

    Exit codes: 0 ok; 1 violations or a failed query; 2 usage or input errors.
    """
    if endpoint and data:
        raise InputRejected(
            "--data cannot be merged into a remote --endpoint; upload the file to the store instead"
        )
    guard_closed_stdout()
    ctx.obj = Session(data, endpoint, data_format, remote_graph, remote_timeout)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option(
    "--coverage",
    is_flag=True,
    help="Per interleukin and per therapy, which parts of its profile are present.",
)
@pass_session
def stats(session: Session, fmt: str, coverage: bool) -> None:
    """Count triples, entities per class, relations per predicate, sources and animal-only facts.

    With --coverage: for every interleukin (genes, family, receptors, producing and target
    cells, responses, diseases) and every therapy (DrugBank id, modality, targets,
    indications, adverse effects), what is present, and the totals; then the curation
    minimums (cells per interleukin, chains with expression, complexes, curated disease
    links, inborn errors) with the entities that fall short of each.

    \b
    Examples:
      ilkg stats --format json
      ilkg stats --coverage
    """
    import json

    if coverage:
        from kg.coverage import coverage as compute_coverage
        from kg.coverage import coverage_text

        report = compute_coverage(session.graph)
        click.echo(json.dumps(report, indent=2) if fmt == "json" else coverage_text(report), nl=fmt == "json")
        return
    from kg.stats import stats as compute

    counts = compute(session.graph)
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
        return
    click.echo(f"triples  {counts['triples']}")
    for section in ("classes", "relations", "sources", "animal_only"):
        click.echo(f"\n{section.replace('_', '-')}")
        for name, count in counts[section].items():  # type: ignore[union-attr]
            click.echo(f"  {name:<22} {count}")
    click.echo(
        f"\nasserted relations with a source: {counts['sourced_relations']} of "
        f"{counts['asserted_relations']} ({counts['sourced_percent']}%)"
    )


def _csv(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _read_query_file(query_file: str | None) -> str | None:
    """Return the CONSTRUCT query of --query, or None; an unreadable file is an input error."""
    if not query_file:
        return None
    from kg.safety import read_query_file

    return read_query_file(query_file)


def part_options(verb: str):  # a click decorator
    """Declare the options that choose a part of the graph, shared by viz and export.

    ENTITIES and --depth (a neighbourhood), --types and --relations (filters), --query (a
    CONSTRUCT query's graph); ``verb`` starts the --query help ("Draw", "Export").
    """
    declarations = [
        click.argument("entities", nargs=-1),
        click.option(
            "--depth",
            type=click.IntRange(min=0, max=6),
            default=1,
            show_default=True,
            help="Steps around the ENTITIES.",
        ),
        click.option("--types", help="Keep only these classes, comma-separated (e.g. Interleukin,CellType)."),
        click.option(
            "--relations", help="Keep only these relations, comma-separated (e.g. producedBy,actsOn)."
        ),
        click.option(
            "--query",
            "query_file",
            type=click.Path(dir_okay=False),
            help=f"{verb} the graph a CONSTRUCT query in FILE returns.",
        ),
    ]

    def declare(command):
        for declaration in reversed(declarations):
            command = declaration(command)
        return command

    return declare


@cli.command()
@part_options("Draw")
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
def viz(
    session: Session,
    entities: tuple[str, ...],
    depth: int,
    types: str | None,
    relations: str | None,
    query_file: str | None,
    output: str,
    open_: bool,
) -> None:
    """Draw the graph, or part of it, as one interactive HTML page that works offline.

    With ENTITIES (names resolve as in 'ilkg show'), the neighbourhood of each to --depth
    steps, the entities emphasised. Nodes are coloured and shaped by class, with a legend,
    class filters, a search box and a details panel; promotes and inhibits look different.

    \b
    Examples:
      ilkg viz -o ilkg.html --open
      ilkg viz IL-6 IL-17A --depth 1 -o il6-il17a.html
      ilkg viz --types Interleukin,Therapy --relations targets,recombinantFormOf
      ilkg viz --query my-construct.rq -o mine.html
    """
    from kg.projection import view
    from kg.render import write_html

    construct = _read_query_file(query_file)
    projected, focus = view(
        session.graph,
        entities=entities,
        depth=depth,
        kinds=_csv(types),
        relations=_csv(relations) or None,
        construct=construct,
        index=session.index if entities else None,
    )
    path = write_html(projected, output, focus=focus, inputs=session.inputs(query_file))
    click.echo(
        f"wrote {path} ({projected.number_of_nodes()} nodes, {projected.number_of_edges()} edges)", err=True
    )
    if open_:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


EXPORT_FORMATS = ["turtle", "nt", "nq", "jsonld", "xml", "trig", "owl", "graphml", "gexf", "neo4j", "kgx"]


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    help="Output format (default: from the extension of --output, else turtle).",
)
@output_option(
    "Write to FILE (atomically) instead of standard output. For neo4j and kgx, a prefix: "
    "-o out/ilkg writes out/ilkg_nodes.* and out/ilkg_edges.* (or _relationships.csv)."
)
@part_options("Export")
@raw_cells_option
@pass_session
def export(
    session: Session,
    entities: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    depth: int,
    types: str | None,
    relations: str | None,
    query_file: str | None,
    raw_cells: bool,
) -> None:
    """Export the graph, or part of it, for triple stores, Protégé, Cytoscape, Gephi, Neo4j or Biolink tools.

    RDF (turtle, nt, nq, jsonld, xml, trig); owl (RDF/XML in which each fact's sources and
    qualifiers are OWL axiom annotations); GraphML or GEXF; node and relationship CSV for
    neo4j-admin's bulk import; node and edge TSV in the KGX format. An output extension
    ilkg does not know is refused (exit 2) unless --format says what to write. ENTITIES,
    --depth, --types, --relations and --query choose a part, as for viz.

    \b
    Examples:
      ilkg export -o ilkg.ttl
      ilkg export --format owl -o ilkg.owl
      ilkg export IL-17A --depth 1 -o il17a.graphml
      ilkg export --format kgx -o kgx/ilkg
    """
    from kg.export import Selection, format_for_path
    from kg.export import export as run
    from kg.tables import TABLE_FORMATS, tables

    if fmt is None:
        fmt = format_for_path(output) if output else "turtle"
    construct = _read_query_file(query_file)
    selection = Selection(
        entities=tuple(session.index.resolve(e).curie for e in entities),
        depth=depth,
        kinds=tuple(_csv(types)),
        relations=tuple(_csv(relations)) or None,
        construct=construct,
    )
    if fmt not in TABLE_FORMATS:
        write_output(run(session.graph, fmt, selection=selection), output, session.inputs(query_file))
        return
    if selection:
        raise InputRejected(f"--format {fmt} writes the whole graph; leave out the selection options")
    if not output:
        raise InputRejected(
            f"--format {fmt} writes two files: give a prefix with -o, for example -o out/ilkg"
        )
    from kg.atomic import write_atomic_many

    files = {f"{output}_{name}": data for name, data in tables(session.graph, fmt, raw=raw_cells).items()}
    for path in write_atomic_many(files, inputs=session.inputs()):  # both files or neither
        click.echo(f"wrote {path}", err=True)


@cli.command()
@click.argument("store_url", metavar="STORE_URL")
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    help="Put the triples in this named graph (default: the default graph).",
)
@click.option(
    "--replace", is_flag=True, help="Replace the target graph (HTTP PUT) instead of adding to it (POST)."
)
@pass_session
def upload(session: Session, store_url: str, graph_iri: str | None, replace: bool) -> None:
    """Send the graph (bundled plus --data) to a triple store over the SPARQL 1.1 Graph Store Protocol.

    STORE_URL is the store's Graph Store Protocol address (Oxigraph: http://HOST:7878/store;
    Virtuoso: http://HOST:8890/sparql-graph-crud-auth with --graph, as Virtuoso keeps data in
    named graphs). Credentials come from $ILKG_REMOTE_USER and $ILKG_REMOTE_PASSWORD or the
    netrc file, never from the command line. Then point any command at the store's query
    endpoint with --endpoint (and --remote-graph for a named graph).

    \b
    Examples:
      ilkg upload http://localhost:7878/store --replace
      ilkg --data mine.ttl upload http://localhost:7878/store --graph https://example.org/mine
      ilkg --endpoint http://localhost:7878/query show IL-6
    """
    from kg.remote import upload as send

    if session.endpoint:
        raise InputRejected("upload sends the local graph; leave out --endpoint")
    from kg.remote import DEFAULT_TIMEOUT, redact

    timeout = session.remote_timeout or DEFAULT_TIMEOUT
    count = send(session.graph, store_url, graph_iri=graph_iri, replace=replace, timeout=timeout)
    click.echo(f"sent {count} triples to {redact(store_url)}", err=True)


@cli.command()
@click.option(
    "--curated",
    type=click.Path(file_okay=False),
    help="Validate the curated files in this folder (a copy of data/) instead of the bundled ones.",
)
@pass_session
def validate(session: Session, curated: str | None) -> None:
    """Check the curated files, the SHACL shapes and that every relation has a source.

    Prints a report; exits 1 when anything is wrong. --data files are read as for query
    (--data-format for standard input or an extension that does not say).

    \b
    Examples:
      ilkg validate
      ilkg --data my-facts.ttl validate
      ilkg --data my-facts.txt --data-format turtle validate
    """
    from pathlib import Path

    from kg.errors import ValidationFailedError
    from kg.validate import validate as run

    if curated and not Path(curated).is_dir():
        raise InputRejected(f"no such folder: {curated}")
    report = run(session.data, data_format=session.data_format, data_dir=Path(curated) if curated else None)
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
    """Sort the curated TSV files and drop duplicate rows (their canonical form).

    With FILES, only those (each under an entities/, terms/ or facts/ folder); otherwise
    every curated file.

    \b
    Examples:
      ilkg data lint --check
      ilkg data lint data/facts/il6_family.tsv
    """
    from pathlib import Path

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
