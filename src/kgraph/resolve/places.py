"""Names that are well-known places whatever NER called them: a country, a capital, a US
state, a continent or a big city.  Such a name, alone, is the place, never the short form
of a person's name the article also writes ("Jordan" beside "Paul Jordan", "Cleveland"
beside "Charles Cleveland"), nor of an organisation named after it ("Dublin" beside
"Dublin Bus")."""

from __future__ import annotations

from functools import lru_cache

from kgraph.resolve.capitals import big_city, capital_of
from kgraph.resolve.countries import country_name
from kgraph.resolve.regions import continents, us_states


@lru_cache(maxsize=1 << 12)
def well_known_place(name: str) -> bool:
    """Whether ``name`` is a country, a capital, a US state, a continent or a big city.

    >>> well_known_place("Jordan"), well_known_place("Houston"), well_known_place("Nunes")
    (True, True, False)
    """
    return (
        country_name(name) is not None
        or capital_of(name) is not None
        or name in us_states()
        or name in continents()
        or big_city(name)
    )
