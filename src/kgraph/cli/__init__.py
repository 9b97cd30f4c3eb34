"""The ``kgraph`` command: wires the command modules together, nothing else."""

from __future__ import annotations

import re
from typing import Annotated

import typer
from typer.core import TyperGroup

from kgraph import __version__
from kgraph.cli import entities as entities_cmd
from kgraph.cli import evidence as evidence_cmd
from kgraph.cli import export as export_cmd
from kgraph.cli import ingest as ingest_cmd
from kgraph.cli import neo4j as neo4j_cmd
from kgraph.cli import query as query_cmd
from kgraph.cli import view as view_cmd
from kgraph.cli.state import State

_NEO4J_URI = re.compile(r"^(bolt|neo4j)(\+s|\+ssc)?://\S*$")
"""A URI the Neo4j driver accepts; a query that merely contains ``://`` is not one."""


def rewrite_neo4j_uri(args: list[str]) -> list[str]:
    """Let ``--neo4j URI`` stand for ``--neo4j --neo4j-uri URI`` (a Bolt or Neo4j URI).

    >>> rewrite_neo4j_uri(["query", "--neo4j", "bolt://h:7687", "RETURN 1"])
    ['query', '--neo4j', '--neo4j-uri', 'bolt://h:7687', 'RETURN 1']
    >>> rewrite_neo4j_uri(["query", "--neo4j", "LOAD CSV FROM 'file:///x' AS l RETURN l"])
    ['query', '--neo4j', "LOAD CSV FROM 'file:///x' AS l RETURN l"]
    """
    out: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg.startswith("--neo4j=") and _NEO4J_URI.match(arg.split("=", 1)[1]):
            out += ["--neo4j", "--neo4j-uri", arg.split("=", 1)[1]]
        elif arg == "--neo4j" and i + 1 < len(args) and _NEO4J_URI.match(args[i + 1]):
            out += ["--neo4j", "--neo4j-uri", args[i + 1]]
            i += 1
        else:
            out.append(arg)
        i += 1
    return out


class KGraphGroup(TyperGroup):
    """The root group; accepts ``--neo4j URI`` anywhere on the command line."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        return super().parse_args(ctx, rewrite_neo4j_uri(args))


app = typer.Typer(
    cls=KGraphGroup,
    name="kgraph",
    help="Build a who-did-what-to-whom knowledge graph from news articles and query it "
    "with Cypher.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kgraph {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", envvar="KGRAPH_DEBUG", help="Show tracebacks on errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """kgraph: news articles in, a queryable knowledge graph out.

    Example:  kgraph ingest examples/ && kgraph query "MATCH (n:Person) RETURN n.name"
    """
    ctx.obj = State(debug=debug)


app.command("ingest")(ingest_cmd.ingest)
app.command("extract")(ingest_cmd.extract)
app.command("query")(query_cmd.query)
app.command("stats")(query_cmd.stats)
app.command("why")(evidence_cmd.why_command)
app.command("remove")(evidence_cmd.remove_command)
app.command("export")(export_cmd.export_command)
app.command("view")(view_cmd.view_command)
app.add_typer(entities_cmd.app, name="entities")
app.add_typer(neo4j_cmd.app, name="neo4j")


def main() -> None:
    """Console-script entry point."""
    app()
