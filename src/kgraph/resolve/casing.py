"""Capitals that say nothing: names NER read into a title-case headline or a sentence's
first word, checked against how the article's body writes the same words.

English capitalises every word of a title-case headline and the first word of every
sentence, so there a capital is no sign of a name, and a small model tags common words
as names ("San Diego Debuts Mouth Swabs ...", "Conway Violated Ethics Rules in TV ...",
"Swabs with portable kits are used ...").  The body says which words are common: one
it writes in lower case and never capitalises inside a sentence is no part of a name.
A headline name ends before such a word ("Conway Violated Ethics Rules" -> "Conway"), or
before a word the body never capitalises once the body writes the words before it
("Brian Stelter Slams Donald Trump" -> "Brian Stelter"); a headline name that opens with
a common word, or whose cut leaves words the body never writes, and a one-word name
opening a sentence that is a common word, are no names at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property

from kgraph.models import EntityMention
from kgraph.resolve.context import EDGE
from kgraph.resolve.names import NOUN_LABEL, PRONOUN_LABEL

TITLE_CASE_SHARE = 0.8
"""Share of a headline's words of four letters or more that are capitalised from which
it is in title case ("Legal Experts: Conway Violated Ethics Rules"), not sentence case
("Merkel at White House for talks with Trump": 4 of 6)."""

_WORD = re.compile(r"[A-Za-z][\w'’\-]*")
_LOWER_WORD = re.compile(r"(?<![\w'’\-])[a-z][\w'’\-]*")
_INNER_CAPITAL = re.compile(r"(?<=[^\s.!?\"“”'‘’(:\-–—])[ ]+([A-Z][\w'’\-]*)")
"""A capitalised word after a space that follows a word or comma: inside a sentence."""


def title_case(title: str) -> bool:
    """Whether a headline capitalises its words ("San Diego Debuts Mouth Swabs")."""
    words = [w for w in _WORD.findall(title) if len(w) >= 4]
    capitalised = sum(w[:1].isupper() for w in words)
    return bool(words) and capitalised >= TITLE_CASE_SHARE * len(words)


class Casing:
    """Names of one article cut or dropped where their capitals say nothing."""

    def __init__(self, title: str, document: str, sentences: Sequence[tuple[int, int]]):
        self.headline_end = len(title) if title and title_case(title) else 0
        self.body = document[len(title) :] if title else document
        self.starts = {self._first_letter(document, start) for start, _ in sentences}

    @staticmethod
    def _first_letter(document: str, start: int) -> int:
        while start < len(document) and not document[start].isalnum():
            start += 1
        return start

    @cached_property
    def _lower(self) -> frozenset[str]:
        return frozenset(_LOWER_WORD.findall(self.body))

    @cached_property
    def _inner_capitals(self) -> frozenset[str]:
        return frozenset(w.lower() for w in _INNER_CAPITAL.findall(self.body))

    def common(self, word: str) -> bool:
        """Whether the body writes ``word`` in lower case and never capitalises it inside a
        sentence."""
        lower = word.strip(EDGE).lower()
        return lower in self._lower and lower not in self._inner_capitals

    @cached_property
    def _capitalised(self) -> frozenset[str]:
        return frozenset(_WORD.findall(self.body))

    def _named(self, word: str) -> bool:
        """Whether the body writes ``word`` capitalised and never in lower case."""
        word = word.strip(EDGE)
        return word[:1].isupper() and word in self._capitalised and not self.common(word)

    def _ends(self, words: list[str], i: int) -> bool:
        """Whether a headline name ends before ``words[i]``: a common word, or one the body
        never capitalises after a run it writes ("Brian Stelter | Slams Donald Trump")."""
        if self.common(words[i]):
            return True
        if i == 0 or words[i].strip(EDGE) in self._capitalised:
            return False
        return self._written(" ".join(words[:i]))

    def _written(self, run: str) -> bool:
        """Whether the body writes ``run`` as words of their own."""
        return re.search(rf"(?<![\w'’\-]){re.escape(run)}(?![\w\-])", self.body) is not None

    def mention(self, mention: EntityMention) -> EntityMention | None:
        """The mention, cut before its first common word where capitals say nothing;
        None when nothing of it is left."""
        words = mention.text.split(" ")
        if mention.start < self.headline_end:
            keep = next((i for i in range(len(words)) if self._ends(words, i)), len(words))
            rest = words[1:]
            if keep == 0 and any(map(self._named, rest)) and not any(map(self.common, rest)):
                return mention  # "Bill Clinton" where the body has "bill" and "Clinton"
        elif mention.start in self.starts and len(words) == 1 and self.common(words[0]):
            keep = 0
        else:
            return mention
        if keep == len(words):
            return mention
        text = " ".join(words[:keep]).rstrip(",:;")
        if keep == 0 or not self._written(text.strip(EDGE)):
            return None  # "Top Leader Mocks ...": what is left, the body never names
        return replace(mention, text=text, end=mention.start + len(text))

    def argument(self, mention: EntityMention) -> EntityMention:
        """A relation argument's mention cut as :meth:`mention` says; a name with nothing
        left is a plain noun phrase."""
        if mention.label in (NOUN_LABEL, PRONOUN_LABEL):
            return mention
        return self.mention(mention) or replace(mention, label=NOUN_LABEL)
