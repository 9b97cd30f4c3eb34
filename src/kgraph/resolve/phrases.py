"""Noun phrases that are not named entities but still point at one.

* A proper name NER missed ("Merkel" parsed as a plain noun) is the article's entity of
  that name or the one it abbreviates.
* An actor named only by a modifier ("a Russian fighter jet", "US troops", "the Flybe
  flight", "members of the Bundestag"): the phrase stands for that actor in the fact
  graph, and the claim keeps the whole phrase as its argument text, so "Turkey shot down
  a Russian fighter jet" is a fact about Russia whose evidence says which Russian thing
  was shot down.

Everything else ("people", "the budget") names no entity and stays text on its claim.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from kgraph.models import EntityMention
from kgraph.resolve.countries import country_name

MODIFIER_LABELS = frozenset({"GPE", "NORP", "ORG"})
"""Labels of a premodifier that names an actor: a country, its people's adjective, or an
organisation.  A person's name as a modifier ("the Trump administration", "Putin
supporters") names something else (an administration, supporters), so it is not used."""

PREPOSITIONS = frozenset({"of", "to", "in", "on", "at", "for", "with", "against", "from", "by"})
"""A noun phrase's head is the last word before its first preposition ("test of a
missile")."""

NAME_PARTICLES = frozenset({"of", "for", "and", "the", "de", "du", "von", "van", "al", "bin"})


def is_proper_phrase(text: str) -> bool:
    """Whether every word of ``text`` is capitalised, small name particles apart:
    "Merkel", "Islamic State", "Ministry of Defence" -- not "people" or "the budget"."""
    words = [w for w in text.replace("-", " ").split() if w]
    if not words or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)


def _rest_is_common_noun_phrase(rest: str, label: str) -> bool:
    """The words after the modifier: lower-case words whose head is one of
    :data:`ACTOR_HEADS` ("fighter jet", "troops"; not "film"), or of :data:`STAFF_HEADS`
    after an organisation ("Interfax reporters").  After a country's or an
    organisation's possessive too ("Myanmar's new government"; not "'s mayor")."""
    if rest.startswith(("'s ", "’s ")) and label != "NORP":
        rest = rest[3:]
    words = rest.split()
    if not words or rest.startswith(("'", "’")):
        return False
    if any(not w.isalpha() or not w.islower() for w in words):
        return False
    before_prep = next((i for i, w in enumerate(words) if w in PREPOSITIONS), len(words))
    if before_prep > 1 and words[before_prep - 1] in BARE_HEADS:
        return False  # "China's business leaders" are not China's
    return before_prep > 0 and _acts_for(words[before_prep - 1], label)


def _acts_for(head: str, label: str) -> bool:
    heads = ACTOR_HEADS | STAFF_HEADS if label == "ORG" else ACTOR_HEADS
    return head in heads or (head.endswith("s") and head[:-1] in heads)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ACTOR_HEADS = _words(
    """
    government administration regime authorities authority ministry embassy delegation
    diplomats military army navy force troops soldiers police intelligence agency
    leadership parliament media hackers team company firm bank side
    alliance bloc coalition group party movement militia cartel network organisation
    organization
    officials envoys negotiators representatives delegates lawmakers legislators
    ministers leaders commanders officers militants rebels
    jet aircraft plane warplane bomber fighter warship ship vessel submarine missile
    rocket drone tank flight airliner satellite coal oil gas exports imports goods
    products investment investors money aid weapons arms
    invasion attack strike airstrike raid offensive operation incursion intervention
    interference involvement support backing sanctions pressure threat action
    move decision step stance behaviour behavior conduct aggression annexation
    occupation response demands
    """
)
"""Heads of noun phrases that stand for the actor their modifier names: "a Russian
fighter jet", "US troops", "North Korean coal", "the Flybe flight", "German forces",
"the Russian invasion", "Russia's move", "the NATO alliance": the bodies and people acting
for a state or an organisation, the kind of thing an organisation is, what it sends,
fields or trades, and what it does or decides as a noun.  A closed class of English
nouns (not names): a phrase with any other head ("German film", "American humorists", "a
German father") names something or someone else, and stays text on its claim."""

STAFF_HEADS = _words(
    "staff employees workers executives reporters journalists correspondents members"
)
"""Heads that stand for an organisation, not a country: "Interfax reporters", "Google
staff", "NATO members" -- but "Russian journalists" are not Russia.  People count only in
the plural: one of them ("a Turkish minister") is a person, resolved as a description."""

BARE_HEADS = _words("leaders")
"""Heads that stand for the actor only right after its name ("EU leaders", "Chinese
leaders"): with a word between, they lead something else ("Chinese business leaders",
"Kenyan opposition leaders")."""

_OF_NAME_RE = re.compile(
    r"(?:(?:the|a|an|some|several|two|three) )?(?P<head>[a-z]+) (?:of|from) (?:the )?$"
)
"""Before the name in "members of the Bundestag", "officials from the EU"."""


def _country_place(span: EntityMention) -> bool:
    """A country NER called a location ("South Sudan's government")."""
    name = span.text.removesuffix("'s").removesuffix("\u2019s")
    return span.label == "LOC" and country_name(name) is not None


def modifier_span(
    mention: EntityMention, spans: Sequence[EntityMention], starts: Sequence[int]
) -> EntityMention | None:
    """The one named span that premodifies the noun phrase ``mention``, if any.

    ``spans`` are the article's named-entity spans sorted by start, ``starts`` their
    start offsets.  "a Russian fighter jet" -> "Russian", "members of the Bundestag" ->
    "the Bundestag", "Myanmar's government" -> "Myanmar"; "US and EU officials" (two
    modifiers), "Oslo's mayor" (a person) and "the capital of Peru" -> None.
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
    if span.label not in MODIFIER_LABELS and not _country_place(span):
        return None
    if span.end == mention.end:
        return span if _of_name(mention.text[: span.start - mention.start], span) else None
    head = mention.text[: span.start - mention.start].strip()
    if head and any(not w.islower() for w in head.split()):
        return None
    rest = mention.text[span.end - mention.start :]
    return span if _rest_is_common_noun_phrase(rest, span.label) else None


def _of_name(before: str, span: EntityMention) -> bool:
    """Whether the words before a name that ends the phrase make it "members of" /
    "officials from" the name ("members of the Bundestag"), not "the capital of" it."""
    found = _OF_NAME_RE.fullmatch(before)
    return found is not None and _acts_for(found["head"], span.label)
