"""The two stores cannot drift apart: every derived value is computed by a rule of
:mod:`kgraph.graph`, the Neo4j store reads exactly the inputs a rule reads and writes
exactly the properties it produces, and no Cypher statement computes a derived value of
its own.  No server needed: the statements are checked as text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import fields
from typing import Any

import pytest

from kgraph import schema
from kgraph.graph import (
    ENTITY_AGGREGATES,
    ENTITY_LISTS,
    FACT_EVIDENCE_PROPS,
    MentionRow,
    aggregate_entity,
    aggregate_fact,
    fold_lists,
    link_lists,
    split_lists,
)
from kgraph.store import neo4j_cypher as q
from kgraph.store.records import EntityRecord, FactRecord

DERIVED = frozenset({*schema.FACT_PROPS, *ENTITY_AGGREGATES, *ENTITY_LISTS, "fact"})
"""Properties whose values a rule of kgraph.graph computes (``fact``: a claim's fact id)."""


class Evidence(Mapping[str, Any]):
    """A claim that fails the test when a rule reads a property it was not listed to."""

    def __init__(self, props: dict[str, Any]) -> None:
        self._props = props

    def __getitem__(self, key: str) -> Any:
        if key not in FACT_EVIDENCE_PROPS:
            pytest.fail(f"aggregate_fact reads {key!r}, missing from FACT_EVIDENCE_PROPS")
        return self._props[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._props)

    def __len__(self) -> int:
        return len(self._props)


def _claim(article: str, confidence: float, modality: str | None) -> Evidence:
    return Evidence(
        {
            "id": f"{article}-{confidence}",
            "article_id": article,
            "confidence": confidence,
            "modality": modality,
            "negated": False,
            "subject_key": "person:x",
            "relation": "MEET",
            "object_key": "person:y",
            "attribution": "Z",
            "sentence": "X met Y.",
        }
    )


def _statements() -> dict[str, str]:
    """Every statement text of the Neo4j store, by name."""
    found = {n: t for n, t in vars(q).items() if n.isupper() and isinstance(t, str)}
    found |= {f"move_claims({side})": q.move_claims(side) for side in ("SUBJECT", "OBJECT")}
    return found


def test_the_fact_rule_reads_only_the_evidence_the_neo4j_store_reads() -> None:
    claims = [_claim("a", 0.5, "may"), _claim("b", 0.25, None)]
    props = aggregate_fact(claims, {"a": "2024-01-02", "b": "2024-01-01"})
    assert set(props) == set(schema.FACT_PROPS)
    projected = re.search(r"collect\(c \{([^}]*)\}\)", q.FACT_EVIDENCE)
    assert projected is not None
    assert {p.strip() for p in projected.group(1).split(",")} == {
        *(f".{p}" for p in FACT_EVIDENCE_PROPS),
        "published: a.published",
    }


def test_every_fact_property_the_rule_produces_is_written_by_both_stores() -> None:
    assert set(FactRecord.keys_in_order) == set(schema.FACT_PROPS)
    for prop in schema.FACT_PROPS:
        assert f"{prop}: row.props.{prop}" in q.CREATE_FACT_ROWS, prop


def test_every_entity_aggregate_is_read_and_written_by_the_neo4j_store() -> None:
    mention = MentionRow("a", "person:x", "person:x", 2, ("X", "Mr X"), ("minister",))
    assert tuple(aggregate_entity("X", [mention])) == ENTITY_AGGREGATES
    lists = [
        fold_lists({}, {"person:z": {}}),
        split_lists({"merged": ["person:z"]}, "person:z"),
        link_lists({}, ["person:z"]),
    ]
    assert all(tuple(v) == ENTITY_LISTS for v in lists)
    assert {*ENTITY_AGGREGATES, *ENTITY_LISTS} <= set(EntityRecord.keys_in_order)
    for prop in ENTITY_AGGREGATES:
        assert f"e.{prop} = row.{prop}" in q.SET_ENTITY_AGGREGATES, prop
    for prop in ENTITY_LISTS:
        assert f"e.{prop} = row.{prop}" in q.SET_ENTITY_LISTS, prop
    for field in fields(MentionRow):
        read = "article_id: a.id" if field.name == "article_id" else f".{field.name}"
        assert field.name == "key" or read in q.ENTITY_MENTIONS, field.name


_SET_CLAUSE = re.compile(r"\bSET\b(.*?)(?=\n[A-Z]+\b|\n\}|\Z)", re.S)
_ASSIGNED = re.compile(r"\b\w+\.(\w+)\s*=\s*([^,\n]+)")
_CREATED = re.compile(r"\b(\w+):\s*([^,{}\n]+)")


@pytest.mark.parametrize(("name", "text"), sorted(_statements().items()))
def test_no_statement_computes_a_derived_value(name: str, text: str) -> None:
    """A derived property is only ever set straight from a row the rule filled in; an
    aggregation written in Cypher would be a second copy of the rule."""
    assigned = [m for clause in _SET_CLAUSE.findall(text) for m in _ASSIGNED.findall(clause)]
    for prop, value in assigned:
        if prop in DERIVED:
            assert value.strip() == f"row.{prop}", f"{name} computes {prop} = {value}"
    for prop, value in _CREATED.findall(text):
        if prop in DERIVED:
            assert value.strip() in {f"row.{prop}", f"row.props.{prop}"}, (
                f"{name} computes {prop}: {value}"
            )
