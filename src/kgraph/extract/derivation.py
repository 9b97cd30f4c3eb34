"""Verbs behind event nouns: "deployment" -> deploy, "inspection" -> inspect.

English nominalising suffixes are stripped and the candidate is checked against the verb
list of the installed model's lemmatizer tables (about 8,700 verbs), so no word list of
events is needed.  Without the tables no noun counts as an event.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Mapping
from functools import lru_cache

from kgraph.extract import reltypes
from kgraph.extract.lexicon import words
from kgraph.nlp import silent_e, undoubled

SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ization", "ize"),
    ("isation", "ise"),
    ("ication", "ify"),
    ("duction", "duce"),
    ("sition", "se"),
    ("lution", "lve"),
    ("ation", "ate"),
    ("ation", "e"),
    ("ation", ""),
    ("ition", "ite"),
    ("ition", "ish"),
    ("ption", "pt"),
    ("ption", "ve"),
    ("ction", "ct"),
    ("tion", "te"),
    ("ssion", "ss"),
    ("ssion", "t"),
    ("sion", "de"),
    ("sion", "se"),
    ("ion", ""),
    ("ion", "e"),
    ("ment", ""),
    ("al", "e"),
    ("al", ""),
    ("ance", "e"),
    ("ance", ""),
    ("ence", "e"),
    ("ence", ""),
    ("ure", "e"),
    ("ure", ""),
    ("ery", "er"),
    ("ing", ""),
    ("ing", "e"),
)
NOT_EVENTS = frozenset(
    words(
        """
        importance instance substance distance evidence sentence essence audience station
        nation ration portion mention fraction section edition addition condition position
        opinion region religion million billion union onion lotion motion notion potion
        ceiling building clothing evening morning wedding thing king ring spring string wing
        animal capital hospital journal material rival signal total arsenal general official
        ment comment element segment moment department document instrument apartment
        experience presence influence confidence difference reference violence conference
        mission passion profession session tension balance venture institution constitution
        organisation organization foundation corporation association federation generation
        """
    )
)
"""Nouns ending like nominalisations that do not name the verb's event."""


@lru_cache(maxsize=4096)
def event_verb(noun_lemma: str, *, zero: bool = False) -> str | None:
    """The verb an event noun is derived from, or None.

    ``zero`` also accepts nouns that are verbs themselves ("attack", "visit").

    >>> event_verb("deployment") if known_verbs() else "deploy"
    'deploy'
    """
    verbs = known_verbs()
    word = _singular(noun_lemma.lower())
    if not verbs or word in NOT_EVENTS or len(word) < 5:
        return None
    for suffix, replacement in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            candidate = word[: -len(suffix)] + replacement
            if suffix == "ing" and not replacement:  # "dining": "dine"; "shipping": "ship"
                candidate = next(iter(undoubled(word)), silent_e(candidate, word, verbs))
            if candidate in verbs:
                return candidate
    return word if zero and word in verbs else None


def _singular(word: str) -> str:
    """Nominalisations form regular plurals: "deployments" -> "deployment"."""
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _lemma_index() -> dict[str, frozenset[str]]:
    """Lemmas by part of speech (noun, verb, adj, adv) from the installed model's
    lemmatizer tables (empty if not found)."""
    from kgraph.errors import ModelError
    from kgraph.nlp import installed_model

    try:
        import spacy.util
        from spacy.lookups import Lookups

        package = spacy.util.get_package_path(installed_model(None))
    except (ModelError, ImportError, OSError):
        return {}
    files = glob.glob(os.path.join(str(package), "*", "lemmatizer", "lookups", "lookups.bin"))
    if not files:
        return {}
    lookups = Lookups().from_disk(os.path.dirname(files[0]))
    if not lookups.has_table("lemma_index"):
        return {}
    # A Mapping, not the dict subclass it is: spaCy's Table.get hashes the key, and compiled
    # code (mypyc) would call dict.get directly, past the override.
    table: Mapping[str, list[str]] = lookups.get_table("lemma_index")
    return {pos: frozenset(table.get(pos, [])) for pos in ("noun", "verb", "adj", "adv")}


def known_verbs() -> frozenset[str]:
    """Verb lemmas of the installed model's lemmatizer (empty if not found)."""
    return _lemma_index().get("verb", frozenset())


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every lemma of the installed model's lemmatizer: English words, not names."""
    return frozenset().union(*_lemma_index().values())


def eventive(noun_lemma: str) -> bool:
    """Event and relationship nouns ("talks", "relations", "remarks"), which carry a light
    verb's meaning (SUSPEND_RELATION_WITH); a thing does not ("bought jets from X")."""
    return (
        reltypes.noun_type(noun_lemma) is not None or event_verb(noun_lemma, zero=True) is not None
    )
