"""``kgraph export``: the fact graph for Gephi, Cytoscape, spreadsheets and scripts."""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from kgraph.cli.stores import NO_CHOICE, StoreChoice, open_store, with_store
from kgraph.export import FORMATS, export


@with_store
def export_command(
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
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Export entities and the facts between them as GraphML, GEXF, JSON or CSV.

    Example:  kgraph export --format gexf -o news.gexf   (open it in Gephi)
    Example:  kgraph export --format csv -o out/news      (out/news-nodes.csv, -edges.csv)
    """
    with closing(open_store(choice)) as graph_store:
        written = export(graph_store, output_format.lower(), output, sys.stdout, min_count)
    for path in written:
        typer.echo(f"wrote {path}", err=True)
