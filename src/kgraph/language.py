"""Which language an article is in, so an English model is not fed Russian text.

py3langid (a maintained langid.py, also used by trafilatura) scores the first few thousand
characters.  Only a confident verdict on enough text counts: names alone ("Angela Merkel
met Emmanuel Macron") can look Dutch to a character model, so short or unsure texts pass.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SAMPLE_CHARS = 3_000
MIN_CHARS = 100
MIN_PROBABILITY = 0.8


@lru_cache(maxsize=1)
def language_model() -> Any:
    """py3langid's identifier, loaded once (its model file is compressed)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability of the text's language.

    >>> detect("Der Bundestag hat heute beschlossen, dass die Steuern steigen werden.")[0]
    'de'
    """
    lang, probability = language_model().classify(text[:SAMPLE_CHARS])
    return str(lang), float(probability)


def other_language(text: str, expected: str) -> str | None:
    """The language the text is confidently written in when it is not ``expected``."""
    if sum(c.isalpha() for c in text[:SAMPLE_CHARS]) < MIN_CHARS:
        return None
    lang, probability = detect(text)
    return lang if lang != expected and probability >= MIN_PROBABILITY else None
