"""One node per real-world actor within an article: short forms join the one longer name
they fit, whatever NER called them; spellings of one name are one node; a name after a
noun of kin is a person."""

from __future__ import annotations

import pytest

from kgraph.models import Argument, Article, ArticleResult, EntityMention, RelationMention
from kgraph.resolve import resolve_article
from kgraph.resolve.context import after_person_noun
from kgraph.resolve.places import well_known_place


def _resolve(
    doc: str, names: list[tuple[str, str]], relations: list[RelationMention] | None = None
) -> ArticleResult:
    """The article ``doc`` with NER spans ``names`` (text, label), each found at its
    first place in ``doc`` not yet taken."""
    spans, taken = [], set()
    for text, label in names:
        start = doc.index(text)
        while start in taken:
            start = doc.index(text, start + 1)
        taken.add(start)
        spans.append(EntityMention(text, start, start + len(text), label))
    article = Article(id="a", title="", text=doc)
    return resolve_article(article, relations or [], spans, [(0, len(doc))], "x/1")


def _types(result: ArticleResult) -> dict[str, str]:
    return {e.name: e.type for e in result.entities.values()}


@pytest.mark.parametrize("label", ["GPE", "ORG", "LOC"])
def test_a_surname_ner_typed_otherwise_joins_the_person(label: str) -> None:
    doc = "Lena Marsh chairs the panel. Marsh said the leak was serious."
    result = _resolve(doc, [("Lena Marsh", "PERSON"), ("Marsh", label)])
    assert _types(result) == {"Lena Marsh": "Person"}
    assert {r.ref: r.count for r in result.refs} == {"person:lena marsh": 2}


def test_a_given_name_ner_called_an_organisation_joins_the_person() -> None:
    doc = "Priya Kaur lost her savings. Priya says the queues were long."
    result = _resolve(doc, [("Priya Kaur", "PERSON"), ("Priya", "ORG")])
    assert _types(result) == {"Priya Kaur": "Person"}


def test_a_given_name_is_not_the_first_word_of_a_place() -> None:
    doc = "Officers at Tulla Garda Station were told. Tulla is quiet."
    result = _resolve(doc, [("Tulla Garda Station", "PERSON"), ("Tulla", "ORG")])
    assert set(_types(result)) == {"Tulla Garda Station", "Tulla"}


@pytest.mark.parametrize(
    ("person", "place"), [("Paul Jordan", "Jordan"), ("Ada Houston", "Houston")]
)
def test_a_well_known_place_never_joins_a_persons_name(person: str, place: str) -> None:
    doc = f"{person} arrived. {place} welcomed the plan."
    result = _resolve(doc, [(person, "PERSON"), (place, "GPE")])
    assert _types(result) == {person: "Person", place: "Place"}


def test_given_names_without_the_surname_are_the_person() -> None:
    doc = "Mary Ellen Dorsey, 31, died. Her mother said Mary Ellen loved music."
    result = _resolve(doc, [("Mary Ellen Dorsey", "PERSON"), ("Mary Ellen", "PERSON")])
    assert _types(result) == {"Mary Ellen Dorsey": "Person"}


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("US Senate", "Senate"),
        ("European Commission", "Commission"),
        ("Chilean Navy", "Navy"),
        ("Lisbon Times", "Times"),
        ("WTO Secretariat", "Secretariat"),  # owned by an organisation the article names
    ],
)
def test_an_organisations_kind_alone_is_the_one_organisation_its_owner_names(
    full: str, short: str
) -> None:
    doc = f"The WTO met. The {full} voted. The {short} then adjourned."
    result = _resolve(doc, [("WTO", "ORG"), (full, "ORG"), (short, "ORG")])
    assert full in _types(result) and short not in _types(result)
    assert short in next(e.aliases for e in result.entities.values() if e.name == full)


@pytest.mark.parametrize(
    "names",
    [
        ["White House", "House"],  # "White" owns nothing: the House is Congress's
        ["European Commission", "Lusa Trade Commission", "Commission"],  # two fit
    ],
)
def test_an_organisations_kind_alone_stays_apart_unless_one_owned_name_fits(
    names: list[str],
) -> None:
    doc = ". ".join(f"The {n} spoke" for n in names) + "."
    result = _resolve(doc, [(n, "ORG") for n in names])
    assert set(_types(result)) == set(names)


def test_a_distinctive_word_of_a_companys_name_ner_typed_variously_is_the_company() -> None:
    doc = "Shanghai Lumen Trading Co makes cables. Lumen exports them. Lumen grew."
    names = [("Shanghai Lumen Trading Co", "ORG"), ("Lumen", "PERSON"), ("Lumen", "GPE")]
    assert _types(_resolve(doc, names)) == {"Shanghai Lumen Trading Co": "Organization"}


@pytest.mark.parametrize(
    ("org", "word", "labels"),
    [
        ("Lumen Trading", "Lumen", ("PERSON", "PERSON")),  # always a person: the founder?
        ("Wexford Circuit Court", "Wexford", ("GPE", "GPE")),  # the court's town
        ("Lumen invited Navy", "Lumen", ("PERSON", "GPE")),  # no proper name: NER ran on
    ],
)
def test_a_word_that_may_name_something_else_is_not_the_companys(
    org: str, word: str, labels: tuple[str, str]
) -> None:
    doc = f"The {org} met. {word} said so. {word} left."
    names = [(org, "ORG"), *((word, label) for label in labels)]
    assert set(_types(_resolve(doc, names))) == {org, word}


def test_a_person_the_word_names_wins_over_a_company() -> None:
    doc = "Ada Lumen founded Lumen Trading. Lumen said sales rose."
    names = [("Ada Lumen", "PERSON"), ("Lumen Trading", "ORG"), ("Lumen", "PERSON")]
    result = _resolve(doc, names)
    assert _types(result) == {"Ada Lumen": "Person", "Lumen Trading": "Organization"}


def test_spellings_differing_in_case_or_hyphens_are_one_name_typed_by_their_majority() -> None:
    doc = "Tomas Berg spoke. Tomas-Berg left. Tomas Berg won. Khan al-Ahmar, Khan Al Ahmar."
    names = [("Tomas Berg", "PERSON"), ("Tomas-Berg", "ORG"), ("Tomas Berg", "PERSON")]
    names += [("Khan al-Ahmar", "GPE"), ("Khan Al Ahmar", "GPE"), ("Khan al-Ahmar", "GPE")]
    doc += " Khan al-Ahmar."
    result = _resolve(doc, names)
    assert _types(result) == {"Tomas Berg": "Person", "Khan al-Ahmar": "Place"}


def test_a_groups_singular_plural_and_adjective_are_one_group() -> None:
    doc = "Democrats objected. A Democrat spoke. The Democratic leader left. Republicans won."
    names = [("Democrats", "NORP"), ("Democrat", "NORP"), ("Democratic", "NORP")]
    result = _resolve(doc, [*names, ("Republicans", "NORP")])
    assert _types(result) == {"Democrats": "Group", "Republicans": "Group"}


@pytest.mark.parametrize(
    ("doc", "name", "person"),
    [
        ("She died with her two-year-old daughter Paris.", "Paris", True),
        ("He was survived by his brother, Jordan.", "Jordan", True),
        ("The minister flew to Paris.", "Paris", False),
        ("Her daughter lives in Paris.", "Paris", False),
    ],
)
def test_a_name_after_a_noun_of_kin_is_a_person(doc: str, name: str, person: bool) -> None:
    start = doc.index(name)
    assert after_person_noun(EntityMention(name, start, start + len(name), "GPE"), doc) is person


def test_a_kin_named_person_is_never_a_capitals_government() -> None:
    doc = "Ada Moore died along with her daughter Paris. Her son Jordan survived."
    ada = EntityMention("Ada Moore", 0, 9, "PERSON")
    paris = EntityMention("Paris", doc.index("Paris"), doc.index("Paris") + 5, "GPE")
    jordan = EntityMention("Jordan", doc.index("Jordan"), doc.index("Jordan") + 6, "GPE")
    relation = RelationMention(
        subject=Argument(ada.text, ada.start, ada.end, ada),
        predicate="died along with",
        relation="DIE_ALONG_WITH",
        object=Argument("her daughter Paris", paris.start - 13, paris.end, paris),
        sentence=doc[:46],
        sentence_start=0,
        confidence=0.8,
    )
    article = Article(id="k", title="", text=doc)
    result = resolve_article(article, [relation], [ada, paris, jordan], [(0, len(doc))], "x/1")
    assert result.claims[0].object_key == "person:paris"
    assert _types(result) == {"Ada Moore": "Person", "Paris": "Person", "Jordan": "Person"}


def test_well_known_places() -> None:
    assert well_known_place("Jordan") and well_known_place("Ohio") and well_known_place("Europe")
    assert not well_known_place("Marsh")


def test_a_well_known_place_ner_called_an_organisation_may_still_be_a_surname() -> None:
    """NER calls a person's surname an organisation, not a place: "Lincoln" as ORG beside
    "Abraham Lincoln" is the president."""
    doc = "Abraham Lincoln spoke. Lincoln freed the slaves."
    result = _resolve(doc, [("Abraham Lincoln", "PERSON"), ("Lincoln", "ORG")])
    assert _types(result) == {"Abraham Lincoln": "Person"}


def test_given_names_whose_surname_is_written_alone_are_a_full_name() -> None:
    doc = "Ada Novak spoke. Ada Novak Rowling wrote. Novak left."
    names = [("Ada Novak", "PERSON"), ("Ada Novak Rowling", "PERSON"), ("Novak", "PERSON")]
    assert set(_types(_resolve(doc, names))) == {"Ada Novak", "Ada Novak Rowling"}


def test_a_name_without_its_middle_name_is_the_person_and_so_is_the_surname() -> None:
    doc = "Derek Alton Walcott died. Derek Walcott was a poet. Walcott wrote plays."
    names = [("Derek Alton Walcott", "PERSON"), ("Derek Walcott", "PERSON"), ("Walcott", "PERSON")]
    result = _resolve(doc, names)
    assert _types(result) == {"Derek Walcott": "Person"}  # the name as commonly written
    (person,) = result.entities.values()
    assert {"Derek Alton Walcott", "Walcott"} <= person.aliases


def test_a_name_two_fuller_names_fit_stays_apart() -> None:
    doc = "George H. W. Bush and George W. Bush spoke. George Bush laughed."
    names = [("George H. W. Bush", "PERSON"), ("George W. Bush", "PERSON")]
    names += [("George Bush", "PERSON")]
    assert len(_resolve(doc, names).entities) == 3


def test_a_facility_named_after_an_organisation_takes_its_kind_alone() -> None:
    doc = "The WTO met. The WTO Secretariat was told. The Secretariat replied."
    names = [("WTO", "ORG"), ("WTO Secretariat", "FAC"), ("Secretariat", "LOC")]
    assert set(_types(_resolve(doc, names))) == {"WTO", "WTO Secretariat"}


@pytest.mark.parametrize(
    ("full", "short"), [("Russian Arctic", "Arctic"), ("Bayern Munich", "Munich")]
)
def test_a_place_is_not_the_kind_of_a_place_named_after_it(full: str, short: str) -> None:
    doc = f"The {full} is cold. The {short} is colder."
    names = [(full, "LOC"), (short, "LOC")]
    assert set(_types(_resolve(doc, names))) == {full, short}


@pytest.mark.parametrize(
    ("names", "types"),
    [
        ([("Rotterdam", "PERSON")], {"Rotterdam": "Place"}),  # a big city NER took for a person
        (
            [("Lewis Hamilton", "PERSON"), ("Hamilton", "PERSON")],  # the article's person
            {"Lewis Hamilton": "Person"},
        ),
        ([("Nunes", "PERSON")], {"Nunes": "Person"}),  # no city of that name
    ],
)
def test_a_big_city_ner_called_a_person_is_the_place_unless_the_article_names_the_person(
    names: list[tuple[str, str]], types: dict[str, str]
) -> None:
    doc = " ".join(f"{text} was busy." for text, _ in names)
    assert _types(_resolve(doc, names)) == types


def _noun(doc: str, text: str) -> Argument:
    start = doc.index(text)
    return Argument(
        text, start, start + len(text), EntityMention(text, start, start + len(text), "NOUN")
    )


def test_an_unlabelled_name_after_an_honorific_is_the_person_of_that_surname() -> None:
    doc = "Tom Reed met Lena Marsh in Jordan. Later Mr Reed thanked Ms Marsh and Mr Jordan."
    spans = [("Tom Reed", "PERSON"), ("Lena Marsh", "PERSON"), ("Jordan", "GPE")]
    rels = [
        RelationMention(
            _noun(doc, "Mr Reed"), "thanked", "THANK", _noun(doc, "Ms Marsh"), sentence=doc
        ),
        RelationMention(
            _noun(doc, "Mr Reed"), "thanked", "THANK", _noun(doc, "Mr Jordan"), sentence=doc
        ),
    ]
    result = _resolve(doc, spans, rels)
    got = {(c.subject_key, c.object_key) for c in result.claims}
    # "Mr Jordan" is nobody the article names: neither the country nor a new person
    assert got == {("person:tom reed", "person:lena marsh"), ("person:tom reed", "")}


def test_a_bodys_name_in_either_order_is_one_node() -> None:
    doc = "The Department of Justice sued. The Justice Department said the DOJ would appeal."
    names = [("Department of Justice", "ORG"), ("Justice Department", "ORG"), ("DOJ", "ORG")]
    result = _resolve(doc, names)
    assert len(result.entities) == 1
    assert {r.count for r in result.refs} == {3}


def test_an_acronym_is_not_the_kind_of_a_local_office() -> None:
    doc = "She thanked the FBI. The San Francisco FBI office will speak. The FBI agreed."
    names = [("FBI", "ORG"), ("San Francisco FBI", "ORG"), ("FBI", "ORG")]
    assert set(_types(_resolve(doc, names))) == {"FBI", "San Francisco FBI"}
