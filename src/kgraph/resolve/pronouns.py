"""Personal pronouns resolved to a person only when the text leaves no doubt.

"Putin thanked Kim Jong Un. He emphasized ties." -> He = Putin (the subject of the
previous sentence).  "Kim received a message from Putin, in which he ..." has two
candidates in the sentence and stays unresolved; its relation is dropped rather than
guessed.  Other pronouns and bare determiners ("it", "this", "which") are never resolved
here.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PERSONAL = MALE | FEMALE
LOOKBACK_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A resolved person mentioned at ``start``; ``subject`` if it was a clause subject;
    the person's titles and country for descriptions (:mod:`.descriptors`)."""

    start: int
    key: str
    subject: bool
    gender: str | None = None
    titles: frozenset[str] = frozenset()
    country: str | None = None


TITLE_GENDER = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "ms": "f",
    "mrs": "f",
    "miss": "f",
    "madam": "f",
    "dame": "f",
    "lady": "f",
}
"""Honorifics that tell a person's gender ("Mr Trump", "Ms Merkel")."""


def gender_of(titles: Sequence[str] | frozenset[str] | set[str]) -> str | None:
    """ "m" or "f" when the person's honorifics agree on one, else None."""
    found = {
        TITLE_GENDER[w] for t in titles if (w := t.split()[0].rstrip(".").lower()) in TITLE_GENDER
    }
    return found.pop() if len(found) == 1 else None


def _fits(pronoun: str, person: PersonMention) -> bool:
    return person.gender in (None, "m" if pronoun in MALE else "f")


class PronounResolver:
    """Resolve personal pronouns against the persons mentioned earlier in the article."""

    def __init__(
        self,
        sentences: Sequence[tuple[int, int]],
        persons: Sequence[PersonMention],
        pronouns: Sequence[tuple[int, str]] = (),
        quotes: Sequence[int] = (),
        openings: Sequence[int] = (),
    ):
        self._starts = [s for s, _ in sentences]
        self._persons = sorted(persons, key=lambda p: p.start)
        self._pronouns = sorted((start, word.strip().lower()) for start, word in pronouns)
        self._quotes = sorted(quotes)
        self._openings = sorted(openings)

    def _sentence_index(self, offset: int) -> int:
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def _in_sentence(self, index: int, before: int | None) -> list[PersonMention]:
        if index < 0 or index >= len(self._starts):
            return []
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else None
        limit = before if before is not None else end
        return [p for p in self._persons if p.start >= start and (limit is None or p.start < limit)]

    def window(self, offset: int) -> int:
        """Where the sentence before the one at ``offset`` starts (the near context)."""
        index = self._sentence_index(offset)
        return self._starts[index - 1] if index >= 1 else (self._starts[0] if self._starts else 0)

    def resolve(self, pronoun: str, offset: int) -> str | None:
        """The entity key the pronoun at ``offset`` refers to, or None when unsure."""
        word = pronoun.strip().lower()
        if word not in PERSONAL:
            return None
        index = self._sentence_index(offset)
        leading = self._leading(index, offset, word)
        if leading is not None:
            return self.resolve(leading[1], leading[0])
        quoted = self._quoted_before(offset)
        same = {
            p.key
            for p in self._in_sentence(index, offset)
            if _fits(word, p)
            and not quoted[0] <= p.start < quoted[1]
            and not (p.subject and self._quote_between(p.start, offset))
        }
        if same:
            return next(iter(same)) if len(same) == 1 else None
        for back in range(1, LOOKBACK_SENTENCES + 1):
            earlier = [
                p
                for p in self._in_sentence(index - back, None)
                if _fits(word, p) and not quoted[0] <= p.start < quoted[1]
            ]
            if not earlier:
                continue
            subjects = {p.key for p in earlier if p.subject}
            chained = None if subjects else self._subject_pronoun(index - back, word)
            if chained is not None:  # '"...," she told Jonas Hankin QC. ... She told'
                return self.resolve(chained[1], chained[0])  # unsure there: unsure here
            candidates = subjects or {p.key for p in earlier}
            return next(iter(candidates)) if len(candidates) == 1 else None
        return None

    def _quote_between(self, start: int, offset: int) -> bool:
        """Whether the pronoun is in a quotation a speaker opened after the person: 'Mr
        Khalil said: "... so that he could operate"' -- the speaker is not who "he" is."""
        k = bisect.bisect_left(self._openings, offset)
        if k == 0 or self._openings[k - 1] <= start:
            return False
        after = bisect.bisect_right(self._quotes, self._openings[k - 1])
        return after == bisect.bisect_left(self._quotes, offset)  # still open

    def _subject_pronoun(self, index: int, word: str) -> tuple[int, str] | None:
        """The first "he" / "she" of the pronoun's gender in sentence ``index``, which is the
        subject of its clause: in a sentence naming nobody else as subject, a later
        pronoun refers to whom it does, and is as unresolved as it is (not the object the
        sentence names: '"...," she told prosecutor Jonas Hankin. She told the court')."""
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else None
        gender = MALE if word in MALE else FEMALE
        first = bisect.bisect_left(self._pronouns, (start, ""))
        for at, other in self._pronouns[first:]:
            if end is not None and at >= end:
                return None
            if other in SUBJECT_FORMS and other in gender:
                return at, other
        return None

    def _quoted_before(self, offset: int) -> tuple[int, int]:
        """The quotation right before a pronoun that names its speaker ('"Trump is
        hurting our families. ...," he told Al Jazeera'): the speaker is not a person the
        quotation talks about, in whichever of its sentences.  An empty span when the
        pronoun does not follow a quote."""
        k = bisect.bisect_left(self._quotes, offset)
        if k < 2 or not 2 <= offset - self._quotes[k - 1] <= SPEAKER_GAP:
            return (0, 0)  # not after a quote ('"He was ...' opens one)
        if self._quotes[k - 1] < self._starts[self._sentence_index(offset)]:
            return (0, 0)  # '... the case." He urged': a sentence of its own
        return (self._quotes[k - 2], self._quotes[k - 1])

    def _leading(self, index: int, offset: int, word: str) -> tuple[int, str] | None:
        """ "He met Qian Qichen in London, and when he visited Hong Kong ...": "he" or
        "she" opening the sentence, before anyone is named in it, is who a later pronoun
        of that gender in the sentence refers to, unless a quotation lies between them
        ('He called Ma "a great entrepreneur, and he loves China"')."""
        start = self._starts[index] if self._starts else 0
        gender = MALE if word in MALE else FEMALE
        first = bisect.bisect_left(self._pronouns, (start, ""))
        for at, other in self._pronouns[first:]:
            if at >= offset:
                return None
            if other in gender:
                quoted = bisect.bisect_left(self._quotes, at) < bisect.bisect_left(
                    self._quotes, offset
                )
                if other not in SUBJECT_FORMS or quoted or self._in_sentence(index, at):
                    return None
                return at, other
        return None


SUBJECT_FORMS = frozenset({"he", "she"})
SPEAKER_GAP = 3
"""Characters at most from a closing quote to the pronoun after it ('," he', '” he')."""
