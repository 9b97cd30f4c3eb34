"""``kgraph entities show|merge|unmerge|relink``: inspect and correct entity resolution."""

from __future__ import annotations

import json
from contextlib import closing
from typing import Annotated

import typer

from kgraph.cli import options as opt
from kgraph.cli.stores import NO_CHOICE, StoreChoice, open_store, with_store
from kgraph.errors import ConfigError, KGraphError
from kgraph.evidence import entity_keys
from kgraph.models import Entity, Merge
from kgraph.resolve.linker import EntityIndex, Linker
from kgraph.resolve.names import name_key
from kgraph.store.base import GraphStore

app = typer.Typer(
    help="Inspect and correct how names were resolved to entities.", no_args_is_help=True
)

SHOW = """
MATCH (e:Entity {key: $key})
OPTIONAL MATCH (e)-[r]->(o:Entity)
WITH e, collect({relation: type(r), other: o.name, count: r.count}) AS outgoing
OPTIONAL MATCH (s:Entity)-[r2]->(e)
RETURN e AS entity, outgoing,
       collect({relation: type(r2), other: s.name, count: r2.count}) AS incoming
"""


def _one_key(graph_store: GraphStore, name: str) -> str:
    keys = entity_keys(graph_store, name)
    if len(keys) > 1:
        raise ConfigError(
            f"{name!r} names {len(keys)} entities: {', '.join(keys)}",
            "give the key instead of the name",
        )
    return keys[0]


@app.command()
@with_store
def show(
    name: Annotated[str, typer.Argument(help="Entity name, alias or key.")],
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Show an entity: key, type, names, titles, merges and its facts, as JSON.

    Example:  kgraph entities show "Kim Jong Un"
    """
    with closing(open_store(choice)) as graph_store:
        out = []
        for key in entity_keys(graph_store, name):
            [[entity, outgoing, incoming]] = graph_store.query(SHOW, {"key": key}).rows
            out.append(
                {
                    **entity.properties,
                    "facts_out": [f for f in outgoing if f["relation"]],
                    "facts_in": [f for f in incoming if f["relation"]],
                }
            )
    typer.echo(json.dumps(out, indent=2, ensure_ascii=False))


@app.command()
@with_store
def merge(
    source: Annotated[str, typer.Argument(help="The entity to fold away (name or key).")],
    target: Annotated[str, typer.Argument(help="The entity to keep (name or key).")],
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Merge one entity into another: its mentions, claims and facts move over, and
    articles ingested later link its name to the kept entity.  Undo with unmerge.

    Example:  kgraph entities merge "Kremlin" "Russian Government"
    """
    with closing(open_store(choice, writable=True)) as graph_store:
        source_key, target_key = _one_key(graph_store, source), _one_key(graph_store, target)
        if source_key == target_key:
            raise ConfigError(f"{source!r} and {target!r} are the same entity")
        rows = graph_store.query(
            "MATCH (e:Entity {key: $k}) RETURN e.name, e.type", {"k": target_key}
        ).rows
        name, etype = rows[0]
        graph_store.merge([Merge(source_key, Entity(target_key, name, etype), manual=True)])
    typer.echo(f"merged {source_key} into {target_key}")


def _merged_ref(graph_store: GraphStore, name: str) -> str:
    """The merged ref a user means: a key, or a name matching a ref's name part."""
    refs = [
        r[0]
        for r in graph_store.query(
            "MATCH (e:Entity) UNWIND e.merged AS ref RETURN DISTINCT ref ORDER BY ref"
        ).rows
    ]
    if name in refs:
        return str(name)
    wanted = name_key(name)
    matches = [r for r in refs if str(r).partition(":")[2] == wanted]
    if len(matches) != 1:
        hint = "merged refs: " + ", ".join(map(str, refs[:20])) if refs else "nothing is merged"
        raise KGraphError(f"{name!r} is not {'one' if matches else 'a'} merged entity", hint)
    return str(matches[0])


@app.command()
@with_store
def unmerge(
    ref: Annotated[str, typer.Argument(help="The merged entity to split off (key or name).")],
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Undo a merge: the entity gets back its own mentions, claims and facts, and is not
    merged automatically again.

    Example:  kgraph entities unmerge person:kim
    """
    with closing(open_store(choice, writable=True)) as graph_store:
        key = _merged_ref(graph_store, ref)
        target = graph_store.unmerge(key)
    typer.echo(f"split {key} from {target}")


@app.command()
@with_store
def relink(
    aliases: opt.AliasesOpt = None,
    choice: StoreChoice = NO_CHOICE,
) -> None:
    """Apply the alias file to entities already in the graph (ingest does this too).

    Example:  kgraph entities relink --aliases my-aliases.tsv
    """
    rules = opt.alias_table(aliases)
    with closing(open_store(choice, writable=True)) as graph_store:
        linker = Linker(EntityIndex.of(graph_store.entity_index()), rules)
        merges = linker.alias_merges()
        done = graph_store.merge(merges)
    for m in merges:
        if m.source in done:
            typer.echo(f"merged {m.source} into {m.target.key}")
    typer.echo(f"{len(done)} entit{'y' if len(done) == 1 else 'ies'} merged")
