"""Dates as news pages and feeds write them, turned into ISO ``YYYY-MM-DD`` by dateparser.

Every reader agrees here on what a date is: it needs a day, a month and a year; numeric
dates are read day first (``25.12.25``) unless only the other order is a date
(``12/31/2025``); ``03/04/2025`` (either order) and relative dates give ``None``.

>>> parse_date("December 25, 2025")
'2025-12-25'
>>> parse_date("03/04/2025") is None
True
>>> find_date("Kyiv • 25.12.25, 01:53")
'2025-12-25'
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"

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
_AMBIGUOUS_RE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/\d{2,4}(?!\d)")
_SETTINGS = {
    "DATE_ORDER": "DMY",
    "STRICT_PARSING": True,  # day, month and year, all written
    "PARSERS": ["absolute-time"],
}


def parse_date(value: str) -> str | None:
    """Parse a whole date string (optionally with weekday and time) to ``YYYY-MM-DD``.

    Returns None when the string is not a date or is ambiguous, so callers can decide
    whether to keep the original text.

    >>> parse_date("2025-12-25T01:53:00Z"), parse_date("Thu, 25 Dec 2025 01:53:00 +0000")
    ('2025-12-25', '2025-12-25')
    """
    text = " ".join(value.split())
    if not text or ((m := _AMBIGUOUS_RE.search(text)) and max(int(m[1]), int(m[2])) <= 12):
        return None
    with contextlib.suppress(ValueError):  # ISO 8601, most feeds' and JSON's form: fast
        return dt.datetime.fromisoformat(text).date().isoformat()
    import dateparser  # slow import: only when a date is not ISO

    parsed = dateparser.parse(text, languages=["en"], settings=_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def date_or_text(value: str | None) -> str | None:
    """``value`` as an ISO date when it is one, else as written: a date is never lost.

    >>> date_or_text(" 25 Dec 2025 "), date_or_text("Christmas"), date_or_text("")
    ('2025-12-25', 'Christmas', None)
    """
    return (parse_date(value) or value.strip()) if value and value.strip() else None


def find_date(text: str) -> str | None:
    """The first unambiguous date written anywhere in ``text``, as ``YYYY-MM-DD``.

    >>> find_date("Updated on March 3, 2024 at 10:00")
    '2024-03-03'
    """
    for m in _DATE_RE.finditer(text):
        if iso := parse_date(m[1]):
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
