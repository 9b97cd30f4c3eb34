#!/usr/bin/env python3
"""Screenshot Neo4j Browser showing the result of a Cypher query, for the docs.

Starts nothing itself: point it at a running Neo4j (``kgraph neo4j start`` or Docker) that
already holds a graph, e.g.::

    .venv/bin/kgraph neo4j start
    .venv/bin/kgraph ingest examples/ --neo4j
    NEO4J_PASSWORD=... .venv/bin/python tools/browser_shot.py --out docs/neo4j-browser.png

It drives a headless Chromium (``apt-get install chromium``; the binary is found on PATH or
given with ``--chromium``/``KGRAPH_CHROMIUM``) through the ``playwright`` Python package
(``pip install playwright``; its own browser download is not needed).  The browser gets a
fresh profile, fills Neo4j Browser's connect form with ``--bolt``, ``--user`` and the
password from ``NEO4J_PASSWORD`` (never an argument, never in the picture), runs
``--query``, waits until the graph layout has settled and saves the window as a PNG.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_URL = "http://127.0.0.1:7474/browser/"
DEFAULT_BOLT = "bolt://127.0.0.1:7687"
DEFAULT_QUERY = (
    "MATCH (a:Entity)-[r]->(b:Entity) "
    "WHERE a.name IN ['Vladimir Putin', 'Kim Jong Un'] RETURN a, r, b"
)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Headless, as root, on a machine without internet: no sandbox, no GPU, and none of the
# background connections (updates, sync, QUIC) that a closed network refuses.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: apt-get install -y chromium) and the Python package "
    "playwright (pip install playwright; `playwright install` is not needed), or set "
    "KGRAPH_CHROMIUM to a Chrome/Chromium binary"
)

CONNECTED = "You are connected as user"
# A failed connect shows its error (ServiceUnavailable, Unauthorized...) in the connect
# frame's status bar; a failed query does the same in its result frame.
FRAME_ERROR = "[data-testid=frameStatusbar] :has(> .fa-exclamation-triangle)"


class ShotError(RuntimeError):
    """Something a person would see go wrong: no browser, no connection, no graph."""


def find_chromium(explicit: str | None = None) -> str:
    """The Chromium/Chrome binary to drive, or ShotError saying how to install one."""
    candidate = explicit or os.environ.get("KGRAPH_CHROMIUM")
    if candidate:
        found = shutil.which(candidate)
        if found is None:
            raise ShotError(f"Chromium not found at {candidate!r}: {INSTALL_HINT}")
        return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ShotError(f"no headless Chromium on PATH: {INSTALL_HINT}")


def launch(playwright: Any, chromium: str, profile: Path, width: int, height: int) -> Any:
    """A persistent browser context on a fresh profile directory (no saved Browser state)."""
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=chromium,
        headless=True,
        args=list(CHROMIUM_ARGS),
        viewport={"width": width, "height": height},
    )
    # Neo4j Browser asks Google Fonts for its web fonts; offline that only costs time.
    context.route("http*://fonts.googleapis.com/**", lambda route: route.abort())
    context.route("http*://fonts.gstatic.com/**", lambda route: route.abort())
    return context


def connect(
    page: Any,
    url: str,
    bolt: str,
    user: str,
    password: str,
    database: str | None = None,
    timeout_ms: int = 30_000,
) -> None:
    """Open Neo4j Browser at ``url`` and log in through its connect form."""
    page.set_default_timeout(timeout_ms)
    page.goto(url)
    form = page.locator("[data-testid=boltaddress]")
    try:
        form.wait_for(state="visible")
    except Exception as exc:
        raise ShotError(f"{url} did not show Neo4j Browser's connect form ({exc})") from None
    form.fill(bolt)  # a full URL: the Browser moves the scheme into its scheme selector
    if database:
        page.fill("[data-testid=database]", database)
    page.fill("[data-testid=username]", user)
    page.fill("[data-testid=password]", password)
    page.click("[data-testid=connect]")
    connected = page.get_by_text(CONNECTED)
    failed = page.locator(FRAME_ERROR)
    connected.or_(failed).first.wait_for(state="visible")
    if failed.count():
        raise ShotError(f"Neo4j Browser could not connect to {bolt}: {failed.first.inner_text()}")


def close_frames(page: Any, command: str) -> None:
    """Close the stream frames whose command is ``command`` (e.g. ``:play start``)."""
    frames = page.locator("[data-testid=frame]").filter(
        has=page.locator("[data-testid=frameCommand]", has_text=command)
    )
    while frames.count():
        frames.first.locator("button[title=Close]").click()


def run_query(page: Any, query: str) -> Any:
    """Type ``query`` into the editor, run it and return the locator of its result frame."""
    query = " ".join(query.split())  # one line: Enter in the editor would run it early
    page.click("#monaco-main-editor")
    page.keyboard.type(query)
    page.click("[data-testid=editor-Run]")
    frame = (
        page.locator("[data-testid=frame]")
        .filter(has=page.locator("[data-testid=frameCommand]", has_text=query))
        .first  # frames go on top of the stream: the newest run of this query
    )
    frame.wait_for()
    return frame


def wait_for_graph(page: Any, frame: Any) -> None:
    """Wait until the result frame draws a graph (or fails), then until its layout settles."""
    nodes = frame.locator("svg g.node")
    failed = frame.locator(FRAME_ERROR)
    try:
        nodes.first.or_(failed).first.wait_for(state="visible")
    except Exception as exc:
        raise ShotError(f"no graph was drawn; does the query return nodes? ({exc})") from None
    if not nodes.count():
        raise ShotError(f"the query failed in Neo4j Browser: {failed.first.inner_text()}")
    # The force layout animates for a moment; wait until no node moves between two looks.
    deadline = time.monotonic() + 15
    positions = None
    while time.monotonic() < deadline:
        now = nodes.evaluate_all("els => els.map(e => e.getAttribute('transform'))")
        if now == positions:
            return
        positions = now
        page.wait_for_timeout(400)


def node_captions(frame: Any) -> list[str]:
    """The captions of the drawn nodes, each joined from its wrapped SVG text lines."""
    captions: list[str] = frame.locator("svg g.node").evaluate_all(
        "els => els.map(e => Array.from(e.querySelectorAll('text.caption'))"
        ".map(t => t.textContent.trim()).join(' '))"
    )
    return [" ".join(c.split()) for c in captions]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=DEFAULT_URL, help="Neo4j Browser (default: %(default)s)")
    parser.add_argument("--bolt", default=DEFAULT_BOLT, help="connect URL (default: %(default)s)")
    parser.add_argument("--user", default=os.environ.get("NEO4J_USER") or "neo4j")
    parser.add_argument("--database", default=None, help="database (default: the server's)")
    parser.add_argument("--query", default=DEFAULT_QUERY, help="Cypher returning a graph")
    parser.add_argument("--out", type=Path, default=Path("docs/neo4j-browser.png"))
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--chromium", default=None, help="Chromium binary (default: on PATH)")
    args = parser.parse_args(argv)

    password = os.environ.get("NEO4J_PASSWORD")
    if not password:
        parser.error("set NEO4J_PASSWORD (the password is read from the environment only)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print(f"error: the playwright package is missing: {INSTALL_HINT}", file=sys.stderr)
        return 1
    try:
        chromium = find_chromium(args.chromium)
        with tempfile.TemporaryDirectory(prefix="browser-shot-") as profile, sync_playwright() as p:
            context = launch(p, chromium, Path(profile), args.width, args.height)
            try:
                page = context.pages[0] if context.pages else context.new_page()
                connect(page, args.url, args.bolt, args.user, password, args.database)
                close_frames(page, ":play start")
                frame = run_query(page, args.query)
                wait_for_graph(page, frame)
                page.mouse.move(0, args.height - 1)  # no hover highlight in the picture
                page.evaluate("document.activeElement && document.activeElement.blur()")
                if password in page.inner_text("body"):
                    raise ShotError("the password is visible on the page; not saving")
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
                captions = sorted(node_captions(frame))
            finally:
                context.close()
    except ShotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}: {len(captions)} nodes ({', '.join(captions)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
