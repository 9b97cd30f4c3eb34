"""Within-article resolution: name variants, countries, pronouns, claims."""

from __future__ import annotations

import itertools

import pytest

from kgraph.models import Argument, Article, EntityMention, RelationMention
from kgraph.resolve import resolve_article
from kgraph.resolve.countries import country_name
from kgraph.resolve.names import (
    clean,
    distinct_case,
    entity_key,
    normalise_name,
    split_title,
)
from kgraph.resolve.pronouns import PersonMention, PronounResolver


@pytest.mark.parametrize(
    ("text", "label", "name", "title"),
    [
        ("Kim Jong Un's", "PERSON", "Kim Jong Un", None),
        ("President Vladimir Putin", "PERSON", "Vladimir Putin", "President"),
        ("Mr. Putin", "PERSON", "Putin", "Mr."),
        ("the Kremlin", "ORG", "Kremlin", None),
        ("  Yonhap\u00a0News ", "ORG", "Yonhap News", None),
        ("“Ukraine”", "GPE", "Ukraine", None),
        ("Putin", "PERSON", "Putin", None),
        ("Donald Trump Which", "PERSON", "Donald Trump", None),
        ("this White House", "ORG", "White House", None),
        ("Theresa May", "PERSON", "Theresa May", None),
    ],
)
def test_normalise_name(text: str, label: str, name: str, title: str | None) -> None:
    assert normalise_name(text, label) == (name, title)


@pytest.mark.parametrize(
    ("name", "split"),
    [
        ("Chair Devin Nunes", ("Devin Nunes", "Chair")),
        ("Sen. Al Franken", ("Al Franken", "Sen.")),
        ("Vice President Mike Pence", ("Mike Pence", "Vice President")),
    ],
)
def test_split_title_knows_the_titles_extraction_knows(name: str, split: tuple[str, str]) -> None:
    from kgraph.extract import mentions
    from kgraph.resolve import names

    assert split_title(name) == split
    assert names.HONORIFICS is mentions.HONORIFICS  # one list for both


def test_split_title_keeps_single_token_names() -> None:
    assert split_title("President") == ("President", None)


def test_clean_strips_possessive_and_quotes() -> None:
    assert clean('"Moscow\'s"') == "Moscow"


@pytest.mark.parametrize(
    ("text", "demonym", "country"),
    [
        ("DPRK", False, "North Korea"),
        ("North Korea", False, "North Korea"),
        ("Democratic People's Republic of Korea", False, "North Korea"),
        ("North Korean", True, "North Korea"),
        ("U.S.", False, "United States"),
        ("Ukrainian", True, "Ukraine"),
        ("Chinese", True, "China"),
        ("Ukraine", False, "Ukraine"),
        ("North Korean", False, None),
        ("Moscow", False, None),
        ("Kremlin", True, None),
        ("Russian", True, "Russia"),
        ("Russians", True, "Russia"),
        ("Americans", True, "United States"),
        ("Russian Federation", False, "Russia"),
        ("UK", False, "United Kingdom"),
        ("Korean", True, None),
        # codes and initials that name something else in news
        ("DC", False, None),  # Washington, DC, not "DR Congo"
        ("CA", False, None),  # California, not Canada's ISO code
        ("RT", False, None),  # a broadcaster, not "Republique Togolaise"
        ("UAE", False, "United Arab Emirates"),
        ("NZ", False, "New Zealand"),
    ],
)
def test_country_name(text: str, demonym: bool, country: str | None) -> None:
    assert country_name(text, demonym=demonym) == country


@pytest.mark.parametrize(
    "names",
    [
        ["pellagra sufferers", "Pellagra", "pellagra"],
        ["MOSCOW", "moscow", "Moscow"],
        ["the Kremlin", "The Kremlin", "THE KREMLIN"],
    ],
)
def test_distinct_case_does_not_depend_on_order(names: list[str]) -> None:
    """Names come from sets, whose order changes from run to run with the hash seed: the
    variant kept must not (the same article once gave "Pellagra", once "pellagra")."""
    chosen = {tuple(distinct_case(p)) for p in itertools.permutations(names)}
    assert len(chosen) == 1
    (kept,) = chosen
    assert len(kept) == len({n.casefold() for n in names})
    assert not any(n.isupper() for n in kept)


def test_entity_key_is_case_and_space_insensitive() -> None:
    assert entity_key("Person", "Vladimir  Putin") == entity_key("Person", "vladimir putin")
    assert entity_key("Person", "Kim") != entity_key("Place", "Kim")


def _m(text: str, start: int, label: str) -> EntityMention:
    return EntityMention(text, start, start + len(text), label)


def _rel(subj: EntityMention, relation: str, obj: EntityMention, sent: int = 0) -> RelationMention:
    return RelationMention(
        subject=Argument(subj.text, subj.start, subj.end, subj),
        predicate=relation.lower(),
        relation=relation,
        object=Argument(obj.text, obj.start, obj.end, obj),
        sentence="s",
        sentence_start=sent,
        confidence=0.8,
    )


ARTICLE = Article(id="a1", title="t", text="x", published="2025-12-25")


def test_short_names_resolve_to_the_full_name_in_the_article() -> None:
    putin_full = _m("Vladimir Putin", 0, "PERSON")
    kim_full = _m("Kim Jong Un", 30, "PERSON")
    putin, kim = _m("Putin", 100, "PERSON"), _m("Kim", 120, "PERSON")
    result = resolve_article(
        ARTICLE,
        [_rel(putin, "CONGRATULATE", kim, 100)],
        [putin_full, kim_full, putin, kim],
        [(0, 99), (100, 200)],
        "x/1",
    )
    assert set(result.entities) == {"person:vladimir putin", "person:kim jong un"}
    [claim] = result.claims
    assert (claim.subject_key, claim.relation, claim.object_key) == (
        "person:vladimir putin",
        "CONGRATULATE",
        "person:kim jong un",
    )
    assert {r.ref: r.count for r in result.refs} == {
        "person:vladimir putin": 2,
        "person:kim jong un": 2,
    }
    assert "Putin" in result.entities["person:vladimir putin"].aliases


def test_ambiguous_short_name_is_not_merged() -> None:
    mentions = [
        _m("Kim Jong Un", 0, "PERSON"),
        _m("Kim Yo Jong", 20, "PERSON"),
        _m("Kim", 40, "PERSON"),
    ]
    result = resolve_article(ARTICLE, [], mentions, [(0, 100)], "x/1")
    assert "person:kim" in result.entities


def test_a_short_name_is_the_one_person_of_that_name_introduced_before_it() -> None:
    rupert, short = _m("Rupert Murdoch", 0, "PERSON"), _m("Murdoch", 40, "PERSON")
    sky, later = _m("Sky", 60, "ORG"), _m("Murdoch", 140, "PERSON")
    mentions = [
        rupert,
        short,
        sky,
        _m("Lachlan Murdoch", 80, "PERSON"),
        _m("James Murdoch", 110, "PERSON"),
        later,
    ]
    relations = [_rel(short, "CRITICISE", sky, 40), _rel(later, "PRAISE", sky, 140)]
    result = resolve_article(ARTICLE, relations, mentions, [(0, 39), (40, 139), (140, 200)], "x/1")
    first, second = result.claims
    # Before Lachlan and James are named, "Murdoch" can only be Rupert ...
    assert first.subject_key == "person:rupert murdoch"
    assert "Murdoch" in result.entities["person:rupert murdoch"].aliases
    # ... after them it fits three people and stays a name of its own.
    assert second.subject_key == "person:murdoch"


def test_a_surname_ner_called_an_organisation_is_the_person_introduced_before_it() -> None:
    donald, trump, ivanka = (
        _m("Donald Trump", 0, "PERSON"),
        _m("Trump", 30, "ORG"),
        _m("Ivanka Trump", 60, "PERSON"),
    )
    pence = _m("Mike Pence", 40, "PERSON")
    result = resolve_article(
        ARTICLE,
        [_rel(trump, "CHOOSE", pence, 30)],
        [donald, trump, pence, ivanka],
        [(0, 29), (30, 100)],
        "x/1",
    )
    [claim] = result.claims
    assert claim.subject_key == "person:donald trump"


def test_a_surname_ner_missed_is_the_person_introduced_before_it() -> None:
    donald, ivanka = _m("Donald Trump", 0, "PERSON"), _m("Ivanka Trump", 80, "PERSON")
    early, late = _m("Trump", 30, "ORG"), _m("Trump", 110, "ORG")
    bare, pence = _m("Trump", 50, "NOUN"), _m("Mike Pence", 60, "PERSON")  # NER missed it
    result = resolve_article(
        ARTICLE,
        [_rel(bare, "CHOOSE", pence, 50)],
        [donald, early, pence, ivanka, late],
        [(0, 49), (50, 200)],
        "x/1",
    )
    [claim] = result.claims
    assert claim.subject_key == "person:donald trump"


def test_acronym_and_country_resolution() -> None:
    mentions = [
        _m("DPRK", 0, "ORG"),
        _m("North Korea", 10, "GPE"),
        _m("KCNA", 30, "ORG"),
        _m("Korean Central News Agency", 40, "ORG"),
    ]
    result = resolve_article(ARTICLE, [], mentions, [(0, 100)], "x/1")
    assert set(result.entities) == {"place:north korea", "organization:korean central news agency"}
    assert {r.ref: r.count for r in result.refs}["place:north korea"] == 2


def test_type_vote_decides_between_labels() -> None:
    mentions = [
        _m("Kim Jong Un", 0, "PERSON"),
        _m("Kim Jong Un", 20, "PERSON"),
        _m("Kim Jong Un", 40, "ORG"),
    ]
    result = resolve_article(ARTICLE, [], mentions, [(0, 100)], "x/1")
    assert set(result.entities) == {"person:kim jong un"}


def test_pronoun_resolves_to_previous_subject() -> None:
    putin, kim = _m("Putin", 0, "PERSON"), _m("Kim Jong Un", 14, "PERSON")
    he, ties = _m("He", 40, "PRON"), _m("ties", 55, "NOUN")
    rels = [_rel(putin, "THANK", kim, 0), _rel(he, "EMPHASIZE", ties, 40)]
    result = resolve_article(ARTICLE, rels, [putin, kim], [(0, 39), (40, 80)], "x/1")
    assert {(c.subject_key, c.relation) for c in result.claims} == {
        ("person:putin", "THANK"),
        ("person:putin", "EMPHASIZE"),
    }


def test_pronoun_with_two_candidates_in_its_sentence_is_dropped() -> None:
    kim, putin = _m("Kim Jong Un", 0, "PERSON"), _m("Vladimir Putin", 30, "PERSON")
    he, grat = _m("he", 60, "PRON"), _m("gratitude", 72, "NOUN")
    rels = [_rel(he, "EXPRESS", grat, 0)]
    result = resolve_article(ARTICLE, rels, [kim, putin], [(0, 100)], "x/1")
    assert result.claims == []


@pytest.mark.parametrize("word", ["This", "which", "it", "They"])
def test_non_personal_pronouns_are_never_resolved(word: str) -> None:
    resolver = PronounResolver([(0, 10), (10, 20)], [PersonMention(0, "person:x", True)])
    assert resolver.resolve(word, 12) is None


def test_relation_between_an_entity_and_itself_is_dropped() -> None:
    putin, putin2 = _m("Vladimir Putin", 0, "PERSON"), _m("Putin", 30, "PERSON")
    result = resolve_article(
        ARTICLE, [_rel(putin, "MEET", putin2)], [putin, putin2], [(0, 100)], "x/1"
    )
    assert result.claims == []


def test_a_reflexive_object_is_never_another_entity() -> None:
    trump, sessions = _m("Donald Trump", 0, "PERSON"), _m("Sessions", 40, "PERSON")
    himself = _m("himself", 62, "PRON")
    rels = [_rel(trump, "PRAISE", sessions, 0), _rel(sessions, "RECUSE", himself, 40)]
    result = resolve_article(ARTICLE, rels, [trump, sessions], [(0, 39), (40, 80)], "x/1")
    recused = [c for c in result.claims if c.relation == "RECUSE"]
    assert [(c.subject_key, c.object_key) for c in recused] == [("person:sessions", "")]


def test_claim_ids_are_stable() -> None:
    a, b = _m("Vladimir Putin", 0, "PERSON"), _m("Kim Jong Un", 20, "PERSON")
    first = resolve_article(ARTICLE, [_rel(a, "THANK", b)], [a, b], [(0, 50)], "x/1")
    second = resolve_article(ARTICLE, [_rel(a, "THANK", b)], [a, b], [(0, 50)], "x/1")
    other = resolve_article(ARTICLE, [_rel(a, "THANK", b)], [a, b], [(0, 50)], "x/2")
    assert first.claims[0].id == second.claims[0].id != other.claims[0].id


def test_a_surname_ner_called_an_organisation_joins_the_person() -> None:
    mentions = [_m("Donald Trump", 0, "PERSON"), _m("Trump", 30, "ORG"), _m("Trump", 50, "ORG")]
    result = resolve_article(ARTICLE, [], mentions, [(0, 100)], "x/1")
    assert set(result.entities) == {"person:donald trump"}
    assert {r.ref: r.count for r in result.refs} == {"person:donald trump": 3}


def test_an_acronym_is_not_the_lower_case_end_of_a_persons_name() -> None:
    mentions = [_m("Donald Trump", 0, "PERSON"), _m("Kim Jong-un", 20, "PERSON")]
    mentions += [_m("UN", 40, "ORG"), _m("TRUMP", 60, "ORG")]
    result = resolve_article(ARTICLE, [], mentions, [(0, 100)], "x/1")
    assert "organization:un" in result.entities  # not merged into Kim Jong-un
    assert "organization:trump" not in result.entities  # a capitalised surname still joins


def test_initials_of_a_country_name_count_only_where_the_article_names_it() -> None:
    mentions = [_m("AP", 0, "ORG"), _m("DPRK", 10, "ORG"), _m("North Korea", 20, "GPE")]
    mentions.append(_m("TV", 40, "ORG"))
    result = resolve_article(ARTICLE, [], mentions, [(0, 100)], "x/1")
    assert set(result.entities) == {"organization:ap", "place:north korea", "organization:tv"}
    alone = resolve_article(ARTICLE, [], [_m("DPRK", 10, "ORG")], [(0, 100)], "x/2")
    assert set(alone.entities) == {"organization:dprk"}
    place = resolve_article(ARTICLE, [], [_m("PRC", 10, "GPE")], [(0, 100)], "x/3")
    assert set(place.entities) == {"place:china"}


def test_a_place_is_not_merged_into_a_person_of_the_same_name() -> None:
    mentions = [_m("Michael Jordan", 0, "PERSON"), _m("Jordan", 30, "GPE")]
    result = resolve_article(ARTICLE, [], mentions, [(0, 100)], "x/1")
    assert set(result.entities) == {"person:michael jordan", "place:jordan"}


def test_iso_codes_count_only_for_places_and_only_with_three_letters() -> None:
    assert country_name("ITA", label="ORG") is None
    assert country_name("ITA", label="GPE") == "Italy"
    assert country_name("IT", label="GPE") is None  # information technology, a title ...
    assert country_name("MK", label="GPE") is None  # a member of the Knesset


@pytest.mark.parametrize(
    ("text", "arg", "state"),
    [
        ("Ada Lund joined American in 2010.", "American", False),  # a company (or a person)
        ("Ada Lund met an Albanian in 2010.", "an Albanian", False),  # a person
        ("Ada Lund met the Hungarian in 2010.", "the Hungarian", False),  # one Hungarian
        ("Ada Lund met the Dutch in 2010.", "the Dutch", True),  # the nation: no -s plural
        ("Ada Lund met a 30-year-old Albanian in 2010.", "a 30-year-old Albanian", False),
        ("Ada Lund met Iranian-backed fighters.", "Iranian", True),  # hyphened: the state
    ],
)
def test_a_nationality_word_alone_is_the_state_only_as_a_nation(
    text: str, arg: str, state: bool
) -> None:
    word = arg.split()[-1]
    nat, at = _m(word, text.index(word), "NORP"), text.index(arg)
    ada = _m("Ada Lund", 0, "PERSON")
    relation = RelationMention(
        subject=Argument("Ada Lund", 0, 8, ada),
        predicate="meet",
        relation="MEET",
        object=Argument(arg, at, at + len(arg), nat),
        sentence=text,
        sentence_start=0,
        confidence=0.8,
    )
    article = Article(id="a2", title="", text=text)
    [claim] = resolve_article(article, [relation], [ada, nat], [(0, len(text))], "x/1").claims
    assert claim.object_key.startswith("place:") is state


def test_a_point_of_the_compass_alone_is_the_one_country_named_so() -> None:
    north_korea, north, kim = (
        _m("North Korea", 0, "GPE"),
        _m("North", 40, "GPE"),
        _m("Kim Jong Nam", 60, "PERSON"),
    )
    result = resolve_article(
        ARTICLE, [_rel(north, "POISON", kim, 40)], [north_korea, north, kim], [(0, 100)], "x/1"
    )
    [claim] = result.claims
    assert claim.subject_key == "place:north korea"


@pytest.mark.parametrize(
    ("text", "place", "key"),
    [
        ("Ada Lund lives in Lebanon, Tennessee, now.", "Lebanon", "place:lebanon, tennessee"),
        ("Ada Lund lives in Moscow, Idaho, now.", "Moscow", "place:moscow, idaho"),
        ("Ada Lund visited Greece, Georgia and Peru.", "Greece", "place:greece"),  # a list
        ("Ada Lund visited Georgia, Ohio and Iowa.", "Georgia", "place:georgia"),  # states
        ("United States, New York - Ada Lund left.", "United States", "place:united states"),
    ],
)
def test_a_country_or_capital_placed_in_a_us_state_is_the_town(
    text: str, place: str, key: str
) -> None:
    ada, where = _m("Ada Lund", text.index("Ada"), "PERSON"), _m(place, text.index(place), "GPE")
    relation = RelationMention(
        subject=Argument("Ada Lund", ada.start, ada.end, ada),
        predicate="live in",
        relation="LIVE_IN",
        object=Argument(place, where.start, where.end, where),
        sentence=text,
        sentence_start=0,
        confidence=0.8,
    )
    article = Article(id="a3", title="", text=text)
    [claim] = resolve_article(article, [relation], [ada, where], [(0, len(text))], "x/1").claims
    assert claim.object_key == key


def test_a_pronoun_that_opens_the_sentence_is_who_a_later_one_in_it_refers_to() -> None:
    persons = [
        PersonMention(0, "person:malcolm rifkind", True),
        PersonMention(60, "person:qian qichen", False),
    ]
    pronouns = [(30, "He"), (80, "he"), (85, "she")]
    resolver = PronounResolver([(0, 30), (30, 100)], persons, pronouns)
    assert resolver.resolve("he", 80) == "person:malcolm rifkind"  # not Qian, named before it
    assert resolver.resolve("she", 85) == "person:qian qichen"  # no "she" opens the sentence
    named_first = PronounResolver([(0, 30), (30, 100)], persons, [(70, "he"), (80, "he")])
    assert named_first.resolve("he", 80) == "person:qian qichen"  # a name came before "he"
    quoted = PronounResolver([(0, 30), (30, 100)], persons, pronouns, quotes=[50])
    assert quoted.resolve("he", 80) == "person:qian qichen"  # 'He called Qian "... he ..."'
    objects = PronounResolver([(0, 30), (30, 100)], persons, [(30, "him"), (80, "he")])
    assert objects.resolve("he", 80) == "person:qian qichen"  # "him" opens no clause


def test_the_speaker_after_a_quotation_is_not_a_person_it_talks_about() -> None:
    # 0: '"A lot of people came here," said Brad Lee.'  45: '"Trump is hurting us.'
    # 70: 'We can stand up," he told Al Jazeera.'  (quote marks at 0, 27, 45, 85)
    sentences = [(0, 45), (45, 70), (70, 110)]
    persons = [PersonMention(35, "person:brad lee", True), PersonMention(46, "person:trump", True)]
    quotes = [0, 27, 45, 85]
    resolver = PronounResolver(sentences, persons, [(87, "he")], quotes)
    assert resolver.resolve("he", 87) == "person:brad lee"
    # without the quotation, the last sentence's subject is the one meant
    plain = PronounResolver(sentences, persons, [(87, "he")])
    assert plain.resolve("he", 87) == "person:trump"
    # a pronoun that opens a quotation ('"He was a good boy," ...') is inside it
    opening = PronounResolver(sentences, persons, [(71, "he")], [70, 85])
    assert opening.resolve("he", 71) == "person:trump"


def test_a_pronoun_chains_to_the_subject_pronoun_of_a_sentence_naming_no_subject() -> None:
    # 0: 'Ms Lee was questioned.'  25: '"I was lost," she told barrister Jon Hart.'
    # 70: 'She told the court it happened often.'
    sentences = [(0, 25), (25, 70), (70, 110)]
    persons = [
        PersonMention(3, "person:ann lee", True),
        PersonMention(60, "person:jon hart", False),
    ]
    pronouns = [(39, "she"), (70, "She")]
    resolver = PronounResolver(sentences, persons, pronouns, quotes=[25, 37])
    assert resolver.resolve("She", 70) == "person:ann lee"  # not the barrister she told
    # with no sentence naming who "she" is, the later one stays unresolved too
    unknown = PronounResolver(sentences[1:], persons[1:], pronouns, quotes=[25, 37])
    assert unknown.resolve("She", 70) is None


def test_a_speaker_who_opens_a_quotation_is_not_the_he_in_it() -> None:
    # 0: 'Mr Khalil said: "A surgeon offered so that he could operate."'
    sentences = [(0, 70)]
    persons = [PersonMention(3, "person:basem khalil", True)]
    resolver = PronounResolver(sentences, persons, [(46, "he")], quotes=[16, 65], openings=[16])
    assert resolver.resolve("he", 46) is None
    # 'Mr Khalil said a surgeon offered so that he could operate': Khalil
    plain = PronounResolver(sentences, persons, [(46, "he")])
    assert plain.resolve("he", 46) == "person:basem khalil"
