"""``kgraph export``: the fact graph for Gephi, Cytoscape, spreadsheets and scripts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kgraph.cli import options as opt
from kgraph.cli.output import reporting
from kgraph.cli.state import State
from kgraph.cli.stores import StoreChoice, open_store
from kgraph.export import FORMATS, export


def export_command(
    ctx: typer.Context,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (JSON goes to stdout without "
            "it; CSV writes PATH-nodes.csv and PATH-edges.csv).",
            show_default=False,
        ),
    ] = None,
    min_count: Annotated[
        int, typer.Option("--min-count", min=1, help="Only facts with this many mentions.")
    ] = 1,
    store: opt.StoreOpt = None,
    neo4j: opt.Neo4jOpt = False,
    neo4j_uri: opt.Neo4jUriOpt = None,
    neo4j_user: opt.Neo4jUserOpt = None,
    neo4j_database: opt.Neo4jDatabaseOpt = None,
) -> None:
    """Export entities and the facts between them as GraphML, GEXF, JSON or CSV.

    Example:  kgraph export --format gexf -o news.gexf   (open it in Gephi)
    Example:  kgraph export --format csv -o out/news      (out/news-nodes.csv, -edges.csv)
    """
    with reporting(State.of(ctx).debug):
        graph_store = open_store(StoreChoice(store, neo4j, neo4j_uri, neo4j_user, neo4j_database))
        try:
            written = export(graph_store, output_format.lower(), output, sys.stdout, min_count)
        finally:
            graph_store.close()
        for path in written:
            typer.echo(f"wrote {path}", err=True)
