"""Repair the character damage of real news text before anything else reads it.

Reversible mojibake (UTF-8 read as Windows-1252: "donâ€™t") is undone by ftfy.  Lossy
damage, where a curly quote, apostrophe or dash became a placeholder, breaks tokens and
sentences (``survive,"?said Mike Taylor``, ``didn"t``); the rules here restore the most
likely character from the shape of the context, never from particular words:

* ``"?`` (a lost character and its space) is a closing quote after punctuation or inside
  a quotation, a possessive apostrophe after a word, a dash after a space; before one
  space and a capital (``say "no"? I doubt it``) it is a genuine question mark;
* ``"`` before a contraction ending (``didn"t``) is an apostrophe; ``"`` + U+FFFD before a
  word an opening quote; U+FFFD inside a word a lost letter (dropped) or, between capitals,
  an apostrophe (``O’Reilly``);
* invisible characters are removed; a zero-width space between a lower-case and a capital
  letter becomes a space (``Angela\\u200bMerkel``);
* a hyphen glued after a grammar word (``said-Brad Taylor``, ``said-the``, ``talks
  with-Polish Prime Minister``, ``in-Brussels``) was a space: articles, pronouns,
  conjunctions and verbs of saying start no hyphenated compound, prepositions none before a
  capital ("in-depth" stays), unless the word is itself inside one (``Rostov-on-Don``).

>>> repair_text('"We will survive,"?said Mike Taylor. I"ve seen O\\ufffd\\ufffdReilly.')
'"We will survive,” said Mike Taylor. I’ve seen O’Reilly.'
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

_FFFD = "\ufffd"
_FTFY_HINT_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\xff]|&#?\w+;")
"""What ftfy can fix shows as Latin-1 range characters (mojibake of UTF-8 read as
Windows-1252 or Latin-1: "â€™", "Ã©"), control characters or HTML entities; text without
any is left to the cheaper rules (ftfy costs as much as all the rest of reading)."""
_ZERO_WIDTH_BREAK_RE = re.compile(r"(?<=[a-z.,;:])\u200b+(?=[A-Z])")
INVISIBLE_RE = re.compile(r"[\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff]")
"""Soft hyphen, zero-width spaces and joiners, direction marks, word joiner, BOM."""
_CONTRACTION_RE = re.compile(r"\"(?<=[A-Za-z]\")(?=(?:s|t|d|m|ll|re|ve)\b)")
_OPENING_LOST_RE = re.compile(r"\"\ufffd+(?=[\w\[(])")
_CAPITAL_GAP_RE = re.compile(r"(?<=\b[A-Z])\ufffd+(?=[A-Z][a-z])")
_LETTER_GAP_RE = re.compile(r"(?<=[^\W\d_])\ufffd+(?=[^\W\d_])")
_QUOTES_RE = re.compile(r"\"\?|[\"“”\n]")
_NEVER_COMPOUNDED = (
    "the|of|and|that|with|from|than|against|its|his|her|their|is|was|were|are|which|where"
    "|when|while|said|says|told"
)
"""Grammar words that start no hyphenated compound at all ("said-the" was "said the")."""
_BEFORE_NAMES = (
    "to|in|into|on|at|by|for|but|or|under|after|about|like|has|have|who|added|called|see"
)
"""Grammar words that start a few compounds ("in-depth", "by-election", "like-minded"),
none before a capital ("in-Brussels" was "in Brussels")."""
_LOST_SPACE_RE = re.compile(
    rf"(?<![\w-])(?:(?P<word>{_NEVER_COMPOUNDED})-(?=[A-Za-z])|(?P<name>{_BEFORE_NAMES})-(?=[A-Z]))"
)
_CLOSING_PUNCT = ",.!?;:…"


def repair_text(text: str) -> str:
    """Undo encoding damage (see the module docstring); text without damage is returned
    unchanged apart from NFC normalisation."""
    if not text:
        return text
    if _FTFY_HINT_RE.search(text):
        text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    else:
        text = unicodedata.normalize("NFC", text)
    if "\u200b" in text:
        text = _ZERO_WIDTH_BREAK_RE.sub(" ", text)
    if not text.isascii():
        text = INVISIBLE_RE.sub("", text)
    if '"' in text:
        text = _CONTRACTION_RE.sub("’", text)
        text = _OPENING_LOST_RE.sub("“", text)
        text = _repair_lost_quotes(text)
    if _FFFD in text:
        text = _LETTER_GAP_RE.sub("", _CAPITAL_GAP_RE.sub("’", text))
    if "-" in text:
        text = _LOST_SPACE_RE.sub(_lost_space, text)
    return text


def _lost_space(match: re.Match[str]) -> str:
    return (match["word"] or match["name"]) + " "


def _repair_lost_quotes(text: str) -> str:
    """Replace each lost-character ``"?`` by the character the context calls for.

    Quotation state is tracked from the ASCII and curly quotes met so far in the same
    line, which is what tells a closing quote from a possessive apostrophe.

    >>> _repair_lost_quotes('Tusk said "we miss you"?after the vote and teachers"?unions')
    'Tusk said "we miss you” after the vote and teachers’ unions'
    >>> _repair_lost_quotes('It is hard "?and getting harder. Did he say "no"? Yes.')
    'It is hard — and getting harder. Did he say "no"? Yes.'
    """
    if '"?' not in text:
        return text
    out: list[str] = []
    quoted = False
    position = 0
    for match in _QUOTES_RE.finditer(text):
        found = match.group()
        out.append(text[position : match.start()])
        position = match.end()
        if found == "\n":
            quoted = False
        elif found == "“":
            quoted = True
        elif found == "”":
            quoted = False
        elif found == '"':
            quoted = not quoted
        elif _genuine(text, match.end()):
            quoted = False  # a question mark after a quotation: `"no"? Yes.`
        else:
            before = text[match.start() - 1] if match.start() else " "
            found = _lost_character(before, quoted, at_end=match.end() == len(text))
            quoted = quoted and found not in ("” ", "”")
        out.append(found)
    out.append(text[position:])
    return "".join(out)


def _genuine(text: str, after: int) -> bool:
    """A question mark after a quoted word (``the "It girl"? They``): a word before the
    quote, then exactly one space and a capital.  A lost character took its space with
    it, so it is followed by no space, by several, or by a lower-case word."""
    before = text[after - 3 : after - 2]
    return (
        before.isalnum()
        and text[after : after + 1] == " "
        and text[after + 1 : after + 2].isupper()
    )


def _lost_character(before: str, quoted: bool, *, at_end: bool) -> str:
    """The character (with its space) a lost ``"?`` stood for, given the character
    before it and whether a quotation is open."""
    space = "" if at_end else " "
    if before in _CLOSING_PUNCT or (quoted and not before.isspace()):
        return "”" + space
    if before.isspace():
        return "—" + space
    return "’" + space
