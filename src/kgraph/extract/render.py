"""Turn frames into :class:`~kgraph.models.RelationMention` values and OpenIE tuples.

All text, offsets, mentions, relation names and confidences are made here, once, so the
construction modules stay about syntax.  Each result also carries its OpenIE (CaRB) tuple:
the same relation in surface order ("This; was reported by; Yonhap News"), and relations
whose object is a whole clause ("He; added; that such an alliance ...") exist only there --
the graph gets the inner relation with its attribution instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.symbols import ADJ, ADP, ADV, NOUN, NUM, PRON, PROPN, VERB
from spacy.tokens import Doc, Token

from kgraph.extract import confidence, reltypes, subjects
from kgraph.extract.arguments import np_bounds, phrase_bounds, trim
from kgraph.extract.context import Sentence
from kgraph.extract.deps import hyphened, is_pronoun
from kgraph.extract.events import EVENT, PAST_ROLE_WORDS
from kgraph.extract.frame import Frame, Slot
from kgraph.extract.lexicon import ACTOR_LABELS, BODY_LABELS, NAMED_LABELS
from kgraph.extract.mentions import LABEL_NOUN, mention_for
from kgraph.extract.predicates import relation_name, surface
from kgraph.extract.tree import labels, lefts, tokens_of
from kgraph.models import Argument, EntityMention, RelationMention

CLAUSE_KINDS = frozenset({"clause"})
NAMING_POS = frozenset({NOUN, PROPN, PRON, NUM})
NOT_NAMING_POS = frozenset({ADJ, ADV, VERB, ADP})
NORP = get_string_id("NORP")
"""Coarse POS ids of heads that may (and may never) name an entity."""
IS_A = "IS_A"
IDENTITIES = frozenset({IS_A, "KNOW_AS", "BE_KNOWN_AS"})
MODALITIES: dict[str | None, str] = {"be": "will"}
"""Modalities that mean another: "is to meet" is a scheduled "will meet"."""
ROLE_KINDS = frozenset({"appos", "copula"})
"""Role relations ("the leader of X") to an organisation or country get a role type."""
OPENIE_ONLY = frozenset({"title", "possessive", "surface"})
"""Frame kinds the graph does not want as relations (titles live on the mention)."""


@dataclass(slots=True)
class Extraction:
    """A rendered relation: the graph value, its OpenIE tuple, and whether the graph wants it.

    ``carb`` is ``(predicate, arg1, arg2, ...)`` or None when it has no second argument.
    """

    relation: RelationMention
    carb: tuple[str, ...] | None
    for_graph: bool

    @property
    def key(self) -> tuple[object, ...]:
        """Identity for de-duplication: the same tuple is never emitted twice."""
        r = self.relation
        obj = (r.object.start, r.object.end) if r.object else None
        extras = tuple([(a.start, a.end) for a in r.extras])
        return (r.subject.start, r.subject.end, r.relation, r.predicate, obj, extras)


def render(frame: Frame, sent: Sentence, *, openie: bool = True) -> Extraction | None:
    """Render one frame, or None when it has no second argument of any kind; the OpenIE
    tuple is made only with ``openie``."""
    subject = argument(frame.subject, sent, with_prep=False)
    obj = argument(frame.object, sent, with_prep=False) if frame.object is not None else None
    extras = _extras(frame, sent, subject, obj) if frame.extras else ()
    if obj is None and not extras:
        return None
    if obj is not None and _overlaps(subject, obj):
        return None
    pred_tokens = frame.active_pred if frame.active_pred is not None else frame.pred
    name = relation_name(normalised(frame, sent))
    # In field order: binding eleven keywords shows in benchmarks/extract_speed.py.
    relation = RelationMention(
        subject,
        _predicate(frame, pred_tokens),
        name,
        _as_class(obj) if name == IS_A else obj,
        extras,
        sent.text,
        sent.span.start_char,
        frame.negated,
        MODALITIES.get(frame.modality, frame.modality) or _past_role(frame),
        _attribution(frame.attribution, sent),
        confidence.score(frame, subject, obj, sent.end - sent.start),
    )
    carb = _carb_tuple(frame, relation) if openie else None
    graph = (
        wanted_by_graph(frame)
        and not _list_identity(name, frame, subject, obj)
        and not _reflexive(relation)
    )
    return Extraction(relation, carb, graph)


def _extras(
    frame: Frame, sent: Sentence, subject: Argument, obj: Argument | None
) -> tuple[Argument, ...]:
    """The further arguments of ``frame`` that overlap neither its subject nor its object."""
    found = []
    for slot in frame.extras:
        extra = argument(slot, sent, with_prep=True)
        if not _overlaps(extra, subject) and (obj is None or not _overlaps(extra, obj)):
            found.append(extra)
    return tuple(found)


def _as_class(obj: Argument | None) -> Argument | None:
    """The object of "X is a Y" is a class ("a dictator", "a US ally"): it names no entity,
    so the resolver never makes it one ("the Russian president" would be a person)."""
    return None if obj is None else Argument(obj.text, obj.start, obj.end, None, obj.preposition)


def normalised(frame: Frame, sent: Sentence) -> tuple[str, ...]:
    """The relation parts of ``frame`` after :mod:`.reltypes`: "met with" and "held talks
    with" are one type (MEET), "Xi's trip to Y" is a VISIT."""
    if frame.kind == "verb":
        if frame.rel == ["call"] and "oprd" in labels(frame.anchor):
            if _phoned(frame):
                return ("call",)
            return ("describe_as",)  # "called Iran a sponsor of terrorism" names, not phones
        parts = reltypes.verb_type(tuple(frame.rel))
        return _participle(frame, parts) if parts == tuple(frame.rel) else parts
    if _role(frame):
        words = frozenset(t.lower_ for t in frame.pred)
        role = next((t for t in frame.pred if t.lower_ == frame.rel[-2]), None)
        words |= hyphened(role) if role is not None else frozenset()
        state = frame.object is not None and frame.object.head.ent_type_ in reltypes.STATE_LABELS
        return (reltypes.role_type(frame.rel[-2], words, state=state),)
    if _passive_event(frame, sent):
        return _participle(frame, tuple(frame.rel))  # "was arrested at an address in X"
    if frame.kind == "nominal" and len(frame.pred) > 1:
        typed = reltypes.event_type(sent.lemma(frame.anchor), frame.pred[-1].lower_)
        if typed is not None:
            return (typed,)
    return tuple(frame.rel)


def _passive_event(frame: Frame, sent: Sentence) -> bool:
    """An event frame that keeps its clause's verb and subject and names a further place
    or party ("X was arrested at an address in Y" -> X ... in Y), not one that made that
    phrase its subject ("a group banned in Russia" -> Russia BAN the group)."""
    return frame.kind == EVENT and len(frame.rel) > 1 and frame.rel[0] == sent.lemma(frame.anchor)


def _phoned(frame: Frame) -> bool:
    """ "Trump called Speaker Paul Ryan, asking him ...": the parser read a name's verb as
    "Trump (who is) called Ryan"; a name is not what another name is called."""
    verb = frame.anchor
    children = labels(verb)
    if verb.dep_ != "acl" or verb.head.ent_type_ not in ACTOR_LABELS or "dobj" in children:
        return False
    said = children.get("oprd", ())
    if len(said) != 1 or said[0].ent_type_ != "PERSON":
        return False
    toks = tokens_of(verb.doc)
    after = said[0].right_edge.i + 1  # nothing said of the person: "called X 'a friend'"
    return after >= len(toks) or toks[after].text in CLAUSE_BREAKS


CLAUSE_BREAKS = frozenset({",", ".", ";", ":", "-", "–", "—"})


def _participle(frame: Frame, parts: tuple[str, ...]) -> tuple[str, ...]:
    """ "Merkel was criticised over Greece" -> BE_CRITICISED_OVER, not CRITICISE_OVER: the
    subject of a passive without an agent underwent the act, so the type says so rather
    than read as what the subject did.  Not when the graph draws a named modifier as the
    subject: in "EU sanctions imposed on Russia" that is the EU, which did impose."""
    verb, subject = frame.anchor, frame.subject.head
    if frame.passive_agent:
        return parts
    if subjects.headline_passive(verb):  # "Senator X arrested in Manila"
        return ("be", verb.lower_, *parts[1:])
    if verb.tag not in subjects.VBN or "nsubj" in labels(verb):
        return parts  # "... that X has arrived" (misparsed as a participle clause) is active
    if not subjects.is_passive(verb):
        return parts
    if not subject.ent_type and any(c.ent_type_ in NAMED_LABELS for c in lefts(subject)):
        return parts
    return ("be", verb.lower_, *parts[1:])


def _past_role(frame: Frame) -> str | None:
    """ "X is the former leader of Y": the role is past (modality "former")."""
    if not _role(frame):
        return None
    return "former" if any(t.lower_ in PAST_ROLE_WORDS for t in frame.pred) else None


def _role(frame: Frame) -> bool:
    """ "X is / X, the leader of Y" with a person X and an organisation or country Y."""
    if frame.kind not in ROLE_KINDS or len(frame.rel) < 2 or frame.rel[-1] != "of":
        return False
    obj = frame.object
    if obj is None or obj.head.ent_type_ not in BODY_LABELS or not reltypes.is_role(frame.rel[-2]):
        return False
    return _person(frame.subject.head)


def _person(tok: Token) -> bool:
    """A named person or a personal pronoun: who can hold a role ("Pyongyang is the capital
    of" holds none)."""
    return tok.ent_type_ == "PERSON" or tok.lower_ in PERSONAL_PRONOUNS


PERSONAL_PRONOUNS = frozenset({"he", "she", "who", "whom"})


def _list_identity(name: str, frame: Frame, subject: Argument, obj: Argument | None) -> bool:
    """Identities the graph refuses (OpenIE output keeps them).  "X is a Y" needs a class
    Y, a common noun: two different names are not a kind of each other ("he and his
    teammates A, B", "Nancy (Natalia Dyer)", "told newspaper Bild"; lists and misparses),
    and a pronoun is no class.  "X, known as Y" between two names names one thing twice,
    and so does a description whose mention is a name ("Li Wei, an analyst": the role
    relations say what it says)."""
    if name not in IDENTITIES or frame.object is None or obj is None:
        return False
    head = frame.object.head
    if name == IS_A and (_name(head) or is_pronoun(head)):
        return True
    if _name(frame.subject.head) and _name(head):
        return True
    return (
        subject.mention is not None
        and obj.mention is not None
        and subject.mention.label in NAMED_LABELS
        and obj.mention.label in NAMED_LABELS
    )


def _name(tok: Token) -> bool:
    return tok.ent_type_ in NAMED_LABELS or tok.pos == PROPN


def _reflexive(relation: RelationMention) -> bool:
    """Both ends name the same thing ("the force, known as the YPG" -> YPG BE_KNOWN_AS YPG):
    no fact between two entities."""
    subject = relation.subject.mention
    obj = relation.object.mention if relation.object is not None else None
    return (
        subject is not None
        and obj is not None
        and subject.label in NAMED_LABELS
        and (subject.text, subject.label) == (obj.text, obj.label)
    )


def wanted_by_graph(frame: Frame) -> bool:
    """Titles live on mentions and clause objects are only OpenIE; the rest is graph."""
    return frame.kind not in OPENIE_ONLY and (
        frame.object is None or frame.object.kind not in CLAUSE_KINDS
    )


def _predicate(frame: Frame, tokens: list[Token]) -> str:
    text = surface(tokens)
    if frame.pred_prefix:
        return f"{frame.pred_prefix} {text}".strip()
    return text


def _overlaps(a: Argument, b: Argument) -> bool:
    return a.start < b.end and b.start < a.end


def _carb_tuple(frame: Frame, rel: RelationMention) -> tuple[str, ...] | None:
    extras = rel.carb_args()[2 if rel.object else 1 :]
    if rel.object is None:
        return (rel.predicate, rel.subject.text, *extras) if extras else None
    if frame.passive_agent:
        return (_predicate(frame, frame.pred), rel.object.text, rel.subject.text, *extras)
    return (rel.predicate, rel.subject.text, rel.object.text, *extras)


def argument(slot: Slot, sent: Sentence, *, with_prep: bool) -> Argument:
    """The argument for ``slot``: its span, the preposition before it and its mention."""
    prep = slot.prep if with_prep else None
    key = (slot.head.i, -1 if prep is None else prep.i, slot.kind, slot.bounds)
    found = sent.arguments.get(key)
    if found is None:
        found = sent.arguments[key] = _argument(slot, prep, sent)
    return found


def _argument(slot: Slot, prep: Token | None, sent: Sentence) -> Argument:
    start, end = slot.bounds or _bounds(slot)
    chars = sent.chars(start, end)
    words = None
    if prep is not None:
        words = sent.chars(prep.i, start)[0] if prep.i < start else prep.text
    return Argument(*chars, _mention(slot, sent, start, end, chars), words)


def _bounds(slot: Slot) -> tuple[int, int]:
    if slot.kind == "np":
        return np_bounds(slot.head)
    if slot.kind == "phrase":
        return phrase_bounds(slot.head)
    if slot.kind in ("clause", "gerund"):
        return clause_bounds(slot.head)
    return slot.head.i, slot.head.i + 1


def clause_bounds(head: Token) -> tuple[int, int]:
    """The clause under ``head`` without its complementizer ("that", "whether")."""
    doc: Doc = head.doc
    start = head.left_edge.i
    while start < head.i and tokens_of(doc)[start].dep_ in ("mark", "punct"):
        start += 1
    return trim(doc, start, head.right_edge.i + 1)


def _mention(
    slot: Slot, sent: Sentence, start: int, end: int, chars: tuple[str, int, int]
) -> EntityMention | None:
    if slot.kind == "clause":
        return None
    if slot.kind == "gerund":
        return EntityMention(*chars, LABEL_NOUN)
    pos = slot.head.pos
    if slot.kind == "word" and pos not in NAMING_POS:
        return None
    if pos in NOT_NAMING_POS and not (slot.bounds and slot.head.ent_type == NORP):
        return None  # but "Russian" of "Russian Foreign Minister" names its state
    if slot.kind == "phrase":
        start, end = np_bounds(slot.head)
    return mention_for(slot.head, start, end, sent.chars)


def _attribution(tok: Token | None, sent: Sentence) -> str | None:
    if tok is None:
        return None
    return sent.chars(*np_bounds(tok))[0]
