"""What every reader shares: stable ids (the same whichever file, format or run an article
comes from), URL normalisation, decoding and the words for bad input.

>>> normalize_url("HTTPS://Example.COM/a?utm_source=x&id=7#top")
'https://example.com/a?id=7'
>>> text_id("Hello,\\n\\n  World") == text_id("hello, world")
True
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from kgraph.errors import InputError
from kgraph.models import Article
from kgraph.readers.repair import repair_text

#: Bytes inspected for NUL bytes before a file is called binary.
SNIFF_BYTES = 8192
UTF8_HINT = "re-encode it as UTF-8"
_BOM = b"\xef\xbb\xbf"


def normalize_url(url: str) -> str | None:
    """Canonical form of a URL for use as an id: courlan's normal form (lowercase scheme
    and host, no default port, no tracking parameters, query parameters sorted) without
    the fragment.  Strings that are not absolute URLs are returned stripped.

    >>> normalize_url("http://News.example.org:80/story?utm_medium=rss&b=2&a=1")
    'http://news.example.org/story?a=1&b=2'
    """
    import courlan  # half a second to import: only when a URL is read

    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
        if not parts.scheme or parts.hostname is None:
            return url
        normal = urlsplit(courlan.normalize_url(parts))
    except ValueError:
        return url
    return urlunsplit(normal._replace(path=normal.path or "/", fragment=""))


def text_id(text: str) -> str:
    """Content id: ``sha256:`` + 32 hex digits of the NFC, whitespace-collapsed, casefolded
    text, so the same body read from two files (or twice) gets the same id.

    >>> text_id("abc")
    'sha256:ba7816bf8f01cfea414140de5dae2223'
    """
    normal = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return "sha256:" + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


def dedupe(items: Iterable[str]) -> tuple[str, ...]:
    """Non-empty stripped items in first-seen order, compared case-insensitively.

    >>> dedupe(["Ukraine", " ukraine", "", "Kim"])
    ('Ukraine', 'Kim')
    """
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        item = " ".join(item.split())
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return tuple(out)


def build_article(
    origin: str,
    *,
    title: str,
    text: str,
    url: str | None = None,
    explicit_id: str | None = None,
    source: str | None = None,
    author: str | None = None,
    published: str | None = None,
    tags: Iterable[str] = (),
) -> Article | InputError:
    """Assemble an :class:`Article` (id: URL, else explicit id, else content hash).

    Returns an :class:`InputError` instead when there is no text to analyse.
    """
    if not text.strip():
        return InputError(origin, "article has no text")
    url = normalize_url(url) if url else None
    article_id = url or (explicit_id.strip() if explicit_id else "") or text_id(text)
    return Article(
        id=article_id,
        title=" ".join(repair_text(title).split()),
        text=text,
        url=url,
        source=_clean(source),
        author=_clean(author),
        published=_clean(published),
        tags=dedupe(tags),
        origin=origin,
    )


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else None
    return value or None


def decode_error(exc: UnicodeDecodeError, data: bytes, base_offset: int = 0) -> str:
    """The one-line problem for invalid UTF-8: the offending byte and its file offset."""
    byte = data[exc.start] if exc.start < len(data) else 0
    return f"is not valid UTF-8 (byte 0x{byte:02x} at offset {base_offset + exc.start})"


def head_error(origin: str, head: bytes) -> InputError | None:
    """Why the first bytes of a file show it is not UTF-8 text, or None if they look fine."""
    if not head:
        return InputError(origin, "file is empty")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return InputError(origin, "is UTF-16 encoded, not UTF-8", UTF8_HINT)
    if b"\x00" in head[:SNIFF_BYTES]:
        return InputError(origin, "looks like a binary file, not text")
    return None


def decode_bytes(origin: str, data: bytes) -> str | InputError:
    """Decode a whole file as UTF-8 (a leading BOM is allowed) or describe why not."""
    if error := head_error(origin, data):
        return error
    skip = len(_BOM) if data.startswith(_BOM) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(origin, decode_error(exc, data[skip:], skip), UTF8_HINT)
    if not text.strip():
        return InputError(origin, "file is empty (only whitespace)")
    return text


def os_error(origin: str, exc: OSError) -> InputError:
    """A one-line :class:`InputError` for a failed open/stat/listdir."""
    if isinstance(exc, FileNotFoundError):
        return InputError(origin, "no such file or directory", "check the path")
    if isinstance(exc, PermissionError):
        return InputError(origin, "permission denied", "check the file's permissions")
    reason = (exc.strerror or str(exc) or type(exc).__name__).lower()
    return InputError(origin, f"cannot be read: {reason}")


def json_type(value: object) -> str:
    """JSON's name for the type of a decoded value ("object", "array", "string", ...)."""
    return _JSON_TYPES.get(type(value), "number" if isinstance(value, int | float) else "null")


_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean"}
