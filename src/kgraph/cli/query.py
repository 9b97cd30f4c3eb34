"""``kgraph query`` and ``kgraph stats``."""

from __future__ import annotations

import json
import re
import sys
from contextlib import closing
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from kgraph.cli import options as opt
from kgraph.cli.output import Format, write_result
from kgraph.cli.stores import NO_CHOICE, StoreChoice, open_store, with_store
from kgraph.errors import ConfigError
from kgraph.models import QueryResult
from kgraph.named_queries import NamedQuery, looks_like_name, named_queries, named_query

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


QUERY_FILE_SUFFIXES = (".cypher", ".cql")


def query_text(
    cypher: str | None, file: str | None, stdin: TextIO
) -> tuple[str, NamedQuery | None]:
    """The query to run: from ``-f FILE`` (``-`` for stdin), a shipped query's name, a
    ``.cypher`` file given as the argument, the argument itself, or piped stdin."""
    if file is not None and cypher is not None:
        raise ConfigError("give the query as an argument or with -f, not both")
    if file is not None:
        return _read_query(file, stdin), None
    if cypher is None:
        if stdin.isatty():
            raise ConfigError("no query given", "pass Cypher, a file with -f, or a shipped name")
        return stdin.read(), None
    if looks_like_name(cypher):
        named = named_query(cypher)
        return named.cypher, named
    if cypher.endswith(QUERY_FILE_SUFFIXES) and "\n" not in cypher and Path(cypher).is_file():
        return _read_query(cypher, stdin), None
    return cypher, None


def _read_query(file: str, stdin: TextIO) -> str:
    if file == "-":
        return stdin.read()
    try:
        return Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ConfigError(f"{file}: cannot read the query ({reason})") from None


def _list_queries() -> None:
    rows: list[list[Any]] = [[q.name, q.description, q.usage()] for q in named_queries().values()]
    write_result(QueryResult(["name", "answers", "run it"], rows), Format.table)


@with_store
def query(
    cypher: Annotated[
        str | None,
        typer.Argument(
            help="Cypher, the name of a shipped query (see --list) or a .cypher file; "
            "read from stdin when absent.",
            show_default=False,
            metavar="QUERY",
        ),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option(
            "--file", "-f", help="Read the query from FILE (- for stdin).", metavar="FILE"
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="Query parameter name=value (JSON or text); repeat.",
            show_default=False,
            metavar="NAME=VALUE",
        ),
    ] = None,
    output_format: opt.FormatOpt = Format.table,
    write: Annotated[
        bool, typer.Option("--write", help="Allow queries that change the graph (Neo4j).")
    ] = False,
    list_queries: Annotated[
        bool, typer.Option("--list", help="List the shipped queries and their parameters.")
    ] = False,
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Run a Cypher query on the graph (read-only unless --write).

    The embedded store runs a subset of Cypher and names any construct it cannot run;
    Neo4j runs all of it.  Shipped queries run by name (kgraph query --list).

    Example:  kgraph query "MATCH (a:Person)-\\[r]->(b) RETURN a.name, type(r), b.name LIMIT 10"
    Example:  kgraph query -p name="Kim Jong Un" 'MATCH (e:Entity {name: $name}) RETURN e.aliases'
    Example:  kgraph query co-mentions -p name="Vladimir Putin" --format markdown
    """
    if list_queries:
        _list_queries()
        return
    params = parse_params(param or [])
    text, named = query_text(cypher, file, sys.stdin)
    if named is not None and (missing := named.missing(params)):
        raise ConfigError(
            f"the {named.name} query needs {', '.join('$' + m for m in missing)}",
            f"for example: {named.usage()}",
        )
    with closing(open_store(choice)) as graph_store:
        result: QueryResult = graph_store.query(text, params, write=write)
    write_result(result, output_format)


TOP_TYPES = 20
"""Relation types shown by ``kgraph stats`` unless ``--all``."""


@with_store
def stats(
    output_format: opt.FormatOpt = Format.table,
    all_types: Annotated[
        bool,
        typer.Option("--all", help=f"List every relation type, not the {TOP_TYPES} commonest."),
    ] = False,
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Count articles, entities (by type), relations (by type) and claims in the graph.

    Example:  kgraph stats --format json
    """
    with closing(open_store(choice)) as graph_store:
        data = graph_store.stats().as_dict()
    if output_format is Format.json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for title, result in stats_sections(data, limit=None if all_types else TOP_TYPES):
        if output_format is Format.table:
            typer.echo(title)
        write_result(result, output_format)


def stats_sections(
    data: dict[str, Any], limit: int | None = TOP_TYPES
) -> list[tuple[str, QueryResult]]:
    """The graph's totals, its entities by type and its relations by type (the most common
    ``limit``, then a "… N more" row), as separate results.

    >>> data = {"articles": 1, "entities": 2, "relations": 3, "claims": 4,
    ...         "entity_types": {"Person": 2}, "relation_types": {"MEET": 2, "CALL": 1}}
    >>> [r.rows for _, r in stats_sections(data, limit=1)][1:]
    [[['Person', 2]], [['MEET', 2], ['… 1 more', 1]]]
    """
    totals = [[k, data[k]] for k in ("articles", "entities", "relations", "claims")]
    entities = [[t, n] for t, n in data["entity_types"].items()]
    relations = [[t, n] for t, n in data["relation_types"].items()]
    if limit is not None and len(relations) > limit:
        rest = relations[limit:]
        relations = [*relations[:limit], [f"… {len(rest)} more", sum(n for _, n in rest)]]
    return [
        ("Graph", QueryResult(["what", "count"], totals)),
        ("Entities by type", QueryResult(["entity type", "entities"], entities)),
        ("Relations by type", QueryResult(["relation type", "facts"], relations)),
    ]
