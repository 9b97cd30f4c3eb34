"""English honorifics and titles that come before a person's name ("President", "Mr",
"Sen."): extraction moves them out of a mention's name into its title, resolution splits
them off a name and reads them as a person's titles, so both use this one list.

>>> {"president", "sen.", "chair"} <= HONORIFICS
True
"""

from __future__ import annotations

_WORDS = """
    mr mrs ms miss mx mister dr prof sir dame lord lady madam rev reverend fr father sr jr
    hon comrade
    president pres vice premier chancellor minister secretary senator sen governor gov
    mayor ambassador rep chair chairman chairwoman ceo director chief head leader
    dictator spokesman spokeswoman spokesperson
    king queen prince princess emperor pope cardinal bishop archbishop sheikh ayatollah
    general gen colonel col lieutenant lt maj captain capt sergeant sgt admiral adm
    commander superintendent inspector detective commissioner sheriff officer coach
    judge justice
"""

HONORIFICS = frozenset(word + dot for word in _WORDS.split() for dot in ("", "."))
"""The titles in lower case, each also with a full stop ("sen", "sen.")."""
