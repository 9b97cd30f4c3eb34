"""A country's institutions under one name whatever the word order.

"Russian Defence Ministry", "Russian Ministry of Defence", "Defence Ministry of Russia",
"Russia's Defence Ministry" and "Ministry of Defence of the Russian Federation" are all
"Russian Defence Ministry":
the country's adjective (from ``countryinfo``), the field, the institution noun.  Only
names whose country part is a country kgraph knows are rewritten.
"""

from __future__ import annotations

from functools import lru_cache

from kgraph.resolve.countries import country_name, demonym_of

INSTITUTION_NOUNS = frozenset({"Ministry", "Department", "Office", "Embassy", "Agency"})
"""Nouns of government bodies that English names in both orders ("Foreign Ministry of
China" / "Chinese Foreign Ministry")."""


def _country_words(words: list[str], demonym: bool) -> str | None:
    """The country ``words`` name: as an adjective ("Russian") with ``demonym``, else as
    a name ("the Russian Federation").  "US State Department" keeps its own form."""
    text = " ".join(words)
    if text.lower().startswith("the "):
        text = text[4:]
    if not text or (demonym and country_name(text) is not None):
        return None
    return country_name(text, demonym=demonym)


def _field_and_noun(words: list[str]) -> tuple[list[str], str] | None:
    """(field, noun) of "Defence Ministry" or "Ministry of Defence"."""
    if len(words) >= 2 and words[-1] in INSTITUTION_NOUNS and "of" not in words:
        return words[:-1], words[-1]
    if len(words) >= 3 and words[0] in INSTITUTION_NOUNS and words[1] == "of":
        return words[2:], words[0]
    return None


@lru_cache(maxsize=1 << 14)
def institution_name(name: str) -> str | None:
    """The one form of a country's institution: "Defence Ministry of Russia" ->
    "Russian Defence Ministry"; None for any other name."""
    words = name.split()
    if len(words) < 3 or not any(w in INSTITUTION_NOUNS for w in words):
        return None
    candidates: list[tuple[str | None, list[str]]] = []
    owner = words[0].removesuffix("'s").removesuffix("\u2019s")
    if owner != words[0]:  # "the UK's Climate Ministry"
        candidates.append((_country_words([owner], False), words[1:]))
    for cut in range(1, len(words)):
        # "<Demonym> <institution>" and "<institution> of <Country>"
        candidates.append((_country_words(words[:cut], True), words[cut:]))
        if words[cut] == "of" and cut + 1 < len(words):
            candidates.append((_country_words(words[cut + 1 :], False), words[:cut]))
    for country, rest in candidates:
        parts = _field_and_noun(rest) if country else None
        adjective = demonym_of(country) if country else None
        if parts and adjective and all(w[:1].isupper() for w in parts[0]):
            field, noun = parts
            return " ".join([adjective, *field, noun])
    return None
