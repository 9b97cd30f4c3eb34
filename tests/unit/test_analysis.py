"""The analysis step on inputs the parser cannot take whole."""

from __future__ import annotations

import warnings

from kgraph.analysis import Analyzer, pieces
from kgraph.models import Article


def test_pieces_join_back_and_cut_at_paragraphs() -> None:
    text = "\n\n".join(f"Paragraph {i} says something." for i in range(50))
    parts = pieces(text, limit=100)
    assert "".join(parts) == text
    assert all(len(p) <= 100 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])
    one_long_line = "word " * 100
    assert "".join(pieces(one_long_line, limit=33)) == one_long_line


def test_a_long_article_is_parsed_in_pieces_with_its_offsets(analyzer: Analyzer) -> None:
    filler = "\n\n".join("The committee met again and talked for hours." for _ in range(30))
    text = f"{filler}\n\nAngela Merkel met Emmanuel Macron in Berlin on Monday."
    article = Article(id="long", title="Long", text=text)
    saved = analyzer.max_length
    analyzer.max_length = 300
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # joining the pieces says nothing to the user
            [result] = analyzer.analyse_chunk([article])
    finally:
        analyzer.max_length = saved
    assert not isinstance(result, Exception)
    document = article.document
    claims = [c for c in result.claims if c.relation == "MEET"]
    assert claims, result.claims
    claim = claims[0]
    assert document[claim.start : claim.end].startswith("Angela Merkel met Emmanuel Macron")
