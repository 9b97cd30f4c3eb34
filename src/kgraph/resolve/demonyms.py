"""Nationality words NER gave another label: a demonym is never a person, place or
organisation of its own name.

A small model tags "Ukrainian" in "Skadden asked Ukrainian officials" as a place and
"Kazakh" as a person or an organisation.  Whatever the label, the word is the adjective
or people of a country, so it is resolved as NER's nationality label (NORP) is: the
country where it modifies its actors ("Ukrainian officials" -> Ukraine, see
:mod:`kgraph.resolve.phrases`), its people in the plural ("Ukrainians"), and nobody where
it is one of them ("the Kazakh").
"""

from __future__ import annotations

from dataclasses import replace

from kgraph.models import EntityMention
from kgraph.resolve.countries import country_name
from kgraph.resolve.names import clean

RELABELLED = frozenset({"GPE", "LOC", "ORG", "PERSON"})
"""Labels NER gives a nationality word by mistake."""
NATIONALITY = "NORP"


def is_demonym(text: str) -> bool:
    """Whether ``text`` is a country's demonym and not also a country's name ("Ukrainian",
    "Kazakhs"; not "Ukraine", nor "Kuwait")."""
    name = clean(text)
    return country_name(name, demonym=True) is not None and country_name(name) is None


def as_nationality(mention: EntityMention) -> EntityMention:
    """The mention with NER's nationality label when its words are a demonym."""
    if mention.label in RELABELLED and is_demonym(mention.text):
        return replace(mention, label=NATIONALITY)
    return mention
