"""The fast attribute-ruler matcher finds exactly the matches spaCy's Matcher finds."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from kgraph.attribute_rules import FastMatcher, Unsupported, speed_up
from kgraph.nlp import load_model

# Words that meet the ruler's exceptions: multi-token patterns (gonna, let's, ain't,
# y'all, there is), NOT_IN and IN tag lists, negation, DEP conditions, spaces.
TEXTS = [
    "There's no way y'all are gonna win, ain't it? I don't know.  He gets it; she got ta go.",
    "Let's see whether Kim Jong Un, who was not there, would have gone to Moscow.",
    "C'mon, the troops that were deployed to Ukraine weren't ready -- or so it seems.\n\n"
    "The Kremlin said Putin thanked him.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


def ruler(nlp: Language) -> AttributeRuler:
    pipe = nlp.get_pipe("attribute_ruler")
    assert isinstance(pipe, AttributeRuler)
    return pipe


def test_the_fast_matcher_finds_what_spacy_finds(nlp: Language) -> None:
    pipe = ruler(nlp)
    fast = FastMatcher(pipe)
    spacy_match = type(pipe).match  # the class's own method, not the one speed_up set
    enabled = [p for p in nlp.pipe_names if p not in ("attribute_ruler", "ner")]
    with nlp.select_pipes(enable=enabled):
        docs = list(nlp.pipe(TEXTS))
    for doc in docs:
        expected = spacy_match(pipe, doc)
        assert len(expected) > len(doc) // 2  # most tokens meet a rule
        assert any(end - start > 1 for _, _, start, end in expected)  # and a longer one
        assert fast(doc) == expected
        assert fast(doc) == expected  # answered from the cache the same way


def test_load_model_uses_it(nlp: Language) -> None:
    assert isinstance(ruler(nlp).match, FastMatcher)


def test_a_pattern_it_cannot_reproduce_leaves_the_ruler_alone() -> None:
    nlp = Language()
    pipe = nlp.add_pipe("attribute_ruler")
    assert isinstance(pipe, AttributeRuler)
    pipe.add([[{"LOWER": "a", "OP": "?"}]], {"LEMMA": "an"})
    with pytest.raises(Unsupported):
        FastMatcher(pipe)
    assert speed_up(nlp) is False
    assert not isinstance(pipe.match, FastMatcher)
