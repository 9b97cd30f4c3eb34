"""``kgraph why`` and ``kgraph remove``: the evidence behind facts, and taking it back."""

from __future__ import annotations

import json
from contextlib import closing
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from kgraph.cli import options as opt
from kgraph.cli.stores import NO_CHOICE, StoreChoice, open_store, with_store
from kgraph.evidence import Evidence, Step, connection, group_by_fact, why
from kgraph.resolve.placement import relink


def _fact_line(key: tuple[str, str, str, bool], items: list[Evidence]) -> str:
    subject, relation, obj, negated = key
    articles = len({e.article_id for e in items})
    neg = "NOT " if negated else ""
    return (
        f"{subject} -{neg}{relation}-> {obj}   "
        f"({len(items)} mention{'s' if len(items) != 1 else ''} in {articles} "
        f"article{'s' if articles != 1 else ''})"
    )


def _evidence_lines(item: Evidence) -> list[str]:
    flags = [
        f for f in (item.modality, f"said by {item.attribution}" if item.attribution else None) if f
    ]
    where = ", ".join(x for x in (item.source, item.published) if x)
    lines = [f'  "{" ".join(item.sentence.split())}"']
    if item.context:
        lines.append(f"    context: {'; '.join(item.context)}")
    if flags:
        lines.append(f"    {'; '.join(flags)}")
    lines.append(
        f"    -- {item.title or item.article_id}"
        + (f" ({where})" if where else "")
        + f" [{item.article_id}, chars {item.start}-{item.end}, confidence {item.confidence}]"
    )
    return lines


def _echo_connection(first: str, second: str, path: list[Step]) -> None:
    if not path:
        typer.echo(f"No relation between {first!r} and {second!r} in the graph.")
        return
    hops = len(path)
    typer.echo(f"No fact between {first!r} and {second!r} directly; they are {hops} facts apart:")
    for step in path:
        typer.echo(f"  {step.subject} -{step.relation}-> {step.object}")
    typer.echo('(kgraph why "A" "B" on each step shows its sentences)')


@with_store
def why_command(
    first: Annotated[str, typer.Argument(help="An entity: name, alias or key.")],
    second: Annotated[str, typer.Argument(help="Another entity.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines.")] = False,
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Show the sentences and articles behind the facts between two entities; when
    there is no direct fact, the shortest chain of facts that joins them.

    Example:  kgraph why "Vladimir Putin" "Kim Jong Un"
    """
    with closing(open_store(choice)) as graph_store:
        items = why(graph_store, first, second)
        path = [] if items else connection(graph_store, first, second)
    if as_json:
        for item in items:
            typer.echo(json.dumps(item.as_dict(), ensure_ascii=False))
        for step in path:
            typer.echo(json.dumps({"path_step": asdict(step)}, ensure_ascii=False))
        return
    if not items:
        _echo_connection(first, second, path)
        return
    for key, group in group_by_fact(items).items():
        typer.echo(_fact_line(key, group))
        for item in group:
            typer.echo("\n".join(_evidence_lines(item)))
        typer.echo("")


def _article_ids(items: list[str]) -> tuple[list[str], list[str]]:
    """Ids given directly, plus the ids of the articles in any existing files given."""
    from kgraph.readers import iter_articles

    ids: list[str] = []
    errors: list[str] = []
    for item in items:
        if not Path(item).exists():
            ids.append(item)
            continue
        for article in iter_articles([item]):
            if isinstance(article, Exception):
                errors.append(str(article))
            else:
                ids.append(article.id)
    return ids, errors


@with_store
def remove_command(
    articles: Annotated[
        list[str],
        typer.Argument(help="Article ids, or files whose articles to remove.", show_default=False),
    ],
    choice: StoreChoice = NO_CHOICE,
    aliases: opt.AliasesOpt = None,
) -> None:
    """Remove articles and their evidence; facts are recomputed from what remains,
    entities nothing else mentions are deleted, and the remaining names are linked again
    as an ingest of the remaining articles would link them.

    Example:  kgraph remove examples/unn-2025-12-25-putin-kim.txt
    Example:  kgraph remove https://news.example.org/2024/01/story
    """
    ids, errors = _article_ids(articles)
    for error in errors:
        typer.echo(f"Error: {error}", err=True)
    with closing(open_store(choice, writable=True)) as graph_store:
        removed = graph_store.remove(ids)
        if removed:
            relink(graph_store, opt.alias_table(aliases))
    for article_id in removed:
        typer.echo(f"removed {article_id}")
    missing = [i for i in ids if i not in set(removed)]
    for article_id in missing:
        typer.echo(f"Error: no article {article_id!r} in the graph", err=True)
    if missing or errors:
        raise typer.Exit(1)
