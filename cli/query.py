"""``ilkg query`` and ``ilkg queries``: SPARQL from the user, or a bundled named query."""

from __future__ import annotations

import sys

import click

from cli.context import InputRejected, Session, output_option, pass_session, raw_cells_option, write_output

QUERY_FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "nt", "nq", "jsonld", "trig"]


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise InputRejected(f"--param takes NAME=VALUE, not {value!r}")
        params[name.strip()] = text.strip()
    return params


@click.command()
@click.argument("sparql", required=False)
@click.option(
    "-f",
    "--file",
    "file",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Read the query from FILE ('-' for standard input).",
)
@click.option("-n", "--name", help="Run a bundled query by name (see: ilkg queries).")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter of a bundled query; names resolve like 'ilkg show' (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    help="Output format. Default: table on a terminal, tsv when piped (turtle for graph results).",
)
@output_option("Write to FILE; the format follows its extension unless --format is given.")
@click.option("--labels", is_flag=True, help="In the table, show each IRI's label beside it.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    help="Stop the query after SECONDS (exit 1); default 300, 0 for no limit.",
)
@click.option(
    "--allow-remote", is_flag=True, help="Allow SERVICE and FROM, which may reach the network or files."
)
@raw_cells_option
@pass_session
def query(
    session: Session,
    sparql: str | None,
    file: str | None,
    name: str | None,
    params: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    labels: bool,
    timeout: float | None,
    allow_remote: bool,
    raw_cells: bool,
) -> None:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).

    The query comes from the argument, from -f FILE, from standard input ('-' or no
    argument), or from the bundled queries (--name). The prefixes ilkg, rdf, rdfs, owl, xsd,
    skos, dcterms, obo, CL, GO, HP and MONDO are declared; a query's own PREFIX lines win.
    Updates are refused; SERVICE and FROM need --allow-remote.

    \b
    Examples:
      ilkg query "SELECT ?cell WHERE { ilkg:IL17A ilkg:producedBy ?cell }"
      ilkg query "ASK { ilkg:IL10 ilkg:inhibits GO:0006954 }"
      ilkg query --name producers-of --param il=IL-22
      ilkg query -f my.rq --format csv -o answer.csv
    """
    from kg.results import EXTENSIONS, format_for_path, render_query

    if name:
        if sparql or file:
            raise InputRejected("give a bundled query (--name) or your own query, not both")
        from kg import queries

        text = queries.get(name).bind(_params(params), session.index)
    else:
        if params:
            raise InputRejected("--param goes with a bundled query (--name)")
        text = _query_text(sparql, file)
    if fmt is None and output:
        fmt = format_for_path(output)
        if fmt is None:
            raise InputRejected(
                f"cannot tell the output format from {output!r} (known extensions: "
                f"{', '.join(EXTENSIONS)}); give --format"
            )
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() and not output else "auto"
    _check_text(text)
    data = render_query(
        session.graph, text, fmt, labels=labels, timeout=timeout, allow_remote=allow_remote, raw=raw_cells
    )
    write_output(data, output, session.inputs(file))


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes in an argument arrive as lone surrogates
        raise InputRejected("the query is not valid UTF-8 text") from None


#: Endings of a query file: an argument with one of these, and no space, is a file name, not SPARQL.
QUERY_FILE_ENDINGS = (".rq", ".sparql", ".ru")


def _query_text(sparql: str | None, file: str | None) -> str:
    if sparql and file:
        raise InputRejected("give the query as an argument or with -f, not both")
    if sparql and not any(c.isspace() for c in sparql):
        import os.path

        if sparql.lower().endswith(QUERY_FILE_ENDINGS) or os.path.isfile(sparql):
            raise InputRejected(f"{sparql!r} looks like a file name, not a query: give it with -f {sparql}")
    from kg.safety import read_query, read_query_file

    if file and file != "-":
        return read_query_file(file)
    if sparql and sparql != "-":
        return sparql
    if sys.stdin.isatty() and not file:
        raise InputRejected(
            "no query: give it as an argument, with -f FILE, with --name, or on standard input"
        )
    text = (
        read_query(sys.stdin.buffer, "the query on standard input")
        if hasattr(sys.stdin, "buffer")
        else sys.stdin.read()
    )
    if not text.strip():
        raise InputRejected("the query on standard input is empty")
    return text


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def queries(fmt: str) -> None:
    """List the bundled queries with their descriptions and parameters.

    \b
    Examples:
      ilkg queries
      ilkg query --name drugs-for-disease --param "disease=Crohn disease"
    """
    import json

    from kg.queries import bundled

    found = bundled()
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "name": q.name,
                        "title": q.title,
                        "description": q.description,
                        "params": [{"name": p.name, "default": p.default, "help": p.help} for p in q.params],
                    }
                    for q in found
                ],
                indent=2,
            )
        )
        return
    for q in found:
        click.echo(f"{q.name}\n  {q.title}. {q.description}")
        for p in q.params:
            default = f" (default: {p.default})" if p.default else ""
            click.echo(f"  --param {p.name}=...  {p.help}{default}")
