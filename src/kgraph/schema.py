"""Names of labels, relationship types and properties: the graph model's contract.

``cypher/schema.cypher`` declares the same names to Neo4j.  Code that writes or reads the
graph uses these constants, never string literals of its own.
"""

from __future__ import annotations

import re
from typing import Final

from kgraph.models import ENTITY_TYPES

ARTICLE: Final = "Article"
ENTITY: Final = "Entity"
CLAIM: Final = "Claim"

MENTIONS: Final = "MENTIONS"
"""(:Article)-[:MENTIONS {count}]->(:Entity)"""
SUBJECT: Final = "SUBJECT"
"""(:Claim)-[:SUBJECT]->(:Entity)"""
OBJECT: Final = "OBJECT"
"""(:Claim)-[:OBJECT]->(:Entity)"""
SUPPORTED_BY: Final = "SUPPORTED_BY"
"""(:Claim)-[:SUPPORTED_BY]->(:Article)"""

STRUCTURAL_TYPES: Final = frozenset({MENTIONS, SUBJECT, OBJECT, SUPPORTED_BY})
"""Relationship types of the model itself; a fact's predicate never takes one of these."""

ENTITY_LABELS: Final = frozenset(ENTITY_TYPES)

ARTICLE_PROPS: Final = (
    "id",
    "title",
    "url",
    "source",
    "author",
    "published",
    "tags",
    "text_sha256",
    "extractor",
    "ingested_at",
)
ENTITY_PROPS: Final = (
    "key",
    "name",
    "type",
    "aliases",
    "titles",
    "mentions",
    "merged",
    "distinct_from",
    "pinned",
)
CLAIM_PROPS: Final = (
    "id",
    "article_id",
    "fact",
    "subject_key",
    "relation",
    "object_key",
    "subject_ref",
    "object_ref",
    "predicate",
    "subject_text",
    "object_text",
    "context",
    "sentence",
    "start",
    "end",
    "negated",
    "modality",
    "attribution",
    "confidence",
    "extractor",
)
MENTION_PROPS: Final = ("ref", "count", "names", "titles")
FACT_PROPS: Final = (
    "count",
    "articles",
    "first_seen",
    "last_seen",
    "confidence",
    "negated",
    "hedged",
)

ASSERTING_MODALITIES: Final = frozenset({"will", "would", "shall"})
"""Modalities that still state a fact ("will meet", reported "would meet"); any other
(``may``, ``could``, ``expected``, ``plan`` ...) hedges it.  A fact is ``hedged`` when
every claim behind it is."""


def is_hedged(modality: str | None) -> bool:
    """True for a claim whose modality only suggests the relation.

    >>> is_hedged(None), is_hedged("will"), is_hedged("may")
    (False, False, True)
    """
    return modality is not None and modality not in ASSERTING_MODALITIES


_IDENT = re.compile(r"[^A-Z0-9_]+")


def sanitize_type(raw: str) -> str:
    """Turn any text into a safe relationship type or label matching ``[A-Z][A-Z0-9_]*``.

    >>> sanitize_type("meet with")
    'MEET_WITH'
    >>> sanitize_type("3rd-party`) DETACH DELETE n //")
    'R_3RD_PARTY_DETACH_DELETE_N'
    """
    cleaned = _IDENT.sub("_", raw.upper()).strip("_")
    cleaned = re.sub(r"_+", "_", cleaned)
    if not cleaned:
        return "RELATED_TO"
    if not cleaned[0].isalpha():
        cleaned = "R_" + cleaned
    if cleaned in STRUCTURAL_TYPES:
        cleaned = cleaned + "_"
    return cleaned


def sanitize_label(raw: str) -> str:
    """A label for an entity type; an unknown type gets no label beyond ``Entity``."""
    return raw if raw in ENTITY_LABELS else ENTITY
