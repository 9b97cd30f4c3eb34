"""Cross-sentence attribution: sources named after what they said.

Two news conventions put the source in a sentence of its own:

* "... This was reported by Yonhap News, citing the state agency KCNA." -- a reporting verb
  whose object is "this"/"that" attributes the *previous* sentence to its subject;
* a quote followed by "– said Putin." (often a paragraph of its own in scraped pages)
  attributes the quoted paragraph (or the sentences before the dash in the same one).

Only relations without an attribution of their own are changed.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.symbols import VERB
from spacy.tokens import Token

from kgraph.extract import subjects
from kgraph.extract.arguments import np_bounds
from kgraph.extract.context import Sentence
from kgraph.extract.deps import labelled
from kgraph.extract.lexicon import REPORTING_VERBS
from kgraph.extract.render import Extraction
from kgraph.extract.tree import kids

DASHES = frozenset({"–", "—", "-", "--", "―"})
DEMONSTRATIVES = frozenset({"this", "that", "it"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
CONTENT = frozenset({"dobj", "ccomp", "xcomp", "attr"})


def attribute_across(sentences: list[Sentence], found: list[list[Extraction]]) -> None:
    """Fill in attributions from source sentences, in place (``found[i]`` is sentence i)."""
    paragraphs: list[int] | None = None
    for i, sentence in enumerate(sentences):
        if not sentence.has_verb:
            continue
        source = back_reference(sentence)
        if source is not None and i > 0:
            _attribute(found[i - 1], source)
            continue
        speaker = dash_speaker(sentences, i)
        if speaker is not None:
            paragraphs = paragraphs or paragraph_numbers(sentences)
            for j in _quoted(sentences, paragraphs, i):
                _attribute(found[j], speaker, replaces=FIRST_PERSON)


def _attribute(
    extractions: list[Extraction], source: str, *, replaces: frozenset[str] = frozenset()
) -> None:
    """Set ``source`` where there is no attribution, or one of ``replaces`` ("I" inside a
    quote is the quoted speaker)."""
    for k, ext in enumerate(extractions):
        current = ext.relation.attribution
        if current is None or current.lower() in replaces:
            relation = replace(ext.relation, attribution=source)
            extractions[k] = replace(ext, relation=relation)


def back_reference(sentence: Sentence) -> str | None:
    """ "This was reported by Yonhap News" / "Yonhap reported this" -> "Yonhap News"."""
    for tok in sentence.tagged(VERB):
        if sentence.lemma(tok) not in REPORTING_VERBS:
            continue
        patient = labelled(tok, "nsubjpass" if subjects.is_passive(tok) else "dobj")
        if patient is not None and patient.lower_ in DEMONSTRATIVES:
            source = subjects.acting_subject(tok, strict=True)
            if source is not None and source.i != patient.i:
                return _text(source)
    return None


def dash_speaker(sentences: list[Sentence], i: int) -> str | None:
    """ "– said Putin." after a quote -> "Putin" (the dash may be its own "sentence")."""
    sentence = sentences[i]
    lemma = sentence.lemma
    first = next((tok for tok in sentence.tokens if not tok.is_space), None)
    if first is None:
        return None
    dashed = first.text in DASHES or (i > 0 and sentences[i - 1].text.strip() in DASHES)
    if not dashed:
        return None
    for tok in sentence.tagged(VERB):
        if not tok.is_space and lemma(tok) in REPORTING_VERBS and tok.dep_ == "ROOT":
            speaker = labelled(tok, "nsubj")
            if speaker is not None and not any(c.dep_ in CONTENT for c in kids(tok)):
                return _text(speaker)
    return None


def paragraph_numbers(sentences: list[Sentence]) -> list[int]:
    """Paragraph index of each sentence (a blank line starts a new paragraph)."""
    numbers, current = [], 0
    for i, sentence in enumerate(sentences):
        if i > 0 and "\n\n" in _gap_before(sentences[i - 1], sentence):
            current += 1
        numbers.append(current)
    return numbers


def _gap_before(previous: Sentence, sentence: Sentence) -> str:
    """Whitespace between the last word of ``previous`` and the first of ``sentence``."""
    gap = []
    for tok in reversed(previous.tokens):
        gap.append(tok.text_with_ws if tok.is_space else tok.whitespace_)
        if not tok.is_space:
            break
    for tok in sentence.tokens:
        if not tok.is_space:
            break
        gap.append(tok.text_with_ws)
    return "".join(gap)


def _quoted(sentences: list[Sentence], paragraphs: list[int], i: int) -> list[int]:
    """Sentences the dash at sentence ``i`` closes: the earlier sentences of its paragraph,
    or the whole previous paragraph when the dash starts a paragraph."""
    here = paragraphs[i]
    words = [j for j in range(i) if sentences[j].text.strip() not in DASHES]
    before = [j for j in words if paragraphs[j] == here]
    return before or [j for j in words if paragraphs[j] == here - 1]


def _text(tok: Token) -> str:
    start, end = np_bounds(tok)
    return tok.doc[start:end].text
