"""Names where capitals say nothing (a title-case headline, a sentence's first word) are
checked against how the body writes their words."""

from __future__ import annotations

import pytest

from kgraph.models import Argument, Article, EntityMention, RelationMention
from kgraph.resolve import resolve_article
from kgraph.resolve.casing import title_case


def _spans(document: str, *names: tuple[str, str, int]) -> list[EntityMention]:
    """(text, label, occurrence) -> the span of that occurrence of ``text``."""
    spans = []
    for text, label, nth in names:
        start = -1
        for _ in range(nth + 1):
            start = document.index(text, start + 1)
        spans.append(EntityMention(text, start, start + len(text), label))
    return spans


def _entities(title: str, body: str, *names: tuple[str, str, int]) -> set[str]:
    article = Article(id="c", title=title, text=body)
    document = article.document
    spans = _spans(document, *names)
    bounds, start = [], 0
    for end in [i + 1 for i, ch in enumerate(document) if ch in ".\n"] + [len(document)]:
        if document[start:end].strip():
            bounds.append((start, end))
        start = end
    subject, *others = spans
    relations = [
        RelationMention(
            subject=Argument(subject.text, subject.start, subject.end, subject),
            predicate="meets",
            relation="MEET",
            object=Argument(other.text, other.start, other.end, other),
            sentence="s",
            sentence_start=0,
        )
        for other in others
    ]
    return set(resolve_article(article, relations, spans, bounds, "x/1").entities)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Town Tests Saliva Kits To Catch Drivers", True),
        ("Critics: Dana Holt Broke Campaign Rules in Ad", True),
        ("Holt at the town hall for talks with Oduya", False),
    ],
)
def test_title_case(title: str, expected: bool) -> None:
    assert title_case(title) is expected


def test_a_headline_name_ends_before_a_word_the_body_writes_in_lower_case() -> None:
    title = "Critics: Dana Holt Broke Campaign Rules in Ad"
    body = "Critics say Dana Holt broke campaign rules. Holt denied it to Lena Ruiz."
    found = _entities(
        title,
        body,
        ("Dana Holt Broke Campaign Rules", "ORG", 0),
        ("Lena Ruiz", "PERSON", 0),
        ("Dana Holt", "PERSON", 1),
        ("Holt", "ORG", 2),
    )
    assert "person:dana holt" in found
    assert not any("rules" in key for key in found)


def test_a_headline_name_ends_where_the_body_stops_writing_it() -> None:
    title = "Dana Holt Scolds Lena Ruiz Over Lima Deal"
    body = "Dana Holt spoke on Monday. Lena Ruiz said nothing."
    found = _entities(
        title, body, ("Dana Holt Scolds Lena Ruiz", "PERSON", 0), ("Lena Ruiz", "PERSON", 1)
    )
    assert found == {"person:dana holt", "person:lena ruiz"}


def test_a_headline_name_stays_whole_when_the_body_writes_its_next_word() -> None:
    title = "Dana Holt Meets Lena Ruiz In Lima"
    body = "Dana Evans, an aide, said Holt met Ruiz in Lima."
    found = _entities(title, body, ("Dana Holt", "PERSON", 0), ("Lena Ruiz", "PERSON", 0))
    assert {"person:dana holt", "person:lena ruiz"} <= found


def test_a_headline_name_of_common_words_is_no_name() -> None:
    title = "Town Tests Saliva Kits To Catch Drivers"
    body = "Police in Lima now use saliva kits on drivers."
    found = _entities(title, body, ("Saliva Kits", "PERSON", 0), ("Lima", "GPE", 0))
    assert found == {"place:lima"}


def test_a_headline_phrase_of_common_words_around_a_name_is_no_name() -> None:
    title = "Tribe Files Legal Challenge Over Lima Canal Easement"
    body = "The tribe filed a legal challenge. The easement lets Lima Canal build a dam."
    found = _entities(
        title,
        body,
        ("Legal Challenge Over Lima Canal Easement", "ORG", 0),
        ("Lima Canal", "ORG", 1),
    )
    assert found == {"organization:lima canal"}


def test_a_cut_headline_name_the_body_never_writes_is_no_name() -> None:
    title = "Top Official Mocks Rival In Lima"
    body = "An official in Lima mocked a rival on Monday."
    found = _entities(title, body, ("Top Official", "ORG", 0), ("Lima", "GPE", 1))
    assert found == {"place:lima"}


def test_a_sentence_opening_with_a_common_word_names_nobody() -> None:
    body = "Police in Lima use new kits. Kits were also sold in Quito."
    found = _entities("", body, ("Kits", "PERSON", 0), ("Quito", "GPE", 0), ("Lima", "GPE", 0))
    assert found == {"place:quito", "place:lima"}


@pytest.mark.parametrize(
    ("title", "body", "names", "kept"),
    [
        # a later word of the headline name is a name in the body: "bill" is no clue
        (
            "Bill Oduya Meets Lena Ruiz In Quito",
            "The bill passed. Oduya met Ruiz in Quito.",
            [("Bill Oduya", "PERSON", 0), ("Lena Ruiz", "PERSON", 0)],
            "person:bill oduya",
        ),
        # a sentence-case headline: its capitals are names
        (
            "Holt at the town hall for talks with Rose Oduya",
            "Oduya spoke. Prices rose.",
            [("Holt", "PERSON", 0), ("Rose Oduya", "PERSON", 0)],
            "person:rose oduya",
        ),
        # inside a sentence a capital is a name, whatever the body writes elsewhere
        (
            "",
            "Lena Ruiz met Rose at the fair. Prices rose.",
            [("Lena Ruiz", "PERSON", 0), ("Rose", "PERSON", 0)],
            "person:rose",
        ),
    ],
)
def test_names_with_a_meaningful_capital_are_kept(
    title: str, body: str, names: list[tuple[str, str, int]], kept: str
) -> None:
    assert kept in _entities(title, body, *names)
