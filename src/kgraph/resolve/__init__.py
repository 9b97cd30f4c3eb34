"""Relation mentions -> entities and claims (evidence) for one article.

Within the article, name variants resolve to the fullest name, personal pronouns and
definite descriptions ("the DPRK leader") to a person the text names (see
:mod:`.article`, :mod:`.arguments`); an argument that names no entity stays text on its
claim.  Each entity gets the article's own key (its *ref*); :mod:`kgraph.resolve.linker`
then links refs to canonical entities across articles.  The pipeline hands over plain
data (relation mentions, named-entity spans, sentence bounds), so this module knows
nothing of spaCy.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from kgraph.models import (
    NO_ENTITY,
    Argument,
    Article,
    ArticleResult,
    Claim,
    EntityMention,
    EntityRef,
    RelationMention,
)
from kgraph.resolve.arguments import ROLE_RELATIONS, UNRESOLVED, Arguments, place_slot
from kgraph.resolve.article import ArticleEntities, People, distinct_mentions, span_of
from kgraph.resolve.casing import Casing
from kgraph.resolve.context import after_person_noun, in_context
from kgraph.resolve.demonyms import as_nationality
from kgraph.resolve.names import NOUN_LABEL, distinct_case
from kgraph.schema import sanitize_type

__all__ = ["UNRESOLVED", "resolve_article"]


REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves"})
"""Objects that are their clause's subject ("recused himself"), never another entity."""


EQUATIVE_RELATIONS = frozenset({"IDENTIFY_AS", "BE_IDENTIFIED_AS", "BE_NAMED_AS", "BE_KNOWN_AS"})
"""Relations that say who or what the subject is ("were identified as A and B")."""


def _described_as(relation: RelationMention) -> bool:
    """ "The officers of the FSB were identified as A and B": a described subject *is* the
    object, so the body its words name is no party of the claim."""
    mention = relation.subject.mention
    return (
        relation.relation in EQUATIVE_RELATIONS
        and mention is not None
        and mention.label == NOUN_LABEL
    )


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


def _claim(
    article: Article, relation: RelationMention, subject: str, obj: str, extractor: str
) -> Claim:
    assert relation.object is not None
    return Claim(
        id=_claim_id(article.id, relation, extractor),
        article_id=article.id,
        subject_key=subject,
        relation=sanitize_type(relation.relation),
        object_key=obj,
        subject_ref=subject,
        object_ref=obj,
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


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per fact and sentence text: scraped pages repeat leads and pull-quotes;
    and one per id (the same relation between the same words, read twice)."""
    seen: dict[tuple[str, str, str, bool, str], Claim] = {}
    ids: set[str] = set()
    for claim in claims:
        if claim.id in ids:
            continue
        ids.add(claim.id)
        key = (
            claim.subject_key or claim.subject_text,  # a generic phrase: its words
            claim.relation,
            claim.object_key or claim.object_text,
            claim.negated,
            " ".join(claim.sentence.split()),
        )
        seen.setdefault(key, claim)
    return list(seen.values())


def _refs(table: ArticleEntities, counts: Counter[str], used: set[str]) -> list[EntityRef]:
    refs = []
    for key in sorted(used):
        entity = table.entities[key]
        refs.append(
            EntityRef(
                key,
                key,
                max(counts.get(key, 0), 1),
                tuple(distinct_case([entity.name, *entity.aliases])),
                tuple(sorted(entity.titles)),
            )
        )
    return refs


def _with_mentions(
    relation: RelationMention, change: Callable[[EntityMention], EntityMention]
) -> RelationMention:
    """The relation with ``change`` applied to its arguments' mentions (itself, and each
    argument itself, where nothing changed: most are untouched)."""

    def argument(arg: Argument | None) -> Argument | None:
        if arg is None or arg.mention is None:
            return arg
        mention = change(arg.mention)
        return arg if mention is arg.mention else replace(arg, mention=mention)

    subject, obj = argument(relation.subject), argument(relation.object)
    if subject is relation.subject and obj is relation.object:
        return relation
    assert subject is not None
    return replace(relation, subject=subject, object=obj)


def resolve_article(
    article: Article,
    relations: Sequence[RelationMention],
    entities: Sequence[EntityMention],
    sentences: Sequence[tuple[int, int]],
    extractor: str,
    capitals: bool = True,
) -> ArticleResult:
    """Link the mentions of one article to its entities and turn relations into claims.

    ``entities`` are the named-entity spans of the article, ``sentences`` the
    (start, end) character bounds of its sentences.  A claim links at least one entity;
    an argument that names none (a generic noun phrase) stays text on the claim.  With
    ``capitals`` a capital used for its government ("Moscow warned Kyiv") stands for its
    country (see :meth:`.arguments.Arguments.named`); without it a capital is always the city.
    """
    casing = Casing(article.title, article.document, sentences)
    relations = [_with_mentions(r, lambda m: as_nationality(casing.argument(m))) for r in relations]
    entities = [as_nationality(m) for m in map(casing.mention, entities) if m is not None]
    mentions = distinct_mentions(relations, in_context(entities, article.document))
    kin = frozenset(span_of(m) for m in mentions if after_person_noun(m, article.document))
    table = ArticleEntities(mentions, kin)
    people = People(mentions, relations, table, sentences, article.document)
    headline = len(article.title) if article.title else 0
    args = Arguments(table, people, entities, article.document, capitals, headline)

    claims = []
    for relation in relations:
        subject = args.key(relation.subject)
        if subject and (args.quoted_self(relation, subject) or _described_as(relation)):
            subject = NO_ENTITY
        role = relation.relation in ROLE_RELATIONS
        obj = args.key(relation.object, place_slot=place_slot(relation), role=role)
        if relation.object is not None and relation.object.text.lower() in REFLEXIVES:
            obj = NO_ENTITY  # "Sessions has recused himself": no fact with anyone else
        if relation.object is not None and (subject or obj) and subject != obj:
            claim = _claim(article, relation, subject, obj, extractor)
            claims.append(replace(claim, attribution=args.speaker(relation)))
    claims = _dedupe(claims)
    counts: Counter[str] = Counter(k for m in mentions if (k := args.named(m)) is not None)
    used = set(counts) | {c.subject_key for c in claims} | {c.object_key for c in claims}
    used.discard(NO_ENTITY)
    return ArticleResult(
        article=article,
        entities={k: e for k, e in table.entities.items() if k in used},
        refs=_refs(table, counts, used),
        claims=claims,
        extractor=extractor,
    )
