"""Entity mentions for arguments: the named entity, noun phrase or pronoun an argument names.

The resolver links mentions to graph entities, so a mention is as clean as the parse allows:
determiners and possessive "'s" are dropped ("the Kremlin's" -> "Kremlin"), titles and
honorifics move to ``title`` ("North Korean dictator Kim Jong Un" -> "Kim Jong Un", title
"dictator"), and pronouns or bare determiners always carry the label ``"PRON"``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.strings import get_string_id
from spacy.symbols import ADV, AUX, NOUN, PROPN, VERB, appos
from spacy.tokens import Doc, Token

from kgraph.extract.context import TextOf
from kgraph.extract.deps import NOUN_OR_NAME, POSSESSIVE, PUNCT_EDGES, is_pronoun
from kgraph.extract.derivation import known_words
from kgraph.extract.lexicon import ACTOR_LABELS, CLOSE_QUOTES, OPEN_QUOTES, ids, words
from kgraph.extract.tree import entity_bounds, labels, one_of_listed, rights, tokens_of
from kgraph.honorifics import HONORIFICS
from kgraph.models import EntityMention

PLACE_NOUNS = frozenset(
    words(
        """
        city cities town towns village villages region regions province provinces state
        island islands port district county municipality oblast republic kingdom emirate
        settlement peninsula
        """
    )
)
"""Class nouns that name the place in their "of" phrase ("the city of Kharkiv")."""
PLACE_NOUN_IDS = ids(PLACE_NOUNS)
PLACE_NAMES = frozenset({"GPE", "LOC", "FAC"})
DROP_LEADING = frozenset({"det", "predet", "punct", "cc", "preconj"})
LABEL_NOUN = "NOUN"
LABEL_PRON = "PRON"
POSSESSOR = get_string_id("PRP$")
"""The tag id of possessive pronouns ("his")."""
EDGE_AND_QUOTE_IDS = ids(PUNCT_EDGES | OPEN_QUOTES | CLOSE_QUOTES)


def mention_for(head: Token, start: int, end: int, text_of: TextOf) -> EntityMention | None:
    """The entity mention of the argument ``doc[start:end]`` headed by ``head``;
    ``text_of`` gives the text of token ranges (:meth:`.context.Sentence.chars`).

    >>> # "North Korean dictator Kim Jong Un" -> EntityMention("Kim Jong Un", ..., "PERSON",
    >>> #                                                       title="dictator")
    """
    if not head.ent_type and is_pronoun(head):
        return _pronoun(head)
    if head.ent_type and start <= head.i < end:
        return _entity(head, start, text_of)
    place = _named_place(head) or _appositive_name(head) or _named_class(head) or _known_as(head)
    if place is not None:
        return _entity(place, place.i, text_of)
    return _noun_phrase(head, start, end, text_of)


def _named_place(head: Token) -> Token | None:
    """ "the village of Pokrovske", "the city of Kharkiv": the place is the named one."""
    if head.lower not in PLACE_NOUN_IDS:
        return None
    for prep in rights(head):
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in rights(prep):
                if pobj.dep_ == "pobj" and pobj.ent_type_ in PLACE_NAMES:
                    return pobj
    return None


def _appositive_name(head: Token) -> Token | None:
    """ "his Russian counterpart, Sergei Lavrov", "his wife Peng Liyuan": a role noun whose
    apposition is a name names that entity (the role is what the sentence says of it), and
    so does a description in apposition to a name."""
    if head.ent_type or head.pos not in NOUN_OR_NAME:
        return None
    if head.dep == appos and head.head.ent_type_ in ACTOR_LABELS:
        return head.head  # "Kosovo, the territory annexed by Serbia": the territory is Kosovo
    for child in labels(head).get("appos", ()):
        if child.i > head.i and child.ent_type_ in ACTOR_LABELS:
            return child
    return None


CLASS_NOUNS = frozenset(
    words("alliance bloc organisation organization coalition union company firm group agency")
)
"""Class nouns after an organisation's name that name the organisation itself."""
CLASS_NOUN_IDS = ids(CLASS_NOUNS)


def _known_as(head: Token) -> Token | None:
    """ "the Kurdish force, known as the YPG", "a group called Hamas": the name given."""
    if head.ent_type or head.pos != NOUN:
        return None
    for acl in labels(head).get("acl", ()):
        if acl.lower_ not in NAMING_PARTICIPLES:
            continue
        for child in rights(acl):
            named = child if child.dep_ in ("oprd", "attr", "dobj") else None
            if child.dep_ == "prep" and child.lower_ == "as":
                named = next((c for c in rights(child) if c.dep_ == "pobj"), None)
            if named is not None and named.ent_type_ in ACTOR_LABELS:
                return named
    return None


NAMING_PARTICIPLES = frozenset({"known", "called", "named", "dubbed"})


def _named_class(head: Token) -> Token | None:
    """ "the NATO alliance", "the Tencent group": the class noun names the organisation of
    its compound (not a modifier: "Tencent executives" are not Tencent)."""
    if head.ent_type or head.lower not in CLASS_NOUN_IDS:
        return None
    named = [c for c in labels(head).get("compound", ()) if c.ent_type_ == "ORG"]
    return named[-1] if named else None


def _pronoun(head: Token) -> EntityMention:
    text = head.text
    return EntityMention(text, head.idx, head.idx + len(text), LABEL_PRON)


def name_and_title(head: Token, arg_start: int) -> tuple[int, int, int]:
    """``(title_start, name_start, name_end)`` for the entity around ``head``.

    >>> # "the state agency KCNA" -> title "state agency", name "KCNA"
    """
    doc = head.doc
    first, last = _strip_name(doc, *entity_bounds(head), head.i)
    first = given_name_start(tokens_of(doc), first)
    title_start, first = _split_title(doc, max(arg_start, 0), first, last)
    return title_start, first, last


def _entity(head: Token, arg_start: int, text_of: TextOf) -> EntityMention:
    title_start, first, last = name_and_title(head, arg_start)
    title = text_of(title_start, first)[0] if first > title_start else None
    text, start_char, end_char = text_of(first, last)
    return EntityMention(text, start_char, end_char, head.ent_type_, title)


def person_end(toks: Sequence[Token], first: int, last: int) -> int:
    """Where a person's name the recogniser ran on into a title-case headline or the next
    sentence ends: before its first verb or adverb ("Trump Suggests ...", "Ivana Trump Is
    Writing") or number word ("by President Obama Four were appointed")."""
    if toks[first].ent_type_ != "PERSON":
        return last
    return next((i for i in range(first + 1, last) if _not_in_name(toks[i])), last)


def given_name_start(toks: Sequence[Token], first: int) -> int:
    """Where a person's name starts with the given name the recogniser left out before
    it ("Ivanka Trump" recognised as "Trump"): a capitalised proper noun in the name's
    phrase that is no English word, no title and no name of someone else ("Ivanka", not
    "Pepper", "Secretary")."""
    if first == 0 or toks[first].ent_type_ != "PERSON":
        return first
    tok = toks[first - 1]
    if tok.pos != PROPN or tok.dep_ != "compound" or not (tok.is_alpha and tok.is_title):
        return first
    if tok.head.i < first or tok.ent_type_ == "PERSON" or tok.left_edge.i < tok.i:
        return first
    if tok.lower_ in HONORIFICS or _english(tok.lower_) or len(tok.text) < 3:
        return first
    if any(t.orth == tok.orth and t.ent_type_ == "PERSON" for t in toks):
        return first  # "Trump SCOTUS pick": a name the article gives someone, as a modifier
    return first - 1


def _english(word: str) -> bool:
    """A known English word, or an inflection of one ("Presenting", "Republicans")."""
    known = known_words()
    if word in known:
        return True
    for ending in ("ing", "ed", "es", "s"):
        stem = word.removesuffix(ending)
        if stem != word and (stem in known or stem + "e" in known):
            return True
    return False


def _not_in_name(tok: Token) -> bool:
    return tok.pos in NOT_IN_NAMES or (tok.like_num and tok.is_alpha)


NOT_IN_NAMES = frozenset({VERB, AUX, ADV})


def named_spans(doc: Doc, labels: frozenset[str]) -> list[EntityMention]:
    """The document's named entities of ``labels``, people's names cut as
    :func:`person_end` says."""
    toks = tokens_of(doc)
    found = []
    for ent in doc.ents:
        if ent.label_ in labels:
            end = person_end(toks, ent.start, ent.end)
            span = doc[given_name_start(toks, ent.start) : end]
            found.append(EntityMention(span.text, span.start_char, span.end_char, ent.label_))
    return found


def _strip_name(doc: Doc, first: int, last: int, head_i: int) -> tuple[int, int]:
    """Drop a leading determiner and a trailing possessive or punctuation from a name."""
    toks = tokens_of(doc)
    cut = person_end(toks, first, last)
    if head_i < cut:  # not when the argument's head is in the run-on part
        last = cut
    first, last = one_of_listed(toks, head_i, first, last)
    first = _after_inner_marks(toks, head_i, first, last)
    while last - first > 1 and (_trailing(toks[last - 1]) or toks[last - 1].dep_ == "cc"):
        last -= 1
    while last - first > 1 and _leading(toks[first]):
        first += 1
    return first, last


def _after_inner_marks(toks: list[Token], head: int, first: int, last: int) -> int:
    """Where the name around ``head`` starts after a possessor the recogniser took in:
    "Turkey's A Haber TV" -> "A Haber TV"."""
    for i in range(first, min(head, last - 1)):
        tok = toks[i]
        if tok.tag == POSSESSIVE and _titled(toks[i + 1 : last]):
            first = i + 1
    return first


def _titled(toks: list[Token]) -> bool:
    return len(toks) >= 2 and all(t.is_title or t.is_upper for t in toks)


def _leading(tok: Token) -> bool:
    """A token a name or noun phrase drops before it: a determiner, a conjunction,
    punctuation or a year."""
    return tok.dep_ in DROP_LEADING or _is_punct(tok) or _year(tok)


def _trailing(tok: Token) -> bool:
    """A possessive ending or punctuation, which a name or noun phrase drops after it."""
    return tok.tag == POSSESSIVE or _is_punct(tok)


def _year(tok: Token) -> bool:
    """ "In 2011 News Corp ...": a year the recogniser glued onto the name that follows."""
    return tok.is_digit and len(tok.text) == 4 and tok.ent_type_ != "DATE"


def _split_title(doc: Doc, arg_start: int, first: int, last: int) -> tuple[int, int]:
    """Move honorifics inside the entity ("President Bush") out of the name.

    Returns ``(title_start, name_start)``: the title is ``doc[title_start:name_start]``,
    made of the common nouns and honorifics right before the name.
    """
    toks = tokens_of(doc)
    person = toks[last - 1].ent_type_ == "PERSON"
    while person and last - first > 1 and toks[first].lower_ in HONORIFICS:
        first += 1  # not in "General Motors"
    title_start = first
    while title_start > arg_start and _title_word(toks[title_start - 1], person):
        title_start -= 1
    return title_start, first


def _title_word(tok: Token, person: bool) -> bool:
    """A title before a name: a common noun ("dictator"), an honorific ("President"), or
    before a person's name a capitalised word outside any entity ("Attorney", "Governor")."""
    if tok.dep_ != "compound":
        return False
    if tok.ent_type and tok.lower_ not in HONORIFICS:
        return False
    if tok.pos == NOUN or tok.lower_ in HONORIFICS:
        return True
    # "former U.S. Attorney Todd Graves", but not a first name the NER left out ("Gideon")
    if not person or tok.pos != PROPN:
        return False
    return tok.left_edge.i < tok.i or any(c.i < tok.i for c in tok.head.children)


def _noun_phrase(head: Token, start: int, end: int, text_of: TextOf) -> EntityMention | None:
    """A plain noun phrase without determiners, possessive pronouns or edge punctuation."""
    toks = tokens_of(head.doc)
    while start < head.i and (_leading(toks[start]) or toks[start].tag == POSSESSOR):
        start += 1
    while end - 1 > head.i and _trailing(toks[end - 1]):
        end -= 1
    if head.pos == PROPN or head.is_upper:  # "Dutch broadcaster RTL": the name only
        start = max(start, _name_start(toks, head.i, start))
    if end <= start:
        return None
    if end - start == 1 and is_pronoun(toks[start]):
        return _pronoun(toks[start])
    text, start_char, end_char = text_of(start, end)
    return EntityMention(text, start_char, end_char, LABEL_NOUN)


def _name_start(toks: list[Token], head: int, start: int) -> int:
    """The first token of the capitalised name ending at ``head`` (without a nationality
    or a common noun before it)."""
    first = head
    while first > start:
        tok = toks[first - 1]
        if tok.ent_type_ == "NORP" or tok.tag == POSSESSIVE or not (tok.is_title or tok.is_upper):
            break
        first -= 1
    return first


def _is_punct(tok: Token) -> bool:
    return tok.is_punct or tok.orth in EDGE_AND_QUOTE_IDS
