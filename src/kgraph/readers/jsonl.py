"""JSON Lines (``.jsonl``/``.ndjson``) and JSON (``.json``) article records.

Exporters name the same field differently (``text``/``body``/``content``, ``url``/``link``,
``date``/``pubDate``...): the first non-empty of each family is used.  A bad line or
record becomes one :class:`InputError` naming ``path:line`` or ``path#index`` (0-based).

>>> record = {"title": "T", "body": "<p>Kim met Putin.</p>", "link": "https://x.org/a#c"}
>>> article = to_article("a.jsonl:1", record)
>>> article.text, article.id
('Kim met Putin.', 'https://x.org/a')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from kgraph.errors import InputError
from kgraph.models import Article
from kgraph.readers._common import build_article, json_type
from kgraph.readers.dates import date_or_text, timestamp_date
from kgraph.readers.htmlpage import html_to_text, looks_like_html
from kgraph.readers.text import clean_body

_TEXT_KEYS = ("text", "body", "content")
_URL_KEYS = ("url", "link")
_DATE_KEYS = ("published", "date", "publish_date", "pubDate", "published_at", "datePublished")
_TAG_KEYS = ("tags", "keywords", "categories")
_LIST_KEYS = ("articles", "items", "data")

#: One numbered line of a JSONL stream, or the reason it could not be decoded.
NumberedLine = tuple[int, str | InputError]


def read_jsonl(origin: str, lines: Iterable[NumberedLine]) -> Iterator[Article | InputError]:
    """One article (or error) per non-blank line; ``origin`` is the path, ``:line`` is added.

    >>> [type(x).__name__ for x in read_jsonl("f", [(1, '{"text": "A."}'), (2, "nope")])]
    ['Article', 'InputError']
    """
    seen_any = False
    for lineno, line in lines:
        if isinstance(line, InputError):
            seen_any = True
            yield line
            continue
        if not line.strip():
            continue
        seen_any = True
        where = f"{origin}:{lineno}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = f"line {lineno} is not valid JSON: {exc.msg} at column {exc.colno}"
            yield InputError(where, problem)
            continue
        except RecursionError:
            yield InputError(where, f"line {lineno} is JSON nested too deeply to read")
            continue
        if isinstance(value, dict):
            yield from _records(where, value)
        else:
            yield InputError(where, f"line {lineno} is a JSON {json_type(value)}, not an object")
    if not seen_any:
        yield InputError(origin, "file is empty (only blank lines)")


def read_json(origin: str, raw: str) -> Iterator[Article | InputError]:
    """Articles of a JSON document: an object, a list of objects, or an object holding
    such a list under ``articles``/``items``/``data``.  A ``.json`` file that is really
    JSON Lines ("Extra data" after the first value) is read as JSON Lines."""
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and raw.lstrip().startswith("{"):
            yield from read_jsonl(origin, enumerate(raw.splitlines(), start=1))
            return
        where = f"line {exc.lineno} column {exc.colno}"
        yield InputError(origin, f"is not valid JSON: {exc.msg} at {where}")
        return
    except RecursionError:
        yield InputError(origin, "is JSON nested too deeply to read")
        return
    yield from _records(origin, value)


def _records(origin: str, value: Any) -> Iterator[Article | InputError]:
    if isinstance(value, dict):
        listed = next((value[k] for k in _LIST_KEYS if isinstance(value.get(k), list)), None)
        if listed is None or _first_text(value):
            yield to_article(origin, value)
            return
        value = listed
    if not isinstance(value, list):
        kind = json_type(value)
        yield InputError(origin, f"JSON is a {kind}, not an object or a list of objects")
        return
    if not value:
        yield InputError(origin, "JSON list has no articles")
    for index, item in enumerate(value):
        where = f"{origin}#{index}"
        if isinstance(item, dict):
            yield to_article(where, item)
        else:
            yield InputError(where, f"item {index} is a JSON {json_type(item)}, not an object")


def to_article(origin: str, record: Mapping[str, Any]) -> Article | InputError:
    """Build an article from one JSON object (see the module doc for field names)."""
    raw_text = _first_text(record)
    text = html_to_text(raw_text) if looks_like_html(raw_text) else clean_body(raw_text)
    title = _first_string(record, ("title", "headline"))
    if looks_like_html(title):
        title = html_to_text(title)
    explicit_id = record.get("id")
    return build_article(
        origin,
        title=title,
        text=text,
        url=_first_string(record, _URL_KEYS) or None,
        explicit_id=str(explicit_id) if isinstance(explicit_id, str | int) else None,
        source=_name(record.get("source")),
        author=_author(record.get("author")),
        published=_published(record),
        tags=_tags(record),
    )


def _first_text(record: Mapping[str, Any]) -> str:
    """First non-empty text field; a list of strings is a list of paragraphs."""
    for key in _TEXT_KEYS:
        value = record.get(key)
        if isinstance(value, list):
            value = "\n\n".join(item for item in value if isinstance(item, str))
        if isinstance(value, str) and value.strip():
            return value
    return ""


def _first_string(record: Mapping[str, Any], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _name(value: Any) -> str | None:
    """A string, or the ``name`` of an object such as NewsAPI's ``{"id": .., "name": ..}``."""
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [name for name in map(_name, value) if name and name.strip()]
        return ", ".join(name.strip() for name in names) or None
    return _name(value)


def _published(record: Mapping[str, Any]) -> str | None:
    """ISO date when parseable, else the original string (never silently lost)."""
    for key in _DATE_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return date_or_text(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return timestamp_date(value) or str(value)
    return None


def _tags(record: Mapping[str, Any]) -> list[str]:
    for key in _TAG_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.split(",")
        if isinstance(value, list) and value:
            return [name for name in map(_name, value) if name]
    return []
