"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds (``.xml``/``.rss``/``.atom``): one article per item.

Feeds never need a DTD, and DTD entities are how XML attacks work (billion laughs, XXE),
so defusedxml parses them with DTDs forbidden and a document with one is refused.  Each
item gives title, link (or permalink guid), text (``content:encoded``, else the
description, cleaned of HTML), date, author and tags; the channel title is the source.
Origins are ``path#index`` (0-based).

>>> rss = '<rss><channel><title>Daily</title><item><title>T</title>'
>>> rss += '<link>https://x.org/1</link><description>Kim met Putin.</description></item>'
>>> [a.source for a in read_feed("f.xml", rss + '</channel></rss>')]
['Daily']
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from kgraph.errors import InputError
from kgraph.models import Article
from kgraph.readers._common import build_article
from kgraph.readers.dates import date_or_text
from kgraph.readers.htmlpage import html_to_text, looks_like_html
from kgraph.readers.text import clean_body

_FEED_ROOTS = {"rss": "item", "RDF": "item", "feed": "entry"}


def looks_like_feed(raw: str) -> bool:
    """True when the document's root element is ``<rss>``, ``<rdf:RDF>`` or ``<feed>``."""
    return re.search(r"<(?:rss|feed|rdf:RDF)\b", raw[:2048]) is not None


def read_feed(origin: str, raw: str) -> Iterator[Article | InputError]:
    """Yield one article (or error) per item of an RSS or Atom feed."""
    try:
        root = defusedxml.ElementTree.fromstring(raw, forbid_dtd=True)
    except DefusedXmlException:
        hint = "remove the DOCTYPE declaration; feeds do not need one"
        yield InputError(origin, "XML with a DOCTYPE is refused (entity/XXE risk)", hint)
        return
    except ET.ParseError as exc:
        yield InputError(origin, f"is not well-formed XML: {exc}")
        return
    item_name = _FEED_ROOTS.get(_local(root.tag))
    if item_name is None:
        yield InputError(origin, f"is XML but not an RSS or Atom feed (root <{_local(root.tag)}>)")
        return
    channel = next((e for e in root if _local(e.tag) == "channel"), root)
    source = _child_text(channel, "title") or None
    items = [e for e in root.iter() if _local(e.tag) == item_name]
    if not items:
        yield InputError(origin, "feed has no items")
    for index, item in enumerate(items):
        yield _article(f"{origin}#{index}", item, source)


def _article(origin: str, item: ET.Element, source: str | None) -> Article | InputError:
    text = _child_text(item, "encoded", "content") or _child_text(item, "description", "summary")
    title = _child_text(item, "title")
    date = _child_text(item, "pubDate", "published", "date", "updated", "issued")
    guid = _child_text(item, "guid", "id")
    return build_article(
        origin,
        title=html_to_text(title) if looks_like_html(title) else title,
        text=html_to_text(text) if looks_like_html(text) else clean_body(text),
        url=_link(item) or (guid if guid.startswith(("http://", "https://")) else None),
        explicit_id=guid or None,
        source=source,
        author=_child_text(item, "creator", "author") or None,
        published=date_or_text(date),
        tags=[
            (child.get("term") or child.text or "").strip()
            for child in item
            if _local(child.tag) == "category"
        ],
    )


def _local(tag: str) -> str:
    """Tag name without its ``{namespace}``."""
    return tag.rsplit("}", 1)[-1]


def _child_text(element: ET.Element, *names: str) -> str:
    """Text of the first child named like one of ``names`` (in order of preference).

    An Atom person (``<author><name>``) gives its name; other nested markup (Atom
    ``type="xhtml"`` content) gives its text.
    """
    for name in names:
        for child in element:
            if _local(child.tag) != name:
                continue
            person = next((c for c in child if _local(c.tag) == "name"), None)
            text = "".join((person if person is not None else child).itertext()).strip()
            if text:
                return text
    return ""


def _link(item: ET.Element) -> str | None:
    for child in item:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href is None and child.text and child.text.strip():
            return child.text.strip()
        if href and child.get("rel", "alternate") == "alternate":
            return href.strip()
    return None
