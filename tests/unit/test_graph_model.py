"""The graph model contract: the rows both stores write carry exactly the declared names."""

from __future__ import annotations

import pytest

from kgraph import schema
from kgraph.graph import aggregate_fact, article_props, best_name, claim_props, entity_props
from kgraph.models import Article, ArticleResult, Claim, Entity


def test_rows_carry_exactly_the_declared_properties() -> None:
    claim = Claim(
        "c",
        "a",
        "person:x",
        "MEET",
        "person:y",
        "person:x",
        "person:y",
        "met",
        "X",
        "Y",
        ("on Monday",),
        "X met Y.",
        0,
        8,
        False,
        "may",
        "Z",
        0.5,
        "t/1",
    )
    article = Article(
        "a", "T", "X met Y.", url="u", source="s", author="au", published="2024-01-01", tags=("t",)
    )
    result = ArticleResult(article, {}, [], [claim], "t/1")
    assert set(claim_props(claim)) == set(schema.CLAIM_PROPS)
    assert set(article_props(result, "now")) == set(schema.ARTICLE_PROPS)
    assert set(entity_props(Entity("person:x", "X", "Person"))) == set(schema.ENTITY_PROPS)
    fact = aggregate_fact(
        [{"article_id": "a", "confidence": 0.5, "negated": False}], {"a": "2024-01-01"}
    )
    assert set(fact) == set(schema.FACT_PROPS)


def test_schema_file_declares_every_property() -> None:
    from importlib import resources

    text = resources.files("kgraph").joinpath("cypher/schema.cypher").read_text("utf-8")
    for name in (
        *schema.ARTICLE_PROPS,
        *schema.ENTITY_PROPS,
        *schema.CLAIM_PROPS,
        *schema.FACT_PROPS,
    ):
        assert name in text, name


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("meet with", "MEET_WITH"),
        ("deploy-to", "DEPLOY_TO"),
        ("3rd", "R_3RD"),
        ("x`]->() DELETE n", "X_DELETE_N"),
        ("", "RELATED_TO"),
        ("mentions", "MENTIONS_"),
    ],
)
def test_sanitize_type(raw: str, clean: str) -> None:
    assert schema.sanitize_type(raw) == clean


def test_best_name_prefers_full_then_frequent_then_alphabetical() -> None:
    assert best_name(["Putin", "Vladimir Putin", "Putin"]) == "Vladimir Putin"
    assert best_name(["Kim B", "Kim A", "Kim B"]) == "Kim B"
    assert best_name(["b", "a"]) == "a"
