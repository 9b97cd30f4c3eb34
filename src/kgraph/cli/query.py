"""``kgraph query`` and ``kgraph stats``."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

import typer

from kgraph.cli import options as opt
from kgraph.cli.output import Format, reporting, write_result
from kgraph.cli.state import State
from kgraph.cli.stores import NO_CHOICE, StoreChoice, open_store, with_store
from kgraph.errors import ConfigError
from kgraph.models import QueryResult

_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_params(raw: list[str]) -> dict[str, Any]:
    """``-p name=value`` pairs; values are JSON when they parse as JSON, else strings.

    >>> parse_params(["n=3", "name=Vladimir Putin", "xs=[1,2]"])
    {'n': 3, 'name': 'Vladimir Putin', 'xs': [1, 2]}
    """
    params: dict[str, Any] = {}
    for item in raw:
        name, sep, value = item.partition("=")
        if not sep or not _PARAM_NAME.match(name):
            raise ConfigError(f"bad parameter {item!r}", "write -p name=value")
        try:
            params[name] = json.loads(value)
        except ValueError:
            params[name] = value
    return params


@with_store
def query(
    ctx: typer.Context,
    cypher: Annotated[str, typer.Argument(help="The Cypher query.", show_default=False)],
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="Query parameter name=value (JSON or text); repeat.",
            show_default=False,
        ),
    ] = None,
    output_format: opt.FormatOpt = Format.table,
    write: Annotated[
        bool, typer.Option("--write", help="Allow queries that change the graph (Neo4j).")
    ] = False,
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Run a Cypher query on the graph (read-only unless --write).

    The embedded store runs a subset of Cypher and names any construct it cannot run;
    Neo4j runs all of it.

    Example:  kgraph query "MATCH (a:Person)-\\[r]->(b) RETURN a.name, type(r), b.name LIMIT 10"
    Example:  kgraph query -p name="Kim Jong Un" 'MATCH (e:Entity {name: $name}) RETURN e.aliases'
    """
    state = State.of(ctx)
    with reporting(state.debug):
        params = parse_params(param or [])
        graph_store = open_store(choice)
        try:
            result: QueryResult = graph_store.query(cypher, params, write=write)
        finally:
            graph_store.close()
        write_result(result, output_format)


@with_store
def stats(
    ctx: typer.Context,
    output_format: opt.FormatOpt = Format.table,
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Count articles, entities (by type), relations (by type) and claims in the graph.

    Example:  kgraph stats --format json
    """
    state = State.of(ctx)
    with reporting(state.debug):
        graph_store = open_store(choice)
        try:
            data = graph_store.stats().as_dict()
        finally:
            graph_store.close()
        if output_format is Format.json:
            typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
            return
        rows: list[list[Any]] = [
            [k, data[k]] for k in ("articles", "entities", "relations", "claims")
        ]
        rows += [[f"  {t}", n] for t, n in data["entity_types"].items()]
        rows += [[f"  {t}", n] for t, n in list(data["relation_types"].items())[:20]]
        write_result(QueryResult(["what", "count"], rows), output_format)
