"""The OpenIE (CaRB) output and the smaller entry points of the extractor."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kgraph.extract import extract_doc, extract_sentence
from kgraph.extract.carb import carb_lines
from kgraph.nlp import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def fields(line: str) -> tuple[str, float, str, list[str]]:
    sentence, confidence, predicate, *args = line.split("\t")
    return sentence, float(confidence), predicate, args


def test_lines_keep_the_sentence_and_tokens(nlp: Language) -> None:
    sentence = "Putin congratulated Kim on the New Year holidays ."
    lines = list(carb_lines(nlp, [sentence + "\n"]))
    parsed = [fields(line) for line in lines]
    assert ("congratulated", ["Putin", "Kim", "on the New Year holidays"]) in [
        (p, a) for _, _, p, a in parsed
    ]
    for text, confidence, _, args in parsed:
        assert text == sentence
        assert 0.0 < confidence < 1.0
        assert len(args) >= 2 and all(args)


def test_passive_keeps_surface_order(nlp: Language) -> None:
    lines = list(carb_lines(nlp, ["The treaty was signed by Russia ."]))
    assert ("was signed by", ["The treaty", "Russia"]) in [
        (p, a) for _, _, p, a in map(fields, lines)
    ]


def test_clause_objects_and_titles_are_openie_only(nlp: Language) -> None:
    text = "President Biden said that Kim would visit Moscow ."
    openie = [fields(line)[2:] for line in carb_lines(nlp, [text])]
    assert ("said", ["President Biden", "Kim would visit Moscow"]) in openie
    assert ("is", ["Biden", "President"]) in openie
    graph = extract_doc(nlp(text))
    assert {r.relation for r in graph} == {"VISIT"}


def test_blank_lines_are_skipped_and_ptb_brackets_survive(nlp: Language) -> None:
    lines = list(carb_lines(nlp, ["", "Kim -LRB- the leader -RRB- met Putin .", "   "]))
    assert lines and all(
        line.startswith("Kim -LRB- the leader -RRB- met Putin .\t") for line in lines
    )


def test_extract_sentence_and_default_lemmatizer(nlp: Language) -> None:
    doc = nlp("Xi met with Putin. Putin thanked Kim.")
    sents = list(doc.sents)
    assert [r.relation for r in extract_sentence(sents[0])] == ["MEET"]
    assert [r.relation for r in extract_doc(doc)] == ["MEET", "THANK"]


def test_empty_and_verbless_docs(nlp: Language) -> None:
    assert extract_doc(nlp("")) == []
    assert extract_doc(nlp("Kyiv • UNN\n\n14 views")) == []
