"""A claim's SUBJECT, OBJECT and SUPPORTED_BY edges, derived from its properties.

The embedded store does not keep these edges in its networkx graph: a claim's
``subject_key``, ``object_key`` and ``article_id`` already say where they go, and three
networkx edges per claim would cost memory for nothing.  :class:`ClaimEdges`
answers the reverse direction (an entity's or an article's claims) from a plain index,
and is the source of derived edges for the embedded Cypher engine and the store file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kgraph import schema
from kgraph.store.local_ids import article_node, entity_node

CLAIM_EDGE_TYPES = frozenset({schema.SUBJECT, schema.OBJECT, schema.SUPPORTED_BY})

_END_PROPS = (
    (schema.SUBJECT, "subject_key", entity_node),
    (schema.OBJECT, "object_key", entity_node),
    (schema.SUPPORTED_BY, "article_id", article_node),
)


def claim_ends(props: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(type, node id)`` of the edges leaving a claim with ``props``: three, or two
    when one argument names no entity (its key is empty)."""
    return [(rtype, node_id(props[key])) for rtype, key, node_id in _END_PROPS if props[key]]


class ClaimEdges:
    """Node id -> the claims pointing at it, per edge type; kept in step by the store."""

    types = CLAIM_EDGE_TYPES

    def __init__(self) -> None:
        self._into: dict[str, dict[str, list[str]]] = {t: {} for t, _, _ in _END_PROPS}

    def add(self, claim: str, props: Mapping[str, Any]) -> None:
        for rtype, end in claim_ends(props):
            self._into[rtype].setdefault(end, []).append(claim)

    def remove(self, claim: str, props: Mapping[str, Any]) -> None:
        """Forget the claim's edges (before it goes, or before its ends change)."""
        for rtype, end in claim_ends(props):
            claims = self._into[rtype].get(end)
            if claims is not None:
                claims.remove(claim)
                if not claims:
                    del self._into[rtype][end]

    def claims_into(self, node: str, rtype: str) -> list[str]:
        """The claims with an ``rtype`` edge to ``node``, oldest first (a copy)."""
        return list(self._into[rtype].get(node, ()))

    # -- kgraph_cypher's DerivedEdges protocol --------------------------------------------

    def outgoing(
        self, labels: tuple[str, ...], props: Mapping[str, Any]
    ) -> Iterable[tuple[str, str]]:
        return claim_ends(props) if schema.CLAIM in labels else ()

    def incoming(self, node: str) -> Iterable[tuple[str, str]]:
        for rtype, index in self._into.items():
            for claim in index.get(node, ()):
                yield rtype, claim
