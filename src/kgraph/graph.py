"""The merged graph model: property rows for articles, entities, claims and mentions, and
the aggregation rules that turn claims into facts.

Both stores write exactly these rows and aggregate exactly by these rules (the Neo4j store
mirrors :func:`aggregate_fact` in Cypher), so the embedded graph and the Neo4j graph hold
the same properties.  A fact edge ``(s)-[:REL {negated}]->(o)`` is derived from the claims
that share (subject, relation, object, negated); entity ``aliases``, ``titles`` and
``mentions`` are derived from the ``MENTIONS`` edges.  Deleting or re-ingesting an
article therefore only needs its claims and mentions removed and the aggregates
recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kgraph.models import ArticleResult, Claim, Entity

FactKey = tuple[str, str, str, bool]
"""(subject key, relation, object key, negated)"""

CONFIDENCE_DIGITS = 4


@dataclass(frozen=True, slots=True)
class MentionRow:
    """``(:Article {id})-[:MENTIONS {count, names, titles}]->(:Entity {key})``"""

    article_id: str
    key: str
    count: int
    names: tuple[str, ...]
    titles: tuple[str, ...]


def compact(props: dict[str, Any]) -> dict[str, Any]:
    """Drop null properties: Neo4j does not store them, so neither does the embedded store."""
    return {k: v for k, v in props.items() if v is not None}


def fingerprint(text_sha256: str, extractor: str) -> str:
    """What decides whether an article must be processed again."""
    return f"{text_sha256}:{extractor}"


def article_props(result: ArticleResult, ingested_at: str) -> dict[str, Any]:
    article = result.article
    return compact(
        {
            "id": article.id,
            "title": article.title,
            "url": article.url,
            "source": article.source,
            "author": article.author,
            "published": article.published,
            "tags": list(article.tags),
            "text_sha256": article.text_sha256,
            "extractor": result.extractor,
            "ingested_at": ingested_at,
        }
    )


def entity_props(entity: Entity) -> dict[str, Any]:
    """Identity properties set when an entity is created; the rest are aggregates."""
    return {"key": entity.key, "name": entity.name, "type": entity.type}


def claim_props(claim: Claim) -> dict[str, Any]:
    return compact(
        {
            "id": claim.id,
            "article_id": claim.article_id,
            "subject_key": claim.subject_key,
            "relation": claim.relation,
            "object_key": claim.object_key,
            "predicate": claim.predicate,
            "subject_text": claim.subject_text,
            "object_text": claim.object_text,
            "context": list(claim.context),
            "sentence": claim.sentence,
            "start": claim.start,
            "end": claim.end,
            "negated": claim.negated,
            "modality": claim.modality,
            "attribution": claim.attribution,
            "confidence": claim.confidence,
            "extractor": claim.extractor,
        }
    )


def mention_rows(result: ArticleResult) -> list[MentionRow]:
    """One row per entity the article mentions (or makes a claim about)."""
    keys = set(result.mentions) | set(result.entities)
    rows = []
    for key in sorted(keys):
        entity = result.entities.get(key)
        names = sorted({entity.name, *entity.aliases}) if entity else []
        titles = sorted(entity.titles) if entity else []
        rows.append(
            MentionRow(
                result.article.id,
                key,
                max(result.mentions.get(key, 0), 1),
                tuple(names),
                tuple(titles),
            )
        )
    return rows


def fact_key(claim: Mapping[str, Any]) -> FactKey:
    return (
        str(claim["subject_key"]),
        str(claim["relation"]),
        str(claim["object_key"]),
        bool(claim["negated"]),
    )


def combine_confidence(confidences: Iterable[float]) -> float:
    """Noisy-or: independent mentions each make the fact more likely."""
    remaining = 1.0
    for confidence in confidences:
        remaining *= 1.0 - min(max(float(confidence), 0.0), 1.0)
    return round(1.0 - remaining, CONFIDENCE_DIGITS)


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
            "confidence": combine_confidence(sorted(float(c["confidence"]) for c in claims)),
            "negated": bool(claims[0]["negated"]) if claims else False,
        }
    )


def aggregate_entity(name: str, mentions: Sequence[MentionRow]) -> dict[str, Any]:
    """Aliases, titles and mention count of an entity from the articles that mention it."""
    aliases = sorted({n for m in mentions for n in m.names} - {name})
    titles = sorted({t for m in mentions for t in m.titles})
    return {
        "aliases": aliases,
        "titles": titles,
        "mentions": sum(m.count for m in mentions),
    }
