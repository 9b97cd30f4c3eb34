"""Node ids and edge keys of the embedded store's networkx graph.

Node ids are ``a:<article id>``, ``e:<entity key>`` and ``c:<claim id>``.  Ids and keys
are interned: networkx keeps the id object it is handed for every edge.
"""

from __future__ import annotations

import sys

from kgraph import schema


def article_node(article_id: str) -> str:
    return sys.intern(f"a:{article_id}")


def entity_node(key: str) -> str:
    return sys.intern(f"e:{key}")


def claim_node(claim_id: str) -> str:
    return f"c:{claim_id}"


def fact_edge_key(relation: str, negated: bool) -> str:
    return sys.intern(f"{relation}|{int(negated)}")


def mention_edge_key(ref: str) -> str:
    return sys.intern(f"{schema.MENTIONS}|{ref}")
