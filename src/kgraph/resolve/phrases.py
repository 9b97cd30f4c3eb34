"""Noun phrases that are not named entities but still point at one.

* A proper name NER missed ("Merkel" parsed as a plain noun) is the article's entity of
  that name or the one it abbreviates.
* An actor named only by a modifier ("a Russian fighter jet", "US troops", "the Flybe
  flight"): the phrase stands for that actor in the fact graph, and the claim keeps the
  whole phrase as its argument text, so "Turkey shot down a Russian fighter jet" is a
  fact about Russia whose evidence says which Russian thing was shot down.

Everything else ("people", "the budget") names no entity and stays text on its claim.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from kgraph.models import EntityMention
from kgraph.resolve.descriptors import ROLE_NOUNS

MODIFIER_LABELS = frozenset({"GPE", "NORP", "ORG"})
"""Labels of a premodifier that names an actor: a country, its people's adjective, or an
organisation.  A person's name as a modifier ("the Trump administration", "Putin
supporters") names something else (an administration, supporters), so it is not used."""

NAME_PARTICLES = frozenset({"of", "for", "and", "the", "de", "du", "von", "van", "al", "bin"})


def is_proper_phrase(text: str) -> bool:
    """Whether every word of ``text`` is capitalised, small name particles apart:
    "Merkel", "Islamic State", "Ministry of Defence" -- not "people" or "the budget"."""
    words = [w for w in text.replace("-", " ").split() if w]
    if not words or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def _rest_is_common_noun_phrase(rest: str) -> bool:
    """The words after the modifier: lower-case nouns, not a possessive or a role noun
    ("fighter jet", "troops"; not "'s leader" or "president")."""
    words = rest.split()
    if not words or rest.startswith(("'", "’")):
        return False
    if any(not w.isalpha() or not w.islower() for w in words):
        return False
    head = words[-1]
    return not {head, head.rstrip("s"), head.removesuffix("ren")} & (ROLE_NOUNS | PERSON_NOUNS)


PERSON_NOUNS = frozenset(
    {
        "man",
        "men",
        "woman",
        "women",
        "person",
        "father",
        "mother",
        "son",
        "daughter",
        "wife",
        "husband",
        "brother",
        "sister",
        "child",
        "boy",
        "girl",
        "baby",
        "family",
        "citizen",
        "national",
        "resident",
        "tourist",
        "student",
        "teenager",
        "victim",
        "passenger",
        "journalist",
        "reporter",
        "friend",
        "relative",
        "couple",
    }
)
"""Nouns for individual people: "a German father" is a person, not Germany."""


def modifier_span(
    mention: EntityMention, spans: Sequence[EntityMention], starts: Sequence[int]
) -> EntityMention | None:
    """The one named span that premodifies the noun phrase ``mention``, if any.

    ``spans`` are the article's named-entity spans sorted by start, ``starts`` their
    start offsets.  "a Russian fighter jet" -> "Russian"; "US and EU officials" (two
    modifiers) and "Putin's visit" (a possessive) -> None.
    """
    first = bisect.bisect_left(starts, mention.start)
    inside = []
    for span in spans[first:]:
        if span.start >= mention.end:
            break
        if span.end <= mention.end:
            inside.append(span)
    if len(inside) != 1:
        return None
    span = inside[0]
    if span.label not in MODIFIER_LABELS or span.end >= mention.end:
        return None
    head = mention.text[: span.start - mention.start].strip()
    if head and any(not w.islower() for w in head.split()):
        return None
    rest = mention.text[span.end - mention.start :]
    return span if _rest_is_common_noun_phrase(rest) else None
