"""The merged graph model: property rows for articles, entities, claims and mentions, and
every rule that derives or edits the graph -- written once, here, for both stores.

A fact edge ``(s)-[:REL {negated}]->(o)`` is derived from the claims that share
(subject, relation, object, negated) by :func:`refreshed_fact`; entity ``aliases``,
``titles`` and ``mentions`` from the ``MENTIONS`` edges by :func:`aggregate_entity`; the
``merged`` and ``distinct_from`` lists of a merge, its undoing and cross-article linking
by :func:`fold_lists`, :func:`split_lists` and :func:`link_lists`.  The stores only read
the inputs (:data:`FACT_EVIDENCE_PROPS`, :class:`MentionRow`) and write the outputs
(:data:`kgraph.schema.FACT_PROPS`, :data:`ENTITY_AGGREGATES`, :data:`ENTITY_LISTS`), so
the embedded graph and the Neo4j graph hold the same values.  Deleting or re-ingesting
an article therefore only needs its claims and mentions removed and the aggregates
recomputed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kgraph.models import ENTITY_TYPES, ArticleResult, Claim, Entity, EntityType
from kgraph.schema import ARTICLE_PROPS, CLAIM_PROPS, ENTITY_PROPS, MENTION_PROPS, is_hedged

FactKey = tuple[str, str, str, bool]
"""(subject key, relation, object key, negated)"""

CONFIDENCE_DIGITS = 4


@dataclass(frozen=True, slots=True)
class MentionRow:
    """``(:Article {id})-[:MENTIONS {ref, count, names, titles}]->(:Entity {key})``

    One edge per article and ref: the article's own entity, kept apart even when linked
    to the same canonical entity as another ref, so that a merge can be undone.
    """

    article_id: str
    key: str
    ref: str
    count: int
    names: tuple[str, ...]
    titles: tuple[str, ...]

    def props(self) -> dict[str, Any]:
        """The edge's properties (:data:`kgraph.schema.MENTION_PROPS`)."""
        return _props_of(self, MENTION_PROPS)

    @classmethod
    def of(cls, article_id: str, key: str, props: Mapping[str, Any]) -> MentionRow:
        """The mention whose edge has the properties ``props`` (as either store reads them)."""
        names, titles = tuple(props["names"]), tuple(props["titles"])
        return cls(article_id, key, props["ref"], props["count"], names, titles)


_TYPE_OF_PREFIX: dict[str, EntityType] = {t.lower(): t for t in ENTITY_TYPES}


def type_of_key(key: str) -> EntityType:
    """The entity type a key was made for: ``person:vladimir putin`` -> Person (a key of
    an older store's type that no longer exists counts as an Organization)."""
    return _TYPE_OF_PREFIX.get(key.partition(":")[0], "Organization")


def is_fact(key: FactKey) -> bool:
    """Whether claims with this key make a fact edge: both ends are entities, and two
    different ones (a claim about a generic noun phrase has an empty key on that side)."""
    s, _, o, _ = key
    return bool(s) and bool(o) and s != o


def best_name(names: Sequence[str]) -> str:
    """The display name among variants: the most words, then the most frequent, then
    alphabetical -- so every store picks the same one."""
    counts = Counter(names)
    return min(counts, key=lambda n: (-len(n.split()), -counts[n], n))


def compact(props: dict[str, Any]) -> dict[str, Any]:
    """Drop null properties: Neo4j does not store them, so neither does the embedded store."""
    return {k: v for k, v in props.items() if v is not None}


def fingerprint(text_sha256: str, extractor: str) -> str:
    """What decides whether an article must be processed again."""
    return f"{text_sha256}:{extractor}"


def _props_of(source: object, names: Sequence[str], **computed: Any) -> dict[str, Any]:
    """The properties ``names``: a ``computed`` value, else ``source``'s attribute of that
    name (a tuple as a list); null ones dropped (see :func:`compact`)."""
    values = {p: computed[p] if p in computed else getattr(source, p) for p in names}
    return compact({p: list(v) if isinstance(v, tuple) else v for p, v in values.items()})


def article_props(result: ArticleResult, ingested_at: str) -> dict[str, Any]:
    return _props_of(
        result.article, ARTICLE_PROPS, extractor=result.extractor, ingested_at=ingested_at
    )


def entity_props(entity: Entity) -> dict[str, Any]:
    """Properties an entity is created with; aggregates are filled in afterwards, every
    other property is an empty list.

    ``merged`` lists the refs (and former keys) linked into this entity by a merge;
    ``distinct_from`` the keys a user split off, which automatic linking must respect;
    ``pinned`` the keys a user merged in by hand, which it must keep.
    """
    named = {"key": entity.key, "name": entity.name, "type": entity.type, "mentions": 0}
    return {p: [] for p in ENTITY_PROPS} | named


def claim_props(claim: Claim) -> dict[str, Any]:
    key = (claim.subject_key, claim.relation, claim.object_key, claim.negated)
    return _props_of(claim, CLAIM_PROPS, fact=fact_id(key))


def mention_rows(result: ArticleResult) -> list[MentionRow]:
    """One row per entity (ref) the article mentions or makes a claim about."""
    return [
        MentionRow(result.article.id, r.key, r.ref, r.count, r.names, r.titles) for r in result.refs
    ]


def linked_refs(results: Sequence[ArticleResult]) -> dict[str, set[str]]:
    """Entity key -> the refs of other names linked into it, to record in ``merged`` so
    that the link can be undone and is followed again next time."""
    links: dict[str, set[str]] = {}
    for result in results:
        for ref in result.refs:
            if ref.ref != ref.key:
                links.setdefault(ref.key, set()).add(ref.ref)
    return links


def fact_id(key: FactKey) -> str:
    """A fact key as one string, stored on claims so one index finds a fact's claims."""
    s, relation, o, negated = key
    return f"{s}\t{relation}\t{o}\t{int(negated)}"


def fact_key(claim: Mapping[str, Any]) -> FactKey:
    return (
        str(claim["subject_key"]),
        str(claim["relation"]),
        str(claim["object_key"]),
        bool(claim["negated"]),
    )


def combine_confidence(confidences: Iterable[float]) -> float:
    """Noisy-or: independent mentions each make the fact more likely.

    Computed here only, in a fixed order, and rounded by Python's ``round`` (the exact
    binary value): Cypher's ``round`` rounds the shortest decimal form half up, so a
    value such as 0.75005 (just below the tie in binary) came out one unit higher in
    the last digit when the Neo4j store once recomputed facts in Cypher.
    """
    remaining = 1.0
    for confidence in sorted(confidences):
        remaining *= 1.0 - min(max(float(confidence), 0.0), 1.0)
    return round(1.0 - remaining, CONFIDENCE_DIGITS)


FACT_EVIDENCE_PROPS: tuple[str, ...] = ("article_id", "confidence", "modality", "negated")
"""The claim properties :func:`aggregate_fact` reads (besides the articles' dates)."""


def aggregate_fact(
    claims: Sequence[Mapping[str, Any]], published: Mapping[str, str | None]
) -> dict[str, Any]:
    """The properties of a fact edge from its supporting claims.

    ``published`` maps article id -> publication date (ISO text) or None.
    """
    articles = sorted({str(c["article_id"]) for c in claims})
    dates = sorted(d for a in articles if (d := published.get(a)))
    return compact(
        {
            "count": len(claims),
            "articles": articles,
            "first_seen": dates[0] if dates else None,
            "last_seen": dates[-1] if dates else None,
            "confidence": combine_confidence(float(c["confidence"]) for c in claims),
            "negated": bool(claims[0]["negated"]) if claims else False,
            "hedged": all(is_hedged(c.get("modality")) for c in claims),
        }
    )


def refreshed_fact(
    key: FactKey, claims: Sequence[Mapping[str, Any]], published: Mapping[str, str | None]
) -> dict[str, Any] | None:
    """The properties of fact ``key`` from all its claims, or None when there is no fact
    edge (no claim is left, or the key is no fact: see :func:`is_fact`)."""
    if not claims or not is_fact(key):
        return None
    return aggregate_fact(claims, published)


ENTITY_AGGREGATES: tuple[str, ...] = ("aliases", "titles", "mentions")
"""The entity properties derived from its mentions."""

ENTITY_LISTS: tuple[str, ...] = ("merged", "distinct_from", "pinned")
"""The entity properties that record merges: the refs folded in, the keys split off and
the keys merged in by hand (see :func:`entity_props`)."""


def aggregate_entity(
    name: str, mentions: Sequence[MentionRow], so_far: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Aliases, titles and mention count of an entity named ``name`` from the articles
    that mention it.  ``so_far`` are the aggregates of its other mentions, to add to
    (a busy entity gains mentions in most batches; reading all of them again each time
    would cost more with every batch)."""
    base = so_far or {}
    aliases = set(base.get("aliases") or ()).union(*(m.names for m in mentions))
    aliases.discard(name)
    return {
        "aliases": sorted(aliases),
        "titles": sorted(set(base.get("titles") or ()).union(*(m.titles for m in mentions))),
        "mentions": (base.get("mentions") or 0) + sum(m.count for m in mentions),
    }


def refreshed_entity(name: str, mentions: Sequence[MentionRow]) -> dict[str, Any] | None:
    """The aggregates of an entity from all its mentions, or None when nothing mentions
    it any more: then the entity goes."""
    return aggregate_entity(name, mentions) if mentions else None


Lists = tuple[set[str], set[str], set[str]]


def _lists(props: Mapping[str, Any]) -> Lists:
    return tuple(set(props.get(k) or ()) for k in ENTITY_LISTS)  # type: ignore[return-value]


def _sorted(merged: set[str], distinct: set[str], pinned: set[str]) -> dict[str, Any]:
    return dict(zip(ENTITY_LISTS, (sorted(merged), sorted(distinct), sorted(pinned)), strict=True))


def fold_lists(
    target: Mapping[str, Any],
    sources: Mapping[str, Mapping[str, Any]],
    manual: Iterable[str] = (),
) -> dict[str, Any]:
    """The lists of entity ``target`` (its properties) once the entities ``sources`` (key
    -> properties) are merged into it: it holds their keys and whatever they held, a
    split from any of them is forgotten, and those of them a user merged by hand
    (``manual``) are pinned."""
    merged, distinct, pinned = _lists(target)
    for key, props in sources.items():
        merged |= {key} | _lists(props)[0]
        distinct.discard(key)
    return _sorted(merged, distinct, pinned | (set(sources) & set(manual)))


def split_lists(target: Mapping[str, Any], ref: str) -> dict[str, Any]:
    """The lists of entity ``target`` once ``ref`` is split back out of it: automatic
    linking must not fold it in again."""
    merged, distinct, pinned = _lists(target)
    return _sorted(merged - {ref}, distinct | {ref}, pinned - {ref})


def link_lists(target: Mapping[str, Any], refs: Iterable[str]) -> dict[str, Any]:
    """The lists of entity ``target`` once linking resolved the other names ``refs`` to
    it (see :func:`linked_refs`)."""
    merged, distinct, pinned = _lists(target)
    return _sorted(merged | set(refs), distinct, pinned)


def placements(wanted: Mapping[str, Entity]) -> dict[str, tuple[str, set[str]]]:
    """Entity key -> (its chosen name, the other refs placed in it), from the re-link
    pass's placement of every stored ref (ref -> entity)."""
    held: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for ref, entity in wanted.items():
        names[entity.key] = entity.name
        refs = held.setdefault(entity.key, set())
        if ref != entity.key:
            refs.add(ref)
    return {key: (name, held[key]) for key, name in names.items()}


def placed(props: Mapping[str, Any], name: str, held: set[str]) -> dict[str, Any] | None:
    """The ``name`` and ``merged`` list of entity ``props`` once the re-link pass placed
    the refs ``held`` in it (hand merges stay), or None when they do not change."""
    merged = sorted(held | set(props.get("pinned") or ()))
    if props.get("name") == name and list(props.get("merged") or ()) == merged:
        return None
    return {"name": name, "merged": merged}


def split_entity(ref: str, names: Sequence[str]) -> Entity:
    """The entity ``ref`` becomes again when split out, named from its mentions' names."""
    return Entity(ref, best_name(names or [ref]), type_of_key(ref))
