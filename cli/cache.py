"""``ilkg cache``: what the on-disk cache holds, and emptying it."""

from __future__ import annotations

import click

from cli.context import InputRejected


def _size(value: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


@click.group()
def cache() -> None:
    """Show or empty the on-disk cache of stores (the bundled graph, and each set of --data files).

    It lives in $ILKG_CACHE_DIR, else $XDG_CACHE_HOME/ilkg, else ~/.cache/ilkg
    (ILKG_CACHE_DIR=off turns it off); $ILKG_CACHE_MAX_SIZE caps it (default 5G), the least
    recently used entries going first.
    """


@cache.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--verify", is_flag=True, help="Hash every file of every entry again (slow on big entries).")
def info(fmt: str, verify: bool) -> None:
    """Show the cache folder, its size and cap, and each entry: inputs, triples, size, last use, state.

    \b
    Examples:
      ilkg cache info
      ilkg cache info --format json --verify
    """
    import json

    from kg.cache import info as describe

    report = describe(full=verify)
    if fmt == "json":
        click.echo(json.dumps(report, indent=2))
        return
    if report["folder"] is None:
        click.echo("the cache is off (ILKG_CACHE_DIR=off)")
        return
    click.echo(f"folder   {report['folder']}")
    click.echo(f"size     {_size(report['size'])} of {_size(report['max_size'])}")
    click.echo(f"entries  {len(report['entries'])}")
    for entry in report["entries"]:
        triples = entry["triples"] if entry["triples"] is not None else "?"
        click.echo(
            f"\n{entry['name']}\n  {triples} triples, {_size(entry['size'])}, built {entry['built']}, "
            f"last used {entry['last_used']}, {entry['state']}"
        )
        for item in entry["inputs"]:
            digest = f"  sha256 {item['sha256'][:16]}" if item.get("sha256") else ""
            click.echo(f"  from {item.get('name')}{digest}")


@cache.command()
def clear() -> None:
    """Remove every entry of the cache; the next command builds what it needs again.

    \b
    Examples:
      ilkg cache clear
    """
    from kg.cache import cache_dir
    from kg.cache import clear as empty

    folder = cache_dir()
    if folder is None:
        raise InputRejected("the cache is off (ILKG_CACHE_DIR=off): nothing to clear")
    freed = empty(folder)
    click.echo(f"cleared {folder} ({_size(freed)} freed)")
