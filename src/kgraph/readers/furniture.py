"""Set news-page furniture apart from the sentences around it.

Exported news bodies often lost their paragraph breaks, so a dateline, a link teaser, an
embedded tweet or a byline runs into the next sentence ("Washington (CNN)The FBI").  These
rules, each about the *shape* of English news furniture, put a paragraph break (which
always ends a sentence, see :mod:`kgraph.nlp`) around such pieces: runs of spaces,
dashes glued between sentences, datelines (``MOSCOW, March 3. /TASS/.``, ``Leeds,
England (CNN)``), teaser labels (``READ MORE:``) and the end of their headline, date
stamps, tweets and their credits, bylines, photo credits, ``Source:`` lines and editors'
codes.  No word of the article is deleted except share widgets ("Send Facebook Twitter
Google+ ...").

>>> separate_furniture("MOSCOW, March 3. /TASS/. Talks began. READ MORE: Why talks fail It ended.")
'MOSCOW, March 3. /TASS/.\\n\\nTalks began.\\n\\nREAD MORE: Why talks fail\\n\\nIt ended.'
"""

from __future__ import annotations

import re
from collections.abc import Callable

BREAK = "\n\n"
_DASH = r"\-–—"
_CLOSE = "\"'”’"

_SPACE_RUN_RE = re.compile(r"[ \t\u00a0]{2,}")
_BEFORE_PARAGRAPH_GAP = frozenset(f".!?…){_CLOSE}" + _DASH.replace("\\", ""))
_GLUED_DASH_RE = re.compile(
    rf"(?P<end>[.!?](?<=[a-z0-9%)\]{_CLOSE}].)[{_CLOSE}]?) ?-+ *(?=[\"“A-Z])"
)
_CAPS_DATELINE_RE = re.compile(
    rf"^(?P<line>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?:, [^\n]{{1,40}}?)?\.?"
    rf"(?: ?/[A-Za-z]+/\.?| \([A-Za-z][^()\n]{{1,30}}\) ?[{_DASH}]{{1,2}}| [{_DASH}]{{1,2}}))"
    r"[ ]+(?=\S)"
)
_AGENCY_DATELINE_RE = re.compile(
    r"^(?P<line>(?:[A-Z][\w.'\-]*(?:,? [A-Z][\w.'\-]*){0,3},? )?\([A-Z][A-Za-z]{1,10}\))"
    r"(?=[A-Z\"“'])"
)
_PLACE_DASH_DATELINE_RE = re.compile(
    rf"^(?P<line>[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}},? (?:[{_DASH}] |--(?=\S)))[ ]*(?=[A-Z])"
)
_LABEL = r"[A-Z]{2,}(?:[ /&][A-Z]{2,}){0,2}"
_LABEL_AFTER_SENTENCE_RE = re.compile(rf" (?<=[.!?…){_CLOSE}\]] )(?={_LABEL}:[ ])")
TEASER_LABELS = frozenset(
    {
        "READ MORE",
        "READ",
        "MORE",
        "RELATED",
        "SEE ALSO",
        "ALSO READ",
        "OPINION",
        "ANALYSIS",
        "WATCH",
        "VIDEO",
        "LISTEN",
        "INTERACTIVE",
        "IN PICTURES",
        "PHOTOS",
        "INSIDE STORY",
        "FEATURE",
        "EXPLAINER",
        "TIMELINE",
        "PROFILE",
    }
)
"""Labels of link teasers: a headline follows, with no sentence punctuation to end it."""
_TEASER_RE = re.compile(rf"(?P<label>{_LABEL}):[ ](?P<rest>.+)")
_SENTENCE_OPENERS = (
    "The|A|An|It|He|She|They|We|I|In|On|At|But|And|However|This|That|These|Those|His|Her"
    "|Their|Its|Mr|Ms|Mrs|Dr|According|After|Before|When|While|As|If|Since|Some|Many|Most"
    "|Meanwhile|There|Earlier|Last|Speaking|Under|For|With|From|During|Despite|Although"
)
_HEADLINE_END_RE = re.compile(
    rf"[.!?…][{_CLOSE}]?(?P<after_punct>[ ]+)(?=[A-Z\"“])"
    rf"|(?<=\w)(?P<dash>[{_DASH}][ ]+)"
    rf"|(?<=[{_CLOSE}])(?P<after_quote>[ ]+)(?=[A-Z])"
    rf"|\b[a-z0-9][\w'’\-]*(?P<before_opener>[ ]+)(?=(?:{_SENTENCE_OPENERS})\b|[\"“][A-Z])"
    rf"|\b[A-Z][\w'’\-]*(?P<name_before_opener>[ ]+)(?=(?:{_SENTENCE_OPENERS})\b)"
)
"""Where a headline without final punctuation ends: sentence punctuation, a dash glued to
a word, a closing quote before a capital, or a lower-case word followed by a sentence
opener or an opening quote (a capitalised word alone is no sign: headlines are often in
title case; a capitalised word followed by an opener only ends a headline in sentence
case: "Refugees return from Pakistan Last year, ...", not "Why The West Must Act").  The
named group is the gap the paragraph break replaces."""
_LOWER_CONTENT_WORD = re.compile(r" [a-z][a-z'’\-]{3,}\b")
"""A lower-case word of four letters or more after the first: a headline in sentence case."""
_MAX_HEADLINE = 160
_DATE_STAMP_RE = re.compile(r"(?<=[.!?…\"'”’])(?P<stamp> ?\(\d{1,2}\.\d{1,2}\.\d{4}\)) +(?=\S)")
_PIC_LINK_RE = re.compile(r"(?P<link>\bpic\.twitter\.com/\w+) +(?=\S)")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_TWEET_CREDIT_RE = re.compile(
    rf"[ ]*(?P<credit>(?<!\S)[{_DASH}]{{1,2}} [^\n()–—]{{1,60}}? \(@\w{{1,15}}\) "
    rf"(?:{_MONTHS}) \d{{1,2}}, \d{{4}})[ ]*"
)
_BYLINE = (
    r"(?P<byline>(?:By |Analysis: )?[A-Z][a-z]+(?: [A-Z][\w'\-]+){1,2}, "
    r"(?:[A-Z][\w'’&]*[ ]){1,4}(?:[a-z]+[ ]){0,4}(?:editor|correspondent|reporter|analyst))"
    r"[ ]+(?=[A-Z\"“])"
)
_BYLINE_RE = re.compile(rf" (?<=[.!?…{_CLOSE}] ){_BYLINE}")
_BYLINE_START_RE = re.compile(_BYLINE)
_PHOTO_CREDIT_RE = re.compile(r"\[(?P<credit>[^\[\]\n]{3,60})\][ ]+(?=\S)")
_PHOTO_AGENCIES = ("Reuters", "AP", "AFP", "EPA", "Getty", "Anadolu", "Photo", "File")
_SOURCE_TRAILER_RE = re.compile(r"[ ]+(?=Source:[ \-]*[A-Z][^\n]{0,80}$)", re.MULTILINE)
_SHARE_NAMES = (
    "Send|Share|Facebook|Twitter|Google\\+|WhatsApp|Whatsapp|Tumblr|LinkedIn|linkedin|stumble"
    "|Digg|reddit|Newsvine|Pinterest|Email|E-mail|Print"
)
_SHARE_WIDGET_RE = re.compile(
    rf"(?<!\S)(?:(?:{_SHARE_NAMES})(?:[ ]+|$)){{4,}}(?:Permalink[ ]+\S+[ ]*)?"
)
_AUTHOR_CODE_RE = re.compile(
    r"(?<!\S)(?P<credit>[a-z]{2,4}(?:/[a-z]{2,4}){1,2} \([A-Za-z]+(?:(?:, |/)[A-Za-z]+)*\))"
)


def _end_teaser(match: re.Match[str]) -> str:
    """A teaser line with a blank line after its headline (when its end can be found)."""
    label, rest = match["label"], match["rest"]
    if label not in TEASER_LABELS:
        return match.group()
    return f"{label}: {headline_end(rest)}"


def headline_end(text: str) -> str:
    """``text`` with a blank line where the headline that opens it ends, if that is
    within the first :data:`_MAX_HEADLINE` characters.

    >>> headline_end("Why the talks failed It was late.")
    'Why the talks failed\\n\\nIt was late.'
    >>> headline_end("A critical juncture- Turkey considers it")
    'A critical juncture\\n\\nTurkey considers it'
    >>> headline_end("Refugees return from Pakistan Last year, many left.")
    'Refugees return from Pakistan\\n\\nLast year, many left.'
    """
    for end in _HEADLINE_END_RE.finditer(text):
        if end.lastgroup is None:
            continue
        start, stop = end.span(end.lastgroup)
        if start > _MAX_HEADLINE:
            break
        if end.lastgroup == "name_before_opener" and not _LOWER_CONTENT_WORD.search(text[:start]):
            continue  # title case: "Why The West Must Act"
        return text[:start] + BREAK + text[stop:]
    return text


def _photo_credit(match: re.Match[str]) -> str:
    """A photo caption's credit in brackets ("[Jane Doe/Al Jazeera]", "[Reuters]") ends
    the caption; other bracketed words (an editor's "[Trump]") are left alone."""
    credit = match["credit"]
    is_credit = "/" in credit or any(word in credit.split() for word in _PHOTO_AGENCIES)
    return f"[{credit}]{BREAK}" if is_credit else match.group()


Replacement = str | Callable[[re.Match[str]], str]

Rule = tuple[tuple[str, ...], re.Pattern[str], Replacement]

_BEFORE_LINES: tuple[Rule, ...] = (
    (("-",), _GLUED_DASH_RE, rf"\g<end>{BREAK}"),
    ((": ",), _LABEL_AFTER_SENTENCE_RE, BREAK),
)
"""Rules that make paragraphs the line rules then look at, each with the substrings of
which one must occur for it to apply: a cheap test that spares most articles most of the
regular expressions."""

_AFTER_LINES: tuple[Rule, ...] = (
    ((".19", ".20"), _DATE_STAMP_RE, rf"\g<stamp>{BREAK}"),
    (("pic.twitter.com/",), _PIC_LINK_RE, rf"\g<link>{BREAK}"),
    (("(@",), _TWEET_CREDIT_RE, rf"{BREAK}\g<credit>{BREAK}"),
    (("editor", "correspondent", "reporter", "analyst"), _BYLINE_RE, rf"{BREAK}\g<byline>{BREAK}"),
    (("]",), _PHOTO_CREDIT_RE, _photo_credit),
    (("Source:",), _SOURCE_TRAILER_RE, BREAK),
    (("Twitter", "Facebook"), _SHARE_WIDGET_RE, BREAK),
    (("/",), _AUTHOR_CODE_RE, rf"{BREAK}\g<credit>{BREAK}"),
)
"""Rules that apply anywhere in the text, with their substrings as above."""

_LINE_RULES: tuple[tuple[re.Pattern[str], Replacement], ...] = (
    (_CAPS_DATELINE_RE, rf"\g<line>{BREAK}"),
    (_AGENCY_DATELINE_RE, rf"\g<line>{BREAK}"),
    (_PLACE_DASH_DATELINE_RE, rf"\g<line>{BREAK}"),
    (_TEASER_RE, _end_teaser),
    (_BYLINE_START_RE, rf"\g<byline>{BREAK}"),
)
"""Rules about what opens a paragraph, tried at the start of each line only."""


def separate_furniture(text: str, *, spacing: bool = True) -> str:
    """``text`` with a blank line around every piece of furniture (see the module
    docstring).  ``spacing=False`` ignores runs of spaces (text extracted from HTML)."""
    if spacing and any(gap in text for gap in ("  ", "\t", "\u00a0")):
        text = _SPACE_RUN_RE.sub(_space_break, text)
    text = _apply(_BEFORE_LINES, text)
    text = "\n".join(_open_paragraph(line) for line in text.split("\n"))
    return _apply(_AFTER_LINES, text)


def _apply(rules: tuple[Rule, ...], text: str) -> str:
    """``text`` with each rule whose substrings occur in it applied, in order."""
    for needles, pattern, replacement in rules:
        if any(needle in text for needle in needles):
            text = pattern.sub(replacement, text)
    return text


def _space_break(match: re.Match[str]) -> str:
    """Three or more spaces, or two after a sentence or a dash, were a paragraph break."""
    gap = match.group()
    before = match.string[match.start() - 1 : match.start()]
    return BREAK if len(gap) >= 3 or before in _BEFORE_PARAGRAPH_GAP else gap


def _open_paragraph(line: str) -> str:
    """``line`` with the first paragraph-opening rule that matches its start applied."""
    if not line[:1].isupper() and not line.startswith("("):
        return line
    for pattern, replacement in _LINE_RULES:
        match = pattern.match(line)
        if match is not None:
            head = replacement(match) if callable(replacement) else match.expand(replacement)
            return head + line[match.end() :]
    return line
