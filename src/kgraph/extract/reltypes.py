"""Normalised relation types: one type per meaning, whatever the wording.

"met", "met with", "held talks with", "had a meeting with" all state one event, so they
share the type MEET; the surface predicate stays on the claim.  This module is the one
place that says which wordings mean the same (see README "Relation types"):

- :data:`EVENT_NOUNS` gives the type an event noun stands for when a light verb
  ("hold", "have", "pay", "impose" ...) or a preposition ("in a call with") carries it;
- :data:`VERB_TYPES` folds verbs and verb + preposition wordings onto those types;
- :data:`SYMMETRIC` lists the types that hold both ways ("A and B met" -> A MEET B);
- :data:`PARTICIPANT_PREPS` says which preposition introduces the other party of a
  comitative verb, so that "met *in* Tokyo" or "met *on* Monday" never becomes MEET_IN or
  MEET_ON (times and places are adjuncts, kept as context on the claim).
"""

from __future__ import annotations

from kgraph.extract.lexicon import words

MEET = "meet"
CALL = "call"
TALK = "talk_with"
VISIT = "visit"
SANCTION = "sanction"
ATTACK = "attack"
STAKE = "acquire_stake_in"
DEAL = "sign_deal_with"
CLASH = "clash_with"
PARTNER = "partner_with"
LEAD = "lead"
WORK_FOR = "work_for"

EVENT_NOUNS: dict[str, str] = {
    **dict.fromkeys(words("talk talks meeting summit consultation audience"), MEET),
    **dict.fromkeys(words("call phonecall"), CALL),
    **dict.fromkeys(words("conversation chat"), TALK),
    **dict.fromkeys(words("visit trip tour"), VISIT),
    **dict.fromkeys(words("sanction embargo"), SANCTION),
    **dict.fromkeys(words("attack strike offensive assault raid airstrike"), ATTACK),
    "stake": STAKE,
    **dict.fromkeys(words("deal agreement pact accord contract"), DEAL),
    **dict.fromkeys(words("dispute discord row rift feud clash quarrel tension"), CLASH),
    **dict.fromkeys(words("partnership alliance"), PARTNER),
    "war": "fight",
    "condolence": "condole",
    "interview": "interview_with",
    "reference": "refer_to",
    "relation": "have_relations_with",
    "relationship": "have_relations_with",
    "tie": "have_relations_with",
    "negotiation": "negotiate_with",
    "discussion": "discuss_with",
    "trade": "trade_with",
    "support": "support",
    "invitation": "invite",
    "bid": "bid_for",
    "overture": "reach_out_to",
    "letter": "write_to",
}
"""Event nouns whose verb is not simply derived, or whose meaning a verb already has."""

UNDERGONE = {
    "defeat": "defeated",
    "arrest": "arrested",
    "detention": "detained",
    "capture": "captured",
    "killing": "killed",
    "murder": "murdered",
    "assassination": "assassinated",
    "execution": "executed",
    "expulsion": "expelled",
    "deportation": "deported",
    "extradition": "extradited",
    "release": "released",
    "ouster": "ousted",
    "dismissal": "dismissed",
    "firing": "fired",
    "impeachment": "impeached",
    "conviction": "convicted",
    "election": "elected",
    "appointment": "appointed",
    "nomination": "nominated",
    "birth": "born",
}
"""Event nouns whose possessor, or "of" phrase without one, underwent the event: "Japan's
defeat in World War II", "the arrest of X in Moscow" -> BE_DEFEATED_IN, BE_ARRESTED_IN (not
what Japan or X did)."""

TYPES = frozenset(EVENT_NOUNS.values())
"""The types event nouns stand for."""

PHONE_WORDS = frozenset(words("phone telephone"))
"""Modifiers that make a conversation a call ("a telephone conversation with")."""

LIGHT_VERBS = frozenset(
    words(
        """
        have hold make take pay give offer launch sign conduct impose carry stage mount
        conclude reach strike seal hold acquire buy extend express send convey deliver
        begin start open wage fight sit engage grant form forge establish announce
        """
    )
)
"""Verbs that carry an event noun's meaning rather than their own ("held talks")."""

PREPOSITIONAL_LIGHT_VERBS = frozenset(words("enter engage sit participate join"))
"""Verbs that carry an event noun through a preposition ("entered into an alliance")."""

VERB_TYPES: dict[str, str] = {
    "meet": MEET,
    "meet with": MEET,
    "sit down with": MEET,
    "sit down for": MEET,
    "talk": TALK,
    "talk with": TALK,
    "talk to": TALK,
    "speak with": TALK,
    "speak to": TALK,
    "phone": CALL,
    "telephone": CALL,
    "call": CALL,
    "visit": VISIT,
    "clash": CLASH,
    "clash with": CLASH,
    "sanction": SANCTION,
    "attack": ATTACK,
    "base in": "based_in",
    "headquarter in": "based_in",
    "locate in": "located_in",
    "describe": "describe_as",
    "describe as": "describe_as",
    "brand": "describe_as",
    "brand as": "describe_as",
    "label": "describe_as",
    "label as": "describe_as",
    "partner with": PARTNER,
    "ally with": PARTNER,
    "down": "shoot_down",  # "Turkey downed a Russian jet"
    "oppose to": "oppose",  # "a group opposed to the regime"
    **dict.fromkeys(words("lead head chair"), LEAD),
    "work for": WORK_FOR,
}
"""Verb wordings (lemma and particle/preposition) and the type they share."""

COMITATIVE_TYPES = frozenset({MEET, CALL, TALK, "interview_with", "negotiate_with", "discuss_with"})
"""Event types whose "with" phrase names the other party ("in an interview with X")."""

SYMMETRIC_VERBS = frozenset(
    words("agree disagree negotiate discuss cooperate collaborate argue spar merge")
)
"""Verbs that, said of two coordinated parties, relate them "with" each other (AGREE_WITH)."""

RECIPROCAL_NOUNS = frozenset(
    words("contact conflict fight battle struggle split rupture exchange border race match link")
)
"""Nouns that are verbs too and name what two parties do to each other ("contacts between
A and B"); other such nouns between two names do not relate them ("a bridge between A and
B", "trains between A and B")."""

SYMMETRIC_OBJECTS = {
    ("shake", "hand"): "shake_hands_with",
    ("exchange", "view"): "exchange_views_with",
    ("lock", "horn"): CLASH,
}
"""Verb + object idioms said of two parties ("A and B shook hands")."""

SYMMETRIC = frozenset(
    {MEET, CALL, TALK, CLASH, PARTNER, DEAL, "trade_with", "fight", "have_relations_with"}
    | SYMMETRIC_VERBS
    | {f"{verb}_with" for verb in SYMMETRIC_VERBS}
    | set(SYMMETRIC_OBJECTS.values())
)
"""Types that hold in both directions: a coordinated subject relates its conjuncts."""

COMITATIVE_VERBS: dict[str, frozenset[str]] = {
    "meet": frozenset({"with"}),
    "talk": frozenset({"with", "to"}),
    "speak": frozenset({"with", "to"}),
    "clash": frozenset({"with"}),
    "negotiate": frozenset({"with"}),
    "agree": frozenset({"with", "on", "to"}),
}
"""Verbs whose other party is introduced by these prepositions only."""

PARTICIPANT_PREPS = frozenset(words("with to on against in into from between for over"))
"""Prepositions that may introduce the other party of an event noun."""


LEAD_ROLES = frozenset(
    words(
        """
        leader head president chairman chairwoman chairperson chair ceo premier chancellor
        secretary-general speaker
        king queen governor mayor boss director commander
        """
    )
)
"""Role nouns that say who leads the organisation or country ("the head of X" -> LEAD)."""
POSTED_ROLES = frozenset(words("ambassador representative delegate"))
"""Roles a state sends to an organisation: in "South Sudan's UN ambassador" and "US UN
Ambassador" the state employs, the organisation is the posting (but an "EU ambassador"
with no state named is the EU's, and a "UN envoy" the UN's)."""
CHIEF_WORDS = frozenset(words("chief managing prime first"))
"""Modifiers that make an executive or officer its organisation's leader."""
STATE_ROLES = frozenset(
    words(
        """
        president premier chancellor king queen emperor prince governor mayor leader
        minister secretary secretary-general ambassador envoy official diplomat spokesman
        spokeswoman spokesperson general commander negotiator prosecutor attorney consul
        admiral senator lawmaker congressman congresswoman
        """
    )
)
"""Roles a country's name or adjective can own: offices of the state."""
LEGISLATORS = frozenset(words("senator lawmaker congressman congresswoman"))
"""Roles an adjective names the party of ("Republican Senator"), not the employer."""
PORTFOLIO_WORDS = frozenset(
    words(
        """
        defence defense interior labor labour justice education transport health finance
        treasury trade commerce energy agriculture environment culture security affairs
        brexit enlargement development economy industry housing welfare
        """
    )
)
"""Last words of a portfolio: "Defense Secretary X" holds an office, "White House press
secretary X" works for the White House."""
OFFICE_WORDS = PORTFOLIO_WORDS | frozenset(
    words("foreign prime deputy vice first chief top senior acting interim new incoming")
    + words("outgoing former late then")
)
"""Lower-case words that keep a role an office of the state ("the Russian deputy foreign
minister"); any other ("the Russian opposition leader") makes it something else."""
STATE_LABELS = frozenset({"GPE", "NORP", "LOC"})
"""Entity labels of a state, whose name or adjective may own an office or send an envoy."""
ROLE_PREPS = frozenset(words("of at for with in"))
"""Prepositions that tie a role noun to its organisation ("an analyst at X")."""


PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "eer", "ee")
PERSON_ROLES = frozenset(
    words(
        """
        chief secretary official aide deputy envoy executive fellow expert general captain
        attorney judge diplomat analyst rapporteur
        """
    )
)
"""Roles without a role's ending (:data:`PERSON_SUFFIXES`) that lead nothing (see
:data:`LEAD_ROLES`)."""
NOT_ROLES = frozenset(
    words(
        """
        center centre paper order number letter matter water border
        resident citizen native student patient client customer passenger user viewer
        reader listener subscriber follower supporter opponent rival challenger critic
        protester prisoner detainee survivor shareholder investor donor voter
        mother father brother sister daughter grandmother grandfather stepfather
        stepmother freshman sophomore author winner predecessor successor owner
        nominee candidate
        """
    )
)
"""Nouns with a role's ending that say what someone is to a place, an organisation or a
person, not that they work for it ("a resident of Vitoria", "Kremlin opponent", "Wang's
mother", "a University of Florida freshman", "the author of 'Ways of Seeing'", "Trump's
predecessor", "the dog's owner", "Sanders' preferred candidate")."""


def is_role(noun: str) -> bool:
    """A noun for a person's role or job ("analyst", "spokesman", "head"), by its ending or
    the list of those without one; "a state pension fund" is none."""
    if noun in PERSON_ROLES or noun in LEAD_ROLES:
        return True
    return noun.endswith(PERSON_SUFFIXES) and noun not in NOT_ROLES and len(noun) > 4


def role_type(
    noun: str, modifiers: frozenset[str] = frozenset(), prep: str = "of", *, state: bool = False
) -> str:
    """The type a role noun gives its holder and organisation: LEAD for who leads it ("the
    chairman of X", "X's chief executive"), WORK_FOR for every other role ("an analyst at
    X", "a director at X", "the chief economist of X").  A country (``state``) is led only
    by its head of state or government: "the US commander" works for it.

    >>> role_type("chairman"), role_type("executive", frozenset({"chief"})), role_type("analyst")
    ('lead', 'lead', 'work_for')
    >>> role_type("commander", state=True), role_type("president", state=True)
    ('work_for', 'lead')
    >>> role_type("director", frozenset({"budget"})), role_type("director")
    ('work_for', 'lead')
    """
    if prep != "of" or not DEPUTY_WORDS.isdisjoint(modifiers):
        return WORK_FOR
    if not FUNCTION_WORDS.isdisjoint(modifiers):  # "White House budget director"
        return WORK_FOR
    chief = noun in CHIEF_ROLES and not CHIEF_WORDS.isdisjoint(modifiers)
    if state and noun not in STATE_LEADERS and not chief:
        return WORK_FOR
    return LEAD if noun in LEAD_ROLES or chief else WORK_FOR


CHIEF_ROLES = frozenset({"executive", "officer", "minister"})
STATE_LEADERS = frozenset(
    words("leader head president premier chancellor king queen emperor governor mayor")
)
"""The roles that lead a country, region or city (with "prime" or "first" minister)."""
FUNCTION_WORDS = PORTFOLIO_WORDS | frozenset(
    words(
        """
        budget communications campaign policy press legal marketing sales technology
        technical research operations operating strategy financial programme program
        regional editorial news sports digital investment information
        """
    )
)
"""Modifiers that make a role head one function of its organisation, not the whole:
"budget director", "campaign chairman", "chief financial officer"."""
DEPUTY_WORDS = frozenset({"deputy", "vice", "assistant", "minority", "majority"})
"""Modifiers of a role that serves its leader ("deputy head", "Deputy Prime Minister"), or
leads only a part ("House Minority Leader", "Senate Majority Leader")."""


def verb_type(parts: tuple[str, ...]) -> tuple[str, ...]:
    """The normalised relation parts for a verb wording ("meet", "with") -> ("meet",).

    >>> verb_type(("meet", "with"))
    ('meet',)
    >>> verb_type(("deploy", "to"))
    ('deploy', 'to')
    """
    key = " ".join(parts)
    found = VERB_TYPES.get(key)
    return (found,) if found is not None else parts


def event_type(noun: str, prep: str, *, phone: bool = False) -> str | None:
    """The type an event noun (lemma) with its participant preposition stands for, or None.

    >>> event_type("talk", "with")
    'meet'
    >>> event_type("conversation", "with", phone=True)
    'call'
    """
    found = noun_type(noun)
    if found is None or prep not in TYPE_PREPS.get(found, PARTICIPANT_PREPS):
        return None
    return CALL if found == TALK and phone else found


WITH = frozenset({"with", "between"})
TYPE_PREPS: dict[str, frozenset[str]] = {
    **dict.fromkeys((MEET, CALL, TALK), WITH | {"to"}),  # granted an audience / a call to X
    **dict.fromkeys((DEAL, CLASH, PARTNER), WITH),
    "have_relations_with": WITH | {"to"},  # "Tillerson's ties to Russia"
    **dict.fromkeys(("negotiate_with", "discuss_with", "trade_with"), WITH),
    VISIT: frozenset({"to", "in"}),
    SANCTION: frozenset({"on", "against"}),
    ATTACK: frozenset({"on", "against"}),
    STAKE: frozenset({"in"}),
    "fight": frozenset({"with", "against"}),
    "interview_with": frozenset({"with", "to"}),
    "condole": frozenset({"to", "with"}),
    "bid_for": frozenset({"for"}),
    "reach_out_to": frozenset({"to"}),
    "write_to": frozenset({"to"}),
    "refer_to": frozenset({"to"}),
}
"""The prepositions that introduce the other party of each event ("a deal *in* Ukraine"
names a place, not a party)."""


def noun_type(word: str) -> str | None:
    """The type an event noun (any number) stands for: "sanctions" -> "sanction"."""
    return EVENT_NOUNS.get(word) or EVENT_NOUNS.get(word.rstrip("s"))
