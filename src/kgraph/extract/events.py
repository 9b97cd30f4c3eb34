"""Events named by a noun: light verbs, event adjuncts, "between" and symmetric parties.

News states its key facts through event nouns more often than through verbs:

- a light verb carries the noun's event: "held talks with X", "imposed sanctions on X",
  "paid a visit to X", "took a stake in X" -> MEET, SANCTION, VISIT, ACQUIRE_STAKE_IN
  between the verb's subject and the noun's participant (not HOLD with a concept object);
  any verb with a noun object and a *named* participant keeps its own lemma in the type
  ("suspended relations with X" -> SUSPEND_RELATION_WITH, "bought jets from X" ->
  BUY_FROM), next to its plain clause;
- an event adjunct makes the clause's subject a party: "said during a meeting with X",
  "in a call with X" -> subject MEET / CALL X;
- "talks between A and B" and "A-B talks" relate A and B;
- a symmetric event said of coordinated or collective parties relates them: "A and B held
  talks", "A and B clashed", "the ministers of A and B met" -> A MEET B, A CLASH_WITH B;
- a role relates a person to its organisation: "Li Hao, an analyst at X" -> WORK_FOR,
  "X's president, Y" -> LEAD, "X spokesman Y" -> WORK_FOR; "Beijing-based X" -> BASED_IN;
- "the EU's sanctions imposed on Russia" -> SANCTION; "arrived at the Kremlin in Moscow"
  -> also ARRIVE_IN Moscow; a verbless headline "X in Y for talks with Z" -> X MEET Z.

The types come from :mod:`kgraph.extract.reltypes`.  The frames made here are for the graph
only (kind ``"event"``): OpenIE output keeps the surface clause ("A; held; talks; with B").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, combinations

from spacy.strings import get_string_id
from spacy.symbols import ADJ, ADP, NOUN, PRON, PUNCT, VERB, acl, amod, appos
from spacy.tokens import Token

from kgraph.extract import reltypes, subjects
from kgraph.extract.context import Sentence
from kgraph.extract.coordination import conjuncts, expand
from kgraph.extract.deps import (
    DIRECT_OBJECTS,
    MODIFIER_DEPS,
    NOUN_OR_NAME,
    OF,
    VERBAL_POS,
    described,
    first_child,
    hyphened,
    is_nominal,
    is_pronoun,
    labelled,
)
from kgraph.extract.derivation import event_verb, eventive
from kgraph.extract.frame import Frame, Slot
from kgraph.extract.lexicon import (
    ACTOR_LABELS,
    BODY_LABELS,
    CIRCUMSTANCE_LABELS,
    NAMED_LABELS,
    PLACE_LABELS,
    ids,
    words,
)
from kgraph.extract.modality import modal, negated
from kgraph.extract.tree import entity_bounds, kids, labels, lefts, rights

EVENT = "event"
"""Frame kind of the relations made here (graph only)."""
SURFACE = "surface"
"""Frame kind of a light-verb clause whose event frame replaces it in the graph."""
ADJUNCT_PREPS = frozenset({"in", "during", "at", "after", "following", "before"})
ADJUNCT_PREP_IDS = ids(ADJUNCT_PREPS)
"""Prepositions whose event object makes the clause's subject a party ("in a call with")."""
NON_LIGHT_PREPS = frozenset({"with", "to", "against", "on", "from", "into", "over"})
"""Participant prepositions accepted after an event object of an ordinary verb."""
COMITATIVE = frozenset({"with"})
COMPARING_VERBS = frozenset({"compare", "liken", "equate", "link", "tie", "connect", "describe"})
"""Verbs whose second phrase is a standard of comparison, not a party ("compared X to Y")."""
OWN_ROLE_PREPS = reltypes.ROLE_PREPS - {"of"}
"""("the leader *of* X" is the copular apposition's own relation, typed in rendering.)"""
BETWEEN = get_string_id("between")
HYPHEN = get_string_id("-")
BASED = get_string_id("based")
COMPOUND = get_string_id("compound")
PLACE_PREP_IDS = ids(["at", "in", "to"])
PARTY_LABELS = frozenset({"conj", "prep", "appos"})
"""A subject with one of these children may name several parties."""
NAMED_LABEL_IDS = ids(NAMED_LABELS)
PARTICIPANT_PREP_IDS = ids(reltypes.PARTICIPANT_PREPS)
PHONE_IDS = ids(reltypes.PHONE_WORDS)
CIRCUMSTANCE_IDS = ids(CIRCUMSTANCE_LABELS)
VERBS = frozenset({VERB})
APPOSITIONS = frozenset({appos})


def event_frames(sentence: Sentence, frames: list[Frame]) -> Iterator[Frame]:
    """Graph frames for the event nouns of ``sentence``; light-verb clauses among
    ``frames`` whose event is rendered here become kind ``"surface"`` (OpenIE only)."""
    seen: set[tuple[int, int, int]] = set()
    for frame in frames:
        if frame.kind == "copula":
            yield from _copular_event(frame, sentence)
            yield from _copular_role(frame)
        if frame.kind != "verb":
            continue
        key = (frame.anchor.i, frame.subject.head.i, frame.object.head.i if frame.object else -1)
        if key in seen:
            continue
        seen.add(key)
        found = list(_light(frame, sentence))
        if found and found[0].rel[0] in reltypes.TYPES and frame.object is not None:
            frame.kind = SURFACE  # "held talks": the event frame says it all
        yield from found
        yield from _adjuncts(frame, sentence)
        yield from _participle_event(frame)
        yield from _enclosing_place(frame)
        yield from _possessed_message(frame, sentence)
        yield from _prohibited_in(frame, sentence)
        yield from _serving_as(frame, sentence)
    for tok in sentence.having(VERBS, APPOSITIONS, CANDIDATE_WORDS):  # one pass over them all
        pos = tok.pos
        if pos == VERB:
            yield from _symmetric_parties(tok, sentence)
        elif pos == PUNCT and tok.lower == HYPHEN:
            yield from _paired(tok, sentence)
        elif pos == ADP and tok.lower == BETWEEN and tok.head.pos == NOUN:
            yield from _between(tok.head, tok, sentence)
        elif pos == ADP and tok.lower in INVITING_PREP_IDS:
            yield from _invitation(tok, sentence)
        if tok.dep == appos:
            yield from _role(tok)
        elif tok.lower == BASED:
            yield from _based(tok)
        elif tok.dep == amod and pos == VERB:
            yield from _named_participle(tok, sentence)


def _light(frame: Frame, sentence: Sentence) -> Iterator[Frame]:
    """ "X held talks with Y" -> X MEET Y; "X sat down for talks with Y" -> X MEET Y;
    "X suspended relations with Y" (named Y) -> X SUSPEND_RELATION_WITH Y."""
    obj = frame.object
    verb = frame.anchor
    if obj is None or obj.kind != "np" or frame.passive_agent:
        return
    noun = obj.head
    if noun.pos != NOUN or noun.ent_type:
        return
    lemma = sentence.lemma(verb)
    noun_lemma = sentence.lemma(noun)
    light = lemma in reltypes.LIGHT_VERBS
    if obj.prep is not None:  # "sat down for talks with", "entered into an alliance with"
        light = lemma in reltypes.LIGHT_VERBS or lemma in reltypes.PREPOSITIONAL_LIGHT_VERBS
    light = light and not _own_agent(noun)
    gap = verb.dep_ == "relcl" and verb.head.i == noun.i  # "the meeting he held with X"
    if obj.prep is None and noun.dep_ not in DIRECT_OBJECTS and not gap:
        return
    for prep, party in _participants(noun, verb):
        word = prep.lower_
        typed = _event_type(noun, word, sentence)
        if obj.prep is None and _members_of(noun, prep, party, lemma):
            yield from _with_members(frame, noun, party)
            return
        if light and typed is not None:
            rel = [typed]
        elif (
            obj.prep is None
            and _named(party)
            and word in NON_LIGHT_PREPS
            and lemma not in COMPARING_VERBS
            and not _themed(noun)
        ):
            own = prep.head.i == noun.i  # "sought ideas from X": from is the verb's
            rel = [lemma, noun_lemma, word] if own and eventive(noun_lemma) else [lemma, word]
        else:
            continue
        pred = [*frame.pred, noun, prep]
        yield from expand(_stated(frame, verb, frame.subject, Slot(party, prep), pred, rel))
        return


def _stated(
    frame: Frame, anchor: Token, subject: Slot, obj: Slot, pred: list[Token], rel: list[str]
) -> Frame:
    """An event frame that the clause of ``frame`` states: negated and modal as it is."""
    return Frame(
        EVENT, anchor, subject, obj, pred, rel, negated=frame.negated, modality=frame.modality
    )


def _members_of(noun: Token, prep: Token, party: Token, lemma: str) -> bool:
    """ "met officials from the EU": the people act for the body they are from (was
    MEET_FROM the EU); not where a verb of moving takes them from ("withdrew diplomats
    from Moscow", "its envoys")."""
    return (
        prep.lower_ == "from"
        and noun.lower_ in REPRESENTATIVES
        and _named(party)
        and lemma not in REMOVING_VERBS
        and not any(c.dep_ == "poss" for c in kids(noun))
    )


def _with_members(frame: Frame, noun: Token, party: Token) -> Iterator[Frame]:
    """The clause with its object widened to "officials from X", which the resolver
    reads as X acting through them (the modifier representation); each of several
    named bodies is a party of its own."""
    if any(c.dep_ == "conj" for c in kids(party)):  # "leaders from France and Italy"
        obj = Slot(party)
    else:
        obj = Slot(noun, bounds=(noun.left_edge.i, entity_bounds(party)[1]))
    yield from expand(_stated(frame, frame.anchor, frame.subject, obj, frame.pred, frame.rel))


REPRESENTATIVES = frozenset(
    words(
        """
        officials diplomats representatives delegates envoys negotiators executives
        ministers leaders lawmakers legislators members counterparts
        """
    )
)
"""People who act for the body they are "from" ("officials from the EU")."""
REMOVING_VERBS = frozenset(
    words(
        """
        withdraw recall expel evacuate remove pull ban bar exclude oust release free
        rescue bring fly send move transfer deport extradite poach hire recruit
        """
    )
)
"""Verbs whose "from" phrase says where their object is taken from."""


def _own_agent(noun: Token) -> bool:
    """ "announced Putin's visit to Turkey", "a visit by Xi to Russia": the event noun names
    who does it, so the light verb's subject does not (a pronoun may be the same: "paid
    his first visit to X")."""
    return any(
        (c.dep_ == "poss" and c.pos != PRON) or (c.dep_ == "prep" and c.lower_ == "by")
        for c in kids(noun)
    )


def _themed(noun: Token) -> bool:
    """ "the deployment of troops to X": the noun's own event has its parties (nominal)."""
    return any(c.dep_ == "prep" and c.lower in OF for c in kids(noun))


def _participants(noun: Token, verb: Token) -> Iterator[tuple[Token, Token]]:
    """(preposition, object) pairs of the event noun: its own phrases after it, and those
    the parser hung on the verb right after the noun ("signed a deal [with X]")."""
    own = [c for c in kids(noun) if c.dep_ == "prep" and c.i > noun.i]
    stranded = [c for c in kids(verb) if c.dep_ in STRANDED and c.i == noun.right_edge.i + 1]
    if verb.dep_ == "relcl" and verb.head.i == noun.i:  # "the meeting he held [with X]"
        stranded = [c for c in kids(verb) if c.dep_ == "prep" and c.i > verb.i]
    for prep in [*own, *stranded]:
        if prep.lower not in PARTICIPANT_PREP_IDS:
            continue
        party = labelled(prep, "pobj")
        if party is not None and is_nominal(party) and not _circumstance(party):
            yield prep, party


STRANDED = frozenset({"prep", "dative"})
"""The labels of a phrase hung on the verb right after its object noun ("wrote a letter
[to X]" is a dative)."""


def _circumstance(tok: Token) -> bool:
    return tok.ent_type in CIRCUMSTANCE_IDS


def _event_type(noun: Token, prep: str, sentence: Sentence) -> str | None:
    """:func:`.reltypes.event_type` of an event noun with a party after ``prep`` (a "phone"
    before it makes a conversation a call)."""
    phone = any(c.lower in PHONE_IDS for c in lefts(noun))
    return reltypes.event_type(sentence.lemma(noun), prep, phone=phone)


def _named(tok: Token) -> bool:
    return tok.ent_type in NAMED_LABEL_IDS


def _adjuncts(frame: Frame, sentence: Sentence) -> Iterator[Frame]:
    """ "Y said during a meeting with X" / "in a call with X" -> Y MEET / CALL X."""
    verb = frame.anchor
    if frame.passive_agent:
        return
    obj = first_child(verb, DIRECT_OBJECTS)
    hosts = [verb] if obj is None else [verb, obj]
    preps = [
        p for host in hosts for p in labels(host).get("prep", ()) if p.lower in ADJUNCT_PREP_IDS
    ]
    preps += [  # "arrived ahead of talks with X"
        p
        for a in labels(verb).get("advmod", ())
        if a.lower_ == "ahead"
        for p in labels(a).get("prep", ())
        if p.lower_ == "of"
    ]
    for prep in preps:
        found = _comitative_event(prep, sentence) or _letter_to(prep)
        if found is None:
            continue
        noun, typed, inner, party = found
        other = Slot(party, inner)
        yield from expand(_stated(frame, verb, frame.subject, other, [noun, inner], [typed]))


def headline_frames(sentence: Sentence) -> Iterator[Frame]:
    """A verbless headline "X in Washington for talks with Y" -> X MEET Y: the name it
    is about is the party of the event its phrases name."""
    root = sentence.span.root
    if root.pos_ != "PROPN":
        return
    for prep in kids(root):
        if prep.dep_ != "prep" or prep.lower_ not in HEADLINE_PREPS:
            continue
        found = _comitative_event(prep, sentence)
        if found is None:
            continue
        noun, typed, inner, party = found
        yield from expand(
            Frame(EVENT, root, Slot(root), Slot(party, inner), [noun, inner], [typed])
        )


def _comitative_event(prep: Token, sentence: Sentence) -> tuple[Token, str, Token, Token] | None:
    """The event noun under ``prep`` whose type takes a "with" party ("during a meeting
    with X", "for talks with Y"): the noun, its type, the party's preposition and the party."""
    noun = labelled(prep, "pobj")
    if noun is None or noun.pos != NOUN:
        return None
    typed = _event_type(noun, "with", sentence)
    if typed is None or typed not in reltypes.COMITATIVE_TYPES:
        return None
    for inner, party in _participants(noun, noun):
        if inner.lower_ in COMITATIVE:
            return noun, typed, inner, party
    return None


def _letter_to(prep: Token) -> tuple[Token, str, Token, Token] | None:
    """ "In a letter to X, Y requested ...": the clause's subject wrote to X."""
    noun = labelled(prep, "pobj")
    if noun is None or noun.lower not in LETTER_IDS or prep.lower_ != "in":
        return None
    for inner in labels(noun).get("prep", ()):
        party = labelled(inner, "pobj") if inner.lower_ == "to" else None
        if party is not None and _named(party):
            return noun, "write_to", inner, party
    return None


LETTER_IDS = ids(words("letter letters message messages note telegram"))
HEADLINE_PREPS = ADJUNCT_PREPS | {"for"}


def _role(appos: Token) -> Iterator[Frame]:
    """ "Li Hao, an analyst at Analysys" -> Li Hao WORK_FOR Analysys; "GM's president, Dan
    Ammann" -> Dan Ammann LEAD GM: a role in apposition to a person relates the person to
    the organisation of the role (the role words stay in the predicate)."""
    person, role = appos.head, appos
    if role.ent_type_ == "PERSON" and not person.ent_type_:
        person, role = role, person
    else:
        person = described(person, role)
    if role.i < person.i and any(c.dep_ == "compound" and c.is_lower for c in lefts(person)):
        return  # "The Russian ambassador texts Flynn": a verb the parser made part of a name
    yield from _role_frames(person, role)


def _role_frames(
    person: Token, role: Token, elsewhere: Iterable[tuple[Token, Token | None]] = ()
) -> Iterator[Frame]:
    """The person's relation to the organisation of their role noun, if it names one (or,
    failing that, the first of ``elsewhere``: "is an economist at X" on the copula)."""
    if person.ent_type_ != "PERSON" or role.pos != NOUN or role.ent_type_:
        return
    if not reltypes.is_role(role.lower_):
        return
    words_before = [t for t in lefts(role) if t.dep_ in ("amod", "compound") and not t.ent_type_]
    modifiers = frozenset(t.lower_ for t in words_before) | hyphened(role)
    pred = [*words_before, role]
    for org, prep in chain(_role_organisations(role), elsewhere):
        state = org.ent_type_ in reltypes.STATE_LABELS
        typed = reltypes.role_type(
            role.lower_, modifiers, prep.lower_ if prep else "of", state=state
        )
        words = [*pred, prep] if prep is not None else pred
        named = Slot(org, bounds=entity_bounds(org)) if org.pos == ADJ else Slot(org)
        frame = Frame(EVENT, role, Slot(person), named, words, [typed])
        frame.pred_prefix = "is"
        frame.modality = former(modifiers)
        yield frame
        return


def _serving_as(frame: Frame, sentence: Sentence) -> Iterator[Frame]:
    """ "Flynn served as White House national security adviser", "Kalanick resigned as
    chief executive of Uber": a person's role "as" what relates them to its organisation
    (a past role after a verb of leaving it)."""
    verb, person = frame.anchor, frame.subject.head
    if frame.object is None or frame.object.prep is None or frame.object.prep.lower_ != "as":
        return
    lemma = sentence.lemma(verb)
    if person.ent_type_ != "PERSON" or lemma in SEEING_VERBS:
        return  # "was viewed as Christie's enforcer" is how others see him
    left = lemma in LEAVING_VERBS
    role = frame.object.head
    of = [
        (org, prep)
        for prep in labels(role).get("prep", ())
        if prep.lower_ == "of"
        for org in labels(prep).get("pobj", ())
        if org.ent_type_ in BODY_LABELS
    ]
    for role_frame in _role_frames(person, role, of):
        role_frame.negated = frame.negated
        role_frame.modality = "former" if left else role_frame.modality or frame.modality
        yield role_frame


LEAVING_VERBS = frozenset(
    words("resign quit leave retire step fire dismiss sack oust remove replace succeed")
)
"""Verbs whose "as <role>" is a role the person no longer holds ("resigned as CEO")."""
SEEING_VERBS = frozenset(
    words("view see regard consider describe portray label brand call cast depict know hail")
)
"""Verbs whose "as <role>" says how someone is seen, not what they are."""


def former(modifiers: frozenset[str]) -> str | None:
    """ "Afghanistan's former president": a past role (modality "former"), not a present one."""
    return "former" if not PAST_ROLE_WORDS.isdisjoint(modifiers) else None


PAST_ROLE_WORDS = frozenset({"former", "ex", "late", "then"})


ROLE_NAMES = frozenset({("compound", "ORG"), ("nmod", "ORG")})
"""A name before a role that is its organisation ("the GM president")."""


def _role_organisations(role: Token) -> Iterator[tuple[Token, Token | None]]:
    """The named organisation or country of a role: its possessor ("GM's president"), an
    organisation's name before it ("the GM president"; "the Chicago lawyer" is from
    there) or the object of its preposition ("an analyst at Analysys")."""
    if role.lower_ in reltypes.POSTED_ROLES:  # "South Sudan's UN ambassador"
        sender = labelled(role, "poss")
        if sender is not None and sender.ent_type_ in reltypes.STATE_LABELS:
            yield sender, None
            return
    for child in kids(role):
        if (child.dep_, child.ent_type_) in ROLE_NAMES or (
            child.dep_ == "poss" and child.ent_type_ in BODY_LABELS
        ):
            yield child, None
        elif child.dep_ == "prep" and child.i > role.i and child.lower_ in OWN_ROLE_PREPS:
            org = labelled(child, "pobj")
            if org is not None and org.ent_type_ in BODY_LABELS:
                if child.lower_ == "in" and org.ent_type_ != "ORG":
                    continue  # "a lawyer in Karachi" works there, not for it
                yield org, child
            elif org is not None and child.lower_ != "in" and _named_body(org):
                yield org, child  # "an adviser at the Russian defence ministry"
    state = _state_of_office(role)
    if state is not None:  # "Xi Jinping, the Chinese president"
        yield state, None


def _state_of_office(role: Token) -> Token | None:
    """The country whose name or adjective makes ``role`` an office of its state ("the
    Russian deputy foreign minister"); not a party's legislator ("a Republican senator")
    nor a role another word narrows ("the Russian opposition leader")."""
    word = role.lower_
    if word not in reltypes.STATE_ROLES:
        return None
    modifiers = [c for c in lefts(role) if c.dep_ in MODIFIER_DEPS]
    states = [c for c in modifiers if c.ent_type_ in reltypes.STATE_LABELS]
    if len(states) != 1 or any(
        not c.ent_type_ and c.lower_ not in reltypes.OFFICE_WORDS for c in modifiers
    ):
        return None
    if states[0].ent_type_ == "NORP" and word in reltypes.LEGISLATORS:
        return None
    return states[0]


def _named_body(noun: Token) -> bool:
    """ "the Russian defence ministry", "the US embassy": a common noun that a name before
    it makes a body of that state or organisation (the resolver decides which bodies it
    links: the ministry, not the embassy)."""
    return noun.pos == NOUN and any(
        c.dep_ in ("compound", "amod") and c.ent_type_ in BODY_LABELS for c in lefts(noun)
    )


def _based(based: Token) -> Iterator[Frame]:
    """ "Beijing-based Analysys" -> Analysys BASED_IN Beijing."""
    place = next((c for c in kids(based) if c.ent_type_ in PLACE_LABELS), None)
    org = based.head
    if place is None or based.dep_ != "amod" or org.ent_type_ not in BODY_LABELS:
        return
    name = Slot(org, bounds=entity_bounds(org))  # not "Beijing-based Analysys"
    yield Frame(EVENT, based, name, Slot(place, bounds=entity_bounds(place)), [based], ["based_in"])


def _named_participle(part: Token, sentence: Sentence) -> Iterator[Frame]:
    """ "the US-backed rebels" -> United States BACK rebels, "the Kremlin-funded channel"
    -> Kremlin FUND channel: a name joined by a hyphen to a past participle before a noun
    is the participle's agent ("based", "born", "linked" ... say where or what, not who)."""
    if part.tag_ != "VBN" or part.lower_ in NOT_AGENTIVE_PARTICIPLES:
        return
    hyphen = next((c for c in lefts(part) if c.lower == HYPHEN and c.i == part.i - 1), None)
    agent = next((c for c in lefts(part) if c.i < part.i - 1 and c.ent_type_ in ACTOR_LABELS), None)
    if hyphen is None or agent is None:
        return
    noun = part.head
    if noun.pos not in NOUN_OR_NAME or noun.i < part.i:
        return
    first, last = entity_bounds(noun) if noun.ent_type_ else (part.i + 1, noun.i + 1)
    named = Slot(agent, bounds=entity_bounds(agent))
    thing = Slot(noun, bounds=(max(first, part.i + 1), last))
    if part.lower_ in WHERE_PARTICIPLES:  # "US-educated Ma" was educated in the US
        if agent.ent_type_ in PLACE_LABELS:
            yield Frame(EVENT, part, thing, named, [part], ["be", part.lower_, "in"])
        return
    yield Frame(
        EVENT, part, named, thing, [part], list(reltypes.verb_type((sentence.lemma(part),)))
    )


NOT_AGENTIVE_PARTICIPLES = frozenset(
    words(
        """
        based born bred bound related linked affiliated focused oriented centred centered
        listed registered headquartered styled themed flagged
        """
    )
)
"""Participles whose hyphenated name says where, what or which, not who acts."""
WHERE_PARTICIPLES = frozenset(words("educated raised schooled"))
"""Participles whose hyphenated place says where ("US-educated", "London-raised")."""


def _invitation(prep: Token, sentence: Sentence) -> Iterator[Frame]:
    """ "X arrived in Lima at the invitation of Y", "X is on a visit at Y's invitation" ->
    Y INVITE X: the inviter of the occasion invited the clause's subject."""
    noun = labelled(prep, "pobj")
    if noun is None or noun.lower not in INVITATION_IDS:
        return
    inviter = labelled(noun, "poss")
    if inviter is None:
        of = next((c for c in rights(noun) if c.dep_ == "prep" and c.lower_ == "of"), None)
        inviter = labelled(of, "pobj") if of is not None else None
    clause = _clause_head(prep)
    if inviter is None or clause is None or not _named(inviter):
        return
    guest = subjects.logical_subject(clause)
    if guest is None or subjects.is_expletive(guest):
        return
    base = Frame(EVENT, noun, Slot(inviter), Slot(guest), [noun], ["invite"])
    base.negated, base.modality = negated(clause), modal(clause)
    yield from expand(base)


INVITING_PREP_IDS = ids(["at", "upon", "on", "by"])
CANDIDATE_WORDS = frozenset({HYPHEN, BETWEEN, BASED}) | INVITING_PREP_IDS
"""The words :func:`event_frames` looks at besides verbs and appositions ("Turkey-US
talks", "talks between", "at the invitation of", "Beijing-based"): its other rules start
from no other token."""
INVITATION_IDS = ids(["invitation"])


def _clause_head(tok: Token) -> Token | None:
    """The verb or copula whose clause ``tok`` is in."""
    head = tok.head
    while head.pos not in VERBAL_POS and head.head.i != head.i:
        head = head.head
    return head if head.pos in VERBAL_POS else None


def _prohibited_in(frame: Frame, sentence: Sentence) -> Iterator[Frame]:
    """ "a group banned in Russia", "X is outlawed in Egypt" -> Russia BAN group, Egypt
    OUTLAW X: a prohibition without an agent is the law of the country it is in.  The
    clause (X BAN_IN Russia) stays for OpenIE only."""
    verb, obj = frame.anchor, frame.object
    if obj is None or obj.prep is None or obj.prep.lower_ != "in" or frame.passive_agent:
        return
    if obj.head.ent_type_ != "GPE" or not subjects.is_passive(verb):
        return
    lemma = sentence.lemma(verb)
    if lemma not in PROHIBITING_VERBS:
        return
    frame.kind = SURFACE
    yield _stated(frame, verb, Slot(obj.head), frame.subject, [verb, obj.prep], [lemma])


PROHIBITING_VERBS = frozenset(words("ban outlaw prohibit proscribe forbid"))


def _copular_event(frame: Frame, sentence: Sentence) -> Iterator[Frame]:
    """ "X is on a visit to Y", "X was in talks with Y", "X is at war with Y" -> X VISIT
    Y, X MEET Y, X FIGHT Y: an event noun as the place a copula puts its subject in."""
    obj = frame.object
    if obj is None or obj.prep is None or obj.prep.lower not in EVENT_STATE_PREP_IDS:
        return
    noun = obj.head
    if noun.pos != NOUN:
        return
    for prep, party in _participants(noun, noun):
        typed = _event_type(noun, prep.lower_, sentence)
        if typed is not None:
            obj = Slot(party, prep)
            yield from expand(
                _stated(frame, frame.anchor, frame.subject, obj, [noun, prep], [typed])
            )
            return


EVENT_STATE_PREP_IDS = ids(["on", "in", "at"])


def _copular_role(frame: Frame) -> Iterator[Frame]:
    """ "Mary Barra is GM's chief executive", "Li is an analyst at Analysys", "Xi is the
    Chinese president": a role said with a copula relates like one in apposition."""
    obj = frame.object
    if frame.rel != ["is", "a"] or obj is None or obj.prep is not None:
        return
    at_copula = (
        (slot.head, slot.prep)
        for slot in frame.extras
        if slot.prep is not None
        and slot.prep.lower_ in OWN_ROLE_PREPS
        and slot.head.ent_type_ in BODY_LABELS
        and (slot.prep.lower_ != "in" or slot.head.ent_type_ == "ORG")
    )
    for role in _role_frames(frame.subject.head, obj.head, at_copula):
        role.negated, role.modality = frame.negated, frame.modality or role.modality
        yield role


def _enclosing_place(frame: Frame) -> Iterator[Frame]:
    """ "arrived at the Kremlin in Moscow" -> also ARRIVE_IN Moscow: a building or an
    institution located in a named place puts the event in that place."""
    obj = frame.object
    if obj is None or obj.prep is None or obj.prep.lower not in PLACE_PREP_IDS:
        return
    if obj.head.ent_type_ not in ("FAC", "ORG") and obj.head.pos != NOUN:
        return
    for prep in labels(obj.head).get("prep", ()):
        place = labelled(prep, "pobj") if prep.lower_ == "in" else None
        if place is not None and place.ent_type_ == "GPE":
            rel = [frame.rel[0], "in"]
            pred = [*frame.pred[:-1], prep]
            yield _stated(frame, frame.anchor, frame.subject, Slot(place, prep), pred, rel)
            return


def _possessed_message(frame: Frame, sentence: Sentence) -> Iterator[Frame]:
    """ "Tusk received May's letter", "Kim read Putin's message" -> Tusk RECEIVE_FROM May:
    the possessor of a message is its sender; "sought Beijing's help", "won Berlin's
    backing" -> SEEK_HELP_FROM Beijing, WIN_BACKING_FROM Berlin: the possessor of help is
    the party that gives it."""
    obj = frame.object
    if obj is None or obj.prep is not None or frame.passive_agent:
        return
    message, aid = obj.head.lower in MESSAGE_IDS, obj.head.lower in AID_IDS
    if not (message or aid):
        return
    sender = labelled(obj.head, "poss")
    if sender is None or not _named(sender):
        return
    lemma = sentence.lemma(frame.anchor)
    if message and lemma not in RECEIVING_VERBS:
        return
    rel = [lemma, "from"] if message else [lemma, sentence.lemma(obj.head), "from"]
    pred = [*frame.pred, obj.head]
    yield _stated(frame, frame.anchor, frame.subject, Slot(sender), pred, rel)


MESSAGE_IDS = ids(
    words(
        """
        letter letters message messages call calls invitation invitations congratulations
        greetings proposal proposals request requests telegram note
        """
    )
)
"""Nouns for what one party sends another ("X's letter" was sent by X)."""
RECEIVING_VERBS = frozenset({"receive", "get", "read", "accept", "obtain"})
AID_IDS = ids(
    words(
        """
        help assistance aid support backing approval consent blessing cooperation
        endorsement protection
        """
    )
)
"""Nouns for what one party gives another ("X's help" is given by X)."""


def _participle_event(frame: Frame) -> Iterator[Frame]:
    """ "the EU's sanctions imposed on Russia" -> EU SANCTION Russia: the participle's
    party is the party of the event noun it describes, whose possessor is the agent."""
    verb, obj = frame.anchor, frame.object
    if obj is None or obj.prep is None or verb.dep != acl:
        return
    noun = verb.head
    typed = reltypes.noun_type(noun.lower_)
    agent = labelled(noun, "poss")
    if typed is None or agent is None or not _named(agent) or not _named(obj.head):
        return
    yield Frame(EVENT, noun, Slot(agent), obj, [noun, verb, obj.prep], [typed])


def _paired(mark: Token, sentence: Sentence) -> Iterator[Frame]:
    """ "Turkey-US talks", "Russia-Ukraine war" -> Turkey MEET US: two names joined by a
    hyphen before a symmetric event noun are its two parties."""
    noun = mark.head
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
    if noun.pos != NOUN:
        return
    typed = reltypes.event_type(sentence.lemma(noun), "with")
    if typed not in reltypes.SYMMETRIC:
        return
    left = [t for t in noun.subtree if t.i < noun.i and t.dep_ == "compound" and _named(t)]
    before = [t for t in left if t.i < mark.i]
    after = [t for t in left if t.i > mark.i]
    if before and after:
        a, b = before[-1], after[-1]
        yield Frame(
            EVENT,
            noun,
            Slot(a, bounds=entity_bounds(a)),
            Slot(b, bounds=entity_bounds(b)),
            [noun],
            [typed],
        )


def _between(noun: Token, prep: Token, sentence: Sentence) -> Iterator[Frame]:
    """ "talks between A and B" -> A MEET B; "trade between A and B" -> A TRADE_WITH B."""
    first = labelled(prep, "pobj")
    if first is None:
        return
    parties = conjuncts(first)
    if len(parties) < 2:
        return
    noun_lemma = sentence.lemma(noun)
    typed = _event_type(noun, "with", sentence)
    if typed is None:
        verb = event_verb(noun_lemma, zero=noun_lemma in reltypes.RECIPROCAL_NOUNS)
        if verb is None:
            return  # "a bridge between A and B" relates neither to the other
        typed = f"{verb}_with"
    for a, b in combinations(parties, 2):
        yield Frame(EVENT, noun, Slot(a), Slot(b), [noun, prep], [typed])


def _symmetric_parties(verb: Token, sentence: Sentence) -> Iterator[Frame]:
    """ "A and B met / clashed / held talks / agreed to ..." -> A MEET B ...; "A and B are
    locked in a dispute" -> A CLASH_WITH B (a passive only by its event noun)."""
    children = labels(verb)
    passive = "nsubj" not in children and "agent" not in children
    subjects = children.get("nsubjpass", []) if passive else children.get("nsubj", [])
    if len(subjects) > 1:  # "Putin, Erdogan agree ...": a headline's list of subjects
        parties = [p for p in subjects if _named(p)]
    elif not subjects or PARTY_LABELS.isdisjoint(labels(subjects[0])):
        return
    else:
        parties = _parties(subjects[0])
    if len(parties) < 2:
        return
    typed = None if passive else _symmetric_type(verb, sentence)
    typed = typed or _adjunct_type(verb, sentence)
    if typed is None:
        return
    for a, b in combinations(parties, 2):
        frame = Frame(EVENT, verb, Slot(a), Slot(b), [verb], [typed])
        frame.negated, frame.modality = negated(verb), modal(verb)
        yield frame


def _parties(subject: Token) -> list[Token]:
    """The parties a subject names: its conjuncts ("A and B"), or the named conjuncts of a
    collective's "of"/"from" phrase ("the leaders of A and B", "ministers from A and B")."""
    parties = [p for p in conjuncts(subject) if not is_pronoun(p)]
    if len(parties) > 1 or subject.tag_ not in ("NNS", "NNPS") or subject.ent_type_:
        return parties
    for prep in kids(subject):
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
            pobj = labelled(prep, "pobj")
            if pobj is not None and _named(pobj):
                return [p for p in conjuncts(pobj) if _named(p)]
    return parties


def _adjunct_type(verb: Token, sentence: Sentence) -> str | None:
    """ "A and B spoke ... in a phone conversation": the symmetric event of an adjunct of
    the clause (the parser may hang it on any phrase of the clause)."""
    for prep in verb.subtree:
        if prep.dep_ == "prep" and prep.lower_ in ADJUNCT_PREPS and _clause_of(prep) == verb.i:
            noun = labelled(prep, "pobj")
            if noun is not None and noun.pos == NOUN:
                typed = _event_type(noun, "with", sentence)
                if typed in reltypes.SYMMETRIC:
                    return typed
    return None


def _clause_of(tok: Token) -> int:
    """The index of the verb whose clause ``tok`` is in (a gerund under a preposition is
    part of its governor's clause: "spoke in favour of restoring X in a call")."""
    head = tok.head
    while (head.pos != VERB or head.dep_ == "pcomp") and head.head.i != head.i:
        head = head.head
    return head.i


OTHER_PARTY_PREPS = frozenset({"with", "against"})
"""Prepositions of a third party the coordinated subjects act with or against."""


def _symmetric_type(verb: Token, sentence: Sentence) -> str | None:
    """The symmetric type of ``verb`` said of several parties, or None."""
    lemma = sentence.lemma(verb)
    obj = first_child(verb, DIRECT_OBJECTS)
    if lemma in reltypes.LIGHT_VERBS and obj is not None and obj.pos == NOUN:
        typed = _event_type(obj, "with", sentence)
        return typed if typed in reltypes.SYMMETRIC else None
    if obj is not None and obj.ent_type in NAMED_LABEL_IDS:
        return None  # "A and B visited C": each visited C, they did not meet
    if any(
        p.lower_ in OTHER_PARTY_PREPS and "pobj" in labels(p) for p in labels(verb).get("prep", ())
    ):
        return None  # "A and B met with the Russian ambassador": each met him
    if obj is not None and (lemma, sentence.lemma(obj)) in reltypes.SYMMETRIC_OBJECTS:
        return reltypes.SYMMETRIC_OBJECTS[lemma, sentence.lemma(obj)]
    if lemma in reltypes.SYMMETRIC_VERBS:
        return f"{lemma}_with"
    typed = reltypes.verb_type((lemma,))[0]
    return typed if typed in reltypes.SYMMETRIC else None
