"""Within one article: name variants resolve to the fullest name of the same thing.

"Putin" -> "Vladimir Putin", "Kim" -> "Kim Jong Un", "DPRK" -> "North Korea",
"KCNA" -> "Korean Central News Agency" when both forms occur in the article, whatever
NER called the short form ("Nunes" as a place beside "Devin Nunes"); spellings of one name
("Khan al-Ahmar", "Khan Al Ahmar") are one.  A short form that fits two different full
names ("Kim" with "Kim Jong Un" and "Kim Yo Jong") is left alone rather than merged
blindly.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kgraph.honorifics import HONORIFICS
from kgraph.models import EntityMention, EntityType
from kgraph.resolve.capitals import big_city, capital_of, major_capital
from kgraph.resolve.countries import country_name, initials_country, is_nationals
from kgraph.resolve.descriptors import ROLE_NOUNS
from kgraph.resolve.institutions import institution_name
from kgraph.resolve.names import (
    COMPASS,
    GENERATIONS,
    LABEL_TYPES,
    PLAIN_TITLES,
    SUB_BODIES,
    abbreviates,
    all_initials,
    initials,
    is_acronym,
    is_subname,
    name_key,
    normalise_name,
    spelling_variant,
    surname_variant,
    tokens,
)
from kgraph.resolve.phrases import NAME_PARTICLES
from kgraph.resolve.places import well_known_place

_TYPE_PRIORITY: tuple[EntityType, ...] = (
    "Person",
    "Place",
    "Organization",
    "Group",
    "Event",
)


@dataclass(slots=True)
class Surface:
    """One distinct surface name in the article, with the votes for its type."""

    name: str
    types: Counter[EntityType] = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)
    mentions: int = 0

    @property
    def type(self) -> EntityType:
        best = max(self.types.values())
        return next(t for t in _TYPE_PRIORITY if self.types[t] == best)


Form = tuple[str, EntityType, str | None]


def canonical_form(mention: EntityMention, named: frozenset[str] = frozenset()) -> Form | None:
    """(name, type, title) for a mention before clustering; None for pronouns/empties.
    Initials of a country's name NER did not call a place ("DPRK") are that country only
    if it is in ``named``, the countries the article names otherwise
    (:func:`named_countries`)."""
    form = _canonical_form(mention.text, mention.label, mention.title)
    if (
        form is not None
        and form[1] == "Place"
        and form[0] not in named
        and _by_initials(mention.text, mention.label)
    ):
        return _canonical_form(mention.text, mention.label, mention.title, countries=False)
    return form


def named_countries(mentions: Iterable[EntityMention]) -> frozenset[str]:
    """The countries an article names by more than initials."""
    return frozenset(
        form[0]
        for m in mentions
        if (form := _canonical_form(m.text, m.label, m.title)) is not None
        and form[1] == "Place"
        and not _by_initials(m.text, m.label)
    )


@lru_cache(maxsize=1 << 12)
def _by_initials(text: str, label: str) -> bool:
    """Whether only initials make the mention a country, which NER did not call a place
    ("the PRC" as a place is China, "AP" as an organisation no Brunei)."""
    if label == "GPE":
        return False
    name = normalise_name(text, label)[0]
    return bool(name) and initials_country(name, label) is not None


@lru_cache(maxsize=1 << 16)
def _canonical_form(
    text: str, label: str, mention_title: str | None, countries: bool = True
) -> Form | None:
    """:func:`canonical_form` of a mention's text, label and title.  Cached: an article
    asks for each of its mentions several times, and news repeats the same names."""
    etype = LABEL_TYPES.get(label)
    if etype is None:  # pronouns, noun phrases, works, laws, dates
        return None
    name, title = normalise_name(text, label)
    if not any(ch.isalnum() for ch in name):
        return None
    if countries and label in {"GPE", "ORG", "NORP", "LOC"}:
        country = country_name(name, demonym=label == "NORP", label=label)
        if country and not (label == "NORP" and is_nationals(name)):
            return country, "Place", title  # but "Eritreans" are people, not Eritrea
        if name.isupper() and capital_of(name.title(), label):  # a dateline NER took for an ORG
            return name.title(), "Place", title
        name = institution_name(name) or name
    if mention_title and not title:
        title = mention_title
    return name, etype, title


def collect_surfaces(
    mentions: Iterable[EntityMention], named: frozenset[str], people: frozenset[tuple[int, int]]
) -> dict[str, Surface]:
    """Group mentions by normalised name, voting on the type of each name; ``named`` as
    for :func:`canonical_form`; ``people``: the (start, end) spans of mentions the text
    says are people ("her daughter Paris"), never places whatever their name."""
    surfaces: dict[str, Surface] = {}
    forms = [(m, form) for m in mentions if (form := canonical_form(m, named)) is not None]
    people_tokens = {
        t for _, (n, e, _) in forms if e == "Person" and len(tokens(n)) > 1 for t in tokens(n)
    }
    for mention, (name, etype, title) in forms:
        if (mention.start, mention.end) in people:
            etype = "Person"
        elif not people_tokens.intersection(tokens(name)):
            name, etype = known_place(name, etype, title, mention.label)
        surface = surfaces.setdefault(name_key(name), Surface(name=name))
        if surface.name.isupper() and not name.isupper():
            surface.name = name  # "Moscow" over the dateline's "MOSCOW"
        surface.types[etype] += 1
        surface.mentions += 1
        surface.forms.add(name)
        if title:
            surface.titles.add(title)
            if is_personal_title(title) and etype != "Event":
                surface.types["Person"] += TITLE_VOTES
    _promote_people(surfaces)
    return surfaces


def known_place(
    name: str, etype: EntityType, title: str | None, label: str
) -> tuple[str, EntityType]:
    """A country or a major capital is a place whatever NER called it ("Kiev" as a
    person), and so is a big city NER called a person ("Duesseldorf"): (its name,
    "Place").  Not when a personal title goes with it ("Mr Jordan"), and the caller keeps
    the names of the article's people out ("Jordan" beside "Michael Jordan", "Hamilton"
    beside "Lewis Hamilton")."""
    if etype == "Place" or (title and is_personal_title(title)):
        return name, etype
    country = country_name(name, label=label)
    if country is not None and initials_country(name, label) is None:
        return country, "Place"
    city = etype == "Person" and " " not in name and big_city(name)
    return (name, "Place") if city or major_capital(name, label) else (name, etype)


def _promote_people(surfaces: dict[str, Surface]) -> None:
    """A full name NER did not call a person ("Nicola Sturgeon" as ORG) is one when the
    article gives its surname a personal title ("Ms Sturgeon"); a lone word NER called a
    person at least once is one when it is the surname of a person the article names in
    full ("Trump", mostly ORG to NER, beside "Donald Trump")."""
    titled = {
        key
        for key, s in surfaces.items()
        if s.type == "Person" and len(tokens(s.name)) == 1 and any(map(is_personal_title, s.titles))
    }
    for surface in surfaces.values():
        words = tokens(surface.name)
        if surface.type != "Person" and len(words) >= 2 and words[-1] in titled:
            surface.types["Person"] += TITLE_VOTES
    surnames = {
        words[-1]
        for s in surfaces.values()
        if s.type == "Person" and len(words := tokens(s.name)) > 1
    }
    for surface in surfaces.values():
        words = tokens(surface.name)
        if surface.types["Person"] and len(words) == 1 and words[0] in surnames:
            surface.types["Person"] = max(surface.types.values()) + 1


TITLE_VOTES = 3
"""A personal title ("Chancellor Olaf Scholz") outweighs a few contrary NER labels."""
TITLE_WORDS = HONORIFICS | ROLE_NOUNS


def _title_word(title: str) -> str:
    """The last word of a title, which says what it is: "Foreign Minister" -> "minister"."""
    words = title.split()
    return words[-1].rstrip(".").lower() if words else ""


def is_personal_title(title: str) -> bool:
    """True for honorifics and role nouns that only precede people's names."""
    return _title_word(title) in TITLE_WORDS


@dataclass(frozen=True, slots=True)
class _Shape:
    """What matching needs of a surface, computed once per article."""

    name: str
    type: EntityType
    tokens: tuple[str, ...]
    acronym: str | None
    initials: frozenset[str]
    """The initials of its capitalised words and of all its words ("DID", "DFID")."""
    roles: frozenset[str]
    named_head: bool
    """Whether the name's last word is capitalised: "Fox News presidency" ends in a
    common noun and names a presidency, whatever NER called it."""
    country: bool
    capital_end: bool
    """Whether the name's last piece is capitalised: the "un" of "Kim Jong-un" is no
    surname, so an organisation "UN" is not that person."""
    voted: frozenset[EntityType]
    """The types NER gave the name's mentions."""
    mentions: int
    """How many mentions the name has."""
    landmark: bool
    """Whether the name is a well-known place (:func:`.places.well_known_place`)."""
    after_place: tuple[str, ...]
    """The tokens after a well-known place that opens the name: ("ruijia", "industry",
    "co") of "Shanghai Ruijia Industry Co"; () when no place opens it."""


def role_titles(titles: Iterable[str]) -> frozenset[str]:
    """The role titles among a name's titles ("President", "Chancellor"), lower case:
    evidence of who a short name is.  Plain honorifics ("Mr", "Ms") say nothing."""
    words = map(_title_word, titles)
    return frozenset(w for w in words if w in TITLE_WORDS and w not in PLAIN_HONORIFICS)


PLAIN_HONORIFICS = PLAIN_TITLES | {"sir", "dame", "lady", "lord"}


def _shapes(surfaces: dict[str, Surface]) -> dict[str, _Shape]:
    return {
        key: _Shape(
            s.name,
            s.type,
            tokens(s.name),
            s.name.replace(".", "") if is_acronym(s.name) else None,
            frozenset({initials(s.name), all_initials(s.name)} - {""}),
            role_titles(s.titles),
            not s.name.split()[-1].islower(),
            s.type == "Place" and country_name(s.name) == s.name,
            s.name.split()[-1].split("-")[-1][:1].isupper(),
            frozenset(t for t, n in s.types.items() if n > 0),
            s.mentions,
            well_known_place(s.name),
            _after_place(s.name),
        )
        for key, s in surfaces.items()
    }


def _after_place(name: str) -> tuple[str, ...]:
    """The tokens of a name after the well-known place that opens it, if one does."""
    words = name.split()
    for size in (2, 1):
        if len(words) > size + 1 and well_known_place(" ".join(words[:size])):
            return tokens(" ".join(words[size:]))
    return ()


def _index(shapes: dict[str, _Shape]) -> dict[tuple[str, str], list[str]]:
    """Surface keys by first token, last token and initials: the only places a shorter
    name can match a fuller one, so each surface is compared with a few, not all."""
    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, shape in shapes.items():
        if shape.tokens:
            index["first", shape.tokens[0]].append(key)
            index["last", shape.tokens[-1]].append(key)
        for letters in shape.initials:
            index["initials", letters].append(key)
        if shape.after_place:
            index["first", shape.after_place[0]].append(key)
    return index


def _national(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``full`` is ``short`` with a country's adjective in front: "Foreign
    Ministry" of "Chinese Foreign Ministry" (but not "White House" of "Trump White
    House")."""
    if not (len(short) >= 2 and is_subname(short, full) and full[-len(short) :] == short):
        return False
    prefix = " ".join(full[: len(full) - len(short)])
    return country_name(prefix, demonym=True) is not None


def _longer_matches(
    key: str,
    shapes: dict[str, _Shape],
    index: dict[tuple[str, str], list[str]],
) -> list[str]:
    """Fuller names in the article this surface may abbreviate.

    Same type: a leading or trailing run of the name ("Kim" of "Kim Jong Un") or its
    acronym.  Across types, as small models often mistype a lone word: the surname or
    given name of a person ("Nunes" as GPE beside "Devin Nunes"), never a well-known
    place's name (see :func:`_person_reading`).  Only where none of these fits: an
    organisation's kind after its owner ("Senate" of "US Senate"), then the distinctive
    first word of an organisation ("Ruijia" of "Shanghai Ruijia Industry Co").
    """
    shape = shapes[key]
    short = shape.tokens
    candidates: set[str] = set()
    if short:
        candidates.update(index.get(("first", short[0]), ()))
        candidates.update(index.get(("last", short[-1]), ()))
    if shape.acronym:
        candidates.update(index.get(("initials", shape.acronym), ()))
    candidates.discard(key)
    matches, owned, companies = [], [], []
    for other_key in sorted(candidates):
        other = shapes[other_key]
        if other.type != shape.type:
            if _person_reading(shape, other):
                matches.append(other_key)
            elif _company_reading(shape, other):
                companies.append(other_key)
        elif _same_type_match(shape, other_key, shapes, index):
            matches.append(other_key)
        elif shape.type in OWNED_TYPES and not shape.landmark and _owned_kind(shape, other, shapes):
            owned.append(other_key)
    if shape.type == "Organization":
        # "Senate Intelligence" (NER's cut of "Senate Intelligence Committee") is no more
        # the Senate's full name than the committee is (see names.SUB_BODIES)
        bodies = [shapes[k].tokens for k in candidates if shapes[k].tokens[-1:] in _SUB_BODY]
        matches = [k for k in matches if not any(is_subname(shapes[k].tokens, b) for b in bodies)]
    kinds = [
        k for k in candidates if shapes[k].type in OWNED_TYPES and shapes[k].tokens[-1:] == short
    ]
    if len(kinds) > 1:  # "Commission" beside two "<X> Commission"s
        owned = []
    return matches or owned or companies


OWNED_TYPES: frozenset[EntityType] = frozenset({"Organization", "Place"})
"""Types of names made of an owner and a kind ("US Senate", "WTO Secretariat", which NER
may call a facility)."""


def _same_type_match(
    shape: _Shape,
    other_key: str,
    shapes: dict[str, _Shape],
    index: dict[tuple[str, str], list[str]],
) -> bool:
    """Whether ``shape`` may abbreviate ``other_key``'s name, of the same type."""
    other = shapes[other_key]
    short, full = shape.tokens, other.tokens
    subname = shape.type in ("Person", "Organization") and abbreviates(short, full, shape.type)
    if (
        subname
        and shape.type == "Organization"
        and (not other.named_head or _runs_into_name(short, full, shapes, index))
    ):
        return False  # "Lusa News presidency" is a presidency, "NATO Ivo Daalder" two names
    subname = (
        subname
        or (shape.type == "Person" and _given_names(shape, other_key, shapes, index))
        or (shape.type == "Organization" and _national(short, full))
        or (shape.type == "Place" and other.country and _compass(short, full))
    )
    acronym = shape.acronym is not None and shape.acronym in other.initials
    return subname or acronym


def _person_reading(shape: _Shape, other: _Shape) -> bool:
    """A lone word NER did not call a person that is the surname of a person the article
    names in full ("Trump" as ORG beside "Donald Trump", "Nunes" as GPE beside "Devin
    Nunes"), or one NER called an organisation that is the given name ("Rajwinder"
    beside "Rajwinder Singh").  Never a well-known place typed as one ("Jordan" beside
    "Paul Jordan", "Cleveland" beside "Charles Cleveland": there the place is likelier),
    nor a word of a place NER called a person ("Co Wicklow", "Tulla Garda Station")."""
    if other.type != "Person" or shape.type not in MISLABELLED_PEOPLE:
        return False
    if not other.capital_end or len(shape.tokens) != 1 or PLACE_WORDS & set(other.tokens):
        return False
    if len(other.tokens) < 2:
        return False
    if other.tokens[-1:] == shape.tokens:  # the surname
        return shape.type != "Place" or not shape.landmark
    return other.tokens[:1] == shape.tokens and shape.type == "Organization" and not shape.landmark


def _given_names(
    shape: _Shape,
    other_key: str,
    shapes: dict[str, _Shape],
    index: dict[tuple[str, str], list[str]],
) -> bool:
    """A person's given names without the surname ("Anne Marie" of "Anne Marie
    O'Brien"): the longer name adds one last word, written as a name, that is no place
    and ends no other name of the article (so "Ada Novak" is not the tagging slip "Ada
    Novak Europe", nor "Ada Novak Rowling" beside "Jo Rowling"); the longer name is at
    least as common as the shorter, and the shorter's last word is not written alone as
    a surname ("Novak said"): else the shorter is the person's own full name."""
    other = shapes[other_key]
    short, full = shape.tokens, other.tokens
    if len(short) < 2 or len(full) != len(short) + 1 or full[: len(short)] != short:
        return False
    if shape.mentions > other.mentions or (short[-1],) in {
        shapes[k].tokens for k in index.get(("last", short[-1]), ())
    }:
        return False
    last = other.name.split()[-1]
    written = last[:1].isupper() and not last.isupper() and tokens(last) == full[-1:]
    return (
        written
        and full[-1].rstrip(".") not in GENERATIONS
        and not well_known_place(last)
        and not index.get(("first", full[-1]))
        and index.get(("last", full[-1])) == [other_key]
    )


def _owned_kind(shape: _Shape, other: _Shape, shapes: dict[str, _Shape]) -> bool:
    """An organisation's kind alone ("Senate", "Commission", "Secretariat") for the one
    organisation of the article named by that kind after its owner: a country or its
    adjective, a region's adjective, a well-known place or another organisation of the
    article ("US Senate", "European Commission", "WTO Secretariat").  Not after any other
    word: the "House" is not the "White House".  A place's name is another's kind only
    after an organisation ("WTO Secretariat" as a facility), never after a country's
    adjective ("the Arctic" is more than the "Russian Arctic")."""
    words = other.name.split()
    if len(shape.tokens) != 1 or len(words) < 2 or other.tokens[-1:] != shape.tokens:
        return False
    if shape.acronym:  # "FBI" is no kind: "the San Francisco FBI" is its local office
        return False
    owner = " ".join(words[:-1])
    known = shapes.get(name_key(owner))
    if known is not None and known.type == "Organization":
        return True
    return shape.type == "Organization" and (
        name_key(owner) in REGIONAL_ADJECTIVES
        or country_name(owner, demonym=True) is not None
        or well_known_place(owner)
    )


def _company_reading(shape: _Shape, other: _Shape) -> bool:
    """A lone word NER called a person, though not always, that is the distinctive first
    word of an organisation's proper name ("Alibaba" of "Alibaba Cloud"), or its first
    word after a well-known place ("Ruijia" of "Shanghai Ruijia Industry Co").  Only
    where no person fits (see :func:`_longer_matches`); a place's name is left alone
    ("Wexford" beside "Wexford Circuit Court")."""
    if other.type != "Organization" or shape.type != "Person" or shape.voted == {"Person"}:
        return False
    if shape.landmark or len(shape.tokens) != 1 or not other.named_head:
        return False
    proper = all(w[:1].isupper() or w in NAME_PARTICLES for w in other.name.split())
    return proper and shape.tokens in (other.tokens[:1], other.after_place[:1])


_SUB_BODY = {(word,) for word in SUB_BODIES}


def _compass(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """ "North" (as in "the North") of "North Korea": a point of the compass alone for the
    one country of the article whose name begins with it."""
    return len(short) == 1 and short[0].title() in COMPASS and full[:1] == short


def _runs_into_name(
    short: tuple[str, ...],
    full: tuple[str, ...],
    shapes: dict[str, _Shape],
    index: dict[tuple[str, str], list[str]],
) -> bool:
    """Whether the words an organisation's longer name adds to ``short`` -- two or more,
    as a person's name has -- end in another name the article writes on its own: two
    names NER ran together ("NATO Ivo Daalder" beside "Daalder" is not NATO's full name),
    not a name and its kind ("HNA Group", "RCB Bank" beside "the Bank")."""
    tail = full[len(short) :]
    return len(tail) >= 2 and any(
        0 < len(other.tokens) <= len(tail) and tail[-len(other.tokens) :] == other.tokens
        for other in (shapes[k] for k in index.get(("last", tail[-1]), ()))
    )


MISLABELLED_PEOPLE: frozenset[EntityType] = frozenset({"Organization", "Group", "Place"})
"""Types NER gives a lone surname or given name by mistake ("Trump" ORG, "Mattis" NORP,
"Nunes" GPE); a well-known place's name ("Washington") is left alone."""

PLACE_WORDS = frozenset(
    {
        *("station", "street", "road", "avenue", "square", "park", "bridge", "airport"),
        *("port", "hospital", "school", "college", "university", "stadium", "church"),
        *("hall", "centre", "center", "county", "co", "city", "district", "province"),
        *("valley", "lake", "mount", "mt", "fort", "cape"),
    }
)
"""Words that make a name a place's, not a person's, whatever NER called it ("Tulla Garda
Station", "Co Wicklow"): its other words alone are no person's names."""

REGIONAL_ADJECTIVES = frozenset(
    {"european", "african", "asian", "arab", "nordic", "caribbean", "pacific", "atlantic"}
)
"""Adjectives of regions that own institutions as a country does ("European Commission",
"African Union")."""


def _same_role(shape: _Shape, candidates: list[str], shapes: dict[str, _Shape]) -> list[str]:
    """Of several full names a short one fits ("Trump": Donald and Melania Trump), those
    that share a role title with it ("President Trump", "President Donald Trump")."""
    if not shape.roles:
        return candidates
    return [k for k in candidates if shapes[k].roles & shape.roles]


def _misspelt(
    surfaces: dict[str, Surface],
    shapes: dict[str, _Shape],
    index: dict[tuple[str, str], list[str]],
    parent: dict[str, str],
) -> dict[str, str]:
    """Full names of people one letter apart in a given name ("Vladmir Putin" beside
    "Vladimir Putin"): the rarer spelling points at the commoner (then the first)."""
    found: dict[str, str] = {}
    for key, shape in shapes.items():
        if shape.type != "Person" or len(shape.tokens) < 2 or key in parent:
            continue
        for other in index.get(("last", shape.tokens[-1]), ()):
            if other == key or shapes[other].type != "Person":
                continue
            if not spelling_variant(shape.tokens, shapes[other].tokens):
                continue
            mine, theirs = surfaces[key].types.total(), surfaces[other].types.total()
            if (mine, other) < (theirs, key):
                found[key] = other
    return found


def _surname_misspelt(
    surfaces: dict[str, Surface], shapes: dict[str, _Shape], placed: set[str]
) -> dict[str, str]:
    """A person's surname spelt one letter apart elsewhere in the article ("Juncker"
    beside "Jean-Claude Junker"): the lone surname, or the full name with the same given
    names, points at the one full name it may stand for (of two full names the rarer at
    the commoner, then the first)."""
    full = [k for k, s in shapes.items() if s.type == "Person" and len(s.tokens) >= 2]
    found: dict[str, str] = {}
    for key, shape in shapes.items():
        if shape.type != "Person" or key in placed:
            continue
        fits = [k for k in full if k != key and surname_variant(shape.tokens, shapes[k].tokens)]
        if len(fits) != 1:
            continue
        other = fits[0]
        mine, theirs = surfaces[key].types.total(), surfaces[other].types.total()
        if len(shape.tokens) == 1 or (mine, other) < (theirs, key):
            found[key] = other
    return found


@dataclass(slots=True)
class Clusters:
    """What :func:`cluster` found: each surface's root, the people's full names a short
    name fits more than one of ("Murdoch": Rupert, Lachlan and James Murdoch), and the
    names some roots are better written by (see :func:`_surname_spellings`)."""

    roots: dict[str, str]
    ambiguous: dict[str, list[str]]
    names: dict[str, str] = field(default_factory=dict)
    types: dict[str, EntityType] = field(default_factory=dict)
    """The type of a root whose spellings NER typed differently, by their majority."""


def cluster(surfaces: dict[str, Surface]) -> Clusters:
    """Map every surface key to the key of the fullest unambiguous name it stands for."""
    shapes = _shapes(surfaces)
    index = _index(shapes)
    spellings = _spellings(surfaces, shapes)
    middle = _middle_names(shapes, index, spellings)
    same = {**middle, **spellings}
    parent: dict[str, str] = dict(same)
    ambiguous: dict[str, list[str]] = {}
    for key in surfaces:
        if key in same:
            continue
        matches = _longer_matches(key, shapes, index)
        longer = sorted({_follow(same, k) for k in matches} - {key})
        # Keep only maximal names: drop candidates that are themselves sub-names of others.
        maximal = [
            k
            for k in longer
            if not any(is_subname(shapes[k].tokens, shapes[o].tokens) for o in longer if o != k)
        ]
        if len(maximal) > 1:
            maximal = _same_role(shapes[key], maximal, shapes)
        if len(maximal) == 1:
            parent[key] = maximal[0]
        elif len(maximal) > 1 and all(shapes[k].type == "Person" for k in maximal):
            ambiguous[key] = maximal  # a surname, whatever NER called it ("Trump" as ORG)
    parent.update(_misspelt(surfaces, shapes, index, parent))

    variants = _surname_misspelt(surfaces, shapes, set(parent) | set(ambiguous))
    parent.update(variants)
    roots = {key: _follow(parent, key) for key in surfaces}
    names = _surname_spellings(surfaces, variants, roots)
    for full, name in _usual_names(surfaces, middle, roots).items():
        names.setdefault(full, name)
    return Clusters(roots, ambiguous, names, _majority_types(surfaces, spellings, roots))


def _usual_names(
    surfaces: dict[str, Surface], middle: dict[str, str], roots: dict[str, str]
) -> dict[str, str]:
    """The name without middle names for a person the article writes so at least as often
    as in full: "Derek Walcott" (five times) for "Derek Alton Walcott" (once)."""
    return {
        full: surfaces[short].name
        for short, full in middle.items()
        if roots[full] == full and surfaces[short].mentions >= surfaces[full].mentions
    }


def _spellings(surfaces: dict[str, Surface], shapes: dict[str, _Shape]) -> dict[str, str]:
    """Spellings of one name that differ only in case, hyphens or spaces ("Khan al-Ahmar",
    "Khan Al Ahmar"), and the forms of one group's word ("Democrat", "Democrats",
    "Democratic"): each points at a plural, which names a group best, else at the form
    the article uses most (then the first)."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, shape in shapes.items():
        if shape.tokens:
            groups[
                _field_first(shape.tokens) if shape.type == "Organization" else shape.tokens
            ].append(key)
    words: dict[str, list[str]] = defaultdict(list)
    for key, shape in shapes.items():
        if shape.type == "Group" and len(shape.tokens) == 1:
            for stem in _stems(shape.tokens[0]):
                words[stem].append(key)
    found: dict[str, str] = {}
    for keys in [*groups.values(), *words.values()]:
        keys = [k for k in keys if k not in found]
        if len(keys) < 2:
            continue
        best = min(keys, key=lambda k: (not k.endswith("s"), -surfaces[k].mentions, k))
        found.update({k: best for k in keys if k != best})
    return found


def _field_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """ "Department of Justice" as "Justice Department": one body's name in both orders.

    >>> _field_first(("department", "of", "the", "treasury"))
    ('treasury', 'department')
    """
    if len(words) > 2 and words[0] in BODY_NOUNS and words[1] == "of":
        return (*words[3 if words[2] == "the" else 2 :], words[0])
    return words


BODY_NOUNS = frozenset({"department", "ministry", "office", "agency"})


def _middle_names(
    shapes: dict[str, _Shape], index: dict[tuple[str, str], list[str]], spellings: dict[str, str]
) -> dict[str, str]:
    """A person's given name and surname without the middle names the article also writes
    ("Derek Walcott" of "Derek Alton Walcott", "George Bush" of "George W. Bush"): the
    shorter points at the one longer name it fits (and names the person where the
    article writes it as often, see :func:`cluster`: other articles write it so too)."""
    found: dict[str, str] = {}
    for key, shape in shapes.items():
        short = shape.tokens
        if shape.type != "Person" or len(short) != 2 or key in spellings:
            continue
        fits = {
            _follow(spellings, k)
            for k in index.get(("last", short[-1]), ())
            if shapes[k].type == "Person"
            and len(shapes[k].tokens) > 2
            and shapes[k].tokens[0] == short[0]
            and shapes[k].tokens[-1].rstrip(".") not in GENERATIONS
        }
        if len(fits) == 1:
            found[key] = fits.pop()
    return found


def _follow(links: dict[str, str], key: str) -> str:
    """The key at the end of ``key``'s chain of links (where a chain runs back into
    itself, the first key met twice)."""
    seen = set()
    while key in links and key not in seen:
        seen.add(key)
        key = links[key]
    return key


def _stems(word: str) -> set[str]:
    """A group's word and the word without a plural "s" or an adjective's "ic":
    "democrats" and "democratic" share "democrat"."""
    stems = {word}
    if word.endswith("s"):
        stems.add(word[:-1])
    if word.endswith("ic"):
        stems.add(word[:-2])
    return stems


def _majority_types(
    surfaces: dict[str, Surface], spellings: dict[str, str], roots: dict[str, str]
) -> dict[str, EntityType]:
    """The type of each root that has other spellings, by the votes of all its spellings
    (ties as for one surface): "Mahinda Rajapaksa" three times a person and
    "Mahinda-Rajapaksa" once an organisation is a person."""
    votes: dict[str, Counter[EntityType]] = {}
    for key, root in spellings.items():
        if roots[root] != root:
            continue  # a short form of a longer name, which has its own type
        if root not in votes:
            votes[root] = Counter(surfaces[root].types)
        votes[root].update(surfaces[key].types)
    return {root: Surface(root, counts).type for root, counts in votes.items()}


def _surname_spellings(
    surfaces: dict[str, Surface], variants: dict[str, str], roots: dict[str, str]
) -> dict[str, str]:
    """The full name written with the surname spelling the article uses more often: where
    "Juncker" comes more often than "Jean-Claude Junker", the person is "Jean-Claude
    Juncker"."""
    names: dict[str, str] = {}
    for key, target in variants.items():
        lone, full = surfaces[key], surfaces[roots[target]]
        words = full.name.split(" ")
        shouted = lone.name.isupper()  # "JUNCKER" says nothing of how the name is written
        if " " in lone.name or shouted or len(words) < 2 or lone.mentions <= full.mentions:
            continue
        names[roots[target]] = " ".join([*words[:-1], lone.name])
    return names
