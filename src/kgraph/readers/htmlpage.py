"""HTML pages (``.html``/``.htm``) and HTML fragments inside JSON or feed fields.

Why trafilatura for pages: it finds the article body among menus, ads and comments and
reads the page's metadata (title, author, date, canonical URL, site name, tags).  When it
is not importable (for example a missing ``lxml_html_clean``) or fails, a small
standard-library parser is used instead: it keeps the text of block elements (preferring
those inside ``<article>``/``<main>``, skipping nav/aside/footer/script) and reads the
common ``<meta>`` tags.  HTML fragments inside JSON or feed fields always use that parser.

>>> html_to_text("<p>Kim met <b>Putin</b>.</p><p>They talked.</p>")
'Kim met Putin.\\n\\nThey talked.'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from kgraph.errors import InputError
from kgraph.models import Article
from kgraph.readers._common import build_article
from kgraph.readers.dates import parse_date
from kgraph.readers.text import clean_body

_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?\s*>")
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "blockquote", "pre", "tr", "td", "th", "dd", "dt", "figcaption", "br", "hr", "ul", "ol",
    "table", "header", "footer", "aside", "nav",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "form", "iframe",
              "button", "select", "aside", "footer"}  # fmt: skip
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "col"}
_UNAVAILABLE = object()
_META_KEYS = {
    "author": "author",
    "article:author": "author",
    "og:site_name": "source",
    "application-name": "source",
    "article:published_time": "date",
    "date": "date",
    "pubdate": "date",
    "dc.date": "date",
    "og:title": "title",
    "og:url": "url",
    "keywords": "tags",
    "news_keywords": "tags",
    "article:tag": "tags",
    "article:section": "tags",
}


@dataclass(slots=True)
class Page:
    """What was found in one HTML document."""

    text: str = ""
    title: str = ""
    author: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    tags: list[str] = field(default_factory=list)


def looks_like_html(text: str) -> bool:
    """True for a string that starts with ``<`` and contains at least one tag.

    >>> looks_like_html("<p>x</p>"), looks_like_html("a < b and c > d")
    (True, False)
    """
    stripped = text.lstrip()
    return stripped.startswith("<") and _TAG_RE.search(stripped) is not None


def read_html(origin: str, raw: str) -> Iterator[Article | InputError]:
    """Yield the article of one HTML page, or an error when it has no main text."""
    page = extract_page(raw)
    text = clean_body(page.text, unwrap=False)
    if not text:
        yield InputError(origin, "no article text found in HTML")
        return
    yield build_article(
        origin,
        title=page.title,
        text=text,
        url=page.url,
        source=page.source,
        author=page.author,
        published=(parse_date(page.date) or page.date) if page.date else None,
        tags=page.tags,
    )


def extract_page(raw: str) -> Page:
    """Main text and metadata of a page: trafilatura when available, else the fallback."""
    document = _trafilatura_document(raw)
    fallback = _parse(raw)
    if document is _UNAVAILABLE:
        return fallback
    if document is None:  # trafilatura saw no article: do not take menus for one
        fallback.text = ""
        return fallback
    tags = [*_strings(getattr(document, "categories", None))]
    tags += _strings(getattr(document, "tags", None))
    return Page(
        text=_string(getattr(document, "text", None)) or "",
        title=_string(getattr(document, "title", None)) or fallback.title,
        author=_string(getattr(document, "author", None)) or fallback.author,
        date=_string(getattr(document, "date", None)) or fallback.date,
        url=fallback.url or _string(getattr(document, "url", None)),
        source=_string(getattr(document, "sitename", None)) or fallback.source,
        tags=_split_tags(tags) or fallback.tags,
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a JSON ``text`` field, an RSS description).

    Paragraphs are separated by a blank line.  The standard-library parser is used, not
    trafilatura: a fragment is already the article body, and trafilatura's page heuristics
    drop short fragments and split inline markup in them ("Kim met\\nPutin\\n.").
    """
    return clean_body(_parse(fragment).text, unwrap=False)


def _trafilatura() -> Any:
    try:
        import trafilatura  # slow import: only when HTML is read
    except Exception:  # ImportError, or a broken optional dependency of it
        return None
    return trafilatura


def _trafilatura_document(raw: str) -> Any:
    """trafilatura's Document, None if it found no main text, or ``_UNAVAILABLE``."""
    module = _trafilatura()
    if module is None:
        return _UNAVAILABLE
    try:
        document = module.bare_extraction(
            _as_document(raw), with_metadata=True, include_comments=False
        )
    except Exception:  # trafilatura raises assorted errors on odd markup
        return _UNAVAILABLE
    return document if document is not None and getattr(document, "text", None) else None


def _as_document(raw: str) -> str:
    """Wrap a bare fragment in ``<html><body>``: trafilatura ignores fragments without one."""
    return raw if "<body" in raw[:65536].lower() else f"<html><body>{raw}</body></html>"


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def _split_tags(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _parse(raw: str) -> Page:
    parser = _PageParser()
    try:
        parser.feed(raw)
        parser.close()
    except Exception:  # html.parser is lenient; be safe on pathological input anyway
        pass
    return parser.page()


class _PageParser(HTMLParser):
    """Collects block texts (noting which are inside <article>/<main>) and <meta> data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.main_depth = 0
        self.in_title = False
        self.title = ""
        self.h1 = ""
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key.lower(): value or "" for key, value in attrs}
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self.skip_depth += 1
        elif tag in ("article", "main"):
            self.main_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            self._meta(values)
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.meta.setdefault("url", []).insert(0, values.get("href", ""))
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        elif tag in ("article", "main") and self.main_depth:
            self.main_depth -= 1
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self.current.append(data)

    def _meta(self, values: dict[str, str]) -> None:
        key = (values.get("property") or values.get("name") or "").lower()
        if key in _META_KEYS and values.get("content"):
            self.meta.setdefault(_META_KEYS[key], []).append(values["content"])

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.blocks.append((text, self.main_depth > 0))
            if not self.h1 and self.lasttag == "h1":
                self.h1 = text

    def page(self) -> Page:
        """The page found so far: main-content blocks if any, else all blocks."""
        self._flush()
        main = [text for text, in_main in self.blocks if in_main]
        texts = main or [text for text, _ in self.blocks]
        first = {key: values[0].strip() for key, values in self.meta.items() if values}
        return Page(
            text="\n".join(texts),
            title=first.get("title") or self.h1 or " ".join(self.title.split()),
            author=first.get("author"),
            date=first.get("date"),
            url=first.get("url") or None,
            source=first.get("source"),
            tags=_split_tags(self.meta.get("tags", [])),
        )
