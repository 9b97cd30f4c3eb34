"""Relation mentions -> canonical entities and claims (evidence) for one article.

The pipeline hands over plain data (relation mentions, named-entity spans, sentence
bounds), so this module knows nothing of spaCy.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from kgraph.models import (
    Argument,
    Article,
    ArticleResult,
    Claim,
    Entity,
    EntityMention,
    RelationMention,
)
from kgraph.resolve.names import PRONOUN_LABEL, entity_key, name_key
from kgraph.resolve.pronouns import PersonMention, PronounResolver
from kgraph.resolve.within import Surface, canonical_form, cluster, collect_surfaces

__all__ = ["resolve_article"]


class _ArticleEntities:
    """The entities of one article and the lookup from a mention to its entity key."""

    def __init__(self, mentions: Sequence[EntityMention]) -> None:
        self.surfaces: dict[str, Surface] = collect_surfaces(mentions)
        self.roots = cluster(self.surfaces)
        self.entities: dict[str, Entity] = {}
        self._key_of_surface: dict[str, str] = {}
        for surface_key, root_key in self.roots.items():
            root = self.surfaces[root_key]
            key = entity_key(root.type, root.name)
            entity = self.entities.setdefault(key, Entity(key=key, name=root.name, type=root.type))
            surface = self.surfaces[surface_key]
            entity.aliases.update(f for f in surface.forms | {surface.name} if f != root.name)
            entity.titles.update(surface.titles)
            self._key_of_surface[surface_key] = key

    def key(self, mention: EntityMention) -> str | None:
        form = canonical_form(mention)
        if form is None:
            return None
        return self._key_of_surface.get(name_key(form[0]))


def _span(mention: EntityMention) -> tuple[int, int]:
    return mention.start, mention.end


def _distinct_mentions(
    relations: Sequence[RelationMention], entities: Sequence[EntityMention]
) -> list[EntityMention]:
    """Named-entity spans plus argument mentions, each span once."""
    seen: dict[tuple[int, int], EntityMention] = {_span(m): m for m in entities}
    for relation in relations:
        for arg in (relation.subject, relation.object):
            if arg is not None and arg.mention is not None and arg.mention.label != PRONOUN_LABEL:
                seen.setdefault(_span(arg.mention), arg.mention)
    return sorted(seen.values(), key=_span)


def _persons(
    mentions: Sequence[EntityMention],
    relations: Sequence[RelationMention],
    table: _ArticleEntities,
) -> list[PersonMention]:
    subject_spans = {_span(r.subject.mention) for r in relations if r.subject.mention is not None}
    persons = []
    for mention in mentions:
        key = table.key(mention)
        if key is not None and table.entities[key].type == "Person":
            persons.append(PersonMention(mention.start, key, _span(mention) in subject_spans))
    return persons


def _claim_id(article_id: str, relation: RelationMention, extractor: str) -> str:
    obj = relation.object
    parts = (
        article_id,
        extractor,
        relation.relation,
        str(relation.subject.start),
        str(relation.subject.end),
        str(obj.start if obj else -1),
        str(obj.end if obj else -1),
        str(relation.sentence_start),
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _context(extras: Sequence[Argument]) -> tuple[str, ...]:
    return tuple(f"{a.preposition} {a.text}" if a.preposition else a.text for a in extras)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per fact and sentence text: scraped pages repeat leads and pull-quotes."""
    seen: dict[tuple[str, str, str, bool, str], Claim] = {}
    for claim in claims:
        key = (
            claim.subject_key,
            claim.relation,
            claim.object_key,
            claim.negated,
            " ".join(claim.sentence.split()),
        )
        seen.setdefault(key, claim)
    return list(seen.values())


def resolve_article(
    article: Article,
    relations: Sequence[RelationMention],
    entities: Sequence[EntityMention],
    sentences: Sequence[tuple[int, int]],
    extractor: str,
) -> ArticleResult:
    """Link the mentions of one article to entities and turn relations into claims.

    ``entities`` are the named-entity spans of the article, ``sentences`` the
    (start, end) character bounds of its sentences.
    """
    mentions = _distinct_mentions(relations, entities)
    table = _ArticleEntities(mentions)
    pronouns = PronounResolver(sentences, _persons(mentions, relations, table))

    def key_of(arg: Argument | None) -> str | None:
        if arg is None or arg.mention is None:
            return None
        if arg.mention.label == PRONOUN_LABEL:
            return pronouns.resolve(arg.mention.text, arg.mention.start)
        return table.key(arg.mention)

    claims: list[Claim] = []
    for relation in relations:
        subject_key, object_key = key_of(relation.subject), key_of(relation.object)
        if subject_key is None or object_key is None or subject_key == object_key:
            continue
        assert relation.object is not None
        claims.append(
            Claim(
                id=_claim_id(article.id, relation, extractor),
                article_id=article.id,
                subject_key=subject_key,
                relation=relation.relation,
                object_key=object_key,
                predicate=relation.predicate,
                subject_text=relation.subject.text,
                object_text=relation.object.text,
                context=_context(relation.extras),
                sentence=relation.sentence,
                start=relation.sentence_start,
                end=relation.sentence_end,
                negated=relation.negated,
                modality=relation.modality,
                attribution=relation.attribution,
                confidence=round(relation.confidence, 4),
                extractor=extractor,
            )
        )
    claims = _dedupe(claims)
    counts: Counter[str] = Counter(k for m in mentions if (k := table.key(m)) is not None)
    used = set(counts) | {c.subject_key for c in claims} | {c.object_key for c in claims}
    return ArticleResult(
        article=article,
        entities={k: e for k, e in table.entities.items() if k in used},
        mentions=dict(counts),
        claims=claims,
        extractor=extractor,
    )
