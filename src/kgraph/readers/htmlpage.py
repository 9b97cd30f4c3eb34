"""HTML pages (``.html``/``.htm``) and HTML fragments inside JSON or feed fields.

trafilatura finds a page's body among menus, ads and comments and reads its metadata;
fragments (a JSON ``text`` field, an RSS description) are already the body and are turned
into text by lxml, one line per block element.

>>> html_to_text("<p>Kim met <b>Putin</b>.</p><p>They talked.</p>")
'Kim met Putin.\\n\\nThey talked.'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict

import lxml.etree
import lxml.html

from kgraph.errors import InputError
from kgraph.models import Article
from kgraph.readers._common import build_article
from kgraph.readers.dates import date_or_text
from kgraph.readers.text import ScrapedText, clean_body

_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?\s*>")
_BLOCK_TAGS = (
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "blockquote", "pre", "tr", "td", "th", "dd", "dt", "figcaption", "br", "hr", "ul", "ol",
    "table", "header", "footer", "aside", "nav",
)  # fmt: skip
_SKIP_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "form", "iframe",
              "button", "select", "aside", "footer")  # fmt: skip
_BREAK = "\u2029"  # paragraph separator: marks block boundaries, absent from markup


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
    page.text = clean_body(page.text, unwrap=False)
    if not page.text:
        yield InputError(origin, "no article text found in HTML")
        return
    yield build_article(origin, **asdict(page))


def extract_page(raw: str) -> ScrapedText:
    """Main text and metadata of a page; an empty text when trafilatura finds none."""
    import trafilatura  # slow import: only when HTML is read

    try:
        document = trafilatura.bare_extraction(
            _as_document(raw), with_metadata=True, include_comments=False
        )
    except Exception:  # trafilatura raises assorted errors on odd markup
        document = None
    if document is None or not getattr(document, "text", None):
        return ScrapedText()
    tags = [*_strings(getattr(document, "categories", None))]
    tags += _strings(getattr(document, "tags", None))
    return ScrapedText(
        text=_string(getattr(document, "text", None)) or "",
        title=_string(getattr(document, "title", None)) or "",
        author=_string(getattr(document, "author", None)),
        published=date_or_text(_string(getattr(document, "date", None))),
        url=_string(getattr(document, "url", None)),
        source=_string(getattr(document, "sitename", None)),
        tags=tuple(_split_tags(tags)),
    )


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element.

    Not trafilatura: its page heuristics drop short fragments and split inline markup in
    them ("Kim met\\nPutin\\n.").
    """
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return clean_body(fragment, unwrap=False)
    for skipped in list(root.iter(*_SKIP_TAGS)):
        skipped.drop_tree()
    for block in root.iter(*_BLOCK_TAGS):
        block.text = _BREAK + (block.text or "")
        block.tail = _BREAK + (block.tail or "")
    blocks = (" ".join(part.split()) for part in root.text_content().split(_BREAK))
    return clean_body("\n".join(b for b in blocks if b), unwrap=False)


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
