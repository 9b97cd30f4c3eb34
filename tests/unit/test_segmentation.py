"""Sentence boundaries at paragraph breaks and at the title/body seam (kgraph.nlp)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kgraph.models import Article
from kgraph.nlp import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def sentences(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("ok", "Angela Merkel met Emmanuel Macron in Berlin on Monday."),
        ("ok", "Boris Johnson met Joe Biden at the summit."),
        ("New sanctions", "Emmanuel Macron criticised Viktor Orban."),
    ],
)
def test_an_unpunctuated_title_ends_before_the_body(nlp: Language, title: str, body: str) -> None:
    document = Article(id="x", title=title, text=body).document
    assert sentences(nlp, document) == [title, body]


@pytest.mark.parametrize(
    ("title", "body", "name"),
    [
        ("ok", "Angela Merkel met Emmanuel Macron.", "Angela Merkel"),
        ("New sanctions", "Emmanuel Macron criticised Viktor Orban.", "Emmanuel Macron"),
    ],
)
def test_the_name_opening_the_body_stays_whole(
    nlp: Language, title: str, body: str, name: str
) -> None:
    doc = nlp(Article(id="x", title=title, text=body).document)
    assert name in [e.text for e in doc.ents]


def test_every_blank_line_ends_a_sentence(nlp: Language) -> None:
    text = "Talks resumed in Geneva on Tuesday\n\nDiplomats from both sides attended."
    assert sentences(nlp, text) == [
        "Talks resumed in Geneva on Tuesday",
        "Diplomats from both sides attended.",
    ]


def test_sentences_within_a_paragraph_are_still_split(nlp: Language) -> None:
    text = "Heading\n\nThe minister resigned. Her deputy took over on Monday."
    assert sentences(nlp, text) == [
        "Heading",
        "The minister resigned.",
        "Her deputy took over on Monday.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Looking for common ground The two ministers met for three hours.",
            ["Looking for common ground", "The two ministers met for three hours."],
        ),
        (
            "Strikes spread to the ports A third union joined on Friday.",
            ["Strikes spread to the ports", "A third union joined on Friday."],
        ),
    ],
)
def test_a_heading_glued_to_the_next_sentence_is_cut_off(
    nlp: Language, text: str, expected: list[str]
) -> None:
    assert sentences(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He told the newspaper The Guardian that he would resign.",
        "She read the novel The Remains of the Day twice.",
        "They watched the film The Big Short again.",
    ],
)
def test_a_title_after_a_noun_is_not_a_heading(nlp: Language, text: str) -> None:
    assert sentences(nlp, text) == [text]
