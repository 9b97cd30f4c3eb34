"""Text repair and news furniture in the readers (kgraph.readers.repair, .furniture).

The sentences are made up for these tests; each shape is one that real exported news has.
"""

from __future__ import annotations

import doctest
from typing import Any

import pytest

from kgraph.models import Article
from kgraph.readers import furniture, repair
from kgraph.readers.furniture import headline_end, separate_furniture
from kgraph.readers.jsonl import to_article
from kgraph.readers.repair import repair_text
from kgraph.readers.text import clean_body, parse_scraped


def article(**record: Any) -> Article:
    item = to_article("test.jsonl:1", record)
    assert isinstance(item, Article), item
    return item


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


@pytest.mark.parametrize("module", [repair, furniture])
def test_doctests_pass(module: Any) -> None:
    assert doctest.testmod(module).failed == 0


# ------------------------------------------------------------------------ repair


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        # UTF-8 read as Windows-1252 (ftfy)
        ("The ministerâ€™s aide resigned.", "The minister’s aide resigned."),
        # a lost closing quote after punctuation took the space with it
        ('"The plan will fail,"?said Ruth Okafor.', '"The plan will fail,” said Ruth Okafor.'),
        # ... and after a word inside an open quotation
        ('He called it "a farce"?and left.', 'He called it "a farce” and left.'),
        # after a word outside any quotation it was a possessive apostrophe
        ('The farmers"?protest grew.', "The farmers’ protest grew."),
        # after a space it was a dash
        ('Prices rose "?and kept rising.', "Prices rose — and kept rising."),
        # a contraction
        ('We didn"t know and I"ve asked.', "We didn’t know and I’ve asked."),
        # a lost letter inside a word, and a lost apostrophe after an initial
        ("Dr J\ufffd\ufffdrgensen met Sean O\ufffd\ufffdNeill.", "Dr Jrgensen met Sean O’Neill."),
        # a lost opening quote
        ('She said "\ufffdno deal" twice.', 'She said “no deal" twice.'),
        # a space that became a hyphen after a grammar word
        ("Prices fell,” said-Ruth Okafor in-Lagos.", "Prices fell,” said Ruth Okafor in Lagos."),
        ("He said-the plan of-the minister failed.", "He said the plan of the minister failed."),
        # but not inside a compound, nor after a prefix, nor a preposition's own compound
        ("An in-depth look at the by-election", "An in-depth look at the by-election"),
        ("From Rostov-on-Don to Mar-a-Lago", "From Rostov-on-Don to Mar-a-Lago"),
        (
            "then-President Obama met anti-Kremlin activists",
            "then-President Obama met anti-Kremlin activists",
        ),
    ],
)
def test_repair_text(damaged: str, repaired: str) -> None:
    assert repair_text(damaged) == repaired


def test_a_question_mark_after_a_quotation_is_kept() -> None:
    text = 'Did the minister really say "never"? Nobody believed it.'
    assert repair_text(text) == text


def test_clean_text_is_left_alone() -> None:
    text = "“Yes,” she said — and left. It’s 5 p.m. in Québec."
    assert repair_text(text) == text


def test_zero_width_characters_are_removed_and_a_lost_space_restored() -> None:
    assert repair_text("Olaf\u200b Scholz met\u200d Giorgia\u200bMeloni.") == (
        "Olaf Scholz met Giorgia Meloni."
    )


def test_the_reader_repairs_title_and_body() -> None:
    item = article(
        title='Talks collapse "?ministry',
        text='"We tried,"?said Lena Brandt. The unions"?leaders agreed.',
    )
    assert item.title == "Talks collapse — ministry"
    assert item.text == '"We tried,” said Lena Brandt. The unions’ leaders agreed.'


def test_a_name_keeps_its_invisible_space_out() -> None:
    item = article(title="Visit", text="Angela\u200b Merkel visited Paris.")
    assert "Angela Merkel visited Paris." in item.document


# ------------------------------------------------------------------------ furniture


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "OSLO, April 2. /NTB/. The government resigned on Monday.",
            ["OSLO, April 2. /NTB/.", "The government resigned on Monday."],
        ),
        (
            "LIMA, Jan 5 (Reuters) - Peru's congress voted to remove the president.",
            ["LIMA, Jan 5 (Reuters) -", "Peru's congress voted to remove the president."],
        ),
        (
            "NAIROBI, Kenya - Voters queued from dawn.",
            ["NAIROBI, Kenya -", "Voters queued from dawn."],
        ),
        (
            "Ottawa (CNN)The prime minister called an election.",
            ["Ottawa (CNN)", "The prime minister called an election."],
        ),
        (
            "Leeds, England (CNN)Ann Vale, the man's neighbour, said little.",
            ["Leeds, England (CNN)", "Ann Vale, the man's neighbour, said little."],
        ),
        ("Quito - A curfew began at midnight.", ["Quito -", "A curfew began at midnight."]),
        ("Lagos --Fuel queues grew again.", ["Lagos --", "Fuel queues grew again."]),
    ],
)
def test_a_dateline_is_its_own_paragraph(text: str, expected: list[str]) -> None:
    assert paragraphs(clean_body(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "LONDON-based banks fell. NATO-led troops left.",
        "Boris Yeltsin -- the first president -- resigned in 1999.",
    ],
)
def test_sentences_opening_with_a_name_are_not_datelines(text: str) -> None:
    assert clean_body(text) == text


def test_a_teaser_label_starts_a_paragraph_and_its_headline_ends_one() -> None:
    text = (
        "The vote was close. READ MORE: Why the coalition collapsed The opposition "
        "leader Ana Ruiz conceded. OPINION: A lesson for the left It was a long night."
    )
    assert paragraphs(clean_body(text)) == [
        "The vote was close.",
        "READ MORE: Why the coalition collapsed",
        "The opposition leader Ana Ruiz conceded.",
        "OPINION: A lesson for the left",
        "It was a long night.",
    ]


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Farmers block roads in 'tractor protest' Police cleared them.", 2),
        ("The new budget, explained- Ministers agreed on it.", 2),
        ("Is the euro safe? Markets think so.", 2),
        ("Five things to know about the Ruritanian election", 1),
        ('Lawmakers back the bill "It is a start," one said.', 2),
        # a capitalised word is no sign: title-case headlines are common
        ("Protesters Rally After Court Ruling In Capital", 1),
        # in a sentence-case headline a name before a sentence opener ends it
        ("Refugees return home from Oslo Last year, many left.", 2),
        ("Farmers protest in Lima In a sign of anger, roads closed.", 2),
        ("Why The West Must Act On Climate Now", 1),  # title case: no sign
    ],
)
def test_headline_end(headline: str, expected: int) -> None:
    assert len(paragraphs(headline_end(headline))) == expected


def test_a_headline_end_is_not_read_into_a_word_cut_at_the_search_limit() -> None:
    text = "Rain falls on the hills" + " and on the hills" * 7 + " of the South African veld."
    assert text.index("African") < 160 < text.index("African") + len("African")
    assert headline_end(text) == text


def test_a_glued_dash_between_sentences_is_a_paragraph_break() -> None:
    text = 'They met at noon.-The talks lasted hours. "We agree".- Ruiz said. -- Later, he left.'
    assert paragraphs(clean_body(text)) == [
        "They met at noon.",
        'The talks lasted hours. "We agree".',
        "Ruiz said.",
        "Later, he left.",
    ]


def test_a_run_of_list_dashes_between_sentences_is_a_paragraph_break() -> None:
    text = "The court ruled in May.---- Okafor, who led the party, appealed.--- It failed."
    assert paragraphs(clean_body(text)) == [
        "The court ruled in May.",
        "Okafor, who led the party, appealed.",
        "It failed.",
    ]


def test_hyphens_inside_words_and_abbreviations_stay() -> None:
    text = "U.S.-Mexico trade grew.-- It was a pro-EU move, the co-chair said."
    assert paragraphs(clean_body(text)) == [
        "U.S.-Mexico trade grew.",
        "It was a pro-EU move, the co-chair said.",
    ]


def test_runs_of_spaces_are_lost_paragraph_breaks_in_plain_bodies_only() -> None:
    text = "The storm passed.  Roads reopened.   Schools stay shut"
    assert paragraphs(clean_body(text)) == [
        "The storm passed.",
        "Roads reopened.",
        "Schools stay shut",
    ]
    assert paragraphs(clean_body(text, unwrap=False)) == [
        "The storm passed. Roads reopened. Schools stay shut"
    ]


def test_a_related_article_stamp_ends_its_paragraph() -> None:
    text = "Rail strikes spread to Lyon. (03.02.2016) Unions in Marseille joined the strike."
    assert paragraphs(clean_body(text)) == [
        "Rail strikes spread to Lyon. (03.02.2016)",
        "Unions in Marseille joined the strike.",
    ]


def test_an_embedded_tweet_and_its_credit_stand_apart() -> None:
    text = (
        "A great day for our city! pic.twitter.com/AbC123xyz — Mayor Tom Reyes "
        "(@mayortom) March 3, 2017 Reyes later met Governor Ada Lim."
    )
    assert paragraphs(clean_body(text)) == [
        "A great day for our city! pic.twitter.com/AbC123xyz",
        "— Mayor Tom Reyes (@mayortom) March 3, 2017",
        "Reyes later met Governor Ada Lim.",
    ]


def test_a_tweet_credit_is_not_cut_at_a_hyphen_in_the_tweet() -> None:
    text = "Vote tied 50-50 tonight — Jo Park (@jopark) May 9, 2017 Lawmakers went home."
    assert paragraphs(clean_body(text)) == [
        "Vote tied 50-50 tonight",
        "— Jo Park (@jopark) May 9, 2017",
        "Lawmakers went home.",
    ]


def test_a_byline_stands_apart() -> None:
    text = (
        "The deal was signed. By Maria Lopez, BBC Madrid correspondent The Spanish "
        "cabinet approved it."
    )
    assert paragraphs(clean_body(text)) == [
        "The deal was signed.",
        "By Maria Lopez, BBC Madrid correspondent",
        "The Spanish cabinet approved it.",
    ]


def test_a_photo_caption_ends_at_its_credit() -> None:
    text = (
        "Rescuers search the rubble in Hatay [Lena Ortiz/Reuters] The quake struck at dawn. "
        "He called it [the plan] a failure."
    )
    assert paragraphs(clean_body(text)) == [
        "Rescuers search the rubble in Hatay [Lena Ortiz/Reuters]",
        "The quake struck at dawn. He called it [the plan] a failure.",
    ]


def test_a_closing_source_line_stands_apart() -> None:
    text = "The talks will resume next week. Source:-Al Jazeera and news agencies"
    assert paragraphs(clean_body(text)) == [
        "The talks will resume next week.",
        "Source:-Al Jazeera and news agencies",
    ]


def test_a_share_widget_goes_and_an_editors_code_stands_apart() -> None:
    text = (
        "Ministers met in Riga. Send Facebook Twitter Google+ Whatsapp Tumblr Digg reddit "
        "Permalink http://example.com/p/2Xy The next round is in May. ab/cd (AFP, dpa)"
    )
    assert paragraphs(clean_body(text)) == [
        "Ministers met in Riga.",
        "The next round is in May.",
        "ab/cd (AFP, dpa)",
    ]


def test_a_quote_fragment_does_not_glue_into_the_speaker() -> None:
    item = article(title="Flood", text='"The town will survive,"?said Mike Barlow, the mayor.')
    assert "survive,” said Mike Barlow" in item.text


def test_plain_text_files_keep_their_title_line_whole() -> None:
    doc = parse_scraped("OPINION: Why the talks failed It matters\n\nPARIS - Talks failed.")
    assert doc.title == "OPINION: Why the talks failed It matters"
    assert paragraphs(doc.text) == ["PARIS -", "Talks failed."]


def test_furniture_rules_leave_ordinary_prose_alone() -> None:
    text = (
        "Ms Ruiz, the party's leader, said the vote - held on Sunday - was fair. "
        'Critics called it "rushed." The commission will report in May.'
    )
    assert separate_furniture(text) == text
