"""The per-Doc tables of the extractor agree with spaCy's own token attributes.

The extractor reads heads, children, entity bounds, offsets and tags from vectorised tables
(:mod:`kgraph.extract.tree`) instead of ``Token`` properties; these tests pin them to the
properties they replace, on a text with entities, quotes, possessives and blank lines.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest
from spacy.language import Language
from spacy.symbols import AUX, NOUN, VERB, appos, prep
from spacy.tokens import Doc

from kgraph.extract import extract_doc
from kgraph.extract.context import Sentence, memoised
from kgraph.extract.lexicon import CLOSE_QUOTES, OPEN_QUOTES, ids
from kgraph.extract.tree import (
    ancestors,
    doc_text,
    entity_bounds,
    forget,
    kids,
    labels,
    lefts,
    rights,
    tokens_of,
    tree_of,
)
from kgraph.nlp import TEXT as KEPT
from kgraph.nlp import lemmatizer_for, load_model

TEXT = (
    "North Korean leader Kim Jong Un's sister said on Monday that Pyongyang would "
    '"never" talk to Seoul, KCNA reported.\n\n'
    "Kim, the leader of the DPRK, met Vladimir Putin in Moscow -- and the two agreed to "
    "expand ties, according to the Kremlin.  Is it true?"
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture()
def doc(nlp: Language) -> Iterator[Doc]:
    parsed = nlp(TEXT)
    yield parsed
    forget()


def test_heads_children_and_labels_match_spacy(doc: Doc) -> None:
    for tok in doc:
        assert [a.i for a in ancestors(tok)] == [a.i for a in tok.ancestors]
        assert [c.i for c in lefts(tok)] == [c.i for c in tok.lefts]
        assert [c.i for c in rights(tok)] == [c.i for c in tok.rights]
        assert [c.i for c in kids(tok)] == [c.i for c in tok.children]
        grouped = {dep: [c.i for c in group] for dep, group in labels(tok).items()}
        expected: dict[str, list[int]] = {}
        for child in tok.children:
            expected.setdefault(child.dep_, []).append(child.i)
        assert grouped == expected


def test_tree_tokens_read_like_spacy(doc: Doc) -> None:
    for tok in tokens_of(doc):
        plain = doc[tok.i]
        assert (tok.pos, tok.dep_, tok.head.i) == (plain.pos, plain.dep_, plain.head.i)
        assert (tok.i, tok.dep, tok.lower) == (plain.i, plain.dep, plain.lower)
        assert tok.doc is doc and tok.pos_ == plain.pos_ and tok.head == plain.head


def test_tables_hold_no_reference_cycle(nlp: Language) -> None:
    """Dropping the tables frees their tokens at once, so the Doc is not kept alive until
    a garbage collection (a root pointing to itself would keep it, and so would a token's
    children grouped by label, whose head is the token, if forget left them)."""
    parsed = nlp(TEXT)
    gc.disable()
    try:
        before = sys.getrefcount(parsed)
        assert any(labels(tok) for tok in tokens_of(parsed))
        assert sys.getrefcount(parsed) > before
        forget()
        assert sys.getrefcount(parsed) == before
    finally:
        gc.enable()


def test_doc_text_is_the_text_kept_or_joined(nlp: Language, doc: Doc) -> None:
    """The text the tokenizer kept is the Doc's; a Doc made without it, or whose text no
    longer fits its tokens, is joined from the tokens."""
    assert doc.user_data[KEPT] is TEXT
    assert doc_text(doc) is TEXT
    forget()
    made = Doc(nlp.vocab, words=["Kim", "met", "Putin", "."], spaces=[True, True, False, False])
    assert KEPT not in made.user_data and doc_text(made) == made.text == "Kim met Putin."
    forget()
    made.user_data[KEPT] = "Kim met Putin in Moscow."
    assert doc_text(made) == "Kim met Putin."


def test_offsets_entities_and_quotes_match_spacy(doc: Doc) -> None:
    tree = tree_of(doc)
    assert doc_text(doc) == doc.text
    assert tree.starts == [tok.idx for tok in doc]
    assert tree.ends == [tok.idx + len(tok.text) for tok in doc]
    quotes = OPEN_QUOTES | CLOSE_QUOTES
    assert tree.quotes == [tok.i for tok in doc if tok.text in quotes]
    spans = {i: (ent.start, ent.end) for ent in doc.ents for i in range(ent.start, ent.end)}
    for tok in doc:
        assert entity_bounds(tok) == spans.get(tok.i, (tok.i, tok.i + 1))


def test_positions_and_sentence_selections(doc: Doc, nlp: Language) -> None:
    tree = tree_of(doc)
    indices, toks = tree.positions(frozenset({VERB}), frozenset())
    assert indices == [t.i for t in doc if t.pos == VERB]
    assert toks == [tree.tokens[i] for i in indices]
    lemma = memoised(lemmatizer_for(nlp))
    for span in doc.sents:
        sentence = Sentence.of(span, lemma, doc.text)
        assert [t.i for t in sentence.tokens] == [t.i for t in span]
        assert [t.i for t in sentence.tagged(NOUN)] == [t.i for t in span if t.pos == NOUN]
        chosen = sentence.having(frozenset({AUX}), frozenset({appos, prep}))
        wanted = [t.i for t in span if t.pos == AUX or t.dep in (appos, prep)]
        assert [t.i for t in chosen] == wanted
        assert sentence.has_verb == any(t.pos in (VERB, AUX) for t in span)
        assert sentence.chars(span.start, span.end) == (span.text, span.start_char, span.end_char)


def test_string_ids_match_token_ids(doc: Doc) -> None:
    for tok in doc:
        assert ids([tok.tag_]) == {tok.tag}
        assert ids([tok.lower_]) == {tok.lower}
        assert ids([tok.pos_]) == {tok.pos}


@pytest.mark.parametrize("enabled", [True, False])
def test_extraction_leaves_the_collector_as_it_found_it(nlp: Language, enabled: bool) -> None:
    """The collector is paused while a Doc is extracted, and only restarted if it ran."""
    (gc.enable if enabled else gc.disable)()
    try:
        assert extract_doc(nlp(TEXT), lemma=lemmatizer_for(nlp))
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


@pytest.mark.parametrize("text", ["", " ", "\n\n", "Hi", "« »"])
def test_degenerate_docs(nlp: Language, text: str) -> None:
    assert extract_doc(nlp(text), lemma=lemmatizer_for(nlp)) == []
