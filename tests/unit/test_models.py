"""The pipeline's types cross process boundaries (worker results) and must survive it."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from kgraph.models import (
    Argument,
    Article,
    ArticleResult,
    Claim,
    Entity,
    EntityMention,
    EntityRef,
    RelationMention,
)


def _result() -> ArticleResult:
    article = Article(
        "a1", "Title", "Body.", url="https://x.test/a", published="2024-06-19", tags=("t",)
    )
    putin = Entity("person:vladimir putin", "Vladimir Putin", "Person", {"Putin"}, {"President"})
    claim = Claim(
        "c1", "a1", "person:vladimir putin", "CONGRATULATE", "person:kim jong un",
        "person:putin", "person:kim", "congratulated", "Putin", "Kim", ("on Monday",),
        "Putin congratulated Kim.", 0, 24, False, "may", "TASS", 0.75, "x1",
    )  # fmt: skip
    ref = EntityRef("person:putin", "person:vladimir putin", 2, ("Putin",), ("President",))
    return ArticleResult(article, {putin.key: putin}, [ref], [claim], "x1")


def test_results_survive_pickling_field_for_field() -> None:
    result = _result()
    back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == result
    assert back.claims[0].confidence == 0.75 and back.claims[0].attribution == "TASS"
    assert back.entities["person:vladimir putin"].aliases == {"Putin"}
    assert back.refs[0].titles == ("President",)
    assert copy.deepcopy(result) == result


def test_relation_mentions_survive_pickling() -> None:
    kim = EntityMention("Kim Jong Un", 25, 36, "PERSON", "leader")
    relation = RelationMention(
        Argument("Putin", 0, 5),
        "congratulated",
        "CONGRATULATE",
        Argument("Kim Jong Un", 25, 36, kim, "on"),
        sentence="Putin congratulated Kim Jong Un.",
        negated=True,
        confidence=0.9,
    )
    back = pickle.loads(pickle.dumps(relation))
    assert back == relation
    assert back.object is not None and back.object.mention == kim
    assert back.negated and back.confidence == 0.9


def test_frozen_values_keep_the_dataclass_contract() -> None:
    made, same = Argument("Kim", 25, 28, preposition="on"), Argument("Kim", 25, 28, None, "on")
    assert made == same and hash(made) == hash(same)
    assert made.mention is None and RelationMention(made, "met", "MEET", None).extras == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "Putin"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Argument("Kim", 25)  # type: ignore[call-arg]
