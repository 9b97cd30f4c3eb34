"""Definite descriptions of people ("the DPRK leader", "the president") resolved to a
person the article has named, only when the text supports it.

A description is resolved when its role noun matches a title the person was given
("President Joe Biden ... the president") or its modifier names the person's country
("North Korean dictator Kim Jong Un ... the DPRK leader").  Otherwise it refers to nobody
kgraph can name, and relations about it are dropped rather than attached to a vague
"Concept".
"""

from __future__ import annotations

from dataclasses import dataclass

from kgraph.resolve.countries import country_name

ROLE_NOUNS = frozenset(
    {
        "leader",
        "president",
        "minister",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "monarch",
        "emperor",
        "ruler",
        "dictator",
        "pope",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "chairman",
        "chairwoman",
        "chair",
        "chief",
        "director",
        "governor",
        "mayor",
        "senator",
        "congressman",
        "congresswoman",
        "lawmaker",
        "ambassador",
        "envoy",
        "diplomat",
        "general",
        "commander",
        "admiral",
        "official",
        "head",
        "boss",
        "ceo",
        "founder",
        "owner",
        "coach",
        "captain",
        "judge",
        "prosecutor",
        "attorney",
        "lawyer",
        "negotiator",
        "candidate",
        "nominee",
        "speaker",
        "deputy",
        "vice-president",
        "strongman",
        "autocrat",
        "tycoon",
        "billionaire",
    }
)
"""English nouns naming a person by role; a closed class, not a gazetteer."""

DEFINITE = frozenset({"the", "this", "that"})


@dataclass(frozen=True, slots=True)
class PersonProfile:
    """What the article says about a named person: where, titles, country."""

    start: int
    key: str
    titles: frozenset[str]
    country: str | None


@dataclass(frozen=True, slots=True)
class Description:
    """A definite description: its role noun and the country its modifiers name."""

    role: str
    country: str | None


def parse_description(argument_text: str, mention_text: str) -> Description | None:
    """The description in ``the DPRK leader`` (argument) / ``DPRK leader`` (mention)."""
    words = argument_text.split()
    if len(words) < 2 or words[0].lower() not in DEFINITE:
        return None
    tokens = mention_text.split()
    if not tokens or len(tokens) > 4 or tokens[-1].lower() not in ROLE_NOUNS:
        return None
    modifiers = " ".join(tokens[:-1])
    country = None
    if modifiers:
        country = country_name(modifiers, demonym=True)
        if country is None:
            return Description(tokens[-1].lower(), "?")
    return Description(tokens[-1].lower(), country)


def nationality(argument_text: str, mention_text: str, title: str | None) -> str | None:
    """The country in "North Korean dictator Kim Jong Un" (words before title and name)."""
    prefix = argument_text.split(mention_text)[0] if mention_text in argument_text else ""
    if title and title in prefix:
        prefix = prefix.split(title)[0]
    words = [w for w in prefix.split() if w.lower() not in DEFINITE and w[:1].isupper()]
    return country_name(" ".join(words), demonym=True) if words else None


def resolve_description(
    description: Description, offset: int, people: list[PersonProfile]
) -> str | None:
    """The most recent person before ``offset`` the description fits, else None."""
    if description.country == "?":
        return None
    fitting = []
    for person in people:
        if person.start >= offset:
            continue
        titled = description.role in {t.lower() for t in person.titles}
        if description.country is not None:
            if person.country == description.country:
                fitting.append(person)
        elif titled:
            fitting.append(person)
    if not fitting:
        return None
    return max(fitting, key=lambda p: p.start).key
