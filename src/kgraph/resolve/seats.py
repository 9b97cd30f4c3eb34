"""Capitals that stand for an international organisation seated there when they act.

"A deal between Brussels and Ankara", "talks with Brussels": Brussels is the European
Union, not Belgium.  The seats come from a small reviewed table shipped with the package
(``data/seats.tsv``).  A seat acting stands for its organisation where the article names
that organisation; elsewhere it stays the city, never the host country.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from importlib import resources

from kgraph.resolve.names import name_key


@lru_cache(maxsize=1)
def _seats() -> dict[str, tuple[str, ...]]:
    text = resources.files("kgraph.resolve").joinpath("data/seats.tsv").read_text("utf-8")
    found: dict[str, list[str]] = defaultdict(list)
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            organisation, capital = (field.strip() for field in line.split("\t"))
            found[name_key(capital)].append(organisation)
    return {capital: tuple(organisations) for capital, organisations in found.items()}


def seated_at(capital: str) -> tuple[str, ...]:
    """The organisations whose seat ``capital`` stands for: "Brussels" -> ("European
    Union",); () for any other city."""
    return _seats().get(name_key(capital), ())
