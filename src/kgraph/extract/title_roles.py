"""Roles in the title before a person's name: "Kremlin spokesman Dmitry Peskov" -> Dmitry
Peskov WORK_FOR Kremlin, "Apple CEO Tim Cook" -> Tim Cook LEAD Apple, "Russian Foreign
Minister Sergei Lavrov" -> Sergei Lavrov WORK_FOR Russia, "UN Secretary-General Antonio
Guterres" -> Antonio Guterres LEAD UN, "Putin's spokesman Dmitry Peskov" -> Dmitry Peskov
WORK_FOR Vladimir Putin.

The title is read from the words, not the parse, which small models get wrong for a run of
capitalised words ("US President Donald Trump and German Chancellor Angela Merkel").  The
role is the word right before the name; the organisation is the one name among the title's
words before it.  A country (or its adjective) counts only for a role of the state: "German
Chancellor" leads Germany, a "Chinese director" makes films.  An adjective of a party is no
employer: "Republican Senator John McCain" gives nothing.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from spacy.symbols import ADJ, NOUN, PROPN
from spacy.tokens import Token

from kgraph.extract import reltypes
from kgraph.extract.context import Sentence
from kgraph.extract.deps import hyphened
from kgraph.extract.events import EVENT, PAST_ROLE_WORDS, former
from kgraph.extract.frame import Frame, Slot
from kgraph.extract.lexicon import words
from kgraph.extract.tree import entity_bounds

ORGANISATION_LABELS = frozenset({"ORG"})
TITLE_POS = frozenset({ADJ, NOUN, PROPN})


def title_frames(sentence: Sentence) -> Iterator[Frame]:
    """Role relations of the people named in the sentence after a title."""
    tree = sentence.tree
    people = tree.people
    first, last = bisect_left(people, sentence.start + 1), bisect_left(people, sentence.end)
    for i in people[first:last]:
        yield from _title_role(tree.tokens, i, tree.entity_ends[i], sentence.start)


def _title_role(toks: list[Token], first: int, last: int, opening: int) -> Iterator[Frame]:
    """The relation the role word right before a person's name gives them."""
    role = toks[first - 1]
    if role.ent_type or role.pos not in TITLE_POS:
        return
    start, word = _role_word(toks, role)
    if not reltypes.is_role(word) and word not in reltypes.STATE_ROLES:
        return
    title = _title_start(toks, start, opening)
    actor = _actor(toks, title, start, word)
    if actor is None:
        return
    actor_start, actor_end = actor
    label = toks[actor_end - 1].ent_type_
    described = [t for t in toks[title:start] if _describes(t)]
    modifiers = frozenset(t.lower_ for t in described)
    if label in reltypes.STATE_LABELS and not _office_of_state(word, label, described):
        return
    if "shadow" in modifiers:
        return  # "Labour's shadow Lords leader": the opposition's, not the body's, role
    person = Slot(toks[last - 1], bounds=(first, last))
    organisation = Slot(toks[actor_end - 1], bounds=(actor_start, actor_end))
    typed = reltypes.role_type(word, modifiers, state=label in reltypes.STATE_LABELS)
    words_of_role = [t for t in toks[actor_end : role.i + 1] if t.tag_ != "POS"]
    frame = Frame(EVENT, role, person, organisation, words_of_role, [typed])
    frame.pred_prefix = "is"
    frame.modality = former(modifiers)
    yield frame


def _describes(tok: Token) -> bool:
    """A word of the title that is no name ("Foreign", "chief", "First" of "First
    Minister", which the recogniser calls an ordinal)."""
    return tok.tag_ not in JOINERS and (not tok.ent_type or tok.ent_type_ == "ORDINAL")


def _role_word(toks: list[Token], role: Token) -> tuple[int, str]:
    """Where the role word starts and its lower-case form, joined over a hyphen
    ("Secretary-General")."""
    prefix = hyphened(role)
    if prefix and not toks[role.i - 2].ent_type:
        return role.i - 2, f"{next(iter(prefix))}-{role.lower_}"
    return role.i, role.lower_


def _title_start(toks: list[Token], start: int, sentence_start: int) -> int:
    """Where the run of title words before ``start`` begins: names, nouns, adjectives,
    hyphens and a name's possessive ("Britain's Prime Minister"), back to a determiner, a
    verb, a person or punctuation."""
    i = start
    while i > sentence_start:
        tok = toks[i - 1]
        if tok.tag_ in JOINERS and i - 2 >= sentence_start and toks[i - 2].ent_type:
            i -= 1
            continue
        if tok.pos not in TITLE_POS or (tok.ent_type_ == "PERSON" and toks[i].tag_ != "POS"):
            break
        i -= 1
        if len(tok.text) > 1 and tok.text[0] in DASHES:
            break  # "WASHINGTON -Chilean President X": a dateline's dash opens the title
    return i


DASHES = frozenset("-\u2013\u2014")


JOINERS = frozenset({"HYPH", "POS"})


def _office_of_state(word: str, label: str, described: list[Token]) -> bool:
    """Whether a country's name or adjective owns the role: an office of the state, not a
    legislator's party ("Republican Senator") nor a role a lower-case word narrows to
    something else ("French far-right leader", "Russian opposition leader")."""
    if word not in reltypes.STATE_ROLES or (label == "NORP" and word in reltypes.LEGISLATORS):
        return False
    return all(t.is_title or t.lower_ in PAST_ROLE_WORDS for t in described)


def _actor(toks: list[Token], title: int, end: int, word: str) -> tuple[int, int] | None:
    """The bounds of the organisation, country or possessor named in the title, the one
    nearest the role; None when the title names none.  A department the recogniser took
    for an organisation ("Defense" of "Russian Defense Minister") is the portfolio of a
    state's office, an organisation before an envoy's role is the posting ("US UN
    Ambassador"), and a place before another role only says where: the name before them,
    if any, is the actor."""
    i = end
    posting: tuple[int, int] | None = None
    while i > title:
        tok = toks[i - 1]
        label = tok.ent_type_
        if not label:
            i -= 1
            continue
        first, last = entity_bounds(tok)
        if label == "PERSON":  # "Putin's spokesman Dmitry Peskov"
            return first, last
        if label in ORGANISATION_LABELS and word in reltypes.POSTED_ROLES:
            posting = posting or (max(first, title), last)  # the state before it, if any
        elif _employs(label, toks[last - 1], word):
            return max(first, title), last
        i = first  # a place that only says where ("Al Jazeera's Washington editor")
    return posting


def _employs(label: str, last: Token, word: str) -> bool:
    if label in ORGANISATION_LABELS:
        return word not in PORTFOLIO_ROLES or last.lower_ not in reltypes.PORTFOLIO_WORDS
    return label in reltypes.STATE_LABELS and word in reltypes.STATE_ROLES


PORTFOLIO_ROLES = frozenset(words("minister secretary adviser advisor commissioner"))
