"""Turn paths and standard input into :class:`~kgraph.models.Article` objects.

Files are read one at a time and JSON Lines line by line; a bad file or line is *yielded*
as a one-line :class:`InputError` (naming the file and line) so that the rest goes on.

Formats by extension: ``.txt``/``.text`` and unknown extensions given explicitly (plain
text), ``.md``/``.markdown``, ``.json``, ``.jsonl``/``.ndjson``, ``.html``/``.htm``/
``.xhtml``, ``.xml``/``.rss``/``.atom`` (feeds).  Directories are walked recursively in
sorted order, skipping hidden entries and files of unknown extension.

Example::

    for item in iter_articles(["news/", "-"], stdin=sys.stdin):
        if isinstance(item, InputError):
            log(str(item))
        else:
            analyse(item)
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from kgraph.errors import InputError
from kgraph.models import Article
from kgraph.readers._common import (
    SNIFF_BYTES,
    UTF8_HINT,
    build_article,
    decode_bytes,
    decode_error,
    head_error,
    normalize_url,
    os_error,
    text_id,
)
from kgraph.readers.dates import parse_date
from kgraph.readers.feed import looks_like_feed, read_feed
from kgraph.readers.htmlpage import read_html
from kgraph.readers.jsonl import NumberedLine, read_json, read_jsonl
from kgraph.readers.text import read_text

__all__ = [
    "EXTENSIONS",
    "Reader",
    "build_article",
    "estimate_total",
    "iter_articles",
    "normalize_url",
    "parse_date",
    "text_id",
]

Reader = Iterator[Article | InputError]

#: Known file extensions and the format each is read as.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
STDIN_ORIGIN = "<stdin>"
#: Whole-file formats larger than this are refused rather than read into memory.
MAX_FILE_BYTES = 256 * 1024 * 1024


def iter_articles(
    paths: Sequence[str], *, stdin: TextIO | None = None
) -> Iterator[Article | InputError]:
    """Lazily yield an article or an :class:`InputError` for everything in ``paths``.

    ``-`` reads ``stdin`` (its format sniffed, see :func:`_sniff`).  Nothing
    raised by bad input escapes: it is yielded as an error and reading continues.

    >>> import io
    >>> [a.title for a in iter_articles(["-"], stdin=io.StringIO("Title\\n\\nBody."))]
    ['Title']
    """
    for path in paths:
        if path == "-":
            yield from _guard(STDIN_ORIGIN, _read_stdin(stdin))
        else:
            yield from _read_path(path)


def _guard(origin: str, items: Reader) -> Reader:
    """Turn an unexpected exception while reading one input into an error for that input."""
    try:
        yield from items
    except Exception as exc:  # the promise: bad input never raises out of iter_articles
        yield InputError(origin, f"could not be read: {type(exc).__name__}: {exc}")


def _read_path(path: str) -> Reader:
    try:
        is_dir = Path(path).is_dir()
        Path(path).stat()
    except OSError as exc:
        yield os_error(path, exc)
        return
    if not is_dir:
        yield from _guard(path, _read_file(path))
        return
    found = False
    for item in _walk(path):
        if isinstance(item, InputError):
            yield item
        else:
            found = True
            yield from _guard(item, _read_file(item))
    if not found:
        known = ", ".join(sorted(EXTENSIONS))
        yield InputError(path, "directory has no article files", f"kgraph reads {known}")


def _walk(directory: str) -> Iterator[str | InputError]:
    """Files of known extension under ``directory``, depth-first in name order.

    Hidden names (``.git``, ``.DS_Store``) are skipped; symlinked directories are not
    followed (no loops).
    """
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield os_error(directory, exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path)
            elif entry.is_file() and _extension(entry.name) in EXTENSIONS:
                yield entry.path
        except OSError as exc:
            yield os_error(entry.path, exc)


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _read_file(path: str) -> Reader:
    """Read one file by its extension; an unknown extension is read as plain text."""
    fmt = EXTENSIONS.get(_extension(path), "text")
    if fmt == "jsonl":
        yield from read_jsonl(path, _file_lines(path))
        return
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        yield os_error(path, exc)
        return
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 2**20
        yield InputError(path, f"file is larger than {limit} MiB", "split it or use JSON Lines")
        return
    text = decode_bytes(path, data)
    if isinstance(text, InputError):
        yield text
        return
    yield from _parse(path, text, fmt)


def _parse(origin: str, text: str, fmt: str) -> Reader:
    if fmt == "json":
        return read_json(origin, text)
    if fmt == "html":
        return read_html(origin, text)
    if fmt == "feed":
        return read_feed(origin, text)
    return read_text(origin, text, markdown=fmt == "markdown")


def _file_lines(path: str) -> Iterator[NumberedLine]:
    """Decoded lines of a JSON Lines file, one at a time; undecodable lines become errors.

    The whole file gets one error instead when it is missing, empty or binary.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        yield 0, os_error(path, exc)
        return
    with handle:
        if error := head_error(path, handle.read(SNIFF_BYTES)):
            yield 0, error
            return
        handle.seek(0)
        offset = 0
        for lineno, raw in enumerate(handle, start=1):
            start = 3 if lineno == 1 and raw.startswith(b"\xef\xbb\xbf") else 0
            try:
                yield lineno, raw[start:].decode("utf-8")
            except UnicodeDecodeError as exc:
                problem = f"line {lineno} " + decode_error(exc, raw[start:], offset + start)
                yield lineno, InputError(f"{path}:{lineno}", problem, UTF8_HINT)
            offset += len(raw)


def _read_stdin(stdin: TextIO | None) -> Reader:
    """Read standard input in the format :func:`_sniff` tells."""
    if stdin is None:
        yield InputError(STDIN_ORIGIN, "'-' was given but no standard input is available")
        return
    try:
        lines = iter(stdin)
        head: list[str] = []
        for line in lines:
            head.append(line)
            if line.strip():
                break
        if _is_json_line(head[-1] if head else ""):
            yield from read_jsonl(STDIN_ORIGIN, _stdin_lines(head, lines))
            return
        text = "".join(head) + "".join(lines)
    except UnicodeDecodeError as exc:
        yield InputError(STDIN_ORIGIN, decode_error(exc, exc.object), UTF8_HINT)
        return
    yield from _read_stdin_text(text)


def _stdin_lines(head: list[str], rest: Iterator[str]) -> Iterator[NumberedLine]:
    """Number the lines of a JSON Lines stream; stop with an error at undecodable input."""
    lineno = 0
    try:
        for lineno, line in enumerate(itertools.chain(head, rest), start=1):
            yield lineno, line
    except UnicodeDecodeError as exc:
        where = f"{STDIN_ORIGIN}:{lineno + 1}"
        yield lineno + 1, InputError(where, decode_error(exc, exc.object), UTF8_HINT)


def _read_stdin_text(text: str) -> Reader:
    if not text.strip():
        yield InputError(STDIN_ORIGIN, "standard input is empty")
        return
    if "\x00" in text[:SNIFF_BYTES]:
        yield InputError(STDIN_ORIGIN, "looks like binary data, not text")
        return
    yield from _parse(STDIN_ORIGIN, text, _sniff(text))


def _sniff(text: str) -> str:
    """Guess the format of stdin: JSON if it parses, feed/HTML if it starts with ``<``.

    (JSON Lines is recognised earlier, from the first line alone, so it can stream.)
    """
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        try:
            json.loads(stripped)
        except json.JSONDecodeError:
            return "text"
        return "json"
    if stripped.startswith("<"):
        return "feed" if looks_like_feed(stripped) else "html"
    return "text"


def _is_json_line(line: str) -> bool:
    """True when ``line`` is a complete JSON object on its own (a JSON Lines record)."""
    if not line.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def estimate_total(paths: Sequence[str]) -> int | None:
    """How many articles ``paths`` probably hold, cheaply, for a progress bar's ETA.

    Files count one article each, JSON Lines one per non-blank line; None when it cannot
    be told without parsing (stdin, JSON arrays, feeds).
    """
    total = 0
    for path in paths:
        if path == "-":
            return None
        files = [f for f in _walk(path) if isinstance(f, str)] if os.path.isdir(path) else [path]
        for name in files:
            fmt = EXTENSIONS.get(_extension(name), "text")
            if fmt in ("json", "feed"):
                return None
            total += _count_lines(name) if fmt == "jsonl" else 1
    return total


def _count_lines(path: str) -> int:
    try:
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1
