"""The real example article: the relations a reader of it would expect in the graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.extract import extract_doc
from kgraph.models import Argument, RelationMention
from kgraph.nlp import lemmatizer_for, load_model

UNN = Path(__file__).resolve().parents[2] / "examples" / "unn-2025-12-25-putin-kim.txt"
PRONOUNS = {"he", "she", "it", "they", "this", "that", "which", "who", "we", "i", "his", "its"}


@pytest.fixture(scope="module")
def relations() -> list[RelationMention]:
    nlp = load_model()
    return extract_doc(nlp(UNN.read_text(encoding="utf-8")), lemma=lemmatizer_for(nlp))


def named(arg: Argument | None) -> str:
    if arg is None:
        return ""
    return arg.mention.text if arg.mention is not None else arg.text


def extras(r: RelationMention) -> list[str]:
    return [f"{a.preposition} {a.text}" if a.preposition else a.text for a in r.extras]


def pick(
    relations: list[RelationMention], subjects: set[str], relation: str, obj: str
) -> list[RelationMention]:
    return [
        r
        for r in relations
        if r.relation == relation and named(r.subject) in subjects and obj in named(r.object)
    ]


def test_congratulate(relations: list[RelationMention]) -> None:
    found = pick(relations, {"Putin", "Vladimir Putin"}, "CONGRATULATE", "Kim")
    assert found and all("on the New Year holidays" in extras(r) for r in found)
    assert found[0].subject.mention is not None and found[0].subject.mention.label == "PERSON"


def test_thank(relations: list[RelationMention]) -> None:
    found = pick(relations, {"Putin"}, "THANK", "Kim Jong Un")
    assert found
    context = "for the participation of North Korean troops in the war against Ukraine"
    assert context in extras(found[0])


def test_deployment(relations: list[RelationMention]) -> None:
    found = pick(relations, {"DPRK troops", "North Korean troops"}, "DEPLOY_TO", "Ukraine")
    assert found
    assert found[0].object is not None and found[0].object.mention is not None
    assert found[0].object.mention.label == "GPE"


def test_message(relations: list[RelationMention]) -> None:
    found = pick(relations, {"Kim Jong Un"}, "RECEIVE", "message")
    assert found and "from Vladimir Putin" in extras(found[0])
    mention = found[0].subject.mention
    assert mention is not None and mention.title == "dictator" and mention.label == "PERSON"


def test_inspection(relations: list[RelationMention]) -> None:
    found = pick(relations, {"Kim Jong Un"}, "INSPECT", "construction of a nuclear submarine")
    assert found and found[0].subject.text == "Kim Jong Un"


def test_report_and_cited_source(relations: list[RelationMention]) -> None:
    assert pick(relations, {"Yonhap News"}, "REPORT", "This")
    cited = pick(relations, {"Yonhap News"}, "CITE", "KCNA")
    assert cited
    assert cited[0].object is not None and cited[0].object.mention is not None
    assert cited[0].object.mention.title == "state agency"


def test_previous_sentence_attributed_to_yonhap(relations: list[RelationMention]) -> None:
    found = pick(relations, {"Kim Jong Un"}, "RECEIVE", "message")
    assert found[0].attribution == "Yonhap News"


def test_dash_quote_attributed_to_putin(relations: list[RelationMention]) -> None:
    quoted = [r for r in relations if r.relation == "PROVE"]
    assert quoted and all(r.attribution == "Putin" for r in quoted)
    inner = [r for r in relations if r.relation == "STRENGTHEN"]
    assert inner and all(r.attribution == "Putin" and r.modality == "will" for r in inner)


def test_inner_clause_keeps_speaker(relations: list[RelationMention]) -> None:
    found = [r for r in relations if r.relation == "CONTRIBUTE_TO" and r.modality == "will"]
    assert found and found[0].attribution == "He"


def test_pronouns_are_pron(relations: list[RelationMention]) -> None:
    for r in relations:
        for arg in (r.subject, r.object, *r.extras):
            mention = arg.mention if arg is not None else None
            if mention is not None and mention.text.lower() in PRONOUNS:
                assert mention.label == "PRON", r


def test_no_speech_relation_with_clause_object(relations: list[RelationMention]) -> None:
    for r in relations:
        assert r.object is None or r.object.mention is not None or r.relation.startswith("BE")
