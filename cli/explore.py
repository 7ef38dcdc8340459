"""``ilkg show``, ``ilkg search`` and ``ilkg path``: ways in for people who do not write SPARQL."""

from __future__ import annotations

import click

from cli.context import Session, pass_session


@click.command()
@click.argument("entity")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_session
def show(session: Session, entity: str, fmt: str) -> None:
    """Everything about one entity: names, identifiers, and its facts grouped by relation, with sources.

    ENTITY is a label, synonym, gene symbol, CURIE, IRI, UniProt or DrugBank id, in any case
    and punctuation (IL6, il 6, interleukin-6, HGNC:6018 and P05231 all mean IL-6).

    \b
    Examples:
      ilkg show IL-6
      ilkg show "T-helper 17 cell" --format json
    """
    import json

    from kg.show import card_text, describe
    from kg.terminal import printable_lines

    card = describe(session.graph, entity, index=session.index)
    click.echo(
        json.dumps(card, indent=2) if fmt == "json" else printable_lines(card_text(card)), nl=fmt == "json"
    )


@click.command()
@click.argument("text")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@pass_session
def search(session: Session, text: str, limit: int, fmt: str) -> None:
    """Find entities by label, synonym, identifier or description, best matches first.

    \b
    Examples:
      ilkg search fever
      ilkg search "IL-17" --limit 5
    """
    import json

    from kg.results import table

    hits = session.index.search(text, limit=limit)
    rows = [[e.curie, e.label, e.kind, f"{score:.0f}"] for score, e in hits]
    if fmt == "json":
        keys = ("id", "label", "class", "score")
        click.echo(json.dumps([dict(zip(keys, row, strict=True)) for row in rows], indent=2))
    elif rows:
        click.echo(table(["id", "label", "class", "score"], rows), nl=False)
    else:
        from kg.terminal import printable

        suggestions = [printable(s) for s in session.index.suggest(text)]
        click.echo("no matches" + (f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""))


@click.command()
@click.argument("source")
@click.argument("target")
@click.option("--max-length", type=click.IntRange(min=1, max=8), default=4, show_default=True)
@click.option(
    "--limit", type=click.IntRange(min=1), default=10, show_default=True, help="At most this many paths."
)
@click.option(
    "--relations",
    default=None,
    metavar="NAMES",
    help="Follow only these relations (comma-separated), e.g. targets,signalsThrough,bindsReceptor.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_session
def path(
    session: Session, source: str, target: str, max_length: int, limit: int, relations: str | None, fmt: str
) -> None:
    """Show the shortest ways two entities are connected, with the relation on each step.

    \b
    Examples:
      ilkg path secukinumab psoriasis
      ilkg path IL-6 "T-helper 17 cell" --max-length 3
      ilkg path baricitinib IL-6 --relations targets,signalsThrough,bindsReceptor
    """
    import json

    from kg.paths_between import shortest_paths

    names = [n.strip() for n in relations.split(",") if n.strip()] if relations is not None else None
    found = shortest_paths(
        session.graph,
        source,
        target,
        max_length=max_length,
        limit=limit,
        index=session.index,
        relations=names,
    )
    if fmt == "json":
        click.echo(json.dumps(found, indent=2))
        return
    from kg.terminal import printable

    for number, steps in enumerate(found, 1):
        click.echo(f"{number}. {printable(steps[0]['from_label'])}")
        for step in steps:
            arrow = f"--{step['relation']}-->" if step["direction"] == "->" else f"<--{step['relation']}--"
            click.echo(f"     {arrow} {printable(step['to_label'])}  [{printable(step['to'])}]")
