"""Dates as news pages and feeds write them, turned into ISO ``YYYY-MM-DD``.

Why a module of its own: the text reader finds dates inside scraped metadata lines
("Kyiv • 25.12.25, 01:53"), the JSON and feed readers normalise ``published`` fields, and
all of them must agree on what a date is and when it is too ambiguous to guess.

Rules: dotted dates are day-first (``25.12.25`` -> 2025-12-25, the European convention that
uses dots); slashed dates are read only when one part is > 12 (``31/12/2025`` or
``12/31/2025``), otherwise they are ambiguous and give ``None``; two-digit years < 70 are
20xx, others 19xx.

>>> parse_date("December 25, 2025")
'2025-12-25'
>>> parse_date("03/04/2025") is None
True
>>> find_date("Kyiv • 25.12.25, 01:53")
'2025-12-25'
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(
    (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ),
    start=1,
):
    _MONTHS[_name] = _number
    _MONTHS[_name[:3]] = _number
_MONTHS["sept"] = 9

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"

#: Regex source for the date forms kgraph understands (used unanchored by other modules).
DATE_PATTERN = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}/\d{1,2}/\d{1,2}"
    r"|\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})"
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})"
)
#: Regex source for a clock time ("01:53", "1:53 pm", "13:05:00 UTC").
TIME_PATTERN = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:UTC|GMT))?"

_DATE_RE = re.compile(rf"(?<!\d)({DATE_PATTERN})(?![\d:])", re.IGNORECASE)
_ISO_RE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_DOTTED_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")
_SLASHED_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_MONTH_FIRST_RE = re.compile(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I)
_DAY_FIRST_RE = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH}),?\s+(\d{{4}})", re.I)
_TRAILER_RE = re.compile(
    rf"^(?:(?:T|,|\s|at)*{TIME_PATTERN}|T\d{{2}}:\d{{2}}\S*)?\s*(?:[+-]\d{{4}}|[A-Z]{{2,4}})?$",
    re.IGNORECASE,
)
_LEADER_RE = re.compile(rf"^\s*(?:{_WEEKDAY}\s*)?", re.IGNORECASE)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(name: str) -> int | None:
    name = name.lower().rstrip(".")
    return _MONTHS.get(name) or _MONTHS.get(name[:3])


def _from_match(text: str) -> str | None:
    """Turn one matched date string (any form of ``DATE_PATTERN``) into ISO or None."""
    if m := _ISO_RE.fullmatch(text[:10]) or _ISO_RE.fullmatch(text):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _DOTTED_RE.fullmatch(text):
        return _iso(_year(m[3]), int(m[2]), int(m[1]))
    if m := _SLASHED_RE.fullmatch(text):
        first, second, year = int(m[1]), int(m[2]), _year(m[3])
        if first > 12 >= second:
            return _iso(year, second, first)
        if second > 12 >= first:
            return _iso(year, first, second)
        return None  # 03/04/2025: March 4th or 3 April? Do not guess.
    if m := _MONTH_FIRST_RE.fullmatch(text):
        month = _month_number(m[1])
        return _iso(int(m[3]), month, int(m[2])) if month else None
    if m := _DAY_FIRST_RE.fullmatch(text):
        month = _month_number(m[2])
        return _iso(int(m[3]), month, int(m[1])) if month else None
    return None


def parse_date(value: str) -> str | None:
    """Parse a whole date string (optionally with weekday and time) to ``YYYY-MM-DD``.

    Returns None when the string is not a date or is ambiguous, so callers can decide
    whether to keep the original text.

    >>> parse_date("2025-12-25T01:53:00Z"), parse_date("Thu, 25 Dec 2025 01:53:00 +0000")
    ('2025-12-25', '2025-12-25')
    """
    text = " ".join(value.split())
    if not text:
        return None
    lead = _LEADER_RE.match(text)
    rest = text[lead.end() :] if lead else text
    m = _DATE_RE.match(rest)
    if m and _TRAILER_RE.match(rest[m.end() :]):
        return _from_match(m[1])
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat()


def find_date(text: str) -> str | None:
    """The first unambiguous date written anywhere in ``text``, as ``YYYY-MM-DD``.

    >>> find_date("Updated on March 3, 2024 at 10:00")
    '2024-03-03'
    """
    for m in _DATE_RE.finditer(text):
        if iso := _from_match(m[1]):
            return iso
    return None


def timestamp_date(value: float) -> str | None:
    """A Unix timestamp (seconds or milliseconds) as a UTC ISO date, if plausible.

    >>> timestamp_date(1766627580)
    '2025-12-25'
    """
    seconds = value / 1000 if value > 1e11 else value
    if not 1e8 < seconds < 5e9:
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()
