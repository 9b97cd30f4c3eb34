"""Plain-text and Markdown articles, including text scraped from news sites.

A scraped news page carries lines that are not body text (datelines, view counters,
related-article teasers, bylines, tag lists); fed to the parser they become false
relations, so they are turned into metadata or dropped.  Every rule is about the *shape*
of a line, never about particular words:

* the first non-empty line is the title, unless it is the only line or longer than 250
  characters (then the title is empty);
* short lines of ``•``/``|``-separated fields ("Kyiv • UNN"), counters ("14 views"), bare
  dates and ``By Jane Doe`` bylines are metadata: a dateline gives ``source``, dates give
  ``published``; a line ending in a glued date+time or a counter is a teaser, dropped;
* trailing short lines without final punctuation are ``tags``; a name-like line set
  apart before a tag list is the ``author``;
* a paragraph that starts with a dash and a speech verb ("– said Putin.") is joined to the
  quote before it, so the parser sees one sentence whose subject is the speaker;
* hard-wrapped lines are re-joined; paragraphs are separated by one blank line.

>>> raw = "Kim visits Moscow\\n\\nKyiv • UNN\\n\\nKim met Putin.\\n\\nJane Roe\\n\\nKorea\\nRussia"
>>> doc = parse_scraped(raw)
>>> doc.title, doc.text, doc.source, doc.author, doc.tags
('Kim visits Moscow', 'Kim met Putin.', 'UNN', 'Jane Roe', ('Korea', 'Russia'))
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from kgraph.errors import InputError
from kgraph.models import Article
from kgraph.readers._common import build_article, dedupe
from kgraph.readers.dates import DATE_PATTERN, TIME_PATTERN, find_date
from kgraph.readers.furniture import separate_furniture
from kgraph.readers.repair import INVISIBLE_RE, repair_text

_MAX_TITLE = 250
_FIRST_LINE_RE = re.compile(r"\s*[^\n]*(?:\n|$)")
_ODD_SPACE_RE = re.compile(r"[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_NEWLINE_RE = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES_RE = re.compile(r" {2,}")
_SEPARATORS = "•·|▪●"
_SEP_RE = re.compile(rf"\s*[{_SEPARATORS}]\s*")
_COUNTER = (
    r"(?:\d+(?:[ .,]\d+)*\s?[kKmM]?\+?\s*"
    r"(?:views?|comments?|shares?|likes?|reads?|reposts?|reactions?)"
    r"|(?:views?|comments?|shares?|likes?)\s*:?\s*\d+(?:[ .,]\d+)*\s?[kKmM]?"
    r"|\d+\s*min(?:ute)?s?\s*read)"
)
_COUNTER_RE = re.compile(_COUNTER, re.IGNORECASE)
_DATE_OR_TIME_RE = re.compile(rf"{DATE_PATTERN}|{TIME_PATTERN}", re.IGNORECASE)
_DATETIME_FILLER_RE = re.compile(
    r"\b(?:published|updated|posted|last|modified|date|on|at|today|yesterday"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\b",
    re.IGNORECASE,
)
_TEASER_TAIL_RE = re.compile(
    rf"(?P<glue>\s*)(?P<date>{DATE_PATTERN})(?P<time>,?\s*(?:at\s+)?{TIME_PATTERN})?"
    rf"\s*(?:[{_SEPARATORS}]\s*)?(?P<counter>{_COUNTER})?\s*$",
    re.IGNORECASE,
)
_COUNTER_TAIL_RE = re.compile(rf"[{_SEPARATORS}]?\s*{_COUNTER}\s*$", re.IGNORECASE)
_TAIL_CHARS = 80
_BYLINE_RE = re.compile(r"^(?:by|author:)\s+(?P<name>.+)$", re.IGNORECASE)
_SENTENCE_END = ".!?…\"'”’»"
_NAME_PARTICLES = {"al", "bin", "da", "de", "del", "der", "di", "du", "la", "le", "van", "von"}
_SPEECH_VERBS = (
    r"said|says|say|added|adds|stressed|stresses|noted|notes|stated|states|emphasi[sz]ed"
    r"|emphasi[sz]es|told|tells|explained|explains|wrote|writes|declared|declares|announced"
    r"|announces|claimed|claims|commented|comments|insisted|insists|asserted|asserts"
    r"|continued|continues|concluded|concludes|warned|warns|remarked|remarks|replied|replies"
    r"|answered|answers|reported|reports|recalled|recalls|admitted|admits|argued|argues"
    r"|pointed out|points out|according to|underlined|underlines|assured|assures|summed up"
)
_ATTRIBUTION_RE = re.compile(
    rf"^(?:[–—]|--?)\s*(?:[^\s.!?]+\s+){{0,5}}?(?:{_SPEECH_VERBS})\b", re.IGNORECASE
)
_MAX_ATTRIBUTION = 200
_MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_STRONG_RE = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1")
_MD_RULE_RE = re.compile(r"^(?:[-*_]\s*){3,}$")
_MD_PREFIX_RE = re.compile(r"^(?:#{1,6}\s+|>\s?)")
_MD_CLOSING_RE = re.compile(r"\s+#+$")


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    block: int


@dataclass(slots=True)
class ScrapedText:
    """A text document or web page: body text plus whatever metadata it held (the
    keyword arguments of :func:`~kgraph.readers._common.build_article`)."""

    title: str = ""
    text: str = ""
    source: str | None = None
    author: str | None = None
    published: str | None = None
    tags: tuple[str, ...] = ()
    url: str | None = None


@dataclass(slots=True)
class _Found:
    source: str | None = None
    author: str | None = None
    dates: list[str | None] = field(default_factory=lambda: [None, None, None])

    def date(self, rank: int, value: str | None) -> None:
        """Remember the first date of each rank: 0 header, 1 elsewhere, 2 teaser."""
        if value and not self.dates[rank]:
            self.dates[rank] = value


def read_text(origin: str, raw: str, *, markdown: bool = False) -> Iterator[Article | InputError]:
    """Yield the one article in a plain-text (or Markdown) document.

    >>> next(read_text("a.txt", "Title\\n\\nBody.")).text
    'Body.'
    """
    yield build_article(origin, **asdict(parse_scraped(raw, markdown=markdown)))


def parse_scraped(raw: str, *, markdown: bool = False) -> ScrapedText:
    """Split a scraped text document into title, body and metadata (see module doc)."""
    lines = normalize_lines(_prepare_scraped(raw))
    if markdown:
        lines = [_strip_markdown(line) for line in lines]
    title, rest = _take_title(lines)
    body_lines, found = _drop_metadata(_to_lines(rest))
    body_lines, author, tags = _split_trailer(body_lines)
    text = "\n\n".join(_join_attributions(_paragraphs(body_lines)))
    published = next((d for d in found.dates if d), None)
    return ScrapedText(title, text, found.source, author or found.author, published, tags)


def clean_body(raw: str, *, unwrap: bool = True) -> str:
    """Normalise a body that came with structured metadata (JSON, HTML, feeds).

    Whitespace, metadata lines, teasers and quote attributions are handled as in
    :func:`parse_scraped`; there is no title line and no tag/byline trailer.  With
    ``unwrap=False`` every line is its own paragraph (text extracted from HTML blocks).

    >>> clean_body("“We won” \\n– he said\\n\\n\\n14 views")
    '“We won” – he said.'
    """
    lines = normalize_lines(separate_furniture(repair_text(raw), spacing=unwrap))
    if unwrap:
        items = _to_lines(lines)
    else:
        items = [_Line(text, index) for index, text in enumerate(lines) if text]
    kept, _ = _drop_metadata(items)
    return "\n\n".join(_join_attributions(_paragraphs(kept)))


def _prepare_scraped(raw: str) -> str:
    """Repaired text with its furniture set apart (:mod:`kgraph.readers.furniture`),
    except on the first line when it will be the title: a title is one line whatever
    it looks like."""
    raw = repair_text(raw)
    head = _FIRST_LINE_RE.match(raw)
    if head is None or len(head.group().strip()) > _MAX_TITLE or not raw[head.end() :].strip():
        return separate_furniture(raw)
    return head.group() + separate_furniture(raw[head.end() :])


def normalize_lines(raw: str) -> list[str]:
    """NFC text split into stripped lines with odd whitespace made plain.

    >>> normalize_lines("Kyiv\\u00a0•\\u00a0UNN  \\r\\nx\\u200by")
    ['Kyiv • UNN', 'xy']
    """
    text = unicodedata.normalize("NFC", raw)
    text = INVISIBLE_RE.sub("", _ODD_SPACE_RE.sub(" ", _NEWLINE_RE.sub("\n", text)))
    return [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]


def _strip_markdown(line: str) -> str:
    if _MD_RULE_RE.match(line):
        return ""
    if line.startswith("#"):
        line = _MD_CLOSING_RE.sub("", line)
    line = _MD_PREFIX_RE.sub("", line)
    line = _MD_LINK_RE.sub(r"\1", _MD_IMAGE_RE.sub("", line))
    return _MD_STRONG_RE.sub(r"\2", line).strip()


def _take_title(lines: list[str]) -> tuple[str, list[str]]:
    filled = [i for i, line in enumerate(lines) if line]
    if len(filled) < 2 or len(lines[filled[0]]) > _MAX_TITLE:
        return "", lines
    first = filled[0]
    return lines[first].lstrip("#").strip(), lines[first + 1 :]


def _to_lines(lines: list[str]) -> list[_Line]:
    """Non-empty lines tagged with the number of the blank-line-separated block they are in."""
    out: list[_Line] = []
    block = 0
    for text in lines:
        if text:
            out.append(_Line(text, block))
        else:
            block += 1
    return out


# ---------------------------------------------------------------- metadata lines


def _drop_metadata(lines: list[_Line]) -> tuple[list[_Line], _Found]:
    """Remove metadata and teaser lines, remembering source, byline and dates."""
    kept: list[_Line] = []
    found = _Found()
    for line in lines:
        kind, date, source = _classify(line.text)
        if kind == "body":
            kept.append(line)
        elif kind == "byline":
            found.author = found.author or source
        elif kind == "teaser":
            found.date(2, date)
        else:
            found.date(1 if kept else 0, date)
            if not kept and source and found.source is None:
                found.source = source
    return kept, found


def _classify(line: str) -> tuple[str, str | None, str | None]:
    """``(kind, date, source-or-name)`` with kind body, meta, byline or teaser."""
    if (m := _BYLINE_RE.match(line)) and _is_name_like(m["name"]):
        return "byline", None, m["name"]
    if len(line) <= 120:
        fields = [f for f in _SEP_RE.split(line) if f]
        kinds = [_field_kind(f) for f in fields]
        has_sep = _SEP_RE.search(line) is not None
        if kinds and None not in kinds and (has_sep or kinds[0] != "text"):
            texts = [f for f, kind in zip(fields, kinds, strict=True) if kind == "text"]
            return "meta", find_date(line), texts[-1] if len(texts) >= 2 else None
    if len(line) <= 300 and line[-1] not in _SENTENCE_END:
        return _classify_teaser(line)
    return "body", None, None


def _classify_teaser(line: str) -> tuple[str, str | None, str | None]:
    """A headline with a date+time glued to it or a counter at its end is a teaser.

    Only the last 80 characters are searched: the tail is never longer, and it keeps the
    regexes linear on long lines.
    """
    cut = max(0, len(line) - _TAIL_CHARS)
    end = line[cut:]
    if not any(ch.isdigit() for ch in end):
        return "body", None, None
    tail = _TEASER_TAIL_RE.search(end)
    is_teaser = tail and (tail["counter"] or (tail["time"] and not tail["glue"]))
    if tail and is_teaser and _has_letter(line[: cut + tail.start()]):
        return "teaser", find_date(tail["date"]), None
    counter = _COUNTER_TAIL_RE.search(end)
    if counter and _has_letter(line[: cut + counter.start()]):
        return "teaser", find_date(line), None
    return "body", None, None


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _field_kind(text: str) -> str | None:
    """What one separated field of a line is: counter, date, short text, or None (prose)."""
    if _COUNTER_RE.fullmatch(text):
        return "counter"
    if _DATE_OR_TIME_RE.search(text):
        leftover = _DATETIME_FILLER_RE.sub("", _DATE_OR_TIME_RE.sub("", text))
        if not re.search(r"\w", leftover):
            return "date"
    if len(text) <= 40 and len(text.split()) <= 5 and text[-1] not in ".!?":
        return "text"
    return None


# ---------------------------------------------------------------- trailing tags and byline


def _is_tag_like(line: str) -> bool:
    """Short, no sentence-final punctuation, no commas, has a letter, not a dash/bullet."""
    return (
        len(line) <= 60
        and len(line.split()) <= 6
        and line[-1] not in _SENTENCE_END + ":;,"
        and "," not in line
        and line[0] not in "-–—*•"
        and _has_letter(line)
    )


def _is_name_like(text: str) -> bool:
    """2-4 capitalised words (lowercase particles like "van" allowed), no digits/punctuation.

    >>> _is_name_like("Stepan Haftko"), _is_name_like("War in Ukraine")
    (True, False)
    """
    words = text.split()
    if not 2 <= len(words) <= 4 or words[0].lower() in _NAME_PARTICLES:
        return False
    for word in words:
        letters = word.replace("-", "").replace("'", "").replace("’", "")
        if not letters.isalpha():
            return False
        if not word[0].isupper() and word not in _NAME_PARTICLES:
            return False
    return True


def _split_trailer(lines: list[_Line]) -> tuple[list[_Line], str | None, tuple[str, ...]]:
    """Peel the trailing tag lines (and a byline just before a tag list) off the body.

    At least one body line is always kept.  The byline is the last single-line,
    name-like block of the trailing run that is followed by a multi-line tag block: when
    every tag is its own paragraph a name cannot be told from a tag, so it stays a tag.
    """
    start = len(lines)
    while start > 1 and _is_tag_like(lines[start - 1].text):
        start -= 1
    run = lines[start:]
    groups = _blocks(run)
    author_at = None
    for index, group in enumerate(groups[:-1]):
        later_list = any(len(g) > 1 for g in groups[index + 1 :])
        if len(group) == 1 and _is_name_like(group[0].text) and later_list:
            author_at = index
    if author_at is None:
        return lines[:start], None, _tags(run)
    body = lines[:start] + [line for g in groups[:author_at] for line in g]
    tags = [line for g in groups[author_at + 1 :] for line in g]
    return body, groups[author_at][0].text, _tags(tags)


def _tags(lines: list[_Line]) -> tuple[str, ...]:
    texts = [line.text for line in lines]
    if texts:
        texts[:1] = _unglue(texts[0])
    return dedupe(texts)


def _unglue(text: str) -> list[str]:
    """Split a section label glued to the first tag: "PoliticsNews of the World".

    Only a single capitalised word of >= 4 letters glued to a multi-word tag is split, so
    brand names such as "BlackRock" or "PlayStation" survive.

    >>> _unglue("PoliticsNews of the World"), _unglue("BlackRock")
    (['Politics', 'News of the World'], ['BlackRock'])
    """
    first_word = text.split()[0]
    for i in range(4, len(first_word) - 1):
        before, here, after = first_word[i - 1], first_word[i], first_word[i + 1]
        if before.islower() and here.isupper() and after.islower():
            head, tail = text[:i], text[i:]
            if head[0].isupper() and head.isalpha() and " " in tail:
                return [head, tail]
            break
    return [text]


# ---------------------------------------------------------------- paragraphs


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Group lines into paragraphs: blocks split at blank lines, wrapped lines re-joined."""
    blocks = [[line.text for line in group] for group in _blocks(lines)]
    return [para for block in blocks for para in _unwrap(block)]


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Consecutive lines of the same block, together."""
    return [list(group) for _, group in itertools.groupby(lines, key=lambda line: line.block)]


def _unwrap(block: list[str]) -> list[str]:
    """Re-join hard-wrapped lines of one block; other lines stay separate paragraphs."""
    width = max(len(line) for line in block)
    paras = [block[0]]
    for prev, line in itertools.pairwise(block):
        wrapped = (
            width <= 120
            and len(prev) >= max(40, int(width * 0.6))
            and prev[-1] not in _SENTENCE_END + ":;"
        )
        if wrapped:
            paras[-1] = f"{paras[-1]} {line}"
        else:
            paras.append(line)
    return paras


def _join_attributions(paras: list[str]) -> list[str]:
    """Attach "– said Putin."-style paragraphs to the quote before them (see module doc)."""
    out: list[str] = []
    for para in paras:
        if out and len(para) <= _MAX_ATTRIBUTION and _ATTRIBUTION_RE.match(para):
            quote = out[-1]
            if quote.endswith(".") and not quote.endswith(".."):
                quote = quote[:-1]
            if para[-1] not in ".!?…":
                para += "."
            out[-1] = f"{quote} {para}"
        else:
            out.append(para)
    return out
