"""Headlines in description form ("Peruvian minister meets ...") resolve forward to the
person the body names with that role, read with the real model."""

from __future__ import annotations

from kgraph.analysis import Analyzer
from kgraph.models import Article


def _facts(analyzer: Analyzer, title: str, text: str) -> set[tuple[str, str, str]]:
    article = Article(id="h", title=title, text=text)
    result = analyzer.result(analyzer.nlp(article.document), article)
    names = {key: entity.name for key, entity in result.entities.items()}
    return {
        (names.get(c.subject_key, ""), c.relation, names.get(c.object_key, ""))
        for c in result.claims
        if c.start < len(title)
    }


def test_a_headline_description_is_the_person_the_body_gives_that_role(
    analyzer: Analyzer,
) -> None:
    facts = _facts(
        analyzer,
        "Peruvian foreign minister meets Chilean leader in Lima",
        "Peruvian Foreign Minister Ana Ruiz met Chilean President Jose Mora in Lima on "
        "Monday. Ruiz said the talks went well.",
    )
    assert ("Ana Ruiz", "MEET", "Jose Mora") in facts


def test_a_headline_description_no_one_in_the_body_fits_names_nobody(
    analyzer: Analyzer,
) -> None:
    facts = _facts(
        analyzer,
        "Peruvian foreign minister meets Chilean leader in Lima",
        "Peruvian Trade Minister Ana Ruiz met Chilean President Jose Mora in Lima on "
        "Monday. Ruiz said the talks went well.",
    )
    assert not any(subject == "Ana Ruiz" for subject, _, _ in facts)
