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
from kgraph.resolve.pronouns import PersonMention

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
        "adviser",
        "advisor",
        "candidate",
        "nominee",
        "speaker",
        "deputy",
        "counterpart",
        "vice-president",
        "strongman",
        "autocrat",
        "tycoon",
        "billionaire",
    }
)
"""English nouns naming a person by role; a closed class, not a gazetteer."""

DEFINITE = frozenset({"the", "this", "that"})

KIN_NOUNS = {
    "f": frozenset(
        {"wife", "mother", "daughter", "sister", "girlfriend", "widow", "grandmother"}
        | {"aunt", "niece", "stepmother", "granddaughter", "stepdaughter", "fiancee"}
    ),
    "m": frozenset(
        {"husband", "father", "son", "brother", "boyfriend", "widower", "grandfather"}
        | {"uncle", "nephew", "stepfather", "grandson", "stepson", "fiance"}
    ),
}
"""Kinship nouns that tell a person's gender."""

PERSON_NOUNS = (
    KIN_NOUNS["f"] | KIN_NOUNS["m"] | frozenset({"child", "baby", "cousin", "twin", "girl", "boy"})
)
"""Nouns of kin and other people that a person's name follows in apposition ("her
daughter Paris", "his brother Jordan"): the name is that person's, never a place's."""


@dataclass(frozen=True, slots=True)
class Description:
    """A definite description: its role noun, the country its modifiers name ("?" for a
    modifier that names none) and its other modifiers ("foreign" of "the foreign
    minister")."""

    role: str
    country: str | None
    qualifiers: frozenset[str] = frozenset()


POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their"})
"""Determiners of a description as definite as "the": "his Turkish counterpart"."""


def possessor_country(word: str) -> str | None:
    """The country in a possessive determiner: "Turkey's" -> Turkey."""
    if not word.endswith(("'s", "’s")):
        return None
    return country_name(word[:-2])


def parse_description(argument_text: str, mention_text: str) -> Description | None:
    """The description in ``the DPRK leader`` (argument) / ``DPRK leader`` (mention),
    also "his Turkish counterpart", "Turkey's president", "the foreign minister"."""
    words = argument_text.split()
    if len(words) < 2:
        return None
    possessor = possessor_country(words[0])
    if possessor is None and words[0].lower() not in DEFINITE | POSSESSIVE_DETERMINERS:
        return None
    tokens = words[1:] if possessor else mention_text.split()
    if not tokens or len(tokens) > 4 or tokens[-1].lower() not in ROLE_NOUNS:
        return None
    named = [t for t in tokens[:-1] if t[:1].isupper()]
    qualifiers = frozenset(t.lower() for t in tokens[:-1] if not t[:1].isupper())
    country = possessor
    if named:
        country = country_name(" ".join(named), demonym=True) or "?"
        if possessor is not None and country != possessor:
            country = "?"
    return Description(tokens[-1].lower(), country, qualifiers)


ANY_ROLE = frozenset({"counterpart", "leader"})
"""Role nouns a person of any office fits ("his Turkish counterpart", "the German leader")."""


def _role_titles(titles: frozenset[str]) -> list[str]:
    """The titles that name an office ("Prime Minister"), not a courtesy ("Mr")."""
    return [t for t in titles if t.split()[-1].rstrip(".").lower() in ROLE_NOUNS]


def _titled(description: Description, titles: frozenset[str]) -> bool:
    """Whether one of a person's titles ends in the description's role and holds its
    other modifiers ("Foreign Minister" for "the foreign minister")."""
    words = ([w.rstrip(".").lower() for w in title.split()] for title in titles)
    return any(w[-1:] == [description.role] and description.qualifiers <= set(w) for w in words)


def nationality(argument_text: str, mention_text: str, title: str | None) -> str | None:
    """The country in "North Korean dictator Kim Jong Un" (words before title and name)."""
    prefix = argument_text.split(mention_text)[0] if mention_text in argument_text else ""
    if title and title in prefix:
        prefix = prefix.split(title)[0]
    words = [w for w in prefix.split() if w.lower() not in DEFINITE and w[:1].isupper()]
    return country_name(" ".join(words), demonym=True) if words else None


def resolve_description(
    description: Description, offset: int, people: list[PersonMention], forward: bool = False
) -> str | None:
    """The most recent person before ``offset`` the description fits, else None.  With a
    country ("the Dutch ambassador"), a person of that country fits unless their titles
    name another role (the Dutch prime minister is not the ambassador).

    ``forward``: a headline's description ("Turkish defence minister notes progress"),
    which the body names after it: the first person after ``offset`` given that role
    ("Turkish Defence Minister Fikri Isik") or, for "leader" and "counterpart", of that
    country."""
    if description.country == "?":
        return None
    fitting = []
    for person in people:
        if (person.start >= offset) is not forward:
            continue
        titled = _titled(description, person.titles)
        if description.country is not None:
            untitled = not forward and not _role_titles(person.titles)
            if person.country == description.country and (
                titled or description.role in ANY_ROLE or untitled
            ):
                fitting.append(person)
        elif titled:
            fitting.append(person)
    best = (min if forward else max)(fitting, key=lambda p: p.start, default=None)
    return best.key if best else None
