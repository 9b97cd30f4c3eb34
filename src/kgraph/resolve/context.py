"""What the words right before a name say about it: a title ("President" before
"Trump", "Foreign Minister" in "German Foreign Minister Sigmar Gabriel"), the person's
country ("Turkish President Recep Tayyip Erdogan"), the country an institution belongs to
("Russia's Foreign Ministry")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kgraph.models import EntityMention
from kgraph.resolve.countries import country_name
from kgraph.resolve.descriptors import PERSON_NOUNS, possessor_country
from kgraph.resolve.institutions import INSTITUTION_NOUNS, institution_name
from kgraph.resolve.within import is_personal_title

EDGE = ".,;:\"'“”‘’()"
TITLE_WINDOW = 48


def _capitalised_run(document: str, start: int) -> list[str]:
    """The capitalised words right before ``start`` ("German Foreign Minister" before
    "Sigmar Gabriel")."""
    before = document[max(start - TITLE_WINDOW, 0) : start]
    cut = before.rfind("\n")  # a title never runs over from the headline
    words = before[cut + 1 :].split()
    if cut < 0 and start > TITLE_WINDOW:
        words = words[1:]  # the first may be cut off
    run: list[str] = []
    for word in reversed(words):
        if word != word.rstrip(EDGE) or not word[:1].isupper():
            break
        run.insert(0, word)
    return run


def _title_before(mention: EntityMention, document: str) -> str | None:
    """The personal title written right before a name NER found without it: "President"
    in "President Trump", "Foreign Minister" in "German Foreign Minister Sigmar
    Gabriel" (a country's adjective is no part of the title)."""
    if mention.label != "PERSON" or mention.title or not document:
        return None
    run = _capitalised_run(document, mention.start)
    if not run or not is_personal_title(run[-1]):
        return None
    while len(run) > 1 and _country_word(run[0]) is not None:
        run = run[1:]
    return " ".join(run)


def _country_word(word: str) -> str | None:
    """The country a word of a title names: "Turkish", "Turkey's"."""
    return possessor_country(word) or country_name(word, demonym=True)


def country_before(document: str, start: int) -> str | None:
    """The country whose adjective opens the title before a name: "Turkish President
    Recep Tayyip Erdogan" -> Turkey."""
    run = _capitalised_run(document, start)
    if len(run) < 2 or not is_personal_title(run[-1]):
        return None
    for first in range(len(run) - 1):
        for size in (2, 1):
            words = " ".join(run[first : first + size])
            if first + size < len(run) and (country := _country_word(words)):
                return country
    return None


_POSSESSOR = re.compile(r"([A-Z][\w.]*(?: [A-Z][\w.]*)*)['’]s\s+$")


def _national_institution(mention: EntityMention, document: str) -> str | None:
    """ "Russia's Foreign Ministry" (NER's span: "Foreign Ministry") -> "Russian Foreign
    Ministry"."""
    words = mention.text.split()
    if mention.label != "ORG" or not words or words[-1] not in INSTITUTION_NOUNS:
        return None
    found = _POSSESSOR.search(document[max(mention.start - 40, 0) : mention.start])
    if found is None:
        return None
    return institution_name(f"{mention.text} of {found.group(1)}")


_WORD_BEFORE = re.compile(r"(?<![\w'’-])([a-z]+),? $")


def after_person_noun(mention: EntityMention, document: str) -> bool:
    """Whether a name follows a noun of kin in apposition ("her two-year-old daughter
    Paris", "his brother, Jordan"): it names that person, whatever NER called it.  Not a
    nationality ("her husband, Turkish diplomat ...")."""
    if mention.label == "NORP":
        return False
    found = _WORD_BEFORE.search(document[max(mention.start - 24, 0) : mention.start])
    return found is not None and found.group(1) in PERSON_NOUNS


def in_context(mentions: Sequence[EntityMention], document: str) -> list[EntityMention]:
    """Named-entity spans completed from the words before them: a title ("President"
    before "Trump"), a country's possessive before one of its institutions; a name after
    a noun of kin is a person's (:func:`after_person_noun`)."""
    out = []
    for mention in mentions:
        if mention.label != "PERSON" and after_person_noun(mention, document):
            mention = replace(mention, label="PERSON")
        title = _title_before(mention, document)
        if title:
            mention = replace(mention, title=title)
        institution = _national_institution(mention, document)
        out.append(replace(mention, text=institution) if institution else mention)
    return out
