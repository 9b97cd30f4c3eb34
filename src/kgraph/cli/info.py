"""``kgraph info``: versions, model, store and Neo4j connection, for bug reports and setup."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from kgraph import about
from kgraph.cli.stores import NO_CHOICE, StoreChoice, default_store, with_store


def _lines(info: dict[str, Any], indent: str = "") -> list[str]:
    out: list[str] = []
    for key, value in info.items():
        if isinstance(value, dict):
            out += [f"{indent}{key}:", *_lines(value, indent + "  ")]
        else:
            out.append(f"{indent}{key}: {'-' if value is None else value}")
    return out


@with_store
def info_command(
    model: Annotated[
        str | None, typer.Option("--model", envvar="KGRAPH_MODEL", help="spaCy model to check.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Show kgraph's version and libraries, the spaCy model, the embedded store (path,
    size, counts) and the Neo4j connection (connects only with --neo4j).  No password
    is ever shown.

    Example:  kgraph info --neo4j
    """
    data: dict[str, Any] = {
        "versions": about.versions(),
        "model": about.model_info(model),
        "store": about.store_info(choice.store or default_store()),
        "neo4j": about.neo4j_info(choice.neo4j_settings(), connect=choice.uses_neo4j),
    }
    if as_json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        typer.echo("\n".join(_lines(data)))
