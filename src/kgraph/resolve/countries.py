"""Countries by any of their names, acronyms or demonyms, from ISO 3166 data (pycountry).

"DPRK", "North Korea", "Democratic People's Republic of Korea" and "North Korean" all
give "North Korea"; "U.S." gives "United States".  Demonyms are derived from the country
names by English suffix rules ("Russia" -> "Russian", "China" -> "Chinese"), so the table
follows pycountry's data instead of a hand-kept list.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

from kgraph.resolve.names import initials, name_key

_DEMONYM_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("a", ("an", "n", "ese", "i")),
    ("ia", ("ian", "n")),
    ("e", ("ian", "an", "ese")),
    ("y", ("ian", "ish", "an", "")),
    ("an", ("ani", "anese")),
    ("", ("ian", "ese", "i", "ish", "an", "ean", "er")),
)
"""(country ending, demonym endings): "Syria"->"Syrian", "Ukraine"->"Ukrainian", ..."""


def _display_name(country: object) -> str:
    return str(getattr(country, "common_name", None) or country.name)  # type: ignore[attr-defined]


def _names(country: object) -> set[str]:
    names = {str(country.name)}  # type: ignore[attr-defined]
    for attr in ("common_name", "official_name"):
        value = getattr(country, attr, None)
        if value:
            names.add(str(value))
    # "Korea, Republic of" -> "Republic of Korea"
    for name in list(names):
        head, sep, tail = name.partition(", ")
        if sep and " " not in tail.strip():
            names.add(f"{tail} {head}")
        elif sep:
            names.add(f"{tail} {head}".replace(" of ", " of ", 1))
    return names


def _demonyms(name: str) -> set[str]:
    out: set[str] = set()
    for ending, suffixes in _DEMONYM_RULES:
        if ending and not name.endswith(ending):
            continue
        stem = name[: len(name) - len(ending)] if ending else name
        out.update(stem + suffix for suffix in suffixes)
    return out


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(name -> country, acronym -> country, demonym -> country); ambiguous keys dropped."""
    names: dict[str, str] = {}
    acronyms: dict[str, set[str]] = {}
    demonyms: dict[str, set[str]] = {}
    for country in pycountry.countries:
        display = _display_name(country)
        for name in _names(country):
            names[name_key(name)] = display
            if " " in name:
                acronyms.setdefault(initials(name), set()).add(display)
        short = str(getattr(country, "common_name", None) or country.name)
        if "," not in short and "(" not in short:
            for demonym in _demonyms(short):
                demonyms.setdefault(name_key(demonym), set()).add(display)
    unique_acr = {k: next(iter(v)) for k, v in acronyms.items() if len(v) == 1 and len(k) >= 2}
    unique_dem = {k: next(iter(v)) for k, v in demonyms.items() if len(v) == 1}
    return names, unique_acr, unique_dem


def country_name(text: str, *, demonym: bool = False) -> str | None:
    """The country ``text`` names (or, with ``demonym=True``, is the adjective of).

    >>> country_name("DPRK")
    'North Korea'
    >>> country_name("North Korean", demonym=True)
    'North Korea'
    """
    names, acronyms, demonyms = _tables()
    key = name_key(text)
    if key in names:
        return names[key]
    letters = text.replace(".", "").replace(" ", "")
    if letters.isalpha() and letters.isupper() and letters in acronyms:
        return acronyms[letters]
    if demonym:
        return demonyms.get(key)
    return None
