"""Nationality words NER labelled as a place, person or organisation."""

from __future__ import annotations

import pytest

from kgraph.models import Argument, Article, EntityMention, RelationMention
from kgraph.resolve import resolve_article
from kgraph.resolve.countries import country_name
from kgraph.resolve.demonyms import as_nationality, is_demonym


def _resolve(text: str, subject: str, obj: str, labels: dict[str, str]) -> tuple[str, str]:
    """The (subject, object) keys of one relation between the phrases ``subject`` and
    ``obj`` of ``text``; ``labels`` gives NER's label of the names in them."""
    mentions = [
        EntityMention(name, text.index(name), text.index(name) + len(name), label)
        for name, label in labels.items()
    ]

    def argument(phrase: str) -> Argument:
        at = text.index(phrase)
        inside = [m for m in mentions if m.start == at and m.end == at + len(phrase)]
        mention = inside[0] if inside else EntityMention(phrase, at, at + len(phrase), "NOUN")
        return Argument(phrase, at, at + len(phrase), mention)

    relation = RelationMention(
        subject=argument(subject),
        predicate="rel",
        relation="REL",
        object=argument(obj),
        sentence=text,
        confidence=0.8,
    )
    article = Article(id="d1", title="", text=text)
    result = resolve_article(article, [relation], mentions, [(0, len(text))], "x/1")
    [claim] = result.claims
    return claim.subject_key, claim.object_key


@pytest.mark.parametrize("label", ["GPE", "ORG", "PERSON"])
def test_a_demonym_modifying_officials_is_the_country_whatever_ner_called_it(label: str) -> None:
    text = "Ada Lund asked Ukrainian officials to sign."
    subject, obj = _resolve(
        text, "Ada Lund", "Ukrainian officials", {"Ada Lund": "PERSON", "Ukrainian": label}
    )
    assert (subject, obj) == ("person:ada lund", "place:ukraine")


@pytest.mark.parametrize("label", ["GPE", "ORG", "PERSON"])
def test_one_national_is_no_entity_of_the_demonyms_name(label: str) -> None:
    text = "The Kazakh met Ada Lund."
    subject, obj = _resolve(text, "The Kazakh", "Ada Lund", {"Kazakh": label, "Ada Lund": "PERSON"})
    assert (subject, obj) == ("", "person:ada lund")


def test_the_people_in_the_plural_are_a_group() -> None:
    text = "Ukrainians met Ada Lund."
    subject, _ = _resolve(
        text, "Ukrainians", "Ada Lund", {"Ukrainians": "GPE", "Ada Lund": "PERSON"}
    )
    assert subject == "group:ukrainians"


@pytest.mark.parametrize(
    ("word", "country"),
    [("Kazakh", "Kazakhstan"), ("Uzbeks", "Uzbekistan"), ("Tajik", "Tajikistan"), ("Pak", None)],
)
def test_the_people_of_a_stan_are_its_demonym(word: str, country: str | None) -> None:
    assert country_name(word, demonym=True) == country


@pytest.mark.parametrize(
    ("text", "demonym"),
    [("Ukrainian", True), ("Kazakhs", True), ("Ukraine", False), ("Kremlin", False)],
)
def test_is_demonym(text: str, demonym: bool) -> None:
    assert is_demonym(text) is demonym


def test_only_misread_labels_become_nationality_words() -> None:
    assert as_nationality(EntityMention("Ukrainian", 0, 9, "GPE")).label == "NORP"
    assert as_nationality(EntityMention("Ukraine", 0, 7, "GPE")).label == "GPE"
    assert as_nationality(EntityMention("Ukrainian", 0, 9, "PRON")).label == "PRON"


@pytest.mark.parametrize("label", ["GPE", "ORG", "PERSON"])
def test_a_mislabelled_demonym_as_an_arguments_own_mention_is_one_national(label: str) -> None:
    # The relation's own mention is relabelled too, not only the article's NER spans.
    text = "A Kazakh met Ada Lund."
    kazakh, ada = EntityMention("Kazakh", 2, 8, label), EntityMention("Ada Lund", 13, 21, "PERSON")
    relation = RelationMention(
        subject=Argument("A Kazakh", 0, 8, kazakh),
        predicate="met",
        relation="MEET",
        object=Argument("Ada Lund", 13, 21, ada),
        sentence=text,
        confidence=0.8,
    )
    article = Article(id="d2", title="", text=text)
    result = resolve_article(article, [relation], [kazakh, ada], [(0, len(text))], "x/1")
    assert [(c.subject_key, c.object_key) for c in result.claims] == [("", "person:ada lund")]
