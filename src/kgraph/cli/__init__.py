"""The ``kgraph`` command: wires the command modules together, nothing else."""

from __future__ import annotations

import re
from typing import Annotated, Any, get_args

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

from kgraph import __version__
from kgraph.cli import driverlog
from kgraph.cli import entities as entities_cmd
from kgraph.cli import evidence as evidence_cmd
from kgraph.cli import export as export_cmd
from kgraph.cli import info as info_cmd
from kgraph.cli import ingest as ingest_cmd
from kgraph.cli import neo4j as neo4j_cmd
from kgraph.cli import query as query_cmd
from kgraph.cli import view as view_cmd
from kgraph.cli.output import reporting

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


_TYPE_WORDS: dict[Any, str] = {int: "INTEGER", float: "NUMBER", str: "TEXT"}


def _metavar(param: TyperArgument | TyperOption) -> str | None:
    """The command-line word for a parameter's value, or None to keep typer's (choices)."""
    if isinstance(param, TyperArgument):
        return param.name.upper() if param.name else None
    if param.is_flag:
        return ""
    desc = param.type_descriptor
    if desc.is_choice:
        return None
    if desc.is_path:
        return "PATH"
    annotation = get_args(desc.annotation)[0] if desc.is_list else desc.annotation
    return _TYPE_WORDS.get(annotation, "VALUE")


def cli_metavars(command: Any) -> None:
    """Help in the words of a command line, not Python's: flags show no type, values show
    TEXT, PATH or INTEGER, arguments their name (typer prints ``<bool>``, ``<list[str]>``)."""
    for param in command.params:
        if isinstance(param, TyperArgument | TyperOption) and param.metavar is None:
            param.metavar = _metavar(param)
        if isinstance(param, TyperArgument):
            # the name column already says it; no "<str>" beside it
            setattr(param, "display_type_rich", lambda ctx: None)  # noqa: B010
    setattr(command, "get_help_option", _flag_help(command.get_help_option))  # noqa: B010
    for sub in getattr(command, "commands", {}).values():
        cli_metavars(sub)


def _flag_help(make: Any) -> Any:
    """``--help`` is made when help is shown; it is a flag like the others."""

    def get_help_option(ctx: Any) -> Any:
        option = make(ctx)
        if option is not None:
            option.metavar = ""
        return option

    return get_help_option


class KGraphGroup(TyperGroup):
    """The root group; accepts ``--neo4j URI`` anywhere on the command line, gives every
    command command-line metavars, and turns every command's errors into one line and an
    exit code (:func:`~kgraph.cli.output.reporting`)."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        cli_metavars(self)  # all commands are added by now
        return super().make_context(*args, **kwargs)

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        return super().parse_args(ctx, rewrite_neo4j_uri(args))

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        with reporting(bool(ctx.params.get("debug"))):  # the root's options are parsed
            return super().invoke(ctx)


app = typer.Typer(
    cls=KGraphGroup,
    name="kgraph",
    help="Build a who-did-what-to-whom knowledge graph from news articles and query it "
    "with Cypher.",
    no_args_is_help=True,
    add_completion=True,
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
    driver_log = driverlog.quiet_driver(debug)
    ctx.call_on_close(lambda: driverlog.report(driver_log))


app.command("ingest")(ingest_cmd.ingest)
app.command("extract")(ingest_cmd.extract)
app.command("query")(query_cmd.query)
app.command("stats")(query_cmd.stats)
app.command("why")(evidence_cmd.why_command)
app.command("remove")(evidence_cmd.remove_command)
app.command("export")(export_cmd.export_command)
app.command("view")(view_cmd.view_command)
app.command("info")(info_cmd.info_command)
app.add_typer(entities_cmd.app, name="entities")
app.add_typer(neo4j_cmd.app, name="neo4j")


def main() -> None:
    """Console-script entry point."""
    app()
