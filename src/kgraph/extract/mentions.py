"""Entity mentions for arguments: the named entity, noun phrase or pronoun an argument names.

The resolver links mentions to graph entities, so a mention is as clean as the parse allows:
determiners and possessive "'s" are dropped ("the Kremlin's" -> "Kremlin"), titles and
honorifics move to ``title`` ("North Korean dictator Kim Jong Un" -> "Kim Jong Un", title
"dictator"), and pronouns or bare determiners always carry the label ``"PRON"``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kgraph.extract.arguments import entity_bounds
from kgraph.extract.deps import CLOSE_QUOTES, OPEN_QUOTES, PUNCT_EDGES, is_pronoun
from kgraph.extract.lexicon import words
from kgraph.models import EntityMention

HONORIFICS = frozenset(
    words(
        """
        mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady madam mister
        president vice chairman chairwoman chair ceo chancellor premier minister secretary
        senator sen. sen governor gov. gov mayor ambassador general gen. gen colonel col.
        lt. lieutenant sergeant sgt. captain capt. admiral commander judge justice king
        queen prince princess emperor pope cardinal bishop archbishop rev. reverend father
        sheikh ayatollah dictator leader spokesman spokeswoman spokesperson director chief
        head
        """
    )
)
"""English titles that may precede a name; they become ``EntityMention.title``."""

DROP_LEADING = frozenset({"det", "predet", "punct", "cc", "preconj"})
LABEL_NOUN = "NOUN"
LABEL_PRON = "PRON"


def mention_for(head: Token, start: int, end: int) -> EntityMention | None:
    """The entity mention of the argument ``doc[start:end]`` headed by ``head``.

    >>> # "North Korean dictator Kim Jong Un" -> EntityMention("Kim Jong Un", ..., "PERSON",
    >>> #                                                       title="dictator")
    """
    doc = head.doc
    if is_pronoun(head) and not head.ent_type_:
        return _pronoun(head)
    if head.ent_type_ and start <= head.i < end:
        return _entity(doc, head, start)
    return _noun_phrase(doc, head, start, end)


def _pronoun(head: Token) -> EntityMention:
    return EntityMention(head.text, head.idx, head.idx + len(head.text), LABEL_PRON)


def name_and_title(head: Token, arg_start: int) -> tuple[int, int, int]:
    """``(title_start, name_start, name_end)`` for the entity around ``head``.

    >>> # "the state agency KCNA" -> title "state agency", name "KCNA"
    """
    doc = head.doc
    first, last = _strip_name(doc, *entity_bounds(head))
    title_start, first = _split_title(doc, max(arg_start, 0), first, last)
    return title_start, first, last


def _entity(doc: Doc, head: Token, arg_start: int) -> EntityMention:
    title_start, first, last = name_and_title(head, arg_start)
    title = _title_text(doc, title_start, first)
    span = doc[first:last]
    return EntityMention(span.text, span.start_char, span.end_char, head.ent_type_, title)


def _strip_name(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Drop a leading determiner and a trailing possessive or punctuation from a name."""
    while last - first > 1 and (doc[last - 1].tag_ == "POS" or _is_punct(doc[last - 1])):
        last -= 1
    while last - first > 1 and (doc[first].dep_ in DROP_LEADING or _is_punct(doc[first])):
        first += 1
    return first, last


def _split_title(doc: Doc, arg_start: int, first: int, last: int) -> tuple[int, int]:
    """Move honorifics inside the entity ("President Bush") out of the name.

    Returns ``(title_start, name_start)``: the title is ``doc[title_start:name_start]``,
    made of the common nouns and honorifics right before the name.
    """
    while last - first > 1 and doc[first].lower_ in HONORIFICS:
        first += 1
    title_start = first
    while title_start > arg_start and _title_word(doc[title_start - 1]):
        title_start -= 1
    return title_start, first


def _title_word(tok: Token) -> bool:
    if tok.ent_type_ and tok.lower_ not in HONORIFICS:
        return False
    return tok.dep_ == "compound" and (tok.pos_ == "NOUN" or tok.lower_ in HONORIFICS)


def _title_text(doc: Doc, start: int, end: int) -> str | None:
    return doc[start:end].text if end > start else None


def _noun_phrase(doc: Doc, head: Token, start: int, end: int) -> EntityMention | None:
    """A plain noun phrase without determiners, possessive pronouns or edge punctuation."""
    while start < head.i and (
        doc[start].dep_ in DROP_LEADING or _is_punct(doc[start]) or doc[start].tag_ == "PRP$"
    ):
        start += 1
    while end - 1 > head.i and (doc[end - 1].tag_ == "POS" or _is_punct(doc[end - 1])):
        end -= 1
    if end <= start:
        return None
    span = doc[start:end]
    if end - start == 1 and is_pronoun(doc[start]):
        return _pronoun(doc[start])
    return EntityMention(span.text, span.start_char, span.end_char, LABEL_NOUN)


def _is_punct(tok: Token) -> bool:
    return tok.is_punct or tok.text in PUNCT_EDGES or tok.text in OPEN_QUOTES | CLOSE_QUOTES
