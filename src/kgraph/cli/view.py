"""``kgraph view ENTITY -o FILE.html``: a picture of an entity's neighbourhood, no server."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from kgraph.atomic import write_atomic
from kgraph.cli.stores import NO_CHOICE, StoreChoice, open_store, with_store
from kgraph.view import load_view, render_html


@with_store
def view_command(
    entity: Annotated[
        str, typer.Argument(help="Entity name, alias or key (any case/accents).", metavar="ENTITY")
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="HTML file to write.", metavar="FILE.html"),
    ] = Path("kgraph-view.html"),
    hops: Annotated[
        int,
        typer.Option(
            "--hops", "-n", min=1, max=4, metavar="N", help="How many facts away to go (1-4)."
        ),
    ] = 1,
    limit: Annotated[
        int,
        typer.Option("--limit", min=1, metavar="N", help="At most N entities (the nearest first)."),
    ] = 100,
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Write one self-contained HTML page drawing an entity's neighbourhood.

    Names as captions, one colour per entity type, relation types on the arrows,
    negated and hedged facts dashed; hover an arrow for its evidence sentences.
    The page needs no server or network: open it in any browser.

    Example:  kgraph view "Kim Jong Un" --hops 2 -o kim.html
    """
    with closing(open_store(choice)) as graph_store:
        view = load_view(graph_store, entity, hops=hops, limit=limit)
    write_atomic(output, render_html(view), mode=0o644)
    typer.echo(f"wrote {output} ({len(view.nodes)} entities, {len(view.edges)} facts)", err=True)
