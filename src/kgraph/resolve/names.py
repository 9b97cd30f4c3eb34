"""Name normalisation: the surface forms of one name reduced to a comparable core.

"Kim Jong Un's" -> "Kim Jong Un", "Mr. Putin" -> "Putin" (title "Mr."),
"the Kremlin" -> "Kremlin".  Keys are case- and space-insensitive.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from kgraph.honorifics import HONORIFICS
from kgraph.models import EntityType

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Group",
    "EVENT": "Event",
}
"""spaCy NER labels -> entity types; everything else (noun phrases, works, laws) is no entity."""

NAMED_LABELS = frozenset(LABEL_TYPES)
COMPASS = frozenset({"North", "South", "East", "West"})
"""Words that, alone ("the North"), stand for the one country of an article named so."""
PRONOUN_LABEL = "PRON"
NOUN_LABEL = "NOUN"
"""The label of a plain noun phrase: no named entity to NER."""


_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}.,;:!?-–—•*"


def clean(text: str) -> str:
    """Unicode-normalise, collapse whitespace, trim punctuation at the edges; drop the
    replacement characters of letters lost before kgraph read the text."""
    text = unicodedata.normalize("NFKC", text).replace("\ufffd", "")
    text = _SPACES.sub(" ", text).strip()
    text = text.strip(_EDGE_PUNCT + " ")
    return _POSSESSIVE.sub("", text).strip()


ARTICLES = frozenset({"a", "an", "the"})
POSSESSIVES = frozenset({"my", "our", "your", "his", "her", "its", "their"})
LEADING_DETERMINERS = ARTICLES | POSSESSIVES | {"this", "that", "these", "those"}
"""Words that open a noun phrase but are no part of a name: "this White House"."""

TRAILING_FUNCTION_WORDS = frozenset(
    {
        "which",
        "who",
        "whom",
        "whose",
        "that",
        "and",
        "or",
        "but",
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "have",
        "said",
        "says",
        "can",
        "could",
        "should",
        "must",
        "does",
        "did",
        "will",
        "would",
        "to",
        "of",
        "in",
        "on",
    }
)
"""Words NER sometimes sweeps into the end of a name: "Donald Trump Which"."""


def strip_determiner(text: str) -> str:
    """Drop leading determiners and trailing function words: "the Kremlin" -> "Kremlin",
    "Donald Trump Which" -> "Donald Trump", "the-Free Syrian Army" (a space lost as a
    hyphen) -> "Free Syrian Army"."""
    words = text.split(" ")
    first, _, rest = words[0].partition("-")
    if first in LEADING_DETERMINERS and rest[:1].isupper():
        words[0] = rest
    while len(words) > 1 and words[0] in LEADING_DETERMINERS | {"The", "A", "An"}:
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in TRAILING_FUNCTION_WORDS:
        words = words[:-1]
    return " ".join(words)


def split_title(name: str) -> tuple[str, str | None]:
    """Separate leading honorifics from a personal name.

    >>> split_title("President Vladimir Putin")
    ('Vladimir Putin', 'President')
    """
    tokens = name.split(" ")
    cut = 0
    while cut < len(tokens) - 1 and tokens[cut].rstrip(".").lower() in HONORIFICS:
        cut += 1
    if cut == 0:
        return name, None
    return " ".join(tokens[cut:]), " ".join(tokens[:cut])


_BARE_INITIAL = re.compile(r"(?<=\s)([A-Z])(?=\s)")

PLAIN_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
"""Honorifics that only ever precede a person's name, whatever NER called the name."""


_JUNK_TOKEN = re.compile(r"(?:@|://|/|^pic\.twitter|^www\.)")
_SEPARATORS = re.compile(r"\s*(?:[,;:!?]+[\"“”]?-?|[\"“”]\??|\s[-–—]\s|[()\[\]])\s*")
DATELINE_MIN_LETTERS = 5
_LOCATIVE_TAIL = re.compile(r" (?:in|at) (?=[A-Z])")


def tidy(text: str) -> str:
    """The name in a span that glued other text to it: a dateline or agency credit
    ("Vladimir Putin - TASS"), a handle or link ("Ruth Burke - @mitchefi"), a quote
    fragment ('survive,"?said Mike Taylor' -> "Mike Taylor"), punctuation run into a
    word ("Crimea,-and" -> "Crimea").  Of the pieces, the one with the most capitalised
    words wins (the first of equals); "" when no piece is a name."""
    words = [w for w in text.split() if not _JUNK_TOKEN.search(w)]
    pieces = [
        strip_determiner(p.strip(_EDGE_PUNCT + " &")) for p in _SEPARATORS.split(" ".join(words))
    ]
    best = max(pieces, key=lambda p: sum(w[:1].isupper() for w in p.split()), default="")
    pronoun = best.lower() in NOT_NAMES and not (best.isupper() and len(best) > 1)  # "US"
    if pronoun or sum(ch.isalpha() for ch in best) < 2:
        return ""
    return best if any(w[:1].isupper() for w in best.split()) else ""


NOT_NAMES = frozenset({"i", "we", "he", "she", "it", "they", "you", "me", "us", "him", "her"})
"""Pronouns NER sometimes takes for a name out of a broken quote ('I"ve')."""


def normalise_name(text: str, label: str) -> tuple[str, str | None]:
    """The display name and any title for a mention with spaCy label ``label``.

    A person's middle initial gets its dot ("George W Bush" -> "George W. Bush"), and a
    name of any label that starts with a plain honorific loses it as a title ("Ms
    Sturgeon" that NER called an organisation)."""
    name = tidy(strip_determiner(clean(text)))
    if label in ("PERSON", "ORG"):  # "Trump in America", "Energy Co in Alkmaar": a place
        name = _LOCATIVE_TAIL.split(name, maxsplit=1)[0]
    if label in ("GPE", "LOC") and name.isupper() and len(name) >= DATELINE_MIN_LETTERS:
        name = name.title()  # a dateline: "MOSCOW" -> "Moscow"
    if label == "PERSON":
        words = name.split()
        while len(words) > 1 and words[0].islower():  # "said Tom Hale" of a broken quote
            words = words[1:]
        name, title = split_title(" ".join(words))
        return _BARE_INITIAL.sub(r"\1.", name), title
    first, _, rest = name.partition(" ")
    if rest and first.rstrip(".").lower() in PLAIN_TITLES and not first.isupper():
        return rest, first  # "Ms Sturgeon" as ORG; "DR Congo" is a country
    return name, None


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Case- and space-insensitive form of a name, used inside entity keys (cached: the
    same names come back in every article and every linking step)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()


def entity_key(entity_type: EntityType, name: str) -> str:
    """The canonical identity of an entity: ``person:vladimir putin``."""
    return f"{entity_type.lower()}:{name_key(name)}"


_TOKEN_SEPARATORS = re.compile(r"[\s\-]+")


@lru_cache(maxsize=1 << 16)
def tokens(name: str) -> tuple[str, ...]:
    """Name tokens for sub-name matching ("Kim" in "Kim Jong Un"); cached, as linking
    asks for the tokens of the same known names over and over."""
    return tuple(t for t in _TOKEN_SEPARATORS.split(name_key(name)) if t)


def initials(name: str) -> str:
    """Upper-case initials of the capitalised words: "Korean Central News Agency" -> "KCNA"."""
    return "".join(w[0] for w in _TOKEN_SEPARATORS.split(name) if w[:1].isupper())


def all_initials(name: str) -> str:
    """Upper-cased initials of every word, small ones too: "Department for International
    Development" -> "DFID" (where :func:`initials` gives "DID")."""
    return "".join(w[0] for w in _TOKEN_SEPARATORS.split(name) if w[:1].isalpha()).upper()


def is_acronym(name: str) -> bool:
    """All-capital single token of 2+ letters, dots allowed: "DPRK", "U.S."."""
    letters = name.replace(".", "")
    return " " not in name and len(letters) >= 2 and letters.isalpha() and letters.isupper()


def is_subname(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True if ``short`` is a proper leading or trailing run of ``full``'s tokens."""
    n = len(short)
    return 0 < n < len(full) and (full[:n] == short or full[-n:] == short)


GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Suffixes that tell a son from his father: a name without one is not a short form."""


def abbreviates(short: tuple[str, ...], full: tuple[str, ...], entity_type: str) -> bool:
    """Whether name tokens ``short`` can stand for ``full`` ("Putin" for "Vladimir Putin",
    "Yonhap" for "Yonhap News", "HNA" for "HNA Group").  An organisation's short form
    must be its leading words: its last words are generic ("House", "Union", "Bank"), and
    a qualifier in front makes another thing ("Trump White House" is not the "White
    House" of every other mention), as does a region or language after it ("BBC" is not
    "BBC Scotland")."""
    if not is_subname(short, full):
        return False
    if entity_type == "Person" and full[-1].rstrip(".") in GENERATIONS:
        return False  # "Donald Trump" is not "Donald Trump Jr"'s short form
    if entity_type == "Person" and len(short) > 1 and full[-len(short) :] != short:
        return False  # "Le Pen" of "Marine Le Pen", but a full name is not a prefix
    if entity_type == "Organization":
        from kgraph.resolve.regions import regional  # regions reads country tables keyed here

        # "BBC Scotland", "Al Jazeera Arabic": a region or language at the end is a branch;
        # "Senate Intelligence Committee", "Army Corps of Engineers": a body within the first
        rest = full[len(short) :]
        body = any(word in SUB_BODIES for word in rest)
        return full[: len(short)] == short and not regional(full[-1]) and not body
    return True


SUB_BODIES = frozenset({"committee", "subcommittee", "council", "caucus", "panel", "corps"})
"""Words of a body named after the institution it sits in ("Senate Intelligence
Committee", "Army Corps of Engineers"): the institution's name alone ("the Senate", "the
Army", "the UN") is the whole institution, not that body."""


def distinct_case(names: Iterable[str]) -> list[str]:
    """Names once each, ignoring case; of "MOSCOW" and "Moscow" (datelines shout) the
    mixed-case form is kept, and of other variants the first in code-point order
    ("Pellagra" over "pellagra"), so the choice never depends on the order given.

    >>> distinct_case(["MOSCOW", "Moscow", "Kremlin"])
    ['Kremlin', 'Moscow']
    >>> distinct_case(["pellagra", "Pellagra"]) == distinct_case(["Pellagra", "pellagra"])
    True
    """
    worst_first = sorted(names, key=lambda name: (name.isupper(), name), reverse=True)
    return sorted({name.casefold(): name for name in worst_first}.values())


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one substituted letter ("Sergey" / "Sergei"), or
    by one letter left out of a long name ("Vladmir" / "Vladimir") but not at its end and
    not in a short one: "Daniel" / "Daniela" and "Ivana" / "Ivanka" are other people."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(long) < LONG_NAME_LETTERS:
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long) - 1))


LONG_NAME_LETTERS = 7


SPELLING_MIN_LETTERS = 5
"""Given names shorter than this are not compared by spelling ("Ana" / "Ann")."""


def surname_variant(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``short`` is the surname of ``full`` (or ``full`` itself, with the same
    given names) misspelt by one letter: ("juncker",) / ("jean-claude", "junker").  Not
    for short surnames, nor for one that differs in its first letter ("Hansen" /
    "Jansen" are other families)."""
    if len(full) < 2 or len(short) not in (1, len(full)) or short[:-1] != full[: len(short) - 1]:
        return False
    x, y = short[-1], full[-1]
    return x[:1] == y[:1] and min(len(x), len(y)) >= SPELLING_MIN_LETTERS and _one_edit(x, y)


def spelling_variant(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two personal names that are one misspelling or transliteration apart in one
    given name, with the same surname: ("sergey", "lavrov") / ("sergei", "lavrov")."""
    if len(a) != len(b) or len(a) < 2 or a[-1] != b[-1]:
        return False
    diffs = [(x, y) for x, y in zip(a[:-1], b[:-1], strict=True) if x != y]
    if len(diffs) != 1:
        return False
    x, y = diffs[0]
    return min(len(x), len(y)) >= SPELLING_MIN_LETTERS and _one_edit(x, y)
