"""Where every stored ref belongs, decided from the whole set of refs at once.

Linking one article at a time (:class:`~kgraph.resolve.linker.Linker`) depends on what
arrived before: "Smith" joins "John Smith" when it comes before "Jane Smith" and stays
apart when it comes after; "GP" joins "Green Party" only if the party is already known.
The re-link pass at the end of an ingest therefore links every stored ref again, with a
fresh linker, in an order that depends only on the refs themselves -- names of more
words first (so every short form sees all the full names it might abbreviate), people
before other types (so a mislabelled person finds the person), then by key.  The result
is a function of the stored articles, the alias file and the user's own merges and
splits, whatever the order, batching or concurrency of the ingests that stored them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kgraph.models import Entity, EntityType, IndexedEntity, StoredRef
from kgraph.resolve.aliases import AliasTable
from kgraph.resolve.linker import Linker
from kgraph.resolve.names import entity_key, name_key, tokens
from kgraph.store.base import GraphStore


@dataclass
class _Evidence:
    type: EntityType
    names: list[str] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)


def display_name(ref: str, etype: EntityType, names: Sequence[str]) -> str:
    """The name a ref is shown by: among the names spelling its key, the one with the
    most words, then the one most articles use, then the first alphabetically."""
    own = [n for n in names if entity_key(etype, n) == ref] or list(names) or [ref]
    counts = Counter(own)
    return min(counts, key=lambda n: (-len(n.split()), -counts[n], n))


def _evidence(refs: Iterable[StoredRef]) -> dict[str, _Evidence]:
    found: dict[str, _Evidence] = {}
    for stored in refs:
        evidence = found.setdefault(stored.ref, _Evidence(stored.type))
        evidence.names.extend(stored.names)
        evidence.titles.update(stored.titles)
    return found


def _order(ref: str, etype: EntityType, name: str) -> tuple[int, bool, str]:
    return (-len(tokens(name)), etype != "Person", ref)


def placement(
    refs: Iterable[StoredRef],
    entities: Sequence[IndexedEntity],
    aliases: AliasTable | None = None,
) -> dict[str, Entity]:
    """Ref -> the entity it belongs to, from the refs' names and titles, the alias file,
    and the user's splits (``distinct_from``) and hand merges (``pinned``) on
    ``entities``."""
    evidence = _evidence(refs)
    distinct = {e.key: e.distinct_from for e in entities if e.distinct_from}
    linker = Linker(aliases=aliases, distinct=distinct)
    names = {ref: display_name(ref, ev.type, ev.names) for ref, ev in evidence.items()}
    kept = {ref for e in entities for ref in (*e.distinct_from, *e.pinned)}
    types = _majority_types(evidence, names, kept)
    linked: dict[str, str] = {}
    for ref in sorted(evidence, key=lambda r: _order(r, types.get(r, evidence[r].type), names[r])):
        ev = evidence[ref]
        etype = types.get(ref, ev.type)
        key = ref if etype == ev.type else entity_key(etype, names[ref])
        entity = Entity(key, names[ref], etype)
        all_names = tuple(sorted(set(ev.names) | {names[ref]}))
        calls = tuple(sorted(Counter(ev.names).items()))
        titles = tuple(sorted(ev.titles))
        linked[ref] = linker.link_one(entity, all_names, titles, calls)[0].key
    return _resolved(linked, linker, entities)


MAJORITY = 2
"""How many times more articles must give a name one type than any other for that type to
hold for all of them."""


def _majority_types(
    evidence: Mapping[str, _Evidence], names: Mapping[str, str], kept: set[str]
) -> dict[str, EntityType]:
    """The type a ref of a name of two or more words takes when most articles give that
    name another type: NER calls "Al Jazeera" a person now and then and "Fethullah Gulen"
    an organisation, but a name that long is one thing across the articles.  One-word
    names are left as they are ("Jordan" the country and "Jordan" the player).  Refs a
    user split off or merged by hand (``kept``) keep their own type."""
    by_name: dict[str, Counter[EntityType]] = defaultdict(Counter)
    refs_of: dict[str, list[str]] = defaultdict(list)
    for ref, ev in evidence.items():
        if ref in kept or len(tokens(names[ref])) < 2:
            continue
        name = name_key(names[ref])
        by_name[name][ev.type] += len(ev.names)
        refs_of[name].append(ref)
    found: dict[str, EntityType] = {}
    for name, votes in by_name.items():
        (top, most), *rest = votes.most_common()
        if rest and most >= MAJORITY * rest[0][1]:
            found.update((ref, top) for ref in refs_of[name] if evidence[ref].type != top)
    return found


def _resolved(
    linked: Mapping[str, str], linker: Linker, entities: Sequence[IndexedEntity]
) -> dict[str, Entity]:
    """Each ref's final entity: after the merges later refs called for, and after the
    user's hand merges (which move whatever went to the merged key)."""
    pins = {source: e.key for e in entities for source in e.pinned}
    stored = {e.key: e for e in entities}
    out: dict[str, Entity] = {}
    for ref, key in linked.items():
        known = linker.index.by_key[linker.index.final(key)]
        seen = {known.key}
        while known.key in pins and pins[known.key] in stored.keys() - seen:
            known = linker.index.by_key.get(pins[known.key]) or stored[pins[known.key]]
            seen.add(known.key)
        out[ref] = Entity(known.key, known.name, known.type)
    return out


def relink(store: GraphStore, aliases: AliasTable | None) -> int:
    """Link every ref stored in ``store`` again, from all the stored evidence at once:
    what linking article by article decided in the order the articles came is made the
    same as in any other order.  Returns the refs moved."""
    return store.relink(lambda refs, entities: placement(refs, entities, aliases))
